/**
 * A file of numbers only, named by its file name: `np.savetxt('val_loss.txt', losses)`, `json.dump(train_losses,
 * open('train_loss.json', 'w'))`, `print(np.array(losses))` redirected to `loss.txt`, or `f.write(f"{epoch}_{loss}\n")`.
 * The numbers cannot say what they are; a file name that is a metric's name can (`val_loss.txt`, `train_losses.json`,
 * `val_acc_history.txt`). Without such a name, only numpy's printed array (`[3.05 2.93 2.87 ...]`, which no other
 * reader takes) is read, as the training loss when it falls like one (the bare JSON list's rule).
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { baseName, canonicalName, isMetricKind } from '../names.js';
import type { RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { fallingLoss } from './headerless.js';
import { EPOCH_KEY } from './axis.js';

/** Suffixes that say "the values of" after a metric's name: `val_loss_history.txt`, `losses_list.json`,
 * `rewards_per_episode.csv`. */
const VALUE_SUFFIX =
  /_(?:history|hist|log|list|values|vals|curve|per_(?:epoch|episode|step|iter|iteration)|epochs?|arr|array|record)$/;
/** Prefixes that say how the values were pooled or what they were counted per: `avg_rewards.txt`,
 * `episode_returns.csv`, `mean_loss.txt`, `epoch_losses.json`. */
const POOLED_PREFIX = /^(?:avg|mean|average|running|smoothed|episode|ep|epoch)_(?=[a-z])/i;
/** The agent a reward list is named for before its reward (`ppo_rewards.csv`, `dqn_returns.txt`): a reinforcement
 * learning algorithm's name, dropped like the pooling prefix (a statistic, `std_rewards`, or a split, `holdout_rewards`,
 * is no agent). */
const AGENT_PREFIX =
  /^(?:ppo|dqn|ddqn|a2c|a3c|sac|td3|ddpg|trpo|reinforce|sarsa|qlearning|q_learning|impala|rainbow|agent|policy)_(?=(?:rewards?|returns?)$)/i;
/** Extensions of a saved list of numbers (a `.npy` is binary and never reaches a reader). */
const LIST_EXT = /\.(?:txt|csv|tsv|json|log|dat|out|np|list)$/i;

/** Does a file's name say its values are one per epoch (`epoch_losses.json`, `loss_per_epoch.txt`)? */
export function fileNameCountsEpochs(fileName: string | undefined): boolean {
  const base = baseName(fileName);
  return /^epoch_|_per_epoch\./i.test(base);
}

/**
 * The metric a file's name names, as written (`val_loss` for `val_loss.txt`), or undefined. The stem must be
 * one metric's name and nothing more: a split prefix or suffix, then one word whose kind is a loss, accuracy,
 * score or error (`loss`, `losses`, `acc`, `mae`, `val_loss`, `loss_train`; how it was pooled or counted may stand
 * around it: `avg_rewards.txt`, `rewards_per_episode.csv`; a reward may follow its agent's name: `ppo_rewards.csv`),
 * so `data.txt`, `message.txt` or
 * `loss_function_notes.txt` name nothing.
 */
export function metricFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = baseName(fileName);
  if (!LIST_EXT.test(base)) return undefined;
  const stem = base
    .replace(LIST_EXT, '')
    .replace(VALUE_SUFFIX, '')
    .replace(POOLED_PREFIX, '')
    .replace(AGENT_PREFIX, '');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(stem)) return undefined;
  const c = canonicalName(stem);
  if (!isMetricKind(c.kind) || !/^[a-z][a-z0-9]{0,20}$/.test(c.base)) return undefined;
  return stem;
}

