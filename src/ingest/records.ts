/**
 * A running best logged beside the curve it tracks (`best_val_loss`, `best_acc`, `val_acc_best`,
 * `best_score_so_far`): the best value so far, a record that can only improve. Read as a metric of its own it was a
 * second training curve, so an eval-only log's `val_loss` beside its `best_val_loss` read "val_loss rose while
 * best_val_loss kept falling" as overfitting. A series named so is that record when its values never get worse and
 * show it: they hold at least once (a best not beaten that epoch), or they are another series' best so far, point for
 * point. Otherwise it is a per-epoch metric the name qualifies (the F1 at the epoch's best threshold, `edge_best_f1`,
 * which gets worse, or rises every epoch of a short healthy run) and keeps its reading.
 */
import { normaliseWords } from './names.js';
import type { IngestWarning, Series } from './schema.js';
import { warnOnce } from './warnings.js';

/** The words that name a record rather than a measurement: `best`, `so_far`. */
const RECORD_WORDS = /(?:^|[_/])(?:best|so_far)(?:[_/]|$)/;

/** Fewer points cannot show that a series only improves. */
const RECORD_MIN_POINTS = 3;

/** Relative slack for the float noise of a value written out again (a best carried over from an earlier epoch). */
const RECORD_FLOAT_NOISE = 1e-9;

const same = (a: number, b: number) => Math.abs(a - b) <= RECORD_FLOAT_NOISE * Math.max(Math.abs(a), Math.abs(b));

/** The best so far of a series' values at each point (lower is better unless `higher`). */
function bestSoFar(y: number[], higher: boolean): number[] {
  let best = NaN;
  return y.map((v) => {
    if (Number.isFinite(v) && !(higher ? v <= best : v >= best)) best = v;
    return best;
  });
}

/** Is this series a running best: named as one, never worse than it was, and holding once or another series'
 * best so far? */
function isRunningBest(s: Series, run: Series[]): boolean {
  if (!RECORD_WORDS.test(normaliseWords(s.name))) return false;
  const higher = s.kind === 'accuracy' || s.kind === 'score';
  if (!higher && s.kind !== 'loss' && s.kind !== 'error') return false;
  const finite = s.y.filter(Number.isFinite);
  if (finite.length < RECORD_MIN_POINTS) return false;
  let holds = false;
  for (let i = 1; i < finite.length; i++) {
    if (same(finite[i], finite[i - 1])) holds = true;
    else if (higher ? finite[i] < finite[i - 1] : finite[i] > finite[i - 1]) return false;
  }
  return holds || run.some((o) => o !== s && tracks(s, o, higher));
}

/** Is `record` the best so far of `other`, at every point they share (at least RECORD_MIN_POINTS)? */
function tracks(record: Series, other: Series, higher: boolean): boolean {
  if (other.kind !== record.kind) return false;
  const at = new Map(other.x.map((x, i) => [x, i]));
  const best = bestSoFar(other.y, higher);
  let shared = 0;
  for (let i = 0; i < record.x.length; i++) {
    const j = at.get(record.x[i]);
    if (j === undefined || !Number.isFinite(record.y[i])) continue;
    if (!same(record.y[i], best[j])) return false;
    shared++;
  }
  return shared >= RECORD_MIN_POINTS;
}

/** Running bests are kept for display but not judged (kind `other`), with one `running_best` warning per file (a
 * file of appended runs names its records once). */
export function readRunningBests(series: Series[], warnings: IngestWarning[]): void {
  const records = series.filter((s) => isRunningBest(s, series));
  if (records.length === 0) return;
  for (const s of records) s.kind = 'other';
  const names = records.map((s) => `"${s.name}"`).join(', ');
  const are = records.length > 1 ? 'are running bests' : 'is a running best';
  const message = `${names} ${are} (never worse than before: the best value so far), a record rather than a curve: not judged.`;
  warnOnce(warnings, { code: 'running_best', message });
}
