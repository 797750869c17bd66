/**
 * The printed-log reader, one line at a time: the line's epoch marker ("Epoch 3/25", "epoch=3",
 * "[3/25]"), whether it is a batch line, a progress bar or chatter, and its metric name/value pairs.
 * readLine walks the tokens once; each token kind has its own step (onWord, onPunct, onNumber); the value shapes
 * beyond "name: v" are read in print-values.ts.
 */
import { canonicalName, isMetricName } from '../names.js';
import { isInt, isP, tokenize, type Tok } from './print-tokens.js';
import {
  bracketedEpoch,
  closedEnd,
  lineMarker,
  repeatedMarker,
  type Marker,
  type MarkerOptions,
} from './print-markers.js';
import { CHATTER, METRIC_WORD, nameOf, splitOf, STEP_WORD, type SplitWord } from './print-words.js';
import { pairCells } from './pair-cells.js';
import {
  averageAt,
  BEST_HEAD,
  clockEnd,
  countInName,
  onSlashedPair,
  runningAverages,
  slashedSplits,
  UNIT_WORD,
  type Scan,
} from './print-values.js';

export interface LineRead {
  marker?: Marker;
  /** a batch/step line: a point inside the epoch, not the epoch's summary */
  step: boolean;
  /** the number after a Step/Iter/Batch word at the head of the values ("step: 200 | loss: 0.41") */
  counter?: number;
  /** the batch line's values are running averages over its epoch so far: the epoch's last one is its mean */
  running?: boolean;
  /** a finished progress bar: its postfix values are the epoch's when nothing better is printed */
  bar: boolean;
  chatter: boolean;
  pairs: [string, number][];
  /** a split word seen on the line (for a header line such as "Validation:") */
  split?: SplitWord;
}

const WRAPPER = /^(?:tensor|array|float(?:16|32|64)?|np\.float(?:16|32|64)|numpy\.float(?:16|32|64)|Decimal)$/;
const GLOBAL_STEP = /^(?:global_)?step$/i;
const ESTIMATOR_EVAL = /\bSaving dict for global step (\d{1,12}):/;
/** TensorFlow's Estimator after training: "Loss for final step: 0.51", the last step's loss, whose step only the
 * checkpoint line above it says ("Saving checkpoints for 1000 into ..."). Not a value of the last step logged. */
const ESTIMATOR_FINAL = /^\s*Loss for final step:/;

/** How lines are read: which counters mark epochs, and the split a "Validation:" header above set. */
export interface LineOptions extends MarkerOptions {
  blockSplit?: SplitWord;
  /** the line sits in an epoch's block (under "Epoch: 3" alone on its line): "Training: 4.52" there is that split's loss */
  inEpoch?: boolean;
  /** the line sits under an epoch line ("Epoch 3" above it): a bare count at its head ("1000: cost = 0.05") is
   * its batch or sample counter, not an epoch */
  inBlock?: boolean;
  /** the epoch of a banner right above the line ("==== validate epoch 1 ===="): a line of that epoch, or one
   * that counts it from 0 ("Epoch 0 | loss = 0.037"), takes the banner's split */
  bannerEpoch?: number;
}

