/**
 * Unstable: the training blew up or never settled. Its rules: NaN/inf in the training loss (at once,
 * persisting, or recovered), a loss that grows (diverging, including a negative loss running away),
 * jumps from point to point, oscillation without a downward trend, both curves swinging around a flat
 * level (flat noise), and a big transient jump of both (excursion). Thresholds: "unstable" in rules.ts.
 */
import type { Ctx } from '../types.js';
import * as R from '../rules.js';
import { curve, excursion, isFraction, type Excursion } from '../features.js';
import { bestPoint, pointAt } from '../quote.js';
import type { Series } from '../../ingest/schema.js';
import { DIV_FLOOR, maxOf, minOf, ramp, trendT } from '../stats.js';
import { median } from '../../util/median.js';
import {
  at,
  atLeast,
  contraryMedians,
  curvesOf,
  endX,
  mainSide,
  moved,
  say,
  startX,
  stat,
  value,
  type Scoring,
} from './scoring.js';

/** NaN/inf only in validation while the training curve stays finite: the validation data or metric is
 * broken, the training is not unstable (the train curve is judged on its own). */
export function valOnlyNaN(ctx: Ctx): boolean {
  const train = ctx.pair.train;
  return !!train && train.y.length > 0 && train.y.every((v) => Number.isFinite(v)) && ctx.nonFinite.count > 0;
}

/** Non-finite from the start, or too early to leave enough finite points: blown up, nothing else to judge. */
export function blewUpAtOnce(s: Scoring): boolean {
  const nf = s.ctx.nonFinite;
  const allBad = s.n === 0 && nf.count > 0;
  if (valOnlyNaN(s.ctx) || !(allBad || (nf.count > 0 && s.n < R.MIN_POINTS))) return false;
  s.scores.unstable = R.BLOWUP_SCORE;
  say(s, 'unstable', `The loss is non-finite (NaN/inf) from ${at(s, nf.first)} on: training blew up.`);
  return true;
}

export function scoreUnstable(s: Scoring): void {
  scoreNonFinite(s);
  // an accuracy that barely moves has an error whose ratios and relative noise are all noise (0.99997 -> 0.99987
  // is a 4x error): it neither collapses nor swings
  if (!stillAccuracy(s)) {
    scoreDivergence(s);
    scoreJumps(s);
    scoreOscillation(s);
    scoreFlatNoise(s);
  }
  scoreExcursion(s);
}

/** An accuracy-like pair on [0, 1] each of whose curves spans less than ACCURACY_STILL_SPREAD. */
function stillAccuracy(s: Scoring): boolean {
  if (!s.inv) return false;
  const sides = [s.ctx.pair.train, s.ctx.pair.val].filter((x): x is Series => !!x);
  if (sides.length === 0 || !sides.every(isFraction)) return false;
  return sides.every((x) => {
    const ys = x.y.filter(Number.isFinite);
    return ys.length > 0 && maxOf(ys) - minOf(ys) < R.ACCURACY_STILL_SPREAD;
  });
}

/** The points of the judged curves (both splits' x, finite or not, as the NaN are counted: nonFiniteInfo) from `x0`
 * on. */
function pointsFrom(s: Scoring, x0: number): number {
  const xs = new Set<number>();
  for (const c of [s.ctx.pair.train, s.ctx.pair.val]) if (c) for (const x of c.x) if (x >= x0) xs.add(x);
  return xs.size;
}

