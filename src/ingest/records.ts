/**
 * A running best logged beside the curve it tracks (`best_val_loss`, `best_acc`, `val_acc_best`,
 * `best_score_so_far`): the best value so far, a record that can only improve. Read as a metric of its own it was a
 * second training curve, so an eval-only log's `val_loss` beside its `best_val_loss` read "val_loss rose while
 * best_val_loss kept falling" as overfitting. A series named so whose values never get worse is that record and is
 * not judged; one that does get worse is a per-epoch metric the name qualifies (the F1 at the epoch's best
 * threshold, `edge_best_f1`), and keeps its reading.
 */
import { normaliseWords } from './names.js';
import type { IngestWarning, Series } from './schema.js';

/** The words that name a record rather than a measurement: `best`, `so_far`. */
const RECORD_WORDS = /(?:^|[_/])(?:best|so_far)(?:[_/]|$)/;

/** Fewer points cannot show that a series only improves. */
const RECORD_MIN_POINTS = 3;

/** Relative slack for a value printed again with other rounding (`0.4531` then `0.453`). */
const RECORD_ROUNDING = 1e-6;

/** Is this series a running best: named as one, and never worse than it was? */
function isRunningBest(s: Series): boolean {
  if (!RECORD_WORDS.test(normaliseWords(s.name))) return false;
  const higher = s.kind === 'accuracy' || s.kind === 'score';
  if (!higher && s.kind !== 'loss' && s.kind !== 'error') return false;
  const finite = s.y.filter(Number.isFinite);
  if (finite.length < RECORD_MIN_POINTS) return false;
  for (let i = 1; i < finite.length; i++) {
    const slack = RECORD_ROUNDING * Math.max(Math.abs(finite[i]), Math.abs(finite[i - 1]));
    const worse = higher ? finite[i] < finite[i - 1] - slack : finite[i] > finite[i - 1] + slack;
    if (worse) return false;
  }
  return true;
}

/** Running bests are kept for display but not judged (kind `other`), with one `running_best` warning. */
export function readRunningBests(series: Series[], warnings: IngestWarning[]): void {
  const records = series.filter(isRunningBest);
  if (records.length === 0) return;
  for (const s of records) s.kind = 'other';
  const names = records.map((s) => `"${s.name}"`).join(', ');
  const are = records.length > 1 ? 'are running bests' : 'is a running best';
  warnings.push({
    code: 'running_best',
    message: `${names} ${are} (never worse than before: the best value so far), a record rather than a curve: not judged.`,
  });
}