/** Read one (prefix-stripped) line. */
export function readLine(written: string, opts: LineOptions): LineRead {
  const line = pairCells(written);
  const toks = tokenize(line);
  const res: LineRead = { step: false, bar: false, chatter: false, pairs: [] };
  if (ESTIMATOR_FINAL.test(line)) return { ...res, chatter: true };
  const marker = lineMarker(toks, opts, res);
  res.marker = marker;
  // a line with its own epoch marker stands alone, unless a banner is right above it (of its count, or of a
  // count one higher: "==== validate epoch 1 ====" over "Epoch 0 | loss = 0.037"); other lines inherit a
  // "Validation:" header above them
  // (a training banner changes nothing: training is what an unnamed loss is read as anyway)
  const banner =
    marker !== undefined &&
    opts.bannerEpoch !== undefined &&
    marker.epoch <= opts.bannerEpoch &&
    !marker.split &&
    opts.blockSplit !== 'train';
  const sc: Scan = {
    toks,
    res,
    carry: marker && !banner ? marker.split : (marker?.split ?? opts.blockSplit),
    carriers: undefined,
    part: undefined,
    group: [],
    lastGroup: undefined,
    assign: false,
    sawPair: false,
    lastWasWord: false,
    implied: [],
    head: undefined,
    inEpoch: !!opts.inEpoch,
    averages: runningAverages(toks),
    best: undefined,
    linked: undefined,
  };
  // "1000: cost = 0.050017" under "Epoch 0": a batch line counted by the number at its head
  let first = 0;
  if (!marker && opts.inBlock && isInt(toks[0]) && isP(toks[1], ':')) {
    res.step = true;
    res.counter = +toks[0].s;
    first = 2;
  }
  // TensorFlow's Estimator: "Saving dict for global step 1001: accuracy = 0.83, ..., loss = 0.44" is the evaluation
  // at that step (no checkpoint line: those say "Saving checkpoints for 1001 into ...")
  const evalAt = marker ? undefined : ESTIMATOR_EVAL.exec(line);
  const j = evalAt ? toks.findIndex((t, k) => isInt(t) && t.s === evalAt[1] && isP(toks[k + 1], ':')) : -1;
  if (j > 0) {
    [res.step, res.counter, sc.carry, first] = [true, +evalAt![1], 'val', j + 2];
  }
  for (let i = first; i < toks.length; i++) {
    const at = marker && (i === marker.start ? marker : repeatedMarker(toks, i, marker));
    if (at) {
      i = afterMarker(sc, at);
      continue;
    }
    const k = toks[i].k;
    // each step returns the index of the last token it consumed
    i = k === 'w' ? onWord(sc, i) : k === 'p' ? onPunct(sc, i) : onNumber(sc, i);
  }
  impliedLosses(sc);
  if (sc.part !== undefined) res.counter ??= sc.part;
  if (res.bar) {
    // a progress bar: finished when it says 100% or its counter is N/N
    res.step = !/(?:^|[^\d.])100%\|/.test(line) && !finishedCounter(toks);
  }
  return res;
}

/** Skip an epoch marker; returns the index of its last token. "Train accuracy for epoch 1: 0.82", "Validation Loss
 * (Epoch 0): 4.09": the value after the epoch is the name's before it. */
function afterMarker(sc: Scan, m: Marker & { other?: boolean }): number {
  const { toks } = sc;
  const before = namedBefore(sc.group) ?? sc.linked;
  let i = closedEnd(toks, m) - 1;
  sc.group = [];
  sc.assign = false;
  sc.lastWasWord = false;
  // another epoch's value is left out, with its name (never its count read as the value)
  if (m.other) return i + 2;
  if (before && isP(toks[i + 1], ':=') && toks[i + 2]?.k === 'n') {
    sc.group = before;
    sc.assign = true;
    i++;
  }
  return i;
}

