/**
 * Where a history sits inside a JSON document: a dict of metric lists at the top or under a key, gradient
 * boosting's evals_result (a dict of them per evaluation set), or a list of per-epoch records under a key.
 */
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import { canonicalName, isBookkeeping, isMetricName, startsWithSplit } from '../names.js';
import type { IngestWarning } from '../schema.js';
import { numericList, pandasColumn, startsWith } from './json-values.js';

/** An evaluation set's name in LightGBM's, XGBoost's and CatBoost's evals_result (training, valid_0, validation_1,
 * eval, CatBoost's learn...). */
const EVAL_SET = /^(?:(train|training|trn|learn)|(valid|validation|val|eval|dev|test))(?:[_-]?(\d+))?$/i;

/**
 * LightGBM's and XGBoost's `evals_result_`: one dict of metric lists per evaluation set. Read as one history
 * with the sets as splits (`training`'s l2 -> l2, `valid_0`'s l2 -> val_l2). XGBoost names its sets
 * validation_0, validation_1 in eval_set order, and people pass the training set first: with no set named
 * for training, the first of two is read as training and a warning says so. A third set is left out. The
 * same shape with records or bare lists per split (`{"train": [...], "val": [...]}`) is read alike.
 */
export function evalsResult(obj: LiteralObject): { dict: LiteralObject; warnings: IngestWarning[] } | undefined {
  // the keys that name a set; others (a "config" beside {"train": ..., "val": ...}) are not part of the history
  const named = Object.keys(obj)
    .map((k) => ({ k, m: EVAL_SET.exec(k) }))
    .filter((x) => x.m);
  const others = Object.keys(obj).length - named.length;
  if (named.length < 1 || named.length > 6) return undefined;
  if (others > 0 && !(named.some((x) => x.m![1]) && named.some((x) => !x.m![1]))) return undefined;
  // each set a dict of metric lists, a list of per-epoch records ({"train": [{"loss": ...}], "val": [...]}),
  // or a list of numbers (that set's loss)
  const sets = named.map((x) => ({ ...x, v: asLists(obj[x.k]) }));
  if (!sets.every((x) => x.v && Object.values(x.v).some((l) => numericList(l)))) return undefined;
  if (!recordsAlign(named.map((x) => obj[x.k]))) return undefined;
  const warnings: IngestWarning[] = [];
  let train = sets.find((x) => x.m![1]);
  let vals = sets.filter((x) => !x.m![1]);
  // only XGBoost's numbered sets (validation_0, validation_1) follow eval_set's order; named ones say what they are
  if (!train && vals.length === 2 && vals.every((x) => x.m![3] !== undefined)) {
    [train, ...vals] = vals;
    warnings.push({
      code: 'eval_set_order',
      message: `No evaluation set is named for training: "${train.k}" (the first of eval_set) is read as the training set and "${vals[0].k}" as validation.`,
    });
  }
  if (vals.length > 1) warnings.push(extraSetsWarning(vals.map((x) => x.k)));
  const dict: LiteralObject = {};
  for (const [set, prefix] of [
    [train, ''],
    [vals[0], 'val_'],
  ] as const)
    if (set)
      for (const [name, list] of Object.entries(set.v!))
        // a name that already says its split ("val_loss" under "val") keeps one prefix
        dict[`${prefix}${prefix ? name.replace(SPLIT_NAME, '') : name}`] = list;
  return { dict, warnings };
}

/** Several evaluation sets, the first read as validation: the warning that names the ones left out. */
export function extraSetsWarning(sets: string[]): IngestWarning {
  return {
    code: 'extra_eval_sets',
    message: `Read "${sets[0]}" as the validation set; ${sets
      .slice(1)
      .map((s) => `"${s}"`)
      .join(', ')} left out.`,
  };
}

/** A split prefix a record key may carry already. */
const SPLIT_NAME = /^(?:val|valid|validation|eval|dev|test)[_/-]/i;
/** Record keys a set may hold before it is not a history (per-sample values keyed by file name are not). */
const MAX_RECORD_KEYS = 64;
/** Record keys that place a record on the x axis. */
export const X_KEYS = ['epoch', 'step', 'iteration', 'global_step'];

