/**
 * Splits first, then each output's metric lists: Ludwig's `training_statistics.json`,
 * `{"training": {"combined": {"loss": [...]}, "<output>": {"loss": [...], "accuracy": [...]}}, "validation": {...},
 * "test": {...}}` (older Ludwig names its training set `train`). Without this reading the JSON reader took the
 * first dict of lists it met, often the test set's (`test` sorts first), for the run's training curves: a test
 * loss that rose after its minimum read as a training loss diverging. Read as one history: each set's metrics under
 * its split (`train_loss`, `val_loss`, `test_loss`); Ludwig's `combined` output (the sum of the outputs' losses) or
 * a lone output by the metric's name alone, any other output by its name too (`val_intent_accuracy`).
 */
import { isObject, type LiteralObject } from '../literal.js';
import { canonicalName, isMetricName } from '../names.js';
import { numericList } from './json-values.js';

/** A data set's name at the top of such a document, and the split it is. */
const SET: [RegExp, Split][] = [
  [/^(?:train|training)$/i, 'train'],
  [/^(?:val|valid|validation|eval|dev)$/i, 'val'],
  [/^(?:test|testing)$/i, 'test'],
];

/** The output Ludwig sums the others' losses into. */
const COMBINED = 'combined';

/**
 * The document as one dict of metric lists named by split (and by output where it has several), or undefined
 * unless its keys are data sets' names (beside settings that hold no list: current Ludwig's
 * `evaluation_frequency`) and a training or validation set holds outputs' dicts of metric lists. Several outputs
 * are read only beside Ludwig's `combined` (their sum, the loss judged): models, seeds or folds side by side
 * under each set have no total to judge, and are left to the other readings. Not when a set holds lists of its
 * own too (`{"train": {"loss": [...], "report": {...}}}`) or is itself a list, two keys name one split, an output
 * is named as a split (`val`), or its metrics name their splits (a whole history under a key): those are other
 * shapes. A final score under a set's name and an output of settings are left out.
 */
export function splitOutputs(obj: LiteralObject): LiteralObject | undefined {
  const sets: [Split, LiteralObject][] = [];
  for (const [key, set] of Object.entries(obj)) {
    const split = SET.find(([re]) => re.test(key))?.[1];
    if (split === undefined || !isObject(set)) {
      // a setting beside the sets, or a final score under a set's name; lists there are another shape
      if (holdsLists(set)) return undefined;
    } else {
      // a set's own lists, or a second key for one split (`val` and `validation`): another shape
      if (metricLists(set).length > 0 || sets.some(([other]) => other === split)) return undefined;
      sets.push([split, set]);
    }
  }
  const outputsOf = (set: LiteralObject) =>
    Object.entries(set).filter((o): o is [string, LiteralObject] => isObject(o[1]) && metricLists(o[1]).length > 0);
  const names = new Set(sets.flatMap(([, set]) => outputsOf(set).map(([name]) => name)));
  if (names.size === 0 || [...names].some(namedAsSplit)) return undefined;
  // metrics that name a split themselves (`{"training": {"history": {"loss": [...], "val_loss": [...]}}}`): a
  // whole history under a key, not an output's metrics
  if (sets.some(([, set]) => outputsOf(set).some(([, lists]) => metricLists(lists).some(namesSplit)))) return undefined;
  if (names.size > 1 && !names.has(COMBINED)) return undefined;
  // named by output only beside `combined` and at least two others (with one, `combined` is that output's loss)
  const named = names.size > 2;
  const out: LiteralObject = {};
  let held = false;
  for (const [split, set] of sets) {
    // the combined output first: its value stands where a lone output's has the same name
    const outputs = outputsOf(set).sort(([a], [b]) => +(b === COMBINED) - +(a === COMBINED));
    for (const [output, lists] of outputs) {
      held ||= split !== 'test';
      for (const metric of metricLists(lists)) {
        const name = !named || output === COMBINED ? `${split}_${metric}` : `${split}_${output}_${metric}`;
        if (!(name in out)) out[name] = lists[metric];
      }
    }
  }
  return held ? out : undefined;
}

type Split = 'train' | 'val' | 'test';

/** An output named as a split, or beginning with one (`val`, `test_head`): its names would read as that split's. */
const namedAsSplit = (name: string) => SET.some(([re]) => re.test(name.split(/[_/-]/)[0]));

/** A metric's name that says a split (`val_loss`, `eval_loss`, `loss_val`). */
const namesSplit = (metric: string) => !!canonicalName(metric).splitNamed;

/** Does a value hold a numeric list, itself or a level or two down (a setting holds none)? */
function holdsLists(v: LiteralObject[string], depth = 0): boolean {
  if (Array.isArray(v)) return numericList(v) !== undefined;
  return isObject(v) && depth < 2 && Object.values(v).some((x) => holdsLists(x, depth + 1));
}

/** The keys of a dict that hold a metric's list of numbers. */
function metricLists(d: LiteralObject): string[] {
  return Object.keys(d).filter((k) => numericList(d[k]) !== undefined && isMetricName(k));
}
