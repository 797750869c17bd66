/**
 * Printed training logs: what hand-written loops print() or log. No regex per family: each line is cut
 * into tokens by one hand-written scan (linear, no backtracking), then read for
 *  - an epoch marker ("Epoch 3", "Epoch 3/25", "Epoch: 3", "epoch=3", "Epoch [004/50]", "Epoch(val) [3]"),
 *    on a line of its own (a block header: the lines after it belong to that epoch) or before the values;
 *  - split words (train/training, val/valid/validation/eval/dev, test) as a line prefix or a name's first
 *    word, carried to the names after them on the line ("val Loss: 0.30 Acc: 0.88" -> val_accuracy);
 *  - name/value pairs: `name: v`, `name=v`, `name is v`, and `name v` for metric-like names; `v%`,
 *    scientific notation, `n/N` ratios ("Accuracy: 9826/10000");
 *  - batch lines (a Step/Iter/Batch counter, an "i/N" counter, an unfinished progress bar): they are
 *    points inside their epoch, used only for a metric the epoch has no summary for;
 *  - chatter (checkpoint, early stopping, "best", trackers, shell prompts): never an epoch, never a value.
 * A run restarts when the epoch number goes back; epochs that printed no values do not count, so a start
 * that printed its config and stopped before training is not a run.
 */
import { IngestError, ACCEPTED_FORMATS_HINT } from '../errors.js';
import type { Limits } from '../limits.js';
import { canonicalName, isBookkeeping } from '../names.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber, redrawSegments } from '../text.js';

/** Lines longer than this are not print()s of a training loop (a dumped array, a minified blob): skipped. */
const MAX_LINE = 4000;

// ------------------------------------------------------------------------------------------ tokens
interface Tok {
  /** w: word, n: number, p: one punctuation character */
  k: 'w' | 'n' | 'p';
  s: string;
  /** a number's value (NaN/Infinity included) */
  v?: number;
  /** letters glued after a number ("3.2s", "7.50it", "2345M"); '%' is folded into v */
  unit?: string;
  pct?: boolean;
  /** whitespace before this token */
  sp: boolean;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isLetter(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 0x0b || c === 0x0c || c === 0xa0;
/** quotes and backticks are transparent: {'loss': 0.5} reads like loss: 0.5 */
const isQuote = (c: number) => c === 39 || c === 34 || c === 96;

const NONFINITE = /^[-+]?(?:nan|inf|infinity)$/i;

/** Tokens read from one line: a print() of a training loop has a few dozen; the rest of a longer line is noise. */
const MAX_TOKENS = 300;

/** One left-to-right scan; every character is looked at a bounded number of times. */
export function tokenize(line: string): Tok[] {
  const out: Tok[] = [];
  const n = line.length;
  let sp = true;
  let i = 0;
  while (i < n && out.length < MAX_TOKENS) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || isQuote(c)) {
      if (isSpace(c)) sp = true;
      i++;
      continue;
    }
    const prev = i > 0 ? line.charCodeAt(i - 1) : 32;
    const next = i + 1 < n ? line.charCodeAt(i + 1) : 0;
    const signed = (c === 45 || c === 43) && !isAlnum(prev) && (isDigit(next) || (next === 46 && i + 2 < n && isDigit(line.charCodeAt(i + 2))));
    if (isDigit(c) || signed || (c === 46 && isDigit(next) && !isAlnum(prev))) {
      let j = i + (signed ? 1 : 0);
      while (j < n && isDigit(line.charCodeAt(j))) j++;
      // a fraction needs a digit after the point ("Step: 10..." and "Loss: 5." end with punctuation)
      if (j + 1 < n && line.charCodeAt(j) === 46 && isDigit(line.charCodeAt(j + 1))) {
        j++;
        while (j < n && isDigit(line.charCodeAt(j))) j++;
      }
      const e = line.charCodeAt(j);
      if ((e === 101 || e === 69) && j + 1 < n) {
        let k = j + 1;
        const s = line.charCodeAt(k);
        if (s === 45 || s === 43) k++;
        if (k < n && isDigit(line.charCodeAt(k))) {
          while (k < n && isDigit(line.charCodeAt(k))) k++;
          j = k;
        }
      }
      const text = line.slice(i, j);
      const tok: Tok = { k: 'n', s: text, v: +text, sp };
      if (j < n && line.charCodeAt(j) === 37) {
        tok.pct = true;
        j++;
      } else if (j + 1 < n && line.charCodeAt(j) === 32 && line.charCodeAt(j + 1) === 37 && (j + 2 >= n || !isAlnum(line.charCodeAt(j + 2)))) {
        // "97.12 %"
        tok.pct = true;
        j += 2;
      } else if (j < n && isLetter(line.charCodeAt(j))) {
        let k = j;
        while (k < n && isAlnum(line.charCodeAt(k))) k++;
        tok.unit = line.slice(j, k);
        j = k;
      }
      out.push(tok);
      i = j;
      sp = false;
      continue;
    }
    // -inf / -nan / +Infinity: a signed non-finite value
    const signedWord = (c === 45 || c === 43) && !isAlnum(prev) && (next === 105 || next === 73 || next === 110 || next === 78);
    if (isLetter(c) || signedWord) {
      let j = i + 1;
      for (;;) {
        while (j < n && isAlnum(line.charCodeAt(j))) j++;
        // inner . / - @ join a name when a letter follows (val/loss, train-rmse, acc@1, mAP@0.5 -> mAP@0)
        const d = j < n ? line.charCodeAt(j) : 0;
        const after = j + 1 < n ? line.charCodeAt(j + 1) : 0;
        if ((d === 46 || d === 47 || d === 45) && isLetter(after)) j += 2;
        else if (d === 64 && isAlnum(after)) j += 2;
        else break;
      }
      const text = line.slice(i, j);
      if (j - i <= 9 && /^[-+]?[nNiI]/.test(text) && NONFINITE.test(text)) out.push({ k: 'n', s: text, v: parseNumber(text), sp });
      else if (signedWord) {
        out.push({ k: 'p', s: line[i], sp });
        i++;
        sp = false;
        continue;
      } else out.push({ k: 'w', s: text, sp });
      i = j;
      sp = false;
      continue;
    }
    out.push({ k: 'p', s: line[i], sp });
    i++;
    sp = false;
  }
  return out;
}

