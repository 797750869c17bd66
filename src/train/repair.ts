/**
 * Apply-fix: the diagnosis's top strategy as a concrete config change, each change with its reason.
 *   overfitting   -> dropout + EarlyStopping(restore_best_weights) + fewer units
 *   unstable      -> lr x0.1 + clipvalue 1.0 + input/target scaling
 *   underfitting  -> more capacity, higher lr, more epochs
 *   high_variance -> more data (where the dataset has it), EarlyStopping(restore), an averaged
 *                    ensemble (where the parameter cap allows), a lower lr when it is high
 * Then compare(before, after) gives the verdict the user sees.
 */
import type { Diagnosis } from '../diagnose/index.js';
import { CAPS, countParams, parseConfig, type TrainConfig } from './config.js';
import { temperatureSeries } from './data.js';
import { sig } from '../util/format.js';

export interface Change {
  /** dotted path in the config, e.g. "optimizer.lr", "model.lstm[0].units" */
  path: string;
  from: unknown;
  to: unknown;
  why: string;
}

export interface Repair {
  config: TrainConfig;
  changes: Change[];
  /** the pattern the repair addressed */
  addressed: Diagnosis['pattern'];
  /** one line for the user */
  summary: string;
}

const round = (v: number) => Number(v.toPrecision(3));

/** Windows the dataset can provide at most (generated data: the samples cap). */
export function availableSamples(c: TrainConfig): number {
  const d = c.data;
  if (d.dataset === 'temperature') return temperatureSeries().length - d.n_steps;
  if (d.dataset === 'upload') return (d.series?.length ?? 0) - d.n_steps;
  return CAPS.maxSamples;
}

/** What each pattern's fix works with: the config being changed, the evidence, and how to record a change. */
interface Fixer {
  c: TrainConfig;
  e: Diagnosis['evidence'];
  /** record a change (no-op when from equals to) */
  set: (path: string, from: unknown, to: unknown, why: string) => void;
  /** EarlyStopping(restore_best_weights) with a patience fitted to the run, unless one as good is set */
  earlyStop: (why: string) => void;
}

function fixerFor(c: TrainConfig, e: Diagnosis['evidence'], changes: Change[]): Fixer {
  const set = (path: string, from: unknown, to: unknown, why: string) => {
    if (JSON.stringify(from) === JSON.stringify(to)) return;
    changes.push({ path, from, to, why });
  };
  // patience: enough to wait out the val noise seen before the best epoch (suggested_patience), at least
  // 8 or a tenth of the run (a short patience on a noisy curve stops before the model has learned), at
  // most 20 and a third of the run
  const patience = () =>
    Math.max(
      3,
      Math.min(20, Math.floor(c.fit.epochs / 3), Math.max(8, e.suggested_patience ?? 0, Math.ceil(c.fit.epochs / 10))),
    );
  const earlyStop = (why: string) => {
    const es = { patience: patience(), restore_best: true, min_delta: 0 };
    if (!c.fit.early_stopping || !c.fit.early_stopping.restore_best || c.fit.early_stopping.patience > es.patience) {
      set('fit.early_stopping', c.fit.early_stopping, es, why);
      c.fit.early_stopping = es;
    }
  };
  return { c, e, set, earlyStop };
}

/** overfitting: dropout, more data where the dataset has it (else a smaller model and step), EarlyStopping. */
function fixOverfitting(f: Fixer): void {
  const { c, e, set, earlyStop } = f;
  // severity: how far val climbed back from its best (x3 on random data, +10% on a mild case)
  const severe = (e.val_rise_after_best ?? 0) > 0.5;
  const dropout = severe ? 0.3 : 0.2;
  c.model.lstm.forEach((l, i) => {
    if (l.dropout < dropout) {
      set(
        `model.lstm[${i}].dropout`,
        l.dropout,
        dropout,
        'dropout on the LSTM inputs: the model memorises the training windows',
      );
      l.dropout = dropout;
    }
  });
  // few windows: more data is the first remedy when the dataset has it (generated data always does).
  // With 4x the windows the model's size is no longer excessive: cutting units and the step as well
  // over-corrects (on the apply-fix bench, 3 of 5 overfitting configs then ended underfitting or
  // high-variance), so those two are for when there is no more data.
  const more = Math.min(availableSamples(c), CAPS.maxSamples, c.data.samples * 4);
  const moreData = c.data.samples < 500 && c.data.dataset !== 'random' && more > c.data.samples * 1.5;
  if (moreData) {
    set('data.samples', c.data.samples, more, `more data: ${c.data.samples} windows are few enough to memorise`);
    c.data.samples = more;
  } else shrinkModel(f, severe);
  earlyStop(
    `stop once val_loss stops improving and keep the best weights (val_loss bottomed at epoch ${e.best_x ?? '?'})`,
  );
}

