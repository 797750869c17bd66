/**
 * Measurements: pick the monitored pair, align train to the validation points, and compute the named
 * numbers the classifier and the user read.
 */
import type { Run, Series } from '../ingest/schema.js';
import { canonicalName, isMetricKind, isRewardName } from '../ingest/names.js';
import * as R from './rules.js';
import { ganQuality } from './gan.js';
import { agentLosses } from './agent.js';
import { bucketMean, maxOf, median, minOf, oddWindow, robustSigma, smooth, directionChanges } from './stats.js';

export interface Pair {
  train?: Series;
  val?: Series;
  /** accuracy-like pairs are turned into errors (1 - y) so "lower is better" holds throughout */
  inverted: boolean;
  /** the training loss beside a validation cross-entropy logged under another name: maybe not one quantity */
  crossNamed?: boolean;
  /** a GAN judged on the score its samples are measured by (FID, PSNR...), not its two losses (gan.ts) */
  ganQuality?: boolean;
  /** an actor-critic's losses with no reward logged: nothing judged (agent.ts) */
  agentOnly?: Series[];
}

/** A loss or error whose every value is exactly 0: never filled in (a placeholder, a term switched off) or a real 0
 * (every label masked); either way no curve. An accuracy or score of 0 is a real failure and stays. */
export function allZero(s: Series): boolean {
  return (s.kind === 'loss' || s.kind === 'error') && s.y.length > 0 && s.y.every((v) => v === 0);
}

/** A held-out series that is never a number (an empty validation loader, NaN in the validation labels): no curve to
 * judge, so the run is judged without it, and says why (classify.ts). A training series all NaN stays: a blow-up. */
export function brokenHeldOut(s: Series): boolean {
  return s.split === 'val' && s.y.length > 0 && !s.y.some(Number.isFinite);
}

/**
 * The run logs its validation curve alone: the pair has no training side, no training loss stands beside a held-out
 * score, it is not an agent's return, and the run has no training-side curve at all (a loss, an error, an accuracy or
 * a score; a GAN's or an agent's losses are training-side too; a loss or error logged as 0 throughout is none). Nothing
 * then shows whether the model fits its training data: no sentence may say how the training loss moved
 * (Scoring.valAlone), and the Diagnosis says so (`series.val_alone`) for the advice.
 */
export function validationAlone(pair: Pair, a: Aligned, run: Run, beside?: Series): boolean {
  if (!a.hasVal || a.hasTrain || beside || (pair.val && isRewardName(pair.val.base))) return false;
  return trainingSide(run).length === 0;
}

/** The run's training-side curves as logged: a loss, an error, an accuracy or a score on the training split, not
 * derived, and not a loss or error logged as 0 throughout. */
export function trainingSide(run: Run): Series[] {
  return run.series.filter((x) => !x.derived && x.split === 'train' && isMetricKind(x.kind) && !allZero(x));
}

function pick(run: Run, pred: (s: Series) => boolean): Series | undefined {
  const hits = run.series.filter((s) => pred(s) && !allZero(s) && !brokenHeldOut(s));
  // prefer epoch aggregates over per-step forks, and real over derived
  return (
    hits.find((s) => !s.key.endsWith('_step') && !s.derived) ?? hits.find((s) => !s.key.endsWith('_step')) ?? hits[0]
  );
}

/** Does the run have a series the user's --metric names? */
export function findMetric(run: Run, metric: string): Series | undefined {
  const m = metric.trim();
  const canon = canonicalName(m).key;
  return (
    run.series.find((s) => s.key === m) ??
    run.series.find((s) => s.name === m) ??
    run.series.find((s) => s.key === canon) ??
    run.series.find((s) => s.name.toLowerCase() === m.toLowerCase())
  );
}

