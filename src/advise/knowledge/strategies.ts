/**
 * The strategy catalogue: each remedy once, as data plus two small functions:
 *   derive(ctx) -> parameters sized from the run's evidence, the sentence that explains them
 *                  (quoting every evidence number it used) and the cites;
 *   code(py, params) -> the snippet body (the Py builder adds the dialect's imports).
 * `defaults` are the teaching parameters (explain()/why() replies, no run at hand).
 */
import { fmt, listed, pct } from '../format.js';
import { modelLines, num, Py, pyStr, SHAPE_LINE, type Task } from '../python.js';
import type { Cite } from '../reply.js';
import { cites, valCurveOnly, valMetricWithoutLoss, type Ctx } from './context.js';
import * as N from './numbers.js';

export interface Derived<P> {
  params: P;
  why: string;
  cites: Cite[];
  title?: string;
}

export interface StrategyDef<P = any> {
  id: string;
  title: string;
  /** the generic why, for teaching replies */
  summary: string;
  /** where the knowledge comes from */
  source: string;
  defaults: P;
  /** which runs it is for: supervised training (absent, the default), also reinforcement-learning runs
   * (`also`: the remedy and its code hold for an agent's network too), or those only (`only`) */
  rl?: 'also' | 'only';
  /** false when the evidence rules this strategy out (default: applies) */
  applies?(c: Ctx): boolean;
  /** a remedy for what one kind of log lacks or shows (a held-out score at no skill, a validation curve alone): only
   * a run's evidence can call for it, so teaching replies (no run) leave it out */
  forRunsOnly?: true;
  derive(c: Ctx): Derived<P>;
  code(py: Py, p: P): string[];
  /** the snippet for an agent (Stable-Baselines3, or your own PyTorch loop) where `code` is Keras: strategies with
   * `rl: 'also'`; the same in every dialect */
  rlCode?(py: Py, p: P): string[];
}

/** Is the strategy for this kind of run: a reinforcement-learning agent's reward (`rl`), or supervised training? */
export function fitsRun(def: StrategyDef, rl: boolean): boolean {
  return rl ? def.rl !== undefined : def.rl !== 'only';
}

function def<P>(d: StrategyDef<P>): StrategyDef<P> {
  return d;
}

// ---- shared derivations -----------------------------------------------------------------------

function fitLine(
  p: { monitor?: string; epochs: number | string; batch?: number; callbacks?: string; extra?: string },
  indent = '',
): string {
  const cb = p.callbacks ? `, callbacks=${p.callbacks}` : '';
  return `${indent}history = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${p.batch ?? N.BATCH_START}${cb}${p.extra ?? ''})`;
}

/** Early-stopping patience from the evidence; explains the formula it used. */
export function patienceFor(c: Ctx): { n: number; how: string; cites: Cite[] } {
  const sp = c.cite('suggested_patience');
  const vol = c.cite('val_volatility');
  const unitWord = c.unit === 'step' ? 'evaluations' : 'epochs';
  if (sp && sp.value >= 1) {
    const n = Math.round(sp.value);
    return {
      n,
      how: `patience=${n} is the suggested patience for this run's validation noise, in ${unitWord}${sp.shown === String(n) ? '' : ` (${sp.shown} rounded)`}`,
      cites: [sp],
    };
  }
  const pts = c.points();
  const base = Math.max(N.PATIENCE_MIN, Math.round(pts.value / N.PATIENCE_RUN_DIVISOR));
  let n = base;
  let how = `patience=${base} = max(${N.PATIENCE_MIN}, ${pts.shown} points / ${N.PATIENCE_RUN_DIVISOR}) (AUTOTRAINER's rule)`;
  const used = [pts];
  if (vol && vol.value > N.NOISY_VAL_VOLATILITY) {
    n = Math.ceil(base * N.PATIENCE_NOISY_FACTOR);
    how += `, x${N.PATIENCE_NOISY_FACTOR} = ${n} because validation noise is ${vol.shown}`;
    used.push(vol);
  }
  const cap = Math.max(N.PATIENCE_MIN, Math.floor(pts.value * N.PATIENCE_MAX_RUN_FRACTION));
  if (n > cap) {
    n = cap;
    how += `, capped at half the run (${cap})`;
  }
  return { n, how, cites: used };
}

/** The current learning rate: logged, else Adam's default (said so). */
function lrNow(c: Ctx): { lr: number; said: string; cites: Cite[] } {
  // the rate the user configured is the first one logged (schedules and ReduceLROnPlateau lower it later)
  const f = c.cite('lr_first');
  if (f && f.value > 0) return { lr: f.value, said: `your starting learning rate ${f.shown}`, cites: [f] };
  const l = c.cite('lr_last');
  if (l && l.value > 0) return { lr: l.value, said: `your last learning rate ${l.shown}`, cites: [l] };
  // an agent's rate is set on its algorithm: Stable-Baselines3's PPO default, not Keras' Adam default
  const [lr, whose] = c.rl ? [N.LR_SB3_PPO_DEFAULT, "Stable-Baselines3 PPO's"] : [N.LR_ADAM_DEFAULT, "Adam's"];
  return { lr, said: `${whose} default ${fmt(lr)} (your log has no lr column; use your own value)`, cites: [] };
}

/** The first lines of an agent's snippet: the algorithm made with the settings changed (Stable-Baselines3). */
function sb3Lines(py: Py, settings: string, algo: 'PPO' | 'DQN' = 'PPO'): string[] {
  py.imp(`from stable_baselines3 import ${algo}  # or the algorithm you use`);
  return [
    "ENV_ID = 'CartPole-v1'  # your environment",
    `model = ${algo}('MlpPolicy', ENV_ID, ${settings})  # your policy and other settings`,
  ];
}

function gapCite(c: Ctx): Cite | undefined {
  return (
    c.cite('gap_ratio_last') ??
    c.cite('val_rise_after_best') ??
    c.cite('metric_gap_last') ??
    c.cite('gap_ratio_at_best')
  );
}

/** How many runs the log holds, as a cite, when it holds more than one. */
function runsCite(c: Ctx): Cite | undefined {
  const n = c.dx.run.count;
  return n > 1 ? { name: 'run.count', value: n, shown: String(n), label: 'runs in the log' } : undefined;
}

function orPoints(c: Ctx, list: Cite[]): Cite[] {
  return list.length ? list : [c.points()];
}

function sizeByGap(c: Ctx): { g: number | undefined; cite?: Cite } {
  const g = c.cite('gap_ratio_last') ?? c.cite('val_rise_after_best');
  return { g: g?.value, cite: g };
}

const taskNote = (t: Task) =>
  t === 'regression'
    ? ''
    : t === 'binary'
      ? ' (binary classification head: sigmoid + binary_crossentropy)'
      : ' (multi-class head: softmax + sparse_categorical_crossentropy)';

// ---- the catalogue ----------------------------------------------------------------------------

export const early_stopping = def({
  id: 'early_stopping',
  title: 'Stop at the best epoch: EarlyStopping with restore_best_weights',
  summary:
    'EarlyStopping watches val_loss and stops once it has not improved for `patience` epochs; restore_best_weights=True puts back the weights of the best epoch (the guide omits it: without it you keep the last, worse weights). Pair it with ModelCheckpoint(save_best_only=True) to keep the best model on disk.',
  source: 'guide (corrected: restore_best_weights), DIAGNOSIS.md b.5',
  defaults: { patience: N.GUIDE_PATIENCE_HIGH_VARIANCE, monitor: 'val_loss', mode: 'min', epochs: N.GUIDE_EPOCHS },
  derive(c) {
    const p = patienceFor(c);
    const best = c.cite('best_x');
    const bestV = c.cite('best_val');
    const last = c.cite('last_x');
    const saved = c.cite('epochs_saved_fraction');
    const used: Cite[] = [];
    let why: string;
    if (best && last) {
      used.push(...[bestV, best, last].filter((x): x is Cite => !!x));
      const stopAt = Math.min(last.value, best.value + p.n);
      let savedText: string;
      if (saved) {
        used.push(saved);
        savedText = `would have saved ${saved.shown} of the run`;
      } else {
        const frac = last.value > 0 ? Math.max(0, (last.value - stopAt) / last.value) : 0;
        savedText = `would have stopped at ${c.unit} ${fmt(stopAt)} and saved ${pct(frac)} of the run`;
      }
      why = `Best ${c.monitor}${bestV ? ' ' + bestV.shown : ''} at ${best.shown} (of ${fmt(last.value)} ${c.unit}s); EarlyStopping(monitor='${c.monitor}', patience=${p.n}, restore_best_weights=True) ${savedText} and kept the weights of ${best.shown}. ${p.how}.`;
    } else {
      why = `EarlyStopping(monitor='${c.monitor}', patience=${p.n}, restore_best_weights=True) stops when ${c.monitor} stops improving and keeps the best weights; ${p.how}.`;
    }
    if (c.dx.pattern === 'high_variance' && p.n !== N.GUIDE_PATIENCE_HIGH_VARIANCE)
      why += ` (The guide uses a fixed patience=${N.GUIDE_PATIENCE_HIGH_VARIANCE}; this one is sized to your run.)`;
    used.push(...p.cites);
    return { params: { patience: p.n, monitor: c.monitor, mode: c.mode, epochs: c.length }, why, cites: dedupe(used) };
  },
  code(py, p) {
    const ck = py.checkpoint();
    return [
      `early = ${py.k('EarlyStopping')}(monitor=${pyStr(p.monitor)}, mode='${p.mode}', patience=${p.patience}, restore_best_weights=True)`,
      `best = ${py.k('ModelCheckpoint')}('${ck.file}', monitor=${pyStr(p.monitor)}, mode='${p.mode}', save_best_only=True${ck.extra})`,
      fitLine({ epochs: p.epochs, callbacks: '[early, best]' }),
      `print('stopped at epoch', early.stopped_epoch, '- best', ${pyStr(p.monitor)}, ${p.mode}(history.history[${pyStr(p.monitor)}]))`,
    ];
  },
});

export const checkpoint = def({
  id: 'checkpoint',
  title: 'Keep the best weights, not the last ones',
  summary:
    'When training stops (by EarlyStopping or at the last epoch), the model holds the last weights. ModelCheckpoint(save_best_only=True) writes the best epoch to disk; EarlyStopping(restore_best_weights=True) restores it in memory. Keras 3 needs a `.keras` file name for whole models.',
  source: 'guide case study (ModelCheckpoint save_best_only), corrected: restore_best_weights',
  defaults: { monitor: 'val_loss', mode: 'min', patience: N.GUIDE_PATIENCE_CASE_STUDY, epochs: N.GUIDE_EPOCHS },
  derive(c) {
    const best = c.cite('best_x');
    const last = c.cite('last_x');
    const bv = c.cite('best_val');
    const p = patienceFor(c);
    const used = best && last ? [best, bv, last].filter((x): x is Cite => !!x) : [];
    const why =
      best && last
        ? best.value >= last.value
          ? `Your best ${c.monitor}${bv ? ' (' + bv.shown + ')' : ''} was at the last ${c.unit} (${best.shown}, the last of ${fmt(last.value)} ${c.unit}s), so this time the last model is the best; checkpoint anyway so longer runs keep their best ${c.unit}. ${capital(p.how)}.`
          : `Your best ${c.monitor}${bv ? ' (' + bv.shown + ')' : ''} was at ${best.shown}, the run ended at ${last.shown}: the model you saved is the last one unless you checkpoint. Save the best with ModelCheckpoint(save_best_only=True) and restore it with restore_best_weights=True; ${p.how}.`
        : `Checkpoint the best ${c.monitor} so stopping late costs nothing; ${p.how}.`;
    return {
      params: { monitor: c.monitor, mode: c.mode, patience: p.n, epochs: c.length },
      why,
      cites: dedupe([...used, ...p.cites]),
    };
  },
  code(py, p) {
    const ck = py.checkpoint();
    const loadLine =
      py.dialect === 'tfkeras'
        ? `model.load_weights('${ck.file}')  # the best epoch's weights`
        : `model = ${py.k('load_model')}('${ck.file}')  # the best epoch`;
    return [
      `best = ${py.k('ModelCheckpoint')}('${ck.file}', monitor=${pyStr(p.monitor)}, mode='${p.mode}', save_best_only=True${ck.extra})`,
      `early = ${py.k('EarlyStopping')}(monitor=${pyStr(p.monitor)}, mode='${p.mode}', patience=${p.patience}, restore_best_weights=True)`,
      fitLine({ epochs: p.epochs, callbacks: '[best, early]' }),
      loadLine,
    ];
  },
});