/** NaN/inf among enough finite points: persisting to the end is a blow-up, recovered is a warning sign. */
function scoreNonFinite(s: Scoring): void {
  const { a, e, n } = s;
  const nf = s.ctx.nonFinite;
  s.valOnlyNaN = valOnlyNaN(s.ctx);
  if (s.valOnlyNaN) {
    say(
      s,
      null,
      `${s.valName} is NaN/inf at ${stat(s.q, 'non_finite_count', nf.count, 'num')} of the points from ${at(s, nf.first)} while ${s.trainName} stays finite: the validation data or the loss on it is broken (NaN in the validation set, the log of zero, an empty validation batch).`,
    );
  } else if (nf.count > 0) {
    const lastX = a.x[n - 1];
    const tailStart = (e.first_x ?? 0) + R.NAN_TAIL_START * (lastX - (e.first_x ?? 0));
    const tail = nf.xs.filter((x) => x >= tailStart).length;
    const tailPoints = pointsFrom(s, tailStart);
    // NaN that persists to the end is a blown-up run; one that recovered is a warning sign, and so are NaN epochs
    // scattered among finite ones near the end (most of the tail finite)
    const lastNaN = nf.xs[nf.xs.length - 1];
    const persistent = lastNaN >= lastX || (tail >= R.NAN_TAIL_MIN_POINTS && tail >= R.NAN_TAIL_SHARE * tailPoints);
    atLeast(s, 'unstable', persistent ? R.NAN_PERSISTENT_SCORE : R.NAN_RECOVERED_SCORE);
    // NaN on the last point runs "up to the end"; NaN that keeps coming back near the end, between finite points,
    // recurs (a NaN at the first point and every 17th after it is no run that stayed NaN)
    const until = lastNaN >= lastX ? ', up to the end' : persistent ? `, recurring until ${at(s, lastNaN)}` : '';
    say(
      s,
      'unstable',
      `NaN/inf at ${stat(s.q, 'non_finite_count', nf.count, 'num')} of the points, first at ${at(s, nf.first)}${until}.`,
    );
  }
}

/** The judged curve by its own name, when it is no loss: an accuracy-like pair (read as an error to minimise), or a
 * GAN's samples' score (gan.ts; FID is lower-is-better, yet no loss), on whichever split it was logged. */
function ownName(s: Scoring): string | undefined {
  // (a validation accuracy alone is no training curve: trainName would read "train")
  if (s.inv) return s.a.hasTrain ? s.trainName : s.valName;
  return s.ctx.pair.ganQuality ? ((s.ctx.pair.train ?? s.ctx.pair.val)?.key ?? s.trainName) : undefined;
}

/** "The training loss", or the judged curve's own name (ownName). */
function trainNoun(s: Scoring): string {
  return ownName(s) ?? 'The training loss';
}

/** What the growth factor compares: a loss's median over the last tenth, or a score's error or shortfall from its best. */
function trainTenths(s: Scoring): string {
  if (!s.inv)
    return `${s.ctx.pair.ganQuality ? `${ownName(s)}'s` : "The training loss's"} median over the last tenth of the run`;
  // read as invertFn reads it: an error 1 - y on [0, 1], else the shortfall from its best
  const what =
    s.ctx.pair.train && isFraction(s.ctx.pair.train) ? `error (1 - ${s.trainName})` : 'shortfall from its best';
  return `${s.trainName}'s ${what}, median over the last tenth of the run,`;
}

/**
 * Is a slow rise (late over early tenth below DIVERGE_GROWTH) more than the noise of the two medians it compares?
 * Each is the median of k points of the curve growth was measured on (measure.ts measureGrowth); their difference
 * has a standard error of sqrt(2) * 1.25 * relNoise / sqrt(k) of the level. A converged per-batch loss that moves
 * 100% from point to point rose "1.83x" between two single points (bench/wild15 309ily, Caffe at 0.003-0.01).
 */
function riseBeyondNoise(s: Scoring, growth: number): boolean {
  const c = s.ctx.curves;
  const base = c?.T ?? c?.V;
  if (!base) return true;
  const k = Math.max(1, Math.round(s.n / R.GROWTH_WINDOWS));
  const se = (Math.SQRT2 * 1.25 * base.relNoise) / Math.sqrt(k);
  return growth - 1 > R.RISE_NOISE_Z * se;
}

