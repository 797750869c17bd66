/**
 * Chance level, the underfitting scorer's features: a loss flat at ln(K) (what a K-class uniform guess
 * scores), a loss that started at ln(K) and barely left it, and how far the accuracy moved over the run.
 * Thresholds: "underfitting" in rules.ts; why ln(K): docs/diagnosis.md#chance-level.
 */
import type { Ctx } from '../types.js';
import * as R from '../rules.js';
import { DIV_FLOOR, maxOf, median, minOf, rollingMedian } from '../stats.js';
import { firstPoint, stat, value, type Quoter } from '../quote.js';

/** How far the train accuracy moved: end level against start level (medians of the first and last ACC_RANGE_WINDOW of points); Infinity when unknown. */
export function accRange(ctx: Ctx): number {
  const s = ctx.metric.train;
  if (!s) return Infinity;
  const ys = s.y.filter(Number.isFinite);
  if (ys.length < R.ACC_RANGE_MIN_POINTS) return Infinity;
  const k = Math.max(2, Math.round(ys.length * R.ACC_RANGE_WINDOW));
  return Math.abs(median(ys.slice(-k)) - median(ys.slice(0, k)));
}

/** Did the score beside the loss (val, else train: an accuracy, a Dice, an F1) climb over the run? Its end level
 * (median of the last ACC_RANGE_WINDOW of points) above its start (median of its first 3) by CHANCE_SCORE_ROSE of
 * the end level: a model whose score climbs from 0 to 74 is not outputting a uniform guess, wherever its loss sits. */
function scoreClimbed(ctx: Ctx): boolean {
  const m = ctx.metric.val ?? ctx.metric.train;
  if (!m || (m.kind !== 'accuracy' && m.kind !== 'score')) return false;
  const ys = m.y.filter(Number.isFinite);
  if (ys.length < R.ACC_RANGE_MIN_POINTS) return false;
  // the start: its first 3 points (a score that climbs in its first epochs has left its start by the first 20%)
  const k = Math.max(2, Math.round(ys.length * R.ACC_RANGE_WINDOW));
  const [first, last] = [median(ys.slice(0, 3)), median(ys.slice(-k))];
  return last > first && last - first > R.CHANCE_SCORE_ROSE * Math.abs(last);
}

/** The end level of the logged accuracy (val, else train), when the metric beside the loss is an accuracy. */
function loggedAccuracy(ctx: Ctx): number | undefined {
  const { metric, evidence: e } = ctx;
  if (metric.val?.kind === 'accuracy') return e.metric_val_last;
  if (metric.train?.kind === 'accuracy') return e.metric_train_last;
  return undefined;
}

/** Does the series fall on at least CHANCE_FALLING_SHARE of its steps (and have CHANCE_FALLING_MIN_STEPS of them)? */
function fallsSteadily(ys: number[]): boolean {
  const steps = ys.length - 1;
  if (steps < R.CHANCE_FALLING_MIN_STEPS) return false;
  let down = 0;
  for (let i = 1; i < ys.length; i++) if (ys[i] < ys[i - 1]) down++;
  return down >= R.CHANCE_FALLING_SHARE * steps;
}

/** A perplexity logged beside the loss: a language model, whose classes are its vocabulary (thousands of words or
 * tokens, a character set), no K of CHANCE_CLASS_COUNTS: a word model's perplexity of 93 is a loss of 4.54, near
 * ln(100) by coincidence. */
const PERPLEXITY = /(?:^|_)(?:perplexity|ppl)(?:_(?:mean|avg|best))?$/i;
const logsPerplexity = (ctx: Ctx) => ctx.run.series.some((s) => PERPLEXITY.test(s.base));

/** A regression error by its name, whole words of it (`val_rmse`, `mae_norm`, `nmse`, `smape`, `mse_loss`, PyTorch's
 * `MSELoss`, `huber`, `l1_loss`, `smooth_l1`, `log_cosh`, `abs_error`): no class count gives it a chance level, so a
 * value near ln(K) is a coincidence (a CatBoost RMSE of 0.69 is no uniform guess over 2 classes). L1 and L2 only as
 * the loss itself (`l2_cls_loss` is a level-2 classifier's cross-entropy). */
const REGRESSION_ERROR =
  /(?:^|_)(?:n?r?mse|mae|s?w?mape|r?msle|huber|log_?cosh|a?epe|(?:sq|squared|abs|absolute)_error)(?:_|$|loss$)|(?:^|_)(?:smooth_?)?l[12](?:_?loss)?$/;

/** Can the judged series sit at a chance level ln(K)? Not when its name says it is a regression error (a bare `loss`
 * or a `logloss` may be a cross-entropy). */
function crossEntropyLike(ctx: Ctx, side: 'train' | 'val'): boolean {
  const s = side === 'train' ? ctx.pair.train : ctx.pair.val;
  // the name as written too: `mse_loss` is canonically a `loss`
  const written = s?.name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return s !== undefined && !REGRESSION_ERROR.test(s.base) && !REGRESSION_ERROR.test(written!);
}

/** Loss at ln(K) and flat over the second half (docs/diagnosis.md#chance-level): the sentence, or undefined.
 * Records the chance accuracy 1/K in the evidence (`chance_level`). Not for a language model (logsPerplexity). */