export const dropout = def({
  id: 'dropout',
  title: 'Add dropout',
  summary: `Dropout randomly silences units while training so the network cannot memorise. For LSTMs: \`dropout=\` on the inputs of the layer, \`recurrent_dropout=\` on the recurrent state, or Dropout layers between LSTMs. Rates ${N.DROPOUT_MIN}-${N.DROPOUT_MAX}. Note: recurrent_dropout > 0 disables the fast cuDNN kernel in TF2 (training can be several times slower on GPU); prefer \`dropout=\` and Dropout layers if speed matters.`,
  source: 'guide (overfitting), DIAGNOSIS.md b.5; correction: recurrent_dropout disables cuDNN',
  defaults: { rate: N.DROPOUT_MIN, task: 'regression' as Task },
  derive(c) {
    const { g, cite } = sizeByGap(c);
    const rate =
      g === undefined
        ? N.DROPOUT_MIN
        : g >= N.GAP_WIDE
          ? N.DROPOUT_MAX
          : g >= N.GAP_MEDIUM
            ? N.DROPOUT_MID
            : N.DROPOUT_MIN;
    const gapText = cite
      ? `${cite.label} is ${cite.shown}, so start at dropout ${rate} (${N.DROPOUT_MIN} below a ${pct(N.GAP_MEDIUM)} gap, ${N.DROPOUT_MID} up to ${pct(N.GAP_WIDE)}, ${N.DROPOUT_MAX} above)`
      : `start at dropout ${rate}`;
    const used = orPoints(c, cite ? [cite] : []);
    const why = `${gapText}. Put it on the LSTM inputs and between layers; recurrent_dropout also works but turns off the cuDNN kernel (slow on GPU)${used[0].name === 'points' ? ` (no gap measured over the ${used[0].shown} points, so the guide's 0.2)` : ''}.`;
    return { params: { rate, task: c.task }, why, cites: used };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      '# keep your own units; this shows where dropout goes',
      ...modelLines(py, {
        layers: [
          { units: N.DEMO_UNITS, dropout: p.rate },
          { units: N.DEMO_UNITS / 2, dropout: p.rate },
        ],
        dropoutBetween: p.rate,
        task: p.task,
        lr: N.LR_ADAM_DEFAULT,
      }),
    ];
  },
});

export const l2 = def({
  id: 'l2',
  title: 'Add a small L2 weight penalty',
  summary: `kernel_regularizer=l2(...) penalises large weights. The guide uses l2(${N.GUIDE_L2}); for LSTM kernels that is usually too strong (the loss is dominated by the penalty and the model underfits): start at ${N.L2_START}-${N.L2_STRONG}.`,
  source: 'guide (corrected: 0.01 -> 1e-4..1e-3), DIAGNOSIS.md b.5',
  defaults: { l2: N.L2_START, task: 'regression' as Task },
  derive(c) {
    const { g, cite } = sizeByGap(c);
    const v = g !== undefined && g >= N.GAP_WIDE ? N.L2_STRONG : N.L2_START;
    const used = orPoints(c, cite ? [cite] : []);
    const why = cite
      ? `${cite.label} is ${cite.shown}: add kernel_regularizer=l2(${num(v)}) (${num(N.L2_STRONG)} when the gap is above ${pct(N.GAP_WIDE)}, else ${num(N.L2_START)}). The guide's l2(${N.GUIDE_L2}) is usually too strong for LSTMs.`
      : `Over the ${used[0].shown} points no gap was measured; if you add L2, start with l2(${num(v)}), not the guide's ${N.GUIDE_L2}.`;
    return { params: { l2: v, task: c.task }, why, cites: used };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS, l2: p.l2 }], task: p.task, lr: N.LR_ADAM_DEFAULT }),
    ];
  },
});

export const smaller_model = def({
  id: 'smaller_model',
  title: 'Shrink the model: fewer units, fewer layers',
  summary: `A network with more capacity than the data needs memorises it. Halve the units (the guide goes ${N.GUIDE_UNITS_FROM} -> ${N.GUIDE_UNITS_TO}) or drop a stacked LSTM layer, then compare the best val_loss.`,
  source: 'guide (overfitting)',
  defaults: { units: N.GUIDE_UNITS_TO, task: 'regression' as Task },
  derive(c) {
    const used = dedupe(
      [c.cite('train_change_since_best'), c.cite('val_change_since_best'), c.cite('gap_ratio_last')].filter(
        (x): x is Cite => !!x,
      ),
    ).slice(0, 2);
    const u = orPoints(c, used);
    const evid = u.map((x) => `${x.label} ${x.shown}`).join(', ');
    // a validation curve alone cannot show training improving: only validation turning worse
    const state = valCurveOnly(c.dx)
      ? `Validation turns worse as training goes on (${evid}): what the model learns after its best does not carry over to new data, the mark of capacity to memorise`
      : `Training keeps improving while validation does not (${evid}): the model has capacity to memorise`;
    const why = `${state}. Try half your units (e.g. ${N.GUIDE_UNITS_FROM} -> 64, the guide goes to ${N.GUIDE_UNITS_TO}) and one LSTM layer fewer.`;
    return { params: { units: N.GUIDE_UNITS_TO, task: c.task }, why, cites: u };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      `# was e.g. LSTM(${N.GUIDE_UNITS_FROM}, return_sequences=True) -> LSTM(64); now one smaller layer`,
      ...modelLines(py, { layers: [{ units: p.units }], task: p.task, lr: N.LR_ADAM_DEFAULT }),
    ];
  },
});

export const noise_augmentation = def({
  id: 'noise_augmentation',
  title: 'More data, or noise augmentation',
  summary: `More (or more varied) training data is the most reliable cure for overfitting. For sequences you can add small Gaussian noise to the (standardised) inputs while training: GaussianNoise(${N.NOISE_STDDEV}) is active only in training.`,
  source: 'guide (overfitting), AUTOTRAINER GaussianNoise(0.1)',
  defaults: { stddev: N.NOISE_STDDEV, task: 'regression' as Task },
  derive(c) {
    const g = gapCite(c);
    const u = orPoints(c, g ? [g] : []);
    const why = g
      ? `${g.label} ${g.shown}: ${valCurveOnly(c.dx) ? 'the model gets worse on new data as training goes on' : 'the model fits the training set much better than new data'}. Add data if you can; otherwise GaussianNoise(${N.NOISE_STDDEV}) on standardised inputs acts as augmentation.`
      : `With ${u[0].shown} points and no measured gap, noise augmentation GaussianNoise(${N.NOISE_STDDEV}) is a cheap experiment.`;
    return { params: { stddev: N.NOISE_STDDEV, task: c.task }, why, cites: u };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      '# inputs must be standardised (mean 0, std 1) for stddev to mean anything',
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], noise: p.stddev, task: p.task, lr: N.LR_ADAM_DEFAULT }),
    ];
  },
});

/** A training loss that fell beside a held-out score that never left its no-skill level (diagnose/held-out.ts): the
 * training data is fitted, so capacity, the learning rate and the optimiser are not what to change first. */
const heldOutNoSkill = (c: Ctx) => c.dx.pattern === 'underfitting' && c.dx.series.beside !== undefined;

export const held_out_check = def({
  id: 'held_out_check',
  title: 'Check the held-out data and the score before the model',
  summary:
    'A training loss that falls while the held-out score stays where a model with no skill would be (a Dice or a correlation near 0, a ROC AUC near 0.5) is rarely a model too small: the validation data differs from the training data (preprocessing, scaling, masks or labels in another order), the score is computed on something else (logits instead of probabilities, masks of another shape, a threshold never reached), or the model predicts only the majority class or the background. Measure the same score on part of the training data: high there, the data differ; at no skill there too, the score or the predictions are at fault.',
  source: 'ours (session 44): docs/diagnosis.md, a held-out score beside a training loss',
  defaults: {},
  forRunsOnly: true,
  applies: heldOutNoSkill,
  derive(c) {
    const used = orPoints(c, dedupe([c.cite('best_val'), c.cite('val_last')].filter((x): x is Cite => !!x)));
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')} while ${c.dx.series.beside ?? c.train} fell: the model fits its training data, and none of it shows on the held-out data. Measure ${c.dx.series.val ?? 'the score'} on part of the training data with the same code: high there, the validation data differ (preprocessing, scaling, masks or labels in another order); at no skill there too, the score or the predictions are at fault (a constant prediction, logits scored as probabilities, a threshold never reached).`;
    return { params: {}, why, cites: used };
  },
  code(py) {
    py.imp('import numpy as np');
    return [
      'part = slice(0, len(X_val))  # as many training samples as validation ones',
      "print('train:', model.evaluate(X_train[part], y_train[part], verbose=0))",
      "print('val:  ', model.evaluate(X_val, y_val, verbose=0))",
      "print('inputs, train vs val: mean', np.mean(X_train), np.mean(X_val), ' std', np.std(X_train), np.std(X_val))",
      'pred = model.predict(X_val, verbose=0)',
      "print('predictions: min', pred.min(), 'mean', pred.mean(), 'max', pred.max())  # all alike: a constant output",
    ];
  },
});

export const more_capacity = def({
  id: 'more_capacity',
  title: 'Give the model more capacity: stack LSTMs',
  summary: `When train and val losses are both high and close, the model is too small or too constrained. The guide stacks LSTM(${N.GUIDE_STACK[0]}, return_sequences=True) -> LSTM(${N.GUIDE_STACK[1]}); every LSTM except the last needs return_sequences=True. Remove regularisation you added before.`,
  source: 'guide (underfitting)',
  defaults: { stack: [...N.GUIDE_STACK], task: 'regression' as Task },
  applies: (c) => !heldOutNoSkill(c),
  derive(c) {
    const used = dedupe(
      [c.cite('train_last'), c.cite('val_last'), c.cite('gap_ratio_last'), c.cite('metric_val_last')].filter(
        (x): x is Cite => !!x,
      ),
    ).slice(0, 3);
    const u = orPoints(c, used);
    // a validation curve alone cannot show the training loss sitting close to it
    const state =
      c.dx.pattern !== 'underfitting'
        ? 'if the training loss itself has stalled at this level, the model lacks capacity'
        : valCurveOnly(c.dx)
          ? `${c.monitor} ${(c.ev.val_total_improvement ?? 0) > 0 ? 'barely improves' : 'does not improve'}, and if the training curve sits about as ${c.names.higher ? 'low' : 'high'} and close to it, the model cannot fit even the training data`
          : 'both curves sit high and close, so the model cannot fit even the training data';
    const why = `${u.map((x) => `${x.label} ${x.shown}`).join(', ')}: ${state}. Stack LSTM(${N.GUIDE_STACK[0]}, return_sequences=True) -> LSTM(${N.GUIDE_STACK[1]}) (the guide's step), and remove dropout/L2 until the training ${c.names.higher ? 'curve improves' : 'loss drops'}${taskNote(c.task)}.`;
    return { params: { stack: [...N.GUIDE_STACK], task: c.task }, why, cites: u };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      ...modelLines(py, { layers: p.stack.map((u: number) => ({ units: u })), task: p.task, lr: N.LR_ADAM_DEFAULT }),
    ];
  },
});