function onWord(sc: Scan, i: number): number {
  const { toks, res } = sc;
  const t = toks[i];
  // "best: n/a, val_loss 0.85", "best=epoch1 val_loss=0.85": a word after best's colon, no best value
  if (sc.best === 'next') sc.best = undefined;
  // "loss: tensor(0.5123, device='cuda:0')", "acc: np.float64(0.8)": the wrapper is not a name. Printed without the
  // colon ("print('loss', loss)": "loss tensor(0.5123, grad_fn=<NllLossBackward0>)") it assigns its number to a
  // metric's name, glued to its bracket as a tensor prints ("precision float (32 bit)" is no value)
  if (sc.group.length > 0 && isP(toks[i + 1], '(') && WRAPPER.test(t.s)) {
    const metric = METRIC_WORD.test(sc.group[sc.group.length - 1].toLowerCase());
    if (!sc.assign && sc.lastWasWord && metric && !toks[i + 1].sp && toks[i + 2]?.k === 'n') sc.assign = true;
    if (sc.assign) return i + 1;
  }
  if (!sc.sawPair && CHATTER.test(t.s) && !settingName(toks, i)) {
    // a checkpoint word after an epoch's values ("Epoch 3 | train 2.48 | val 2.60 (saved)") marks the line and
    // ends it (what follows is the checkpoint's: "best epoch 7", "counter: 1 out of 5"); before them, or on a
    // line whose epoch comes after it ("Final: train 0.41, best epoch 7"), it is a checkpoint line
    if (sc.implied.length > 0 && res.marker && res.marker.start < i) return toks.length - 1;
    res.chatter = true;
  }
  // a batch counter addresses the line, so it comes before the values ("num_updates 3000" at the end is a value)
  if (!sc.sawPair && STEP_WORD.test(t.s) && (isInt(toks[i + 1]) || (isP(toks[i + 1], ':=#[') && isInt(toks[i + 2])))) {
    return onStepCounter(sc, i);
  }
  // the end of a numbered part of the training data on an epoch's line ("| end of split   3 /2751 |
  // epoch   1 |": Flair's language model trainer evaluates after each of an epoch's corpus splits): a counter inside
  // the epoch, not a run of its own; a step counter on the line stays its count (readLine). Not a part named without
  // its end ("CV split 2/3": a fold, its own run), nor on a line with no epoch
  if (!sc.sawPair && res.marker && partEnd(toks, i)) {
    const counted = sc.res.counter !== undefined;
    const end = onStepCounter(sc, i);
    if (!counted) [sc.part, sc.res.counter] = [sc.res.counter, undefined];
    return end;
  }
  // ... except a global step assigned after them on a line with no epoch ("loss = 0.52, step = 1001": TensorFlow's
  // Estimator): it addresses the line all the same
  if (sc.sawPair && !res.marker && GLOBAL_STEP.test(t.s) && isP(toks[i + 1], ':=') && isInt(toks[i + 2])) {
    res.step = true;
    res.counter ??= +toks[i + 2].s;
    sc.group = [];
    return i + 2;
  }
  const low = t.s.toLowerCase();
  // "1200.5 samples/sec accuracy=0.5", "12.3 s loss: 0.4": a unit after a number is not part of the next name
  if (toks[i - 1]?.k === 'n' && !sc.lastWasWord && UNIT_WORD.test(t.s)) return i;
  if ((low === 'is' || low === 'reached') && sc.group.length > 0) {
    sc.assign = true;
    sc.lastWasWord = false;
    return i;
  }
  const sw = splitOf(t.s);
  if (sw) {
    sc.carry = sw;
    res.split = sw;
  }
  if (!sc.lastWasWord) {
    sc.group = [];
    if (!sw) sc.head = undefined;
  }
  sc.group.push(t.s);
  sc.lastWasWord = true;
  return i;
}

/** The words up to a metric word when only linking words follow it ("Loss at", "Train accuracy for"): a name
 * whose value comes after the counter or epoch that follows; else undefined. */
function namedBefore(group: string[]): string[] | undefined {
  const named = group.findLastIndex((w) => METRIC_WORD.test(w.toLowerCase()));
  if (named < 0) return undefined;
  const linking = group.slice(named + 1).every((w) => /^(?:at|for|on|of|after|in|per|over)$/i.test(w));
  return linking ? group.slice(0, named + 1) : undefined;
}

/** Is token i inside a bracket opened earlier on the line ("[Best : Accuracy=97.83]")? */
function insideBracket(toks: Tok[], i: number): boolean {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    if (isP(toks[k], '])')) depth++;
    else if (isP(toks[k], '[(') && depth-- === 0) return true;
  }
  return false;
}

/** "Loss after num_examples_seen", "loss at iteration": a metric word, a linking word, then words naming no metric:
 * the metric's name (its value comes later on the line), else undefined. */
function linkedCount(group: string[]): string[] | undefined {
  const named = group.findIndex((w) => METRIC_WORD.test(w.toLowerCase()));
  const rest = named < 0 ? [] : group.slice(named + 2);
  if (rest.length === 0 || !/^(?:at|after)$/i.test(group[named + 1] ?? '')) return undefined;
  return rest.some((w) => METRIC_WORD.test(w.toLowerCase())) ? undefined : group.slice(0, named + 1);
}

/** "Load file: None", "resume=False": the word names a setting printed with its value, not an event. */
function settingName(toks: Tok[], i: number): boolean {
  let j = i + 1;
  while (j < i + 4 && toks[j]?.k === 'w') j++;
  return isP(toks[j], ':=') && toks[j + 1]?.k === 'w' && SETTING_VALUE.test(toks[j + 1].s);
}
const SETTING_VALUE = /^(?:None|True|False|null|none|true|false)$/;

/** How a value was pooled, in brackets after its name ("(total)", "(avg)"): the name's own value, not a component's. */
const POOLING_WORD = /^(?:avg|average|mean|running|total|overall|final)$/i;

/** A part of an epoch's training data ("split 3 /8", "shard 2/16", "chunk 5"). */
const PART_WORD = /^(?:split|shard|chunk)$/i;

