/**
 * The epoch markers of a printed line ("Epoch 3/25", "epoch=3", "Iteration 5000", "[3/25]", "Train: 3 [100/1251]"):
 * where the line says which epoch (or step) it belongs to. Read by print-line.ts.
 */
import { isInt, isP, type Tok } from './print-tokens.js';
import { METRIC_WORD, splitOf, type SplitWord } from './print-words.js';

/** Which counters mark epochs on a printed log's lines. */
export interface MarkerOptions {
  /** "Iteration N" counts epochs (no line says epoch) */
  iterations: boolean;
  /** "[3/25]" at the head of a line is an epoch (no line says epoch) */
  bracketEpochs: boolean;
  /** "Episode N" at the head of a line counts the points (an RL loop; no line says epoch) */
  episodes?: boolean;
  /** "Train 12, loss: ..." at the head of a line is epoch 12 (no line says epoch, and the counts go up by one:
   * countsEpochs) */
  splitHeads?: boolean;
}

/** What a marker says of its line beyond the epoch: a batch line, with its counter. */
interface MarkedLine {
  step: boolean;
  counter?: number;
}

/** The epoch's word in Spanish, Portuguese and Italian (`época`, `epoca`), French (`époque`), German (`Epoche`) and
 * Polish (`epoka`), as a regular expression's alternatives (any case): the tokenizer keeps an accented word whole
 * (print-tokens.ts). */
export const FOREIGN_EPOCH = '[eé]poca|[eé]poque|epoche|epoka';
export const EPOCH_RE = new RegExp(`^(?:epoch|ep|${FOREIGN_EPOCH})$`, 'i');
const GLUED_EPOCH = /^(?:epoch|ep)(\d{1,7})$/i;
const ITER_RE = /^iter(?:ation)?$/i;
/** "Epochs: 1 | Train Loss: 0.260 | ..." (a widely copied BERT fine-tuning loop prints the plural): a marker only at
 * the head of a line that goes on to a metric, since the plural is mostly a setting ("epochs=50", "Max epochs: 30") */
const EPOCHS_RE = /^epochs$/i;
/** a metric word that names a setting ("loss_weight: 1.0", "lr: 0.001") */
const SETTING_WORD = /^(?:lr|learning_rate)$|weight|coef|factor|scale|function|type|metric/i;
/** a word that makes the metric after it a setting's goal ("Target accuracy: 0.95", "min loss: 0.01") */
const GOAL_WORD = /^(?:target|threshold|goal|desired|expected|min|max|minimum|maximum)$/i;
const EPISODE_RE = /^episode$/i;

export interface Marker {
  epoch: number;
  total?: number;
  /** token index where the marker starts and ends (exclusive) */
  start: number;
  end: number;
  /** "Epoch(val) [3]" (mmdetection) */
  split?: SplitWord;
  /** the counter is an iteration ("Iteration 5000, loss = 0.03": Caffe, Darknet): it counts steps, not epochs */
  iteration?: boolean;
}

/** "Epoch" / "epoch" followed by an integer: Epoch 3, Epoch: 3, epoch=3, Epoch #3, Epoch [004/50], Epoch<1/200>, Epoch(val) [3], Epoch 3 of 25 */
export function markerAt(toks: Tok[], i: number, word: RegExp): Marker | undefined {
  const t = toks[i];
  if (t.k !== 'w') return undefined;
  // "EP12,", "Epoch3/20": the counter glued to the word
  const glued = word === EPOCH_RE ? GLUED_EPOCH.exec(t.s) : null;
  if (glued) {
    const next = toks[i + 1];
    // "Epoch1.5" is a fraction of an epoch, "Ep3:30" a time: not a marker (as for "Epoch 3.5" below)
    if (next && !next.sp && isP(next, '.:') && toks[i + 2]?.k === 'n' && !toks[i + 2].sp) return undefined;
    const slash = isP(next, '/') && isInt(toks[i + 2]) && !next.sp;
    return { epoch: +glued[1], total: slash ? +toks[i + 2].s : undefined, start: i, end: slash ? i + 3 : i + 1 };
  }
  if (!word.test(t.s)) return undefined;
  let j = i + 1;
  let split: SplitWord | undefined;
  if (isP(toks[j], '(') && toks[j + 1]?.k === 'w' && isP(toks[j + 2], ')')) {
    split = splitOf(toks[j + 1].s);
    if (toks[j + 1].s.toLowerCase() !== 'train' && !split) return undefined;
    j += 3;
  }
  // "Epoch<3/200>": a counter in angle brackets glued to the word (not a comparison: "epoch < 3", "epoch<=2")
  const angled = isP(toks[j], '<') && !toks[j].sp && isInt(toks[j + 1]) && !toks[j + 1].sp;
  let open = 0;
  if (angled) j++;
  else
    for (let k = 0; k < 2 && isP(toks[j], ':#=[(-'); k++) {
      if (isP(toks[j], '[(')) open++;
      j++;
    }
  if (!isInt(toks[j])) return undefined;
  const epoch = Math.trunc(+toks[j].s);
  j++;
  let total: number | undefined;
  if (isP(toks[j], '/') && isInt(toks[j + 1])) {
    total = Math.trunc(+toks[j + 1].s);
    j += 2;
  } else if (toks[j]?.k === 'w' && toks[j].s.toLowerCase() === 'of' && isInt(toks[j + 1])) {
    total = +toks[j + 1].s;
    j += 2;
  }
  // "Epoch 3.5" is a fraction of an epoch, "Epoch 3:45" a time: not a marker
  if (!total && isP(toks[j], '.') && toks[j + 1]?.k === 'n') return undefined;
  // the angle bracket must close ("epoch<3 then" compares); j moves past it only when angled
  if (angled && !isP(toks[j++], '>')) return undefined;
  for (; open > 0 && isP(toks[j], '])'); open--) j++;
  return { epoch, total, start: i, end: j, split };
}

