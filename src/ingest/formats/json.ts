/**
 * Structured inputs: Keras history.history (JSON / Python repr / pandas to_json), Hugging Face
 * trainer_state.json, TensorBoard JSON export, and lists of per-epoch records.
 */
import { IngestError, ACCEPTED_FORMATS_HINT } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS } from '../limits.js';
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import { canonicalName, isBookkeeping, isMetricKind, isSplitPrefix, kindOf, startsWithSplit } from '../names.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { EPOCH_KEY, segmentByEpoch, segmentBySteps, sortColumn, STEP_KEYS } from './axis.js';
import {
  evalsResult,
  findHistoryDict,
  findRecordList,
  historyDicts,
  historyRuns,
  metricFirst,
  nestedHistoryDicts,
  sacredMetrics,
  namedRecordLists,
  X_KEYS,
  aloneInList,
  unwrapAlone,
} from './json-shapes.js';
import { numericList, pandasColumn, toNumber } from './json-values.js';
import { fallingLoss } from './headerless.js';
import { fromLogHistory } from './hf-log-history.js';
import { catboostTraining } from './catboost-json.js';
import { openMmLabLog } from './mmcv-log-json.js';
import { sacredInfo } from './sacred-info.js';
import { splitOutputs } from './split-outputs.js';

export function interpretStructured(input: Literal, opts: { truncated?: boolean } = {}): RawLog {
  // a history alone in a list under a key is that history, for every reader below (`{"train": [history.history]}`)
  const value = isObject(input) ? unwrapAlone(input) : input;
  // Hugging Face trainer_state.json
  if (isObject(value) && Array.isArray(value.log_history)) return fromLogHistory(value.log_history, value);
  if (Array.isArray(value)) {
    const read = fromList(value, opts);
    if (read) return read;
  }
  if (isObject(value)) {
    // CatBoost's catboost_info/catboost_training.json: {"meta": {...}, "iterations": [{"learn": [...], ...}]}
    const cat = catboostTraining(value);
    if (cat) {
      const raw = fromRecords(cat.recs, 'keras-history-json');
      return { ...raw, warnings: [...cat.warnings, ...raw.warnings] };
    }
    // gradient boosting's evals_result: {"training": {"l2": [...]}, "valid_0": {"l2": [...]}}
    const evals = evalsResult(value);
    if (evals) {
      const raw = fromDictOfLists(evals.dict, opts.truncated ?? false);
      return { ...raw, warnings: [...evals.warnings, ...raw.warnings] };
    }
    // splits first, then each output's lists (Ludwig's training_statistics.json: split-outputs.ts)
    const outputs = splitOutputs(value);
    if (outputs) return fromDictOfLists(outputs, opts.truncated ?? false);
    // a history dict per stage or model, under its name: a run each, in the file's order
    const dicts = historyDicts(value);
    if (dicts) return namedRuns(dicts.map(([name, d]) => ({ name, raw: fromDictOfLists(d, opts.truncated ?? false) })));
    // Sacred's metrics.json: {"training.loss": {"steps": [...], "values": [...], "timestamps": [...]}}, or the
    // info.json pymarl fills: {"loss": [...], "loss_T": [...]} (sacred-info.ts)
    const metrics = sacredMetrics(value);
    const sacred = metrics ? { ...metrics, warnings: [] } : sacredInfo(value);
    if (sacred) {
      const read = fromRecords(sacred.records, 'keras-history-json');
      const raw = { ...read, warnings: [...sacred.warnings, ...read.warnings] };
      if (sacred.repeated)
        raw.warnings.push({
          code: 'repeated_steps',
          message: `Steps repeat in this ${metrics ? 'metrics.json (a restart, or values logged per batch at one step)' : "info.json (several values logged at one step, as pymarl's test runners log theirs)"}: ${
            sacred.repeated === 'in order'
              ? 'the values are read in the order they were logged.'
              : 'the metrics were logged at different steps, so the last value logged at each step is read.'
          }`,
        });
      return raw;
    }
    // metric first, then its splits or its values: {"loss": {"train": [...], "val": [...]}}
    const turned = metricFirst(value);
    if (turned) return fromDictOfLists(turned, opts.truncated ?? false);
    // lists of records per model or stage, under its name: a run each, in the file's order
    const named = namedRecordLists(value);
    if (named) return namedRuns(named.map(([name, recs]) => ({ name, raw: fromRecords(recs, 'keras-history-json') })));
    // the same a level down, beside the run's settings: {"config": {...}, "results": {"A": {...}, "B": {...}}}
    const nested = nestedHistoryDicts(value);
    if (nested)
      return namedRuns(nested.map(([name, d]) => ({ name, raw: fromDictOfLists(d, opts.truncated ?? false) })));
    // pandas orient='split': {"columns": [...], "index": [...], "data": [[...]]} (before its index reads as a list)
    if (pandasSplit(value)) return fromSplit(value);
    const dict = findHistoryDict(value, 0);
    if (dict) return fromDictOfLists(dict, opts.truncated ?? false);
    // a list of records under a key: {"history": [{"epoch": 1, "train_loss": ...}, ...], "config": {...}}
    const recs = findRecordList(value, 0);
    if (recs) return interpretStructured(recs, opts);
    // pandas orient='index': {"0": {"loss": ..}, "1": {...}}; a loop's own {"epoch_1": {"loss": ..}, ...}, whose
    // keys say the epoch (placed there unless the record says it)
    const keyed = Object.entries(value).map(([k, r]) => ({ m: RECORD_KEY.exec(k), r }));
    if (keyed.length > 0 && keyed.every(({ m, r }) => m && isObject(r))) {
      const named = keyed.every(({ m }) => m![1] !== undefined);
      const recs = keyed
        .map(({ m, r }) => ({ n: +m![2], r: r as LiteralObject }))
        .sort((a, b) => a.n - b.n)
        .map(({ n, r }) => (named && !X_KEYS.some((x) => x in r) ? { epoch: n, ...r } : r));
      return fromRecords(recs, 'keras-history-json');
    }
  }
  throw new IngestError(
    'no_series',
    'This JSON has no per-epoch metric lists (expected e.g. {"loss": [...], "val_loss": [...]} or a ' +
      `trainer_state.json with "log_history"). ${ACCEPTED_FORMATS_HINT}`,
  );
}