export const raise_lr = def({
  id: 'raise_lr',
  title: 'Tune the learning rate upwards',
  summary: `A loss that creeps down slowly is often a learning rate that is too small. The guide tries Adam between ${N.LR_RANGE_MIN} and ${N.LR_RANGE_MAX}; step by about x${N.LR_RAISE_PLATEAU} and keep the value that gives the lowest val_loss.`,
  source: 'guide (underfitting), AUTOTRAINER "LR x10" for not converged',
  defaults: { lr: N.LR_ADAM_DEFAULT * N.LR_RAISE_PLATEAU, task: 'regression' as Task },
  applies: (c) => !heldOutNoSkill(c),
  derive(c) {
    const now = lrNow(c);
    const q = c.cite('train_improvement_last_quarter');
    const target = Math.min(N.LR_RANGE_MAX, now.lr * N.LR_RAISE_PLATEAU);
    // without the last quarter's change, the run's length says how long it barely moved (not the lr cited first)
    const pts = q ? undefined : c.points();
    const used = dedupe([...now.cites, ...(q ? [q] : [pts!])]);
    const slow = q
      ? q.value <= 0
        ? `Training changed by ${q.shown} over the last quarter (no progress)`
        : q.value < N.SLOW_QUARTER
          ? `Training improved only ${q.shown} over the last quarter`
          : `Training improved ${q.shown} over the last quarter, but from a high level`
      : `Over ${pts!.shown} points the loss barely moved`;
    const why =
      now.lr >= N.LR_RANGE_MAX
        ? `${slow}, but ${now.said} is already at the top of the guide's range (${N.LR_RANGE_MAX}): look at capacity and the data instead, or try RMSprop.`
        : `${slow}; from ${now.said}, try learning_rate=${num(target)} (x${N.LR_RAISE_PLATEAU}, inside the guide's ${N.LR_RANGE_MIN}-${N.LR_RANGE_MAX} range).`;
    return { params: { lr: target, task: c.task }, why, cites: used };
  },
  code(py, p) {
    return [SHAPE_LINE, ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: p.lr })];
  },
});

export const train_longer = def({
  id: 'train_longer',
  title: 'Train longer',
  summary: `If the curves are still going down at the last epoch, the run ended too early. The guide suggests more epochs (e.g. ${N.GUIDE_EPOCHS}) with EarlyStopping as a safety net. model.fit(..., initial_epoch=...) continues the same model.`,
  source: 'guide (good fit, underfitting), DIAGNOSIS.md b.7a/11',
  defaults: { from: 100, more: 100, patience: N.GUIDE_PATIENCE_HIGH_VARIANCE, monitor: 'val_loss', mode: 'min' },
  // not when validation already got worse over the last quarter: more epochs would only overfit
  applies: (c) => !((c.ev.val_improvement_last_quarter ?? 0) < -N.STILL_IMPROVING_MIN),
  derive(c) {
    const tq = c.cite('train_improvement_last_quarter');
    const vq = c.cite('val_improvement_last_quarter');
    const remRaw = c.cite('remaining_epochs_estimate');
    const rem = remRaw && remRaw.value >= 1 ? remRaw : undefined;
    const last = c.cite('last_x');
    const quarter = Math.max(1, Math.round(c.length / 4));
    const more = rem ? Math.round(rem.value) : N.EXTRA_QUARTERS * quarter;
    const p = patienceFor(c);
    const imp = vq ?? tq;
    const lead = imp
      ? imp.value > N.STILL_IMPROVING_MIN
        ? `Still improving by ${imp.shown} over the last quarter (${imp.label})`
        : c.dx.pattern === 'good_fit'
          ? `${capital(imp.label)} ${imp.shown}: nearly flat, so a few more ${c.unit}s (the guide's advice for a good fit) will confirm it has settled`
          : `${capital(imp.label)} ${imp.shown}: nearly flat, so more ${c.unit}s alone will not help much; combine them with the changes above`
      : `No trend measured over the ${c.points().shown} points`;
    const moreText = rem
      ? `train ~${more} more ${c.unit}s (the measured estimate${rem.shown === String(more) ? '' : `: ${rem.shown}`})`
      : `train ~${more} more ${c.unit}s (${N.EXTRA_QUARTERS} more quarters of this run, then look again)`;
    const why = `${lead}: ${moreText}${last ? `, continuing from ${last.shown}` : ''}, with EarlyStopping(patience=${p.n}) as a safety net.`;
    const used = dedupe([imp, rem, last].filter((x): x is Cite => !!x));
    return {
      params: { from: c.length, more, patience: p.n, monitor: c.monitor, mode: c.mode },
      why,
      cites: orPoints(c, used),
    };
  },
  code(py, p) {
    return [
      `# continue the same model: Keras counts epochs from initial_epoch`,
      `early = ${py.k('EarlyStopping')}(monitor=${pyStr(p.monitor)}, mode='${p.mode}', patience=${p.patience}, restore_best_weights=True)`,
      fitLine({ epochs: p.from + p.more, callbacks: '[early]', extra: `, initial_epoch=${p.from}` }),
    ];
  },
});

export const lr_schedule = def({
  id: 'lr_schedule',
  title: 'Cosine learning-rate decay',
  summary:
    'A learning rate that starts high and decays smoothly (cosine) lets the model move fast early and settle late. LearningRateScheduler(schedule) calls schedule(epoch, lr) every epoch; tf.keras and Keras 3 also offer optimizers.schedules.CosineDecay (per step).',
  source: 'guide (hyperparameters: cosine decay with LearningRateScheduler)',
  defaults: { lrMax: N.LR_ADAM_DEFAULT, lrMin: N.LR_FLOOR * 10, epochs: N.GUIDE_EPOCHS },
  derive(c) {
    const now = lrNow(c);
    const q = c.cite('val_improvement_last_quarter') ?? c.cite('train_improvement_last_quarter');
    const drops = c.cite('lr_drops');
    const used = orPoints(c, dedupe([...now.cites, ...(q ? [q] : []), ...(drops ? [drops] : [])]));
    const epochs = Math.max(c.length, N.SCHEDULE_MIN_EPOCHS);
    const why = `${q ? `${q.label} ${q.shown}` : `${used[0].label} ${used[0].shown}`}: decay from ${now.said} down to ${num(now.lr * N.COSINE_MIN_RATIO)} over ${epochs} ${c.unit}s with a cosine schedule, so late ${c.unit}s take small, stable steps${drops ? ` (your run already had ${drops.shown} lr drops)` : ''}.`;
    return { params: { lrMax: now.lr, lrMin: now.lr * N.COSINE_MIN_RATIO, epochs }, why, cites: used };
  },
  code(py, p) {
    py.imp('import math');
    return [
      `EPOCHS = ${p.epochs}`,
      `LR_MAX, LR_MIN = ${num(p.lrMax)}, ${num(p.lrMin)}`,
      '',
      'def cosine(epoch, lr):',
      '    return LR_MIN + 0.5 * (LR_MAX - LR_MIN) * (1 + math.cos(math.pi * epoch / EPOCHS))',
      '',
      `schedule = ${py.k('LearningRateScheduler')}(cosine, verbose=1)`,
      fitLine({ epochs: 'EPOCHS', callbacks: '[schedule]' }),
    ];
  },
});

export const reduce_on_plateau = def({
  id: 'reduce_on_plateau',
  title: 'Cut the learning rate when val_loss plateaus',
  summary: `ReduceLROnPlateau(monitor='val_loss', factor=${N.PLATEAU_FACTOR}, patience=${N.PLATEAU_PATIENCE}) divides the learning rate when progress stalls; the smaller steps often find a lower loss.`,
  source: 'AUTOTRAINER ReduceLROnPlateau(0.2, 5); Keras defaults',
  defaults: {
    factor: N.PLATEAU_FACTOR,
    patience: N.PLATEAU_PATIENCE,
    monitor: 'val_loss',
    mode: 'min',
    epochs: N.GUIDE_EPOCHS,
  },
  derive(c) {
    const q = c.cite('val_improvement_last_quarter') ?? c.cite('train_improvement_last_quarter');
    const now = lrNow(c);
    const used = orPoints(c, dedupe([...(q ? [q] : []), ...now.cites]));
    const pat = Math.max(
      N.PLATEAU_PATIENCE_MIN,
      Math.min(N.PLATEAU_PATIENCE, Math.round(c.points().value / N.PLATEAU_RUN_DIVISOR)),
    );
    const lead = q
      ? q.value < N.SLOW_QUARTER
        ? `${capital(q.label)}: ${q.shown}, progress has stalled`
        : `${capital(q.label)} ${q.shown}; when it stalls`
      : `Over ${used[0].shown} points progress stalled`;
    const why = `${lead}: ReduceLROnPlateau(factor=${N.PLATEAU_FACTOR}, patience=${pat}) would lower ${now.said} to ${num(now.lr * N.PLATEAU_FACTOR)} at the first stall (it pairs well with a higher starting rate: start high, cut when progress stops).`;
    return {
      params: { factor: N.PLATEAU_FACTOR, patience: pat, monitor: c.monitor, mode: c.mode, epochs: c.length },
      why,
      cites: used,
    };
  },
  code(py, p) {
    return [
      `plateau = ${py.k('ReduceLROnPlateau')}(monitor=${pyStr(p.monitor)}, mode='${p.mode}', factor=${num(p.factor)}, patience=${p.patience}, min_lr=${num(N.LR_FLOOR)}, verbose=1)`,
      fitLine({ epochs: p.epochs, callbacks: '[plateau]' }),
    ];
  },
});

export const kfold = def({
  id: 'kfold',
  title: 'Measure with K-fold (TimeSeriesSplit for sequences)',
  summary: `One validation split can be lucky or unlucky. K-fold cross-validation (the guide's remedy for high variance) trains ${N.KFOLD_SPLITS} models on different splits and reports mean ± std. For time series use sklearn's TimeSeriesSplit: a shuffled KFold leaks the future into training.`,
  source: 'guide (high variance); corrected: TimeSeriesSplit for sequences',
  defaults: {
    splits: N.KFOLD_SPLITS,
    patience: N.GUIDE_PATIENCE_HIGH_VARIANCE,
    task: 'regression' as Task,
    epochs: 100,
  },
  derive(c) {
    const v = c.cite('val_volatility') ?? c.cite('direction_changes_val');
    const g = c.cite('gap_ratio_last');
    const used = orPoints(c, dedupe([v, g].filter((x): x is Cite => !!x)));
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: a single split cannot tell whether this is the model or the split. ${N.KFOLD_SPLITS}-fold validation gives a mean ± std to compare changes against.`;
    return {
      params: { splits: N.KFOLD_SPLITS, patience: patienceFor(c).n, task: c.task, epochs: c.length },
      why,
      cites: used,
    };
  },
  code(py, p) {
    py.imp('import numpy as np').from('sklearn.model_selection', 'TimeSeriesSplit');
    return [
      'n_steps, n_features = X.shape[1], X.shape[2]  # X, y: all your windows, in time order',
      '',
      'def build_model():',
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    ').map((l) =>
        l.replace('y_train.max()', 'y.max()'),
      ),
      '    return model',
      '',
      'scores = []',
      `for fold, (tr, va) in enumerate(TimeSeriesSplit(n_splits=${p.splits}).split(X)):  # KFold(shuffle=True) only for i.i.d. samples`,
      '    model = build_model()',
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${p.patience}, restore_best_weights=True)`,
      `    h = model.fit(X[tr], y[tr], validation_data=(X[va], y[va]), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      "    scores.append(min(h.history['val_loss']))",
      "    print(f'fold {fold}: best val_loss {scores[-1]:.4f}')",
      "print(f'val_loss {np.mean(scores):.4f} ± {np.std(scores):.4f} over {len(scores)} folds')",
    ];
  },
});

