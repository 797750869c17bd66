/**
 * A run's total loss logged under the bare word `total` beside its terms (a VAE's `recon, kl, total`; a VQ model's
 * `total, vq, recon, align`): no loss word in any name, so nothing was read as a loss and the log was "not
 * assessable" (bench/wild40, bench/wild67). `total` is that run's loss when a term beside it is a loss's (a
 * reconstruction, a KL divergence, a codebook's commitment, or any series read as a loss or an error) and its values
 * show it: a sum of non-negative terms is at least each of them, at every point. Then it is the split's loss (the
 * training one where no split is named), with a `bare_total` warning; a run that logs a loss already keeps it.
 */
import type { IngestWarning, Series } from './schema.js';

/** Loss terms that carry no loss word: a VAE's reconstruction and KL divergence, a VQ model's codebook terms. */
const LOSS_TERM = /^(?:recon(?:struction)?|kld?|kl_div(?:ergence)?|vq|commitment|codebook)$/;

/** Fewer points cannot show a total to bound its terms. Ours. */
const TOTAL_MIN_POINTS = 3;

/** Float slack for a total written with fewer digits than its terms. Ours. */
const TOTAL_SLACK = 1e-6;

const splitOf = (s: Series) => (s.split === 'none' ? 'train' : s.split);

/** `total` is at least `term` wherever both hold a finite number, at TOTAL_MIN_POINTS points or more. */
function bounds(total: Series, term: Series): boolean {
  const at = new Map(term.x.map((x, i) => [x, term.y[i]]));
  let shared = 0;
  for (let i = 0; i < total.x.length; i++) {
    const v = at.get(total.x[i]);
    if (v === undefined || !Number.isFinite(v) || !Number.isFinite(total.y[i])) continue;
    if (total.y[i] < v - TOTAL_SLACK * Math.max(1, Math.abs(v))) return false;
    shared++;
  }
  return shared >= TOTAL_MIN_POINTS;
}

export function readBareTotals(series: Series[], warnings: IngestWarning[]): void {
  for (const total of series.filter((s) => s.base === 'total' && s.kind === 'other' && !s.derived)) {
    const split = splitOf(total);
    if (series.some((s) => s.kind === 'loss' && splitOf(s) === split)) continue;
    const terms = series.filter(
      (s) =>
        s !== total &&
        splitOf(s) === split &&
        (LOSS_TERM.test(s.base) || s.kind === 'error' || s.kind === 'loss') &&
        s.y.some((v) => Number.isFinite(v) && v >= 0),
    );
    if (terms.length === 0 || !terms.every((t) => bounds(total, t))) continue;
    total.kind = 'loss';
    if (total.split === 'none') total.split = 'train';
    const names = terms.map((t) => `"${t.name}"`).join(', ');
    const which = split === 'train' ? 'training' : split === 'val' ? 'validation' : split;
    const message = `"${total.name}" is read as the ${which} loss: the total of ${names} beside it (no name says "loss").`;
    if (!warnings.some((w) => w.code === 'bare_total' && w.message === message))
      warnings.push({ code: 'bare_total', message });
  }
}
