/**
 * What tells two close patterns apart: one experiment per pair, in the guide's terms (reviewable data).
 * The reply prints it when the diagnosis is borderline.
 */
import type { Pattern } from './schema.js';

type Pair = `${Pattern}|${Pattern}`;

const TELL_APART: Partial<Record<Pair, string>> = {
  'overfitting|high_variance':
    'To tell them apart, run 3 seeds: if the minimum of the validation loss stays at the same epoch and val rises after it each time, it is overfitting; if the minimum moves and the jumps differ from seed to seed, it is variance (average the runs, enlarge the validation set).',
  'overfitting|good_fit':
    'To tell them apart, train 30% longer with EarlyStopping(restore_best_weights=True): if val keeps rising past its minimum, it is overfitting; if it settles at the minimum, the run was fine and only noisy at the end.',
  'overfitting|underfitting':
    'To tell them apart, compare the best val loss with a model twice as wide: if the wider model is worse after its minimum, it is overfitting; if it reaches a lower minimum, the model was too small.',
  'overfitting|unstable':
    'To tell them apart, retrain with the learning rate divided by 10: if val still bottoms out and climbs, it is overfitting; if both curves calm down and keep falling, the step size was the problem.',
  'high_variance|good_fit':
    'To tell them apart, evaluate on a validation set 4x larger (or average 3 seeds): if the jumps shrink and val follows train, the run was fine; if val stays far above train, it is variance.',
  'high_variance|underfitting':
    'To tell them apart, look at the training loss alone: if it keeps falling while val only jumps, it is variance; if it is stuck high too, the model is too small or the learning rate too low.',
  'high_variance|unstable':
    'To tell them apart, look at the training loss: if it falls smoothly while only val jumps, it is variance (validation set or batch size); if train jumps too, lower the learning rate (unstable).',
  'underfitting|good_fit':
    'To tell them apart, train twice as long or with the learning rate x3: if the loss keeps falling clearly, the model was underfitting (too small, too slow); if it barely moves, it had converged.',
  'underfitting|unstable':
    'To tell them apart, divide the learning rate by 10: if the curve starts falling steadily, it was unstable; if it still stays high and flat, give the model more capacity (underfitting).',
  'unstable|good_fit':
    'To tell them apart, divide the learning rate by 3 and add clipnorm=1.0: if the curve gets visibly smoother and lower, it was unstable; if nothing changes, the jumps are ordinary batch noise.',
};

/** The same experiments for a curve where higher is better (an accuracy, a score): it peaks and falls away where a
 * loss bottoms out and rises, and improves by rising. */
const TELL_APART_HIGHER: Partial<Record<Pair, string>> = {
  'overfitting|high_variance':
    'To tell them apart, run 3 seeds: if the best point of the validation curve stays at the same epoch and val falls away after it each time, it is overfitting; if the best point moves and the jumps differ from seed to seed, it is variance (average the runs, enlarge the validation set).',
  'overfitting|good_fit':
    'To tell them apart, train 30% longer with EarlyStopping(restore_best_weights=True): if val keeps falling away from its best, it is overfitting; if it settles at its best, the run was fine and only noisy at the end.',
  'overfitting|underfitting':
    'To tell them apart, compare the best validation value with a model twice as wide: if the wider model falls away after its best, it is overfitting; if it reaches a higher best, the model was too small.',
  'overfitting|unstable':
    'To tell them apart, retrain with the learning rate divided by 10: if val still peaks and falls away, it is overfitting; if both curves calm down and keep rising, the step size was the problem.',
  'high_variance|good_fit':
    'To tell them apart, evaluate on a validation set 4x larger (or average 3 seeds): if the jumps shrink and val follows train, the run was fine; if val stays far below train, it is variance.',
  'high_variance|underfitting':
    'To tell them apart, look at the training curve alone: if it keeps rising while val only jumps, it is variance; if it is stuck low too, the model is too small or the learning rate too low.',
  'high_variance|unstable':
    'To tell them apart, look at the training curve: if it rises smoothly while only val jumps, it is variance (validation set or batch size); if train jumps too, lower the learning rate (unstable).',
  'underfitting|good_fit':
    'To tell them apart, train twice as long or with the learning rate x3: if the curve keeps rising clearly, the model was underfitting (too small, too slow); if it barely moves, it had converged.',
  'underfitting|unstable':
    'To tell them apart, divide the learning rate by 10: if the curve starts rising steadily, it was unstable; if it still stays low and flat, give the model more capacity (underfitting).',
  'unstable|good_fit':
    'To tell them apart, divide the learning rate by 3 and add clipnorm=1.0: if the curve gets visibly smoother and higher, it was unstable; if nothing changes, the jumps are ordinary batch noise.',
};

/** ... and for an agent's reward or return: no validation set and no Keras callback, but evaluation episodes, seeds
 * and the best-return checkpoint (the advice's reinforcement-learning strategies). */