export const ensemble = def({
  id: 'ensemble',
  title: 'Average an ensemble',
  summary: `Training several models (different seeds) and averaging their predictions cancels much of the run-to-run variance; the guide lists ensembles for high variance. ${N.ENSEMBLE_SIZE} models is a common start.`,
  source: 'guide (high variance)',
  defaults: {
    size: N.ENSEMBLE_SIZE,
    task: 'regression' as Task,
    epochs: 100,
    patience: N.GUIDE_PATIENCE_HIGH_VARIANCE,
  },
  derive(c) {
    const v = c.cite('val_volatility') ?? c.cite('gap_ratio_last');
    const b = c.cite('best_val');
    const used = orPoints(c, dedupe([v, b].filter((x): x is Cite => !!x)));
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: averaging ${N.ENSEMBLE_SIZE} models trained with different seeds smooths out what one run gets wrong; compare the ensemble's val_loss with your best single run.`;
    return {
      params: { size: N.ENSEMBLE_SIZE, task: c.task, epochs: c.length, patience: patienceFor(c).n },
      why,
      cites: used,
    };
  },
  code(py, p) {
    py.imp('import numpy as np');
    return [
      SHAPE_LINE,
      '',
      'def build_model():',
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    '),
      '    return model',
      '',
      'models = []',
      `for seed in range(${p.size}):`,
      ...py.seedLines('seed', '    '),
      '    m = build_model()',
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${p.patience}, restore_best_weights=True)`,
      `    m.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      '    models.append(m)',
      'pred = np.mean([m.predict(X_val) for m in models], axis=0)  # the ensemble prediction',
    ];
  },
});

export const lower_lr = def({
  id: 'lower_lr',
  title: 'Lower the learning rate',
  summary: `A learning rate that is too high makes the loss jump, spike, explode or turn NaN. Cut it x${N.LR_CUT_NONFINITE} when the loss diverges or goes NaN, x${N.LR_CUT_NOISY_STRONG}-${N.LR_CUT_NOISY_MILD} when it is only noisy. When you change the batch size, retune the learning rate with it.`,
  source: 'AUTOTRAINER LR x0.1, DIAGNOSIS.md b.2/b.8; guide (unstable)',
  rl: 'also',
  defaults: { lr: N.LR_ADAM_DEFAULT * N.LR_CUT_NONFINITE, task: 'regression' as Task, clip: false },
  derive(c) {
    const now = lrNow(c);
    const f = c.dx.findings;
    const nf = c.cite('first_non_finite_x');
    const gr = c.cite('growth_factor');
    const vol = c.cite('val_volatility') ?? c.cite('train_volatility');
    const sp = c.cite('spike_count');
    let factor: number;
    let reason: string;
    const used: Cite[] = [];
    const diverging = f.includes('diverging') && gr && gr.value > 1 ? gr : undefined;
    if (nf || f.includes('nan_inf') || f.includes('diverging')) {
      factor = N.LR_CUT_NONFINITE;
      const r = nf ?? diverging;
      if (r) used.push(r);
      // the curve judged by its own name where higher is better (an accuracy, a reward): no loss to speak of
      const curve = c.names.higher ? c.train : 'the loss';
      reason = nf
        ? `${curve} became NaN/Inf at ${nf.shown}`
        : diverging
          ? `the late loss is ${diverging.shown}x the early loss (diverging)`
          : `${curve} diverged or became NaN`;
      reason += `: cut x${N.LR_CUT_NONFINITE}`;
    } else if (vol) {
      factor = vol.value >= N.NOISY_STRONG ? N.LR_CUT_NOISY_STRONG : N.LR_CUT_NOISY_MILD;
      used.push(vol);
      reason = `${vol.label} is ${vol.shown}: cut x${factor} (x${N.LR_CUT_NOISY_STRONG} at ${pct(N.NOISY_STRONG)} or more, else x${N.LR_CUT_NOISY_MILD})`;
    } else if (sp) {
      factor = N.LR_CUT_NOISY_MILD;
      used.push(sp);
      reason = `${sp.shown} ${c.names.higher ? 'spikes' : 'loss spikes'}: halve it (x${N.LR_CUT_NOISY_MILD})`;
    } else {
      factor = N.LR_CUT_NOISY_MILD;
      reason = `halve it (x${N.LR_CUT_NOISY_MILD}) and compare`;
    }
    const lr = now.lr * factor;
    const all = orPoints(c, dedupe([...used, ...now.cites]));
    const why = `${capital(reason)}; from ${now.said} to learning_rate=${num(lr)}.${all[0].name === 'points' ? ` (Judged over ${all[0].shown} points.)` : ''}`;
    return { params: { lr, task: c.task, clip: factor === N.LR_CUT_NONFINITE }, why, cites: all };
  },
  code(py, p) {
    const clip = p.clip ? `clipnorm=${N.CLIP_NORM.toFixed(1)}` : '';
    return [
      '# recompile your model with the smaller learning rate (keep your loss and metrics)',
      `model.compile(optimizer=${py.opt('Adam', p.lr, clip)}, loss=model.loss, metrics=${p.task === 'regression' ? "['mae']" : "['accuracy']"})`,
    ];
  },
  rlCode(py, p) {
    return [
      '# Stable-Baselines3: the learning rate is an argument of the algorithm',
      ...sb3Lines(py, `learning_rate=${num(p.lr)}`),
      "# your own loop (PyTorch): set it on the optimizer of the agent's network",
      '#     for group in optimizer.param_groups:',
      `#         group['lr'] = ${num(p.lr)}`,
      ...(p.clip
        ? [`#     and clip: torch.nn.utils.clip_grad_norm_(agent.parameters(), max_norm=${N.CLIP_NORM.toFixed(1)})`]
        : []),
    ];
  },
});

export const clip_gradients = def({
  id: 'clip_gradients',
  title: 'Clip the gradients',
  summary: `LSTMs can produce exploding gradients on long sequences. Every Keras optimizer accepts clipvalue= (the guide: clipvalue=${N.CLIP_VALUE}) or clipnorm= (rescales the whole gradient and keeps its direction; clipnorm=${N.CLIP_NORM} is the usual choice for RNNs).`,
  source: 'guide (unstable), DIAGNOSIS.md b.2/b.3',
  rl: 'also',
  defaults: { lr: N.LR_ADAM_DEFAULT },
  derive(c) {
    const nf = c.cite('first_non_finite_x');
    const sp = c.cite('spike_count');
    const gr = c.cite('growth_factor');
    const tv = c.cite('train_volatility');
    const now = lrNow(c);
    const signals = [nf, sp && sp.value > 0 ? sp : undefined, gr && gr.value > N.GROWTH_NOTABLE ? gr : undefined, tv];
    const used = orPoints(c, dedupe(signals.filter((x): x is Cite => !!x)).slice(0, 2));
    const what = used.map((x) => `${x.label} ${x.shown}`).join(', ');
    const how = c.rl
      ? `clip the norm of the agent's gradients at ${N.CLIP_NORM.toFixed(1)} (Stable-Baselines3's DQN clips at ${N.SB3_DQN_MAX_GRAD_NORM} by default: set max_grad_norm=${N.CLIP_NORM.toFixed(1)}; PPO and A2C already clip at ${N.SB3_PPO_MAX_GRAD_NORM}, so lower the learning rate first there; in your own loop, clip_grad_norm)`
      : `clip them with clipnorm=${N.CLIP_NORM.toFixed(1)} (or the guide's clipvalue=${N.CLIP_VALUE.toFixed(1)})`;
    const why = `${capital(what)}: big gradient steps; ${how} so one bad batch cannot throw the weights away.${sp && sp.value > 0 ? ' Look at the batches around the spikes for bad rows too.' : ''}`;
    return { params: { lr: now.lr }, why, cites: used };
  },
  code(py, p) {
    return [
      `optimizer = ${py.opt('Adam', p.lr, `clipnorm=${N.CLIP_NORM.toFixed(1)}`)}  # or clipvalue=${N.CLIP_VALUE.toFixed(1)} (the guide's choice)`,
      'model.compile(optimizer=optimizer, loss=model.loss)',
    ];
  },
  rlCode(py) {
    return [
      `# Stable-Baselines3: DQN clips the gradient norm at max_grad_norm=${N.SB3_DQN_MAX_GRAD_NORM} by default; PPO and A2C already`,
      `# clip at ${N.SB3_PPO_MAX_GRAD_NORM} (keep it and lower the learning rate first); SAC and TD3 take no max_grad_norm`,
      ...sb3Lines(py, `max_grad_norm=${N.CLIP_NORM.toFixed(1)}`, 'DQN'),
      '# your own loop (PyTorch): between loss.backward() and optimizer.step()',
      `#     torch.nn.utils.clip_grad_norm_(agent.parameters(), max_norm=${N.CLIP_NORM.toFixed(1)})`,
    ];
  },
});

export const scale_inputs = def({
  id: 'scale_inputs',
  title: 'Standardise inputs (and regression targets)',
  summary:
    'Unscaled features (or targets in the hundreds) make LSTM gates saturate and gradients explode. StandardScaler to mean 0 / std 1, fitted on the training split only (fitting on everything leaks validation statistics), applied to train and val; for regression, scale y too and invert predictions.',
  source: 'guide (unstable: StandardScaler); corrected: fit on training data only',
  defaults: { scaleY: true },
  derive(c) {
    const tf = c.cite('train_first');
    const nf = c.cite('first_non_finite_x');
    const gr = c.cite('growth_factor');
    const used = orPoints(c, dedupe([nf, tf, gr].filter((x): x is Cite => !!x)).slice(0, 2));
    const big =
      tf && Math.abs(tf.value) > N.UNSCALED_FIRST_LOSS ? ` A first loss of ${tf.shown} suggests unscaled targets.` : '';
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: check the scale of the data before anything else.${big} Fit StandardScaler on the training split only.`;
    return { params: { scaleY: c.task === 'regression' }, why, cites: used };
  },
  code(py, p) {
    py.from('sklearn.preprocessing', 'StandardScaler');
    const lines = [
      'n_features = X_train.shape[-1]',
      'x_scaler = StandardScaler().fit(X_train.reshape(-1, n_features))  # training split only',
      'X_train = x_scaler.transform(X_train.reshape(-1, n_features)).reshape(X_train.shape)',
      'X_val = x_scaler.transform(X_val.reshape(-1, n_features)).reshape(X_val.shape)',
    ];
    if (p.scaleY)
      lines.push(
        'y_scaler = StandardScaler().fit(y_train.reshape(-1, 1))',
        'y_train = y_scaler.transform(y_train.reshape(-1, 1)).ravel()',
        'y_val = y_scaler.transform(y_val.reshape(-1, 1)).ravel()',
        '# predictions: y_scaler.inverse_transform(model.predict(X_val))',
      );
    return lines;
  },
});

export const batch_size = def({
  id: 'batch_size',
  title: 'Change the batch size (and retune the learning rate with it)',
  summary: `Small batches give noisy gradients; large ones are smoother but need more memory and sometimes a larger learning rate. The guide: start at 32 or 64, try ${N.GUIDE_BATCHES.join('/')}, adjust to memory, and retune the learning rate whenever the batch changes.`,
  source: 'guide (hyperparameters, unstable)',
  defaults: { batches: [...N.GUIDE_BATCHES], epochs: 50, task: 'regression' as Task },
  derive(c) {
    const v =
      c.cite('val_volatility') ??
      c.cite('train_volatility') ??
      c.cite('direction_changes_val') ??
      c.cite('spike_count');
    const used = orPoints(c, v ? [v] : []);
    const why = v
      ? `${v.label} ${v.shown}: noisy updates. Try batch sizes ${N.GUIDE_BATCHES.join('/')} (a bigger batch, e.g. x${N.BATCH_GROWTH}, averages out noise) and retune the learning rate for each.`
      : `Try ${N.GUIDE_BATCHES.join('/')} and keep the one with the best val_loss (judged over ${used[0].shown} points).`;
    return {
      params: { batches: [...N.GUIDE_BATCHES], epochs: Math.min(c.length, N.SEARCH_MAX_EPOCHS), task: c.task },
      why,
      cites: used,
    };
  },
  code(py, p) {
    return [
      SHAPE_LINE,
      'results = {}',
      `for batch_size in [${p.batches.join(', ')}]:`,
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    '),
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=batch_size, verbose=0)`,
      "    results[batch_size] = min(h.history['val_loss'])",
      'print(results)  # then retune the learning rate at the chosen batch size',
    ];
  },
});

