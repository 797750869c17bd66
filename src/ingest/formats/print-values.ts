/**
 * The shapes a value takes on a printed line beyond "name: v": a count inside the name ("on the 10000 test
 * images"), two splits named at once ("Train/Val Loss: 0.52/0.61"), a batch's value beside its running average
 * ("Loss 0.318 (0.790)"). Also the scan's state, which print-line.ts walks and these steps read and move.
 */
import { isInt, isP, RATE_PER, type Tok } from './print-tokens.js';
import { nameOf, splitOf, type SplitWord } from './print-words.js';
import type { LineRead } from './print-line.js';

/** A unit after a number: a time, a rate, a size ("12.5 s", "7.45 it/s", "3.1 GB"). */
export const UNIT_WORD = new RegExp(
  `^(?:s|sec|secs|seconds?|ms|min|mins|minutes?|h|hrs?|hours?|it|its|[a-z]{1,12}\\/(?:${RATE_PER})|GB|MB|KB|GiB|MiB)$`,
  'i',
);

/** The scan's state while it walks one line's tokens. */
export interface Scan {
  toks: Tok[];
  res: LineRead;
  /** the split the next names get ("val Loss: 0.30 Acc: 0.88") */
  carry: SplitWord | undefined;
  /** the keys of the values whose own words named their split ("val_loss" after "Val Loss: 2.00"); made on first use,
   * since most lines name none */
  carriers: Set<string> | undefined;
  /** the number of the part of the data the line ends ("end of split 3 /8"): its step count when it has no other */
  part: number | undefined;
  /** the words since the last value or punctuation: a metric name in the making */
  group: string[];
  /** the last group of words that named a metric ("Training loss" in "Training loss (for one batch) at step 2: 0.7") */
  lastGroup: string[] | undefined;
  /** a ':', '=', 'is' or spaced '-' said the next number is the group's value */
  assign: boolean;
  sawPair: boolean;
  lastWasWord: boolean;
  /** values after a split word alone ("train 2.225"): a loss only if the line names no metric (impliedLosses) */
  implied: [string, number][];
  /** a metric named before its splits ("Loss: train 0.69 val 0.70"): each split word alone names that split's metric */
  head: string[] | undefined;
  inEpoch: boolean;
  /** the line prints running averages in brackets after the values (runningAverages) */
  averages: boolean;
  /** the best so far, not this epoch's (left out): every value up to the bracket's end ("[Best : acc=0.91,
   * loss=0.11]"), or the next number alone ("best: 0.91, val_loss 0.85") */
  best: 'bracket' | 'next' | undefined;
  /** "Loss after num_examples_seen=0 epoch=0: 8.98": the metric named before a count, whose value follows the epoch */
  linked: string[] | undefined;
}

/** A word naming the values after it, up to a closing bracket, as the best so far. */
export const BEST_HEAD = /^best$/i;

/**
 * "[Need: 00:12:17]", "ETA 1:02:03", "time 12:05": a clock (a whole number, then ':' and two digits, glued, once or
 * twice) is a duration or a time of day, no value: the index of its last token, or undefined when none starts at i.
 */
export function clockEnd(toks: Tok[], i: number): number | undefined {
  let j = i;
  while (j - i < 4 && isP(toks[j + 1], ':') && !toks[j + 1].sp && /^\d{2}(?:\.\d+)?$/.test(toks[j + 2]?.s ?? '')) {
    if (toks[j + 2].k !== 'n' || toks[j + 2].sp) break;
    j += 2;
  }
  return j > i && isInt(toks[i]) ? j : undefined;
}

/** Words that put a count inside a metric's name ("on the 10000 test images", "over 500 val batches"). */
const COUNT_BEFORE = new Set(['on', 'the', 'of', 'over', 'for', 'in', 'across', 'from', 'with', 'all']);

/**
 * "Accuracy of the network on the 10000 test images: 54 %": a whole number after "on the" (COUNT_BEFORE) and
 * before the words that lead to the name's ':' or '=' and its value counts what was measured; it is part of the
 * name, not the value (the value read was 10000, the name "accuracy_network", the test split lost).
 */