// ------------------------------------------------------------------------------------------ words
type SplitWord = 'train' | 'val' | 'test';
const SPLIT_WORDS: Record<string, SplitWord> = {
  train: 'train',
  training: 'train',
  trn: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  validating: 'val',
  eval: 'val',
  evaluation: 'val',
  evaluating: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test',
};
function splitOf(word: string): SplitWord | undefined {
  const w = word.toLowerCase();
  return Object.hasOwn(SPLIT_WORDS, w) ? SPLIT_WORDS[w] : undefined;
}
/** words that qualify a name without naming it: "Average loss", "Training acc over epoch", "Total Loss" */
const FILLER = new Set(['avg', 'average', 'mean', 'running', 'epoch', 'over', 'for', 'per', 'the', 'on', 'of', 'at', 'so', 'far', 'set', 'total', 'overall', 'final', 'current', 'cur', 'phase', 'subset', 'data', 'dataset', 'split', 'results', 'result', 'metrics', 'stats', 'summary', 'whole', 'all', 'with', 'to', 'from', 'in', 'by', 'and']);
/** the vocabulary of metrics: a "name value" pair without ':' or '=' needs one of these words */
const METRIC_WORD = /(?:^|_)(?:loss|losses|acc|accuracy|acc@?\d|mae|mse|rmse|mape|f1|f1_score|auc|roc_auc|precision|recall|perplexity|ppl|error|err|score|iou|miou|dice|bleu|rouge\w{0,4}|lr|learning_rate|m_?ap\d{0,3}|wer|cer|nll|psnr|ssim|kappa|r2|top_?\d|nll_loss|ce)$|^(?:loss|losses|acc|accuracy|error)_/;
/** a line whose words before the values say it reports on a checkpoint, early stopping, a best value or a tracker */
const CHATTER = /^(?:sav(?:e|ed|es|ing)|restart\w*|checkpoint\w*|ckpt\w*|best\w*|early\w*|stopp\w*|patience|restor\w*|resum\w*|load(?:ed|ing|s)?|improv\w*|wandb|mlflow|tensorboard|counter|reducing|reduce\w*|lowering|decreased|increased)$/i;
/** words that count batches, not epochs */
const STEP_WORD = /^(?:step|steps|global_step|iter|iters|iteration|iterations|it|batch|batches|update|updates|num_updates|minibatch|mini_batch)$/i;
/** lines from trackers and shells, read as nothing */
const IGNORED_LINE = /^\s*(?:wandb:|mlflow|\[?W&B|\$ |>>> |\.\.\. |Namespace\(|usage:|Traceback|File "|Downloading|Extracting|Loading checkpoint|Saving|Saved|Checkpoint)/i;

// logging prefixes, each anchored and with bounded repetition; stripped repeatedly (at most 8 times)
const PREFIXES: RegExp[] = [
  // 2025-03-14 09:12:07,398 / [2025-03-14T09:12:07.123Z] / 2025/03/14 09:12:07
  /^\s*[[(]?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T_]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?[\])]?/,
  // 03/14/2025 09:12:07 (HF example scripts), [03/14 09:12:07 d2.utils.events]
  /^\s*[[(]?\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?(?:\s+[A-Za-z_][\w.]{0,60})?[\])]?/,
  // 09:12:07 / [09:12:07.123]
  /^\s*[[(]?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?[\])]?/,
  // glog: I0314 09:12:07.123456  1234 train.py:42]
  /^\s*[IWEF]\d{4}\s+\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?\s+\d{1,10}\s+[\w.\-]{1,120}:\d{1,7}\]/,
  // INFO:root: / INFO:__main__: / [INFO] / INFO - / (INFO) / <INFO>
  /^\s*[[(<]?(?:INFO|DEBUG|WARNING|WARN|ERROR|CRITICAL|TRACE|NOTICE|FATAL)[\])>]?(?::[\w.<>-]{1,80}:)?\s*[:|\-]?/i,
  // a logger or module name before a level: "- mmdet - INFO -", "__main__ - INFO -"
  /^\s*[\w.<>]{1,80}\s*[-|:]\s*(?=(?:INFO|DEBUG|WARNING|WARN|ERROR)\b)/,
  // rank / pid / horovod tags
  /^\s*(?:\[rank\s?\d{1,5}\]:?|\(pid=\d{1,10}(?:,\s?ip=[\d.]{1,40})?\)|\[\d{1,5},\d{1,5}\]<std(?:out|err)>:|\[GPU\s?\d{1,3}\])/i,
  // train.py:42] / [train.py:42] / main.py:120 -
  /^\s*\[?[\w.\\/-]{1,200}\.py:\d{1,7}\]?/,
  // separators left between prefix parts
  /^\s*[|:>\]\-]{1,4}(?=\s|$)/,
];

