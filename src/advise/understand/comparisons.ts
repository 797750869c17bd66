/** Comparisons between the curves: "val loss much lower than train", "3x the training loss", "train 0.01 val 0.9". */
import type { Concept } from '../knowledge/concepts.js';
import { sideOf, type Metric, type Side } from './curves.js';
import { START_WORDS } from './course.js';
import { parseNum, type Num } from './numbers.js';
import { ACC_WORDS, isValWord, LOSS_WORDS, NOT_A_VALUE_AFTER, NOT_A_VALUE_BEFORE } from './words.js';

const CLOSE_WORDS = new Set(['close', 'closer', 'near', 'similar', 'equal', 'comparable', 'same', 'identical']);
/** how far back "it" looks for the curve it stands for (tokens) */
const PRONOUN_REACH = 20;
const FOLLOW_WORDS = new Set(['matches', 'tracks', 'follows', 'mirrors', 'hugs']);

/**
 * "val loss lower than train", "validation below the training loss", "val < train", "3x the training
 * loss", "val loss much noisier than train": which curve is better (or noisier), and how strongly.
 */
export function comparisons(toks: string[], add: (c: Concept, s: number) => void): void {
  toks.forEach((t, i) => {
    const next = toks[i + 1];
    let kind: 'lower' | 'higher' | 'better' | 'worse' | 'noisier' | 'close' | undefined;
    // "val loss close to train loss", "similar to", "about the same as"
    if ((CLOSE_WORDS.has(t) && (next === 'to' || next === 'as' || next === 'with')) || FOLLOW_WORDS.has(t))
      kind = 'close';
    else if (['lower', 'less', 'smaller', 'lesser'].includes(t) && (next === 'than' || next === 'then')) kind = 'lower';
    else if (['below', 'under', 'beneath', '<', '<='].includes(t)) kind = 'lower';
    else if (['higher', 'bigger', 'larger', 'greater', 'more'].includes(t) && (next === 'than' || next === 'then'))
      kind = 'higher';
    else if (['above', 'exceeds', 'exceed', '>', '>='].includes(t)) kind = 'higher';
    else if (['beats', 'outperforms'].includes(t)) kind = 'better';
    else if (t === 'easier' && (next === 'than' || next === 'then')) kind = 'better';
    else if (t === 'harder' && (next === 'than' || next === 'then')) kind = 'worse';
    else if (t === 'better' && (next === 'than' || next === 'then')) kind = 'better';
    else if (t === 'worse' && (next === 'than' || next === 'then')) kind = 'worse';
    else if (
      (t === 'xfluct' || t === 'xspike') &&
      (next === 'than' || next === 'then' || (next === 'compared' && toks[i + 2] === 'to'))
    )
      kind = 'noisier';
    else if (['twice', 'double', 'triple', 'thrice'].includes(t) && toks.slice(i + 1, i + 4).some((w) => sideOf(w)))
      kind = 'higher';
    else if (t === 'half' && toks.slice(i + 1, i + 4).some((w) => sideOf(w))) kind = 'lower';
    else if (t === 'x' || t === 'times') {
      // "val loss is 3x the training loss"
      const n = parseNum(toks[i - 1] ?? '');
      if (n && n.v >= 1.5 && toks.slice(i + 1, i + 4).some((w) => sideOf(w))) kind = 'higher';
    }
    if (!kind) return;
    let left: Side | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 8) && !left; j--) left = sideOf(toks[j]);
    // "my val loss ..., it stays way above train": "it" is the curve named last before it (bounded look-back)
    let it = -1;
    for (let j = i - 1; j >= Math.max(0, i - 8) && it < 0; j--) if (toks[j] === 'it') it = j;
    if (!left && it >= 0)
      for (let j = it - 1; j >= Math.max(0, it - PRONOUN_REACH) && !left; j--) left = sideOf(toks[j]);
    // "loss higher than validation loss": a bare loss against the validation loss is the training loss
    if (
      !left &&
      toks.slice(Math.max(0, i - 3), i).some((w) => LOSS_WORDS.has(w)) &&
      toks.slice(i + 1, i + 5).some(isValWord)
    )
      left = 'train';
    let right: Side | undefined;
    for (let j = i + 1; j < Math.min(toks.length, i + 8) && !right; j++)
      right = sideOf(toks[j]) ?? (left === 'val' && LOSS_WORDS.has(toks[j]) ? 'train' : undefined);
    if (!left || !right || left === right) return;
    const near = toks.slice(Math.max(0, i - 5), i + 5);
    const before = toks.slice(Math.max(0, i - 3), i);
    const slight = before.some((w) =>
      ['slightly', 'bit', 'little', 'marginally', 'hair', 'tad', 'touch', 'smidge', 'somewhat', 'tiny'].includes(w),
    );
    const much =
      before.some((w) =>
        ['much', 'far', 'way', 'lot', 'significantly', 'hugely', 'massively', 'always', 'constantly'].includes(w),
      ) || ['x', 'times', 'twice', 'double', 'triple', 'thrice', 'half'].includes(t);
    if (kind === 'close') return add('both_fall_close', 0.8);
    if (kind === 'noisier') return add(left === 'val' ? 'val_fluctuates' : 'fluctuates', 1);
    if (slight) return add('both_fall_close', 0.8);
    const accLike = near.some((w) => ACC_WORDS.has(w)) && !near.some((w) => LOSS_WORDS.has(w));
    // "left <kind> right": is the left curve the better one?
    const leftBetter = kind === 'better' ? true : kind === 'worse' ? false : (kind === 'lower') !== accLike;
    const valBetter = (left === 'val') === leftBetter;
    add(valBetter ? 'val_better' : 'train_better', much || valBetter ? 1 : 0.8);
  });
}

