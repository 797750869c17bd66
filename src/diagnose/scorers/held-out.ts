/**
 * A held-out score judged alone beside a training loss (../held-out.ts): what the training loss did, quoted as its
 * median level where the score's verdict speaks of training, and a score that never left its no-skill level, which is
 * underfitting whatever its shape: nothing the model learns carries over to held-out data. Thresholds: HELD_OUT_* in
 * rules.ts.
 */
import * as R from '../rules.js';
import { bestPoint, firstPoint, lastPoint, shareMeans } from '../quote.js';
import { besideLevels, levelNear, neverLeftNoSkill } from '../held-out.js';
import { at, atLeast, noTrainingCurve, say, stat, value, type Scoring } from './scoring.js';

/** "; loss's median level fell 56% meanwhile (from 0.115 around epoch 10 to 0.0472 at the end)": the training loss
 * beside the judged score from x0 (its start when not given) to x1; "; loss is not logged after epoch 15" when it
 * stops before x0; "; there is no training curve to compare it with" when the run has none (noTrainingCurve). */
export function besideOrNone(s: Scoring, x0?: number, x1?: number, when = 'meanwhile'): string {
  const b = s.ctx.beside;
  if (!b) return `; ${noTrainingCurve(s)}`;
  const first = firstPoint(b);
  const last = lastPoint(b);
  if (!first || !last) return '';
  const to = Math.min(x1 ?? last.x, last.x);
  const levels =
    x0 === undefined
      ? { before: levelNear(b, first.x, 'start'), after: levelNear(b, to, 'end') }
      : besideLevels(b, x0, to);
  if (!levels || levels.before === undefined || levels.after === undefined)
    return `; ${b.key} is not logged after ${at(s, last.x)}`;
  const { before, after } = levels;
  const word = after < before ? 'fell' : after > before ? 'rose' : 'held';
  const by =
    shareMeans(before, after) && after !== before
      ? ` ${stat(s.q, 'beside_level_change', Math.abs(after - before) / before)}`
      : '';
  const from = x0 === undefined ? 'at the start' : `around ${at(s, x0)}`;
  return `; ${b.key}'s median level ${word}${by} ${when} (from ${stat(s.q, 'beside_level_from', before, 'num')} ${from} to ${stat(s.q, 'beside_level_to', after, 'num')} at the end)`;
}

/** "Underfitting: val_dice never left its no-skill level (its best is 0.0027, at epoch 29); loss's median level fell
 * 76% over the run (...)": what carries the verdict when the score never left no skill. */
export function noSkillHeadline(s: Scoring): string | undefined {
  const v = s.ctx.pair.val;
  const best = s.ctx.beside && v && neverLeftNoSkill(v) ? bestPoint(v, true) : undefined;
  if (!v || !best) return undefined;
  return `Underfitting: ${v.key} never left its no-skill level (its best is ${value(s.q, 'val', best.x)}, at ${at(s, best.x)})${besideOrNone(s, undefined, undefined, 'over the run')}: nothing the model learns carries over to held-out data.`;
}

export function scoreHeldOut(s: Scoring): void {
  const { beside: b, pair } = s.ctx;
  const v = pair.val;
  if (!b || !v) return;
  say(
    s,
    null,
    `No validation loss is logged: ${v.key}, a held-out score, is judged alone (a score and a loss share no scale, so no gap between them is measured)${besideOrNone(s, undefined, undefined, 'over the run')}.`,
  );
  if (!neverLeftNoSkill(v)) return;
  atLeast(s, 'underfitting', R.HELD_OUT_NO_SKILL_SCORE);
  // the shape rules read the score as an error (1 - y): "improved only 0.1%" of a Dice that never left 0 says
  // nothing, and the headline (noSkillHeadline) says what does
  s.tagged = s.tagged.filter((r) => r.p !== 'underfitting');
  say(
    s,
    'underfitting',
    `${v.key} stays where a model with no skill would be, whatever the training loss does: check that the validation data goes through the same preprocessing and labels as the training data (masks, scaling, class order), and whether the model only predicts the majority class or background.`,
  );
}
