/**
 * Console text: Keras model.fit output of every version (docs/ingest.md#keras-console-output), Hugging Face's printed
 * log dicts, and free-form "Epoch N: train loss=..., val loss=..." lines from hand-written loops.
 */
import { cutAboveWarning, prependAbove } from './console-cut.js';
import { parseDarknet } from './darknet.js';
import { parseMarian } from './marian.js';
import { parseDeepxdeLoss } from './deepxde-loss.js';
import { parseGanVisualizer } from './gan-visualizer.js';
import { IngestError, ACCEPTED_FORMATS_HINT } from '../errors.js';
import type { Limits } from '../limits.js';
import { isObject, parseLiteral, type LiteralObject } from '../literal.js';
import { higherIsBetter, isBookkeeping, isShortAcc } from '../names.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber, redrawSegments, terminalView } from '../text.js';
import { parsePrints } from './prints.js';

const EPOCH_HEADER = /^\s*Epoch\s+(\d+)\s*\/\s*(\d+)\s*$/;
const EPOCH_HEADER_LOOSE = /^\s*Epoch\s+(\d+)\s*\/\s*(\d+)\b/;
// no nested quantifiers over the same digits (\d+\.?\d* backtracks quadratically on a long digit run)
const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf(?:inity)?`;
/** Keras metric pair: " - val_loss: 0.6900" */
const KERAS_PAIR = new RegExp(String.raw`(?:^|\s)-\s+([A-Za-z_][\w/.\-]*):\s+(${NUM})(?=\s|$)`, 'gi');
const PROGRESS = /^\s*(\d+)\/(\d+|Unknown)\b/;

interface EpochRecord {
  values: Map<string, number>;
  final: boolean;
  hasVal: boolean;
  /** the progress counter's target ("2125" of "2125/2125"), when the line has one */
  target?: string;
}

/** "32/32 [====] - 1s 20ms/step - loss: ...", "25/25 ━━━━ 1s 20ms/step - ...", "32/32 - 0s - loss: ...", " - 65s - loss: ...", "65s - loss: ..." */
const KERAS_RESULT_LINE = /^\s*(?:\d+\/\d+\s+(?:\[[=>.]*\]|━+|-)|-?\s*\d+s\s+-\s+\w*loss:)/;

/** Keras 1 verbose=2 results joined with '>' after a config prefix: "...'Layers: 256'>168s - loss: ..." */
const JOINED_RUN = /['")]>\s*\d+s\s+-\s+\w*loss:/;

export function looksLikeKerasConsole(lines: string[]): boolean {
  let headers = 0;
  let pairs = 0;
  let strong = 0;
  const limit = Math.min(lines.length, 20000);
  for (let i = 0; i < limit; i++) {
    const l = lines[i];
    if (l.length < 4) continue;
    if (EPOCH_HEADER_LOOSE.test(l) || /Epoch\s+\d+\/\d+/.test(l)) headers++;
    if (l.includes(' - loss: ') || l.includes('- loss:') || /\s-\s\w*loss:\s/.test(l)) {
      pairs++;
      // one Keras result line is enough: a progress counter, a bar, or a timing before the pairs
      if (KERAS_RESULT_LINE.test(terminalView(l)) || JOINED_RUN.test(l)) strong++;
    }
    if (headers >= 2 && pairs >= 1) return true;
  }
  return (pairs >= 2 && (headers >= 1 || pairs >= 3)) || (strong >= 1 && (headers >= 1 || pairs === strong));
}

function pairsOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  KERAS_PAIR.lastIndex = 0;
  for (let m = KERAS_PAIR.exec(text); m; m = KERAS_PAIR.exec(text)) {
    const v = parseNumber(m[2]);
    if (v !== undefined) out.set(m[1], v);
  }
  return out;
}

interface KerasEpoch {
  n: number;
  rec: EpochRecord;
}

interface KerasRun {
  epochs: KerasEpoch[];
  total: number;
  label?: string;
  earlyStopped?: boolean;
}

/** What the scan has seen so far, across lines. */
interface ConsoleScan {
  limits: Limits;
  runs: KerasRun[];
  clues: Set<string>;
  cur: KerasRun | undefined;
  epoch: KerasEpoch | undefined;
  prevN: number;
  prevTotal: number;
  headersWithoutResult: number;
  rows: number;
  /** final result lines seen before any "Epoch i/N" header */
  headerless: EpochRecord[];
  /** the result lines above a first header "Epoch n/total" (n > 1), and the run it starts (a log cut at its top:
   * console-cut.ts reads them as its epochs 1..n-1 when they are) */
  above?: { recs: EpochRecord[]; n: number; total: number; run: KerasRun };
}

export function parseKerasConsole(lines: string[], limits: Limits): RawLog {
  const sc: ConsoleScan = {
    limits,
    runs: [],
    clues: new Set<string>(),
    cur: undefined,
    epoch: undefined,
    prevN: 0,
    prevTotal: 0,
    headersWithoutResult: 0,
    rows: 0,
    headerless: [],
  };
  for (let li = 0; li < lines.length; li++) {
    const physical = lines[li];
    if (physical.length === 0) continue;
    if (physical.includes('\x1b[') || physical.includes('━'))
      sc.clues.add('keras3:━ progress bars / ANSI colours (Keras 3)');
    if (physical.includes('\x08')) sc.clues.add('tfkeras:\\b redraw noise (tf.keras 2.x dynamic display)');
    for (const seg of redrawSegments(physical)) readSegment(sc, seg, li);
  }
  closeEpoch(sc);
  const cut = sc.above && prependAbove(sc.above) ? sc.above : undefined;
  // no "Epoch i/N" headers at all (tf.keras with epochs=1 per call, or headers stripped): one epoch per final line
  if (sc.runs.length === 0 && sc.headerless.length > 0) {
    sc.runs.push({ epochs: sc.headerless.map((rec, k) => ({ n: k + 1, rec })), total: sc.headerless.length });
    sc.headerless = [];
  }
  let nonEmpty = sc.runs.filter((r) => r.epochs.length > 0);
  const calls = oneEpochCalls(nonEmpty);
  if (calls) nonEmpty = [calls];
  if (nonEmpty.length === 0) {
    throw new IngestError(
      'no_series',
      'Found "Epoch i/N" lines but no metric values after them (expected lines like "- loss: 0.6931 - val_loss: 0.7012"). ' +
        'Was the output cut before the first epoch finished?',
    );
  }
  const warnings = endWarnings(nonEmpty, sc.headersWithoutResult);
  if (cut) warnings.push(cutAboveWarning(cut.n, cut.total));
  if (calls)
    warnings.push({
      code: 'one_epoch_calls',
      message: `"Epoch 1/1" is printed ${calls.total} times (fit(epochs=1) called in a loop): read as ${calls.total} epochs of one training, in the order they ran.`,
    });
  const keys = [...(nonEmpty[nonEmpty.length - 1].epochs[0]?.rec.values.keys() ?? [])];
  if (keys.some(isShortAcc)) sc.clues.add('keras2:short "acc" names (Keras <= 2.2)');
  return { format: 'keras-stdout', runs: nonEmpty.map(rawRunOf), warnings, rows: sc.rows, clues: [...sc.clues] };
}

/** Fewer "Epoch 1/1" runs than this are separate trainings, not one training called an epoch at a time. Ours. */
const MIN_ONE_EPOCH_CALLS = 3;

/**
 * fit(epochs=1) called in a loop prints "Epoch 1/1" before every epoch: each call is one epoch of the same
 * training (a restart would show in its values, which resume.ts cannot judge from one point each). One run of
 * them all, in order, when every run is a single "Epoch 1/1"; else undefined.
 */
function oneEpochCalls(runs: KerasRun[]): KerasRun | undefined {
  if (runs.length < MIN_ONE_EPOCH_CALLS || !runs.every((r) => r.total === 1 && r.epochs.length === 1)) return undefined;
  const last = runs[runs.length - 1];
  return {
    epochs: runs.map((r, k) => ({ ...r.epochs[0], n: k + 1 })),
    total: runs.length,
    ...(last.earlyStopped ? { earlyStopped: true } : {}),
  };
}

function closeEpoch(sc: ConsoleScan): void {
  if (sc.epoch && sc.cur) {
    if (sc.epoch.rec.values.size > 0) sc.cur.epochs.push(sc.epoch);
    else sc.headersWithoutResult++;
  }
  sc.epoch = undefined;
}

/** One redraw segment of a line: an epoch header, a callback line, joined results, or a result line. */
function readSegment(sc: ConsoleScan, seg: string, li: number): void {
  const h = EPOCH_HEADER.exec(seg) ?? EPOCH_HEADER_LOOSE.exec(seg);
  if (h && !/^\s*Epoch\s+\d+\s*\/\s*\d+\s*[:|-]/.test(seg)) {
    startEpoch(sc, +h[1], +h[2], li);
    return;
  }
  if (!seg.includes(':')) return;
  if (/^\s*Epoch\s+0*\d+:\s/.test(seg)) {
    // callback lines (ReduceLROnPlateau, EarlyStopping, ModelCheckpoint); remember early stopping per run
    if (/early stopping/i.test(seg) && sc.cur) sc.cur.earlyStopped = true;
    return;
  }
  if (readJoinedRun(sc, seg, li)) return;
  readResultLine(sc, seg);
}

/** "Epoch n/total": a new epoch, and a new run when n does not go up or the total changes. */
function startEpoch(sc: ConsoleScan, n: number, total: number, li: number): void {
  closeEpoch(sc);
  if (!sc.cur || n <= sc.prevN || total !== sc.prevTotal) {
    sc.cur = { epochs: [], total, label: `lines ${li + 1}+` };
    // a log cut at its top (a notebook cell's output copied from its second epoch on): the result lines before the
    // first header may be the epochs before it, told once its own epochs are read (prependAbove, after the scan)
    if (sc.runs.length === 0 && n > 1 && sc.headerless.length > 0) {
      sc.above = { recs: sc.headerless, n, total, run: sc.cur };
      sc.headerless = [];
    }
    sc.runs.push(sc.cur);
  }
  sc.prevN = n;
  sc.prevTotal = total;
  sc.epoch = { n, rec: { values: new Map(), final: false, hasVal: false } };
  sc.rows++;
  if (sc.rows > sc.limits.maxRows)
    throw new IngestError('too_many_rows', `The log has more than ${sc.limits.maxRows} epochs.`);
}

/**
 * Mangled logs: several verbose=2 epoch results joined with '>' (a single-epoch run has one part after
 * the config prefix: "...'Layers: 256'>168s - loss: ..."). Returns whether the segment was one.
 */
function readJoinedRun(sc: ConsoleScan, seg: string, li: number): boolean {
  const joinedParts =
    !sc.epoch && seg.includes('>') ? seg.split('>').filter((p) => pairsOf(' ' + p).size > 0).length : 0;
  if (!(joinedParts >= 2 || (joinedParts === 1 && /['")]>\s*\d+s\s+-\s/.test(seg)))) return false;
  const parts = seg
    .split('>')
    .map((p) => pairsOf(' ' + p))
    .filter((m) => m.size > 0);
  sc.runs.push({
    epochs: parts.map((values, k) => ({
      n: k + 1,
      rec: { values, final: true, hasVal: [...values.keys()].some((x) => x.startsWith('val_')) },
    })),
    total: parts.length,
    label: `line ${li + 1} (joined with '>')`,
  });
  sc.cur = undefined;
  sc.prevN = 0;
  return true;
}

/** A progress or result line with " - name: value" pairs: the epoch's record when it is the best seen. */
function readResultLine(sc: ConsoleScan, seg: string): void {
  const pairs = pairsOf(seg);
  if (pairs.size === 0) return;
  const prog = PROGRESS.exec(seg);
  const final = !prog || prog[1] === prog[2] || /ms\/epoch|s\/epoch/.test(seg);
  const hasVal = [...pairs.keys()].some((k) => k.startsWith('val_'));
  if (prog && /\/sample/.test(seg)) sc.clues.add('tfkeras:"/sample" units (tf.keras 2.0/2.1)');
  if (/ms\/epoch/.test(seg)) sc.clues.add('tfkeras:"ms/epoch" suffix (tf.keras >= 2.7 verbose=2)');
  if (/\dus\/step/.test(seg)) sc.clues.add('keras2:"us/step" timing (Keras 2.x)');
  if (!sc.epoch) {
    if (final) sc.headerless.push({ values: pairs, final, hasVal, ...(prog ? { target: prog[2] } : {}) });
    return;
  }
  const rec = sc.epoch.rec;
  // once the epoch's final line is in, later lines (evaluate(), predict()) do not replace it
  if (rec.final && !(hasVal && !rec.hasVal)) return;
  if (rec.hasVal && !hasVal && !final) return;
  sc.epoch.rec = { values: pairs, final, hasVal, ...(prog ? { target: prog[2] } : {}) };
}

function endWarnings(nonEmpty: KerasRun[], headersWithoutResult: number): IngestWarning[] {
  const warnings: IngestWarning[] = [];
  if (headersWithoutResult > 0) {
    warnings.push({
      code: 'epoch_without_result',
      message: `${headersWithoutResult} "Epoch i/N" header(s) had no result line (interrupted run or cut log); skipped.`,
    });
  }
  const lastRun = nonEmpty[nonEmpty.length - 1];
  const lastEpoch = lastRun.epochs[lastRun.epochs.length - 1];
  if (lastRun.earlyStopped) {
    warnings.push({
      code: 'stopped_early',
      message: `EarlyStopping ended the last run at epoch ${lastEpoch.n} of ${lastRun.total}.`,
    });
  } else if (lastEpoch && lastRun.total > lastEpoch.n) {
    warnings.push({
      code: 'log_cut',
      message: `The last run ends at epoch ${lastEpoch.n} of ${lastRun.total} (stopped early, interrupted, or the log was cut).`,
    });
  }
  return warnings;
}

function rawRunOf(r: KerasRun): RawRun {
  const cols = new Map<string, RawColumn>();
  for (const e of r.epochs) {
    for (const [k, v] of e.rec.values) {
      if (isBookkeeping(k)) continue;
      let c = cols.get(k);
      if (!c) {
        c = { name: k, x: [], y: [] };
        cols.set(k, c);
      }
      c.x.push(e.n);
      c.y.push(v);
    }
  }
  return { xAxis: 'epoch', columns: [...cols.values()], label: r.label };
}

/** Hugging Face Trainer prints each log dict: {'loss': 0.6931, 'grad_norm': 1.9, 'learning_rate': 4.9e-05, 'epoch': 0.33} */
export function looksLikeHfConsole(lines: string[]): boolean {
  let n = 0;
  for (let i = 0; i < Math.min(lines.length, 5000); i++) {
    // a value after the key, a number or a number in quotes (newer Trainers print '0.1246'): a printed history dict
    // ({"loss": [0.41, ...]}) holds lists, the Trainer's dicts never do
    if (/^\s*\{['"](loss|eval_loss|train_runtime)['"]\s*:(?!\s*[[{])/.test(lines[i])) n++;
    if (n >= 2) return true;
  }
  return false;
}

export function parseHfConsole(lines: string[], limits: Limits): LiteralObject[] {
  const recs: LiteralObject[] = [];
  let step = 0;
  for (const physical of lines) {
    for (const seg of redrawSegments(physical)) {
      const m = /\{['"](?:loss|eval_\w+|train_runtime|learning_rate|grad_norm)['"]\s*:[^{}]*\}/.exec(seg);
      if (!m) continue;
      let v;
      try {
        v = parseLiteral(m[0], limits.maxDepth);
      } catch {
        continue;
      }
      if (!isObject(v)) continue;
      if (!('step' in v)) v.step = ++step; // console dicts carry epoch but no step
      recs.push(v);
    }
  }
  return recs;
}

/** Boosting rounds: XGBoost's "[12]\ttrain-rmse:0.51\teval-rmse:0.62", LightGBM's "[12]\ttraining's l2: 0.26\tvalid_1's l2: 0.38" */
const ROUND_LINE = /^\s*\[(\d+)\]\s+(.+)$/;
// (names bounded so a long word cannot make the scan quadratic)
const ROUND_PAIR =
  /(?<![\w.@-])([A-Za-z][\w.]{0,40})(?:-|'s[ \t]+)([A-Za-z][\w@.]{0,40})\s*:\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)/gi;
/** LightGBM repeats its best round under "Early stopping, best iteration is:" (or "Did not meet early stopping. Best
 * iteration is:"), XGBoost before 1.0 under "Stopping. Best iteration:": a summary, not a round */
const BEST_ROUND_HEAD = /best iteration(?: is)?:?\s*$/i;
/** boosting metrics that are higher-is-better (not a loss) */
const ROUND_SCORE = /^(auc|aucpr|map|ndcg|pre)(@|$)/i;

/** CatBoost's "12:\tlearn: 0.51\ttest: 0.62\tbest: 0.60 (9)\ttotal: 48ms\tremaining: 1s" (test1, test2... for
 * further eval sets): the objective on the training set and on each eval set */
const CATBOOST_LINE =
  /^\s*(\d+):\s+(?:learn:\s*(\S+)\s+)?(?:test:\s*(\S+)\s+)?(?:test\d+:\s*\S+\s+)*(?:best:\s*(\S+)|total:)/;

/**
 * CatBoost prints its eval_metric, named nowhere on the line: a loss (Logloss, RMSE) or a score (AUC, Accuracy). Its
 * `best:` says which: the best so far is the lowest test value for a loss, the highest for a score. Read for the
 * training that starts at line `from`, up to the round number going back (the next training, whose metric may be
 * the other kind).
 */
function catBoostHigher(lines: string[], from: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  let best: number | undefined;
  let last = -1;
  for (let li = from; li < lines.length; li++) {
    const raw = lines[li];
    const m = raw.length > 4000 ? null : CATBOOST_LINE.exec(raw);
    if (!m) continue;
    if (+m[1] <= last) break;
    last = +m[1];
    const t = m[3] === undefined ? undefined : parseNumber(m[3]);
    if (t === undefined || !Number.isFinite(t)) continue;
    [lo, hi] = [Math.min(lo, t), Math.max(hi, t)];
    best = m[4] === undefined ? best : parseNumber(m[4]);
  }
  return best !== undefined && hi > lo && Math.abs(best - hi) < Math.abs(best - lo);
}

/** One round's number and its (set, metric, value) triples, or undefined when the line is no round; `fromOne` for
 * LightGBM's ("training's l2: ..."), which numbers its rounds from 1 (XGBoost and CatBoost from 0). */
function roundOf(
  raw: string,
  catMetric: string,
): { n: number; found: [string, string, number][]; fromOne?: boolean } | undefined {
  const line = raw.length > 4000 ? '' : raw;
  const found: [string, string, number][] = [];
  const cat = CATBOOST_LINE.exec(line);
  if (cat) {
    // the first eval set is the validation; further ones (test1, test2) are left out, as XGBoost's third set is
    const [learn, test] = [cat[2], cat[3]].map((c) => (c === undefined ? undefined : parseNumber(c)));
    if (learn !== undefined) found.push(['train', catMetric, learn]);
    if (test !== undefined) found.push(['eval', catMetric, test]);
    return found.length > 0 ? { n: +cat[1], found } : undefined;
  }
  const m = ROUND_LINE.exec(line);
  if (!m || !m[2].includes(':')) return undefined;
  ROUND_PAIR.lastIndex = 0;
  for (let p = ROUND_PAIR.exec(m[2]); p; p = ROUND_PAIR.exec(m[2])) {
    const v = parseNumber(p[3]);
    if (v !== undefined) found.push([p[1].toLowerCase(), p[2].toLowerCase(), v]);
  }
  return found.length > 0 ? { n: +m[1], found, fromOne: /\w's[ \t]/.test(m[2]) } : undefined;
}

/** "[N] set-metric:value ..." lines (XGBoost's and LightGBM's evals output, CatBoost's "N: learn: ... test: ..."),
 * or undefined when there are fewer than 3. */
export function parseBoostingRounds(lines: string[], limits: Limits): RawLog | undefined {
  // a round number that does not go up starts a new run (two trainings pasted one after the other)
  const runs: { recs: Map<string, number>[]; xs: number[]; label: string; fromOne?: boolean }[] = [];
  let total = 0;
  let catMetric: string | undefined;
  let catRound = -1;
  for (let li = 0; li < lines.length; li++) {
    if (li > 0 && BEST_ROUND_HEAD.test(lines[li - 1].slice(-200))) continue;
    // each CatBoost training says its metric's direction (a Logloss run, then an AUC one)
    const cat = lines[li].length > 4000 ? null : CATBOOST_LINE.exec(lines[li]);
    if (cat && +cat[1] <= catRound) catMetric = undefined;
    if (cat) catRound = +cat[1];
    catMetric ??= cat ? (catBoostHigher(lines, li) ? 'score' : 'loss') : undefined;
    const round = roundOf(lines[li], catMetric ?? 'loss');
    if (!round) continue;
    const { found } = round;
    // eval_set=[(X_train, y_train), (X_test, y_test)] prints validation_0 (the training set) and validation_1
    const sets = new Set(found.map((f) => f[0]));
    const prefix = (set: string) => {
      if (/^(train|training|dtrain)$/.test(set)) return '';
      if (set === 'validation_0' && sets.has('validation_1') && !sets.has('train')) return '';
      return 'val_';
    };
    const rec = new Map<string, number>();
    const lossTaken = new Set<string>();
    for (const [set, metric, v] of found) {
      const pre = prefix(set);
      // the first loss-like metric of a set is its loss (XGBoost early-stops on the last; they agree in direction)
      const name =
        !ROUND_SCORE.test(metric) && !higherIsBetter(metric) && !lossTaken.has(pre)
          ? (lossTaken.add(pre), 'loss')
          : metric.replace(/@/g, '_at_');
      rec.set(`${pre}${name}`, v);
    }
    let cur = runs[runs.length - 1];
    if (!cur || !(round.n > cur.xs[cur.xs.length - 1]))
      runs.push((cur = { recs: [], xs: [], label: `lines ${li + 1}+`, fromOne: round.fromOne }));
    cur.recs.push(rec);
    cur.xs.push(round.n);
    if (++total > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} rounds.`);
  }
  if (total < 3) return undefined;
  const rawRuns: RawRun[] = runs.map((r) => {
    const cols = new Map<string, RawColumn>();
    // the x axis counts trees: XGBoost and CatBoost number rounds from 0, LightGBM from 1 ("[1]" is its first tree)
    const shift = r.fromOne ? 0 : 1;
    r.recs.forEach((rec, k) => {
      for (const [name, v] of rec) {
        let c = cols.get(name);
        if (!c) cols.set(name, (c = { name, x: [], y: [] }));
        c.x.push(r.xs[k] + shift);
        c.y.push(v);
      }
    });
    return { xAxis: 'epoch', columns: [...cols.values()], label: runs.length > 1 ? r.label : undefined };
  });
  return {
    format: 'text',
    runs: rawRuns,
    warnings: [
      {
        code: 'boosting_rounds',
        message:
          "Read as boosting rounds ([N] set-metric:value); the x axis counts rounds, and each set's first loss-like metric is its loss.",
      },
    ],
    rows: total,
  };
}

/**
 * Free-form prints: DeepXDE's loss.dat, boosting rounds ([N] set-metric:value), Darknet's iterations, Marian's
 * updates, a GAN Visualizer's loss lines, else the printed-log reader (prints.ts).
 */
export function parseGenericText(lines: string[], limits: Limits): RawLog {
  return (
    parseDeepxdeLoss(lines, limits) ??
    parseBoostingRounds(lines, limits) ??
    parseDarknet(lines, limits) ??
    parseMarian(lines, limits) ??
    parseGanVisualizer(lines, limits) ??
    parsePrints(lines, limits)
  );
}