/** A document that is a list: TensorBoard's triples, per-epoch records (each maybe in a list of its own), or a bare
 * list of numbers; undefined for any other list. */
function fromList(value: Literal[], opts: { truncated?: boolean }): RawLog | undefined {
  if (value.length === 0) return bareLosses(value);
  // TensorBoard JSON download: [[wall, step, value], ...]
  if (value.every((r) => Array.isArray(r) && r.length === 3 && typeof r[1] === 'number'))
    return fromTensorBoardJson(value as Literal[][]);
  // records each in a list of their own ([[{"loss": ...}], [{...}]]: a loop appending [record] every epoch)
  if (value.every((r) => Array.isArray(r) && r.length === 1 && isObject(r[0])))
    return interpretStructured(
      value.map((r) => (r as Literal[])[0]),
      opts,
    );
  // one history dict in a list: json.dump([history.history], f)
  if (aloneInList(value)) return interpretStructured(value[0], opts);
  // a bare list of numbers: json.dump(losses, f)
  const bare = bareLosses(value);
  if (bare) return bare;
  if (!value.every((r) => isObject(r))) return undefined;
  // list of records: [{"epoch": 1, "loss": ...}, ...] (also HF log_history saved alone)
  const recs = value as LiteralObject[];
  const histories = historyLines(recs, opts.truncated ?? false);
  if (histories) return histories;
  // OpenMMLab's JSON logs: MMCV's log.json (1.x), MMEngine's scalars.json (2.x)
  const openMmLab = openMmLabLog(recs);
  if (openMmLab) return openMmLab;
  if (recs.some((r) => 'eval_loss' in r || ('step' in r && 'loss' in r))) return fromLogHistory(recs, undefined);
  return fromRecords(recs, 'keras-history-json');
}

/** A record's key that is its row or epoch (axis.ts EPOCH_KEY): pandas' index (`"0"`), or an epoch's name. */
const RECORD_KEY = new RegExp(`^${EPOCH_KEY}$`, 'i');