/** "Iteration 5000" / "Iter 200:" at the head of a line: a step counter, marked so */
function iterationAt(toks: Tok[], i: number): Marker | undefined {
  const m = markerAt(toks, i, ITER_RE);
  return m && { ...m, iteration: true };
}

/** "[3/25]", "[1,  2000]" or "[ 1000 eps]" at the head of a line, or a bare "3/25 |" before the values (used only
 * when no line says "epoch") */
function bracketMarker(toks: Tok[]): (Marker & { step: boolean }) | undefined {
  // "3/25 | accuracy: 0.98": the count of a total, then a separator (a "3/25." heading or a fraction is none)
  if (isInt(toks[0]) && isP(toks[1], '/') && isInt(toks[2]) && isP(toks[3], '|-:') && +toks[0].s <= +toks[2].s)
    return { epoch: +toks[0].s, total: +toks[2].s, start: 0, end: 3, step: false };
  if (!isP(toks[0], '[') || !isInt(toks[1])) return undefined;
  if (isP(toks[2], '/') && isInt(toks[3]) && isP(toks[4], ']'))
    return { epoch: +toks[1].s, total: +toks[3].s, start: 0, end: 5, step: false };
  if (isP(toks[2], ',') && isInt(toks[3]) && isP(toks[4], ']'))
    return { epoch: +toks[1].s, start: 0, end: 5, step: true };
  // "[ 1000 eps] reward=-0.76": an agent's evaluation after that many episodes
  if (toks[2]?.k === 'w' && /^(?:eps|episodes)$/i.test(toks[2].s) && isP(toks[3], ']'))
    return { epoch: +toks[1].s, start: 0, end: 4, step: false };
  return undefined;
}

/** "Train: 3 [ 100/1251 (  8%)]  Loss: 3.50 (3.60)" (timm): the epoch after the split word, then its batch counter
 * and share */
function trainCounter(toks: Tok[]): Marker | undefined {
  const [w, colon, n, open, b, slash, total, paren, pct] = toks;
  if (w?.k !== 'w' || splitOf(w.s) !== 'train' || !isP(colon, ':') || !isInt(n) || !isP(open, '[')) return undefined;
  // (the batch's share in percent says the bracket counts batches: "Train: 1500 [3/20]" counts an epoch in it)
  const batches = isInt(b) && isP(slash, '/') && isInt(total) && isP(paren, '(') && !!pct?.pct;
  return batches ? { epoch: +n.s, start: 0, end: 3 } : undefined;
}

/** "val loss for epoch 3: 0.61" after "Train loss for epoch 3: 0.52" on one line: the line's epoch said again (the
 * same count). Another count before a value ("Epoch 1/10: ... val loss for epoch 0: 2.2", "best loss (epoch 7):
 * 0.4") is a marker too, whose value is no point of this line (`other`); one before no value ("best epoch 7") is
 * none. */
