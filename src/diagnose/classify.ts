/**
 * Scores for each problem pattern in [0, 1] (0.5 = just enough evidence), findings, the verdict and
 * its explanation. The good fit is what remains when no problem reaches 0.5.
 */
import { PATTERN_LABELS, type Finding, type Pattern } from './schema.js';
import { MODEL_CLASSES, predict, type ModelClass, type Probabilities } from './model.js';
import { featureVector } from './vector.js';
import { tellApart } from './borderline.js';
import type { Ctx } from './types.js';
import * as R from './rules.js';
import { maxOf, median, minOf, ramp, slopeT } from './stats.js';

export interface Verdict {
  pattern: Pattern;
  confidence: number;
  findings: Finding[];
  headline: string;
  reasons: string[];
  spikeX: number[];
  alternatives: { pattern: Pattern; probability: number; score: number }[];
  /** the runner-up is close: both are answers (JSON `borderline`) */
  borderline?: boolean;
  probabilities?: Probabilities;
}

const pct = (v: number | undefined) => (v === undefined ? '?' : `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 1 : 0)}%`);
const num = (v: number | undefined) => {
  if (v === undefined || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
};

export function classify(ctx: Ctx): Verdict {
  const { a, evidence: e, pair, log } = ctx;
  const n = a.x.length;
  const unit = ctx.run.xAxis === 'epoch' ? 'epoch' : 'step';
  const at = (x: number | undefined) => `${unit} ${x === undefined ? '?' : Number.isInteger(x) ? x : x.toFixed(2)}`;
  const trainName = pair.train?.key ?? 'train';
  // accuracy-like pairs are read as errors (1 - y): say it the user's way round
  const inv = pair.inverted;
  const W = {
    bottomed: inv ? 'peaked' : 'bottomed',
    higher: inv ? 'lower' : 'higher',
    rose: inv ? 'fell' : 'rose',
    falling: inv ? 'rising' : 'falling',
  };
  /** a change of the monitored curve: relative for losses, in points for accuracies */
  const change = (rel: number | undefined, absErr?: number) =>
    inv && absErr !== undefined ? `${(Math.abs(absErr) * 100).toFixed(1)} points` : pct(rel);
  const valName = pair.val?.key ?? 'val';
  const findings = new Set<Finding>();
  /** every reason with the pattern(s) it speaks for (null: a note that stands whatever the verdict) */
  const tagged: { p: Pattern | Pattern[] | null; text: string }[] = [];
  const say = (p: Pattern | Pattern[] | null, text: string) => tagged.push({ p, text });
  const spikeX: number[] = [];
  if (log.runs.length > 1) findings.add('multiple_runs');
  if (!a.hasVal) findings.add('no_validation');
  if (ctx.nonFinite.count > 0) findings.add('nan_inf');
  if (log.warnings.some((w) => w.code === 'stopped_early') && ctx.index === log.runs.length - 1) findings.add('early_stopped');

  const scores: Record<Exclude<Pattern, 'good_fit' | 'not_assessable'>, number> = {
    overfitting: 0,
    high_variance: 0,
    underfitting: 0,
    unstable: 0,
  };

  // ---- nothing usable / too short -------------------------------------------------------------
  const nf = ctx.nonFinite;
  const allBad = n === 0 && nf.count > 0;
  function valOnlyNaNEarly(): boolean {
    return !!pair.train && pair.train.y.length > 0 && pair.train.y.every((v) => Number.isFinite(v)) && nf.count > 0;
  }
  if (!valOnlyNaNEarly() && (allBad || (nf.count > 0 && n < R.MIN_POINTS))) {
    scores.unstable = 0.95;
    say('unstable', `The loss is non-finite (NaN/inf) from ${at(nf.first)} on: training blew up.`);
    return finish('unstable', { good_fit: 0, overfitting: 0, underfitting: 0, high_variance: 0, unstable: R.HARD_UNSTABLE_PROBABILITY });
  }
  if (n < R.MIN_POINTS) {
    const what = a.hasVal ? `${n} validation point(s)` : `${n} point(s)`;
    say('not_assessable', `Only ${what}: at least ${R.MIN_POINTS} are needed to read a trend.`);
    return finish('not_assessable');
  }
  const { V, T, Tfull } = ctx.curves!;
  const trainCurve = Tfull ?? T;

  // ---- unstable ---------------------------------------------------------------------------------
  // NaN only in validation while training stays finite: the validation data or metric is broken, the
  // training is not unstable (the train curve is judged on its own)
  const trainBad = pair.train ? pair.train.y.some((v) => !Number.isFinite(v)) : false;
  const valOnlyNaN = nf.count > 0 && !trainBad && !!pair.train && pair.train.y.length > 0;
  if (valOnlyNaN) {
    say(null,
      `${valName} is NaN/inf at ${nf.count} point(s) from ${at(nf.first)} while ${trainName} stays finite: the validation data or the loss on it is broken (NaN in the validation set, log(0), an empty validation batch).`,
    );
  } else if (nf.count > 0) {
    const lastX = a.x[n - 1];
    const tail = nf.xs.filter((x) => x >= (e.first_x ?? 0) + 0.7 * (lastX - (e.first_x ?? 0))).length;
    // NaN that persists to the end is a blown-up run; one that recovered is a warning sign
    const persistent = nf.xs[nf.xs.length - 1] >= lastX || tail >= 2;
    scores.unstable = Math.max(scores.unstable, persistent ? 0.9 : 0.55);
    say('unstable', `${nf.count} non-finite value(s) (NaN/inf), first at ${at(nf.first)}${persistent ? ', up to the end' : ''}.`);
  }
  const base = trainCurve ?? V;
  const growth = e.growth_factor;
  const negativeBlowup = !inv && base.raw.some((v) => v < 0) && negativeRunaway(base.raw);
  if (negativeBlowup) {
    findings.add('diverging');
    scores.unstable = Math.max(scores.unstable, 0.95);
    say('unstable', `The loss is negative and its size grows without bound (${num(base.raw[0])} -> ${num(base.raw[base.raw.length - 1])}): the loss is ill-posed or the targets are wrong.`);
  } else if (growth !== undefined && growth >= R.DIVERGE_GROWTH && (a.hasTrain || !a.hasVal)) {
    findings.add('diverging');
    scores.unstable = Math.max(scores.unstable, ramp(growth, R.DIVERGE_GROWTH * 0.75, R.DIVERGE_GROWTH * 2));
    say('unstable', `The training loss grew ${num(growth)}x from the first to the last tenth of the run: it is diverging.`);
  }
  // oscillation: judged on the train curve at the validation resolution (single-batch step losses are
  // always jumpy), and only when there is no downward trend to speak of
  const oscCurve = T ?? trainCurve;
  const noTrend = ramp(0.3 - (e.train_total_improvement ?? 0), 0, 0.2);
  if (oscCurve && a.hasTrain && oscCurve.logJump >= R.LOG_JUMP_UNSTABLE * 0.8) {
    const s = ramp(oscCurve.logJump, R.LOG_JUMP_UNSTABLE * 0.8, R.LOG_JUMP_UNSTABLE * 2) * noTrend;
    if (s > 0.3) {
      scores.unstable = Math.max(scores.unstable, s);
      say('unstable', `The training loss jumps by a typical ${pct(Math.exp(oscCurve.logJump) - 1)} from one point to the next, with no downward trend.`);
    }
  } else if (!a.hasTrain && a.hasVal && V.logJump >= R.LOG_JUMP_UNSTABLE && Math.abs(V.first) > R.EXPLODE_ABS) {
    scores.unstable = Math.max(scores.unstable, 0.8);
    findings.add('diverging');
    say('unstable', `Validation loss is huge (${num(V.first)}) and jumps by a typical ${pct(Math.exp(V.logJump) - 1)} between points; no training curve to compare.`);
  }
  if (oscCurve && oscCurve.relNoise >= R.TRAIN_NOISE_UNSTABLE && noTrend > 0) {
    const s = ramp(oscCurve.relNoise, R.TRAIN_NOISE_UNSTABLE * 0.8, R.TRAIN_NOISE_UNSTABLE * 2.5) * noTrend;
    if (s > 0.3) {
      scores.unstable = Math.max(scores.unstable, s);
      say('unstable', `The training loss oscillates (${pct(oscCurve.relNoise)} around its trend) without a downward trend.`);
    }
  }

  // ---- overfitting ------------------------------------------------------------------------------
  let overRise = 0;
  const trainLearned = e.train_total_improvement === undefined ? 1 : ramp(e.train_total_improvement, R.LEARNED_LO, R.LEARNED_HI);
  if (a.hasVal) {
    const rise = e.val_rise_after_best ?? 0;
    // significance: the rise in noise units, or the t statistic of the climb after the minimum
    const z = Math.max(e.val_rise_in_noise ?? 0, e.val_rise_t ?? 0);
    const after = (e.points_after_best ?? 0) / Math.max(n - 1, 1);
    // how far val fell before its minimum, from the median of its early points (a wild first epoch,
    // e.g. val 17.0 before 0.2, must not make every later rise look small)
    const early = V.raw.slice(0, Math.max(1, Math.min(V.argmin, Math.ceil(n / 4))));
    const fell = median(early) - V.min;
    const rangeRel = V.argmin === 0 || fell <= 0 ? 1 : (V.last - V.min) / fell;
    const trainDrop = a.hasTrain ? ramp(e.train_drop_after_best ?? 0, 0, R.OVERFIT_TRAIN_DROP_HI) : 0.5;
    // a small rise counts when it is far out of the noise (4 epochs in a row up by 1-2% each)
    const riseScore = Math.max(
      Math.min(ramp(rise, R.OVERFIT_RISE_LO, R.OVERFIT_RISE_HI), ramp(z, R.OVERFIT_Z_LO, R.OVERFIT_Z_HI)),
      Math.min(ramp(rise, R.OVERFIT_SMALL_RISE_LO, R.OVERFIT_SMALL_RISE_HI), ramp(z, R.OVERFIT_CLEAR_Z_LO, R.OVERFIT_CLEAR_Z_HI)),
    );
    const sRise = Math.min(
      riseScore,
      ramp(after, R.OVERFIT_AFTER_LO, R.OVERFIT_AFTER_HI),
      // against the fall before it, unless the rise is large in itself (val 0.18 -> 0.43 after 17 -> 0.18)
      // (but not when even that rise is a speck against the fall: 3e-5 -> 1e-4 after 0.46 -> 3e-5 is converged noise)
      Math.max(
        ramp(rangeRel, R.OVERFIT_RANGE_LO, R.OVERFIT_RANGE_HI),
        ramp(rise, R.OVERFIT_LARGE_RISE_LO, R.OVERFIT_LARGE_RISE_HI) * ramp(rangeRel, R.OVERFIT_RANGE_FLOOR, R.OVERFIT_RANGE_LO),
      ),
    );
    const over = sRise * (0.6 + 0.4 * trainDrop) * (a.hasTrain ? trainLearned : 0.8);
    if (over > 0.2) {
      say('overfitting',
        `${valName} ${W.bottomed} at ${num(e.best_val)} (${at(e.best_x)}) and ends ${change(rise, V.last - V.min)} ${W.higher} (${num(e.val_rise_in_noise)}x its noise) ` +
          `${n - 1 - V.argmin} point(s) later${a.hasTrain ? `, while ${trainName} improved another ${pct(e.train_drop_after_best)}` : ''}.`,
      );
    }
    scores.overfitting = over;
    overRise = over;
    // the widening gap: val flat, train still falling
    if (T && a.hasTrain) {
      const mid = Math.floor((n - 1) / 2);
      const valSecondHalf = (V.levelAt(mid) - V.last) / Math.max(Math.abs(V.levelAt(mid)), 1e-12);
      const trainSecondHalf = (T.levelAt(mid) - T.last) / Math.max(Math.abs(T.levelAt(mid)), 1e-12);
      const trend = e.gap_trend ?? 0;
      if (valSecondHalf < 0.03 && trainSecondHalf > 0.25 && trend > R.WIDENING_GAP_MIN && (e.gap_ratio_last ?? 0) > 0.3) {
        // a jumpy flat val is high variance, a quiet one is the gap widening
        const quiet = 1 - ramp(V.relNoise, R.HV_NOISE_LO, R.HV_NOISE_HI);
        const widen = (0.5 * ramp(trend, R.WIDENING_GAP_MIN, R.WIDENING_GAP_MIN * 4) * trainLearned + 0.1 * ramp(rise, 0, 0.1)) * quiet;
        if (widen > scores.overfitting) {
          scores.overfitting = widen;
          say('overfitting',
            `Over the second half ${valName} stopped improving (${pct(valSecondHalf)}) while ${trainName} fell ${pct(trainSecondHalf)}; ` +
              `the gap ratio grew by ${num(trend)}.`,
          );
        }
      }
    }
  }

  // ---- high variance ----------------------------------------------------------------------------
  if (a.hasVal && a.hasTrain && T) {
    const noisy = ramp(V.relNoise, R.HV_NOISE_LO, R.HV_NOISE_HI);
    const vsTrain = ramp(e.val_noise_vs_train ?? 0, 1.2, 2.5);
    // the gap must be large as a ratio and against how far val came down (ratios explode near zero loss)
    const valStart = Math.abs(V.first);
    const gap =
      ramp(e.gap_ratio_last ?? 0, R.HV_GAP_LO, R.HV_GAP_HI) * ramp((e.gap_last ?? 0) / Math.max(valStart, 1e-12), R.HV_ABS_GAP_LO, R.HV_ABS_GAP_HI);
    const stall = (e.train_total_improvement ?? 0) > 0.15 && (e.val_total_improvement ?? 0) < 0.03 ? 1 : 0;
    // a val curve that is still coming down steadily is not "failing to follow" train
    const mid = Math.floor((n - 1) / 2);
    const valSecondHalf = (V.levelAt(mid) - V.last) / Math.max(Math.abs(V.levelAt(mid)), 1e-12);
    // (a fall within val's own noise is no fall: the halves' levels are medians of a few noisy points)
    const settled = ramp(R.HV_STILL_FALLING + R.HV_NOISE_ALLOWANCE * V.relNoise - valSecondHalf, 0, R.HV_STILL_FALLING);
    const hv = Math.min(noisy, vsTrain) * Math.max(gap, stall) * trainLearned * settled;
    scores.high_variance = hv;
    if (hv > 0.2) {
      say('high_variance',
        `${valName} jumps ${pct(V.relNoise)} around its trend (${num(e.val_noise_vs_train)}x the training noise) and ends ` +
          `${pct(e.gap_ratio_last)} above ${trainName}${stall ? `; it never improved while ${trainName} fell ${pct(e.train_total_improvement)}` : ''}.`,
      );
    }
  }

  // ---- val got worse while train learned: a generalisation failure whatever the noise ------------
  if (a.hasVal && a.hasTrain) {
    const stall = ramp(e.train_total_improvement ?? 0, R.STALL_TRAIN_LO, R.STALL_TRAIN_HI) * ramp(-(e.val_total_improvement ?? 0), -0.02, R.STALL_VAL_WORSE);
    if (stall > 0.3) {
      const noisy = ramp(V.relNoise, R.HV_NOISE_LO, R.HV_NOISE_HI);
      const s = R.STALL_WEIGHT * stall;
      if (noisy >= 0.5 && overRise < 0.3) scores.high_variance = Math.max(scores.high_variance, s);
      else scores.overfitting = Math.max(scores.overfitting, s);
      say(['overfitting', 'high_variance'], `${valName} ends ${pct(-(e.val_total_improvement ?? 0))} worse than it started while ${trainName} improved ${pct(e.train_total_improvement)}: the model learns the training set, not the task.`);
    }
  }

  // ---- underfitting -----------------------------------------------------------------------------
  const startChance = startedAtChance(ctx);
  if (startChance) {
    scores.underfitting = Math.max(scores.underfitting, 0.6);
    say('underfitting', startChance);
  }
  const chance = chanceLevel(ctx);
  if (chance) {
    findings.add('stuck_at_chance');
    scores.underfitting = Math.max(scores.underfitting, 0.8);
    say('underfitting', chance);
  }
  if (trainCurve) {
    const tail = trainCurve.raw.slice(Math.floor(trainCurve.raw.length * 0.4));
    const lvl = Math.abs(median(tail)) || 1e-12;
    const range = (maxOf(tail) - minOf(tail)) / lvl;
    if (tail.length >= 4 && range < 1e-4) {
      scores.underfitting = Math.max(scores.underfitting, 0.8);
      findings.add('plateau');
      say('underfitting', `The training loss is frozen at ${num(tail[tail.length - 1])} for the last ${tail.length} points: the network stopped learning (dead units, zero gradients, or a constant prediction).`);
    }
  }
  const imp = e.train_total_improvement ?? e.val_total_improvement;
  if (imp !== undefined) {
    const gapSmall = !a.hasVal || !a.hasTrain || Math.abs(e.gap_ratio_last ?? 0) < 0.15;
    const low = ramp(R.UNDER_TOTAL_IMPROVEMENT + 0.05 - imp, 0, R.UNDER_TOTAL_IMPROVEMENT);
    let u = low * (gapSmall ? 1 : 0.6);
    // train and val together (|gap| < 3%) and a modest fall: the model cannot even fit its training data
    // better than the held-out data (the guide's LSTM(4) on a noisy sine: 0.82 -> 0.71, val = train)
    const together = a.hasVal && a.hasTrain && Math.abs(e.gap_ratio_last ?? 1) < R.UNDER_TOGETHER_GAP;
    if (together) u = Math.max(u, R.UNDER_TOGETHER_WEIGHT * ramp(R.UNDER_TOGETHER_IMPROVEMENT - imp, 0, 0.15));
    const accLow =
      e.metric_train_last !== undefined && e.metric_train_last < R.UNDER_ACC_THRESHOLD && accRange(ctx) < R.FLAT_ACC_RANGE * 2;
    if (accLow) u = Math.max(u, 0.6);
    if (u > 0.2) {
      say('underfitting',
        `${a.hasTrain ? trainName : valName} improved only ${pct(imp)} over the whole run` +
          (accLow ? `, and accuracy stays at ${num(e.metric_train_last)}` : '') +
          (a.hasVal && a.hasTrain ? ` (train/val gap ${pct(e.gap_ratio_last)})` : '') +
          ': the model is not learning much.',
      );
    }
    scores.underfitting = Math.max(scores.underfitting, u);
  }

  // ---- findings ---------------------------------------------------------------------------------
  if ((e.spike_count ?? 0) > 0) {
    findings.add('loss_spike');
    spikeX.push(...(ctx.spikeX ?? []));
  }
  // still improving: the monitored curve gained > 3% over the last quarter, significantly (slope t < -2),
  // and its best is in the last 10% of the run
  const mon = a.hasVal ? V : (T ?? V);
  const q0 = Math.floor((n - 1) * 0.75);
  const lastQ = a.hasVal ? e.val_improvement_last_quarter : e.train_improvement_last_quarter;
  const qSlope = n - q0 >= 3 ? slopeT(a.x.slice(q0), mon.raw.slice(q0)).t : 0;
  const bestLate = !a.hasVal || (e.best_fraction ?? 0) >= R.STILL_IMPROVING_BEST_FRACTION;
  if (lastQ !== undefined && lastQ > R.STILL_IMPROVING_MIN && qSlope < -R.STILL_IMPROVING_T && bestLate && scores.unstable < 0.5) {
    findings.add('still_improving');
  }
  // plateau: the monitored curve moved < 2% over the last quarter and is not climbing
  const flatQ = Math.abs(lastQ ?? 1) < R.PLATEAU_MAX;
  if (n >= R.PLATEAU_MIN_POINTS && flatQ && (e.val_rise_after_best ?? 0) < R.OVERFIT_RISE_LO * 2 && !findings.has('still_improving')) findings.add('plateau');
  // val below train: on most points, and by a margin (curves in lockstep are not "below")
  if (a.hasVal && a.hasTrain && (e.val_below_train_fraction ?? 0) >= R.VAL_BELOW_FRACTION && mon.raw.every((v) => v >= 0)) {
    const margin = median(a.v.map((v, i) => (a.t[i] - v) / Math.max(Math.abs(a.t[i]), 1e-12)));
    if (margin >= R.VAL_BELOW_MARGIN) {
      findings.add('val_better_than_train');
      say(null, `${valName} is below ${trainName} on ${pct(e.val_below_train_fraction)} of the points (usual with dropout/augmentation: train loss is measured with them on).`);
    }
  }
  if (leakage(ctx)) findings.add('possible_leakage');
  if (a.hasVal && a.hasTrain && ((V.relNoise >= R.NOISY_VAL_MIN && (e.val_noise_vs_train ?? 0) >= R.NOISY_VAL_RATIO) || V.relNoise >= R.NOISY_VAL_MIN * 2)) {
    findings.add('noisy_validation');
  }

  // ---- verdict ----------------------------------------------------------------------------------
  // the hand-written rules' own verdict: used as is when no model is shipped, and as features otherwise
  const order: (keyof typeof scores)[] = ['unstable', 'overfitting', 'high_variance', 'underfitting'];
  let top: keyof typeof scores = order[0];
  for (const p of order) if (scores[p] > scores[top] + 1e-9) top = p;
  // a real minimum-then-rise is overfitting even when val is also noisy (the noise is a finding)
  if (top === 'high_variance' && overRise >= 0.5) top = 'overfitting';
  const rulePattern: Pattern = scores[top] >= 0.5 ? top : 'good_fit';
  // NaN/inf in the training loss, or a loss that runs away: the run blew up, whatever else it shows
  const trainBlewUp = (nf.count > 0 && !valOnlyNaN && scores.unstable >= R.HARD_UNSTABLE_SCORE) || findings.has('diverging');
  ctx.features = featureVector(ctx, scores);
  ctx.hardUnstable = trainBlewUp;
  const ruleProbs = ruleProbabilities(rulePattern);
  ctx.ruleProbabilities = ruleProbs;
  // the model was fitted on loss curves: an accuracy-only pair (read as an error) stays with the rules
  const probs = ctx.rulesOnly || inv ? undefined : predict(ctx.features, undefined, ruleProbs);
  if (!probs) return finish(rulePattern, ruleProbs);
  if (trainBlewUp) probs.unstable = Math.max(probs.unstable, R.HARD_UNSTABLE_PROBABILITY);
  const total = MODEL_CLASSES.reduce((acc, c) => acc + probs[c], 0);
  for (const c of MODEL_CLASSES) probs[c] /= total;
  const best = trainBlewUp ? 'unstable' : MODEL_CLASSES.reduce((b, c) => (probs[c] > probs[b] ? c : b), MODEL_CLASSES[0]);
  return finish(best, probs);

  function goodReason(): string {
    if (!a.hasVal) return `${trainName} fell ${pct(e.train_total_improvement)} and ${findings.has('still_improving') ? 'is still falling' : 'levels off'}; no validation curve, so generalisation cannot be judged.`;
    return `${valName} improved ${pct(e.val_total_improvement)} to ${num(e.best_val)} (${at(e.best_x)}) and ends within ${pct(Math.max(0, e.val_rise_after_best ?? 0))} of its best; the gap to ${trainName} is ${pct(e.gap_ratio_last)}.`;
  }

  /** The rules' scores turned into a confidence and runner-ups (no model shipped). */
  function ruleProbabilities(p: Pattern): Probabilities {
    const entries = (Object.entries(scores) as [Pattern, number][]).sort((x, y) => y[1] - x[1]);
    let topScore: number;
    let second: number;
    if (p === 'good_fit') {
      // no problem found, weighed by positive evidence: val came down and ends near its best
      const positive = a.hasVal
        ? Math.min(ramp(e.val_total_improvement ?? 0, 0, 0.2), 1 - ramp(e.val_rise_after_best ?? 0, 0.05, 0.3))
        : ramp(e.train_total_improvement ?? 0, 0.05, 0.3);
      topScore = (1 - (entries[0]?.[1] ?? 0)) * (0.5 + 0.5 * positive);
      second = entries[0]?.[1] ?? 0;
    } else {
      topScore = scores[p as keyof typeof scores];
      second = Math.max(entries.find(([q]) => q !== p)?.[1] ?? 0, 1 - topScore);
    }
    let conf = R.CONF_BASE + R.CONF_TOP * topScore + R.CONF_MARGIN * Math.max(0, topScore - second);
    if (n < R.SHORT_RUN_POINTS) conf *= R.SHORT_RUN_FACTOR;
    conf = Math.max(0.05, Math.min(0.99, conf));
    const out = { good_fit: 0, overfitting: 0, underfitting: 0, high_variance: 0, unstable: 0 } as Probabilities;
    for (const [q, sc] of entries) if (q !== p && sc > 0.15) out[q as ModelClass] = Math.min(sc, 1 - conf);
    if (p !== 'good_fit' && 1 - topScore > 0.15) out.good_fit = Math.min(1 - topScore, 1 - conf);
    out[p as ModelClass] = conf;
    return out;
  }

  function finish(p: Pattern, probabilities?: Probabilities): Verdict {
    if (p === 'not_assessable' || !probabilities) {
      const text = reasonsFor(p);
      return { pattern: p, confidence: 0.9, findings: [...findings], headline: headline(p), reasons: text, spikeX: [...new Set(spikeX)], alternatives: [] };
    }
    const ranked = MODEL_CLASSES.filter((c) => c !== p).sort((x, y) => probabilities[y] - probabilities[x]);
    const runnerUp = ranked[0];
    const borderline = probabilities[p] - probabilities[runnerUp] < R.BORDERLINE_MARGIN;
    const alternatives = ranked
      .filter((c) => probabilities[c] >= R.ALTERNATIVE_MIN_PROBABILITY)
      .map((c) => ({ pattern: c as Pattern, probability: Number(probabilities[c].toFixed(3)), score: Number(probabilities[c].toFixed(3)) }));
    const text = reasonsFor(p);
    let head = headline(p);
    if (borderline) {
      head = `${PATTERN_LABELS[p]}, or ${PATTERN_LABELS[runnerUp].toLowerCase()} (borderline)${head.slice(head.indexOf(':'))}`;
      for (const r of reasonsFor(runnerUp, false)) if (!text.includes(r)) text.push(`Could also be ${PATTERN_LABELS[runnerUp].toLowerCase()}: ${r}`);
      text.push(tellApart(p, runnerUp));
    }
    return {
      pattern: p,
      confidence: Number(Math.max(0.01, Math.min(0.999, probabilities[p])).toFixed(3)),
      findings: [...findings],
      headline: head,
      reasons: text,
      spikeX: [...new Set(spikeX)],
      alternatives,
      borderline,
      probabilities: Object.fromEntries(MODEL_CLASSES.map((c) => [c, Number(probabilities[c].toFixed(3))])) as Probabilities,
    };
  }

  /** The reasons that speak for p (quoting the run's numbers), then the general notes; a plain measured sentence when no rule spoke for p. */
  function reasonsFor(p: Pattern, withNotes = true): string[] {
    const own = tagged.filter((r) => r.p !== null && (Array.isArray(r.p) ? r.p.includes(p) : r.p === p)).map((r) => r.text);
    if (own.length === 0) own.push(fallbackReason(p));
    return withNotes ? [...own, ...tagged.filter((r) => r.p === null).map((r) => r.text)] : own;
  }

  /** What the measurements say for p when none of the rules reached its reporting bar. */
  function fallbackReason(p: Pattern): string {
    switch (p) {
      case 'good_fit':
        return goodReason();
      case 'overfitting':
        return a.hasVal
          ? `${valName} was best at ${at(e.best_x)} (${num(e.best_val)}) and ends ${pct(e.val_rise_after_best)} above it, while ${trainName} improved ${pct(e.train_drop_after_best)} after that point; the gap to ${trainName} is ${pct(e.gap_ratio_last)}.`
          : `${trainName} keeps falling (${pct(e.train_total_improvement)}).`;
      case 'high_variance':
        return `${valName} moves ${pct(e.val_volatility)} around its trend (${num(e.val_noise_vs_train)}x the training noise) and ends ${pct(e.gap_ratio_last)} above ${trainName}.`;
      case 'underfitting':
        return `${a.hasTrain ? trainName : valName} improved ${pct(e.train_total_improvement ?? e.val_total_improvement)} over the run (${pct(e.train_improvement_last_quarter ?? e.val_improvement_last_quarter)} in the last quarter)${a.hasVal && a.hasTrain ? ` and ends ${pct(e.gap_ratio_last)} from ${valName}` : ''}: the fall is slow for the time spent.`;
      case 'unstable':
        return `${trainName} moves ${pct(e.train_volatility)} around its trend (typical jump ${pct(Math.exp(ctx.curves?.T?.logJump ?? 0) - 1)} per point) and fell only ${pct(e.train_total_improvement)} over the run.`;
      default:
        return `${n} point(s).`;
    }
  }

  function headline(p: Pattern): string {
    switch (p) {
      case 'overfitting':
        if (overRise < 0.5) {
          return `Overfitting: ${valName} stopped improving while ${trainName} kept ${W.falling === 'falling' ? 'falling' : 'rising'}; the gap to ${trainName} keeps widening (now ${inv ? `${(Math.abs(e.gap_last ?? 0) * 100).toFixed(1)} points` : pct(e.gap_ratio_last)}).`;
        }
        return `Overfitting: ${valName} was best at ${at(e.best_x)} (${num(e.best_val)}) and ${W.rose} ${change(e.val_rise_after_best, ctx.curves ? ctx.curves.V.last - ctx.curves.V.min : undefined)} after it while ${trainName} kept ${W.falling}.`;
      case 'high_variance':
        return `High variance: ${valName} jumps around ${pct(e.gap_ratio_last)} above ${trainName} instead of following it.`;
      case 'underfitting':
        return findings.has('stuck_at_chance')
          ? 'Underfitting: stuck at chance level; the model is not learning the task.'
          : `Underfitting: ${a.hasTrain ? trainName : valName} improved only ${pct(e.train_total_improvement ?? e.val_total_improvement)} and the model is not fitting the data.`;
      case 'unstable':
        return findings.has('nan_inf')
          ? `Unstable: the loss became NaN/inf at ${at(e.first_non_finite_x)}.`
          : findings.has('diverging')
            ? 'Unstable: the loss is diverging.'
            : 'Unstable: the loss jumps around without a steady trend.';
      case 'not_assessable':
        return `Not assessable: ${n} point(s) are too few to judge the curve.`;
      default:
        return a.hasVal
          ? `Good fit: ${valName} reached ${num(e.best_val)} at ${at(e.best_x)} and tracks ${trainName}${findings.has('still_improving') ? '; still improving' : ''}.`
          : `Good fit (train only): ${trainName} fell ${pct(e.train_total_improvement)}${findings.has('still_improving') ? ' and is still falling' : ''}.`;
    }
  }
}

function accRange(ctx: Ctx): number {
  const s = ctx.metric.train;
  if (!s) return Infinity;
  const ys = s.y.filter(Number.isFinite);
  if (ys.length < 3) return Infinity;
  const k = Math.max(2, Math.round(ys.length * 0.2));
  return Math.abs(median(ys.slice(-k)) - median(ys.slice(0, k)));
}

/** Loss at ln(K) and flat, or accuracy flat at a chance-like level (DIAGNOSIS.md (b)4). */
function chanceLevel(ctx: Ctx): string | undefined {
  const { a, evidence: e } = ctx;
  if (ctx.pair.inverted) return undefined;
  const y = a.hasVal ? a.v : a.t;
  const n = y.length;
  if (n < 5) return undefined;
  const half = y.slice(Math.floor(n / 2));
  const lvl = median(half);
  const range = (maxOf(half) - minOf(half)) / Math.max(Math.abs(lvl), 1e-12);
  if (range > R.FLAT_LOSS_RANGE * 1.5) return undefined;
  for (const k of R.CHANCE_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (Math.abs(lvl - lnk) / lnk <= R.CHANCE_LOSS_TOLERANCE) {
      const accNote = e.metric_val_last !== undefined ? ` and accuracy ${Number(e.metric_val_last.toPrecision(3))}` : '';
      e.chance_level = Number((1 / k).toPrecision(3));
      return `The loss sits at ${Number(lvl.toPrecision(4))} ≈ ln(${k}) = ${lnk.toFixed(3)}, flat${accNote}: the output is what a ${k}-class guess gives (chance level).`;
    }
  }
  return undefined;
}

/** Loss began at ln(K) of a common class count and is still near it: barely trained (corpus: EuroSAT at ln 10). */
function startedAtChance(ctx: Ctx): string | undefined {
  const { a } = ctx;
  if (ctx.pair.inverted) return undefined;
  const y = a.hasTrain ? a.t : a.v;
  if (y.length < 5) return undefined;
  const first = y[0];
  const last = median(y.slice(-2));
  for (const k of R.COMMON_CLASS_COUNTS) {
    const lnk = Math.log(k);
    if (Math.abs(first - lnk) / lnk <= R.START_CHANCE_TOLERANCE && last / lnk >= R.STILL_NEAR_CHANCE) {
      return `The loss started at ${Number(first.toPrecision(4))} ≈ ln(${k}) (a uniform guess over ${k} classes) and is still ${Math.round((100 * last) / lnk)}% of it: barely trained.`;
    }
  }
  return undefined;
}

function leakage(ctx: Ctx): boolean {
  const { metric } = ctx;
  if (!metric.train || !metric.val || metric.val.kind === 'error') return false;
  const tr = metric.train;
  const va = metric.val;
  const map = new Map<number, number>();
  tr.x.forEach((x, i) => map.set(x, tr.y[i]));
  const diffs: number[] = [];
  va.x.forEach((x, i) => {
    const t = map.get(x);
    if (t !== undefined && Number.isFinite(t) && Number.isFinite(va.y[i])) diffs.push(va.y[i] - t);
  });
  if (diffs.length < 4) return false;
  const late = diffs.slice(Math.floor(diffs.length / 2));
  return median(late) >= R.LEAKAGE_ACC_GAP && late.filter((d) => d > 0).length >= 0.8 * late.length;
}

/** A negative loss whose size grew 10x and is still running away (or grew absurdly): see NEG_BLOWUP_* in rules.ts. */
function negativeRunaway(raw: number[]): boolean {
  const r = raw.filter(Number.isFinite);
  if (r.length < 3) return false;
  const first = r[0];
  const last = r[r.length - 1];
  const scale = Math.max(Math.abs(first), 1e-12);
  if (Math.abs(last) <= 10 * scale) return false;
  if (Math.abs(last) > R.NEG_BLOWUP_HUGE * scale) return true;
  const tail = r[Math.floor((r.length * 2) / 3)];
  return Math.abs(last - tail) >= R.NEG_BLOWUP_TAIL_SHARE * Math.abs(last - first);
}