/** Keras histories one after another, a run each (json-shapes.ts historyRuns); the other lines left out, said so. */
function historyLines(recs: LiteralObject[], truncated: boolean): RawLog | undefined {
  const found = historyRuns(recs);
  if (!found) return undefined;
  if (found.runs.length > MAX_LAYOUT_RUNS)
    throw new IngestError(
      'too_many_rows',
      `The file holds ${found.runs.length} histories, one per line (limit ${MAX_LAYOUT_RUNS}): send the runs you want diagnosed.`,
    );
  const raw = namedRuns(found.runs.map((d, i) => ({ name: `history ${i + 1}`, raw: fromDictOfLists(d, truncated) })));
  if (found.others > 0)
    raw.warnings.push({
      code: 'records_left_out',
      message: `${found.others} line(s) beside the histories hold no per-epoch lists (a run's settings, a final score): left out.`,
    });
  return raw;
}

/** Histories read under their names (a stage or a model each): their runs, labelled by name, in order. */
function namedRuns(parts: { name: string; raw: RawLog }[]): RawLog {
  const runs = parts.flatMap(({ name, raw }) =>
    raw.runs.map((r) => ({ ...r, label: r.label ? `${name}/${r.label}` : name })),
  );
  const rows = parts.reduce((n, p) => n + p.raw.rows, 0);
  return { ...parts[0].raw, runs, rows, warnings: parts.flatMap((p) => p.raw.warnings) };
}

function fromDictOfLists(dict: LiteralObject, truncated: boolean): RawLog {
  const warnings: IngestWarning[] = [];
  const lists: { name: string; values: (number | undefined)[] }[] = [];
  let pandas = false;
  for (const k of Object.keys(dict)) {
    const v = dict[k];
    let values = numericList(v);
    if (!values) {
      values = pandasColumn(v);
      if (values) pandas = true;
    }
    if (!values || isBookkeeping(k)) continue;
    // bookkeeping lists such as phase_starts: [0, 15, 40] are integers with no metric-like name
    if (kindOf(canonicalName(k).base) === 'other' && values.every((v) => v === undefined || Number.isInteger(v)))
      continue;
    lists.push({ name: k, values });
  }
  // Group into phases: keys like fine_tune_loss / reg_val_loss form their own run when their lists
  // differ in length from the unprefixed group (two fit() histories merged into one dict).
  const groups = groupPhases(lists);
  const runs: RawRun[] = [];
  let rows = 0;
  for (const g of groups) {
    const maxLen = g.lists.reduce((m, l) => Math.max(m, l.values.length), 0);
    rows += maxLen;
    const columns: RawColumn[] = [];
    for (const l of g.lists) {
      const n = l.values.length;
      // validation_freq=k: val lists are shorter; their entries belong to epochs k, 2k, ...
      let step = 1;
      if (n < maxLen) {
        const freq = Math.floor(maxLen / n); // Keras validates at k, 2k, ...: floor(epochs / k) values
        // (a cut-off paste makes the later lists short too: those align to the first epochs)
        if (!truncated && freq >= 2 && Math.abs(n * freq - maxLen) < freq) {
          step = freq;
          warnings.push({
            code: 'validation_freq',
            message: `"${l.name}" has ${n} values for ${maxLen} epochs; read as validation every ${freq} epochs.`,
          });
        } else {
          warnings.push({
            code: 'short_list',
            message: `"${l.name}" has ${n} values where other lists have ${maxLen}; aligned to the first epochs.`,
          });
        }
      }
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        const val = l.values[i];
        if (val === undefined) continue;
        x.push((i + 1) * step);
        y.push(val);
      }
      columns.push({ name: l.name.slice(g.prefix.length), x, y });
    }
    runs.push({
      label: g.prefix ? g.prefix.replace(/_$/, '') : undefined,
      xAxis: 'epoch',
      columns,
      epochNumbering: 'position',
    });
  }
  if (runs.length > 1 && !runs[0].label) runs[0].label = 'main';
  const clues: string[] = [];
  if (!pandas) clues.push(...keyOrderClues(lists.map((l) => l.name)));
  return { format: 'keras-history-json', runs, warnings, rows, clues: pandas ? ['pandas to_json'] : clues };
}