export const check_data = def({
  id: 'check_data',
  title: 'Check the data for NaN/Inf and stop on NaN',
  summary:
    'A NaN in the inputs or targets turns the loss NaN at the first batch that contains it. Check the arrays, and add TerminateOnNaN so a broken run stops instead of wasting hours.',
  source: 'DIAGNOSIS.md b.1/c (keras#2134, #1244)',
  defaults: {},
  derive(c) {
    const nf = c.cite('first_non_finite_x');
    const cnt = c.cite('non_finite_count');
    const used = orPoints(c, dedupe([nf, cnt].filter((x): x is Cite => !!x)));
    const early = nf && nf.value <= 1;
    const why = nf
      ? `First NaN/Inf at ${nf.shown}${cnt ? ` (${cnt.shown} non-finite values)` : ''}${early ? ': that early, bad data (NaN in X or y, log(0), division by zero) is the first suspect' : ': check the data, then the learning rate'}; TerminateOnNaN stops the run at the first NaN batch.`
      : `The ${used[0].shown} points read are all numbers, but a few extreme or corrupt values in X or y (an unscaled outlier, a column of sentinels such as -999) make a loss jump too: check the arrays' range as well as NaN/Inf, and TerminateOnNaN stops a run that does blow up at its first NaN batch.`;
    return { params: {}, why, cites: used };
  },
  code(py) {
    py.imp('import numpy as np');
    return [
      "for name, a in {'X_train': X_train, 'y_train': y_train, 'X_val': X_val, 'y_val': y_val}.items():",
      "    a = np.asarray(a, dtype='float64')",
      "    print(name, 'non-finite:', int((~np.isfinite(a)).sum()), 'min', np.nanmin(a), 'max', np.nanmax(a))",
      fitLine({ epochs: N.DEFAULT_EPOCHS, callbacks: `[${py.k('TerminateOnNaN')}()]` }),
    ];
  },
});

export const baseline = def({
  id: 'baseline',
  title: 'Record this configuration as your baseline',
  summary:
    'A good fit is a reference point: keep the architecture, save the configuration and the curve, and judge every later change against it (ideally over several seeds).',
  source: 'guide (good fit)',
  defaults: { monitor: 'val_loss', mode: 'min' },
  derive(c) {
    const b = c.cite('best_val');
    const bx = c.cite('best_x');
    const used = orPoints(c, dedupe([b, bx].filter((x): x is Cite => !!x)));
    const why = b
      ? `Best ${c.monitor} ${b.shown}${bx ? ` at ${bx.shown}` : ''}: keep this architecture and save its configuration and history as the baseline every later change must beat.`
      : `Save this configuration and its ${used[0].shown}-point history as the baseline every later change must beat.`;
    return { params: { monitor: c.monitor, mode: c.mode }, why, cites: used };
  },
  code(py, p) {
    py.imp('import json').imp('import numpy as np');
    return [
      `best_epoch = int(np.arg${p.mode}(history.history[${pyStr(p.monitor)}])) + 1`,
      'baseline = {',
      "    'best_epoch': best_epoch,",
      `    'best_value': float(${p.mode}(history.history[${pyStr(p.monitor)}])),`,
      "    'model': json.loads(model.to_json()),",
      "    'optimizer': model.optimizer.get_config(),",
      "    'history': {k: [float(v) for v in vals] for k, vals in history.history.items()},",
      '}',
      "with open('baseline.json', 'w') as f:",
      '    json.dump(baseline, f, indent=2, default=str)',
    ];
  },
});

export const multi_run = def({
  id: 'multi_run',
  title: 'Validate over several runs: mean ± std of the best val_loss',
  summary: `LSTM training is random (initial weights, shuffling, dropout): one run can mislead. The guide trains ${N.GUIDE_RUNS} runs and reports mean ± std of the best val_loss; only trust a change that moves the mean by more than the std.`,
  source: 'guide (advanced: multi-run validation)',
  defaults: { runs: N.GUIDE_RUNS, task: 'regression' as Task, epochs: 100, patience: N.GUIDE_PATIENCE_HIGH_VARIANCE },
  derive(c) {
    const b = c.cite('best_val');
    const runs = runsCite(c);
    const used = orPoints(c, dedupe([runs, b].filter((x): x is Cite => !!x)));
    const why = `${runs ? `The log holds ${runs.shown} runs; ` : ''}${b ? `best ${c.monitor} ${b.shown} in this one` : `this run's ${used[0].shown} points`}: one number is noise until you know the spread. Train ${N.GUIDE_RUNS} seeds and compare mean ± std.`;
    return {
      params: { runs: N.GUIDE_RUNS, task: c.task, epochs: c.length, patience: patienceFor(c).n },
      why,
      cites: used,
    };
  },
  code(py, p) {
    py.imp('import numpy as np');
    return [
      SHAPE_LINE,
      '',
      'def build_model():',
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    '),
      '    return model',
      '',
      'best = []',
      `for seed in range(${p.runs}):`,
      ...py.seedLines('seed', '    '),
      '    model = build_model()',
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${p.patience}, restore_best_weights=True)`,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      "    best.append(min(h.history['val_loss']))",
      "print(f'best val_loss {np.mean(best):.4f} ± {np.std(best):.4f} over {len(best)} runs')",
    ];
  },
});

export const output_loss_check = def({
  id: 'output_loss_check',
  title: 'Check the output layer, the loss and the labels',
  summary:
    'Accuracy stuck at chance (0.5 for two classes, 1/K for K) while the loss sits at ln K means the model predicts a constant. Usual causes: softmax on a single unit (always 1.0), sigmoid with categorical_crossentropy, labels not matching the loss (one-hot vs integer), class_mode left "categorical" for a sigmoid output, unscaled inputs, or a learning rate that is too high or too low.',
  source: 'DIAGNOSIS.md b.4/c (keras#13006, #4784, #126, #7023)',
  defaults: { task: 'binary' as Task },
  derive(c) {
    const m = c.cite('metric_val_last') ?? c.cite('metric_train_last');
    const ch = c.cite('chance_level');
    const tl = c.cite('train_last');
    const used = orPoints(c, dedupe([m, ch, tl].filter((x): x is Cite => !!x)));
    const near = m && ch ? Math.abs(m.value - ch.value) <= N.CHANCE_TOLERANCE : false;
    const parts: string[] = [];
    if (m) parts.push(`${m.label} ${m.shown}${ch ? ` vs chance ${ch.shown}` : ''}`);
    else if (ch) parts.push(`chance level ${ch.shown}`);
    const verdict = near
      ? 'the model predicts a constant'
      : 'make sure the output layer, the loss and the labels agree';
    let lnk = '';
    if (ch && ch.value > 0)
      lnk = ` A constant guess scores a loss of ln(1/${fmt(ch.value)}) = ${fmt(Math.log(1 / ch.value))}${tl ? `; your last ${c.train} is ${tl.shown}` : ''}.`;
    else if (tl) lnk = ` Last ${c.train}: ${tl.shown}.`;
    const lead = parts.length ? parts.join(', ') : `${used[0].label} ${used[0].shown}`;
    const why = `${lead}: ${verdict}.${lnk} Match the output to the loss: ${c.task === 'multiclass' ? 'Dense(n_classes, softmax) + sparse_categorical_crossentropy (integer labels) or categorical_crossentropy (one-hot)' : 'Dense(1, sigmoid) + binary_crossentropy, labels 0/1'}.`;
    return { params: { task: c.task === 'regression' ? 'binary' : c.task }, why, cites: used };
  },
  code(py, p) {
    py.imp('import numpy as np');
    return [
      "print('label values:', np.unique(y_train)[:10], 'shape', y_train.shape)  # 0/1 for binary; ints or one-hot for K classes",
      SHAPE_LINE,
      '# binary: Dense(1, sigmoid) + binary_crossentropy; K classes: Dense(K, softmax) + sparse_categorical_crossentropy',
      '# never softmax on a single unit (it always outputs 1.0)',
      ...modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }),
      'print(model.predict(X_val[:10]).round(3))  # all rows identical = still predicting a constant',
    ];
  },
});

export const leakage_check = def({
  id: 'leakage_check',
  title: 'Check for leakage between training and validation',
  summary:
    'Validation that is far better than training, or near-perfect, usually means the validation samples are in the training set: duplicated rows, overlapping windows of a time series split after windowing, a scaler or feature fitted on all data, or shuffling before a time split.',
  source: 'UMLAUT (val acc > 0.95, val - train > 0.05), DIAGNOSIS.md b.9/c',
  defaults: {},
  derive(c) {
    const m = c.cite('metric_val_last');
    const f = c.cite('val_below_train_fraction');
    const gl = c.cite('gap_ratio_last');
    const used = orPoints(c, dedupe([m, f, gl].filter((x): x is Cite => !!x)).slice(0, 2));
    const suspicious = c.dx.findings.includes('possible_leakage') || (m !== undefined && m.value > N.LEAKAGE_VAL_ACC);
    const why = suspicious
      ? `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: validation looks too good. Count validation samples that also occur in training, and for time series split before windowing (keep a gap of n_steps).`
      : `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: probably dropout and averaging, but if validation stays better in inference mode, count validation samples that also occur in training (and for time series, split before windowing).`;
    return { params: {}, why, cites: used };
  },
  code(py) {
    py.imp('import numpy as np');
    return [
      'train_rows = {r.tobytes() for r in np.ascontiguousarray(X_train).reshape(len(X_train), -1)}',
      'dup = sum(r.tobytes() in train_rows for r in np.ascontiguousarray(X_val).reshape(len(X_val), -1))',
      "print(f'{dup} of {len(X_val)} validation samples also appear in training')",
      '# time series: split the raw series first, then window each part; never shuffle before the split',
    ];
  },
});

export const inference_mode_check = def({
  id: 'inference_mode_check',
  title: 'Compare train and val in the same mode',
  summary:
    'val_loss below loss is usually not a bug: dropout and L2 act only in training (the train loss includes them), and the train loss is averaged over the epoch while val_loss is measured at its end (about half an epoch later). Evaluate the training set with model.evaluate to compare like with like; if validation is still better, check for leakage or an easier validation set.',
  source: 'DIAGNOSIS.md b.9/c (PyImageSearch, keras#472)',
  defaults: {},
  derive(c) {
    const f = c.cite('val_below_train_fraction');
    const gl = c.cite('gap_ratio_last') ?? c.cite('gap_last');
    const used = orPoints(c, dedupe([f, gl].filter((x): x is Cite => !!x)));
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: expected with dropout/L2 and epoch-averaged train loss. Re-evaluate the training set in inference mode; if it is then close to val, all is well.`;
    return { params: {}, why, cites: used };
  },
  code() {
    return [
      'train_eval = model.evaluate(X_train, y_train, verbose=0)  # inference mode: no dropout, final weights',
      'val_eval = model.evaluate(X_val, y_val, verbose=0)',
      "print('train (as logged):', history.history['loss'][-1], ' train (evaluated):', train_eval, ' val:', val_eval)",
    ];
  },
});