/** A loss that grows from the first to the last tenth of the run, or a negative loss running away. */
function scoreDivergence(s: Scoring): void {
  const { a } = s;
  const { V, trainCurve } = curvesOf(s);
  const base = trainCurve ?? V;
  const growth = s.e.growth_factor;
  const negativeBlowup = !s.inv && base.raw.some((v) => v < 0) && negativeRunaway(base.raw);
  if (negativeBlowup) {
    s.findings.add('diverging');
    atLeast(s, 'unstable', R.BLOWUP_SCORE);
    say(
      s,
      'unstable',
      `The loss is negative and its size grows without bound${fileEnds(s)}: the loss is ill-posed or the targets are wrong.`,
    );
  } else if (
    growth !== undefined &&
    growth < R.DIVERGE_GROWTH &&
    riseBeyondNoise(s, growth) &&
    (a.hasTrain || !a.hasVal) &&
    // a ratio of medians means what it says only for a positive loss (an ELBO from -100 to -40 is no 1.6x)
    base.raw.every((v) => !(v <= 0)) &&
    ramp(growth, R.RISE_GROWTH_LO, R.RISE_GROWTH_HI) > R.REASON_MIN_SCORE
  ) {
    atLeast(s, 'unstable', ramp(growth, R.RISE_GROWTH_LO, R.RISE_GROWTH_HI));
    say(
      s,
      'unstable',
      `${trainTenths(s)} is ${stat(s.q, 'growth_factor', growth, 'num')}x its median over the first tenth${fileEnds(s)}: it ${s.inv ? 'fell over the run instead of rising' : 'rose over the run instead of falling'}.`,
    );
  } else if (
    growth !== undefined &&
    growth >= R.DIVERGE_GROWTH &&
    riseBeyondNoise(s, growth) &&
    (a.hasTrain || !a.hasVal)
  ) {
    s.findings.add('diverging');
    // never less than the slower rise below 2x scores (a faster rise is no weaker evidence)
    const rise = base.raw.every((v) => !(v <= 0)) ? ramp(growth, R.RISE_GROWTH_LO, R.RISE_GROWTH_HI) : 0;
    atLeast(
      s,
      'unstable',
      Math.max(rise, ramp(growth, R.DIVERGE_GROWTH * R.DIVERGE_RAMP_FROM, R.DIVERGE_GROWTH * R.DIVERGE_RAMP_TO)),
    );
    say(
      s,
      'unstable',
      `${trainTenths(s)} is ${stat(s.q, 'growth_factor', growth, 'num')}x its median over the first tenth${fileEnds(s)}: it is ${s.inv ? 'collapsing' : 'diverging'}.`,
    );
  }
}

/** How much the train curve failed to come down: 1 below NO_TREND_IMPROVEMENT - NO_TREND_RAMP, 0 from
 * NO_TREND_IMPROVEMENT. A run that improved (its start read over its first 4 points) improved by the larger of that
 * and its last third's median against its first third's, when those first points are only noise around the first
 * third: a reward that climbs through noise of a third of its level has first points too noisy to say how far. A
 * run that ended worse than it started stays so, and so does one whose first points sit apart from its first third
 * (a loss that jumped up with an RL agent's targets, then came back to about where it started, has not learnt). */
function noTrend(s: Scoring): number {
  const whole = s.e.train_total_improvement ?? 0;
  const osc = oscillationCurve(s);
  const improved = whole > 0 && osc ? Math.max(whole, thirdsImprovement(osc.raw.filter(Number.isFinite))) : whole;
  return ramp(R.NO_TREND_IMPROVEMENT - improved, 0, R.NO_TREND_RAMP);
}

/** The relative fall from a curve's first third's median to its last third's; 0 under THIRDS_MIN_POINTS a third, or
 * when the run's start (the median of its first START_POINTS) lies outside the first third's middle half: then the
 * start is a level of its own, not noise around the first third's. */
function thirdsImprovement(raw: number[]): number {
  const third = Math.floor(raw.length / 3);
  if (third < R.THIRDS_MIN_POINTS) return 0;
  const sorted = raw.slice(0, third).sort((a, b) => a - b);
  const start = median(raw.slice(0, R.THIRDS_START_POINTS));
  const [q1, q3] = [sorted[Math.floor((third - 1) / 4)], sorted[Math.ceil((3 * (third - 1)) / 4)]];
  if (start < q1 || start > q3) return 0;
  const [first, last] = thirdMedians(raw, third);
  return (first - last) / Math.max(Math.abs(first), DIV_FLOOR);
}

/** The medians of a curve's first and last `third` points. */
function thirdMedians(raw: number[], third: number): [number, number] {
  return [median(raw.slice(0, third)), median(raw.slice(-third))];
}

/** Oscillation is judged on the train curve at the validation resolution (single-batch step losses are
 * always jumpy), and only when there is no downward trend to speak of. */