/** "[rank1]: ...", "[rank 3] ...": a line printed by a process other than rank 0 */
const OTHER_RANK = /^\s*\[rank\s?0*[1-9]\d{0,4}\]/i;

export function stripPrefix(line: string): string {
  let s = line;
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const re of PREFIXES) {
      const m = re.exec(s);
      if (m && m[0].length > 0 && m[0].trim() !== '') {
        s = s.slice(m[0].length);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return s;
}

// ------------------------------------------------------------------------------------------ one line
interface Marker {
  epoch: number;
  total?: number;
  /** token index where the marker starts and ends (exclusive) */
  start: number;
  end: number;
  /** "Epoch(val) [3]" (mmdetection) */
  split?: SplitWord;
}

/** An integer token (no unit, no %, no fraction). */
const isInt = (t: Tok | undefined) => !!t && t.k === 'n' && !t.unit && !t.pct && /^\d{1,9}(?:\.0{1,6})?$/.test(t.s);
const isP = (t: Tok | undefined, chars: string) => !!t && t.k === 'p' && chars.includes(t.s);

/** "Epoch" / "epoch" followed by an integer: Epoch 3, Epoch: 3, epoch=3, Epoch #3, Epoch [004/50], Epoch(val) [3], Epoch 3 of 25 */
function markerAt(toks: Tok[], i: number, word: RegExp): Marker | undefined {
  const t = toks[i];
  if (t.k !== 'w' || !word.test(t.s)) return undefined;
  let j = i + 1;
  let split: SplitWord | undefined;
  if (isP(toks[j], '(') && toks[j + 1]?.k === 'w' && isP(toks[j + 2], ')')) {
    split = splitOf(toks[j + 1].s);
    if (toks[j + 1].s.toLowerCase() !== 'train' && !split) return undefined;
    j += 3;
  }
  let open = 0;
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
  for (; open > 0 && isP(toks[j], '])'); open--) j++;
  return { epoch, total, start: i, end: j, split };
}

/** "[3/25]" or "[1,  2000]" at the head of a line (used only when no line says "epoch") */
function bracketMarker(toks: Tok[]): (Marker & { step: boolean }) | undefined {
  if (!isP(toks[0], '[') || !isInt(toks[1])) return undefined;
  if (isP(toks[2], '/') && isInt(toks[3]) && isP(toks[4], ']')) return { epoch: +toks[1].s, total: +toks[3].s, start: 0, end: 5, step: false };
  if (isP(toks[2], ',') && isInt(toks[3]) && isP(toks[4], ']')) return { epoch: +toks[1].s, start: 0, end: 5, step: true };
  return undefined;
}

interface LineRead {
  marker?: Marker;
  /** a batch/step line: a point inside the epoch, not the epoch's summary */
  step: boolean;
  /** a finished progress bar: its postfix values are the epoch's when nothing better is printed */
  bar: boolean;
  chatter: boolean;
  pairs: [string, number][];
  /** a split word seen on the line (for a header line such as "Validation:") */
  split?: SplitWord;
}

const EPOCH_RE = /^(?:epoch|ep)$/i;
const UNIT_WORD = /^(?:s|sec|secs|seconds?|ms|min|mins|minutes?|h|hrs?|hours?|it|its|[a-z]{1,12}\/(?:s|sec|second|it|step|batch)|GB|MB|KB|GiB|MiB)$/i;
const WRAPPER = /^(?:tensor|array|float(?:16|32|64)?|np\.float(?:16|32|64)|numpy\.float(?:16|32|64)|Decimal)$/;
const ITER_RE = /^iter(?:ation)?$/i;

function normalise(words: string[]): string {
  return words
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
const EXPLICIT_SPLIT = /^(?:train|training|trn|tr|val|valid|validation|eval|evaluation|dev|test|testing)[_/-]|[_/-](?:val|valid|validation|train|training|test)$/;

/** Read one (prefix-stripped) line. `iterations`: "Iteration N" counts epochs (no line says epoch). */
function readLine(line: string, opts: { iterations: boolean; bracketEpochs: boolean; blockSplit?: SplitWord }): LineRead {
  const toks = tokenize(line);
  const res: LineRead = { step: false, bar: false, chatter: false, pairs: [] };
  // the epoch marker: the first one on the line
  let marker: Marker | undefined;
  for (let i = 0; i < toks.length && !marker; i++) {
    marker = markerAt(toks, i, EPOCH_RE) ?? (opts.iterations && i <= 1 ? markerAt(toks, i, ITER_RE) : undefined);
  }
  if (!marker && opts.bracketEpochs) {
    const b = bracketMarker(toks);
    if (b) {
      marker = b;
      res.step = b.step;
    }
  }
  res.marker = marker;
  // a line with its own epoch marker stands alone; other lines inherit a "Validation:" header above them
  let carry: SplitWord | undefined = marker ? marker.split : opts.blockSplit;
  let group: string[] = [];
  /** the last group of words that named a metric ("Training loss" in "Training loss (for one batch) at step 2: 0.7") */
  let lastGroup: string[] | undefined;
  let assign = false;
  let sawPair = false;
  let lastWasWord = false;
  for (let i = 0; i < toks.length; i++) {
    if (marker && i === marker.start) {
      i = marker.end - 1;
      group = [];
      assign = false;
      lastWasWord = false;
      continue;
    }
    const t = toks[i];
    if (t.k === 'w') {
      // "loss: tensor(0.5123, device='cuda:0')", "acc: np.float64(0.8)": the wrapper is not a name
      if (assign && group.length > 0 && isP(toks[i + 1], '(') && WRAPPER.test(t.s)) {
        i++;
        continue;
      }
      if (!sawPair && CHATTER.test(t.s)) res.chatter = true;
      // a batch counter addresses the line, so it comes before the values ("num_updates 3000" at the end is a value)
      if (!sawPair && STEP_WORD.test(t.s) && (isInt(toks[i + 1]) || (isP(toks[i + 1], ':=#[') && isInt(toks[i + 2])))) {
        res.step = true;
        const before = group.length > 0 && METRIC_WORD.test(group[group.length - 1].toLowerCase()) ? group : lastGroup;
        group = [];
        assign = false;
        lastWasWord = false;
        // skip the step number (and its /N)
        i += isInt(toks[i + 1]) ? 1 : 2;
        if (isP(toks[i + 1], '/') && isInt(toks[i + 2])) i += 2;
        // "Training loss (for one batch) at step 200: 0.1234": the value after the counter is the name's before it
        if (isP(toks[i + 1], ':=') && toks[i + 2]?.k === 'n' && before) {
          group = before;
          assign = true;
          i++;
        }
        continue;
      }
      const low = t.s.toLowerCase();
      // "1200.5 samples/sec accuracy=0.5", "12.3 s loss: 0.4": a unit after a number is not part of the next name
      if (toks[i - 1]?.k === 'n' && !lastWasWord && UNIT_WORD.test(t.s)) continue;
      if ((low === 'is' || low === 'reached') && group.length > 0) {
        assign = true;
        lastWasWord = false;
        continue;
      }
      const sw = splitOf(t.s);
      if (sw) {
        carry = sw;
        res.split = sw;
      }
      if (!lastWasWord) group = [];
      group.push(t.s);
      lastWasWord = true;
      continue;
    }
    if (t.k === 'p') {
      const afterWord = lastWasWord;
      lastWasWord = false;
      // "acc - 0.812": a spaced dash between a name and a number assigns
      if (t.s === '-' && afterWord && t.sp && toks[i + 1]?.k === 'n' && toks[i + 1].sp) {
        assign = true;
        continue;
      }
      if (t.s === ':' || t.s === '=') {
        if (group.length > 0) assign = true;
        continue;
      }
      // "LR: [0.001]": a one-element list is its value
      if (t.s === '[' && assign && group.length > 0 && toks[i + 1]?.k === 'n' && isP(toks[i + 2], ']')) continue;
      if (t.s === '/' && !assign && toks[i - 1]?.k === 'n' && isInt(toks[i - 1]) && isInt(toks[i + 1])) {
        // a counter "i/N" (not a value) counts batches, finished or not (a progress bar decides below)
        res.step = true;
        i++;
        group = [];
        continue;
      }
      if (t.s === '|' && toks[i - 1]?.pct) res.bar = true;
      if (t.s === '█' || t.s === '━') res.bar = true;
      if (group.length > 0 && METRIC_WORD.test(group[group.length - 1].toLowerCase())) lastGroup = group;
      group = [];
      assign = false;
      continue;
    }
    // a number
    const named = group.length > 0 && (assign || (lastWasWord && t.sp));
    lastWasWord = false;
    if (!named) {
      group = [];
      assign = false;
      continue;
    }
    let v = t.v as number;
    if (t.unit) {
      group = [];
      assign = false;
      continue;
    }
    if (t.pct) v = v / 100;
    // "Accuracy: 9826/10000 (98%)": a ratio
    if (isP(toks[i + 1], '/') && isInt(toks[i + 2]) && isInt(t) && +toks[i + 2].s >= v && +toks[i + 2].s > 0) {
      v = v / +toks[i + 2].s;
      i += 2;
    }
    const name = nameOf(group, carry, assign);
    group = [];
    assign = false;
    if (name === undefined) continue;
    sawPair = true;
    res.pairs.push([name, v]);
  }
  if (res.bar) {
    // a progress bar: finished when it says 100% or its counter is N/N
    res.step = !/(?:^|[^\d.])100%\|/.test(line) && !finishedCounter(toks);
  }
  return res;
}

function finishedCounter(toks: Tok[]): boolean {
  for (let i = 1; i + 1 < toks.length; i++) {
    if (isP(toks[i], '/') && isInt(toks[i - 1]) && isInt(toks[i + 1])) return toks[i - 1].s === toks[i + 1].s;
  }
  return false;
}

/** The metric name a group of words spells, with its split; undefined when it is not a metric. */
function nameOf(group: string[], carry: SplitWord | undefined, assigned: boolean): string | undefined {
  let words = group.filter((w) => !FILLER.has(w.toLowerCase()));
  if (words.length === 0) return undefined;
  // start at the last split word when there is one ("finished train loss"), else keep the last two words
  let si = -1;
  for (let k = words.length - 1; k >= 0; k--) {
    if (splitOf(words[k])) {
      si = k;
      break;
    }
  }
  let split: SplitWord | undefined;
  if (si >= 0) {
    split = splitOf(words[si]);
    words = words.slice(si + 1);
  } else if (words.length > 2) words = words.slice(-2);
  if (words.length === 0) return undefined;
  if (words.some((w) => /best|\.(?:py|pt|pth|h5|ckpt|json|csv|txt|log)$/i.test(w))) return undefined;
  let base = normalise(words)
    // "avg_loss", "epoch_val_acc": the qualifier is not part of the name
    .replace(/^(?:avg|average|mean|running|epoch|total)_(?=[a-z])/, '');
  // TensorBoard-style tags: "Loss/train", "Accuracy/val", "loss-valid" -> val_loss
  const tag = /^([a-z][\w@]{0,40})[/-](train|training|val|valid|validation|eval|test|dev)$/.exec(base);
  if (tag) base = `${SPLIT_WORDS[tag[2]] === 'train' ? 'train' : SPLIT_WORDS[tag[2]]}_${tag[1]}`;
  if (!base || base.length > 60 || isBookkeeping(base) || /(?:^|_)(?:time|speed|throughput|elapsed)(?:_|$)/.test(base) || /^(?:v_num|epoch\w*|num_\w+|n_\w+|batch_size|bs|seed|gpu\w*|cuda|cpu|device|rank|pid|port|workers?|mem\w*|eta|lr_scale|size|samples?|images?|it_s|s_it|wps|ups|wpb|bsz|gnorm|clip|oom|wall|ntokens|nsentences|sample_size|loss_scale|ids?|count|total|correct)$/.test(base)) return undefined;
  const metricLike = METRIC_WORD.test(base) || METRIC_WORD.test(base.replace(/^(?:train|training|val|valid|validation|eval|dev|test)_/, ''));
  if (!assigned && !metricLike) return undefined;
  if (!split && !EXPLICIT_SPLIT.test(base)) split = carry;
  if (!split || EXPLICIT_SPLIT.test(base) || canonicalName(base).kind === 'lr') return base;
  return split === 'train' ? `train_${base}` : `${split}_${base}`;
}

// ------------------------------------------------------------------------------------------ the file
interface Rec {
  epoch: number;
  vals: Map<string, number>;
  level: 'epoch' | 'bar' | 'step';
  line: number;
  /** the line had its own epoch marker (not a line inside a block) */
  marked: boolean;
}

/** Read printed training output. Throws IngestError('unrecognised') when nothing in it is a metric per epoch. */
export function parsePrints(lines: string[], limits: Limits): RawLog {
  const warnings: IngestWarning[] = [];
  let anyEpochWord = false;
  for (const l of lines) {
    if (l.length <= MAX_LINE && /\bepoch\b/i.test(l)) {
      anyEpochWord = true;
      break;
    }
  }
  const opts = { iterations: !anyEpochWord, bracketEpochs: !anyEpochWord, blockSplit: undefined as SplitWord | undefined };
  let recs = collect(lines, limits, opts, false);
  // "train loss: 0.41 ...\nFinished epoch 3/10": values printed before their epoch line (an epoch trailer)
  if (recs.trailer) recs = collect(lines, limits, { ...opts, blockSplit: undefined }, true);
  if (recs.length === 0) {
    // no epoch numbers anywhere: printed lists ("Train losses: [0.69, 0.51, ...]"), or one line per epoch
    const pos = printedLists(lines) ?? linesInOrder(lines, opts);
    if (pos) {
      recs.push(...pos.recs);
      warnings.push({ code: 'epochs_by_position', message: `No epoch numbers in this text: ${pos.how}, numbered 1, 2, 3, ... in order.` });
    }
  }
  if (recs.length === 0) {
    throw new IngestError('unrecognised', `No training metrics found in this text. ${ACCEPTED_FORMATS_HINT}`);
  }
  const final = finalEvaluation(recs);
  if (final.length > 0) {
    const names = final.flatMap((r) => [...r.vals].map(([k, v]) => `${k} ${v}`));
    warnings.push({ code: 'final_evaluation', message: `Read as a final evaluation after the last epoch, not as epoch values: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''}.` });
    recs.splice(recs.length - final.length, final.length);
  }
  if (recs.length === 0) {
    throw new IngestError('unrecognised', `No training metrics found in this text. ${ACCEPTED_FORMATS_HINT}`);
  }
  const runs = splitRuns(recs);
  const zeroBased = runs[0][0].epoch === 0;
  const rawRuns: RawRun[] = runs.map((r) => ({
    xAxis: 'epoch',
    columns: columnsOf(r, zeroBased ? 1 : 0),
    label: runs.length > 1 ? `lines ${r[0].line + 1}+` : undefined,
  }));
  for (const rr of rawRuns) heldOutAsValidation(rr);
  const last = runs[runs.length - 1];
  const partial = partialLastEpoch(last);
  if (partial) warnings.push({ code: 'partial_last_epoch', message: `The last epoch (${partial.epoch + (zeroBased ? 1 : 0)}) has no ${partial.missing.join(', ')}: the log was cut mid-epoch; its point is kept for the values it has.` });
  return { format: 'text', runs: rawRuns, warnings, rows: recs.length };
}

/**
 * One pass over the lines. Lines inside a block belong to the epoch of the marker above them, or, in
 * `trailer` mode, to the marker below them. The result says whether the text looks like trailers: metric
 * lines before the first epoch line and none after the last one.
 */
function collect(lines: string[], limits: Limits, opts: { iterations: boolean; bracketEpochs: boolean; blockSplit?: SplitWord }, trailer: boolean): Rec[] & { trailer?: boolean } {
  const recs: Rec[] & { trailer?: boolean } = [];
  let cur: number | undefined;
  let rows = 0;
  let orphans = 0;
  let lastMarker = -1;
  let lastBlock = -1;
  let pending: Rec[] = [];
  for (let li = 0; li < lines.length; li++) {
    const seg = redrawSegments(lines[li]).pop();
    if (!seg || seg.length > MAX_LINE) continue;
    // torchrun --tee prints every rank's copy: rank 0's is the one
    if (OTHER_RANK.test(seg)) continue;
    const line = stripPrefix(seg);
    if (line.trim() === '' || IGNORED_LINE.test(line)) continue;
    const r = readLine(line, opts);
    if (r.chatter && (r.marker || r.pairs.length > 0)) continue;
    if (r.marker) {
      if (r.marker.epoch !== cur) opts.blockSplit = undefined;
      cur = r.marker.epoch;
      lastMarker = li;
      if (trailer && pending.length > 0) {
        for (const p of pending) recs.push({ ...p, epoch: cur });
        pending = [];
      }
    } else if (r.pairs.length === 0) {
      // "Validation:" / "--- train ---" on its own: the lines below are that split's
      if (r.split && line.length < 40 && (cur !== undefined || trailer)) opts.blockSplit = r.split;
      continue;
    }
    if (r.pairs.length === 0) continue;
    let pairs = r.pairs;
    if (!r.marker || r.step) {
      // lines inside an epoch block, and batch lines (they carry throughput and bookkeeping too: wps,
      // data_time): metric names only, and not only a learning rate (a config print)
      pairs = pairs.filter(([n]) => METRIC_WORD.test(normalise([n])));
      if (pairs.every(([n]) => canonicalName(n).kind === 'lr')) continue;
    }
    if (pairs.length === 0) continue;
    const rec: Rec = { epoch: cur ?? 0, vals: new Map(pairs), level: r.step ? 'step' : r.bar ? 'bar' : 'epoch', line: li, marked: !!r.marker };
    if (!r.marker) {
      lastBlock = li;
      if (trailer) {
        pending.push(rec);
        continue;
      }
      if (cur === undefined) {
        orphans++;
        continue;
      }
    }
    recs.push(rec);
    if (++rows > limits.maxRows) throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} epoch lines.`);
  }
  if (!trailer && orphans > 0 && lastMarker > lastBlock) recs.trailer = true;
  return recs;
}

/** "Train losses: [0.69, 0.51, 0.40]" / "val_acc = [0.5, 0.6, 0.7]": lists of at least 3 numbers after a metric name. */
function printedLists(lines: string[]): { recs: Rec[]; how: string } | undefined {
  const lists: { name: string; vals: number[]; line: number }[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = stripPrefix(lines[li]);
    // every "name: [" on the line ("{'loss': [...], 'val_loss': [...]}" holds several); each '[' is read once
    let from = 0;
    for (let open = line.indexOf('['); open >= 0 && lists.length < 1000; open = line.indexOf('[', from)) {
      const close = line.indexOf(']', open);
      from = close < 0 ? line.length : close + 1;
      const head = tokenize(line.slice(Math.max(0, open - 120), open));
      let k = head.length - 1;
      if (k < 0 || head[k].k !== 'p' || !':='.includes(head[k].s)) continue;
      const words: string[] = [];
      for (k--; k >= 0 && head[k].k === 'w'; k--) words.unshift(head[k].s);
      if (words.length === 0) continue;
      const cells = line.slice(open + 1, close < 0 ? line.length : close).split(',');
      const vals: number[] = [];
      for (const c of cells) {
        const v = parseNumber(c);
        if (v === undefined) break;
        vals.push(v);
      }
      // a list cut by the end of the line may end in half a number: keep the complete ones
      if (close < 0 && vals.length < cells.length) continue;
      const name = vals.length >= 3 ? nameOf(words, undefined, true) : undefined;
      if (name && METRIC_WORD.test(normalise([name]))) lists.push({ name, vals, line: li });
    }
  }
  if (lists.length === 0) return undefined;
  const n = Math.max(...lists.map((l) => l.vals.length));
  const recs: Rec[] = [];
  for (let k = 0; k < n; k++) {
    const vals = new Map<string, number>();
    for (const l of lists) if (k < l.vals.length) vals.set(l.name, l.vals[k]);
    recs.push({ epoch: k + 1, vals, level: 'epoch', line: lists[0].line, marked: true });
  }
  return { recs, how: `read ${lists.length} printed list(s) (${lists.map((l) => l.name).join(', ')}) as one value per epoch` };
}

/** Lines of metric pairs with no epoch number: a new epoch each time a metric comes back (at least 3). */
function linesInOrder(lines: string[], opts: { iterations: boolean; bracketEpochs: boolean; blockSplit?: SplitWord }): { recs: Rec[]; how: string } | undefined {
  const recs: Rec[] = [];
  let cur: Rec | undefined;
  for (let li = 0; li < lines.length; li++) {
    const seg = redrawSegments(lines[li]).pop();
    if (!seg || seg.length > MAX_LINE) continue;
    const line = stripPrefix(seg);
    if (line.trim() === '' || IGNORED_LINE.test(line)) continue;
    const r = readLine(line, { ...opts, blockSplit: undefined });
    if (r.chatter || r.step || r.pairs.length === 0) continue;
    const pairs = r.pairs.filter(([n]) => METRIC_WORD.test(normalise([n])) && canonicalName(n).kind !== 'lr');
    if (pairs.length === 0) continue;
    const keys = pairs.map(([n]) => canonicalName(n).key);
    if (!cur || keys.some((k) => [...cur!.vals.keys()].some((o) => canonicalName(o).key === k))) {
      cur = { epoch: recs.length + 1, vals: new Map(), level: 'epoch', line: li, marked: true };
      recs.push(cur);
    }
    for (const [n, v] of pairs) cur.vals.set(n, v);
  }
  return recs.length >= 3 ? { recs, how: 'each line (or group of lines) of metric values is read as one epoch' } : undefined;
}

/**
 * Lines after the last epoch line, with no epoch of their own and only metrics no earlier epoch printed
 * ("Accuracy : 0.748", "F1 Score: 0.569" once training is over): the final evaluation, not that epoch's values.
 */
function finalEvaluation(recs: Rec[]): Rec[] {
  let lastMarked = -1;
  for (let i = recs.length - 1; i >= 0; i--) {
    if (recs[i].marked) {
      lastMarked = i;
      break;
    }
  }
  if (lastMarked < 0 || lastMarked === recs.length - 1) return [];
  const lastEpoch = recs[recs.length - 1].epoch;
  const earlier = new Set<string>();
  let epochsBefore = 0;
  let prev: number | undefined;
  for (const r of recs) {
    if (r.epoch === lastEpoch) continue;
    if (r.epoch !== prev) epochsBefore++;
    prev = r.epoch;
    for (const k of r.vals.keys()) earlier.add(canonicalName(k).key);
  }
  if (epochsBefore < 2) return [];
  const tail = recs.slice(lastMarked + 1);
  if (tail.some((r) => r.level !== 'epoch' || [...r.vals.keys()].some((k) => earlier.has(canonicalName(k).key)))) return [];
  return tail;
}

/** A new run when the epoch goes back, or when the run's only epoch prints again with other values. */
function splitRuns(recs: Rec[]): Rec[][] {
  const runs: Rec[][] = [];
  let run: Rec[] = [];
  let prev = -Infinity;
  for (const r of recs) {
    let restart = run.length > 0 && r.epoch < prev;
    if (!restart && run.length > 0 && r.epoch === prev && r.level === 'epoch' && run[0].epoch === r.epoch) {
      // the same first epoch again, with a metric it already has: a second start (a pure repeat is a tee)
      const same = run.filter((o) => o.level === 'epoch');
      const clash = same.some((o) => [...r.vals].some(([k, v]) => o.vals.has(k) && !Object.is(o.vals.get(k), v)));
      const repeat = same.some((o) => [...r.vals].every(([k, v]) => Object.is(o.vals.get(k), v)));
      if (repeat) continue;
      restart = clash;
    }
    if (restart) {
      runs.push(run);
      run = [];
    }
    run.push(r);
    prev = r.epoch;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Per metric: the epoch summary where printed, else a finished bar's value, else the batch points spread inside the epoch. */
function columnsOf(run: Rec[], shift: number): RawColumn[] {
  const order: string[] = [];
  const perKey = new Map<string, Map<number, { epoch?: number; bar?: number; steps: number[] }>>();
  const names = new Map<string, string>();
  for (const r of run) {
    for (const [name, v] of r.vals) {
      // "loss" on batch lines and "train loss" on the summary are one series
      const k = canonicalName(name).key;
      let m = perKey.get(k);
      if (!m) {
        perKey.set(k, (m = new Map()));
        order.push(k);
        names.set(k, name);
      }
      let e = m.get(r.epoch);
      if (!e) m.set(r.epoch, (e = { steps: [] }));
      if (r.level === 'epoch') e.epoch = v;
      else if (r.level === 'bar') e.bar = v;
      else e.steps.push(v);
    }
  }
  const cols: RawColumn[] = [];
  for (const k of order) {
    const m = perKey.get(k)!;
    const epochs = [...m.keys()].sort((a, b) => a - b);
    const x: number[] = [];
    const y: number[] = [];
    let prevX = -Infinity;
    for (const ep of epochs) {
      const e = m.get(ep)!;
      const at = ep + shift;
      if (e.epoch !== undefined || e.bar !== undefined) {
        x.push(at);
        y.push(e.epoch !== undefined ? e.epoch : (e.bar as number));
        prevX = at;
        continue;
      }
      const n = e.steps.length;
      const lo = Math.max(at - 1, prevX);
      e.steps.forEach((v, i) => {
        x.push(n === 1 ? at : lo + ((i + 1) / n) * (at - lo));
        y.push(v);
      });
      prevX = at;
    }
    if (x.length > 0) cols.push({ name: names.get(k)!, x, y });
  }
  return cols;
}

/** "Test set: ..." per epoch with no validation metric at all is the held-out set (PyTorch's MNIST example). */
function heldOutAsValidation(run: RawRun): void {
  const splits = run.columns.map((c) => canonicalName(c.name).split);
  if (splits.includes('val') || !splits.includes('test')) return;
  for (const c of run.columns) {
    if (canonicalName(c.name).split === 'test') c.name = c.name.replace(/^(?:test|testing)[_\s/-]?/i, 'val_');
  }
}

/** The last epoch of the last run lacks a metric every other epoch has (the log was cut mid-line). */
function partialLastEpoch(run: Rec[]): { epoch: number; missing: string[] } | undefined {
  const byEpoch = new Map<number, Set<string>>();
  for (const r of run) {
    if (r.level === 'step') continue;
    let s = byEpoch.get(r.epoch);
    if (!s) byEpoch.set(r.epoch, (s = new Set()));
    for (const k of r.vals.keys()) s.add(k);
  }
  const epochs = [...byEpoch.keys()];
  if (epochs.length < 3) return undefined;
  const last = epochs[epochs.length - 1];
  const before = epochs.slice(0, -1).map((e) => byEpoch.get(e)!);
  const common = [...before[0]].filter((k) => before.every((s) => s.has(k)));
  const missing = common.filter((k) => !byEpoch.get(last)!.has(k));
  return missing.length > 0 ? { epoch: last, missing } : undefined;
}
