/**
 * A training loss that learned and lost it: it fell far below its start, then climbed back most of the way and
 * stayed (the weights thrown out by a learning rate too high, a bad restart, an optimiser state lost). Read as a
 * whole-run change it "ended worse than it started": underfitting. But the model did fit its data for a while, and
 * the guide's underfitting is a loss that stays high; a run that loses what it learned is unstable. The mirror of
 * an agent's collapsed reward (reward.ts). Runs after the other scorers (adversarial.ts included), on the training loss; a validation loss,
 * when logged, must have lost its gains too (a training loss that rises while validation keeps improving is
 * augmentation or a regulariser switched on, not a model that lost anything).
 * Not read: a GAN's losses (adversarial.ts: a discriminator's loss falls and rises as the generator catches up), a
 * run that logs a reward (an agent's value loss rises as its returns grow), an accuracy pair.
 * A loss that fell only a little (less than LOST_FIT_FELL), then climbed past its start to well above its low and
 * held there (LOST_FIT_CLIMB) never fitted: it turned and ran away, which is unstable and diverging too.
 * Not when the run logs a loss term's weight rising (KL annealing's `kl_weight`, a VAE's `beta`): the objective
 * changed. Known limits: a loss whose objective changes mid-run, its weight unlogged (a curriculum step, KL
 * annealing), looks the same.
 */
import { isRewardName } from '../../ingest/names.js';
import type { Series } from '../../ingest/schema.js';
import type { Curve } from '../features.js';
import * as R from '../rules.js';
import { at, atLeast, curvesOf, say, stat, type Scoring } from './scoring.js';

/** How a curve fell and came back: its start level, its low, how much of the fall it gave back, and whether the
 * rise held (the last LOST_FIT_HELD_POINTS points all at least REWARD_COLLAPSE_GAVE_BACK of the fall above the low,
 * clear of its noise: one spike at the end is no level). */
function lostGains(c: Curve): { start: number; gaveBack: number; held: boolean } | undefined {
  const start = c.levelAt(0);
  const fell = start - c.min;
  if (!(start > 0) || !(c.min >= 0) || !(fell > 0)) return undefined;
  const bar = c.min + Math.max(R.REWARD_COLLAPSE_GAVE_BACK * fell, R.LOST_FIT_OVER_NOISE * c.noise);
  const tail = c.raw.slice(-R.LOST_FIT_HELD_POINTS);
  const held = c.argmin < c.raw.length - R.LOST_FIT_HELD_POINTS && tail.every((v) => v >= bar);
  return { start, gaveBack: (c.last - c.min) / fell, held };
}

/** A loss term's weight by its name (`kl_weight`, `beta`, `kld_coef`, `kl_anneal`, `lambda_kl`). */
const TERM_WEIGHT = /^(?:beta|kl_beta|lambda_kl|(?:kl|kld)_?(?:weight|coef|coeff|beta|scale|factor|anneal\w*))$/;

/** A loss term's weight logged rising over the run (its last value above its first). */
function weightRises(x: Series): boolean {
  if (!TERM_WEIGHT.test(x.base)) return false;
  const y = x.y.filter(Number.isFinite);
  return y.length >= 2 && y[y.length - 1] > y[0];
}

export function scoreLostFit(s: Scoring): void {
  // a blow-up is the verdict already; an accuracy pair and an agent's reward have their own readings
  if (s.inv || s.findings.has('nan_inf') || s.findings.has('diverging') || !s.a.hasTrain || !s.ctx.curves) return;
  if (s.adversarial || s.ctx.run.series.some((x) => isRewardName(x.base))) return;
  // a loss term's weight that the run logs rising (KL annealing): the objective changed, the model lost nothing
  if (s.ctx.run.series.some(weightRises)) return;
  // at the aligned points (the validation epochs when there is a validation curve), so its minimum has an x
  const { T, V } = curvesOf(s);
  if (!T || T.raw.length < R.MIN_POINTS) return;
  const train = lostGains(T);
  if (!train || !train.held) return;
  const fellFar = train.start - T.min >= R.LOST_FIT_FELL * train.start;
  // a small fall, then a climb to well above the start: no fit lost, a loss that turned and ran away (a fall the
  // raw values show: a loss that rises from its first point is the growth rule's, unstable.ts)
  const fell = T.argmin > 0 && T.raw.slice(1).some((v) => v < T.raw[0]);
  const climbed = !fellFar && fell && train.gaveBack >= 1 && T.last >= R.LOST_FIT_CLIMB * T.min;
  if (!(fellFar && train.gaveBack >= R.REWARD_COLLAPSE_GAVE_BACK) && !climbed) return;
  if (s.a.hasVal && !lostGains(V)?.held) return;
  atLeast(s, 'unstable', R.REWARD_COLLAPSE_SCORE);
  s.scores.underfitting = Math.min(s.scores.underfitting, R.REWARD_COLLAPSED_UNDERFIT_CAP);
  if (climbed) {
    s.findings.add('diverging');
    say(
      s,
      'unstable',
      `${s.trainName} turned and climbed: it fell only to ${stat(s.q, 'train_best_level', T.min, 'num')} (smoothed) by ${at(s, s.a.x[T.argmin])}, then rose to a level of ${stat(s.q, 'train_end_level', T.last, 'num')} at the end, ${stat(s.q, 'train_rise_after_best', T.last / T.min - 1)} above its low and above its start of ${stat(s.q, 'train_start_level', train.start, 'num')}; its last ${R.LOST_FIT_HELD_POINTS} points all stay well above the low${s.a.hasVal ? ` (${s.valName} climbed too)` : ''}. A training loss that climbs past where it started is no slow learner: the steps are too big for where the run has got to. Lower the learning rate (or decay it), clip gradients, or keep the checkpoint from before the climb.`,
    );
    return;
  }
  s.lostFit = true;
  const lost =
    train.gaveBack >= 1
      ? 'then climbed back to where it started or above'
      : `then gave back ${stat(s.q, 'train_fall_given_back', train.gaveBack)} of that fall`;
  say(
    s,
    'unstable',
    `${s.trainName} learned and lost it: from a level of ${stat(s.q, 'train_start_level', train.start, 'num')} at the start it fell to ${stat(s.q, 'train_best_level', T.min, 'num')} (smoothed) by ${at(s, s.a.x[T.argmin])}, ${lost} (it ends at a level of ${stat(s.q, 'train_end_level', T.last, 'num')}${s.a.hasVal ? `, and ${s.valName} lost its gains too` : ''}). The model could fit its data, so this is no underfitting: too high a learning rate (or a bad restart) threw the weights out. Lower the learning rate, clip gradients, or keep the checkpoint from before the rise.`,
  );
}