/** overfitting without more data: fewer units (LSTM and head) and a smaller step when it is high. */
function shrinkModel(f: Fixer, severe: boolean): void {
  const { c, set } = f;
  const shrink = severe ? 4 : 2;
  c.model.lstm.forEach((l, i) => {
    const units = Math.max(4, Math.round(l.units / shrink));
    if (units < l.units) {
      set(
        `model.lstm[${i}].units`,
        l.units,
        units,
        `fewer units${severe ? ' (val_loss climbed far above its best: a much smaller model)' : ''}: less capacity to memorise`,
      );
      l.units = units;
    }
  });
  c.model.dense.forEach((d, i) => {
    const units = Math.max(4, Math.round(d.units / 2));
    if (units < d.units) {
      set(`model.dense[${i}].units`, d.units, units, 'fewer units in the head');
      d.units = units;
    }
  });
  const highLr = c.optimizer.name === 'sgd' ? 0.05 : 0.002;
  if (c.optimizer.lr > highLr) {
    const lr = round(Math.max(highLr / 2, c.optimizer.lr * 0.3));
    set(
      'optimizer.lr',
      c.optimizer.lr,
      lr,
      'a smaller step: at this learning rate the model reaches the noise within a few epochs, before early stopping can pick a good epoch',
    );
    c.optimizer.lr = lr;
  }
}

/** unstable: lr x0.1, gradient clipping, scaled data. */
function fixUnstable(f: Fixer): void {
  const { c, set } = f;
  const lr = round(c.optimizer.lr * 0.1);
  set('optimizer.lr', c.optimizer.lr, lr, 'learning rate x0.1: the updates overshoot');
  c.optimizer.lr = lr;
  if (c.optimizer.clipvalue === undefined && c.optimizer.clipnorm === undefined) {
    set(
      'optimizer.clipvalue',
      undefined,
      1,
      'clip each gradient to [-1, 1] so one bad batch cannot blow the weights up',
    );
    c.optimizer.clipvalue = 1;
  }
  if (c.data.scaling === 'none') {
    set('data.scaling', 'none', 'standard', 'standardise inputs and targets: raw values make large gradients');
    c.data.scaling = 'standard';
  }
}

/** underfitting: more capacity, a higher lr, more epochs, scaled data. */
function fixUnderfitting(f: Fixer): void {
  const { c, set } = f;
  const grow = (u: number) => Math.min(128, Math.max(16, u * 2));
  c.model.lstm.forEach((l, i) => {
    const units = grow(l.units);
    if (units > l.units) {
      set(`model.lstm[${i}].units`, l.units, units, 'more capacity: the model cannot represent the pattern');
      l.units = units;
    }
  });
  while (countParams(c.model) > CAPS.maxParams)
    for (const l of c.model.lstm) l.units = Math.max(4, Math.floor(l.units * 0.8));
  const target = c.optimizer.name === 'sgd' ? 0.05 : 0.003;
  if (c.optimizer.lr < target) {
    const lr = round(Math.min(target, c.optimizer.lr * 10));
    set('optimizer.lr', c.optimizer.lr, lr, 'higher learning rate: the loss creeps down too slowly');
    c.optimizer.lr = lr;
  }
  const epochs = Math.min(CAPS.maxEpochs, Math.max(c.fit.epochs * 2, 30));
  set('fit.epochs', c.fit.epochs, epochs, 'more epochs: the loss was still falling');
  c.fit.epochs = epochs;
  if (c.data.scaling === 'none') {
    set('data.scaling', 'none', 'standard', 'standardise the data: a small model learns scaled values faster');
    c.data.scaling = 'standard';
  }
}

/** high variance: more data, a larger validation set, a lower lr, larger batches, an ensemble, EarlyStopping. */
function fixHighVariance(f: Fixer): void {
  const { c, set, earlyStop } = f;
  const avail = availableSamples(c);
  const samples = Math.min(avail, CAPS.maxSamples, c.data.samples * 4);
  if (samples > c.data.samples * 1.2 && c.data.dataset !== 'random') {
    set(
      'data.samples',
      c.data.samples,
      samples,
      'more data: few samples make val_loss depend on which ones the model saw',
    );
    c.data.samples = samples;
  }
  if (c.fit.validation_split < 0.2) {
    set(
      'fit.validation_split',
      c.fit.validation_split,
      0.2,
      'a larger validation set: fewer than a few dozen windows give a jumpy val_loss',
    );
    c.fit.validation_split = 0.2;
  }
  const highLr = c.optimizer.name === 'sgd' ? 0.05 : 0.003;
  if (c.optimizer.lr > highLr) {
    const lr = round(Math.max(highLr / 3, c.optimizer.lr * 0.1));
    set('optimizer.lr', c.optimizer.lr, lr, 'a lower learning rate: each small batch moves the weights too far');
    c.optimizer.lr = lr;
  }
  if (c.fit.batch_size < 16) {
    set('fit.batch_size', c.fit.batch_size, 32, 'larger batches average out per-sample noise in the updates');
    c.fit.batch_size = 32;
  }
  if (c.fit.ensemble < 3 && countParams(c.model) * 3 <= CAPS.maxParams / 2) {
    set(
      'fit.ensemble',
      c.fit.ensemble,
      3,
      "average 3 models trained from different seeds (an ensemble smooths out each model's variance)",
    );
    c.fit.ensemble = 3;
  }
  earlyStop('stop when val_loss stops improving and keep the best weights');
}