interface PhaseGroup {
  prefix: string;
  lists: { name: string; values: (number | undefined)[] }[];
}

function groupPhases(lists: { name: string; values: (number | undefined)[] }[]): PhaseGroup[] {
  // a prefix P is a phase when P+"loss" (or P+"val_loss") exists alongside other P-keys and P is not a split
  // prefix (names.ts: val_, eval_, dev_, trn_, ...)
  const names = new Set(lists.map((l) => l.name));
  const prefixes = new Set<string>();
  for (const n of names) {
    const m = /^(.+?_)(?:val_)?(loss|accuracy|acc)$/.exec(n);
    if (m && !startsWithSplit(m[1]) && !/_(val|train)_$/.test(m[1]) && !splitTwin(names, m[1] + m[2]))
      prefixes.add(m[1]);
  }
  if (prefixes.size === 0) return [{ prefix: '', lists }];
  const byPrefix = new Map<string, PhaseGroup>();
  byPrefix.set('', { prefix: '', lists: [] });
  for (const p of prefixes) byPrefix.set(p, { prefix: p, lists: [] });
  for (const l of lists) {
    let best = '';
    for (const p of prefixes) if (l.name.startsWith(p) && p.length > best.length) best = p;
    byPrefix.get(best)!.lists.push(l);
  }
  const main = byPrefix.get('')!;
  const phases = [...prefixes].map((p) => byPrefix.get(p)!).filter((g) => g.lists.length > 0);
  const mainHasLoss = main.lists.some((l) => /^(val_)?loss$/.test(l.name));
  const mainLen = main.lists.reduce((m, l) => Math.max(m, l.values.length), 0);
  // multi-output models: out1_loss, out2_loss next to a total "loss" of the same length -> not phases
  const distinct = phases.filter(
    (g) => !mainHasLoss || g.lists.reduce((m, l) => Math.max(m, l.values.length), 0) !== mainLen,
  );
  if (distinct.length === 0) return [{ prefix: '', lists }];
  const result: PhaseGroup[] = [];
  const rest = phases.filter((g) => !distinct.includes(g));
  if (main.lists.length + rest.reduce((a, g) => a + g.lists.length, 0) > 0) {
    result.push({ prefix: '', lists: [...main.lists, ...rest.flatMap((g) => g.lists)] });
  }
  // keep the phases in the order their keys first appeared
  distinct.sort((a, b) => lists.indexOf(a.lists[0]) - lists.indexOf(b.lists[0]));
  result.push(...distinct);
  // a "main" group with no loss-like key is not a run of its own
  return result.filter((g) => g.lists.length > 0);
}

/** Is `name` (mse_loss, recon_loss) logged again under a split prefix, exactly (val_mse_loss, val_recon_loss; not
 * val_shift_loss for ft_loss)? Then it names a loss of one run, as Keras names a compiled metric and its validation
 * twin, not a phase: a phase's validation loss keeps the phase first (fine_tune_val_loss). */
function splitTwin(names: Set<string>, name: string): boolean {
  for (const n of names)
    if (n.length > name.length && n.endsWith(name) && isSplitPrefix(n.slice(0, n.length - name.length))) return true;
  return false;
}

/** Key order tells the Keras version (docs/ingest.md#keras-history). */
function keyOrderClues(keys: string[]): string[] {
  const clues: string[] = [];
  if (keys.length >= 2 && keys[0].startsWith('val_') && keys.some((k) => !k.startsWith('val_'))) {
    clues.push('keras2:val_* keys first (Keras 2.3 fit_loop order)');
  }
  const sorted = [...keys].sort();
  if (keys.length >= 3 && keys.join() === sorted.join() && keys.some((k) => k.startsWith('val_'))) {
    clues.push('keras3:keys in alphabetical order (Keras 3 pythonify_logs)');
  }
  if (keys[0] === 'loss' && keys.some((k) => k.startsWith('val_')) && keys.join() !== sorted.join()) {
    clues.push('tfkeras:loss, metrics, then val_* (tf.keras order)');
  }
  return clues;
}

/** pandas' orient='split' and nothing beside it: named columns (a MultiIndex's are left to the other readers) and rows
 * of as many cells. */