function oscillationCurve(s: Scoring) {
  const { T, trainCurve } = curvesOf(s);
  return T ?? trainCurve;
}

/** Is the training curve logged between the evaluations (more training points than judged points: single steps,
 * which swing far more than their average), rather than once per evaluation? */
function trainBetweenEvals(s: Scoring): boolean {
  return (s.q.train?.x.length ?? 0) > s.a.x.length;
}

/** How far the validation curve swings with the training curve, 0..1 (VAL_CALM_SHARE_*): its jitter as a share of the
 * oscillation curve's. Only for a training curve logged between the evaluations (trainBetweenEvals: a step's batch);
 * 1 for one logged once per evaluation (an epoch's mean, whose jumps are the run's) and without a validation curve
 * (the training curve alone is what there is to judge). */
function valSwingsToo(s: Scoring, osc: { relNoise: number }): number {
  if (!s.a.hasVal || !trainBetweenEvals(s)) return 1;
  const { V } = curvesOf(s);
  const share = V.relNoise / Math.max(osc.relNoise, R.NOISE_FLOOR);
  return ramp(share, R.VAL_CALM_SHARE_LO, R.VAL_CALM_SHARE_HI);
}

/** "by a typical 35%": the median point-to-point jump (exp of the median |log ratio|, less 1), or "more than
 * tenfold" past SHARE_QUOTED_MAX (a reward's distance below its best, near 0 at the best). */
function jumpBy(s: Scoring, logJump: number): string {
  const share = Math.exp(logJump) - 1;
  return share > R.SHARE_QUOTED_MAX ? 'more than tenfold' : `by a typical ${stat(s.q, 'typical_jump', share)}`;
}

/** Train jumping from point to point without a trend; with no train curve, a huge val that jumps. */
function scoreJumps(s: Scoring): void {
  const { a } = s;
  const { V } = curvesOf(s);
  const osc = oscillationCurve(s);
  const onset = R.LOG_JUMP_UNSTABLE * R.JUMP_RAMP_FROM;
  if (osc && a.hasTrain && osc.logJump >= onset) {
    const sc = ramp(osc.logJump, onset, R.LOG_JUMP_UNSTABLE * R.JUMP_RAMP_TO) * noTrend(s) * valSwingsToo(s, osc);
    if (sc > R.OSCILLATION_MIN_SCORE) {
      atLeast(s, 'unstable', sc);
      say(
        s,
        'unstable',
        `${trainNoun(s)} jumps ${jumpBy(s, osc.logJump)} from one point to the next, with no ${s.inv ? 'upward' : 'downward'} trend.`,
      );
    }
  } else if (!a.hasTrain && a.hasVal && V.logJump >= R.LOG_JUMP_UNSTABLE && Math.abs(V.first) > R.EXPLODE_ABS) {
    atLeast(s, 'unstable', R.VAL_EXPLODE_SCORE);
    s.findings.add('diverging');
    say(
      s,
      'unstable',
      `Validation loss is huge${fileEnds(s)} and jumps ${jumpBy(s, V.logJump)} between points; no training curve to compare.`,
    );
  }
}

/** Train jitter around its own trend, without a downward trend. */
function scoreOscillation(s: Scoring): void {
  const osc = oscillationCurve(s);
  const flat = noTrend(s);
  if (!(osc && osc.relNoise >= R.TRAIN_NOISE_UNSTABLE && flat > 0)) return;
  const sc =
    ramp(osc.relNoise, R.TRAIN_NOISE_UNSTABLE * R.NOISE_RAMP_FROM, R.TRAIN_NOISE_UNSTABLE * R.NOISE_RAMP_TO) *
    flat *
    valSwingsToo(s, osc);
  if (sc > R.OSCILLATION_MIN_SCORE) {
    atLeast(s, 'unstable', sc);
    say(
      s,
      'unstable',
      `${trainNoun(s)} oscillates (its noise is ${stat(s.q, 'train_noise', osc.relNoise)} around its smoothed trend) without ${s.inv ? 'an upward' : 'a downward'} trend.`,
    );
  }
}

/**
 * Both curves swinging around a flat level, neither falling clearly: the guide's unstable in its own
 * words. FLAT_* in rules.ts.
 */
