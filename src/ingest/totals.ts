/**
 * A run's total loss logged under the bare word `total` beside its terms (a VAE's `recon, kl, total`; a VQ model's
 * `total, vq, recon, align`): no loss word in any name, so nothing was read as a loss and the log was "not
 * assessable" (bench/wild40, bench/wild67). `total` is that run's loss when a term beside it is a loss's (a
 * reconstruction, a KL divergence, a codebook's commitment, or any series read as an error) and its values show it: a
 * sum of non-negative terms is at least each of them at every point, and moves with their sum (a count, a time or a
 * reward logged as `total` beside an error does not). Then it is the split's loss (the training one where no split is
 * named), with a `bare_total` warning; a run that logs a loss of that split already keeps it. Per-step series
 * (`total_step`) are left to the epoch's.
 */
import type { IngestWarning, Series } from './schema.js';
import { warnOnce } from './warnings.js';

/** Loss terms that carry no loss word: a VAE's reconstruction and KL divergence, a VQ model's codebook terms. */
const LOSS_TERM = /^(?:recon(?:struction)?|kld?|kl_div(?:ergence)?|vq|commitment|codebook)$/;

/** Fewer points cannot show a total to bound its terms and move with them. Ours. */
const TOTAL_MIN_POINTS = 3;

/** Relative slack for a total printed with fewer digits than its terms (0.9123 beside 0.912340 and 0.000004). Ours. */
const TOTAL_SLACK = 1e-3;

/** How closely a total follows the sum of its terms (Pearson's r over the points they share): a weighted sum, or one
 * with a term not logged, still moves with them. Ours. */
const TOTAL_TRACK_R = 0.8;

const splitOf = (s: Series) => (s.split === 'none' ? 'train' : s.split);
const perStep = (s: Series) => s.key.endsWith('_step');

/** The total's and the terms' sum's values at the points where all of them hold a finite number, or undefined when a
 * term exceeds the total at one of them. */
function shared(total: Series, terms: Series[]): { t: number[]; sum: number[] } | undefined {
  const at = terms.map((term) => new Map(term.x.map((x, i) => [x, term.y[i]])));
  const t: number[] = [];
  const sum: number[] = [];
  for (let i = 0; i < total.x.length; i++) {
    const vs = at.map((m) => m.get(total.x[i]) ?? NaN);
    if (!Number.isFinite(total.y[i]) || vs.some((v) => !Number.isFinite(v))) continue;
    const slack = TOTAL_SLACK * Math.abs(total.y[i]);
    if (vs.some((v) => total.y[i] < v - slack)) return undefined;
    t.push(total.y[i]);
    sum.push(vs.reduce((a, v) => a + v, 0));
  }
  return { t, sum };
}

/** Pearson's r (0 for a constant series). */
function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

export function readBareTotals(series: Series[], warnings: IngestWarning[]): void {
  for (const total of series.filter((s) => s.base === 'total' && s.kind === 'other' && !s.derived && !perStep(s))) {
    const split = splitOf(total);
    if (series.some((s) => s.kind === 'loss' && splitOf(s) === split)) continue;
    const terms = series.filter(
      (s) =>
        s !== total &&
        !perStep(s) &&
        splitOf(s) === split &&
        (LOSS_TERM.test(s.base) || s.kind === 'error') &&
        s.y.every((v) => !Number.isFinite(v) || v >= 0),
    );
    if (terms.length === 0) continue;
    const values = shared(total, terms);
    if (!values || values.t.length < TOTAL_MIN_POINTS) continue;
    if (correlation(values.t, values.sum) < TOTAL_TRACK_R) continue;
    total.kind = 'loss';
    if (total.split === 'none') total.split = 'train';
    const names = terms.map((t) => `"${t.name}"`).join(', ');
    const message = `"${total.name}" is read as the loss, the total of ${names} beside it (no name says "loss").`;
    warnOnce(warnings, { code: 'bare_total', message });
  }
}
