/**
 * Which reading yields to which, once every reading of a question is done: a number at chance level
 * explains "stuck" better than a plateau does, two close curves that went flat have converged, a
 * diagnosis ruled out yields to the anomaly the question then names, a weak "how can i tell" yields to
 * anything more specific, one or two epochs say nothing about how close the curves end.
 */
import type { Concept } from '../knowledge/concepts.js';

type Concepts = Partial<Record<Concept, number>>;

/** what the question said about the curves, besides its concepts */
export interface Said {
  /** some loss curve falls (or accuracy rises) */
  lossFell: boolean;
  /** the validation loss is said not to go up ("val never went up") */
  valNoRise: boolean;
  /** the asker finds the curves fine ("looks good", "textbook") */
  looksFine: boolean;
  /** the curves are said to be stuck ("stuck", "never get below 0.8") */
  stuck: boolean;
}

/** OURS: what "flat" still says when both curves went flat together (converged) */
const CONVERGED_FLAT = 0.3;
/** OURS: closeness at least this sure (a slight gap said in words is 0.8) counts for converged curves */
const CLOSE_ENOUGH = 0.8;
/** anomalies a question can name after ruling a diagnosis out ("no overfitting, but accuracy is zero") */
const ANOMALIES: Concept[] = [
  'acc_zero',
  'nan',
  'loss_at_chance',
  'acc_at_chance',
  'one_class',
  'chance_words',
  'val_perfect',
  'suspicious',
  'huge_value',
  'explodes',
  'spike',
  'several_runs',
  'no_val',
];
/** concepts too general to outrank the weak "how can i tell whether ..." */
const GENERAL: Concept[] = ['read_curves', 'lr_value'];

export function precedence(c: Concepts, said: Said): void {
  // a chance-level number explains "stuck" better than a plateau does
  if (c.loss_at_chance === 1 || c.acc_at_chance) {
    delete c.acc_not_chance;
    // (two curves together at chance level have learnt nothing: no good fit)
    delete c.both_fall_close;
  }
  // a fall too slow to get anywhere: still falling at the run's end is room left; two curves close
  // together that crawl are learning too little, not a good fit; a gap or a turn is another story
  if (c.slow_fall) {
    if (c.still_falling || c.train_better || c.val_better || c.val_rises || c.short_log) delete c.slow_fall;
    else delete c.both_fall_close;
  }
  // two curves close together that went flat and were never said to fall ("never get below 0.8, glued
  // together"): stuck, not a good fit
  if (c.both_fall_close && (c.flat ?? 0) >= 1 && said.stuck && !said.lossFell && !said.looksFine && !said.valNoRise)
    delete c.both_fall_close;
  // the validation curve rising while the training curve falls: no training loss rising ("one down one up")
  if (c.val_rises_train_falls) delete c.train_rises;
  // a validation score too good to be true explains "val better than train": the leak is the answer
  if ((c.val_perfect ?? 0) >= 1) delete c.val_better;
  // a run of 1-4 epochs: how close its values are says nothing about the fit
  if ((c.short_log ?? 0) >= 1) delete c.both_fall_close;
  // two curves together that fell, look fine, or whose validation never rose, then went flat: converged
  // (a good fit), not a plateau to fix
  if (
    (c.both_fall_close ?? 0) >= CLOSE_ENOUGH &&
    (said.lossFell || said.looksFine || said.valNoRise) &&
    (c.flat || c.acc_flat) &&
    !c.both_high &&
    !c.train_better &&
    !c.val_better
  ) {
    if (c.flat) c.flat = CONVERGED_FLAT;
    // (accuracies that rose together and went flat: converged too, no accuracy stuck)
    delete c.acc_flat;
    delete c.acc_not_chance;
    if (said.valNoRise) c.both_fall_close = 1;
  }
  // "no overfitting, both curves fine, but accuracy is zero": the anomaly is what is asked about
  if (c.no_problem && ANOMALIES.some((a) => c[a])) delete c.no_problem;
  // "how can i tell whether ...": a weak cue that yields to anything more specific
  if ((c.read_curves ?? 0) < 1 && Object.keys(c).some((k) => !GENERAL.includes(k as Concept))) delete c.read_curves;
}
