/**
 * Quoting the run's numbers so the user can check them against their file: every value, change, count
 * and epoch a reason or headline shows is read from the raw series (the values the user can see), at
 * the points it names, and labelled the file's way (CSVLogger's 0-based `epoch`, the console's 1-based
 * "Epoch 19/60", a step). Smoothed or robust statistics that drive a decision are quoted by their
 * evidence name, worded as what they are ("its noise", "its smoothed level").
 *
 * Each quote leaves a Claim, the definition of the number shown, so a test can recompute it from the
 * log without this module's arithmetic (test/diagnose/quotes.test.ts).
 */
import type { Run, Series } from '../ingest/schema.js';
import { xLabel, type Evidence } from './schema.js';
import { compact } from '../util/format.js';

/** What a shown number means, in terms of the raw series (by key) and the file's x positions. */
export type Claim =
  /** the raw value of `series` at x */
  | { kind: 'value'; series: string; x: number; shown: string }
  /** |y(to) - y(from)| / |y(from)|, as a percentage */
  | { kind: 'change'; series: string; from: number; to: number; shown: string }
  /** |y(to) - y(from)|, in the series' units (where y(from) is 0 or below and a share would mean nothing) */
  | { kind: 'difference'; series: string; from: number; to: number; shown: string }
  /** the point at x is in the file, shown with the file's label */
  | { kind: 'label'; x: number; shown: string }
  /** how many points of `series` lie in (from, to] */
  | { kind: 'count'; series: string; from: number; to: number; shown: string }
  /** a smoothed or robust measurement (a JSON evidence field when `name` is one), worded as the statistic
   * it is where it is shown ("its smoothed level", "its noise") */
  | { kind: 'stat'; name: keyof Evidence | string; value: number; as: 'pct' | 'num'; shown: string };

/** The quoting state of one diagnosis: the run, its pair, and the claims made since the last take(). */
export interface Quoter {
  run: Run;
  train?: Series;
  val?: Series;
  /** the training loss beside a held-out score judged alone (held-out.ts): quoted, never judged */
  beside?: Series;
  inverted: boolean;
  pending: Claim[];
}

export function quoter(
  run: Run,
  train: Series | undefined,
  val: Series | undefined,
  inverted: boolean,
  beside?: Series,
): Quoter {
  return { run, train, val, inverted, pending: [], ...(beside ? { beside } : {}) };
}

/** The claims made since the last call (one sentence's). */
export function take(q: Quoter): Claim[] {
  return q.pending.splice(0, q.pending.length);
}

/** The number the user's file gives the point at x (xLabel in schema.ts, from the run's numbering). */
export function fileLabel(run: Pick<Run, 'xAxis' | 'epochNumbering' | 'rowsWithinEpochs'>, x: number): number {
  return xLabel(labelFields(run), x);
}

/** The evidence fields that say how the run's file labels its points (`x_label_offset`, `x_rows_within_epoch`). */
export function labelFields(
  run: Pick<Run, 'xAxis' | 'epochNumbering' | 'rowsWithinEpochs'>,
): Pick<Evidence, 'x_label_offset' | 'x_rows_within_epoch'> {
  if (run.xAxis !== 'epoch') return { x_label_offset: 0 };
  return {
    x_label_offset: run.epochNumbering === 'from0' ? -1 : 0,
    ...(run.rowsWithinEpochs ? { x_rows_within_epoch: 1 } : {}),
  };
}