export function chanceLevel(ctx: Ctx, q: Quoter): string | undefined {
  const { a, evidence: e } = ctx;
  if (ctx.pair.inverted || logsPerplexity(ctx) || !crossEntropyLike(ctx, a.hasVal ? 'val' : 'train')) return undefined;
  const y = a.hasVal ? a.v : a.t;
  const n = y.length;
  if (n < R.MIN_POINTS) return undefined;
  const half = y.slice(Math.floor(n / 2));
  const lvl = median(half);
  const range = (maxOf(half) - minOf(half)) / Math.max(Math.abs(lvl), DIV_FLOOR);
  if (range > R.FLAT_LOSS_RANGE * R.CHANCE_FLAT_SLACK || scoreClimbed(ctx)) return undefined;
  const acc = loggedAccuracy(ctx);
  // with no accuracy logged, the train loss beside a val loss at ln(K) is the evidence left: its level over the
  // same half (a model that fits its training data better than a guess is not guessing)
  const trainLevel =
    acc === undefined && a.hasVal && a.hasTrain ? median(a.t.slice(Math.floor(a.t.length / 2))) : undefined;
  const fellThrough = fallsSteadily(half) ? half[half.length - 1] : Infinity;
  for (const k of R.CHANCE_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (fellThrough < lnk) continue;
    // an accuracy far above 1/K says the loss sits at ln(K) by coincidence, not because the output is a guess
    if (acc !== undefined && acc > 1 / k + R.CHANCE_ACC_MARGIN) continue;
    if (trainLevel !== undefined && trainLevel < lnk * (1 - R.CHANCE_TRAIN_MARGIN)) continue;
    if (Math.abs(lvl - lnk) / lnk <= R.CHANCE_LOSS_TOLERANCE) {
      const accNote =
        e.metric_val_last !== undefined
          ? ` and ${ctx.metric.val?.name ?? ctx.metric.train!.name}'s median over its last points is ${stat(q, 'metric_val_last', e.metric_val_last, 'num')}`
          : '';
      e.chance_level = Number((1 / k).toPrecision(3));
      const K = () => stat(q, 'class_count', k, 'num');
      return `The loss's median over the second half is ${stat(q, 'chance_loss_level', lvl, 'num')} ≈ ln(${K()}) = ${stat(q, 'ln_class_count', lnk, 'num')}, flat${accNote}: the output is what a uniform guess over ${K()} classes gives (chance level).`;
    }
  }
  return undefined;
}

/** The val accuracy never changed: the model gives the same predictions at every evaluation (a constant
 *  class, e.g. the majority class of an imbalanced set): the sentence, or undefined. */
export function frozenAccuracy(ctx: Ctx, q: Quoter): string | undefined {
  const m = ctx.metric.val;
  if (!m || m.kind !== 'accuracy') return undefined;
  const ys = m.y.filter(Number.isFinite);
  if (ys.length < R.MIN_POINTS) return undefined;
  if (maxOf(ys) - minOf(ys) > R.FROZEN_ACC_RANGE) return undefined;
  const level = ys[ys.length - 1];
  if (level <= R.FROZEN_ACC_RANGE || level >= R.FROZEN_ACC_MAX) return undefined;
  if ((ctx.evidence.val_total_improvement ?? 0) >= R.FROZEN_ACC_VAL_FALL_MAX) return undefined;
  // a train accuracy far above it says the model did learn to tell classes apart, on its training data
  const train = ctx.metric.train?.kind === 'accuracy' ? ctx.evidence.metric_train_last : undefined;
  if (train !== undefined && train > level + R.CHANCE_ACC_MARGIN) return undefined;
  return `${m.name} is ${stat(q, 'metric_val_last', level, 'num')} at every one of its ${stat(q, 'metric_val_points', ys.length, 'num')} evaluations: the model gives the same predictions whatever it learns (one class for every input, such as the majority class), so it has not learned to tell the classes apart.`;
}

/** Loss began at ln(K) of a common class count and is still near it: barely trained (corpus: EuroSAT at ln 10). Not
 * for a language model (logsPerplexity). */
export function startedAtChance(ctx: Ctx, q: Quoter): string | undefined {
  const { a } = ctx;
  if (ctx.pair.inverted || logsPerplexity(ctx) || !crossEntropyLike(ctx, a.hasTrain ? 'train' : 'val'))
    return undefined;
  const y = a.hasTrain ? a.t : a.v;
  if (y.length < R.MIN_POINTS) return undefined;
  const first = y[0];
  // the end: median of the last two points
  const last = median(y.slice(-2));
  // and never left it: a loss that fell well below ln(K) and rose back trained, then lost it (an evaluation's loss
  // 0.68 -> 0.41 -> 0.76 beside an accuracy of 0.9 is overconfidence, not a model that barely trained). Its lowest
  // level is the least of its medians over a twentieth of the run: one lucky batch of a per-step log is no level the
  // loss reached; one evaluation of ten is.
  const finite = y.filter(Number.isFinite);
  const w = 2 * Math.floor((finite.length * R.CHANCE_LOWEST_SHARE) / 2) + 1;
  const lowest = minOf(w > 1 ? rollingMedian(finite, w) : finite);
  for (const k of R.COMMON_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (Math.abs(first - lnk) / lnk <= R.START_CHANCE_TOLERANCE && lowest / lnk >= R.STILL_NEAR_CHANCE) {
      const side = ctx.a.hasTrain ? ctx.pair.train : ctx.pair.val;
      const p0 = side && firstPoint(side);
      const started = p0 ? value(q, side === ctx.pair.train ? 'train' : 'val', p0.x) : '?';
      const K = () => stat(q, 'class_count', k, 'num');
      return `The loss started at ${started} ≈ ln(${K()}) (a uniform guess over ${K()} classes) and the median of its last two points is still ${stat(q, 'share_of_chance_loss', last / lnk)} of it: barely trained.`;
    }
  }
  return undefined;
}