/** "end of split 3 /8" at token i (the part's word): the end of a numbered part. */
function partEnd(toks: Tok[], i: number): boolean {
  const ended = /^end$/i.test(toks[i - 2]?.s ?? '') && /^of$/i.test(toks[i - 1]?.s ?? '');
  return ended && PART_WORD.test(toks[i].s) && isInt(toks[i + 1]);
}

/** "Step 200", "iter: 40/500": a batch line; the counter (and its /N) is skipped. */
function onStepCounter(sc: Scan, i: number): number {
  const { toks } = sc;
  sc.res.step = true;
  // the name before the counter: "Loss at step 3: 8.1" (the words before a preposition), else the last one
  // said; "Loss scale at step 10: 32768" names no metric ("scale" follows the metric word)
  const named = sc.group.findLastIndex((w) => METRIC_WORD.test(w.toLowerCase()));
  const before = named >= 0 ? namedBefore(sc.group) : sc.lastGroup;
  sc.group = [];
  sc.assign = false;
  sc.lastWasWord = false;
  // skip the step number (and its /N)
  i += isInt(toks[i + 1]) ? 1 : 2;
  sc.res.counter ??= +toks[i].s;
  if (isP(toks[i + 1], '/') && isInt(toks[i + 2])) i += 2;
  // "Training loss (for one batch) at step 200: 0.1234": the value after the counter is the name's before it
  if (isP(toks[i + 1], ':=') && toks[i + 2]?.k === 'n' && before) {
    sc.group = before;
    sc.assign = true;
    i++;
  }
  return i;
}

function onPunct(sc: Scan, i: number): number {
  const { toks, res } = sc;
  const t = toks[i];
  const afterWord = sc.lastWasWord;
  sc.lastWasWord = false;
  // "acc - 0.812": a spaced dash between a name and a number assigns
  if (t.s === '-' && afterWord && t.sp && toks[i + 1]?.k === 'n' && toks[i + 1].sp) {
    sc.assign = true;
    return i;
  }
  // "Loss - train: 0.69": a spaced dash before a split word starts a metric named before its splits
  if (t.s === '-' && afterWord && t.sp && toks[i + 1]?.sp && metricHead(sc, i)) {
    sc.head = sc.group;
    return i;
  }
  if (t.s === ':' || t.s === '=') {
    if (sc.group.length === 1 && BEST_HEAD.test(sc.group[0])) {
      // inside a bracket ("[Best : acc=0.91, loss=0.11]") every value up to its end; else the one number after it
      sc.best = insideBracket(toks, i) ? 'bracket' : 'next';
      sc.group = [];
      return i;
    }
    if (sc.group.length > 0) sc.assign = true;
    // "Loss: train 0.69 val 0.70": the name comes first, each split's value after its split word
    if (metricHead(sc, i)) sc.head = sc.group;
    return i;
  }
  // "LR: [0.001]": a one-element list is its value
  if (t.s === '[' && sc.assign && sc.group.length > 0 && toks[i + 1]?.k === 'n' && isP(toks[i + 2], ']')) return i;
  if (t.s === '/' && !sc.assign && toks[i - 1]?.k === 'n' && isInt(toks[i - 1]) && isInt(toks[i + 1])) {
    // a counter "i/N" (not a value) counts batches, finished or not (a progress bar decides below); "1000/100000
    // steps" on a line with no epoch is the line's step
    res.step = true;
    if (!res.marker && toks[i + 2]?.k === 'w' && STEP_WORD.test(toks[i + 2].s)) res.counter ??= +toks[i - 1].s;
    sc.group = [];
    return i + 1;
  }
  // one word in brackets right after a name
  const bracketed = t.s === '(' && afterWord && toks[i + 1]?.k === 'w' && isP(toks[i + 2], ')') ? toks[i + 1].s : '';
  // "loss (train/val) = 0.52 / 0.61": the splits in brackets join the name before them
  if (bracketed && slashedSplits([bracketed])) {
    sc.group = [...sc.group, bracketed];
    sc.lastWasWord = true;
    return i + 2;
  }
  // "Eval Acc (total): 0.88", "Loss (avg) = 0.41": a word that says how the value was pooled leaves the name as it
  // is (not a word that tells sibling values apart: "Loss (data)")
  if (bracketed && POOLING_WORD.test(bracketed)) {
    sc.lastWasWord = true;
    return i + 2;
  }
  // (the name before an epoch in brackets carries over it: afterMarker)
  if (afterWord && bracketedEpoch(toks, i)) return i;
  if (t.s === '|' || t.s === ';') sc.head = undefined;
  if (t.s === ']' || t.s === ')' || t.s === '|') sc.best = undefined;
  if (t.s === '|' && toks[i - 1]?.pct) res.bar = true;
  if (t.s === '█' || t.s === '━') res.bar = true;
  if (sc.group.length > 0 && METRIC_WORD.test(sc.group[sc.group.length - 1].toLowerCase())) sc.lastGroup = sc.group;
  sc.group = [];
  sc.assign = false;
  return i;
}