/** A set's metrics as a dict of lists: the dict itself, a list of records turned into one list per key, or
 * a list of numbers as that set's loss. */
function asLists(v: Literal | undefined): LiteralObject | undefined {
  if (isObject(v)) return v;
  if (!Array.isArray(v) || v.length === 0) return undefined;
  if (numericList(v)) return { loss: v };
  if (!v.every((r) => isObject(r))) return undefined;
  const recs = v as LiteralObject[];
  const keys = new Set<string>();
  for (const r of recs) {
    for (const k of Object.keys(r)) keys.add(k);
    if (keys.size > MAX_RECORD_KEYS) return undefined;
  }
  const out: LiteralObject = {};
  for (const k of keys) out[k] = recs.map((x) => x[k] ?? null);
  return out;
}

/**
 * Sets of records are read side by side, by position: only when they are as long as each other and any
 * epoch or step they carry is the same in each (validation every 5 epochs, or a final test record, is not
 * aligned; the caller then reads the training records alone, as before).
 */
function recordsAlign(values: Literal[]): boolean {
  const lists = values.filter((v): v is LiteralObject[] => Array.isArray(v) && v.length > 0 && v.every(isObject));
  if (lists.length < 2) return true;
  if (!lists.every((l) => l.length === lists[0].length)) return false;
  return X_KEYS.every((k) => lists.every((l) => l.every((r, i) => r[k] === lists[0][i][k])));
}

/** Keys people save a history under, searched first. */
const HISTORY_KEYS = [
  'history',
  'hist',
  'metrics',
  'logs',
  'log',
  'train_log',
  'records',
  'training_history',
  'train_history',
  'results',
];

/** An object's keys, the ones people save a history under first (the sort keeps the rest in order). */
function keysHistoryFirst(obj: LiteralObject): string[] {
  return Object.keys(obj).sort((a, b) => (HISTORY_KEYS.includes(b) ? 1 : 0) - (HISTORY_KEYS.includes(a) ? 1 : 0));
}

/** The dict of numeric lists: at the top, or under a key such as "history" (people save {history, params}). */
export function findHistoryDict(obj: LiteralObject, depth: number): LiteralObject | undefined {
  let lists = 0;
  let labels = 0;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const values = numericList(v);
    if (values && labelList(k, v)) labels++;
    else if (values || pandasColumn(v)) lists++;
  }
  if (lists > 0) return obj;
  if (depth < 3) {
    for (const k of keysHistoryFirst(obj)) {
      const v = obj[k];
      const found = isObject(v) ? findHistoryDict(v, depth + 1) : undefined;
      if (found) return found;
    }
  }
  // text lists alone, with no history below them: read as they are (numbers saved as text under a name no metric's)
  return labels > 0 ? obj : undefined;
}

/** Text only under a name that is no metric's (`"gestures": ["1", "hola", "4"]`, the classes beside a history saved
 * under "metrics"): labels, whichever of them read as numbers, when a history sits below them. A metric saved as text
 * (`"loss": ["0.52", ...]`) is still a list of values. */
function labelList(key: string, v: Literal): boolean {
  return Array.isArray(v) && v.every((e) => e === null || typeof e === 'string') && !namesMetric(key);
}

/**
 * Several history dicts side by side under names (`{"phase1_initial": {"train_loss": [...], ...},
 * "phase2_finetune": {...}}`: one per stage or model), in the file's order; undefined unless the object holds
 * no list of its own and at least two of its values are dicts of metric lists (a dict beside them, such as
 * the run's config, is left out).
 */
export function historyDicts(obj: LiteralObject): [string, LiteralObject][] | undefined {
  const found: [string, LiteralObject][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (numericList(v) || pandasColumn(v)) return undefined;
    if (isObject(v) && Object.entries(v).some(([name, list]) => namesMetric(name) && numericList(list)))
      found.push([k, v]);
  }
  return found.length >= 2 ? found : undefined;
}

/**
 * historyDicts one level down, under the one key that holds any history (`{"config": {...}, "results": {"HistoMoE":
 * {"train_losses": [...]}, "Baseline": {...}}}`). Not when a key holds a history itself (`{"history": {"loss":
 * [...]}, "baselines": {...}}`: the history is the run), nor for dicts that share no metric (`{"losses": {...},
 * "accuracies": {...}}`: one run's parts), nor for a train and a validation set under their names (`train`, `valset`, `val_metrics`).
 */
