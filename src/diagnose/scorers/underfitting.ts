/**
 * Underfitting: the model is not fitting even its training data. Its rules: a loss that started at
 * chance level and stayed near it, a loss flat at chance level, a frozen training loss, a small
 * improvement over the whole run (stronger when train and val move together, or when accuracy stays low
 * and flat), and both losses still falling at the pace they started with after a small fall (slow
 * learning). Thresholds: "underfitting" in rules.ts.
 */
import * as R from '../rules.js';
import { DIV_FLOOR, maxOf, median, minOf, ramp } from '../stats.js';
import { isFraction } from '../features.js';
import { accRange, chanceLevel, frozenAccuracy, startedAtChance } from './chance.js';
import { noSkillHeadline } from './held-out.js';
import {
  atLeast,
  count,
  curvesOf,
  endX,
  gapAtEnd,
  mainSide,
  rawEnds,
  say,
  startX,
  stat,
  value,
  type Scoring,
} from './scoring.js';

export function scoreUnderfitting(s: Scoring): void {
  scoreChance(s);
  scoreFrozen(s);
  // a loss beside an accuracy that climbed near 1 fits its data: however little it fell, that is its floor
  const fits = 1 - ramp(accuracyBeside(s), R.UNDER_FIT_ACC_LO, R.UNDER_FIT_ACC_HI);
  const slow = slowFall(s);
  slow.score *= fits;
  const steady = steadyFall(s) * fits;
  // one sentence for the fall: the steady one where it says more (a 5% fall already reads as not learning much)
  if (steady > Math.max(R.REASON_MIN_SCORE, s.scores.underfitting, slow.score)) {
    s.steady = true;
    atLeast(s, 'underfitting', steady);
    saySteadyFall(s);
  } else if (slow.score > R.REASON_MIN_SCORE) {
    s.lowAccuracy = slow.accuracyOnly;
    slow.say();
  }
  atLeast(s, 'underfitting', slow.score);
}

function scoreChance(s: Scoring): void {
  const startChance = startedAtChance(s.ctx, s.q);
  if (startChance) {
    s.atChance = true;
    atLeast(s, 'underfitting', R.START_CHANCE_SCORE);
    say(s, 'underfitting', startChance);
  }
  const frozen = frozenAccuracy(s.ctx, s.q);
  if (frozen) {
    s.atChance = true;
    s.findings.add('stuck_at_chance');
    atLeast(s, 'underfitting', R.CHANCE_SCORE);
    say(s, 'underfitting', frozen);
  }
  const chance = chanceLevel(s.ctx, s.q);
  if (chance) {
    s.atChance = true;
    s.findings.add('stuck_at_chance');
    atLeast(s, 'underfitting', R.CHANCE_SCORE);
    say(s, 'underfitting', chance);
  }
}

/** The training loss does not move at all over the last 60% of the run: the network stopped learning. */
function scoreFrozen(s: Scoring): void {
  const { trainCurve } = curvesOf(s);
  // an accuracy that stops moving is saturated or at chance (the chance rules'), not a frozen loss
  if (!trainCurve || s.inv) return;
  const tail = trainCurve.raw.slice(Math.floor(trainCurve.raw.length * R.FROZEN_TAIL_START));
  const lvl = Math.abs(median(tail)) || DIV_FLOOR;
  const range = (maxOf(tail) - minOf(tail)) / lvl;
  if (tail.length >= R.FROZEN_MIN_POINTS && range < R.FROZEN_RANGE && !lossAtZero(s)) {
    atLeast(s, 'underfitting', R.FROZEN_SCORE);
    s.frozen = true;
    s.findings.add('plateau');
    say(
      s,
      'underfitting',
      `The training loss is frozen${frozenAt(s)}: the network stopped learning (dead units, zero gradients, or a constant prediction).`,
    );
  }
}

/** the first points whose median is where a loss started, for lossAtZero (one diverged first batch is outvoted) */
const AT_ZERO_START_POINTS = 3;

/**
 * The training loss came down to 0 (printed 0.0000) and stays there: it fits its training data, so it is
 * neither frozen nor slow, whatever a smoothed level that starts at 0 too says ("improved only 0.0%").
 */
function lossAtZero(s: Scoring): boolean {
  const { trainCurve } = curvesOf(s);
  if (!trainCurve || s.inv) return false;
  const raw = trainCurve.raw;
  const tail = raw.slice(Math.floor(raw.length * R.FROZEN_TAIL_START));
  if (tail.length === 0) return false;
  const level = Math.abs(median(tail));
  // beside its largest value and beside where it started (the median of its first points: one diverged first
  // batch, 1e5 then a loss flat at 5, is no loss at 0)
  const start = Math.abs(median(raw.slice(0, AT_ZERO_START_POINTS)));
  return level <= R.FROZEN_AT_ZERO * maxOf(raw.map(Math.abs)) && level <= R.FROZEN_AT_ZERO * start;
}

