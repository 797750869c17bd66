/**
 * The course of a run said with a few values rather than a shape word:
 *  - the best value, then a worse one ("best val_loss was epoch 9 (0.0041), at epoch 50 it is 0.0093",
 *    "lowest val loss at epoch 12, now it is higher"): a minimum then a rise, the overfitting turn;
 *  - where a curve started, and end values that barely left it ("train 1.2 val 1.25 after 50 epochs,
 *    started at 1.4"): the model learnt little, both curves stay high.
 *
 * Linear time: each cue word looks at a bounded window of tokens after it.
 */
import type { Fact, Metric, Side } from './curves.js';
import { sideOf } from './curves.js';
import { parseNum, type Num } from './numbers.js';
import { ACC_WORDS, isTrainWord, isValWord, LOSS_WORDS, NOT_A_VALUE_AFTER, NOT_A_VALUE_BEFORE } from './words.js';

/** words for the best value of a loss, of an accuracy, or of either */
const BEST_LOSS = new Set(['lowest', 'min', 'minimum', 'minimal', 'smallest']);
const BEST_ACC = new Set(['highest', 'max', 'maximum', 'peak', 'peaked', 'top']);
const BEST_ANY = new Set(['best']);
/** words that say the value after the best one is worse ("now it is higher", "worse since then") */
const WORSE_LOSS = new Set(['higher', 'worse', 'xrise', 'xworse', 'up', 'bigger', 'larger']);
const WORSE_ACC = new Set(['lower', 'worse', 'xfall', 'xworse', 'down', 'smaller']);
/** how many tokens after a best word its curve, metric and values are looked for */
const BEST_REACH = 16;
/** OURS: a later value this much worse than the best one is a turn, not noise (the U_RISE of curves.ts) */
const WORSE_RATIO = 1.15;
/** OURS: accuracy points below the best one that make a turn */
const WORSE_ACC_POINTS = 0.02;

/** a metric value at toks[i] (not an epoch, a count or a setting) */
function valueAt(toks: string[], i: number): Num | undefined {
  const n = parseNum(toks[i]);
  if (!n || NOT_A_VALUE_BEFORE.has(toks[i - 1] ?? '')) return undefined;
  if (n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(toks[i + 1] ?? '')) return undefined;
  return n;
}

/** "best val loss ... 0.0041 ... now 0.0093" / "... now higher": the validation curve turned after its best */
export function bestThenWorse(toks: string[]): Fact[] {
  const facts: Fact[] = [];
  toks.forEach((t, i) => {
    if (!BEST_LOSS.has(t) && !BEST_ACC.has(t) && !BEST_ANY.has(t)) return;
    // the curve and metric: named right around the best word
    const near = toks.slice(Math.max(0, i - 3), i + 4);
    if (!near.some(isValWord) || near.some(isTrainWord)) return;
    const metric: Metric | undefined = near.some((w) => LOSS_WORDS.has(w))
      ? 'loss'
      : near.some((w) => ACC_WORDS.has(w))
        ? 'acc'
        : undefined;
    if (!metric || (metric === 'loss' && BEST_ACC.has(t)) || (metric === 'acc' && BEST_LOSS.has(t))) return;
    const values: number[] = [];
    let worseWord = false;
    for (let j = i + 1; j < Math.min(toks.length, i + BEST_REACH); j++) {
      // another curve's values start: the validation curve's part is over
      if (isTrainWord(toks[j])) break;
      const n = valueAt(toks, j);
      // (an accuracy said in percent without the sign, "85", is 0.85)
      if (n) values.push(metric === 'acc' && !n.pct && n.v > 1 ? n.v / 100 : n.v);
      // ("... higher than train" compares two curves: no turn)
      else if ((metric === 'loss' ? WORSE_LOSS : WORSE_ACC).has(toks[j]) && toks[j + 1] !== 'than') worseWord = true;
    }
    const [best, later] = values;
    const worse =
      later !== undefined
        ? metric === 'loss'
          ? later > best * WORSE_RATIO
          : later < best - WORSE_ACC_POINTS
        : worseWord;
    if (worse) facts.push({ curve: 'val', metric, shape: metric === 'loss' ? 'rise' : 'fall' });
  });
  return facts;
}

