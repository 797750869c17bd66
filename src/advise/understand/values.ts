/**
 * Numbers that mean something (read by understand.ts once the curves are read): a loss at ln K or an
 * accuracy at 1/K is chance level, 1e10 is a loss that ran away, an accuracy of 0 is a classification
 * metric on a regression, a validation score too good to be true is a leak. Values inside a run that moves
 * are a course, not a level.
 *
 * Linear time: a few passes over the tokens, each looking at a bounded window.
 */
import type { Concept } from '../knowledge/concepts.js';
import type { Curve, Metric, Shape } from './curves.js';
import { accAtChance, lossAtChance, numberSubject, parseNum } from './numbers.js';
import { ACC_WORDS, isValWord, LOSS_WORDS, NOT_A_VALUE_AFTER, NOT_A_VALUE_BEFORE } from './words.js';

/** what valueConcepts needs of a question's reading (understand.ts) */
export interface ValueReading {
  has: (curve: Curve | '*', metric: Metric | '*', shape: Shape) => boolean;
  /** the analysis copy, with marker tokens */
  a: string;
  all: string[];
  mentionsVal: boolean;
  mentionsTrain: boolean;
  classes?: number;
  concepts: Partial<Record<Concept, number>>;
  add: (c: Concept, strength: number) => void;
}

/** OURS: a validation accuracy from here is "too good to be true" (possible leakage), surely from PERFECT */
const NEAR_PERFECT = 0.995;
const PERFECT = 0.999;
const NEAR_PERFECT_STRENGTH = 0.8;
/** OURS: an accuracy below this on a regression task is the accuracy-on-regression mistake */
const ACC_NEAR_ZERO = 0.05;
const REGRESSION = /\b(regression|regress\w*|forecast\w*|mse|mae|rmse|continuous|price|prices)\b/;
/** OURS: a training loss from here is far from a validation loss of 0 (not both ~0: a solved toy task) */
const FAR_FROM_ZERO = 0.01;

/** Numbers that mean something: ln K losses, 1/K accuracies, huge values, a perfect validation score. */
export function valueConcepts({ has, a, all, mentionsVal, mentionsTrain, classes, concepts, add }: ValueReading): void {
  const flatAnywhere =
    has('*', '*', 'flat') ||
    /\b(always|every epoch|each epoch|all epochs|the whole time|all the time|(the )?(whole|entire) (training|run)|throughout|from (the )?start to (the )?end|never above|never goes above|doesnt go above|not above|wont go above|no matter)\b/.test(
      a,
    );
  // where the question last names a metric for validation ("... val_acc 0.74"): a bare metric before it is
  // the training one ("acc 0.99 val_acc 0.74", Keras' history keys)
  const lastVal: Partial<Record<Metric, number>> = {};
  all.forEach((t, i) => {
    if (i > 0 && isValWord(all[i - 1]))
      if (LOSS_WORDS.has(t)) lastVal.loss = i;
      else if (ACC_WORDS.has(t)) lastVal.acc = i;
  });
  // values inside a run of 3+ that moves ("0.52 0.61 0.49 0.66 0.47 0.70"): a curve's course, not a
  // value it sits at (no chance level read from one of them)
  const moving = movingRuns(all);
  // the largest loss value said for a curve other than validation
  let otherLoss = 0;
  all.forEach((t, i) => {
    const n = parseNum(t);
    if (!n || NOT_A_VALUE_BEFORE.has(all[i - 1] ?? '')) return;
    const { metric, side } = numberSubject(all, i, n.pct);
    if (metric === 'loss' && side !== 'val') otherLoss = Math.max(otherLoss, n.v);
  });
  all.forEach((t, i) => {
    const n = parseNum(t);
    if (!n) return;
    if (
      NOT_A_VALUE_BEFORE.has(all[i - 1] ?? '') ||
      (n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(all[i + 1] ?? ''))
    )
      return;
    if (n.v >= 1e6) return add('huge_value', 1);
    const subject = numberSubject(all, i, n.pct);
    const { metric } = subject;
    const bareBeforeVal =
      !subject.side &&
      metric !== undefined &&
      i < (lastVal[metric] ?? -1) &&
      (LOSS_WORDS.has(all[i - 1]) || ACC_WORDS.has(all[i - 1]));
    const side = bareBeforeVal ? 'train' : subject.side;
    // (a value at ln K with 3+ decimals, 1.0986, 0.6931, is a loss even with no metric named)
    if (
      metric === 'loss' ||
      (!metric && lossAtChance(n, classes) && (n.decimals >= 3 || all.some((w) => LOSS_WORDS.has(w))))
    ) {
      if (lossAtChance(n, classes) && !moving.has(i))
        add('loss_at_chance', flatAnywhere || classes || n.decimals >= 3 ? 1 : 0.6);
      // (a validation loss of 0 beside a training loss far from it: "val loss 0.0000, train loss 0.3")
      else if (side === 'val' && n.v <= 0.001 && (!mentionsTrain || otherLoss >= FAR_FROM_ZERO)) add('val_perfect', 1);
    } else if (metric === 'acc' || (!metric && classes !== undefined)) {
      const v = n.v > 1 && n.v <= 100 ? n.v / 100 : n.v;
      const trainSide = side === 'train' || (!side && mentionsTrain && !mentionsVal);
      // accuracy 0 (a regression metric read as classes) is its own topic, unless a NaN explains it
      // (an accuracy near 0 on a regression is the same mistake)
      if (metric === 'acc' && !n.pct && (n.v === 0 || (n.v < ACC_NEAR_ZERO && REGRESSION.test(a)))) {
        if (!concepts.nan) add('acc_zero', 1);
      } else if (v >= NEAR_PERFECT && !trainSide) add('val_perfect', v >= PERFECT ? 1 : NEAR_PERFECT_STRENGTH);
      else if (
        accAtChance({ ...n, v }, classes) &&
        !moving.has(i) &&
        (flatAnywhere || classes !== undefined || v === 0.5)
      )
        add('acc_at_chance', 1);
      else if (v > 0.02 && v < 0.98 && flatAnywhere && !accAtChance({ ...n, v }, classes)) add('acc_not_chance', 1);
    }
  });
}

/** OURS: a run of values whose range is at least this share of its largest value moves (is no level) */
const MOVING_RANGE = 0.1;

/** The indices of values in runs of 3+ values in a row that move (linear: one pass, each run once). */
function movingRuns(all: string[]): Set<number> {
  const out = new Set<number>();
  let start = -1;
  const close = (end: number) => {
    if (start < 0 || end - start < 3) return;
    const vs = all.slice(start, end).map((t) => parseNum(t)!.v);
    const hi = Math.max(...vs);
    if (hi - Math.min(...vs) >= MOVING_RANGE * hi) for (let k = start; k < end; k++) out.add(k);
  };
  all.forEach((t, i) => {
    if (parseNum(t)) {
      if (start < 0) start = i;
    } else {
      close(i);
      start = -1;
    }
  });
  close(all.length);
  return out;
}
