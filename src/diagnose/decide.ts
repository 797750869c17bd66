/**
 * From rule scores to a verdict: the rules' own pattern and probabilities (used as they are when no model
 * is shipped or the pair is an accuracy), then the learned model's blend of them with the measured shape
 * (model.ts), with the hard rules that a training loss that blew up is unstable and one that froze is
 * underfitting, whatever the model says.
 */
import type { Pattern } from './schema.js';
import { calibrateVerdict, MODEL_CLASSES, predict, type ModelClass, type Probabilities } from './model.js';
import { featureVector } from './vector.js';
import { REAL_CALIBRATION } from './real-calibration.js';
import { REAL_ADAPTER } from './real-adapter.js';
import { adapted, type Adapter } from './adapt.js';
import { WEIGHTS } from './weights.js';
import * as R from './rules.js';
import type { RuleScores } from './types.js';
import { rulePatternOf, type Scoring } from './scorers/scoring.js';
import { goodFitScore } from './scorers/good-fit.js';

/**
 * The verdict's pattern and its probabilities: the rules' own, or the model's blend of them. `reported`
 * is what explain() shows when the model spoke: the same, with the verdict's probability through a
 * reliability map (model.ts calibrateVerdict: the zoo's for the engine's own runs, the real logs' for the rest).
 * Every decision (the verdict, borderline, which alternatives) reads `probabilities`; the map only changes the
 * numbers people read.
 */
export function decide(s: Scoring): { pattern: Pattern; probabilities: Probabilities; reported?: Probabilities } {
  const { ctx, scores } = s;
  const rulePattern = rulePatternOf(s);
  const trainBlewUp = blewUp(s);
  ctx.features = featureVector(ctx, scores);
  ctx.hardUnstable = trainBlewUp;
  ctx.adversarial = s.adversarial;
  const ruleProbs = ruleProbabilities(s, rulePattern);
  ctx.ruleProbabilities = ruleProbs;
  // the model was fitted on loss curves: an accuracy-only pair (read as an error) stays with the rules
  const model = ctx.rulesOnly || s.inv ? undefined : predict(ctx.features, undefined, ruleProbs);
  if (!model) return rulesVerdict(s, rulePattern, ruleProbs);
  const frozen = !trainBlewUp && s.frozen;
  ctx.model = model;
  ctx.frozen = frozen;
  // a run of curve-triage's own engine keeps the model's answer (what it was fitted and labelled on); any other
  // log goes through the adapter fitted on real logs' expert labels (adapt.ts)
  const adapter = ctx.origin === 'trained' ? null : REAL_ADAPTER;
  const { pattern: best, probabilities: probs } = settle(
    model,
    ctx.features,
    { blewUp: trainBlewUp, frozen, adversarial: s.adversarial },
    adapter,
  );
  ctx.decided = probs;
  // a blown-up run's verdict is a rule, not the model's: its probability is not the model's to recalibrate
  if (trainBlewUp) return { pattern: best, probabilities: probs };
  const reported = { ...probs };
  // a run of curve-triage's own engine is read through the zoo's map (what the model was fitted on), any other log
  // through the real logs' map: the same probability was right far more often there (real-calibration.ts)
  calibrateVerdict(reported, best, undefined, ctx.origin === 'trained' ? WEIGHTS?.calibration : REAL_CALIBRATION);
  return { pattern: best, probabilities: probs, reported };
}

/**
 * The model's probabilities settled into the verdict: through the real-log adapter when one is given, then the
 * hard rules (a training loss that blew up is unstable, one that froze is underfitting, whatever the model says;
 * a GAN's losses are never underfitting). scripts/diagnoser/calibrate-real.ts settles candidate adapters the same way.
 */
export function settle(
  model: Probabilities,
  x: ArrayLike<number>,
  hard: { blewUp: boolean; frozen: boolean; adversarial?: boolean },
  adapter: Adapter | null,
): { pattern: ModelClass; probabilities: Probabilities } {
  const probs = adapted(model, x, adapter);
  if (hard.adversarial && !hard.frozen) probs.underfitting = 0;
  if (hard.blewUp) probs.unstable = Math.max(probs.unstable, R.HARD_UNSTABLE_PROBABILITY);
  if (hard.frozen) probs.underfitting = Math.max(probs.underfitting, R.HARD_FROZEN_PROBABILITY);
  const total = MODEL_CLASSES.reduce((acc, c) => acc + probs[c], 0);
  for (const c of MODEL_CLASSES) probs[c] /= total;
  const pattern = hard.blewUp
    ? 'unstable'
    : hard.frozen
      ? 'underfitting'
      : MODEL_CLASSES.reduce((b, c) => (probs[c] > probs[b] ? c : b), MODEL_CLASSES[0]);
  return { pattern, probabilities: probs };
}

/** The rules' verdict when no model speaks. A GAN's losses are never underfitting unless the loss froze
 * (scorers/adversarial.ts): then the rules' next pattern, with underfitting's share taken out. */
function rulesVerdict(
  s: Scoring,
  p: Pattern,
  probs: Probabilities,
): { pattern: Pattern; probabilities: Probabilities } {
  if (!s.adversarial || s.frozen) return { pattern: p, probabilities: probs };
  if (p !== 'underfitting') return { pattern: p, probabilities: { ...probs, underfitting: 0 } };
  const next = rulePatternOf(s, false);
  const out = ruleProbabilities(s, next);
  out.underfitting = 0;
  return { pattern: next, probabilities: out };
}

/** NaN/inf in the training loss, or a loss that runs away: the run blew up, whatever else it shows. */
function blewUp(s: Scoring): boolean {
  return (
    (s.ctx.nonFinite.count > 0 && !s.valOnlyNaN && s.scores.unstable >= R.HARD_UNSTABLE_SCORE) ||
    s.findings.has('diverging')
  );
}

/** The rules' scores turned into a confidence and runner-ups (no model shipped). */
function ruleProbabilities(s: Scoring, p: Pattern): Probabilities {
  const { scores } = s;
  const entries = (Object.entries(scores) as [Pattern, number][]).sort((x, y) => y[1] - x[1]);
  let topScore: number;
  let second: number;
  if (p === 'good_fit') {
    topScore = goodFitScore(s, entries[0]?.[1] ?? 0);
    second = entries[0]?.[1] ?? 0;
  } else {
    topScore = scores[p as keyof RuleScores];
    second = Math.max(entries.find(([q]) => q !== p)?.[1] ?? 0, 1 - topScore);
  }
  let conf = R.CONF_BASE + R.CONF_TOP * topScore + R.CONF_MARGIN * Math.max(0, topScore - second);
  if (s.n < R.SHORT_RUN_POINTS) conf *= R.SHORT_RUN_FACTOR;
  conf = Math.max(R.CONF_MIN, Math.min(R.CONF_MAX, conf));
  const out = { good_fit: 0, overfitting: 0, underfitting: 0, high_variance: 0, unstable: 0 } as Probabilities;
  for (const [q, sc] of entries)
    if (q !== p && sc > R.RUNNER_UP_MIN_SCORE) out[q as ModelClass] = Math.min(sc, 1 - conf);
  if (p !== 'good_fit' && 1 - topScore > R.RUNNER_UP_MIN_SCORE) out.good_fit = Math.min(1 - topScore, 1 - conf);
  out[p as ModelClass] = conf;
  return out;
}