function onNumber(sc: Scan, i: number): number {
  const { toks } = sc;
  const t = toks[i];
  if (countInName(sc, i)) return i;
  // "Loss after num_examples_seen=0 epoch=0: 8.98": a count of what was seen after the metric's linking word; the
  // metric's value follows the epoch
  const linked = isInt(t) && sc.assign ? linkedCount(sc.group) : undefined;
  if (linked) sc.linked = linked;
  const clock = clockEnd(toks, i);
  if (clock !== undefined || sc.best || linked) {
    [sc.group, sc.assign, sc.lastWasWord] = [[], false, false];
    if (sc.best === 'next') sc.best = undefined;
    return clock ?? i;
  }
  const named = sc.group.length > 0 && (sc.assign || (sc.lastWasWord && t.sp));
  sc.lastWasWord = false;
  if (!named || t.unit) {
    sc.group = [];
    sc.assign = false;
    return i;
  }
  // "Train/Val Loss: 0.52/0.61": two splits named together, their values in the same order
  const slashed = slashedSplits(sc.group);
  if (slashed) return onSlashedPair(sc, i, slashed);
  let v = t.v as number;
  if (t.pct) v = v / 100;
  // "Accuracy: 9826/10000 (98%)": a ratio
  if (isP(toks[i + 1], '/') && isInt(toks[i + 2]) && isInt(t) && +toks[i + 2].s >= v && +toks[i + 2].s > 0) {
    v = v / +toks[i + 2].s;
    i += 2;
  }
  // "Loss 0.318 (0.790)" on a batch line: the batch's value, then the epoch's running average: the average is
  // read, and the epoch's last batch line holds the epoch's mean (runningAverages)
  const avg = sc.res.step && sc.averages ? averageAt(toks, i) : undefined;
  if (avg) [v, i, sc.res.running] = [avg.v as number, i + 3, true];
  const own = ownSplit(sc.group);
  const name =
    sc.head && sc.group.length === 1 && splitOf(sc.group[0])
      ? nameOf([sc.group[0], ...sc.head], undefined, true)
      : carried(sc, own);
  const implied = name === undefined ? impliedLoss(sc.group, t) : undefined;
  if (name !== undefined && own) (sc.carriers ??= new Set()).add(canonicalName(name).key);
  sc.group = [];
  sc.assign = false;
  if (implied) sc.implied.push([implied, v]);
  if (name === undefined) return i;
  sc.sawPair = true;
  sc.res.pairs.push([name, v]);
  return i;
}

/**
 * The name of the words before a value, in the split a split word earlier on the line carries ("Train loss: 0.41,
 * acc: 0.88" names train_acc); but not a name the line already gave with its own split word ("Val loss 0.95, Val acc
 * 0.63 | loss 0.80, acc 0.70": the second loss is the training one, not val_loss again), which ends the carry (its
 * acc is the training one too). Two models on one line ("baseline val NLL 0.56 acc 0.81 | vbll val NLL 0.56 acc
 * 0.80") or a split's head ("test Loss: 1.87 Top-1 Acc: 47.3 Top-5 Acc: 79.5") keep it.
 */
function carried(sc: Scan, own: boolean): string | undefined {
  const name = nameOf(sc.group, sc.carry, sc.assign);
  if (sc.carry === undefined || name === undefined || own) return name;
  if (!sc.carriers?.has(canonicalName(name).key)) return name;
  sc.carry = undefined;
  return nameOf(sc.group, undefined, sc.assign);
}

/** Do the words name their split themselves ("Val Loss")? */
function ownSplit(group: string[]): boolean {
  return group.some((w) => splitOf(w) !== undefined);
}