export function nestedHistoryDicts(obj: LiteralObject): [string, LiteralObject][] | undefined {
  const children = Object.values(obj).filter((v): v is LiteralObject => isObject(v));
  if (metricLists(obj).length > 0 || children.some((v) => metricLists(v).length > 0)) return undefined;
  const holding = children.filter((v) => holdsHistory(v, 1));
  if (holding.length !== 1) return undefined;
  const found = historyDicts(holding[0]);
  if (!found || found.some(([name]) => SET_NAME.test(name) || startsWithSplit(name))) return undefined;
  const first = new Set(metricLists(found[0][1]));
  return found.every(([, d]) => metricLists(d).some((m) => first.has(m))) ? found : undefined;
}

/**
 * Keras histories one after another (JSON lines, or printed dicts, one per model or fold): the dicts that are a run
 * each, and how many other lines there are (a run's settings, a final score), when at least two lines are histories
 * (isHistoryDict). As with printed lists (prints.ts), a history printed before (a summary) is left out, and one that
 * extends the one before it (a dict printed each epoch as it grows) replaces it.
 */
export function historyRuns(recs: LiteralObject[]): { runs: LiteralObject[]; others: number } | undefined {
  const histories = recs.filter(isHistoryDict);
  if (histories.length < 2) return undefined;
  const runs: LiteralObject[] = [];
  for (const d of histories) {
    if (runs.some((r) => extendsHistory(r, d))) continue;
    const last = runs[runs.length - 1];
    if (last && extendsHistory(d, last)) runs[runs.length - 1] = d;
    else runs.push(d);
  }
  return { runs, others: recs.length - histories.length };
}

/** Does history `d` hold every entry of `head`, each list starting with head's (the same history, or it grown)? */
function extendsHistory(d: LiteralObject, head: LiteralObject): boolean {
  return Object.entries(head).every(([k, v]) => {
    const values = numericList(v);
    if (!values) return JSON.stringify(d[k]) === JSON.stringify(v);
    const list = numericList(d[k]);
    return list !== undefined && startsWith(list, values);
  });
}

/**
 * A history dict alone in a list (`{"training": [history.history]}`, `json.dump([history.history], f)`: a list
 * meant to hold a history per stage or fold that got one), else undefined.
 */
export function aloneInList(v: Literal): LiteralObject | undefined {
  return Array.isArray(v) && v.length === 1 && isObject(v[0]) && isHistoryDict(v[0]) ? v[0] : undefined;
}

/** The object with each history alone in a list (aloneInList) read as that history; the object itself when none is. */
export function unwrapAlone(obj: LiteralObject): LiteralObject {
  const entries = Object.entries(obj);
  if (!entries.some(([, v]) => aloneInList(v))) return obj;
  return Object.fromEntries(entries.map(([k, v]) => [k, aloneInList(v) ?? v]));
}

/** A history dict as a line of its own holds it (`print(json.dumps(history.history))` per model): lists of numbers
 * under metric names, and no single number (an epoch's record that carries its batches' losses as a list,
 * `{"epoch": 3, "batch_losses": [...], "lr": 0.001}`, is no history). */
function isHistoryDict(d: LiteralObject): boolean {
  return metricLists(d).length > 0 && !Object.values(d).some((v) => typeof v === 'number');
}

/** The keys of a dict's lists of numbers named as metrics (not settings such as Adam's `betas` or `milestones`). */
function metricLists(d: LiteralObject): string[] {
  return Object.keys(d).filter((k) => (numericList(d[k]) || pandasColumn(d[k])) && namesMetric(k));
}

/** Does a dict hold metric lists, at most three levels down? */
function holdsHistory(d: LiteralObject, depth: number): boolean {
  if (metricLists(d).length > 0) return true;
  return depth < 3 && Object.values(d).some((v) => isObject(v) && holdsHistory(v, depth + 1));
}

