/**
 * A held-out score beside a training loss, with no held-out loss (a loop of one's own printing `loss` and `val_acc`,
 * a segmentation's `val_dice`, a regression's `val_pcc`): the training loss alone says nothing of generalisation, and
 * a score and a loss share no scale, so no gap can be measured. The training loss is judged first (index.ts); when it
 * reads as a good fit, the score is judged alone, as a validation curve, with the training loss quoted beside it, and
 * its verdict stands when it shows a problem the training loss cannot (rules.ts HELD_OUT_*).
 */
import type { Series } from '../ingest/schema.js';
import { kindOf } from '../ingest/names.js';
import type { Pattern } from './schema.js';
import type { Ctx } from './types.js';
import type { Pair } from './features.js';
import { median } from './stats.js';
import * as R from './rules.js';

/** A score's words whose value at no skill is known: 0 (no overlap, no agreement, no correlation, a detector that
 * finds nothing), or 0.5 for the area under a ROC curve (a coin). Precision, recall, an accuracy, a PR-AUC and a
 * binary average precision depend on the classes' shares: no level. */
const NO_SKILL_ZERO =
  /^(?:dice|dsc|iou|miou|jaccard|f1|fbeta|f2|kappa|mcc|map\d*|bleu\d?|rouge\w*|r2|pccs?|pearson\w*|spearman\w*|corr|correlation)$/;
const NO_SKILL_HALF = /^(?:auc|auroc)$/;
const CLASS_SHARE = /^(?:pr|prc|auprc|precision|average|avg_precision)$/;

/** A held-out score to judge alone (the pair measureRun reads instead of selectPair's), the training loss beside it. */
export interface HeldOutJudged {
  pair: Pair;
  beside: Series;
}

/** The held-out score to judge beside the run's training loss, if the run has one and no held-out loss: an accuracy,
 * or a score named by what it measures (not a bare `score`, whose direction is anyone's guess). Its finite points
 * only: a score's NaN (a Dice over an empty mask) is a value the metric could not give, no blow-up of the run. */
export function heldOutScore(ctx: Ctx): HeldOutJudged | undefined {
  const { pair, metric } = ctx;
  // (an accuracy or a reward judged already: pair.inverted; a GAN's sample score shows no metric beside it)
  if (!pair.train || pair.val || pair.inverted) return undefined;
  const s = metric.val;
  const named =
    s?.kind === 'accuracy' ||
    (s?.kind === 'score' && kindOf(s.base.replace(/(?:^|_)scores?(?=_|$)/g, '').replace(/^_+/, '')) === 'score');
  if (!s || !named) return undefined;
  const keep = s.y.map(Number.isFinite);
  const finite = { ...s, x: s.x.filter((_, i) => keep[i]), y: s.y.filter((_, i) => keep[i]) };
  return { pair: { val: finite, inverted: true }, beside: pair.train };
}

/** A score's no-skill level by its name's words (`val_dice_mean`: 0, `val_roc_auc`: 0.5, `val_pr_auc`: none). */
export function noSkillLevel(s: Series): number | undefined {
  const words = s.base.toLowerCase().split(/[_/\-@.()]+/);
  if (words.some((w) => CLASS_SHARE.test(w))) return undefined;
  if (words.some((w) => NO_SKILL_HALF.test(w))) return 0.5;
  // mAP as COCO's evaluators name it: `bbox_mAP` is read `bbox_m_ap`
  if (words.some((w) => NO_SKILL_ZERO.test(w)) || /(?:^|_)m_ap(?:\d|_|$)/.test(s.base)) return 0;
  return undefined;
}

/** The score's best value never left its no-skill level (on its 0..1 scale; a percentage read as one). */
export function neverLeftNoSkill(s: Series): boolean {
  const level = noSkillLevel(s);
  const ys = s.y.filter(Number.isFinite);
  if (level === undefined || ys.length === 0) return false;
  const top = Math.max(...ys);
  return (top > 1 ? top / 100 : top) <= level + R.HELD_OUT_NO_SKILL_MARGIN;
}

/** The training loss's level near x: the median of its points in a window of TAIL_FRACTION of them, as a curve's end
 * is read (at least HELD_OUT_LEVEL_MIN_POINTS), starting at its first point, centred on x, or ending at x. */
export function levelNear(b: Series, x: number, where: 'start' | 'around' | 'end'): number | undefined {
  const pts: number[] = [];
  let at = -1;
  for (let i = 0; i < b.y.length; i++) {
    if (!Number.isFinite(b.y[i])) continue;
    if (b.x[i] <= x + 1e-9) at = pts.length;
    pts.push(b.y[i]);
  }
  if (pts.length === 0 || (where !== 'start' && at < 0)) return undefined;
  const k = Math.min(pts.length, Math.max(R.HELD_OUT_LEVEL_MIN_POINTS, Math.ceil(R.TAIL_FRACTION * pts.length)));
  const from =
    where === 'start'
      ? 0
      : where === 'end'
        ? Math.max(0, at - k + 1)
        : Math.max(0, Math.min(at - (k >> 1), pts.length - k));
  return median(pts.slice(from, from + k));
}

/** The training loss's level around the score's best point and at the run's end, when it has points after the best. */
export function besideLevels(b: Series, best: number, end: number): { before: number; after: number } | undefined {
  if (!b.x.some((x, i) => x > best + 1e-9 && x <= end + 1e-9 && Number.isFinite(b.y[i]))) return undefined;
  const before = levelNear(b, best, 'around');
  const after = levelNear(b, end, 'end');
  return before === undefined || after === undefined ? undefined : { before, after };
}

/** The score judged alone reads as a plain good fit, so the training loss's good fit may say it "ends near its best":
 * not borderline, its end within GOOD_RISE_LO of its best both smoothed (as the good fit's own evidence reads it) and
 * as quoted (the raw best against the typical end level the training loss's reply names, `ctx`'s metric_val_best and
 * metric_val_last: a one-epoch spike the smoothing erases is still the best it names), and its last value a number (a
 * Dice that turns NaN for its last epochs ends nowhere). */
export function heldOutHolds(held: { pattern: Pattern; borderline?: boolean }, heldCtx: Ctx, ctx: Ctx): boolean {
  const score = ctx.metric.val;
  const { metric_val_best: best, metric_val_last: end } = ctx.evidence;
  return (
    !!score &&
    held.pattern === 'good_fit' &&
    !held.borderline &&
    (heldCtx.evidence.val_rise_after_best ?? Infinity) <= R.GOOD_RISE_LO &&
    best !== undefined &&
    end !== undefined &&
    best - end <= R.GOOD_RISE_LO * Math.abs(best) &&
    Number.isFinite(score.y[score.y.length - 1])
  );
}

/** Does the held-out score's verdict replace the training loss's good fit? Overfitting when the training loss's level
 * fell from the score's best point to the end (the guide's "worse on held-out data while training keeps improving"),
 * underfitting when the score never left its no-skill level. */
export function heldOutSays(held: Pattern, ctx: Ctx): boolean {
  const { beside, pair, evidence: e } = ctx;
  const score = pair.val;
  if (!beside || !score) return false;
  if (held === 'underfitting') return neverLeftNoSkill(score);
  if (held !== 'overfitting' || e.best_x === undefined || e.last_x === undefined) return false;
  const levels = besideLevels(beside, e.best_x, e.last_x);
  return levels !== undefined && levels.after < levels.before;
}
