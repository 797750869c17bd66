/**
 * A tiny Python source builder that knows the three Keras dialects: it records which Keras symbols
 * a snippet uses and writes the right imports for the dialect, so every snippet is complete.
 */
import type { DialectId } from './dialect.js';

type KerasModule = 'models' | 'layers' | 'optimizers' | 'callbacks' | 'regularizers' | 'utils';

const SYMBOLS: Record<string, KerasModule> = {
  Sequential: 'models',
  load_model: 'models',
  LSTM: 'layers',
  Dense: 'layers',
  Dropout: 'layers',
  GaussianNoise: 'layers',
  Input: 'layers',
  InputLayer: 'layers',
  Adam: 'optimizers',
  RMSprop: 'optimizers',
  SGD: 'optimizers',
  EarlyStopping: 'callbacks',
  ModelCheckpoint: 'callbacks',
  LearningRateScheduler: 'callbacks',
  ReduceLROnPlateau: 'callbacks',
  TerminateOnNaN: 'callbacks',
  CSVLogger: 'callbacks',
  l2: 'regularizers',
  set_random_seed: 'utils',
};
export type KerasSymbol = keyof typeof SYMBOLS;

/** Names a snippet may use without defining: the user's own data and model. Documented in docs/advice.md. */
export const USER_NAMES = ['X_train', 'y_train', 'X_val', 'y_val', 'X', 'y', 'model', 'history', 'series'] as const;

export class Py {
  private readonly froms = new Map<string, Set<string>>();
  private readonly plain = new Set<string>();
  constructor(readonly dialect: DialectId) {}

  /** The expression for a Keras symbol in this dialect (and remember its import). */
  k(name: KerasSymbol): string {
    const mod = SYMBOLS[name];
    if (this.dialect === 'keras3') {
      this.plain.add('import keras');
      if (name === 'Sequential' || name === 'Input') return `keras.${name}`;
      return `keras.${mod}.${name}`;
    }
    const root = this.dialect === 'keras2' ? 'keras' : 'tensorflow.keras';
    this.from(`${root}.${mod}`, name);
    return name;
  }

  /** `from module import name` */
  from(module: string, name: string): this {
    let s = this.froms.get(module);
    if (!s) this.froms.set(module, (s = new Set()));
    s.add(name);
    return this;
  }

  /** a whole import line, e.g. `import numpy as np` */
  imp(line: string): this {
    this.plain.add(line);
    return this;
  }

  /** The learning-rate keyword: Keras 2.3.1 snippets keep the guide's `lr=`; tf.keras and Keras 3 need `learning_rate=`. */
  get lr(): 'lr' | 'learning_rate' {
    return this.dialect === 'keras2' ? 'lr' : 'learning_rate';
  }

  /** `Adam(lr=0.001)` / `Adam(learning_rate=0.001)` with extra keyword arguments. */
  opt(name: 'Adam' | 'RMSprop' | 'SGD', lr: number | string, extra = ''): string {
    return `${this.k(name)}(${this.lr}=${typeof lr === 'number' ? num(lr) : lr}${extra ? ', ' + extra : ''})`;
  }

  /** The first element of a Sequential list: an input of shape (n_steps, n_features). */
  input(shape = '(n_steps, n_features)'): string {
    // Keras 2.3.1 Sequential takes an InputLayer; tf.keras and Keras 3 take keras.Input (Keras 3 warns on input_shape=).
    if (this.dialect === 'keras2') return `${this.k('InputLayer')}(input_shape=${shape})`;
    return `${this.k('Input')}(shape=${shape})`;
  }

  /** Checkpoint file name: Keras 3 needs `.keras` for whole models; tf.keras (2.x and 2.16+) accepts `.weights.h5` weights. */
  checkpoint(): { file: string; extra: string } {
    if (this.dialect === 'keras3') return { file: 'best_model.keras', extra: '' };
    if (this.dialect === 'tfkeras') return { file: 'best.weights.h5', extra: ', save_weights_only=True' };
    return { file: 'best_model.h5', extra: '' };
  }

  /** Seeding: keras.utils.set_random_seed (TF >= 2.7, Keras 3); Keras 2.3.1 needs numpy + python + TF seeds. */
  seedLines(seedExpr: string, indent = ''): string[] {
    if (this.dialect === 'keras2') {
      this.imp('import random').imp('import numpy as np').imp('import tensorflow as tf');
      return [
        `${indent}random.seed(${seedExpr})`,
        `${indent}np.random.seed(${seedExpr})`,
        `${indent}tf.random.set_seed(${seedExpr})  # TF 1.x backend: tf.set_random_seed(${seedExpr})`,
      ];
    }
    const note = this.dialect === 'tfkeras' ? '  # TF >= 2.7; older: tf.random.set_seed + np.random.seed' : '';
    return [`${indent}${this.k('set_random_seed')}(${seedExpr})${note}`];
  }

  render(body: string[]): string {
    const lines: string[] = [];
    const plain = [...this.plain].sort((a, b) => importRank(a) - importRank(b) || a.localeCompare(b));
    lines.push(...plain);
    const mods = [...this.froms.keys()].sort((a, b) => importRank(a) - importRank(b) || a.localeCompare(b));
    for (const m of mods) lines.push(`from ${m} import ${[...this.froms.get(m)!].sort().join(', ')}`);
    const out = [...lines, ...(lines.length ? [''] : []), ...body];
    return (
      out
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trimEnd() + '\n'
    );
  }
}