/** not assessable: too few epochs to read a curve, so more of them. */
function fixTooShort(f: Fixer): void {
  const { c, set } = f;
  if (c.fit.epochs < 10) {
    set('fit.epochs', c.fit.epochs, 20, 'too few epochs to read a curve');
    c.fit.epochs = 20;
  }
}

/** The fix for each pattern; good_fit has none (still_improving is read as underfitting). */
const FIXES: Record<Diagnosis['pattern'], ((f: Fixer) => void) | undefined> = {
  overfitting: fixOverfitting,
  unstable: fixUnstable,
  underfitting: fixUnderfitting,
  high_variance: fixHighVariance,
  good_fit: undefined,
  not_assessable: fixTooShort,
};

export function repair(config: TrainConfig, diagnosis: Pick<Diagnosis, 'pattern' | 'findings' | 'evidence'>): Repair {
  const c = structuredClone(config);
  const changes: Change[] = [];
  const f = fixerFor(c, diagnosis.evidence, changes);
  let pattern = diagnosis.pattern;
  if (pattern === 'good_fit' && diagnosis.findings.includes('still_improving')) pattern = 'underfitting';
  FIXES[pattern]?.(f);
  const fixed = parseConfig(c);
  return {
    config: fixed,
    changes,
    addressed: pattern,
    summary: changes.length
      ? `${pattern}: ${changes.map((ch) => `${ch.path} ${fmt(ch.from)} -> ${fmt(ch.to)}`).join(', ')}`
      : `${pattern}: nothing to change`,
  };
}

function fmt(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * fixed: now a good fit, best val_loss not clearly worse; improved: best val_loss clearly better (>= 10%)
 * but not a good fit yet; traded: now a good fit but best val_loss clearly worse (the curve is healthy,
 * the model less accurate: e.g. random data, or "more data" changed the validation set); unchanged; worse.
 */
export type Verdict = 'fixed' | 'improved' | 'traded' | 'unchanged' | 'worse';

/** The bar for apply-fix: the retrained run is a good fit, or its best val_loss is clearly better. */
export function isRepaired(c: Comparison): boolean {
  return c.after.pattern === 'good_fit' || c.val_change <= -CLEARLY_BETTER;
}

export interface RunSummary {
  pattern: Diagnosis['pattern'];
  confidence: number;
  best_val_loss: number;
  /** in the data's original units, comparable across a scaling change */
  best_val_loss_orig: number;
  best_epoch: number;
  epochs_run: number;
  ms_total: number;
}

export interface Comparison {
  before: RunSummary;
  after: RunSummary;
  verdict: Verdict;
  /** relative change of the best val_loss in original units (negative = better) */
  val_change: number;
  message: string;
}

/** "Clearly better": best val_loss (original units) at least 10% lower. */
export const CLEARLY_BETTER = 0.1;

export function compare(before: RunSummary, after: RunSummary): Comparison {
  const b = Number.isFinite(before.best_val_loss_orig) ? before.best_val_loss_orig : Infinity;
  const a = Number.isFinite(after.best_val_loss_orig) ? after.best_val_loss_orig : Infinity;
  const change = b === Infinity ? (a === Infinity ? 0 : -1) : (a - b) / Math.max(Math.abs(b), 1e-12);
  let verdict: Verdict;
  const goodNow = after.pattern === 'good_fit' && before.pattern !== 'good_fit';
  if (goodNow && change < CLEARLY_BETTER) verdict = 'fixed';
  else if (goodNow) verdict = 'traded';
  else if (change <= -CLEARLY_BETTER) verdict = after.pattern === 'good_fit' ? 'fixed' : 'improved';
  else if (change >= CLEARLY_BETTER || (before.pattern === 'good_fit' && after.pattern !== 'good_fit'))
    verdict = 'worse';
  else verdict = 'unchanged';
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${Math.round(v * 100)}%`;
  const message =
    `${before.pattern} -> ${after.pattern}; best val_loss ${num(before.best_val_loss_orig)} -> ${num(after.best_val_loss_orig)} (${Number.isFinite(change) ? pct(change) : 'n/a'}): ` +
    {
      fixed: 'the fix worked',
      improved: 'better, though not a clean fit yet',
      traded:
        'the curve is healthy now, but the best val_loss is higher: the fix cost accuracy (or changed the validation data)',
      unchanged: 'no clear difference',
      worse: 'the change made it worse',
    }[verdict];
  return { before, after, verdict, val_change: change, message };
}

function num(v: number): string {
  return sig(v, 3);
}