export function selectPair(run: Run, metric?: string): Pair {
  if (metric) {
    const m = metric.trim();
    // by key, by the name as written, by the canonical key of what was typed (val_acc -> val_accuracy), case-insensitively
    const byKey = findMetric(run, m);
    if (byKey) {
      const base = byKey.split === 'val' ? byKey.key.replace(/^val_/, '') : byKey.key;
      const train = run.series.find((s) => s.key === base && s.split !== 'val');
      const val = run.series.find((s) => s.key === `val_${base}`);
      const inverted = byKey.kind === 'accuracy' || byKey.kind === 'score';
      return { train, val, inverted };
    }
  }
  // a reinforcement-learning run is judged on its episode reward or return: its losses (TD error, policy and
  // value losses) move with the data the agent collects and say little about whether it got better
  // (not beside a validation loss: a supervised pair logged beside a return is the pair judged)
  const trainReward = pick(run, (s) => s.split === 'train' && isReward(s));
  const valReward = pick(run, (s) => s.split === 'val' && isReward(s));
  const valLossLogged = run.series.some((s) => s.split === 'val' && s.kind === 'loss' && !brokenHeldOut(s));
  if ((trainReward || valReward) && !valLossLogged) return { train: trainReward, val: valReward, inverted: true };
  // ... and with no reward logged, an actor-critic's losses are not judged in its place: a score it logs (a success
  // rate) is, else nothing
  const agent = valLossLogged ? undefined : agentLosses(run);
  if (agent) {
    const [trainScore, valScore] = [pickScore(run, 'train'), pickScore(run, 'val')];
    return trainScore || valScore
      ? { train: trainScore, val: valScore, inverted: true }
      : { inverted: false, agentOnly: agent };
  }
  // a GAN is judged on the score its samples are measured by, when it logs one and no validation loss: its
  // discriminator's and generator's losses pull against each other and say little about the samples (gan.ts)
  const quality = ganQuality(run);
  if (quality) return { train: quality.train, val: quality.val, inverted: quality.higher, ganQuality: true };
  // (by its kind too: a column ingest found to be another's copy is kind `other`, never judged: ingest/copies.ts)
  const valLoss =
    pick(run, (s) => s.key === 'val_loss' && s.kind === 'loss') ??
    pick(run, (s) => s.split === 'val' && s.kind === 'loss');
  // the training loss of the validation loss's own base, where the run logs several (a model's or head's:
  // `gru_loss` and `lstm_loss` beside `lstm_val_loss`, read as `val_lstm_loss`: ingest/inner-split.ts)
  const trainLoss =
    pick(run, (s) => s.key === 'loss' && s.kind === 'loss') ??
    (valLoss && pick(run, (s) => s.split === 'train' && s.kind === 'loss' && s.base === valLoss.base)) ??
    pick(run, (s) => s.split === 'train' && s.kind === 'loss');
  if (trainLoss && !valLoss) {
    // the validation loss logged under its function's name (train_loss beside val_ce / val_nll / val_mean_ce)
    const valCe = pick(run, (s) => s.split === 'val' && CROSS_ENTROPY.test(s.base));
    if (valCe) {
      const trainCe = pick(run, (s) => s.split === 'train' && s.base === valCe.base);
      return trainCe
        ? { train: trainCe, val: valCe, inverted: false }
        : { train: trainLoss, val: valCe, inverted: false, crossNamed: true };
    }
  }
  if (trainLoss && !valLoss && healthy(trainLoss)) {
    // no validation loss, but an accuracy (or score) logged on both splits: that pair says how the model
    // generalises, where the training loss alone cannot (train loss 0.80 -> 0.20 while val accuracy peaks and
    // falls). Not when the loss itself broke (NaN/inf, or ends above where it started): that is the verdict.
    const trainAcc = pickScore(run, 'train');
    const valAcc = pickScore(run, 'val');
    // (a training accuracy printed once after training, `acc6 = 100.00%`, is no curve to set beside the validation
    // one: two points or more, the first before the validation's last)
    if (
      trainAcc &&
      valAcc &&
      trainAcc.base === valAcc.base &&
      besideCurve(trainAcc, valAcc) &&
      judgeableBeside(trainLoss, valAcc, true)
    )
      return { train: trainAcc, val: valAcc, inverted: true };
    // ... or an error so logged (an optical-flow model's EPE, a regressor's MAE beside its training loss)
    const trainErrs = new Set(run.series.filter((s) => s.split === 'train' && s.kind === 'error').map((s) => s.base));
    const valErr = pick(run, (s) => s.split === 'val' && s.kind === 'error' && trainErrs.has(s.base));
    const trainErr = valErr && pick(run, (s) => s.split === 'train' && s.kind === 'error' && s.base === valErr.base);
    if (trainErr && valErr && judgeableBeside(trainLoss, valErr, false))
      return { train: trainErr, val: valErr, inverted: false };
  }
  if (trainLoss || valLoss) return { train: trainLoss, val: valLoss, inverted: false };
  const trainErr = pick(run, (s) => s.split === 'train' && s.kind === 'error');
  const valErr = pick(run, (s) => s.split === 'val' && s.kind === 'error');
  if (trainErr || valErr) return { train: trainErr, val: valErr, inverted: false };
  const trainAcc = pickScore(run, 'train');
  const valAcc = pickScore(run, 'val');
  return { train: trainAcc, val: valAcc, inverted: !!(trainAcc || valAcc) };
}

