/** JSON values as numbers: a list of numbers (or nulls, or number-like strings), a pandas column dict. */
import { isObject, type Literal } from '../literal.js';
import { parseNumber } from '../text.js';

/** jsonpickle's numpy scalar (`{"py/object": "numpy.float64", "dtype": "float64", "value": 0.41}`: pymarl's Sacred
 * info.json, anything that pickles a metric's numpy value to JSON) */
const NUMPY_SCALAR = /^numpy\.(?:float|int|uint)\d{0,3}$/;

export function toNumber(v: Literal | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseNumber(v);
  if (isObject(v) && typeof v['py/object'] === 'string' && NUMPY_SCALAR.test(v['py/object']))
    return typeof v.value === 'number' ? v.value : undefined;
  return undefined;
}

/** A value as a finite number (toNumber's), or undefined: NaN and infinities are no counter or step. */
export function finiteNumber(v: Literal | undefined): number | undefined {
  const n = toNumber(v);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

/** A list of numbers (or nulls), allowing number-like strings ("NaN" from some writers). */
export function numericList(v: Literal): (number | undefined)[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  let numeric = 0;
  const out: (number | undefined)[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const e = v[i];
    if (Array.isArray(e)) return undefined; // per-class arrays: not a scalar series
    const n = toNumber(e);
    if (n !== undefined) numeric++;
    else if (e !== null && typeof e !== 'string') return undefined;
    out[i] = n;
  }
  return numeric > 0 ? out : undefined;
}

/** pandas to_json(orient='columns'): {"loss": {"0": 0.69, "1": 0.51}} */
export function pandasColumn(v: Literal): (number | undefined)[] | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return undefined;
  const idx = keys.map(Number).sort((a, b) => a - b);
  const out: (number | undefined)[] = [];
  for (const k of idx) {
    const e = v[String(k)];
    if (e !== null && typeof e !== 'number' && typeof e !== 'string') return undefined;
    out.push(toNumber(e));
  }
  return out;
}

/** Does a list of numbers start with another (or equal it)? NaN matches NaN. */
export function startsWith(list: readonly (number | undefined)[], head: readonly (number | undefined)[]): boolean {
  return head.length <= list.length && head.every((v, i) => Object.is(v, list[i]));
}