function pandasSplit(v: LiteralObject): boolean {
  const { columns, data } = v;
  if (!Array.isArray(columns) || !Array.isArray(data) || data.length === 0) return false;
  if (!Object.keys(v).every((k) => k === 'columns' || k === 'index' || k === 'data')) return false;
  return (
    columns.every((c) => typeof c === 'string') && data.every((r) => Array.isArray(r) && r.length === columns.length)
  );
}

function fromSplit(v: LiteralObject): RawLog {
  const cols = (v.columns as Literal[]).map(String);
  const data = v.data as Literal[];
  const recs: LiteralObject[] = [];
  for (const row of data) {
    if (!Array.isArray(row)) continue;
    const r: LiteralObject = Object.create(null);
    cols.forEach((c, i) => (r[c] = row[i] ?? null));
    recs.push(r);
  }
  return fromRecords(recs, 'keras-history-json');
}

/** [{epoch, loss, val_loss}, ...]: one record per epoch. */
/**
 * `json.dump(losses, f)`: a list of numbers that reads as a loss (at least MIN_CURVE_POINTS finite, not all
 * whole, never negative, lower at the end than at the start) is the training loss per epoch, and a warning
 * says it was named by guess.
 */
function bareLosses(list: Literal[]): RawLog | undefined {
  const values = numericList(list);
  if (!values || values.length !== list.length) return undefined;
  // the headerless reader's test of an unnamed loss column (accuracies, rewards and timestamps rise; a list
  // that only might be a loss is better refused than diagnosed)
  if (!fallingLoss(values.map((v) => v ?? NaN))) return undefined;
  const x = values.map((_, i) => i + 1);
  return {
    format: 'keras-history-json',
    runs: [
      { xAxis: 'epoch', epochNumbering: 'position', columns: [{ name: 'loss', x, y: values.map((v) => v ?? NaN) }] },
    ],
    rows: values.length,
    warnings: [
      {
        code: 'unnamed_series',
        message:
          'The JSON is a bare list of numbers: it is read as the training loss, one value per epoch. Save a dict ({"loss": [...], "val_loss": [...]}) to name them.',
      },
    ],
  };
}

/** Epoch keys a record may count by. */
const EPOCH_KEYS = ['epoch', 'Epoch', 'epochs'];

/**
 * Records of other kinds between the epochs' (a JSONL log that also writes a provenance note, an evaluation sweep, a
 * benchmark: `{"kind": "train_epoch", "epoch": 3, ...}` beside `{"kind": "bench", ...}`): when at least half of
 * them, and MIN_CURVE_POINTS or more, count epochs and the rest none, the epochs' records are the run and the
 * others are left out, with a warning. Undefined when every record counts epochs, or too few do.
 */
function epochRecords(recs: LiteralObject[]): { recs: LiteralObject[]; left: number } | undefined {
  const key = EPOCH_KEYS.find((k) => recs.some((r) => Number.isFinite(toNumber(r[k]))));
  if (!key) return undefined;
  const kept = recs.filter((r) => Number.isFinite(toNumber(r[key])));
  if (kept.length === recs.length || kept.length < MIN_CURVE_POINTS || kept.length * 2 < recs.length) return undefined;
  return { recs: kept, left: recs.length - kept.length };
}