/** "train 0.01 val 0.9", "training acc 99% but val acc 70%": the two numbers compared */
export function numericPairs(toks: string[], add: (c: Concept, s: number) => void): void {
  const seen: Partial<Record<`${Side}:${Metric}`, Num>> = {};
  const unsided: Partial<Record<Metric, Num>> = {};
  let lastMetric: Metric | undefined;
  let sidesAfter: boolean | undefined;
  const paired = respectively(toks, seen);
  // the curve of the run of values the previous number belongs to ("val_loss: 0.52 0.61 0.49"): a value
  // right after another carries on its run, so the run's LAST value is the one compared
  let run: { side?: Side; metric: Metric; bare: boolean; decimals: number } | undefined;
  toks.forEach((t, i) => {
    const n = parseNum(t);
    const carried = run && parseNum(toks[i - 1] ?? '') ? run : undefined;
    run = undefined;
    if (
      !n ||
      paired.has(i) ||
      // ("started at 2.3": where the run began, not a value the curves compare at)
      START_WORDS.has(toks[i - 1] ?? '') ||
      START_WORDS.has(toks[i - 2] ?? '') ||
      NOT_A_VALUE_BEFORE.has(toks[i - 1] ?? '') ||
      (n.decimals === 0 && !n.pct && NOT_A_VALUE_AFTER.has(toks[i + 1] ?? ''))
    )
      return;
    // ("3 classes", "epoch 3", a value where a run began: no part of a run of values, checked above)
    if (carried && !paired.has(i) && (n.decimals > 0 || n.pct) === carried.decimals > 0) {
      run = carried;
      if (carried.side) seen[`${carried.side}:${carried.metric}`] = n;
      else if (carried.bare) unsided[carried.metric] = n;
      return;
    }
    let side: Side | undefined;
    let metric: Metric | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
      if (parseNum(toks[j])) break;
      side ??= sideOf(toks[j]);
      metric ??= LOSS_WORDS.has(toks[j]) ? 'loss' : ACC_WORDS.has(toks[j]) ? 'acc' : undefined;
    }
    // (a metric named right before this number, not one carried over a list: "val_loss was 0.21, 0.19, 0.18")
    const named = metric !== undefined;
    // "98% on train, 65% on test": a curve named right after the number wins, unless the question
    // names the curve before its first number ("acc on train 0.99 on val 0.71")
    // ("mae 4.1 train, 9.8 val": a bare curve word right after each of two values)
    const after = ['on', 'for', 'in', 'of'].includes(toks[i + 1] ?? '')
      ? (sideOf(toks[i + 2] ?? '') ?? sideOf(toks[i + 3] ?? ''))
      : (parseNum(toks[i + 2] ?? '') && sideOf(toks[i + 3] ?? '')) ||
          (sideOf(toks[i - 1] ?? '') && parseNum(toks[i - 2] ?? ''))
        ? sideOf(toks[i + 1] ?? '')
        : undefined;
    sidesAfter ??= side ? false : after ? true : undefined;
    if (after && sidesAfter !== false) side = after;
    // "acc on train 0.99, on val 0.71": a number with no metric named has the last one named
    metric ??= n.pct ? 'acc' : (lastMetric ?? 'loss');
    lastMetric = metric;
    if (!side) {
      // "val_loss is 0.9 and loss is 0.1", "acc 0.99 val_acc 0.74": a bare metric next to the same metric
      // named for validation is the training one (Keras' history keys)
      const words = metric === 'loss' ? LOSS_WORDS : ACC_WORDS;
      const bare = named && toks.slice(Math.max(0, i - 3), i).some((w) => words.has(w));
      if (bare) unsided[metric] ??= n;
      run = { metric, bare, decimals: n.decimals || (n.pct ? 1 : 0) };
      return;
    }
    run = { side, metric, bare: false, decimals: n.decimals || (n.pct ? 1 : 0) };
    // the last value said is the end of the run ("epoch 1 loss 0.05 ..., epoch 50 loss 0.01")
    seen[`${side}:${metric}`] = n;
  });
  for (const m of ['loss', 'acc'] as Metric[]) {
    const bare = unsided[m];
    if (bare && seen[`val:${m}`] && !seen[`train:${m}`] && bare !== seen[`val:${m}`]) seen[`train:${m}`] = bare;
  }
  for (const m of ['loss', 'acc'] as Metric[]) {
    const tr = seen[`train:${m}`];
    const va = seen[`val:${m}`];
    if (!tr || !va) continue;
    const [t, v] = m === 'acc' && (tr.v > 1 || va.v > 1) ? [tr.v / 100, va.v / 100] : [tr.v, va.v];
    if (m === 'loss') {
      if (v < t * 0.9) add('val_better', 1);
      else if (v > t * 1.5 && v - t > 0.02) add('train_better', v > t * 3 ? 1 : 0.8);
      else if (Math.abs(v - t) <= 0.2 * Math.max(t, v)) add('both_fall_close', 1);
    } else {
      if (v > t + 0.01) add('val_better', 1);
      else if (t - v >= 0.08) add('train_better', t - v >= 0.15 ? 1 : 0.8);
      else add('both_fall_close', 0.6);
    }
  }
}