function scoreFlatNoise(s: Scoring): void {
  const { a, e } = s;
  const { T, V } = curvesOf(s); // the train curve at the validation points: both read alike
  if (!a.hasVal) return scoreFlatTrain(s);
  if (s.inv || !T || !a.hasTrain || s.n < R.FLAT_NOISE_MIN_POINTS) return;
  const finite = (y: number[]) => y.filter(Number.isFinite);
  const secondHalf = (y: number[]) => finite(y.slice(Math.floor(y.length / 2)));
  const noise = Math.min(T.relNoise, V.relNoise);
  const trend = Math.min(trendT(finite(T.raw)), trendT(finite(V.raw)));
  const lateTrend = Math.min(trendT(secondHalf(T.raw)), trendT(secondHalf(V.raw)));
  const sc = flatScore(noise, trend, lateTrend);
  // it speaks when it says more than the jump and oscillation rules before it (those read train alone)
  if (sc <= R.REASON_MIN_SCORE || sc <= s.scores.unstable) return;
  s.flat = true;
  atLeast(s, 'unstable', sc);
  // the swing is quoted from a curve read at the points the rule read: train when it is logged once per
  // evaluation, val when train is logged between them (single steps swing far more than their average)
  const side = trainBetweenEvals(s) ? 'val' : mainSide(s);
  const name = side === 'train' ? s.trainName : s.valName;
  const noises = `${s.trainName} moves ${stat(s.q, 'train_noise', T.relNoise)} and ${s.valName} ${stat(s.q, 'val_noise', V.relNoise)} from point to point around their smoothed trend (their noise)`;
  const swing = secondHalfSwing(s, side, name);
  const fell = (e.train_total_improvement ?? 0) >= R.FLAT_FIRST_FALL;
  say(
    s,
    'unstable',
    `Both losses swing around a flat level${fell ? ' after their first fall' : ''}: ${noises}, and neither has a clear downward trend${fell ? ' since' : ''}${swing}. A learning rate too high for this model and data (or unscaled targets) does this.`,
  );
}

/** The flat-noise score: noise ramps up, a clear fall over the run or in its second half (t of a line) ramps down. */
function flatScore(noise: number, trend: number, lateTrend: number): number {
  return (
    R.FLAT_NOISE_SCORE *
    ramp(noise, R.FLAT_NOISE_LO, R.FLAT_NOISE_HI) *
    ramp(trend, R.FLAT_TREND_T_CLEAR, R.FLAT_TREND_T_NONE) *
    ramp(lateTrend, R.FLAT_LATE_T_CLEAR, R.FLAT_LATE_T_NONE)
  );
}

/**
 * " (in the second half of the run <subject> swings between 0.41 at epoch 12 and 0.93 at epoch 17)": the lowest
 * and highest of the file's own points in the second half (bestPoint read both ways). A run that first fell
 * swings around the level it fell to, and two single points of a curve this noisy would read as a fall or a rise.
 */
function secondHalfSwing(s: Scoring, side: 'train' | 'val', subject: string): string {
  const series = side === 'train' ? s.q.train : s.q.val;
  const half = s.a.x[Math.floor((s.a.x.length - 1) / 2)];
  const low = series && bestPoint(series, false, half);
  const high = series && bestPoint(series, true, half);
  if (!low || !high || low.x === high.x) return '';
  return ` (in the second half of the run ${subject} swings between ${value(s.q, side, low.x)} at ${at(s, low.x)} and ${value(s.q, side, high.x)} at ${at(s, high.x)})`;
}

/** A curve whose last third sits FLAT_TRAIN_FALL_NOISES of its noise below its first third has a trend, however a
 * straight line fits it (a loss that fell at once and then jitters near 0: large only relative to its level). */
function fellThroughNoise(raw: number[], noise: number): boolean {
  const [first, last] = thirdMedians(raw, Math.max(1, Math.floor(raw.length / 3)));
  return first - last >= R.FLAT_TRAIN_FALL_NOISES * noise;
}

/**
 * A training curve alone (no validation) swinging around a flat level with no clear trend: the flat-noise rule
 * on the one curve there is, read per epoch or per evaluation (a curve logged at every step swings with its
 * batches however it trends). An accuracy's noise is relative to the accuracy itself, not to its error (which is tiny near 100%);
 * a score of no fixed range (a reward) is read as its distance below its best.
 */
