/**
 * Sacred's `info.json` as pymarl (and EPyMARL, pymarl2) fill it: `_run.info` holds each logged statistic as a list
 * beside the list of the environment steps it was logged at, under the same name with `_T`:
 *
 *   {"critic_loss": [0.216, 0.044, ...], "critic_loss_T": [2209, 4227, ...],
 *    "return_mean": [{"py/object": "numpy.float64", "value": 4.48}, ...], "return_mean_T": [55, 2059, ...], ...}
 *
 * Each list is read on its own steps (the step lists are no metrics), as Sacred's metrics.json is. Values
 * jsonpickle wrote as numpy scalars are numbers (json-values.ts); a list of pickled tensors holds no number a
 * reader can take: it is left out, and a warning names it.
 */
import { isObject, type Literal, type LiteralObject } from '../literal.js';
import type { IngestWarning } from '../schema.js';
import { isBookkeeping, isMetricName } from '../names.js';
import { numericList } from './json-values.js';
import { sacredRecords, type SacredEntry } from './json-shapes.js';

/** The suffix of a statistic's step list. */
const STEPS_SUFFIX = '_T';
/** At least this many statistics with their steps: one pair is too little to call a file this layout. */
const MIN_PAIRS = 2;
/** At most this many keys (pymarl logs a few dozen statistics). */
const MAX_KEYS = 256;

export interface SacredInfo {
  records: LiteralObject[];
  repeated?: 'in order' | 'last';
  warnings: IngestWarning[];
}

/** A list of environment steps (pymarl's `t_env`): whole numbers from 0 that never go down (the test runners log
 * several values at one step). A list of falling floats under a `_T` name (a target domain's, a teacher's loss) is
 * no step list. */
function stepList(v: Literal | undefined): number[] | undefined {
  const list = v === undefined ? undefined : numericList(v);
  if (!list) return undefined;
  const out: number[] = [];
  for (const t of list) {
    if (t === undefined || !Number.isInteger(t) || t < 0 || (out.length > 0 && t < out[out.length - 1]))
      return undefined;
    out.push(t);
  }
  return out;
}

/** The statistics of a pymarl info.json on their steps, or undefined unless every key is a list with its `_T`
 * steps (or those steps), there are MIN_PAIRS of them, and one names a metric. */
export function sacredInfo(obj: LiteralObject): SacredInfo | undefined {
  const keys = Object.keys(obj);
  if (keys.length < 2 * MIN_PAIRS || keys.length > MAX_KEYS) return undefined;
  const names = keys.filter((k) => !k.endsWith(STEPS_SUFFIX));
  if (names.length * 2 !== keys.length || !names.every((k) => k + STEPS_SUFFIX in obj)) return undefined;
  const entries: SacredEntry[] = [];
  const unread: string[] = [];
  for (const name of names) {
    const steps = stepList(obj[name + STEPS_SUFFIX]);
    const raw = obj[name];
    if (!steps || !Array.isArray(raw) || raw.length !== steps.length) return undefined;
    const values = numericList(raw);
    if (values) entries.push([name, { steps, values }]);
    else if (raw.every(isObject)) unread.push(name);
    else return undefined;
  }
  if (entries.length < MIN_PAIRS || !entries.some(([n]) => !isBookkeeping(n) && isMetricName(n))) return undefined;
  const warnings: IngestWarning[] = unread.length
    ? [
        {
          code: 'unreadable_values',
          message: `Read as Sacred's info.json (pymarl), each statistic on its own _T steps. Left out: ${unread
            .map((n) => `"${n}"`)
            .join(', ')} (objects holding no number, such as pickled tensors).`,
        },
      ]
    : [];
  return { ...sacredRecords(entries, false), warnings };
}