/** Is a pair's validation side, logged beside the training loss, long enough to judge (MIN_POINTS finite values: the
 * pair is judged at its points), or the loss no longer? A validation accuracy measured every fifth epoch of a
 * 15-epoch run (3 points) is too few to judge, where the loss logged every epoch is not: the loss alone is judged,
 * not "too few points". Unless the few points got worse (the last not the best: an accuracy below its best, an error
 * above it): the loss alone would hide that, so the pair is judged (too few points). `higher`: higher is better. */
function judgeableBeside(loss: Series, val: Series, higher: boolean): boolean {
  const v = val.y.filter(Number.isFinite);
  if (v.length >= R.MIN_POINTS || loss.y.filter(Number.isFinite).length <= v.length) return true;
  const last = v[v.length - 1];
  return higher ? last < maxOf(v) : last > minOf(v);
}

/** A series that is a curve over the same run as `other`: 2 points or more, the first before `other`'s last. */
function besideCurve(s: Series, other: Series): boolean {
  return s.x.length >= 2 && other.x.length > 0 && s.x[0] < other.x[other.x.length - 1];
}

/** An episode reward or return (ingest's names: `reward`, `ep_rew_mean`, `eval/mean_reward`, `avg_return`). */
const isReward = (s: Series) => isRewardName(s.base);

/** A loss that stayed finite and ends no higher than it started (medians of its first and last 3 values). */
function healthy(s: Series): boolean {
  if (!s.y.every(Number.isFinite) || s.y.length === 0) return false;
  const k = Math.min(3, s.y.length);
  return median(s.y.slice(-k)) <= median(s.y.slice(0, k));
}

/** Cross-entropy by its names: what a classifier or language model trains on, so a validation loss. */
const CROSS_ENTROPY =
  /^(?:(?:mean|avg|average)_)?(?:ce|crossentropy|cross_entropy|xent|nll|nll_loss|bce|binary_crossentropy|logloss)$/;
/** Scores that trade off against each other: monitored only when no accuracy or overall score is logged. */
const PARTIAL_SCORE = /^(?:precision|recall|sensitivity|specificity)$/;

/** The accuracy, else an overall score (mAP, F1, AUC), else precision or recall, of one split. */
function pickScore(run: Run, split: 'train' | 'val'): Series | undefined {
  return (
    pick(run, (s) => s.split === split && s.kind === 'accuracy') ??
    pick(run, (s) => s.split === split && s.kind === 'score' && !PARTIAL_SCORE.test(s.base)) ??
    pick(run, (s) => s.split === split && s.kind === 'score')
  );
}

/** The accuracy-like metric shown beside the loss (not used when it is itself the monitored pair). */
export function selectMetric(run: Run, pair: Pair): { train?: Series; val?: Series } {
  // a GAN judged on its samples' score: the other scores beside it are the discriminator's outputs (Score_D)
  if (pair.inverted || pair.ganQuality) return {};
  // an overall score (mAP, F1) before precision or recall, as pickScore ranks them
  // (by kind as well as name: an accuracy column ingest found to be a loss's copy is kind `other`: ingest/copies.ts)
  const score = (s: Series) =>
    s.base === 'accuracy' && s.kind === 'accuracy'
      ? 3
      : s.kind === 'accuracy'
        ? 2
        : s.kind !== 'score'
          ? 0
          : PARTIAL_SCORE.test(s.base)
            ? 0.5
            : 1;
  const cands = run.series.filter((s) => score(s) > 0 && !s.key.endsWith('_step') && s.y.some(Number.isFinite));
  cands.sort((a, b) => score(b) - score(a));
  const val = cands.find((s) => s.split === 'val');
  const train = val
    ? cands.find((s) => s.split === 'train' && s.base === val.base)
    : cands.find((s) => s.split === 'train');
  return { train, val };
}