/** words that say where a curve started */
export const START_WORDS = new Set([
  'started',
  'starting',
  'start',
  'starts',
  'initially',
  'initial',
  'began',
  'begins',
]);
/** OURS: end values at least this share of the start value fell little (the model learnt little) */
const FELL_LITTLE = 0.75;

/**
 * "train loss 1.2 val loss 1.25 after 50 epochs, started at 1.4": both curves' values (the last said for
 * each) barely below where the run started. True when both curves are named with a loss value.
 */
export function fellLittle(toks: string[]): boolean {
  let start: number | undefined;
  const end: Partial<Record<Side, number>> = {};
  toks.forEach((t, i) => {
    if (START_WORDS.has(t)) {
      for (let j = i + 1; j < Math.min(toks.length, i + 4) && start === undefined; j++) start = valueAt(toks, j)?.v;
      return;
    }
    const n = valueAt(toks, i);
    if (!n || START_WORDS.has(toks[i - 1] ?? '') || START_WORDS.has(toks[i - 2] ?? '')) return;
    let side: Side | undefined;
    let loss = false;
    for (let j = i - 1; j >= Math.max(0, i - 4) && !parseNum(toks[j]); j--) {
      side ??= sideOf(toks[j]);
      loss ||= LOSS_WORDS.has(toks[j]);
    }
    if (side && loss) end[side] = n.v;
  });
  return (
    start !== undefined &&
    start > 0 &&
    end.train !== undefined &&
    end.val !== undefined &&
    Math.max(end.train, end.val) <= start &&
    Math.min(end.train, end.val) >= start * FELL_LITTLE
  );
}

/** words for a trivial model the curves are measured against */
const BASELINE_WORDS = new Set(['baseline', 'naive', 'persistence', 'dummy', 'trivial']);
/** OURS: a model whose validation error is at least this share of the baseline's has learnt little */
const NEAR_BASELINE = 0.9;
/** how many tokens after a baseline word its value is looked for */
const BASELINE_REACH = 4;

/**
 * "train mae 12.3, val mae 12.9, baseline mae 13.0": the validation error barely below (or above) a
 * trivial baseline's -- the model learnt little, whatever how close its two curves are.
 * Linear time: one pass, a bounded window after each baseline word.
 */
export function nearBaseline(toks: string[]): boolean {
  let base: number | undefined;
  let val: number | undefined;
  let acc = false;
  toks.forEach((t, i) => {
    if (BASELINE_WORDS.has(t)) {
      for (let j = i + 1; j <= Math.min(toks.length - 1, i + BASELINE_REACH) && base === undefined; j++) {
        if (isValWord(toks[j]) || isTrainWord(toks[j])) break;
        base = valueAt(toks, j)?.v;
      }
      return;
    }
    const n = valueAt(toks, i);
    if (!n) return;
    for (let j = i - 1; j >= Math.max(0, i - 4) && !parseNum(toks[j]); j--) {
      if (BASELINE_WORDS.has(toks[j])) return;
      if (ACC_WORDS.has(toks[j])) acc = true;
      if (isValWord(toks[j])) {
        val = n.v;
        return;
      }
    }
  });
  if (base === undefined || val === undefined || acc || base <= 0) return false;
  return val >= base * NEAR_BASELINE;
}

const EPOCH_WORD = new Set(['epoch', 'epochs', 'ep', 'step', 'iteration', 'iter']);
const AT_EPOCH = new Set(['at', 'by', 'in', 'after', 'around', 'on']);
/** a metric value with decimals at toks[i] */
function decimalAt(toks: string[], i: number): Num | undefined {
  const n = i >= 0 ? parseNum(toks[i] ?? '') : undefined;
  return n && n.decimals > 0 && !n.pct ? n : undefined;
}
/** OURS: a last stretch at least as long (in epochs) as everything before it, changing less than this share, is flat */
const LATE_FLAT = 0.05;
/** OURS: ... after a fall of at least this share of the first value (a curve that levelled off) */
const EARLY_FALL = 0.1;