export const add_validation = def({
  id: 'add_validation',
  title: 'Add a validation set',
  summary:
    'Without validation numbers nothing can be said about over- or underfitting. validation_split=0.2 holds out the last 20% of the arrays (taken before shuffling, so it is chronological for time series); validation_data=(X_val, y_val) uses your own split.',
  source: 'Keras fit(validation_split), DIAGNOSIS.md b.0',
  defaults: { split: N.VALIDATION_SPLIT, epochs: 100, metricOnly: 0, results: 'runs/detect/train/results.csv' },
  derive(c) {
    const tl = c.cite('train_last');
    const used = dedupe([c.points(), ...(tl ? [tl] : [])]);
    // a validation metric logged without its loss (val_accuracy from a loop of one's own): the data is there
    const metric = valMetricWithoutLoss(c.dx);
    // YOLO's console prints the validation's scores only; the run's results.csv has its losses
    const yolo = metric !== undefined ? c.yolo : undefined;
    const title = c.dx.series.val
      ? `Log more ${c.unit}s with validation`
      : yolo
        ? `Send the run's results.${yolo.txt ? 'txt' : 'csv'}`
        : metric
          ? 'Log the validation loss'
          : undefined;
    const why = c.dx.series.val
      ? `Only ${used[0].shown} points${tl ? ` (last ${c.train} ${tl.shown})` : ''}: keep the validation data (${c.monitor}) and log at least ${N.MIN_POINTS} epochs so the curves can be read.`
      : yolo
        ? `YOLO's console prints the validation's scores (${metric}) but not its losses: the run's results file (${yolo.path}, next to its weights) logs ${yolo.txt ? `the validation's ${listed(yolo.losses.map((l) => l.replace(/^val\//, '')))} in its last columns` : listed(yolo.losses)} every epoch. Send that file to have the gap between the losses read.`
        : metric
          ? `The log has ${metric} but no validation loss beside ${used[0].shown} points of ${c.train}${tl ? ` (last ${tl.shown})` : ''}: compute the loss on the validation data each epoch too, so the next log shows the gap between the two losses.`
          : `The log has ${used[0].shown} points of training values${tl ? ` (last ${c.train} ${tl.shown})` : ''} and no validation series: hold out ${pct(N.VALIDATION_SPLIT)} so the next log can be diagnosed.`;
    return {
      params: {
        split: N.VALIDATION_SPLIT,
        epochs: Math.max(c.length, N.VALIDATION_MIN_EPOCHS),
        metricOnly: yolo ? 2 : metric ? 1 : 0,
        results: yolo?.path ?? 'runs/detect/train/results.csv',
      },
      why,
      cites: used,
      title,
    };
  },
  code(_py, p) {
    if (p.metricOnly === 2 && p.results.endsWith('.txt'))
      return [
        'import pandas as pd',
        `results = pd.read_csv(${pyStr(p.results)}, sep=r'\\s+', header=None)  # no header: one row per epoch`,
        'print(results.iloc[:, -3:].tail())  # the last three columns: the validation losses the console left out',
      ];
    if (p.metricOnly === 2)
      return [
        'import pandas as pd',
        `results = pd.read_csv(${pyStr(p.results)})  # YOLO writes it in the run's folder`,
        "print(results.filter(like='val/').tail())  # the validation losses the console left out",
      ];
    if (p.metricOnly)
      return [
        `history = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START})  # fit() logs val_loss beside the metrics`,
        '# or, each epoch of a loop of your own: the same loss on the validation data, logged beside the metric',
        'val_loss = model.evaluate(X_val, y_val, verbose=0)',
        'val_loss = val_loss[0] if isinstance(val_loss, list) else val_loss  # with metrics compiled, the loss comes first',
      ];
    return [
      `history = model.fit(X_train, y_train, validation_split=${num(p.split)}, epochs=${p.epochs}, batch_size=${N.BATCH_START})  # last ${Math.round(p.split * 100)}% held out, before shuffling`,
      'print(history.history.keys())  # now includes val_loss',
    ];
  },
});

export const log_train_loss = def({
  id: 'log_train_loss',
  title: 'Log the training loss beside the validation loss',
  summary:
    "A validation curve alone shows whether the model gets better on unseen data, not whether it fits its training data: underfitting (both losses high and close) and a good fit that has levelled off look the same, and the gap that grows before overfitting shows is hidden. Keras' fit() logs loss beside val_loss every epoch; a loop of your own should average the training loss over each epoch's batches and log it too.",
  source: 'guide (reading curves: train and val on the same axes), DIAGNOSIS.md b.0',
  defaults: { epochs: 100 },
  forRunsOnly: true,
  // a validation curve judged alone (context.ts valCurveOnly): a held-out score beside a training loss already has it
  applies: (c) => valCurveOnly(c.dx),
  derive(c) {
    const p = c.points();
    const last = c.cite('val_last');
    const used = dedupe([p, ...(last ? [last] : [])]);
    const shows: Partial<Record<string, string>> = {
      underfitting: 'whether the model fits even its training data (both curves poor and close together: underfitting)',
      good_fit:
        'whether the model fits its training data much better than held-out data (room to regularise) or no better (room to grow)',
      overfitting: 'the gap between the two curves, and from which epoch training runs ahead of held-out data',
    };
    // an accuracy or a score judged alone: its training twin (accuracy beside val_accuracy), or the loss
    const twin = c.names.higher ? `training ${c.monitor.replace(/^val_/, '')} (or the loss)` : 'training loss';
    const why = `The log has ${p.shown} points of ${c.monitor}${last ? ` (last ${last.shown})` : ''} and no training curve: log the ${twin} each ${c.unit} beside it, so the next log shows ${shows[c.dx.pattern] ?? 'whether the model fits its training data'}.`;
    return { params: { epochs: Math.max(c.length, N.VALIDATION_MIN_EPOCHS) }, why, cites: used };
  },
  code(py, p) {
    return [
      `logger = ${py.k('CSVLogger')}('history.csv')  # one row per epoch: loss, val_loss and every metric`,
      fitLine({ epochs: p.epochs, callbacks: '[logger]' }),
      "print('train', history.history['loss'][-1], 'val', history.history['val_loss'][-1])",
      '# a loop of your own: average the training loss over the epoch and print it beside the validation loss',
      "# print(f'epoch {epoch} loss {train_loss:.4f} val_loss {val_loss:.4f}')",
    ];
  },
});

// ---- reinforcement-learning runs (an episode reward or return judged) ------------------------------
// The guide is about supervised Keras training; these carry its ideas (validation, more training, several
// runs) to an agent's reward curve, with code for Gymnasium environments and Stable-Baselines3.

/** What one x of an RL run counts: its episodes or steps, or (numbered like epochs, unit unknown) its logged points. */
const rlUnit = (c: Ctx) => (c.unit === 'epoch' ? 'logged point' : c.unit);

/** The Gymnasium evaluation loop the RL snippets share: the greedy policy's return over fresh, held-out episodes. */
function evaluateLines(): string[] {
  return [
    'def evaluate(env, act, episodes=10, seed=' + String(N.RL_EVAL_SEED) + '):',
    '    """Mean and std of the return of the greedy policy act(obs) -> action, over fresh episodes."""',
    '    returns = []',
    '    for i in range(episodes):',
    '        obs, _ = env.reset(seed=seed + i)  # seeds never used in training',
    '        done, total = False, 0.0',
    '        while not done:',
    '            obs, reward, terminated, truncated, _ = env.step(act(obs))  # no exploration',
    '            total += reward',
    '            done = terminated or truncated',
    '        returns.append(total)',
    '    return float(np.mean(returns)), float(np.std(returns))',
  ];
}

export const rl_evaluate = def({
  id: 'rl_evaluate',
  title: 'Evaluate the policy on separate episodes',
  summary: `The training reward mixes exploration with a policy that changes every update: it is the training curve, not the validation one. Every few episodes, run the greedy policy (no exploration) on ${N.RL_EVAL_EPISODES} fresh episodes with seeds never used in training and log the mean and spread of their return: that is the curve that says whether the agent got better.`,
  source: 'OURS; Stable-Baselines3 EvalCallback / evaluate_policy (n_eval_episodes=10)',
  rl: 'only',
  defaults: { episodes: N.RL_EVAL_EPISODES, every: 10, unit: 'episode' },
  // an evaluation curve already logged (eval/mean_reward) is the one the diagnosis judged; with no reward at all
  // (an agent's losses alone), logging the reward comes first (rl_log_reward)
  applies: (c) => !c.dx.series.val && c.dx.series.train !== undefined,
  derive(c) {
    const pts = c.points();
    const last = c.cite('last_x');
    const every = Math.max(1, Math.round(c.length / N.RL_EVALS_PER_RUN));
    const used = dedupe([pts, ...(last ? [last] : [])]);
    const why = `The log has ${pts.shown} points of ${c.train}${last ? ` up to ${last.shown}` : ''} and no evaluation curve: ${c.train} is measured while the agent explores and learns, so its noise and its level say little about the policy itself. Evaluate the greedy policy ${every === 1 ? `after every ${rlUnit(c)}` : `every ${every} ${rlUnit(c)}s`} on ${N.RL_EVAL_EPISODES} held-out episodes (about ${N.RL_EVALS_PER_RUN} evaluations over a run this long) and log their mean and std beside the training reward.`;
    return { params: { episodes: N.RL_EVAL_EPISODES, every, unit: rlUnit(c) }, why, cites: used };
  },
  code(py, p) {
    py.imp('import numpy as np');
    return [
      ...evaluateLines(),
      '',
      `# in your training loop, ${p.every === 1 ? `after every ${p.unit}` : `every ${p.every} ${p.unit}s`}:`,
      `#     mean, std = evaluate(eval_env, greedy_action, episodes=${p.episodes})  # a separate env instance`,
      `# Stable-Baselines3 does this for you: model.learn(..., callback=EvalCallback(eval_env, n_eval_episodes=${p.episodes}, eval_freq=..., deterministic=True))`,
    ];
  },
});

export const rl_train_longer = def({
  id: 'rl_train_longer',
  title: 'Train for more episodes',
  summary:
    'A reward curve still rising at the end of the run has not converged: continue the same agent (its weights, its replay buffer, its exploration schedule) rather than starting over, and judge the result on evaluation episodes.',
  source:
    'guide (good fit, underfitting: more epochs), carried to episodes; Stable-Baselines3 learn(reset_num_timesteps=False)',
  rl: 'only',
  defaults: { more: 2 },
  // a reward to train longer on (not an agent's losses alone) that is not falling at the end
  applies: (c) =>
    (c.dx.series.train ?? c.dx.series.val) !== undefined &&
    !((c.ev.train_improvement_last_quarter ?? 0) < -N.STILL_IMPROVING_MIN),
  derive(c) {
    const tq = c.cite('train_improvement_last_quarter');
    const last = c.cite('last_x');
    const rising = !!tq && tq.value > N.STILL_IMPROVING_MIN;
    const why = rising
      ? `${capital(c.train)} still improved ${tq.shown} over the last quarter of the run: continue the same agent for about as long again${last ? ` (from ${last.shown})` : ''}, and stop when the evaluation return stops rising.`
      : `${tq ? `${capital(tq.label)} ${tq.shown}: nearly flat` : 'No trend measured'}; more ${rlUnit(c)}s alone will not help much. Combine them with the changes above, and continue the same agent rather than starting over.`;
    const title = c.unit === 'episode' ? undefined : c.unit === 'step' ? 'Train for more timesteps' : 'Train longer';
    return {
      params: { more: N.EXTRA_QUARTERS },
      why,
      cites: orPoints(c, dedupe([tq, last].filter((x): x is Cite => !!x))),
      title,
    };
  },
  code() {
    return [
      '# Stable-Baselines3: continue the same model (weights, replay buffer, schedules) for as long again',
      'model.learn(total_timesteps=model.num_timesteps, reset_num_timesteps=False)',
      "model.save('agent_continued')",
      '# your own loop: keep the agent object, its optimizer and its replay buffer, and run more episodes',
    ];
  },
});