export interface Aligned {
  x: number[];
  /** train (per checkpoint: mean of train points since the previous checkpoint), NaN where none */
  t: number[];
  /** val (or the train series itself when there is no val) */
  v: number[];
  hasVal: boolean;
  hasTrain: boolean;
  nonFiniteX: number[];
  /** validation points set aside: too few to read a trend (fewer than MIN_POINTS) beside a training curve
   * that has enough, so the run is judged on that curve, as one without validation */
  valSetAside?: number;
}

/** A higher-is-better series on [0, 1] (an accuracy, a fraction): read as its error 1 - y. */
export function isFraction(s: Series): boolean {
  return s.y.every((v) => !Number.isFinite(v) || (v >= 0 && v <= 1));
}

/**
 * Higher-is-better values as an error to minimise: 1 - y on [0, 1], else the distance below the best (PSNR, BLEU
 * x100, a reward). Beside a partner of the pair that is no fraction either, the best of both: the two distances
 * are then measured from one top, and their gap is train's value minus val's (each from its own best, an eval
 * reward that peaked at 200 and ends at 55 beside a training reward at 98 was a "gap" of 127).
 */
export function invertFn(s: Series, partner?: Series): (v: number) => number {
  if (isFraction(s)) return (v) => 1 - v;
  let max = -Infinity;
  const both = partner && !isFraction(partner) ? [s, partner] : [s];
  for (const t of both) for (const v of t.y) if (Number.isFinite(v) && v > max) max = v;
  const top = max + Math.max(Math.abs(max) * 1e-3, 1e-9);
  return (v) => top - v;
}

function finitePoints(s: Series, inverted: boolean, partner?: Series): { x: number[]; y: number[]; bad: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const bad: number[] = [];
  const inv = inverted ? invertFn(s, partner) : undefined;
  for (let i = 0; i < s.x.length; i++) {
    const v = s.y[i];
    if (Number.isFinite(v)) {
      x.push(s.x[i]);
      y.push(inv ? inv(v) : v);
    } else bad.push(s.x[i]);
  }
  return { x, y, bad };
}

/** Align train onto the val checkpoints (sparse eval points in per-step logs are the common case). */
export function align(pair: Pair): Aligned {
  const nonFinite = new Set<number>();
  const tr = pair.train ? finitePoints(pair.train, pair.inverted, pair.val) : undefined;
  const va = pair.val ? finitePoints(pair.val, pair.inverted, pair.train) : undefined;
  tr?.bad.forEach((x) => nonFinite.add(x));
  va?.bad.forEach((x) => nonFinite.add(x));
  const nonFiniteX = [...nonFinite].sort((a, b) => a - b);
  // too few validation points for a trend (validation_freq=5 over 20 epochs) beside a training curve with
  // enough: judge the training curve, as a run without validation, rather than nothing
  const setAside = va && va.x.length > 0 && va.x.length < R.MIN_POINTS && tr && tr.x.length >= R.MIN_POINTS;
  if (!va || va.x.length === 0 || setAside) {
    const b = tr ? bucketMean(tr.x, tr.y, R.MAX_POINTS) : { x: [], y: [] };
    return {
      x: b.x,
      t: b.y,
      v: b.y,
      hasVal: false,
      hasTrain: !!tr && tr.x.length > 0,
      nonFiniteX,
      ...(setAside ? { valSetAside: va.x.length } : {}),
    };
  }
  if (va.x.length > R.MAX_POINTS) {
    // val logged at (almost) every step: read both at bucket resolution
    const bv = bucketMean(va.x, va.y, R.MAX_POINTS);
    va.x = bv.x;
    va.y = bv.y;
  }
  if (!tr || tr.x.length === 0) {
    return { x: va.x, t: va.x.map(() => NaN), v: va.y, hasVal: true, hasTrain: false, nonFiniteX };
  }
  const t: number[] = [];
  let j = 0;
  let lastSeen = NaN;
  for (let i = 0; i < va.x.length; i++) {
    const hi = va.x[i];
    let sum = 0;
    let cnt = 0;
    while (j < tr.x.length && tr.x[j] <= hi + 1e-9) {
      sum += tr.y[j];
      cnt++;
      lastSeen = tr.y[j];
      j++;
    }
    t.push(cnt > 0 ? sum / cnt : Number.isNaN(lastSeen) ? (tr.y[j] ?? NaN) : lastSeen);
  }
  return { x: va.x, t, v: va.y, hasVal: true, hasTrain: true, nonFiniteX };
}