function importRank(s: string): number {
  if (/\b(keras|tensorflow)\b/.test(s)) return 2;
  if (/\b(numpy|sklearn|hyperopt|matplotlib|pandas)\b/.test(s)) return 1;
  return 0; // standard library
}

/** A Python literal for a number: 0.001, 1e-05, 32, 1.0 */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0.0';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [m, e] = v.toExponential().split('e');
    return `${Number(Number(m).toPrecision(2))}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** A safe Python string literal for a metric name coming from the user's log. */
export function pyStr(s: string, fallback = 'val_loss'): string {
  const clean = /^[A-Za-z_][A-Za-z0-9_./ -]{0,60}$/.test(s) ? s : fallback;
  return `'${clean.replace(/\\/g, '').replace(/'/g, '')}'`;
}

/** A safe one-line Python comment (user text can contain anything). */
export function pyComment(s: string): string {
  return (
    '# ' +
    s
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/[^\x20-\x7E\u00A0-\u024F±×÷…→—–]/g, '?')
      .slice(0, 200)
  );
}

export interface LayerSpec {
  units: number;
  dropout?: number;
  recurrentDropout?: number;
  l2?: number;
}
export type Task = 'regression' | 'binary' | 'multiclass';

/** Output layer, loss and metrics for the task. */
export function head(py: Py, task: Task): { out: string; loss: string; metrics: string; prelude: string[] } {
  const Dense = py.k('Dense');
  if (task === 'binary')
    return {
      out: `${Dense}(1, activation='sigmoid')`,
      loss: "'binary_crossentropy'",
      metrics: "['accuracy']",
      prelude: [],
    };
  if (task === 'multiclass')
    return {
      out: `${Dense}(n_classes, activation='softmax')`,
      loss: "'sparse_categorical_crossentropy'",
      metrics: "['accuracy']",
      prelude: [
        'n_classes = int(y_train.max()) + 1  # integer labels 0..n_classes-1; one-hot labels: y_train.shape[-1] and categorical_crossentropy',
      ],
    };
  return { out: `${Dense}(1)`, loss: "'mse'", metrics: "['mae']", prelude: [] };
}

/** `LSTM(64, return_sequences=True, dropout=0.2, ...)` */
export function lstm(py: Py, l: LayerSpec, returnSequences: boolean): string {
  const args = [String(l.units)];
  if (returnSequences) args.push('return_sequences=True');
  if (l.l2) args.push(`kernel_regularizer=${py.k('l2')}(${num(l.l2)})`);
  if (l.dropout) args.push(`dropout=${num(l.dropout)}`);
  if (l.recurrentDropout) args.push(`recurrent_dropout=${num(l.recurrentDropout)}`);
  return `${py.k('LSTM')}(${args.join(', ')})`;
}

export interface ModelSpec {
  layers: LayerSpec[];
  /** Dropout layer after each LSTM */
  dropoutBetween?: number;
  /** GaussianNoise on the inputs */
  noise?: number;
  dense?: number;
  task: Task;
  lr: number;
  optimizer?: 'Adam' | 'RMSprop' | 'SGD';
  clip?: string;
}

/** Lines defining `model` (shape lines, Sequential list, compile). */
export function modelLines(py: Py, m: ModelSpec, indent = ''): string[] {
  const h = head(py, m.task);
  const items: string[] = [py.input()];
  if (m.noise) items.push(`${py.k('GaussianNoise')}(${num(m.noise)})  # active only while training`);
  m.layers.forEach((l, i) => {
    items.push(lstm(py, l, i < m.layers.length - 1));
    if (m.dropoutBetween) items.push(`${py.k('Dropout')}(${num(m.dropoutBetween)})`);
  });
  if (m.dense) items.push(`${py.k('Dense')}(${m.dense}, activation='relu')`);
  items.push(h.out);
  const opt =
    m.optimizer === 'SGD'
      ? py.opt('SGD', m.lr, `momentum=${num(SGD_M)}${m.clip ? ', ' + m.clip : ''}`)
      : py.opt(m.optimizer ?? 'Adam', m.lr, m.clip ?? '');
  return [
    ...h.prelude.map((l) => indent + l),
    `${indent}model = ${py.k('Sequential')}([`,
    ...items.map((s) => withComma(`${indent}    ${s}`)),
    `${indent}])`,
    `${indent}model.compile(optimizer=${opt}, loss=${h.loss}, metrics=${h.metrics})`,
  ];
}
const SGD_M = 0.9; // GUIDE optimizer table: SGD momentum 0.9 (also knowledge/numbers.ts SGD_MOMENTUM)

/** put the comma before a trailing comment */
function withComma(line: string): string {
  const i = line.indexOf('  # ');
  return i < 0 ? line + ',' : line.slice(0, i) + ',' + line.slice(i);
}

/** `n_steps, n_features = ...` */
export const SHAPE_LINE =
  'n_steps, n_features = X_train.shape[1], X_train.shape[2]  # X_train: (samples, n_steps, n_features)';