const TELL_APART_REWARD: Partial<Record<Pair, string>> = {
  'overfitting|high_variance':
    'To tell them apart, run 3 seeds: if the return peaks at about the same point and falls away after it each time, the policy degrades with more training (keep the best-return checkpoint); if the peak moves and the swings differ from seed to seed, it is variance (evaluate on more episodes, average the seeds).',
  'overfitting|good_fit':
    'To tell them apart, train 30% longer and keep the checkpoint with the best evaluation return: if the return keeps falling away from its best, the policy degrades with more training; if it settles at its best, the run was fine and only noisy at the end.',
  'overfitting|underfitting':
    'To tell them apart, compare the best return with a network twice as wide: if the wider network also falls away after its best, the policy degrades with more training; if it reaches a higher best, the network was too small.',
  'overfitting|unstable':
    'To tell them apart, retrain with the learning rate divided by 10: if the return still peaks and falls away, the policy degrades with more training; if it calms down and keeps rising, the step size was the problem.',
  'high_variance|good_fit':
    'To tell them apart, evaluate each point on 4x more episodes (or average 3 seeds): if the jumps shrink and the return follows its trend, the run was fine; if it keeps swinging, it is variance.',
  'high_variance|underfitting':
    'To tell them apart, look at the training return alone: if it keeps rising while the evaluation return only jumps, it is variance; if it is stuck low too, the network is too small or the learning rate too low.',
  'high_variance|unstable':
    'To tell them apart, look at the training return: if it rises smoothly while only the evaluation return jumps, it is variance (evaluate on more episodes); if the training return jumps too, lower the learning rate (unstable).',
  'underfitting|good_fit':
    'To tell them apart, train twice as long or with the learning rate x3: if the return keeps rising clearly, the agent was underfitting (too small, too slow); if it barely moves, it had converged.',
  'underfitting|unstable':
    'To tell them apart, divide the learning rate by 10: if the return starts rising steadily, it was unstable; if it still stays low and flat, give the network more capacity (underfitting).',
  'unstable|good_fit':
    'To tell them apart, divide the learning rate by 3 and clip the gradients (e.g. max_grad_norm=0.5): if the return gets visibly smoother and higher, it was unstable; if nothing changes, the jumps are ordinary episode noise.',
};

/** ... and for a run that logs its validation curve alone (scoring.ts valAlone): no "both curves", and for
 * underfitting against a good fit the training curve it lacks is what tells the two apart, not one more run. */
const TELL_APART_VAL_ONLY: Partial<Record<Pair, Record<'loss' | 'higher', string>>> = {
  'underfitting|good_fit': {
    loss: 'To tell them apart, log the training loss beside the validation loss: if it sits about as high and close to it, the model cannot fit even its training data (underfitting: more capacity, a higher learning rate); if it is well below, the model fits what it trains on (a good fit).',
    higher:
      'To tell them apart, log the training curve beside the validation curve: if it sits about as low and close to it, the model cannot fit even its training data (underfitting: more capacity, a higher learning rate); if it is well above, the model fits what it trains on (a good fit).',
  },
  'overfitting|unstable': {
    loss: 'To tell them apart, retrain with the learning rate divided by 10: if the validation loss still bottoms out and climbs, it is overfitting; if it calms down and keeps falling, the step size was the problem.',
    higher:
      'To tell them apart, retrain with the learning rate divided by 10: if the validation curve still peaks and falls away, it is overfitting; if it calms down and keeps rising, the step size was the problem.',
  },
};

/** ... and for overfitting read from a wide gap (scorers/overfitting.ts scoreWideGap): val never climbed out of a
 * minimum, so training longer shows nothing; closing the gap does. */
const TELL_APART_WIDE_GAP =
  'To tell them apart, retrain with dropout or L2 (or more training data): if val comes down toward train and ends lower than before, the model was overfitting its training data; if val ends where it did while only train rises, the gap is the validation data being harder, and the run was fine.';

/** What a curve is, for the wording of the experiment: a loss (lower is better), a score or accuracy (higher is
 * better), or an agent's reward. */
export type CurveKind = 'loss' | 'higher' | 'reward';

const TABLES: Record<CurveKind, Partial<Record<Pair, string>>> = {
  loss: TELL_APART,
  higher: TELL_APART_HIGHER,
  reward: TELL_APART_REWARD,
};

/** The experiment that separates a and b (order does not matter), worded for the judged curve's kind, and for a run
 * judged on its validation curve alone (`valOnly`) where the training curve it lacks tells them apart, or for
 * overfitting read from a wide gap (`wideGap`) where closing the gap does. */
export function tellApart(a: Pattern, b: Pattern, curve: CurveKind = 'loss', valOnly = false, wideGap = false): string {
  const table = TABLES[curve];
  const pair = [a, b].sort().join('|');
  if (wideGap && curve === 'loss' && pair === 'good_fit|overfitting') return TELL_APART_WIDE_GAP;
  const seen =
    valOnly && curve !== 'reward' ? (TELL_APART_VAL_ONLY[`${a}|${b}`] ?? TELL_APART_VAL_ONLY[`${b}|${a}`]) : undefined;
  return (
    seen?.[curve as 'loss' | 'higher'] ??
    table[`${a}|${b}`] ??
    table[`${b}|${a}`] ??
    'To tell them apart, retrain with another seed and compare: what changes from seed to seed is noise, what stays is the pattern.'
  );
}