function scoreFlatTrain(s: Scoring): void {
  const { trainCurve } = curvesOf(s);
  const series = s.ctx.pair.train;
  if (!trainCurve || !series || !s.a.hasTrain || s.n < R.FLAT_NOISE_MIN_POINTS) return;
  // per epoch or evaluation: not fractions of epochs (a Trainer logging every 10 steps), nor more points than
  // FLAT_TRAIN_MAX_POSITIONS on a step axis (tables, JSON records and printed steps alike) or counted by
  // position: those are more likely iterations than evaluations
  const run = s.ctx.run;
  if (run.rowsWithinEpochs || !series.x.every(Number.isInteger)) return;
  const counted = run.xAxis === 'step' || run.epochNumbering === 'position';
  if (counted && s.n > R.FLAT_TRAIN_MAX_POSITIONS) return;
  // a steady accuracy beside the loss says the model is settled: the loss's jitter is not instability
  const acc = s.ctx.metric.train?.y.filter(Number.isFinite);
  if (!s.inv && acc && acc.length >= R.FLAT_NOISE_MIN_POINTS && curve(acc).relNoise < R.FLAT_NOISE_LO) return;
  const raw = trainCurve.raw.filter(Number.isFinite);
  if (!s.inv && raw.some((v) => v <= 0)) return; // relative noise means nothing for a loss that crosses 0
  if (fellThroughNoise(raw, trainCurve.noise)) return;
  const fraction = s.inv && isFraction(series);
  const level = fraction ? Math.abs(median(series.y.filter(Number.isFinite))) : 0;
  const noise = fraction ? (level > 0 ? trainCurve.noise / level : 0) : trainCurve.relNoise;
  const sc = flatScore(noise, trendT(raw), trendT(raw.slice(Math.floor(raw.length / 2))));
  if (sc <= R.REASON_MIN_SCORE || sc <= s.scores.unstable) return;
  s.flat = true;
  atLeast(s, 'unstable', sc);
  const swing = secondHalfSwing(s, 'train', 'it');
  say(
    s,
    'unstable',
    `${s.trainName} swings around a flat level with no clear ${s.inv ? 'upward' : 'downward'} trend: it moves ${stat(s.q, 'train_noise', noise)} from point to point around its smoothed trend${swing}. A learning rate too high for this model and data (or unscaled targets) does this.`,
  );
}

/**
 * A big transient jump of the training loss after it had come down, with val jumping alike at the same
 * time. Both curves are needed: a train curve alone may be per-step losses, whose batches jump 2x all
 * the time; a loss read from an accuracy is left out (its error explodes near 100%). EXCURSION_* in rules.ts.
 */
function scoreExcursion(s: Scoring): void {
  const { a } = s;
  const { T, V } = curvesOf(s); // the train curve at the validation points, so both share one index
  if (s.inv || !T || !a.hasTrain || !a.hasVal) return;
  const t = excursion(T.raw);
  const v = t && excursion(V.raw, t.to);
  if (!t || !v) return;
  // the rule reads train averaged between evaluations; it speaks only when the file's own values at the
  // points it quotes show the jump as well
  const inFile = (series: Series | undefined, e: Excursion) => {
    const p0 = series && pointAt(series, a.x[e.from]);
    const p1 = series && pointAt(series, a.x[e.to]);
    return p0 && p1 && p0.y > 0 ? p1.y / p0.y : 0;
  };
  const ratio = Math.min(t.ratio, v.ratio, inFile(s.q.train, t), inFile(s.q.val, v));
  const sc = ramp(ratio, R.EXCURSION_LO, R.EXCURSION_HI);
  if (sc <= R.REASON_MIN_SCORE) return;
  s.leapt = sc >= s.scores.unstable;
  atLeast(s, 'unstable', sc);
  const jump = (which: 'train' | 'val', e: { from: number; to: number }) =>
    `${moved(s.q, which, a.x[e.from], a.x[e.to])} from ${at(s, a.x[e.from])} to ${at(s, a.x[e.to])}`;
  say(
    s,
    'unstable',
    `The training loss ${t.cameDown ? 'jumped after it had come down' : 'leapt up'}: it ${jump('train', t)}, and ${s.valName} ${jump('val', v)}. A loss that leaps like this is a learning rate too high for this model and data.`,
  );
}