export function fromRecords(all: LiteralObject[], format: RawLog['format']): RawLog {
  const epochs = epochRecords(all);
  const recs = epochs?.recs ?? all;
  const counter = (keys: string[]) =>
    keys.find((k) => recs.length > 0 && recs.every((r) => Number.isFinite(toNumber(r[k]))));
  const byEpoch = counter(EPOCH_KEYS);
  // an RL loop's records count episodes the way a training loop's count epochs ({"episode": 12, "reward": ...})
  const episodeKey = byEpoch ? undefined : counter(['episode', 'Episode', 'episodes']);
  const epochKey = byEpoch ?? episodeKey;
  if (!epochKey) {
    const stepKey = STEP_KEYS.find((k) => recs.every((r) => Number.isInteger(toNumber(r[k]))));
    const stepped = stepKey ? fromStepRecords(recs, stepKey, format) : undefined;
    if (stepped) return stepped;
  }
  const warnings: IngestWarning[] = [];
  if (epochs)
    warnings.push({
      code: 'skipped_rows',
      message: `Left out ${epochs.left} record(s) without an epoch (notes, evaluations or benchmarks written between the epochs').`,
    });
  // the epoch column segments runs exactly as in a CSVLogger file (a restart starts a new run)
  const segments = segmentByEpoch(
    recs.map((r) => (epochKey ? toNumber(r[epochKey]) : undefined)),
    warnings,
    (row) => Object.keys(recs[row]).sort().join(','),
  );
  const runs: RawRun[] = segments.map((seg) => {
    const cols = new Map<string, RawColumn>();
    seg.rows.forEach((ri, k) => addRecord(cols, recs[ri], epochKey, seg.x[k]));
    return {
      xAxis: 'epoch' as const,
      ...(episodeKey ? { xUnit: 'episode' as const } : {}),
      columns: [...cols.values()],
      ...(seg.numbering ? { epochNumbering: seg.numbering } : {}),
      ...(seg.within ? { rowsWithinEpochs: true } : {}),
      label: segments.length > 1 ? `records ${seg.rows[0] + 1}+` : undefined,
    };
  });
  return { format, runs, warnings, rows: recs.length };
}

/** A record's key that holds one split's values ({"epoch": 1, "train": {"loss": ...}, "val": {"loss": ...}}). */
const SPLIT_KEY = /^(?:train|training|val|valid|validation|eval|test|dev)$/i;

/** One record's numeric values at x, each into its column (the axis key and bookkeeping left out); a split's
 * values nested under its name are that split's ("val": {"loss": 4.3} is val_loss). */
function addRecord(cols: Map<string, RawColumn>, r: LiteralObject, axisKey: string | undefined, x: number): void {
  const add = (name: string, v: Literal) => {
    const n = toNumber(v);
    if (n === undefined) return;
    let c = cols.get(name);
    if (!c) cols.set(name, (c = { name, x: [], y: [] }));
    // a value the record already gave under another spelling (train_loss beside "train": {"loss": ...}) stands
    if (c.x.length > 0 && c.x[c.x.length - 1] === x) return;
    c.x.push(x);
    c.y.push(n);
  };
  for (const key of Object.keys(r)) {
    if (key === axisKey || isBookkeeping(key)) continue;
    const v = r[key];
    // a split's values under its name, when they name a metric (a "train" dict of settings is no split's values)
    if (isObject(v) && SPLIT_KEY.test(key)) {
      const subs = Object.keys(v).filter((sub) => !isBookkeeping(sub));
      if (subs.some((sub) => isMetricKind(kindOf(canonicalName(sub).base))))
        for (const sub of subs) add(`${key}_${sub}`, v[sub]);
    } else add(key, v);
  }
}

/** Records on a step axis (segmentBySteps); undefined when the counter is not one (then they are read in order). */
function fromStepRecords(recs: LiteralObject[], stepKey: string, format: RawLog['format']): RawLog | undefined {
  const warnings: IngestWarning[] = [];
  const segments = segmentBySteps(
    recs.map((r) => toNumber(r[stepKey])),
    warnings,
  );
  if (!segments) return undefined;
  return {
    format,
    runs: segments.map((seg) => {
      const cols = new Map<string, RawColumn>();
      seg.rows.forEach((ri, k) => addRecord(cols, recs[ri], stepKey, seg.x[k]));
      for (const c of cols.values()) sortColumn(c);
      return {
        xAxis: 'step' as const,
        columns: [...cols.values()],
        label: segments.length > 1 ? `records ${seg.rows[0] + 1}+` : undefined,
      };
    }),
    warnings,
    rows: recs.length,
  };
}

function fromTensorBoardJson(rows: Literal[][]): RawLog {
  const col: RawColumn = { name: 'value', x: [], y: [] };
  for (const r of rows) {
    const step = toNumber(r[1]);
    const v = toNumber(r[2]);
    if (step === undefined || v === undefined || !Number.isFinite(step)) continue;
    col.x.push(step);
    col.y.push(v);
  }
  sortColumn(col);
  return { format: 'tensorboard-json', runs: [{ xAxis: 'step', columns: [col] }], warnings: [], rows: rows.length };
}