export const rl_log_reward = def({
  id: 'rl_log_reward',
  title: 'Log the episode reward',
  summary:
    "An agent's losses (the policy-gradient surrogate, the critic's error, the entropy bonus) move with the data the agent collects and with its policy: they cannot say whether it got better. Its episode reward (or return) is the training curve of an agent: log it beside the losses.",
  source: 'OURS; Stable-Baselines3 Monitor (rollout/ep_rew_mean), make_vec_env(monitor_dir=...)',
  rl: 'only',
  defaults: {},
  // only when no reward is logged: then nothing was judged
  applies: (c) => !c.dx.series.train && !c.dx.series.val,
  derive(c) {
    const why =
      "The log has the agent's losses and no reward or return, so there is no curve that says whether it learns: wrap the training environments in a Monitor (Stable-Baselines3 then logs rollout/ep_rew_mean beside its losses, and writes one monitor file per environment), or log each episode's total reward from your own loop.";
    // nothing was judged: no measurement to cite (the losses' count of points would read as the run's)
    return { params: {}, why, cites: [] };
  },
  code(py) {
    py.imp('from stable_baselines3 import A2C  # or the algorithm you use')
      .imp('from stable_baselines3.common.env_util import make_vec_env')
      .imp('from stable_baselines3.common.logger import configure');
    return [
      "ENV_ID = 'CartPole-v1'  # your environment",
      '# each environment in a Monitor of its own (logs/monitor/0.monitor.csv, ...): no rows glued together',
      "env = make_vec_env(ENV_ID, n_envs=4, monitor_dir='logs/monitor')",
      "model = A2C('MlpPolicy', env, verbose=1)  # your settings; the console now shows rollout/ep_rew_mean",
      "model.set_logger(configure('logs', ['stdout', 'csv']))  # and logs/progress.csv has it beside the losses",
      'model.learn(total_timesteps=100_000)  # your budget',
      '# in a loop of your own: add up the rewards of each episode and log the total with the losses',
      "# print(f'episode {episode} reward {total:.2f} value_loss {value_loss:.4f}')",
    ];
  },
});

export const rl_seeds = def({
  id: 'rl_seeds',
  title: 'Compare over several seeds',
  summary: `Reward curves of one algorithm on one environment differ widely between seeds, often more than between the settings you are comparing. Train ${N.RL_SEEDS} seeds per setting and compare the mean and spread of the final evaluation return; trust a change only when it moves the mean by more than the spread.`,
  source: 'Henderson et al. 2018, "Deep Reinforcement Learning that Matters"; the guide (multi-run validation)',
  rl: 'only',
  defaults: { seeds: N.RL_SEEDS },
  derive(c) {
    const noise = c.cite('train_volatility');
    const runs = runsCite(c);
    const used = orPoints(c, dedupe([runs, noise].filter((x): x is Cite => !!x)));
    const why = `${runs ? `The log holds ${runs.shown} runs; ` : ''}${noise ? `${runs ? c.train : capital(c.train)} moves ${noise.shown} from point to point (${noise.label})` : `one run of ${used[0].shown} points`}: one seed cannot tell a better setting from a lucky one. Train ${N.RL_SEEDS} seeds per setting and compare the mean ± std of their final evaluation return.`;
    return { params: { seeds: N.RL_SEEDS }, why, cites: used };
  },
  code(py, p) {
    py.imp('import numpy as np')
      .imp('from stable_baselines3 import PPO  # or the algorithm you use')
      .imp('from stable_baselines3.common.evaluation import evaluate_policy');
    return [
      "ENV_ID = 'CartPole-v1'  # your environment",
      'finals = []',
      `for seed in range(${p.seeds}):`,
      "    model = PPO('MlpPolicy', ENV_ID, seed=seed, verbose=0)  # your settings, the seed varied",
      '    model.learn(total_timesteps=100_000)  # your budget',
      `    mean, _ = evaluate_policy(model, model.get_env(), n_eval_episodes=${N.RL_EVAL_EPISODES}, deterministic=True)`,
      '    finals.append(mean)',
      "print(f'final return {np.mean(finals):.1f} ± {np.std(finals):.1f} over {len(finals)} seeds')",
    ];
  },
});

export const bigger_val_set = def({
  id: 'bigger_val_set',
  title: 'Make validation less noisy',
  summary:
    'A jumpy val_loss with a smooth train loss points at a small or unrepresentative validation set (or distribution shift between splits, class imbalance). Use a larger validation split, stratify classes, and judge by a smoothed curve or several runs.',
  source: 'DIAGNOSIS.md b.8/c (stats.SE 478017, 255105)',
  defaults: { split: N.VALIDATION_SPLIT_LARGER },
  derive(c) {
    const v = c.cite('val_volatility');
    const r = c.cite('val_noise_vs_train');
    const d = c.cite('direction_changes_val');
    const used = orPoints(c, dedupe([v, r, d].filter((x): x is Cite => !!x)).slice(0, 2));
    const ratio = r?.value;
    const state =
      ratio === undefined
        ? 'validation is noisy'
        : ratio >= N.VAL_NOISE_RATIO
          ? 'validation is much noisier than training (a small or unrepresentative validation set)'
          : 'validation is about as noisy as training, so look at the learning rate and batch size too';
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: ${state}. A larger validation set (e.g. ${pct(N.VALIDATION_SPLIT_LARGER)} instead of 10-20%) and a smoothed reading make the curve trustworthy.`;
    return { params: { split: N.VALIDATION_SPLIT_LARGER }, why, cites: used };
  },
  code(py, p) {
    py.imp('import numpy as np');
    return [
      "val = np.array(history.history['val_loss'])",
      "smooth = np.convolve(val, np.ones(5) / 5, mode='valid')  # 5-point moving average",
      "print('best smoothed val_loss', smooth.min(), 'at epoch', int(smooth.argmin()) + 3)",
      `history = model.fit(X_train, y_train, validation_split=${num(p.split)}, epochs=100, batch_size=${N.BATCH_START})  # a larger holdout`,
    ];
  },
});