export function countInName(sc: Scan, i: number): boolean {
  const { toks } = sc;
  const t = toks[i];
  const before = toks[i - 1];
  if (sc.assign || !isInt(t) || t.unit || t.pct || before?.k !== 'w' || !COUNT_BEFORE.has(before.s.toLowerCase()))
    return false;
  let j = i + 1;
  while (toks[j]?.k === 'w') j++;
  if (j === i + 1 || !isP(toks[j], ':=') || toks[j + 1]?.k !== 'n') return false;
  sc.lastWasWord = true;
  return true;
}

/** "train/val" (also "Train/Val", "trn/test", "train/val_loss" as one word): two splits named at once. */
const SLASHED = /^([a-z]+)\/([a-z]+)(?:_([a-z][\w@]*))?$/i;

interface Slashed {
  splits: [SplitWord, SplitWord];
  /** the group without the slashed word (plus a name glued to it: "train/val_loss" -> "loss") */
  rest: string[];
}

export function slashedSplits(group: string[]): Slashed | undefined {
  for (let k = 0; k < group.length; k++) {
    const m = SLASHED.exec(group[k]);
    const a = m && splitOf(m[1]);
    const b = m && splitOf(m[2]);
    if (!m || !a || !b || a === b) continue;
    const rest = [...group.slice(0, k), ...(m[3] ? [m[3]] : []), ...group.slice(k + 1)];
    return { splits: [a, b], rest };
  }
  return undefined;
}

/**
 * The two values after a slashed split name: "0.52/0.61", "0.52 / 0.61", "0.52, 0.61" or "0.52 0.61", each
 * the split's metric in the order the splits were named. One value alone cannot be told apart: nothing is read.
 */
export function onSlashedPair(sc: Scan, i: number, slashed: Slashed): number {
  const { toks } = sc;
  sc.group = [];
  sc.assign = false;
  const j = isP(toks[i + 1], '/,') ? i + 2 : i + 1;
  const second = toks[j];
  if (second?.k !== 'n' || second.unit || (j === i + 1 && !second.sp)) return i;
  // "0.91 12.5 s", "0.91 7.45 it/s", "0.91 45%": a time, a rate or a share after the one value, not a second split
  const unitAfter = toks[j + 1]?.k === 'w' && toks[j + 1].sp !== false && UNIT_WORD.test(toks[j + 1].s);
  if (unitAfter || !!second.pct !== !!toks[i].pct) return i;
  const value = (t: Tok) => (t.pct ? (t.v as number) / 100 : (t.v as number));
  const names = slashed.splits.map((sp) => nameOf([sp, ...slashed.rest], undefined, true));
  if (names[0] === undefined || names[1] === undefined) return j;
  sc.res.pairs.push([names[0], value(toks[i])], [names[1], value(second)]);
  sc.sawPair = true;
  return j;
}

/** How many "v (avg)" pairs make a line's brackets running averages (runningAverages). */
const AVERAGED_VALUES_MIN = 2;

/**
 * "Time 0.41 (0.42)  Data 0.01 (0.02)  Loss 0.318 (0.790)  Acc@1 81.2 (79.5)" on a batch line: each value is
 * followed by its running average over the epoch so far (AverageMeter in PyTorch's ImageNet example and timm,
 * MetricLogger in torchvision's references). Those loggers bracket every meter on the line, so it takes two such
 * pairs; a lone bracket is something else ("loss 0.83 (+0.00)" a change, "reward 15.0 (29.0)" a spread), and a
 * signed or percent number in brackets is never an average.
 */
export function runningAverages(toks: Tok[]): boolean {
  let pairs = 0;
  for (let i = 0; i + 3 < toks.length && pairs < AVERAGED_VALUES_MIN; i++)
    if (toks[i].k === 'n' && averageAt(toks, i) !== undefined) pairs++;
  return pairs >= AVERAGED_VALUES_MIN;
}

/** The running average right after the number at i ("0.318 (0.790)"), if there is one. */
export function averageAt(toks: Tok[], i: number): Tok | undefined {
  const avg = toks[i + 2];
  if (toks[i].pct || !isP(toks[i + 1], '(') || !isP(toks[i + 3], ')') || avg?.k !== 'n') return undefined;
  return avg.pct || /^[+-]/.test(avg.s) ? undefined : avg;
}