export function repeatedMarker(toks: Tok[], i: number, marker: Marker): (Marker & { other?: boolean }) | undefined {
  if (i < marker.end) return undefined;
  const m = markerAt(toks, i, EPOCH_RE);
  if (!m || m.epoch === marker.epoch) return m;
  const end = closedEnd(toks, m);
  return isP(toks[end], ':=') && toks[end + 1]?.k === 'n' ? { ...m, other: true } : undefined;
}

/** Where a marker ends, past the bracket that closes it when one opened right before it ("Loss (Epoch 0): 4.09"). */
export function closedEnd(toks: Tok[], m: Marker): number {
  return isP(toks[m.start - 1], '(') && isP(toks[m.end], ')') ? m.end + 1 : m.end;
}

/** "Validation Loss (Epoch 0): 4.09": an epoch marker alone in the brackets opened at i */
export function bracketedEpoch(toks: Tok[], i: number): boolean {
  const m = isP(toks[i], '(') && toks[i + 1] ? markerAt(toks, i + 1, EPOCH_RE) : undefined;
  return !!m && isP(toks[m.end], ')');
}

/** The epoch marker: the first one on the line (a bracket "[1, 2000]" marks a batch line), but not one that says
 * when a best was (bestsEpoch). */
export function lineMarker(toks: Tok[], opts: MarkerOptions, res: MarkedLine): Marker | undefined {
  let marker: Marker | undefined;
  // the bracket depth at the word best ("(best 0.61) at epoch 5": its bracket closed, the epoch is the line's)
  let bestDepth = -1;
  let depth = 0;
  for (let i = 0; i < toks.length && !marker; i++) {
    const t = toks[i];
    if (isP(t, '([')) depth++;
    // (an unmatched closing bracket leaves the depth at 0: -1 says no best was seen)
    else if (isP(t, ')]') && (depth = Math.max(0, depth - 1)) < bestDepth) bestDepth = -1;
    if (t.k === 'w' && BEST_WORD.test(t.s) && bestDepth < 0) bestDepth = depth;
    const afterBest = bestDepth >= 0;
    const m = markerAt(toks, i, EPOCH_RE);
    marker =
      (m && !(afterBest && bestsEpoch(toks, m)) ? m : undefined) ??
      (opts.iterations && i <= 1 ? iterationAt(toks, i) : undefined) ??
      (opts.episodes && i <= 1 ? markerAt(toks, i, EPISODE_RE) : undefined);
  }
  marker ??= pluralHead(toks) ?? compactHead(toks, res);
  if (!marker && (marker = trainCounter(toks))) res.step = true;
  if (!marker && opts.splitHeads) marker = splitHead(toks);
  if (!marker && opts.bracketEpochs) {
    const b = bracketMarker(toks) ?? splitBracket(toks, res);
    if (b) {
      marker = b;
      res.step ||= b.step;
    }
  }
  return marker;
}

/**
 * "e3 s1200 loss=0.041" at the head of a line: the epoch and the step counter glued to their letters (a compact print
 * of a custom loop). The letter e with a number alone is no marker (a name, a part of a number).
 */
function compactHead(toks: Tok[], res: MarkedLine): Marker | undefined {
  const e = toks[0]?.k === 'w' ? /^[eE](\d{1,7})$/.exec(toks[0].s) : null;
  const s = e && toks[1]?.k === 'w' ? /^(?:s|it|step|iter)(\d{1,12})$/i.exec(toks[1].s) : null;
  if (!e || !s) return undefined;
  [res.step, res.counter] = [true, +s[1]];
  return { epoch: +e[1], start: 0, end: 2 };
}

/** best, or a name that begins with it (`best_acc`, `best-acc`, `bestAcc`) */
const BEST_WORD = /^(?:[Bb]est|BEST)(?:[_-]\w*|[A-Z]\w*)?$/;

/** After the word best, an epoch tied to it by a preposition or a bracket, with no total ("prev best 0.4014 in
 * epoch 12", "(best 0.28 at epoch 3)", "best mAP 0.45 (epoch 3)", "best @ epoch 3"), says when the best was: it is
 * no marker of the line. "best 0.24 epoch 5" or "(best: 0.81) Epoch [1/10] ..." still mark theirs. */
function bestsEpoch(toks: Tok[], m: Marker): boolean {
  const before = toks[m.start - 1];
  const tied = isP(before, '(@') || (before?.k === 'w' && /^(?:in|at|from|since|on)$/i.test(before.s));
  return tied && m.total === undefined;
}