export const hyperopt = def({
  id: 'hyperopt',
  title: 'Bayesian search with hyperopt (units, learning rate, dropout)',
  summary:
    "hyperopt's TPE searches units (hp.choice), the learning rate (hp.loguniform, whose bounds are natural logs: np.log(1e-4), np.log(1e-2)) and dropout (hp.uniform). The objective must return {'loss': ..., 'status': STATUS_OK}; fmin returns indices for hp.choice, so read the result with space_eval.",
  source: 'guide (advanced); corrected: objective return value, loguniform bounds, space_eval',
  defaults: { evals: N.HYPEROPT_EVALS, task: 'regression' as Task, epochs: 100 },
  derive(c) {
    const b = c.cite('best_val');
    const used = orPoints(c, b ? [b] : []);
    const why = `${b ? `Current best ${c.monitor} ${b.shown}` : `${used[0].shown} points`}: let TPE search units, learning rate and dropout in ${N.HYPEROPT_EVALS} trials instead of tuning one knob at a time; keep a result only if it beats this baseline by more than the run-to-run spread.`;
    return {
      params: { evals: N.HYPEROPT_EVALS, task: c.task, epochs: Math.min(c.length, N.SEARCH_MAX_EPOCHS) },
      why,
      cites: used,
    };
  },
  code(py, p) {
    py.imp('import numpy as np')
      .from('hyperopt', 'STATUS_OK')
      .from('hyperopt', 'Trials')
      .from('hyperopt', 'fmin')
      .from('hyperopt', 'hp')
      .from('hyperopt', 'space_eval')
      .from('hyperopt', 'tpe');
    const ml = modelLines(
      py,
      { layers: [{ units: N.DEMO_UNITS }], dropoutBetween: 0.2, task: p.task, lr: N.LR_ADAM_DEFAULT },
      '    ',
    )
      .map((l) => l.replace(new RegExp(`LSTM\\(${N.DEMO_UNITS}\\b`), "LSTM(params['units']"))
      .map((l) => l.replace(/Dropout\(0\.2\)/, "Dropout(params['dropout'])"))
      .map((l) => l.replace(new RegExp(`${py.lr}=0\\.001`), `${py.lr}=params['lr']`));
    return [
      SHAPE_LINE,
      'space = {',
      `    'units': hp.choice('units', [${N.HYPEROPT_UNITS.join(', ')}]),`,
      "    'lr': hp.loguniform('lr', np.log(1e-4), np.log(1e-2)),  # bounds are natural logs",
      "    'dropout': hp.uniform('dropout', 0.0, 0.5),",
      '}',
      '',
      'def objective(params):',
      ...ml,
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${N.GUIDE_PATIENCE_HIGH_VARIANCE}, restore_best_weights=True)`,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      "    return {'loss': float(min(h.history['val_loss'])), 'status': STATUS_OK}",
      '',
      'trials = Trials()',
      `best = fmin(objective, space, algo=tpe.suggest, max_evals=${p.evals}, trials=trials)`,
      'print(space_eval(space, best))  # fmin returns indices for hp.choice; space_eval gives the values',
    ];
  },
});

export const arch_search = def({
  id: 'arch_search',
  title: 'Search over LSTM stacks',
  summary: `Compare layer stacks such as ${N.GUIDE_STACKS.map((s) => `[${s.join(', ')}]`).join(', ')}. Every LSTM except the last must have return_sequences=True (the guide's loop got this wrong), and each candidate needs a fresh model.`,
  source: 'guide (advanced); corrected: return_sequences for all but the last layer',
  defaults: { task: 'regression' as Task, epochs: 100 },
  derive(c) {
    const b = c.cite('best_val');
    const g = c.cite('gap_ratio_last');
    const used = orPoints(c, dedupe([b, g].filter((x): x is Cite => !!x)));
    const why = `${used.map((x) => `${x.label} ${x.shown}`).join(', ')}: try the guide's four stacks against this run and keep the smallest one that matches the best val_loss.`;
    return { params: { task: c.task, epochs: Math.min(c.length, N.SEARCH_MAX_EPOCHS) }, why, cites: used };
  },
  code(py, p) {
    const h = modelLines(py, { layers: [{ units: 1 }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    ');
    const compile = h[h.length - 1];
    const out = h
      .find((l) => /Dense\(/.test(l))!
      .trim()
      .replace(/,$/, '');
    const prelude = h.filter((l) => l.trim().startsWith('n_classes'));
    return [
      SHAPE_LINE,
      ...prelude.map((l) => l.trim()),
      'results = {}',
      `for stack in ${JSON.stringify(N.GUIDE_STACKS.map((s) => [...s])).replace(/,/g, ', ')}:`,
      `    layers = [${py.input()}]`,
      '    for i, units in enumerate(stack):',
      `        layers.append(${py.k('LSTM')}(units, return_sequences=i < len(stack) - 1))  # all but the last return sequences`,
      `    layers.append(${out})`,
      `    model = ${py.k('Sequential')}(layers)`,
      compile,
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${N.GUIDE_PATIENCE_HIGH_VARIANCE}, restore_best_weights=True)`,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      "    results[str(stack)] = min(h.history['val_loss'])",
      'for stack, loss in sorted(results.items(), key=lambda kv: kv[1]):',
      "    print(f'{stack:>20}  best val_loss {loss:.4f}')",
    ];
  },
});

export const optimizer_compare = def({
  id: 'optimizer_compare',
  title: 'Compare optimizers: Adam, RMSprop, SGD+momentum',
  summary: `The guide's table: Adam (lr ${N.LR_ADAM_DEFAULT}, the default choice, adapts per parameter), RMSprop (lr ${N.LR_ADAM_DEFAULT}, classic for RNNs), SGD (lr ${N.LR_SGD_DEFAULT}, momentum ${N.SGD_MOMENTUM}: slower to tune, sometimes generalises better). Train each from the same seed and compare best val_loss.`,
  source: 'guide (hyperparameters: optimizer comparison)',
  defaults: { task: 'regression' as Task, epochs: 100 },
  applies: (c) => !heldOutNoSkill(c),
  derive(c) {
    const q = c.cite('train_improvement_last_quarter') ?? c.cite('best_val');
    const used = orPoints(c, q ? [q] : []);
    const why = `${used[0].label} ${used[0].shown}: if the learning rate alone does not help, compare Adam(${N.LR_ADAM_DEFAULT}), RMSprop(${N.LR_ADAM_DEFAULT}) and SGD(${N.LR_SGD_DEFAULT}, momentum=${N.SGD_MOMENTUM}).`;
    return { params: { task: c.task, epochs: Math.min(c.length, N.SEARCH_MAX_EPOCHS) }, why, cites: used };
  },
  code(py, p) {
    const rows: [string, string][] = [
      ['adam', py.opt('Adam', N.LR_ADAM_DEFAULT)],
      ['rmsprop', py.opt('RMSprop', N.LR_ADAM_DEFAULT)],
      ['sgd', py.opt('SGD', N.LR_SGD_DEFAULT, `momentum=${N.SGD_MOMENTUM}`)],
    ];
    const ml = modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    ');
    const compile = ml[ml.length - 1].replace(/optimizer=[A-Za-z.]*Adam\([^)]*\)/, 'optimizer=make_opt()');
    return [
      SHAPE_LINE,
      'optimizers = {',
      ...rows.map(([k, v]) => `    '${k}': lambda: ${v},`),
      '}',
      'results = {}',
      'for name, make_opt in optimizers.items():',
      ...ml.slice(0, -1),
      compile,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, verbose=0)`,
      "    results[name] = min(h.history['val_loss'])",
      'print(results)',
    ];
  },
});

export const plot_curves = def({
  id: 'plot_curves',
  title: 'Plot the learning curves from history.history',
  summary:
    "model.fit returns a History whose .history dict holds one list per metric: loss, val_loss, and accuracy/val_accuracy (named acc/val_acc in Keras <= 2.2 or with metrics=['acc']). Plot train and val on the same axes: the gap and the direction of val tell over- and underfitting apart.",
  source: 'guide (reading curves); corrected: acc vs accuracy key names',
  defaults: {},
  derive(c) {
    const p = c.points();
    return {
      params: {},
      why: `Plot all ${p.shown} points of train and validation together and look at the gap and the direction of ${c.monitor}.`,
      cites: [p],
    };
  },
  code(py) {
    py.imp('import matplotlib.pyplot as plt');
    return [
      'h = history.history',
      "acc = 'accuracy' if 'accuracy' in h else 'acc'  # Keras <= 2.2 (or metrics=['acc']) logs 'acc'",
      'fig, axes = plt.subplots(1, 2, figsize=(11, 4))',
      "for ax, key in zip(axes, ['loss', acc]):",
      '    if key in h:',
      "        ax.plot(h[key], label='train ' + key)",
      "        if 'val_' + key in h:",
      "            ax.plot(h['val_' + key], label='val ' + key)",
      "        ax.set_xlabel('epoch')",
      '        ax.set_title(key)',
      '        ax.legend()',
      'plt.tight_layout()',
      "plt.savefig('curves.png', dpi=120)",
    ];
  },
});

export const units_compare = def({
  id: 'units_compare',
  title: 'Choose the number of units',
  summary: `The guide's table: 16-32 units train fast with low capacity (simple patterns, little data); 64-128 suit most problems (start here); 256 is slow, high-capacity and overfits easily (complex, long sequences, lots of data). Compare a few sizes on the same split.`,
  source: 'guide (hyperparameters: units table)',
  defaults: { task: 'regression' as Task, epochs: 100 },
  derive(c) {
    const g = c.cite('gap_ratio_last') ?? c.cite('best_val');
    const used = orPoints(c, g ? [g] : []);
    return {
      params: { task: c.task, epochs: Math.min(c.length, N.SEARCH_MAX_EPOCHS) },
      why: `${used[0].label} ${used[0].shown}: compare 32, 64 and 128 units on the same split and keep the smallest that reaches the best val_loss.`,
      cites: used,
    };
  },
  code(py, p) {
    const ml = modelLines(py, { layers: [{ units: N.DEMO_UNITS }], task: p.task, lr: N.LR_ADAM_DEFAULT }, '    ').map(
      (l) => l.replace(new RegExp(`LSTM\\(${N.DEMO_UNITS}\\b`), 'LSTM(units'),
    );
    return [
      SHAPE_LINE,
      'results = {}',
      'for units in [16, 32, 64, 128, 256]:  # 16-32 fast/simple, 64-128 general, 256 slow/high overfit risk',
      ...ml,
      `    early = ${py.k('EarlyStopping')}(monitor='val_loss', patience=${N.GUIDE_PATIENCE_HIGH_VARIANCE}, restore_best_weights=True)`,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${p.epochs}, batch_size=${N.BATCH_START}, callbacks=[early], verbose=0)`,
      "    results[units] = min(h.history['val_loss'])",
      'print(results)',
    ];
  },
});

export const case_study = def({
  id: 'case_study',
  title: 'Case study: temperature forecasting with a stacked LSTM',
  summary: `Window a 1-D series into (n_steps -> next value), scale with training statistics, then LSTM(128, l2, recurrent_dropout ${N.RECURRENT_DROPOUT}, return_sequences) -> LSTM(64, dropout ${N.DROPOUT_MIN}) -> Dense(32, relu) -> Dense(1), Adam(${N.LR_CASE_STUDY}), mse + mae, EarlyStopping(patience ${N.GUIDE_PATIENCE_CASE_STUDY}, restore_best_weights), ModelCheckpoint(save_best_only), ${N.GUIDE_EPOCHS} epochs, batch ${N.BATCH_START}. Lessons: choose the sequence length first, start from 64-128 units, regularise, use schedules and early stopping, validate over several runs. (The guide used l2(0.01); we use ${N.L2_START}.)`,
  source: 'guide (case study), corrected: L2 strength, split before windowing, restore_best_weights',
  defaults: { nSteps: N.CASE_N_STEPS },
  derive(c) {
    const p = c.points();
    return {
      params: { nSteps: N.CASE_N_STEPS },
      why: `A complete reference pipeline to compare your ${p.shown}-point run against.`,
      cites: [p],
    };
  },
  code(py, p) {
    py.imp('import numpy as np');
    const ck = py.checkpoint();
    return [
      '# series: a 1-D numpy array of daily temperatures, in time order',
      '',
      'def make_windows(values, n_steps):',
      '    X, y = [], []',
      '    for i in range(len(values) - n_steps):',
      '        X.append(values[i:i + n_steps])',
      '        y.append(values[i + n_steps])',
      '    return np.array(X)[..., np.newaxis], np.array(y)',
      '',
      `n_steps = ${p.nSteps}  # choose the sequence length first`,
      `split = int(len(series) * ${N.TRAIN_FRACTION})`,
      'mean, std = series[:split].mean(), series[:split].std()  # training statistics only',
      'scaled = (series - mean) / std',
      'X_train, y_train = make_windows(scaled[:split], n_steps)  # split first, then window: no overlap',
      'X_val, y_val = make_windows(scaled[split - n_steps:], n_steps)',
      '',
      `model = ${py.k('Sequential')}([`,
      `    ${py.input('(n_steps, 1)')},`,
      `    ${py.k('LSTM')}(128, return_sequences=True, kernel_regularizer=${py.k('l2')}(${num(N.L2_START)}), recurrent_dropout=${num(N.RECURRENT_DROPOUT)}),  # guide: l2(0.01)`,
      `    ${py.k('LSTM')}(64, dropout=${num(N.DROPOUT_MIN)}),`,
      `    ${py.k('Dense')}(32, activation='relu'),`,
      `    ${py.k('Dense')}(1),`,
      '])',
      `model.compile(optimizer=${py.opt('Adam', N.LR_CASE_STUDY)}, loss='mse', metrics=['mae'])`,
      'callbacks = [',
      `    ${py.k('EarlyStopping')}(monitor='val_loss', patience=${N.GUIDE_PATIENCE_CASE_STUDY}, restore_best_weights=True),`,
      `    ${py.k('ModelCheckpoint')}('${ck.file}', monitor='val_loss', save_best_only=True${ck.extra}),`,
      ']',
      `history = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=${N.GUIDE_EPOCHS}, batch_size=${N.BATCH_START}, callbacks=callbacks)`,
      'pred = model.predict(X_val).ravel() * std + mean  # back to degrees',
    ];
  },
});

export const sequence_length = def({
  id: 'sequence_length',
  title: 'Choose the sequence length (window) first',
  summary:
    'How many past steps the LSTM sees matters more than most hyperparameters: too short misses the pattern (e.g. a weekly cycle needs at least 7 daily steps), too long slows training and dilutes the signal. Compare a few window lengths before tuning anything else.',
  source: 'guide (case study lessons)',
  defaults: { task: 'regression' as Task },
  derive(c) {
    const p = c.points();
    return {
      params: { task: c.task },
      why: `Before tuning on this ${p.shown}-point run, check that the window length fits the pattern.`,
      cites: [p],
    };
  },
  code(py) {
    py.imp('import numpy as np');
    return [
      '# series: your 1-D array in time order',
      'def make_windows(values, n_steps):',
      '    X = np.array([values[i:i + n_steps] for i in range(len(values) - n_steps)])[..., np.newaxis]',
      '    return X, values[n_steps:]',
      '',
      `split = int(len(series) * ${N.TRAIN_FRACTION})`,
      `for n_steps in [${N.WINDOW_CANDIDATES.join(', ')}]:`,
      '    X_train, y_train = make_windows(series[:split], n_steps)',
      '    X_val, y_val = make_windows(series[split - n_steps:], n_steps)',
      `    model = ${py.k('Sequential')}([${py.input('(n_steps, 1)')}, ${py.k('LSTM')}(64), ${py.k('Dense')}(1)])`,
      `    model.compile(optimizer=${py.opt('Adam', N.LR_ADAM_DEFAULT)}, loss='mse')`,
      `    h = model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=50, batch_size=${N.BATCH_START}, verbose=0)`,
      "    print(n_steps, min(h.history['val_loss']))",
    ];
  },
});

export const STRATEGIES = [
  held_out_check,
  early_stopping,
  checkpoint,
  dropout,
  l2,
  smaller_model,
  noise_augmentation,
  more_capacity,
  raise_lr,
  train_longer,
  lr_schedule,
  reduce_on_plateau,
  kfold,
  ensemble,
  lower_lr,
  clip_gradients,
  scale_inputs,
  batch_size,
  check_data,
  baseline,
  multi_run,
  output_loss_check,
  leakage_check,
  inference_mode_check,
  add_validation,
  log_train_loss,
  rl_evaluate,
  rl_train_longer,
  rl_log_reward,
  rl_seeds,
  bigger_val_set,
  hyperopt,
  arch_search,
  optimizer_compare,
  plot_curves,
  units_compare,
  case_study,
  sequence_length,
] as StrategyDef[];

export type StrategyId = string;
export const STRATEGY_BY_ID: Record<string, StrategyDef> = Object.fromEntries(STRATEGIES.map((s) => [s.id, s]));

function dedupe(list: Cite[]): Cite[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.name) ? false : (seen.add(c.name), true)));
}
function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
