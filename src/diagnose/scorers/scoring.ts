/**
 * What every scorer reads and writes while classify() runs: the measured run (Ctx), the rule scores
 * so far, the findings, the reasons each rule gave (tagged with the pattern(s) they speak for), and the
 * wording that quotes the run's numbers the user's way round (epoch or step, loss or accuracy).
 */
import type { Finding, Evidence, Pattern } from '../schema.js';
import { invertFn, isFraction, trainingSide, validationAlone, type Aligned, type Curve } from '../features.js';
import { startLevelPoints } from '../measure.js';
import type { Ctx, RuleScores } from '../types.js';
import * as R from '../rules.js';
import { ramp } from '../stats.js';
import {
  at as quoteAt,
  fileLabel,
  firstPoint,
  lastPoint,
  num,
  pointAt,
  quoter,
  stat,
  take,
  value,
  type Claim,
  type Quoter,
} from '../quote.js';

export { change, count, moved, num, pct, stat, value } from '../quote.js';

/** A reason, the pattern(s) it speaks for (null: a note that stands whatever the verdict), and what its numbers mean. */
export interface Tagged {
  p: Pattern | Pattern[] | null;
  text: string;
  claims: Claim[];
}

export interface Scoring {
  ctx: Ctx;
  a: Aligned;
  e: Evidence;
  /** aligned points */
  n: number;
  /** accuracy-like pair read as an error (1 - y) */
  inv: boolean;
  trainName: string;
  valName: string;
  /** the curve's direction words, flipped for accuracy-like pairs */
  W: { bottomed: string; higher: string; rose: string; falling: string };
  scores: RuleScores;
  findings: Set<Finding>;
  tagged: Tagged[];
  spikeX: number[];
  /** the minimum-then-rise overfitting score (the val-worse rule and the headline read it) */
  overRise: number;
  /** the wide-gap overfitting score, when it is the overfitting score (overfitting.ts scoreWideGap; the headline reads it) */
  overWide: number;
  /** how clearly val climbed out of its minimum, before weighing train (overfitting.ts riseEvidence): the
   * slow-fall rule reads it for a held-out curve judged alone */
  valRise: number;
  /** NaN/inf only in validation while training stays finite (a broken validation set, not a blow-up) */
  valOnlyNaN: boolean;
  /** the unstable score came from a transient jump of the loss (the excursion rule), not from jitter */
  leapt: boolean;
  /** the unstable score came from both curves swinging around a flat level (the flat-noise rule) */
  flat: boolean;
  /** the underfitting score came from a slow straight-line fall (the steady-fall rule), not from a small one */
  steady: boolean;
  /** the training loss is frozen over the end of the run (the frozen rule): nothing is learning */
  frozen: boolean;
  /** a chance rule spoke (chance.ts): the loss started at ln(K) and stayed near it, or sits flat at it */
  atChance: boolean;
  /** the run logs its validation curve alone (features.ts validationAlone), measured once: no sentence may say how
   * the training loss moved */
  valAlone: boolean;
  /** an agent's reward read as itself (reward.ts): it collapsed after learning, or it never moved */
  reward?:
    | { kind: 'collapse'; name: string; peakX: number }
    | { kind: 'still'; name: string; share: number }
    | { kind: 'steady'; name: string; share: number };
  /** the underfitting score came from an accuracy that ends low and flat while the loss fell far: the loss's
   * fall is no "only" */
  lowAccuracy: boolean;
  /** the training loss fell far, then climbed back most of the way (lost-fit.ts): unstable, not underfitting */
  lostFit: boolean;
  /** the judged losses are a GAN's discriminator and generator (adversarial.ts): underfitting does not apply */
  adversarial: boolean;
  /** quotes the raw numbers of the run (quote.ts) and keeps their definitions */
  q: Quoter;
}

/** The curves measure() made (present once the run has enough points to be scored). */
export interface Curves {
  V: Curve;
  T?: Curve;
  /** the train curve at its own resolution when there is one, else at the val points */
  trainCurve?: Curve;
}

export function newScoring(ctx: Ctx): Scoring {
  const { pair } = ctx;
  const inv = pair.inverted;
  return {
    ctx,
    a: ctx.a,
    e: ctx.evidence,
    n: ctx.a.x.length,
    inv,
    trainName: pair.train?.key ?? 'train',
    valName: pair.val?.key ?? 'val',
    // accuracy-like pairs are read as errors (1 - y): say it the user's way round
    W: {
      bottomed: inv ? 'peaked' : 'bottomed',
      higher: inv ? 'lower' : 'higher',
      rose: inv ? 'fell' : 'rose',
      falling: inv ? 'rising' : 'falling',
    },
    scores: { overfitting: 0, high_variance: 0, underfitting: 0, unstable: 0 },
    findings: new Set<Finding>(),
    tagged: [],
    spikeX: [],
    overRise: 0,
    overWide: 0,
    valRise: 0,
    valOnlyNaN: false,
    leapt: false,
    flat: false,
    steady: false,
    frozen: false,
    atChance: false,
    valAlone: validationAlone(pair, ctx.a, ctx.run, ctx.beside),
    lowAccuracy: false,
    adversarial: false,
    lostFit: false,
    q: quoter(
      ctx.run,
      pair.train ?? (ctx.a.hasVal ? undefined : pair.val),
      ctx.a.hasVal ? pair.val : undefined,
      inv,
      ctx.beside,
    ),
  };
}