/** The curve fell little over the whole run (train's fall, val's without train): its score, and its sentence. */
function slowFall(s: Scoring): { score: number; say: () => void; accuracyOnly: boolean } {
  const { a, e } = s;
  const imp = e.train_total_improvement ?? e.val_total_improvement;
  if (imp === undefined) return { score: 0, say: () => undefined, accuracyOnly: false };
  const gapSmall = !a.hasVal || !a.hasTrain || Math.abs(e.gap_ratio_last ?? 0) < R.UNDER_GAP_SMALL;
  // a loss at 0 fell all the way, whatever its smoothed level says; an accuracy still speaks for itself below
  const atZero = lossAtZero(s);
  const low =
    (atZero ? 0 : ramp(R.UNDER_TOTAL_IMPROVEMENT + R.UNDER_RAMP_SLACK - imp, 0, R.UNDER_TOTAL_IMPROVEMENT)) *
    (1 - climbedOut(s));
  // an accuracy that ends high has learned, however little it moved after its first point (a fine-tuning stage
  // that starts at 92% and holds 93%): the guide's underfitting is a loss that stays high
  let u =
    low * (gapSmall ? 1 : R.UNDER_GAP_FACTOR) * (1 - ramp(endAccuracy(s), R.UNDER_HIGH_ACC_LO, R.UNDER_HIGH_ACC_HI));
  // train and val together (|gap| < 3%) and a modest fall: the model cannot even fit its training data
  // better than the held-out data (the guide's LSTM(4) on a noisy sine: 0.82 -> 0.71, val = train)
  const together = a.hasVal && a.hasTrain && Math.abs(e.gap_ratio_last ?? 1) < R.UNDER_TOGETHER_GAP;
  if (together && !atZero)
    u = Math.max(u, R.UNDER_TOGETHER_WEIGHT * ramp(R.UNDER_TOGETHER_IMPROVEMENT - imp, 0, R.UNDER_TOGETHER_RAMP));
  const accLow =
    e.metric_train_last !== undefined &&
    e.metric_train_last < R.UNDER_ACC_THRESHOLD &&
    accRange(s.ctx) < R.FLAT_ACC_RANGE * 2;
  if (accLow) u = Math.max(u, R.UNDER_ACC_SCORE);
  // the loss fell far (no slow-fall score of its own): the low accuracy alone says underfitting
  const accuracyOnly = accLow && low === 0 && (imp > 0 || atZero);
  // stat() records the number it quotes: only inside the sentence, when it is said
  const change = () =>
    atZero
      ? 'came down to 0'
      : imp < 0
        ? endedWorse(s, imp)
        : accuracyOnly
          ? `fell ${stat(s.q, impName(s), imp)}`
          : `improved only ${stat(s.q, impName(s), imp)}`;
  const sentence = () =>
    say(
      s,
      'underfitting',
      `${a.hasTrain ? s.trainName : s.valName}'s smoothed level ${change()} over the whole run${rawEnds(s, mainSide(s), imp)}` +
        (accLow
          ? `, ${accuracyOnly ? 'yet' : 'and'} ${s.ctx.metric.train!.name}'s median over its last points is ${stat(s.q, 'metric_train_last', e.metric_train_last, 'num')}`
          : '') +
        (a.hasVal && a.hasTrain ? `; ${gapAtEnd(s)}` : '') +
        (!s.valAlone
          ? ': the model is not learning much.'
          : `: the model ${imp > 0 ? 'barely improves' : 'does not improve'} on data it has not seen.`),
    );
  return { score: u, say: sentence, accuracyOnly };
}

/**
 * A held-out curve judged alone (no training loss) that fell below its start to a minimum and clearly climbed
 * out of it (the minimum-then-rise rule's evidence, 0..1): it learned before it got worse, so its whole-run
 * change measures the climb, which is overfitting's to weigh, not a model too weak to fit (an eval-only
 * Trainer log whose loss goes 1.33 -> 1.07 by its third epoch and ends at 1.85). 0 when there is a training
 * curve (its own fall is the one judged) or the curve never got below where it started: neither its smoothed
 * minimum nor its lowest point of its first half, which must stand out of its noise (on a short curve the smoothing
 * carries the climb back to the start: 0.9, 0.55, 0.8, 0.74, 0.95 ... 0.99 has its smoothed minimum above its
 * start).
 */