/** A run's x as its file writes it: "18", "4.50" (a point inside an epoch, two decimals). */
export function shownLabel(run: Pick<Run, 'xAxis' | 'epochNumbering' | 'rowsWithinEpochs'>, x: number): string {
  const v = fileLabel(run, x);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** What a run's points count: "epoch", "step" or "episode". */
export function unitOf(run: Pick<Run, 'xAxis' | 'xUnit'>): string {
  return run.xUnit ?? (run.xAxis === 'epoch' ? 'epoch' : 'step');
}

/** "epoch 18" / "step 1200" / "episode 40": the point at x, the file's way. */
export function at(q: Quoter, x: number | undefined): string {
  const unit = unitOf(q.run);
  if (x === undefined) return `${unit} ?`;
  const shown = shownLabel(q.run, x);
  q.pending.push({ kind: 'label', x, shown });
  return `${unit} ${shown}`;
}

type Which = 'train' | 'val' | 'beside';

/** The raw point of a series at x, or the last finite one before it (a per-step train log at an eval point). */
export function pointAt(s: Series, x: number): { x: number; y: number } | undefined {
  let found: { x: number; y: number } | undefined;
  for (let i = 0; i < s.x.length && s.x[i] <= x + 1e-9; i++)
    if (Number.isFinite(s.y[i])) found = { x: s.x[i], y: s.y[i] };
  return found;
}

/** The first / last finite point of a series. */
export function firstPoint(s: Series): { x: number; y: number } | undefined {
  for (let i = 0; i < s.y.length; i++) if (Number.isFinite(s.y[i])) return { x: s.x[i], y: s.y[i] };
  return undefined;
}
export function lastPoint(s: Series): { x: number; y: number } | undefined {
  for (let i = s.y.length - 1; i >= 0; i--) if (Number.isFinite(s.y[i])) return { x: s.x[i], y: s.y[i] };
  return undefined;
}

/** The series' best raw point (from x = fromX on): its minimum, or its maximum for an accuracy-like (inverted) pair. */
export function bestPoint(s: Series, inverted: boolean, fromX = -Infinity): { x: number; y: number } | undefined {
  let best: { x: number; y: number } | undefined;
  for (let i = 0; i < s.y.length; i++) {
    const y = s.y[i];
    if (!Number.isFinite(y) || s.x[i] < fromX) continue;
    if (!best || (inverted ? y > best.y : y < best.y)) best = { x: s.x[i], y };
  }
  return best;
}

function seriesOf(q: Quoter, which: Which): Series | undefined {
  return which === 'train' ? q.train : which === 'val' ? q.val : q.beside;
}

/** 3 significant digits (util/format.ts's compact). */
export const num = (v: number | undefined) => (v === undefined ? String(v) : compact(v, 3));

/** Below 10% a percentage keeps one decimal (3.4%), above it none (34%). */
const PCT_ONE_DECIMAL_BELOW = 0.1;
export const pct = (v: number | undefined) =>
  v === undefined ? '?' : `${(v * 100).toFixed(Math.abs(v) < PCT_ONE_DECIMAL_BELOW ? 1 : 0)}%`;

/** The raw value of a series at x ("0.44"). When the series has no finite value there (a NaN, a per-step
 * train log between evals) it is the last one before x, and the text names that point ("0.7 at epoch 2"). */
export function value(q: Quoter, which: Which, x: number): string {
  const s = seriesOf(q, which);
  const p = s && pointAt(s, x);
  if (!s || !p) return '?';
  const shown = num(p.y);
  q.pending.push({ kind: 'value', series: s.key, x: p.x, shown });
  return sameX(p.x, x) ? shown : `${shown} at ${at(q, p.x)}`;
}

const sameX = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** A change relative to its start means something only from a start above 0 to an end not below it: a reward
 * from -205 to 4030 did not rise 2066%, and a loss from -0.055 to -0.62 did not fall 1032%. The evidence's
 * `*_change_since_best` follow the same rule (measure.ts). */
export function shareMeans(from: number, to: number): boolean {
  return from >= 1e-12 && to >= 0;
}

/** The raw change of a series from x0 to x1, relative and unsigned ("38%"; an accuracy too, as the
 * evidence's `val_change_since_best` and the chart say it), or its difference where a share means nothing
 * ("13"). The caller words its direction. */
export function change(q: Quoter, which: Which, x0: number, x1: number): string {
  const s = seriesOf(q, which);
  const a = s && pointAt(s, x0);
  const b = s && pointAt(s, x1);
  if (!s || !a || !b) return '?';
  // from 0 or below, a percentage means nothing ("rose 38000000000000%", "ends 453% higher" from -2.86 to 10.1):
  // the difference says it, in the series' units
  const share = shareMeans(a.y, b.y);
  const shown = share ? pct(Math.abs(b.y - a.y) / a.y) : num(Math.abs(b.y - a.y));
  q.pending.push({ kind: share ? 'change' : 'difference', series: s.key, from: a.x, to: b.x, shown });
  return sameX(a.x, x0) && sameX(b.x, x1) ? shown : `${shown} (from ${at(q, a.x)} to ${at(q, b.x)})`;
}

/** "fell 82% (0.237 -> 0.0434)": the raw move of a series between two points, worded by its sign. */
export function moved(q: Quoter, which: Which, x0: number, x1: number): string {
  const s = seriesOf(q, which);
  const a = s && pointAt(s, x0);
  const b = s && pointAt(s, x1);
  if (!a || !b) return 'has no values to compare';
  const sign = Math.sign(b.y - a.y);
  const word = sign > 0 ? 'rose' : sign < 0 ? 'fell' : 'stayed flat';
  // the values name their points when they are not the ones asked for; the change runs between them
  if (sign === 0) return `${word} (${value(q, which, x1)})`;
  // from 0 or below, a percentage means nothing ("rose 45480000000000%"): the two values say it
  if (!shareMeans(a.y, b.y)) return `${word} (${value(q, which, x0)} -> ${value(q, which, x1)})`;
  return `${word} ${change(q, which, a.x, b.x)} (${value(q, which, x0)} -> ${value(q, which, x1)})`;
}

/** How many points of a series lie after x0, up to x1. */
export function count(q: Quoter, which: Which, x0: number, x1: number): string {
  const s = seriesOf(q, which);
  if (!s) return '?';
  let c = 0;
  for (let i = 0; i < s.x.length; i++) if (s.x[i] > x0 + 1e-9 && s.x[i] <= x1 + 1e-9 && Number.isFinite(s.y[i])) c++;
  const shown = String(c);
  q.pending.push({ kind: 'count', series: s.key, from: x0, to: x1, shown });
  return shown;
}

/** A smoothed or robust measurement as shown ("31%", "21.7"); the sentence words it as the statistic it is. */
export function stat(
  q: Quoter,
  name: keyof Evidence | string,
  v: number | undefined,
  as: 'pct' | 'num' = 'pct',
): string {
  if (v === undefined || !Number.isFinite(v)) return '?';
  const shown = as === 'pct' ? pct(v) : num(v);
  q.pending.push({ kind: 'stat', name, value: v, as, shown });
  return shown;
}