/** EPOCHS_RE's marker: "Epochs" first on the line, its count, then a metric's name and its value. */
function pluralHead(toks: Tok[]): Marker | undefined {
  const m = toks[0] ? markerAt(toks, 0, EPOCHS_RE) : undefined;
  if (!m) return undefined;
  // a metric's value ("Train Loss:  0.260"), not a setting's ("LR: 0.001", "loss_weight: 1.0", "Loss: BCE")
  for (let k = m.end; k < toks.length - 1; k++) {
    const t = toks[k];
    if (t.k !== 'w' || !METRIC_WORD.test(t.s.toLowerCase()) || SETTING_WORD.test(t.s)) continue;
    if (toks[k - 1]?.k === 'w' && GOAL_WORD.test(toks[k - 1].s)) continue;
    const v = isP(toks[k + 1], ':=') ? toks[k + 2] : toks[k + 1];
    if (v?.k === 'n') return m;
  }
  return undefined;
}

/**
 * "Train 12, loss: 1.045591, train acc: 0.871676, ..." and "Test 12, loss: 0.949903, test acc: ..." (DGCNN's
 * `Train %d, loss: %.6f, ...`, copied by many point-cloud models: PCT, GTNet, EdgeConv): a split word first on the
 * line, the epoch, a comma or colon, then a metric's value. The line is that split's (used only when no line says
 * epoch and the counts count epochs: countsEpochs). Before, the count was read as nothing, and a relaunch from epoch
 * 0 appended to the log ran on as later epochs of one run.
 */
function splitHead(toks: Tok[]): Marker | undefined {
  const [w, n, sep, name, eq, v] = toks;
  const split = w?.k === 'w' ? splitOf(w.s) : undefined;
  if (!split || !isInt(n) || !n.sp || !isP(sep, ',:')) return undefined;
  if (name?.k !== 'w' || !METRIC_WORD.test(name.s.toLowerCase()) || !isP(eq, ':=') || v?.k !== 'n') return undefined;
  return { epoch: +n.s, start: 0, end: 3, split };
}

/** A split word and a count at the head of a line, before a comma or colon (splitHead's lines, by their text). */
const SPLIT_HEAD_LINE = /^\s*(train|training|val|valid|validation|test|eval)\s+(\d{1,7})\s*[,:]/i;
/** Lines longer than this are no printed epoch line (a pasted array): not looked at. */
const SPLIT_HEAD_MAX_LINE = 2000;
/** The share of a split's counts that must go up by one from its line before (or back: a relaunch). */
const SPLIT_HEAD_BY_ONE = 0.9;

/**
 * Do split-headed counts count epochs? Each split's count goes up by one from its line before (DGCNN's `Train 3`
 * after `Train 2`), or back to an earlier count (a relaunch appended to the log), on nine lines in ten, over two
 * steps at least. A batch or step counter (`Train 100, loss: ...`, `Train 200, ...`, back to 0 each epoch) does not.
 */
export function countsEpochs(lines: string[]): boolean {
  const last = new Map<string, number>();
  let steps = 0;
  let byOne = 0;
  for (const l of lines) {
    const m = l.length <= SPLIT_HEAD_MAX_LINE ? SPLIT_HEAD_LINE.exec(l) : null;
    if (!m) continue;
    const word = m[1].toLowerCase();
    const n = +m[2];
    const prev = last.get(word);
    last.set(word, n);
    if (prev === undefined || n === prev) continue;
    steps++;
    if (n === prev + 1 || n < prev) byOne++;
  }
  return steps >= 2 && byOne >= SPLIT_HEAD_BY_ONE * steps;
}

/** "Val: [3/5] loss: 0.8", "Train: 300 [3/5] loss: 2.0": a split word, then the epoch of a total in brackets (after
 * the step it counts, which makes the line a step line) */
function splitBracket(toks: Tok[], res: MarkedLine): (Marker & { step: boolean }) | undefined {
  if (toks[0]?.k !== 'w' || !splitOf(toks[0].s) || !isP(toks[1], ':')) return undefined;
  const o = isInt(toks[2]) ? 3 : 2;
  if (!isP(toks[o], '[') || !isInt(toks[o + 1]) || !isP(toks[o + 2], '/') || !isInt(toks[o + 3])) return undefined;
  if (!isP(toks[o + 4], ']') || +toks[o + 1].s > +toks[o + 3].s) return undefined;
  if (o === 3) [res.step, res.counter] = [true, +toks[2].s];
  return { epoch: +toks[o + 1].s, total: +toks[o + 3].s, start: o === 3 ? 2 : o, end: o + 5, step: o === 3 };
}