function climbedOut(s: Scoring): number {
  if (s.a.hasTrain || !s.a.hasVal) return 0;
  const { V } = curvesOf(s);
  return V.min < V.first || dippedEarly(V.raw, V.noise) ? s.valRise : 0;
}

/** The curve's lowest point in its first half sits more than CLIMB_FALL_NOISE noise sigmas below its first point: it
 * fell before it climbed. Only the first half: a low point late in a rising curve is no fall before the climb. */
function dippedEarly(raw: number[], noise: number): boolean {
  const firstHalf = raw.slice(0, Math.ceil(raw.length / 2));
  return raw[0] - minOf(firstHalf) > R.CLIMB_FALL_NOISE * noise;
}

/** Where the accuracy beside a judged loss ends (the training one's median over its last points, else the validation
 * one's), when it is the plain accuracy in [0, 1] and it climbed there: its error (1 - accuracy) at the end is at most
 * UNDER_FIT_ERROR_FALL of its first. 0 otherwise: a top-5 accuracy, a pixel accuracy (`aAcc`), or a binary accuracy
 * over many labels at 0.995 from its first epoch (all negatives predicted) says nothing of a fit. */
function accuracyBeside(s: Scoring): number {
  if (s.inv) return 0;
  const { metric } = s.ctx;
  for (const [m, end] of [
    [metric.train, s.e.metric_train_last],
    [metric.val, s.e.metric_val_last],
  ] as const) {
    if (!m || m.base !== 'accuracy' || !isFraction(m) || end === undefined) continue;
    const first = m.y.find(Number.isFinite);
    return first !== undefined && 1 - end <= R.UNDER_FIT_ERROR_FALL * (1 - first) ? end : 0;
  }
  return 0;
}

/** Where the judged accuracy ends (median of its last points); 0 for a loss, or a score of no fixed range. A
 * percentage is already a fraction here (ingest's repairPercentAccuracy). */
function endAccuracy(s: Scoring): number {
  if (!s.inv) return 0;
  const series = mainSide(s) === 'train' ? s.ctx.pair.train : s.ctx.pair.val;
  if (!series || !isFraction(series)) return 0;
  const y = series.y.filter(Number.isFinite);
  const tail = y.slice(-Math.max(R.TAIL_MIN, Math.round(y.length * R.TAIL_FRACTION)));
  return tail.length > 0 ? median(tail) : 0;
}

/**
 * Both losses still falling at the pace they started with after a small fall over the whole run: the
 * learning itself is slow (the guide's "fall slowly ... and stay close"), where a healthy run falls fast
 * and levels off. Its score (0 when it does not apply). Not for a loss read from an accuracy (how slow is
 * slow differs near 100%), nor when train was logged before the first evaluation (its fall before it would
 * not be in the pace). Thresholds: STEADY_* in rules.ts.
 */
function steadyFall(s: Scoring): number {
  const { a, e } = s;
  const imp = e.train_total_improvement;
  const valImp = e.val_total_improvement;
  const gap = e.gap_ratio_last;
  const x0 = startX(s, 'train');
  if (s.inv || !a.hasVal || !a.hasTrain || imp === undefined || valImp === undefined || gap === undefined) return 0;
  if (!(imp > 0) || !(valImp > 0) || x0 === undefined || x0 < a.x[0]) return 0;
  // both curves keep their pace: the last quarter's share of the whole fall
  const pace = Math.min((e.train_improvement_last_quarter ?? 0) / imp, (e.val_improvement_last_quarter ?? 0) / valImp);
  return (
    R.STEADY_WEIGHT *
    ramp(pace - R.STEADY_PACE_LO, 0, R.STEADY_PACE_HI - R.STEADY_PACE_LO) *
    ramp(R.STEADY_IMPROVEMENT_HI - imp, 0, R.STEADY_IMPROVEMENT_HI - R.STEADY_IMPROVEMENT_FULL) *
    ramp(R.STEADY_GAP_HI - Math.abs(gap), 0, R.STEADY_GAP_HI - R.STEADY_GAP_FULL)
  );
}

function saySteadyFall(s: Scoring): void {
  const { e } = s;
  say(
    s,
    'underfitting',
    `${s.trainName} falls slowly and steadily: its smoothed level improved ${stat(s.q, 'train_total_improvement', e.train_total_improvement)} over the whole run${rawEnds(s, 'train', e.train_total_improvement)} and still ${stat(s.q, 'train_improvement_last_quarter', e.train_improvement_last_quarter)} in its last quarter, and ${s.valName} falls alongside (its smoothed level ${stat(s.q, 'val_improvement_last_quarter', e.val_improvement_last_quarter)} lower over the last quarter; the smoothed gap is ${stat(s.q, 'gap_ratio_last', e.gap_ratio_last)}): the model learns, but slowly (a learning rate or a model too small), and it has not levelled off.`,
  );
}