export interface Curve {
  raw: number[];
  s: number[];
  first: number;
  last: number; // tail median
  /** the level of the curve at i: median of the raw window of the tail's size around i (edge windows
   *  stay full size), so a curve that alternates every epoch is read at its centre, not at one phase */
  levelAt: (i: number, width?: number) => number;
  /** the indices [lo, hi) levelAt(i, width) reads */
  windowAt: (i: number, width?: number) => [number, number];
  min: number; // smoothed min
  argmin: number; // index of smoothed min
  noise: number; // robust sigma of raw - smooth
  relNoise: number; // noise / |level|
  logJump: number; // median |log(y[i]/y[i-1])| for positive series
}

export function curve(y: number[]): Curve {
  const n = y.length;
  const w = oddWindow(n, R.SMOOTH_FRACTION, R.SMOOTH_MIN, R.SMOOTH_MAX);
  const s = n >= 5 ? smooth(y, w) : [...y];
  const k = Math.max(R.TAIL_MIN, Math.round(n * R.TAIL_FRACTION));
  const last = median(y.slice(-k));
  const firstK = Math.max(1, Math.min(2, n));
  const first = median(y.slice(0, firstK));
  let argmin = 0;
  for (let i = 1; i < n; i++) if (s[i] < s[argmin]) argmin = i;
  const resid = y.map((v, i) => v - s[i]);
  // noise: the larger of the robust residual sigma and the roughness of the curve. Roughness is the
  // median |second difference| (of log y when y > 0, so a smooth exponential decay has none), turned
  // into a sigma for white noise by 1.65 = median |N(0, 6)|. Unlike the MAD of residuals, it sees a
  // curve that zig-zags every other point.
  const level = median(s.map(Math.abs)) || 1e-12;
  let roughRel = 0;
  if (n >= 5) {
    const positive = y.every((v) => v > 0);
    const z = positive ? y.map(Math.log) : y;
    const d2: number[] = [];
    for (let i = 1; i < n - 1; i++) d2.push(Math.abs(z[i + 1] - 2 * z[i] + z[i - 1]));
    roughRel = positive ? median(d2) / 1.65 : median(d2) / 1.65 / level;
  }
  const relNoise = n >= 5 ? Math.max(robustSigma(resid) / level, roughRel) : 0;
  const noise = relNoise * level;
  let logJump = 0;
  if (y.every((v) => v > 0) && n >= 3) {
    const jumps: number[] = [];
    for (let i = 1; i < n; i++) jumps.push(Math.abs(Math.log(y[i] / y[i - 1])));
    logJump = median(jumps);
  }
  const kLevel = Math.max(3, k);
  const windowAt = (i: number, width = kLevel): [number, number] => {
    const hi = Math.min(n, Math.max(0, i - (width >> 1)) + width);
    return [Math.max(0, hi - width), hi];
  };
  const levelAt = (i: number, width = kLevel) => median(y.slice(...windowAt(i, width)));
  return { raw: y, s, first, last, min: s[argmin], argmin, noise, relNoise, logJump, levelAt, windowAt };
}

/** Relative fall over the second half (level at the middle to the end). */
export function halfDrop(c: Curve): number {
  const n = c.raw.length;
  const mid = Math.floor((n - 1) / 2);
  const lm = c.levelAt(mid);
  return (lm - c.last) / Math.max(Math.abs(lm), 1e-12);
}

/** Relative improvement of a smoothed curve between two indices (positive = lower = better). */
export function relDrop(s: number[], from: number, to: number): number {
  const a = s[from];
  const b = s[to];
  const den = Math.max(Math.abs(a), 1e-12);
  return (a - b) / den;
}

