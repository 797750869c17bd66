/**
 * What a series' values say about what it is, after its name was read: zeros written where nothing was measured,
 * an ELBO logged as the bound rather than the loss, a running best rather than a curve, a loss column that copies an
 * accuracy's, a total loss under the bare word `total`, an accuracy in percent.
 */
import { readCopiedColumns } from './copies.js';
import { readElbo } from './elbo.js';
import { dropPlaceholderZeros } from './placeholders.js';
import { readRunningBests } from './records.js';
import { readBareTotals } from './totals.js';
import type { IngestWarning, Series } from './schema.js';

export function readByValues(series: Series[], warnings: IngestWarning[]): void {
  dropPlaceholderZeros(series, warnings);
  readElbo(series, warnings);
  readRunningBests(series, warnings);
  readCopiedColumns(series, warnings);
  readBareTotals(series, warnings);
  repairPercentAccuracy(series, warnings);
}

/** PyTorch scripts often log accuracy in percent; diagnosis thresholds are on [0, 1]. */
function repairPercentAccuracy(series: Series[], warnings: IngestWarning[]): void {
  for (const s of series) {
    if (s.kind !== 'accuracy') continue;
    let max = -Infinity;
    for (const v of s.y) if (Number.isFinite(v) && v > max) max = v;
    if (max > 1.5 && max <= 100) {
      s.y = s.y.map((v) => v / 100);
      warnings.push({
        code: 'percent_accuracy',
        message: `"${s.name}" looks like a percentage (max ${max}); divided by 100.`,
      });
    }
  }
}