/** After "Loss:", does a split word and its number follow ("Loss: train 0.69", "Loss: train=0.69")? The name's last word must name a metric. */
function metricHead(sc: Scan, i: number): boolean {
  const { toks, group } = sc;
  if (group.length === 0 || !METRIC_WORD.test(group[group.length - 1].toLowerCase())) return false;
  const w = toks[i + 1];
  if (w?.k !== 'w' || splitOf(w.s) === undefined) return false;
  // "train 0.69", "train: 0.69", "train=0.69"
  const v = isP(toks[i + 2], ':=') ? toks[i + 3] : toks[i + 2];
  return v?.k === 'n';
}

/**
 * "step 250 | train 2.225 | val 2.279" (nanoGPT-style loops): a split word alone before a number written
 * with a decimal point names that split's loss. A whole number or a percentage after it is a count or a
 * rate ("train 60000 samples", "val 85%"), not a loss.
 */
function impliedLoss(group: string[], t: Tok): string | undefined {
  const split = group.length === 1 ? splitOf(group[0]) : undefined;
  if (!split || !/[.eE]/.test(t.s) || t.pct || t.unit) return undefined;
  return `${split}_loss`;
}

/**
 * The implied losses count only on a line that reads as a point of training (it has an epoch marker or a
 * step counter, or holds nothing else inside an epoch's block) and names no metric but a perplexity or a
 * learning rate: "Loss: train 0.69 val 0.70 | Acc: train 0.51 val 0.50" says which metric each value is,
 * "(train 12.5 val 3.2 sec)" after named losses is not one, and "val 0.88" beside "acc" may be an accuracy.
 * Each split once.
 */
function impliedLosses(sc: Scan): void {
  const { res, implied } = sc;
  // a line that is only a split word and its value ("Training: 4.52", "Validation = 4.36") under an epoch's line
  const alone = sc.inEpoch && implied.length === 1 && sc.toks.length <= 3;
  if (implied.length === 0 || (!res.marker && res.counter === undefined && !alone)) return;
  // a perplexity or a learning rate beside them names no other quantity the split's value could be
  // ("train: 0.53  val: 0.62  ppl: 1.86"), nor does a setting, assigned with `=` in brackets under a name no metric
  // has ("[TF=0.3] - Train: 4.79, Val: 5.10": a teacher-forcing ratio), nor early stopping's count ("(patience:
  // 1/10)", CHATTER's words); anything else may (`EM: 0.32`, `EM=0.32`)
  const settings = assignedWords(sc.toks);
  const setting = (n: string, last = n.slice(n.lastIndexOf('_') + 1)) =>
    !isMetricName(n) && (settings.has(last) || CHATTER.test(last));
  if (res.pairs.some(([n]) => !BESIDE_LOSSES.test(n) && !setting(n))) return;
  const named = (w: string) => METRIC_WORD.test(w) && !BESIDE_LOSSES.test(w);
  if (sc.toks.some((t) => t.k === 'w' && (named(t.s.toLowerCase()) || UNIT_WORD.test(t.s)))) return;
  const names = implied.map(([n]) => n);
  if (new Set(names).size !== names.length) return;
  res.pairs.push(...implied);
  sc.sawPair = true;
}

/** The words a line assigns a value to with `=` inside brackets (`[TF=0.3]`, `(dropout=0.3)`: a setting's way of
 * being printed), lower case. */
function assignedWords(toks: Tok[]): Set<string> {
  const out = new Set<string>();
  let depth = 0;
  for (let k = 0; k + 1 < toks.length; k++) {
    if (isP(toks[k], '[(')) depth++;
    else if (isP(toks[k], '])')) depth = Math.max(0, depth - 1);
    else if (depth > 0 && toks[k].k === 'w' && isP(toks[k + 1], '=')) out.add(toks[k].s.toLowerCase());
  }
  return out;
}

/** Metrics printed beside split losses that are not themselves what a split word alone could name. */
const BESIDE_LOSSES = /^(?:(?:train|val|test)_)?(?:ppl|perplexity|lr|learning_rate)$/;

function finishedCounter(toks: Tok[]): boolean {
  for (let i = 1; i + 1 < toks.length; i++) {
    if (isP(toks[i], '/') && isInt(toks[i - 1]) && isInt(toks[i + 1])) return toks[i - 1].s === toks[i + 1].s;
  }
  return false;
}
