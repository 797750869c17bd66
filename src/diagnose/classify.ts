/**
 * classify: a measured run -> its verdict. Each problem pattern has its own scorer (scorers/*.ts: its
 * features, its named thresholds in rules.ts, its reasons) giving a score in [0, 1] (0.5 = just enough
 * evidence); the good fit is what remains when no problem reaches 0.5. classify runs them in a fixed
 * order (the reasons and findings keep that order), then decides (decide.ts: the rules' verdict blended
 * with the learned model) and explains (explain.ts: headline, reasons, alternatives, borderline).
 */
import * as R from './rules.js';
import { isMetricKind } from '../ingest/names.js';
import { stat } from './quote.js';
import type { Ctx } from './types.js';
import { allZero, brokenHeldOut } from './features.js';
import { decide } from './decide.js';
import { explain, type Verdict } from './explain.js';
import { newScoring, say, type Scoring } from './scorers/scoring.js';
import { addCurveFindings, addRunFindings } from './scorers/findings.js';
import { blewUpAtOnce, scoreUnstable } from './scorers/unstable.js';
import { scoreOverfitting } from './scorers/overfitting.js';
import { scoreHighVariance } from './scorers/high-variance.js';
import { scoreValWorse } from './scorers/val-worse.js';
import { scoreUnderfitting } from './scorers/underfitting.js';
import { scoreReward } from './scorers/reward.js';
import { scoreAdversarial } from './scorers/adversarial.js';
import { scoreLostFit } from './scorers/lost-fit.js';
import { scoreHeldOut } from './scorers/held-out.js';

export type { Verdict } from './explain.js';

export function classify(ctx: Ctx): Verdict {
  const s = newScoring(ctx);
  addRunFindings(s);
  // nothing usable, or too short: no scores to weigh
  if (blewUpAtOnce(s)) {
    return explain(s, 'unstable', {
      good_fit: 0,
      overfitting: 0,
      underfitting: 0,
      high_variance: 0,
      unstable: R.HARD_UNSTABLE_PROBABILITY,
    });
  }
  if (tooShort(s)) return explain(s, 'not_assessable');
  zeroLossesNote(s);
  brokenHeldOutNote(s);
  if (s.a.valSetAside !== undefined) {
    const name = s.ctx.pair.val?.name ?? 'the validation loss';
    say(
      s,
      null,
      `${name} has only ${stat(s.q, 'val_points', s.a.valSetAside, 'num')} point(s), too few to read a trend: the run is judged on its training curve (validate more often, e.g. a smaller validation_freq).`,
    );
  }
  scoreUnstable(s);
  scoreOverfitting(s);
  scoreHighVariance(s);
  scoreValWorse(s);
  scoreUnderfitting(s);
  // an agent's reward read as itself: it overrides what the error-space rules made of a collapse or a still reward
  scoreReward(s);
  // a GAN's discriminator and generator losses pull against each other: a level they hold is no underfitting
  scoreAdversarial(s);
  // a training loss that fell far and climbed back: it could fit, so no underfitting (unstable); not a GAN's
  scoreLostFit(s);
  // a held-out score judged alone beside a training loss: the loss quoted, a score stuck at no skill (held-out.ts)
  scoreHeldOut(s);
  addCurveFindings(s);
  const { pattern, probabilities, reported } = decide(s);
  return explain(s, pattern, probabilities, reported);
}

/** "policy_loss, value_loss" (and how many more): the first few names of a list. */
function listed(names: string[]): string {
  return names.slice(0, 4).join(', ') + (names.length > 4 ? `, and ${names.length - 4} more` : '');
}

/** Losses logged as 0 throughout were passed over for an error or a score: say so, and what is judged instead. */
function zeroLossesNote(s: Scoring): void {
  const judged = s.ctx.pair.train ?? s.ctx.pair.val;
  if (!judged || judged.kind === 'loss') return;
  const zeros = s.ctx.run.series.filter((x) => !x.derived && x.kind === 'loss' && allZero(x)).map((x) => x.name);
  if (zeros.length === 0) return;
  say(
    s,
    null,
    `Every value of ${listed(zeros)} is 0 (the loop never filled it in, or the loss really is exactly 0): the run is judged on ${judged.name} instead.`,
  );
}

/** Held-out series that are never a number were passed over (features.ts brokenHeldOut): say so, and where to look. */
function brokenHeldOutNote(s: Scoring): void {
  const broken = s.ctx.run.series.filter((x) => !x.derived && isMetricKind(x.kind) && brokenHeldOut(x));
  if (broken.length === 0) return;
  const n = stat(s.q, 'broken_held_out_points', Math.max(...broken.map((x) => x.y.length)), 'num');
  say(
    s,
    null,
    `${listed(broken.map((x) => x.name))} ${broken.length > 1 ? 'are' : 'is'} never a number (NaN/inf at all ${n} points): what measures the held-out data is broken (NaN in the validation labels, the log of zero, an empty validation batch or evaluation), so the run is judged without it.`,
  );
}

/** Fewer than MIN_POINTS aligned points: no trend to read. */
function tooShort(s: Scoring): boolean {
  if (s.n >= R.MIN_POINTS) return false;
  // an agent's losses beside no reward (agent.ts): say why they are not read, before any loss logged as 0
  const agent = s.ctx.pair.agentOnly;
  if (agent) {
    say(
      s,
      'not_assessable',
      `${listed(agent.map((x) => x.name))}: an agent's losses, and no reward or return is logged. They cannot say whether the agent gets better (a policy-gradient loss is no error to bring to 0, and the critic's targets move with the policy): log the episode reward beside them (Stable-Baselines3: wrap the environment in a Monitor, which adds rollout/ep_rew_mean).`,
    );
    return true;
  }
  // losses logged as 0 throughout are set aside (features.ts allZero): say so, or the "0 points" reads as a bug
  const zeros = s.n === 0 ? s.ctx.run.series.filter((x) => !x.derived && allZero(x)).map((x) => x.name) : [];
  if (zeros.length > 0) {
    say(
      s,
      'not_assessable',
      `Every value of ${listed(zeros)} is 0: either the loop never filled it in, or the loss really is exactly 0 (e.g. every label masked). Neither is a curve to read: log the loss it trains on (e.g. loss.item()).`,
    );
    return true;
  }
  if (!s.ctx.pair.train && !s.ctx.pair.val) {
    // nothing to pair: a test curve alone, a learning rate, counters
    const has = s.ctx.run.series.filter((x) => !x.derived).map((x) => x.name);
    say(
      s,
      'not_assessable',
      `No training or validation loss, error or accuracy to judge${has.length ? ` (the log has ${listed(has)})` : ''}: log the loss per epoch, and the validation loss beside it.`,
    );
    return true;
  }
  // quoted only here: a number stated is a claim the sentence must hold
  const n = stat(s.q, 'points', s.n, 'num');
  const what = s.a.hasVal ? `${n} validation point(s)` : `${n} point(s)`;
  say(
    s,
    'not_assessable',
    `Only ${what}: at least ${stat(s.q, 'min_points', R.MIN_POINTS, 'num')} points are needed to read a trend.`,
  );
  return true;
}