export function curvesOf(s: Scoring): Curves {
  const { V, T, Tfull } = s.ctx.curves!;
  return { V, T, trainCurve: Tfull ?? T };
}

/** Record a reason for pattern(s) p (null: a general note), with the claims its numbers made. */
export function say(s: Scoring, p: Pattern | Pattern[] | null, text: string): void {
  s.tagged.push({ p, text, claims: take(s.q) });
}

/** Raise a rule score to at least v. */
export function atLeast(s: Scoring, p: keyof RuleScores, v: number): void {
  s.scores[p] = Math.max(s.scores[p], v);
}

/** "epoch 12" / "step 1200": the point at x, labelled as in the user's file. */
export function at(s: Scoring, x: number | undefined): string {
  return quoteAt(s.q, x);
}

/** Did the model learn at all: train improved LEARNED_LO -> LEARNED_HI over the run (1 when unknown). A model stuck at
 * chance whose val drifts is not overfitting or high variance. */
export function trainLearned(s: Scoring): number {
  const imp = s.e.train_total_improvement;
  return imp === undefined ? 1 : ramp(imp, R.LEARNED_LO, R.LEARNED_HI);
}

/** x of the first / last finite point of the quoted train or val series (the points a raw change runs between). */
export function startX(s: Scoring, which: 'train' | 'val'): number | undefined {
  const series = which === 'train' ? s.q.train : s.q.val;
  return series ? firstPoint(series)?.x : undefined;
}
export function endX(s: Scoring, which: 'train' | 'val'): number | undefined {
  const series = which === 'train' ? s.q.train : s.q.val;
  return series ? lastPoint(series)?.x : undefined;
}

/** "there is no training curve to compare it with", said of a validation curve judged with no training side; when the
 * run logs training-side curves the pair could not use (a training accuracy beside a validation loss, a GAN's or an
 * agent's losses, losses under other names), "no training counterpart of val_loss is logged to compare it with (the
 * log has train_accuracy)": what they measure beside it is not known. */
export function noTrainingCurve(s: Scoring): string {
  const other = trainingSide(s.ctx.run);
  if (other.length === 0) return 'there is no training curve to compare it with';
  const names = other.slice(0, 2).map((x) => x.name);
  return `no training counterpart of ${s.valName} is logged to compare it with (the log has ${names.join(' and ')}${other.length > 2 ? ' and others' : ''})`;
}

/** The series a train-side sentence quotes: train, or val when the log has no train curve. */
export function mainSide(s: Scoring): 'train' | 'val' {
  return s.q.train ? 'train' : 'val';
}

/** " (in the file: 0.52 at epoch 1, 0.47 at epoch 60)": the file's own first and last values beside a smoothed
 * statistic; beside a whole-run change `imp` they went against, the medians it was measured between too
 * (contraryMedians). */
export function rawEnds(s: Scoring, which: 'train' | 'val', imp: number | undefined): string {
  const x0 = startX(s, which);
  const x1 = endX(s, which);
  if (x0 === undefined || x1 === undefined) return '';
  const medians = contraryMedians(s, which, imp);
  return ` (in the file: ${value(s.q, which, x0)} at ${at(s, x0)}, ${value(s.q, which, x1)} at ${at(s, x1)}${medians && `, ${medians}`})`;
}

/**
 * "but its typical level was 5.16 up to epoch 4 and 6.65 from epoch 23": the two levels a whole-run change of a
 * curve (`imp`, its `*_total_improvement`: above 0 better) is measured between (measure.ts relDrop: medians of its
 * first and last points, of a training curve's means between validation points when it is logged more often),
 * said when the file's first and last values went visibly the other way: a first point far above the next ones
 * ("ended 29% worse" of a loss from 7.26 to 6.65), or noise at either end. Without it the sentence contradicts the
 * numbers it quotes. '' when they agree, when the two values or the two levels look alike as shown, or when the
 * file labels both levels' points alike (rows within one epoch). A curve of the accuracy kind is read as an
 * error; its levels are shown as the file's values, and a fraction's errors (below 1) beside them.
 */