/** A negative loss whose size grew NEG_BLOWUP_GROWTH-fold and is still running away (or grew absurdly): see NEG_BLOWUP_* in rules.ts. */
export function negativeRunaway(raw: number[]): boolean {
  const r = raw.filter(Number.isFinite);
  if (r.length < R.NEG_BLOWUP_MIN_POINTS) return false;
  const first = r[0];
  const last = r[r.length - 1];
  const scale = Math.max(Math.abs(first), DIV_FLOOR);
  if (Math.abs(last) <= R.NEG_BLOWUP_GROWTH * scale) return false;
  if (Math.abs(last) > R.NEG_BLOWUP_HUGE * scale) return true;
  // the level two thirds of the way through: how much of the change came in the last third
  const tail = r[Math.floor((r.length * 2) / 3)];
  return Math.abs(last - tail) >= R.NEG_BLOWUP_TAIL_SHARE * Math.abs(last - first);
}

export function unstableHeadline(s: Scoring): string {
  const judged = ownName(s) ?? 'the loss';
  if (s.findings.has('nan_inf')) return `Unstable: ${judged} became NaN/inf at ${at(s, s.e.first_non_finite_x)}.`;
  if (s.findings.has('diverging'))
    return s.inv ? `Unstable: ${judged} collapsed.` : `Unstable: ${judged} is diverging.`;
  if (s.reward?.kind === 'collapse')
    return `Unstable: ${s.reward.name} collapsed after ${at(s, s.reward.peakX)}; the agent learned and lost it.`;
  if (s.lostFit) return `Unstable: ${s.trainName} fell far, then climbed back; the model learned and lost it.`;
  if (s.leapt) return 'Unstable: both losses leapt up.';
  if (s.flat && !s.a.hasVal)
    return `Unstable: ${s.trainName} swings around a flat level, with no clear ${s.inv ? 'upward' : 'downward'} trend.`;
  if (s.flat && s.ctx.pair.ganQuality)
    return `Unstable: both curves swing around a flat level, with no clear ${s.inv ? 'upward' : 'downward'} trend.`;
  if (s.flat) return 'Unstable: both losses swing around a flat level, with no clear downward trend.';
  return `Unstable: ${judged} jumps around without a steady trend.`;
}

export function unstableFallback(s: Scoring): string {
  const { e, q } = s;
  const side = mainSide(s);
  const train = side === 'train';
  const name = train ? s.trainName : s.valName;
  const noise = train ? e.train_volatility : e.val_volatility;
  const c = s.ctx.curves;
  const jump = (train ? (c?.T ?? c?.Tfull) : c?.V)?.logJump;
  const imp = train ? e.train_total_improvement : e.val_total_improvement;
  const parts = [
    noise !== undefined
      ? `${name} moves ${stat(q, train ? 'train_volatility' : 'val_volatility', noise)} around its smoothed trend (its noise)`
      : `${name} jumps around`,
    jump ? `it jumps ${jumpBy(s, jump)} per point` : undefined,
    imp !== undefined
      ? `its smoothed level ${imp >= 0 ? `${s.inv ? 'rose' : 'fell'}${imp < R.NO_TREND_IMPROVEMENT ? ' only' : ''}` : s.W.rose} ${stat(q, train ? 'train_total_improvement' : 'val_total_improvement', Math.abs(imp))} over the run${fileEnds(s, imp)}`
      : undefined,
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

/** " (0.5 at epoch 1 -> 2,400 at epoch 40)": the main curve's first and last values in the file; beside a
 * whole-run change `imp` they went against, the medians it was measured between too (contraryMedians). */
function fileEnds(s: Scoring, imp?: number): string {
  const side = mainSide(s);
  const x0 = startX(s, side);
  const x1 = endX(s, side);
  if (x0 === undefined || x1 === undefined) return '';
  const medians = contraryMedians(s, side, imp);
  return ` (${value(s.q, side, x0)} at ${at(s, x0)} -> ${value(s.q, side, x1)} at ${at(s, x1)}${medians && `; ${medians}`})`;
}