/** A data set's name rather than a model's or a stage's: `train`, `valset`, `test_2`, `tr`, `te`. */
const SET_NAME =
  /^(?:train|training|trn|tr|valid|validation|val|eval|dev|test|testing|te)(?:[_-]?(?:set|data|split|\d+))?$/i;

/**
 * Metric first, then its lists: `{"loss": {"train": [...], "val": [...]}, "accuracy": {...}}` (a split per
 * list, named `val_loss` and so on) or `{"accuracy": {"values": [...], "max": 0.97, "mean": 0.91}}` (one list
 * beside summary numbers, named by the metric). A test set is `test_loss`; a second validation set is left
 * out. Undefined unless the object holds no list of its own and every dict in it is one of these under a name
 * that is a metric's (or a learning rate's or bookkeeping's, kept the same way); any other dict beside them
 * (a config) leaves the document to the shapes above.
 */
export function metricFirst(obj: LiteralObject): LiteralObject | undefined {
  const out: LiteralObject = {};
  let metrics = 0;
  const put = (key: string, list: Literal) => {
    // a second validation set ("valid_1" after "valid_0") is left out, as evalsResult leaves it
    if (!(key in out)) out[key] = list;
  };
  for (const [k, v] of Object.entries(obj)) {
    if (numericList(v) || pandasColumn(v)) return undefined;
    if (!isObject(v)) continue;
    // a learning rate or a counter kept the same way beside the metrics is one more list, not a metric's
    const metric = namesMetric(k);
    if (!metric && !isBookkeeping(k) && canonicalName(k).kind !== 'lr') return undefined;
    const lists = Object.entries(v).filter(([, l]) => numericList(l));
    if (lists.length === 0) return undefined;
    const splits = lists.every(([name]) => EVAL_SET.test(name));
    if (splits) {
      for (const [name, l] of lists) {
        const m = EVAL_SET.exec(name)!;
        put(m[1] ? k : /^test/i.test(name) ? `test_${k}` : `val_${k}`, l);
      }
    } else if (
      lists.length === 1 &&
      Object.values(v).every((x) => x === null || typeof x !== 'object' || x === lists[0][1])
    ) {
      put(k, lists[0][1]);
    } else return undefined;
    if (metric) metrics++;
  }
  return metrics > 0 ? out : undefined;
}

/**
 * Lists of per-epoch records side by side under names (`{"mlp": [{"epoch": 1, "train_loss": ...}], "text":
 * [...]}`: a model or stage each), in the file's order; undefined unless at least two values are such lists of
 * at least MIN_NAMED_RECORDS records that share a metric, and no name begins with a split (`{"train_log":
 * [...], "val_log": [...]}` is one run's splits, not two runs).
 */
export function namedRecordLists(obj: LiteralObject): [string, LiteralObject[]][] | undefined {
  const found: [string, LiteralObject[]][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (!Array.isArray(v) || v.length < MIN_NAMED_RECORDS || !v.every((r) => isObject(r))) continue;
    const recs = v as LiteralObject[];
    if (!recs.some((r) => Object.entries(r).some(([name, x]) => typeof x === 'number' && namesMetric(name)))) continue;
    if (startsWithSplit(k) || EVAL_SET.test(k)) return undefined;
    found.push([k, recs]);
  }
  if (found.length < 2) return undefined;
  // models or stages log the same metrics: lists that share none (a history beside per-sample predictions) are
  // not runs of one kind
  const metricsOf = (recs: LiteralObject[]) =>
    new Set(recs.flatMap((r) => Object.keys(r).filter((name) => typeof r[name] === 'number' && namesMetric(name))));
  const first = metricsOf(found[0][1]);
  return found.every(([, recs]) => [...metricsOf(recs)].some((m) => first.has(m))) ? found : undefined;
}
/** records a named list needs to count as a run (a list of one final record is a result, not a curve) */
const MIN_NAMED_RECORDS = 3;

/** Does a record key name a metric (a loss, accuracy, score or error)? */
function namesMetric(key: string): boolean {
  return !isBookkeeping(key) && isMetricName(key);
}