/** "ended 20% worse than it started", or "far worse" past SHARE_QUOTED_MAX (a share of a start near 0). */
function endedWorse(s: Scoring, imp: number): string {
  return `ended ${-imp > R.SHARE_QUOTED_MAX ? 'far' : stat(s.q, impName(s), -imp)} worse than it started`;
}

/** The evidence field the slow-fall sentences quote: train's improvement, val's without train. */
function impName(s: Scoring): 'train_total_improvement' | 'val_total_improvement' {
  return s.e.train_total_improvement !== undefined ? 'train_total_improvement' : 'val_total_improvement';
}

/** " at 0.693 for its last 12 points": the last value and the points of the frozen tail, in the file. */
function frozenAt(s: Scoring): string {
  const side = mainSide(s);
  const series = side === 'train' ? s.q.train : s.q.val;
  const x1 = endX(s, side);
  if (!series || x1 === undefined) return '';
  const from = series.x[Math.max(0, Math.floor(series.x.length * R.FROZEN_TAIL_START) - 1)];
  return ` at ${value(s.q, side, x1)} for its last ${count(s.q, side, from, x1)} points`;
}

export function underfittingHeadline(s: Scoring): string {
  const noSkill = noSkillHeadline(s);
  if (noSkill) return noSkill;
  if (s.findings.has('stuck_at_chance'))
    return 'Underfitting: stuck at chance level; the model is not learning the task.';
  const { e } = s;
  if (s.reward?.kind === 'still')
    return `Underfitting: ${s.reward.name} does not move (but for its highest and lowest tenth, its values lie in a band ${stat(s.q, 'reward_spread_of_level', s.reward.share)} of its median wide); the agent is not learning.`;
  if (s.reward?.kind === 'steady')
    return `Underfitting: ${s.reward.name} holds its level (its smoothed curve moves within ${stat(s.q, 'reward_span_of_level', s.reward.share)} of its median); the agent is not improving.`;
  if (s.frozen) return `Underfitting: the training loss is frozen${frozenAt(s)}; the network stopped learning.`;
  if (s.steady)
    return `Underfitting: both losses fall slowly and steadily (${s.trainName}'s smoothed level improved ${stat(s.q, 'train_total_improvement', e.train_total_improvement)} over the run) and have not levelled off.`;
  const imp = e.train_total_improvement ?? e.val_total_improvement;
  const name = s.a.hasTrain ? s.trainName : s.valName;
  if (s.lowAccuracy)
    return `Underfitting: ${s.ctx.metric.train!.name} ends at ${stat(s.q, 'metric_train_last', e.metric_train_last, 'num')} though ${name}'s smoothed level ${lossAtZero(s) ? 'came down to 0' : `fell ${stat(s.q, impName(s), imp)}`}; the model is not fitting the data.`;
  const change = imp !== undefined && imp < 0 ? endedWorse(s, imp) : `improved only ${stat(s.q, impName(s), imp)}`;
  if (s.valAlone)
    return `Underfitting: ${name}'s smoothed level ${change}, and no training loss is logged to show whether the model fits its training data.`;
  return `Underfitting: ${name}'s smoothed level ${change} and the model is not fitting the data.`;
}

export function underfittingFallback(s: Scoring): string {
  const { a, e, q } = s;
  const quarter =
    e.train_improvement_last_quarter !== undefined ? 'train_improvement_last_quarter' : 'val_improvement_last_quarter';
  const imp = e.train_total_improvement ?? e.val_total_improvement;
  const late = e[quarter];
  // a negative change is said as the direction it went (in the user's terms for an accuracy), never "-20%"
  const whole = imp !== undefined && imp < 0 ? endedWorse(s, imp) : `improved ${stat(q, impName(s), imp)}`;
  const lastQuarter =
    late !== undefined && late < 0 ? `it ${s.W.rose} ${stat(q, quarter, -late)}` : `${stat(q, quarter, late)}`;
  const verdict =
    imp !== undefined && imp >= R.FALLBACK_BIG_FALL
      ? 'the model may have more to learn'
      : 'the fall is slow for the time spent';
  return `${a.hasTrain ? s.trainName : s.valName}'s smoothed level ${whole} over the run (${lastQuarter} in the last quarter)${rawEnds(s, mainSide(s), imp)}${a.hasVal && a.hasTrain ? ` and ${gapAtEnd(s)}` : ''}: ${verdict}.`;
}