/**
 * Values said with their epochs, the last one far later and barely different ("epoch 1 loss 0.52 ...
 * epoch 4 loss 0.46 ... epoch 300 loss 0.45", "0.35 at epoch 20 and 0.34 at epoch 150"): the curve fell,
 * then levelled off for most of the run.
 * Linear time: one pass pairing each epoch with the next value (a bounded look-ahead).
 */
export function levelledOff(toks: string[]): Fact[] {
  const bySide = new Map<string, [number, number][]>();
  toks.forEach((t, i) => {
    if (!EPOCH_WORD.has(t)) return;
    const e = parseNum(toks[i + 1] ?? '');
    if (!e || e.decimals !== 0 || e.pct) return;
    let side: Side | undefined;
    let metric: Metric | undefined;
    // "0.31 at epoch 12": the value right before "at"; "epoch 12 val loss 0.31": the value after it (one that
    // is itself said "at epoch ..." belongs to that epoch)
    const before = i - 2;
    let value: Num | undefined = AT_EPOCH.has(toks[i - 1] ?? '') ? decimalAt(toks, before) : undefined;
    if (value)
      for (let j = before - 1; j >= Math.max(0, before - 3) && !parseNum(toks[j]); j--) {
        side ??= sideOf(toks[j]);
        metric ??= LOSS_WORDS.has(toks[j]) ? 'loss' : ACC_WORDS.has(toks[j]) ? 'acc' : undefined;
      }
    for (let j = i + 2; j < Math.min(toks.length, i + 6) && !value; j++) {
      if (EPOCH_WORD.has(toks[j])) break;
      side ??= sideOf(toks[j]);
      metric ??= LOSS_WORDS.has(toks[j]) ? 'loss' : ACC_WORDS.has(toks[j]) ? 'acc' : undefined;
      const n = decimalAt(toks, j);
      if (n && AT_EPOCH.has(toks[j + 1] ?? '') && EPOCH_WORD.has(toks[j + 2] ?? '')) break;
      if (n) value = n;
    }
    if (!value || metric === 'acc') return;
    const key = side ?? 'any';
    const pairs = bySide.get(key) ?? [];
    pairs.push([e.v, value.v]);
    bySide.set(key, pairs);
  });
  const facts: Fact[] = [];
  for (const [key, pairs] of bySide) {
    if (pairs.length < 2) continue;
    const [e0, v0] = pairs[0];
    const [e1, v1] = pairs[pairs.length - 2];
    const [e2, v2] = pairs[pairs.length - 1];
    if (!(e0 <= e1 && e1 < e2) || v0 <= 0 || v1 <= 0) continue;
    const lateLong = e2 - e1 >= Math.max(1, e1 - e0);
    const fellFirst = pairs.length >= 3 ? (v0 - v1) / v0 >= EARLY_FALL : true;
    if (lateLong && fellFirst && Math.abs(v1 - v2) <= LATE_FLAT * v1 && e2 - e1 >= 10)
      facts.push({ curve: key === 'any' ? 'any' : (key as Side), metric: 'loss', shape: 'flat' });
  }
  return facts;
}

/** OURS: an R² below this on every curve named is a model that explains little of the target */
const LOW_R2 = 0.5;

/**
 * "r2 is only 0.3 for train and 0.28 for test": every R² said is low -- both curves bad, however close.
 * Linear time: one pass, a short look-ahead after each R² word.
 */
export function lowR2(toks: string[]): boolean {
  const values: number[] = [];
  toks.forEach((t, i) => {
    const r2 = t === 'r2' || t === 'rsquared';
    if (!r2) return;
    for (let j = i + 1; j < Math.min(toks.length, i + 6); j++) {
      const n = valueAt(toks, j);
      if (n && n.decimals > 0) {
        values.push(n.v);
        break;
      }
    }
  });
  // (the values said after the R² words, also for a second curve: "0.1 on train and 0.08 on val")
  toks.forEach((t, i) => {
    const n = values.length ? valueAt(toks, i) : undefined;
    if (n && n.decimals > 0 && !values.includes(n.v) && n.v <= 1) values.push(n.v);
  });
  return values.length >= 2 && values.every((v) => v < LOW_R2);
}