export function contraryMedians(s: Scoring, which: 'train' | 'val', imp: number | undefined): string {
  const series = which === 'train' ? s.q.train : s.q.val;
  const c = which === 'train' ? s.ctx.curves?.T : s.ctx.curves?.V;
  const x0 = startX(s, which);
  const x1 = endX(s, which);
  if (imp === undefined || !series || !c || x0 === undefined || x1 === undefined) return '';
  // the values rawEnds shows (of several rows at one x, the last)
  const a = pointAt(series, x0);
  const b = pointAt(series, x1);
  if (!a || !b || num(a.y) === num(b.y)) return '';
  const endsBetter = s.ctx.pair.inverted ? b.y - a.y : a.y - b.y;
  if (endsBetter > 0 === imp > 0) return '';
  const n = c.raw.length;
  const width = startLevelPoints(n);
  const [, hi] = c.windowAt(0, width);
  const [lo] = c.windowAt(n - 1);
  // a training curve read at the validation points stands for the file's values only where it was logged
  if (which === 'train' && s.a.hasVal && !trainLoggedIn(s, [0, hi], [lo, n])) return '';
  const { pair } = s.ctx;
  const shown = pair.inverted ? invertFn(series, series === pair.train ? pair.val : pair.train) : (v: number) => v;
  const start = shown(c.levelAt(0, width));
  const end = shown(c.levelAt(n - 1));
  // two levels that look alike, or windows the file labels as one point (rows within one epoch), explain nothing
  const [upTo, from] = [s.a.x[hi - 1], s.a.x[lo]];
  if (num(start) === num(end) || !(fileLabel(s.q.run, upTo) < fileLabel(s.q.run, from))) return '';
  const levels = `but its typical level was ${stat(s.q, `${which}_start_median`, start, 'num')} up to ${at(s, upTo)} and ${stat(s.q, `${which}_end_median`, end, 'num')} from ${at(s, from)}`;
  // higher is better: the change is a share of the distance below the top, 1 for a fraction (a score's top is the
  // best of both curves, a number not in the file: its levels alone say the direction)
  if (!pair.inverted || !isFraction(series)) return levels;
  return `${levels}, that is below ${stat(s.q, 'fraction_top', 1, 'num')} by ${stat(s.q, `${which}_start_shortfall`, c.levelAt(0, width), 'num')}, then ${stat(s.q, `${which}_end_shortfall`, c.levelAt(n - 1), 'num')}`;
}

/** Was the training series logged at least once in the interval of each aligned point of the windows [lo, hi)
 * (after the point before it, up to it)? features.ts align() fills an interval without one with the value after
 * it (before the first) or the last before it. */
function trainLoggedIn(s: Scoring, ...windows: [number, number][]): boolean {
  const t = s.ctx.pair.train;
  if (!t) return false;
  const xs = t.x.filter((_, i) => Number.isFinite(t.y[i]));
  const points = windows.flatMap(([lo, hi]) => Array.from({ length: hi - lo }, (_, k) => lo + k));
  for (const i of points) {
    const after = i > 0 ? s.a.x[i - 1] : -Infinity;
    // the first logged x after the point before (xs ascend)
    let a = 0;
    let b = xs.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (xs[m] > after + X_EPS) b = m;
      else a = m + 1;
    }
    if (!(a < xs.length && xs[a] <= s.a.x[i] + X_EPS)) return false;
  }
  return true;
}

/** How near two x positions are alike (align()'s tolerance). */
const X_EPS = 1e-9;

/**
 * The train/val gap at the end as a clause: "the smoothed gap to loss is 12% of loss", a share of train's level.
 * Where higher is better the gap is measured on errors, a share of train's distance below its best, which is ~0
 * once train reaches its ceiling ("the smoothed gap to auc is 430400% of auc" of an AUC of 1.0 against 0.978):
 * the file's two values at val's last point are quoted instead.
 */
export function gapAtEnd(s: Scoring): string {
  const lx = endX(s, 'val');
  if (!s.inv || lx === undefined)
    return `the smoothed gap to ${s.trainName} is ${stat(s.q, 'gap_ratio_last', s.e.gap_ratio_last)} of ${s.trainName}`;
  return `${s.valName} ends at ${value(s.q, 'val', lx)} against ${value(s.q, 'train', lx)} for ${s.trainName} (${at(s, lx)})`;
}

/** The hand-written rules' own verdict: the top problem score if it reaches the verdict bar, else a good fit
 * (`underfitting` false: among the other patterns only). */
export function rulePatternOf(s: Scoring, underfitting = true): Pattern {
  const { scores } = s;
  const order: (keyof RuleScores)[] = ['unstable', 'overfitting', 'high_variance'];
  if (underfitting) order.push('underfitting');
  let top: keyof RuleScores = order[0];
  for (const p of order) if (scores[p] > scores[top] + R.SCORE_TIE) top = p;
  // a real minimum-then-rise is overfitting even when val is also noisy (the noise is a finding)
  if (top === 'high_variance' && s.overRise >= R.VERDICT_MIN_SCORE) top = 'overfitting';
  return scores[top] >= R.VERDICT_MIN_SCORE ? top : 'good_fit';
}
