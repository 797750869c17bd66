/**
 * Which Keras the user writes. Snippets come in three dialects; the log usually tells which one
 * (ingest summarises the clues in log.dialect), and the user can always override.
 */
import type { TrainingLog } from '../ingest/schema.js';

export const DIALECTS = ['keras2', 'tfkeras', 'keras3'] as const;
export type DialectId = (typeof DIALECTS)[number];

export const DIALECT_LABELS: Record<DialectId, string> = {
  keras2: 'standalone Keras 2.3.1 (`from keras.layers import LSTM`, `Adam(lr=...)`)',
  tfkeras: 'tf.keras, TensorFlow 2.x (`from tensorflow.keras...`, `learning_rate=`)',
  keras3: 'Keras 3 (`import keras`, `keras.layers...`)',
};

/** What an agent's code is written for (a reinforcement-learning run): the same in every dialect. */
export const RL_CODE_LABEL = 'Stable-Baselines3 and Gymnasium' as const;

/** When nothing in the log tells: tf.keras is what most people run (and it also runs on TF >= 2.16, where tf.keras is Keras 3). */
export const DEFAULT_DIALECT: DialectId = 'tfkeras';

export function isDialect(x: unknown): x is DialectId {
  return typeof x === 'string' && (DIALECTS as readonly string[]).includes(x);
}

/** The dialect the log's clues point to ('unknown' and non-Keras logs fall back to tf.keras). */
export function dialectFromLog(log: TrainingLog | undefined | null): DialectId {
  const f = log?.dialect?.flavour;
  return isDialect(f) ? f : DEFAULT_DIALECT;
}

export interface ResolvedDialect {
  dialect: DialectId;
  source: 'override' | 'log' | 'default';
  clues: string[];
}

/** Override first, then the log, then the default; says which and why. */
export function resolveDialect(log: TrainingLog | undefined | null, override?: string): ResolvedDialect {
  const clues = log?.dialect?.clues ?? [];
  if (override !== undefined && isDialect(override)) return { dialect: override, source: 'override', clues };
  const f = log?.dialect?.flavour;
  if (isDialect(f)) return { dialect: f, source: 'log', clues };
  return { dialect: DEFAULT_DIALECT, source: 'default', clues };
}

/** Accepts the names people type: "tf", "tf.keras", "keras 2", "k3", ... */
export function parseDialect(s: string): DialectId | undefined {
  const t = s.toLowerCase().replace(/[\s._-]/g, '');
  if (isDialect(t)) return t;
  if (/^(tf|tfkeras|tensorflow|tensorflowkeras|tf2)$/.test(t)) return 'tfkeras';
  if (/^(k2|keras2|keras23|keras231|standalone|keras2x)$/.test(t)) return 'keras2';
  if (/^(k3|keras3|keras3x|keras30)$/.test(t)) return 'keras3';
  return undefined;
}