/**
 * Transient spikes: a point SPIKE_FACTOR times the median of the SPIKE_BASELINE points before it, where
 * those points were calm (none above SPIKE_CALM times their median: a jumpy run-up is noise, not a
 * spike), big against the curve's own range, and back under 1.5x that median after at most
 * SPIKE_MAX_WIDTH points up (a blip, not a new level). The first points (the initial descent,
 * Keras' running-mean first epoch) have no baseline and are never spikes.
 */
export function spikes(x: number[], y: number[]): number[] {
  const out: number[] = [];
  const B = R.SPIKE_BASELINE;
  const sorted = y.filter(Number.isFinite).sort((p, q) => p - q);
  if (sorted.length < B + 2) return out;
  const range = sorted[Math.floor(sorted.length * 0.9)] - sorted[Math.floor(sorted.length * 0.1)];
  for (let i = B; i < y.length; i++) {
    const before = y.slice(i - B, i);
    if (!before.every(Number.isFinite)) continue;
    const m = median(before);
    if (!(m > 0) || maxOf(before) > R.SPIKE_CALM * m) continue;
    if (!(y[i] > R.SPIKE_FACTOR * m && y[i] - m > R.SPIKE_MIN_OF_RANGE * range)) continue;
    // the point itself and at most SPIKE_MAX_WIDTH - 1 more above, then back
    const after = y.slice(i + 1, i + 1 + R.SPIKE_MAX_WIDTH);
    if (after.some((v) => v < 1.5 * m)) out.push(x[i]);
  }
  return out;
}

/** A curve's biggest sudden jump: the point `to` at `ratio` x the lowest of the few points before it (`from`). */
export interface Excursion {
  from: number;
  to: number;
  ratio: number;
  /** `from` lies at least EXCURSION_CAME_DOWN below the highest point before it: the loss had come down */
  cameDown: boolean;
}

/**
 * The biggest jump of a positive curve (see EXCURSION_* in rules.ts): each point over the lowest finite
 * one among the EXCURSION_LOOKBACK before it, kept when the rise is at least EXCURSION_MIN_OF_RANGE of the
 * curve's 10-90% range (and whether the loss had come down before it); with `near`, only jumps landing
 * within EXCURSION_SYNC points of that index.
 * Undefined for a curve with a non-positive value or too few finite points.
 */
export function excursion(y: number[], near?: number): Excursion | undefined {
  const fin = y.filter(Number.isFinite);
  if (fin.length < R.MIN_POINTS || fin.some((v) => v <= 0)) return undefined;
  const sorted = [...fin].sort((p, q) => p - q);
  const range = sorted[Math.floor(sorted.length * 0.9)] - sorted[Math.floor(sorted.length * 0.1)];
  // the highest finite value before each index
  const peak: number[] = [];
  for (let i = 0, m = -Infinity; i < y.length; i++) {
    peak.push(m);
    if (Number.isFinite(y[i])) m = Math.max(m, y[i]);
  }
  let best: Excursion | undefined;
  for (let i = 1; i < y.length; i++) {
    if (!Number.isFinite(y[i]) || (near !== undefined && Math.abs(i - near) > R.EXCURSION_SYNC)) continue;
    let from = -1;
    for (let j = Math.max(0, i - R.EXCURSION_LOOKBACK); j < i; j++)
      if (Number.isFinite(y[j]) && (from < 0 || y[j] < y[from])) from = j;
    if (from < 0 || y[i] - y[from] < R.EXCURSION_MIN_OF_RANGE * range) continue;
    // a blip far below where the curve came down from (1e-3 -> 0.03 after 0.3 -> 1e-3) is no leap
    if (y[i] - y[from] < R.EXCURSION_MIN_OF_FALL * (peak[from] - y[from])) continue;
    const ratio = y[i] / y[from];
    const cameDown = y[from] <= (1 - R.EXCURSION_CAME_DOWN) * peak[from];
    if (!best || ratio > best.ratio) best = { from, to: i, ratio, cameDown };
  }
  return best;
}

export { directionChanges };

/** Spikes on the aligned val curve and, when both exist, the aligned train curve (the chart's marks). */
export function spikeList(a: Aligned): number[] {
  const out = spikes(a.x, a.v);
  if (a.hasVal && a.hasTrain)
    out.push(
      ...spikes(
        a.x,
        a.t.map((v) => (Number.isFinite(v) ? v : 0)),
      ),
    );
  return [...new Set(out)].sort((p, q) => p - q);
}