/** A list of per-epoch records (numbers under metric names), at most three levels down, preferred keys first. */
export function findRecordList(obj: LiteralObject, depth: number): LiteralObject[] | undefined {
  const keys = keysHistoryFirst(obj);
  // lists whose records name a metric (loss, accuracy, ...), the longest first: {"layers": [{"units": 64}],
  // "log": [{"epoch": 1, "train_loss": ...}]} is read from "log"
  const lists = keys
    .map((k) => obj[k])
    .filter(
      (v): v is LiteralObject[] =>
        Array.isArray(v) &&
        v.length > 0 &&
        v.every((r) => isObject(r)) &&
        v.some((r) => Object.entries(r as LiteralObject).some(([k, x]) => typeof x === 'number' && namesMetric(k))),
    );
  if (lists.length > 0) return lists.reduce((a, b) => (b.length > a.length ? b : a));
  if (depth >= 2) return undefined;
  for (const k of keys) {
    const v = obj[k];
    const found = isObject(v) ? findRecordList(v, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Sacred's metrics.json entry: `{"steps": [...], "values": [...], "timestamps": [...]}` (timestamps optional). */
function sacredEntry(v: Literal): { steps: number[]; values: (number | undefined)[] } | undefined {
  if (!isObject(v) || Object.keys(v).some((k) => k !== 'steps' && k !== 'values' && k !== 'timestamps'))
    return undefined;
  const steps = numericList(v.steps);
  const values = numericList(v.values);
  if (!steps || !values || steps.length !== values.length || steps.some((s) => s === undefined)) return undefined;
  return { steps: steps as number[], values };
}

/**
 * Sacred's FileStorageObserver `metrics.json` (`_run.log_scalar("training.loss", v, step)`): a `{steps, values,
 * timestamps}` entry per metric, each logged at its own steps. The entries as records on one step axis
 * (`{"step": 3, "training.loss": 0.41, "validation.loss": 0.52}`), a metric absent where it was not logged.
 * Steps that repeat within an entry (a restart, or a value per batch logged at the epoch's step) would overwrite
 * each other: then, when every entry is as long as the others, the records are the entries' values in the order
 * logged (`repeated: 'in order'`); otherwise the last value logged at a step stands (`repeated: 'last'`). Undefined
 * unless every entry of the object has that shape and one names a metric.
 */
export function sacredMetrics(
  obj: LiteralObject,
): { records: LiteralObject[]; repeated?: 'in order' | 'last' } | undefined {
  const entries = Object.entries(obj);
  if (entries.length === 0 || entries.length > MAX_RECORD_KEYS) return undefined;
  const parsed: SacredEntry[] = [];
  for (const [name, v] of entries) {
    const e = sacredEntry(v);
    if (!e) return undefined;
    parsed.push([name, e]);
  }
  if (!entries.some(([name]) => namesMetric(name))) return undefined;
  return sacredRecords(parsed);
}

/** A metric's values and the steps they were logged at, under its name. */
export type SacredEntry = [string, { steps: number[]; values: (number | undefined)[] }];

/** Entries logged at their own steps as records on one step axis (sacredMetrics says how repeats are read; with
 * `inOrder` false a repeated step always keeps its last value: pymarl's info.json, whose lists are logged at
 * their own steps and are not to be paired by position). */
export function sacredRecords(
  parsed: SacredEntry[],
  inOrder = true,
): { records: LiteralObject[]; repeated?: 'in order' | 'last' } {
  const repeated = parsed.some(([, e]) => e.steps.some((st, i) => i > 0 && st <= e.steps[i - 1]));
  const n = parsed[0][1].values.length;
  if (inOrder && repeated && parsed.every(([, e]) => e.values.length === n)) {
    const records = Array.from({ length: n }, (_, i) => {
      const r: LiteralObject = {};
      for (const [name, e] of parsed) r[name] = e.values[i] ?? null;
      return r;
    });
    return { records, repeated: 'in order' };
  }
  const byStep = new Map<number, LiteralObject>();
  for (const [name, e] of parsed)
    e.steps.forEach((step, i) => {
      let r = byStep.get(step);
      if (!r) byStep.set(step, (r = { step }));
      r[name] = e.values[i] ?? null;
    });
  const records = [...byStep.keys()].sort((a, b) => a - b).map((st) => byStep.get(st)!);
  return { records, ...(repeated ? { repeated: 'last' as const } : {}) };
}