/**
 * "loss and val_loss 0.05 and 0.06", "train/val acc 0.99 0.71": two curves named, then two numbers
 * in the same order. Fills `seen` and returns the positions of the numbers it read.
 */
function respectively(toks: string[], seen: Partial<Record<`${Side}:${Metric}`, Num>>): Set<number> {
  const used = new Set<number>();
  toks.forEach((t, i) => {
    const a = parseNum(t);
    if (!a || used.has(i)) return;
    const k = toks[i + 1] === 'and' || toks[i + 1] === 'vs' || toks[i + 1] === 'versus' ? i + 2 : i + 1;
    const b = parseNum(toks[k] ?? '');
    if (!b) return;
    const sides: Side[] = [];
    let metric: Metric | undefined;
    for (let j = Math.max(0, i - 6); j < i; j++) {
      if (parseNum(toks[j])) sides.length = 0;
      const side = sideOf(toks[j]);
      if (side) sides.push(side);
      else if (LOSS_WORDS.has(toks[j]) && !sideOf(toks[j - 1] ?? '')) sides.push('train');
      metric ??= LOSS_WORDS.has(toks[j]) ? 'loss' : ACC_WORDS.has(toks[j]) ? 'acc' : undefined;
    }
    // a curve named twice in a row ("val loss", "train loss") counts once
    const order = sides.filter((x, n) => n === 0 || x !== sides[n - 1]);
    if (order.length !== 2 || order[0] === order[1]) return;
    const m = metric ?? (a.pct ? 'acc' : 'loss');
    seen[`${order[0]}:${m}`] = a;
    seen[`${order[1]}:${m}`] = b;
    used.add(i).add(k);
  });
  return used;
}