/** numpy's and torch's wrapper around a printed array: `array([...], dtype=float32)`, `tensor([...])`. */
const WRAPPER_HEAD = /^(?:np\.|numpy\.|torch\.)?(?:array|tensor)\(/;
/** its trailing keyword arguments (bounded, anchored at the end) */
const WRAPPER_TAIL = /(?:,\s{0,4}(?:dtype|device|requires_grad)=[\w.:'"]{1,40}){1,3}\s{0,4}$/;

interface Numbers {
  y: number[];
  /** a counter before each value ("3_0.51", "3 0.51", "3,0.51"), when every line has one */
  x?: number[];
  /** the counter rises by more than one: steps, not epochs */
  steps?: boolean;
  /** where the counter falls back: a run starts again there (counterLines) */
  restarts?: number[];
  /** counters on each line before the value, when more than one (`3 300000 0.51`: 2) */
  counters?: number;
  /** numpy's printed array: whitespace between numbers inside brackets */
  numpy: boolean;
  /** a JSON list: commas between numbers inside brackets (or a JSON dict from epoch to value) */
  json?: boolean;
  /** a JSON dict from epoch to value */
  dict?: boolean;
}

/**
 * The text as a list of numbers, or undefined when it holds anything else (a word, a header, a nested list,
 * two numbers on a line that are not a counter and a value). Inside brackets the numbers may wrap over lines
 * (numpy does); outside, one number per line (bare, or each in its wrapper: `tensor(0.5)`, `[0.5]`), or one line of
 * them.
 */
function numbersOf(text: string): Numbers | undefined {
  let t = text.trim();
  // one wrapped value a line, before the wrapper around the whole text (`tensor(0.5)` twice is not one tensor)
  const wrapped = wrappedLines(t);
  if (wrapped) return { y: wrapped, numpy: false };
  const head = WRAPPER_HEAD.exec(t);
  if (head && t.endsWith(')')) t = t.slice(head[0].length, -1).replace(WRAPPER_TAIL, '').trim();
  // a dict from epoch to value, as json.dump writes one: {"001": 0.349, "002": 0.310}
  if (t.startsWith('{') && t.endsWith('}')) return epochDict(t.slice(1, -1));
  const bracketed = t.startsWith('[') && t.endsWith(']');
  if (bracketed) t = t.slice(1, -1);
  if (t.includes('[') || t.includes(']')) return undefined;
  const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return undefined;
  if (!bracketed && lines.length > 1) {
    const counted = counterLines(lines);
    if (counted) return { ...counted, numpy: false };
    if (lines.some((l) => /\S[\s,]+\S/.test(l.trim()))) return undefined;
  }
  const cells = t.split(/[\s,]+/).filter((c) => c !== '');
  const y: number[] = [];
  for (const c of cells) {
    const v = parseNumber(c);
    if (v === undefined) return undefined;
    y.push(v);
  }
  // numpy prints an array with spaces between its numbers; a JSON list has commas
  return { y, numpy: bracketed && !t.includes(','), json: bracketed && t.includes(',') };
}

/** A JSON object's key that is a counter (axis.ts EPOCH_KEY), quoted, before its value. */
const DICT_KEY = new RegExp(`^\\s*"${EPOCH_KEY}"\\s*:`, 'i');

/** A value printed in its wrapper: a one-element list (`[0.52]`), a tensor or numpy scalar (parseNumber's). */
const ONE_ELEMENT = /^\[\s*([^\s,[\]]{1,40})\s*\]$/;
const SCALAR_WRAPPER = /^(?:<|[A-Za-z][\w.]{0,20}\()/;

/** One wrapped value a line (`f.write(str(loss))` of a tensor, `[0.52]` of a one-element array), at least two lines:
 * the values; undefined when any line is another shape (plain numbers go the plain way). */
function wrappedLines(t: string): number[] | undefined {
  const first = t.slice(0, t.indexOf('\n') + 1 || t.length).trim();
  if (!ONE_ELEMENT.test(first) && !SCALAR_WRAPPER.test(first)) return undefined;
  const lines = t.split(/\r?\n/).map((l) => l.trim());
  const y: number[] = [];
  for (const l of lines) {
    if (l === '') continue;
    const one = ONE_ELEMENT.exec(l);
    const v = one ? parseNumber(one[1]) : SCALAR_WRAPPER.test(l) ? parseNumber(l) : undefined;
    if (v === undefined) return undefined;
    y.push(v);
  }
  return y.length >= 2 ? y : undefined;
}

/** The entries of a JSON object whose keys are all counters (`"3": 0.51`, `"epoch3": 0.51`), as counter lines;
 * undefined for any other. */
function epochDict(inner: string): Numbers | undefined {
  const entries = inner.split(',').filter((e) => e.trim() !== '');
  const keys = entries.map((e) => DICT_KEY.exec(e));
  if (entries.length === 0 || !keys.every((k) => k !== null)) return undefined;
  // in the keys' order as numbers: json.dumps(sort_keys=True) writes "1", "10", "11", ..., "2"
  const lines = entries.map((e) => e.replace(DICT_KEY, '$2:').trim());
  lines.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const counted = counterLines(lines);
  // keys named for epochs count epochs, however far apart ("epoch0", "epoch5", ...)
  const epochs = keys.every((k) => k![1] !== undefined);
  return counted && { ...counted, steps: counted.steps && !epochs, numpy: false, json: true, dict: true };
}

/** An epoch word before the counter ("Epoch 3: 0.51", "epoch 3 0.51"), and the epochs planned after it ("Epoch 3/10"). */
const EPOCH_WORD = /^epoch\s*(\d{1,9})(?:\s*\/\s*\d{1,9})?/i;

/** Counters a line may carry before its value ("3 0.51"; "3 30000 0.51": an evaluation's index and its step; an
 * epoch, its step and a sample count): more is a table of numbers, not counters before one value. */
const MAX_COUNTERS = 3;

interface Counted {
  x: number[];
  y: number[];
  steps: boolean;
  /** where a run starts again (its counter falls back: logs of several runs appended), after the first */
  restarts: number[];
  counters?: number;
}

/** One line's counters and value, or undefined when it is not whole-number counters then a number. */
function counterLine(line: string): { counters: number[]; v: number; epochWord: boolean } | undefined {
  const t = line.trim();
  const word = EPOCH_WORD.exec(t);
  const cells = (word ? word[1] + t.slice(word[0].length) : t).split(/\s*[_,:;]\s*|\s+/);
  if (cells.length < 2 || cells.length > MAX_COUNTERS + 1 || (word && cells.length !== 2)) return undefined;
  const nums = cells.map(parseNumber);
  const v = nums.pop();
  if (v === undefined || !nums.every((c) => c !== undefined && Number.isInteger(c) && c >= 0)) return undefined;
  return { counters: nums as number[], v, epochWord: word !== null };
}

/**
 * "3_0.51" / "3 0.51" / "3,0.51" / "3: 0.51" / "Epoch 3: 0.51" on every line, the first a whole-number counter
 * that rises (also written as a float: np.savetxt's "1.000000000000000000e+00 3.05e+00"). Counting by one, it
 * counts epochs; by more (0, 100, 200), steps. A line may carry more counters (moreCounters). Where the counter
 * falls back (every counter, with more than one), a run starts again (training restarted, appended to the same
 * file); a counter that repeats is no counter.
 */
function counterLines(lines: string[]): Counted | undefined {
  const rows: number[][] = [];
  const y: number[] = [];
  const restarts: number[] = [];
  // "Epoch 5: ..., Epoch 10: ..." counts epochs, however far apart
  let epochs = false;
  for (const line of lines) {
    const got = counterLine(line);
    const last = rows.at(-1);
    if (!got || (last && got.counters.length !== last.length)) return undefined;
    epochs ||= got.epochWord;
    if (last && got.counters.every((c, i) => c < last[i])) {
      // a run of one line is no run (counters printed in falling order are no log of runs)
      if (rows.length - (restarts.at(-1) ?? 0) < 2 || restarts.length >= MAX_LAYOUT_RUNS) return undefined;
      restarts.push(rows.length);
    } else if (last && !got.counters.every((c, i) => c > last[i])) return undefined;
    rows.push(got.counters);
    y.push(got.v);
  }
  if (rows.length - (restarts.at(-1) ?? 0) < 2 && restarts.length > 0) return undefined;
  const starts = new Set(restarts);
  const x = rows.map((r) => r[0]);
  const byOne = x.every((c, i) => i === 0 || starts.has(i) || c === x[i - 1] + 1);
  if (rows[0].length > 1 && !moreCounters(rows, starts, byOne)) return undefined;
  return { x, y, steps: !epochs && !byOne, restarts, ...(rows[0].length > 1 ? { counters: rows[0].length } : {}) };
}

/**
 * More than one counter on a line ("3 300000 0.51": an evaluation's index, its step, its value): the first must
 * count the lines of each run, from 0 or 1 and by one, and each other must count by more than one somewhere (a
 * step), so a year (`2021 1 3.2`) or a value that happens to rise (`1 2 3`, `2 3 4`) is no counter.
 */
function moreCounters(rows: number[][], starts: Set<number>, byOne: boolean): boolean {
  if (!byOne || ![0, ...starts].every((i) => rows[i][0] <= 1)) return false;
  return rows[0]
    .slice(1)
    .every((_, k) => rows.some((r, i) => i > 0 && !starts.has(i) && r[k + 1] - rows[i - 1][k + 1] > 1));
}

/** A file named for a test metric alone (`test_loss.txt`, MLflow's `metrics/test_loss`) holds the held-out curve:
 * read as validation, as the printed-log reader reads a test curve alone. The column's name, and how a message shows
 * it. */
export function heldOutColumn(name: string): { column: string; shown: string } {
  const column =
    canonicalName(name).split === 'test'
      ? name.replace(/^(?:test|testing)(?=[_/-])|(?<=[_/-])(?:test|testing)$/i, 'val')
      : name;
  return { column, shown: column !== name ? `${column} (the held-out curve)` : column };
}

const tooMany = (n: number, limits: Limits) =>
  new IngestError('too_many_rows', `The file holds ${n} numbers (limit ${limits.maxRows}). Save one value per epoch.`);

/**
 * The reading of a numbers-only text: named by the file (`name`), else, for numpy's printed array alone, the
 * training loss when the values fall like one. Undefined when the text is not numbers only, or nothing names them.
 */
export function readNumberList(
  text: string,
  limits: Limits,
  name: string | undefined,
  opts: { epochs?: boolean } = {},
): RawLog | undefined {
  // without a name only numpy's printed array is read: a cheap look at its head first
  if (!name && !/^\s*(?:\[|(?:np\.|numpy\.|torch\.)?(?:array|tensor)\()/.test(text.slice(0, 40))) return undefined;
  const nums = numbersOf(text);
  if (!nums || nums.y.filter(Number.isFinite).length < MIN_CURVE_POINTS) return undefined;
  if (!name && !(nums.numpy && fallingLoss(nums.y))) return undefined;
  if (nums.y.length > limits.maxRows) throw tooMany(nums.y.length, limits);
  // a file named for per-epoch values (`epoch_losses.json`) counts epochs, however far apart its counters are
  const steps = nums.steps && !opts.epochs;
  const unit = steps ? 'step' : 'epoch';
  const shape = nums.numpy
    ? "numpy's printed array"
    : nums.dict
      ? `a dict from ${unit} to value`
      : nums.x
        ? `${unit === 'epoch' ? 'an' : 'a'} ${unit}${nums.counters ? `, ${nums.counters - 1} more counter(s)` : ''} and a value per line`
        : 'a list of numbers';
  const held = name ? heldOutColumn(name) : undefined;
  const column = held?.column;
  const message = name
    ? `The file is ${shape} without a name inside: it is read as ${held?.shown}, from the file's name ${name}, one value per ${unit}.`
    : `The file is ${shape} without a name: it is read as the training loss, one value per epoch. Save a dict ({"loss": [...], "val_loss": [...]}) to name them.`;
  const bounds = [0, ...(nums.restarts ?? []), nums.y.length];
  const runs = bounds.slice(1).map((end, i): RawRun => {
    const y = nums.y.slice(bounds[i], end);
    const counters = nums.x?.slice(bounds[i], end);
    const from0 = counters?.[0] === 0 && !steps;
    const x = counters ? counters.map((c) => (from0 ? c + 1 : c)) : y.map((_, k) => k + 1);
    return {
      // runs appended to one file, each named by where its counter starts (as the file counts)
      ...(bounds.length > 2 ? { label: `from ${unit} ${counters![0]}` } : {}),
      xAxis: unit,
      ...(from0 ? { epochNumbering: 'from0' as const } : counters ? {} : { epochNumbering: 'position' as const }),
      columns: [{ name: column ?? 'loss', x, y }],
    };
  });
  return {
    // json.dump(losses) is a JSON document; numpy's print and a column are text
    format: nums.json ? 'keras-history-json' : 'csv',
    runs,
    rows: nums.y.length,
    warnings: [{ code: name ? 'named_by_file' : 'unnamed_series', message }],
  };
}
