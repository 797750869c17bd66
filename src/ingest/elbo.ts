/**
 * A VAE's `elbo`: code that minimises it logs the negated bound under the bound's name (Pyro's `svi.step()` returns
 * it; "elbo 292.5 -> 237.0"), so names.ts reads `elbo` as a loss. The bound itself is a log-likelihood's lower
 * bound, negative on discrete data and rising as the model learns ("elbo -104.2 -> -88.7"). Sign and direction
 * together tell them apart; where they disagree (a positive bound rising on continuous data, or a negated one
 * falling below 0), which it is cannot be told, and the series is left unjudged rather than read backwards.
 */
import type { IngestWarning, Series } from './schema.js';
import { median } from '../util/median.js';

/** Values at each end whose medians say which way a series went. */
const ENDS = 3;

/** Read a bare `elbo` as the loss (positive, falling), the bound (negative, rising), or neither, with a warning. */
export function readElbo(series: Series[], warnings: IngestWarning[]): void {
  const bounds: string[] = [];
  const unsure: string[] = [];
  for (const s of series) {
    if (s.base !== 'elbo' || s.kind !== 'loss') continue;
    const finite = s.y.filter(Number.isFinite);
    if (finite.length === 0) continue;
    const positive = finite.every((v) => v > 0);
    const negative = finite.every((v) => v < 0);
    const k = Math.min(ENDS, finite.length);
    const change = median(finite.slice(-k)) - median(finite.slice(0, k));
    if (negative && change >= 0) {
      s.kind = 'score';
      bounds.push(`"${s.name}"`);
    } else if (!(positive && change <= 0)) {
      s.kind = 'other';
      unsure.push(`"${s.name}"`);
    }
  }
  const are = (n: string[]) => `${n.join(', ')} ${n.length > 1 ? 'are' : 'is'}`;
  if (bounds.length > 0)
    warnings.push({
      code: 'elbo_as_bound',
      message: `${are(bounds)} negative and rising: read as the evidence lower bound, which rises as the model learns (a positive, falling "elbo" is read as the loss that minimises it).`,
    });
  if (unsure.length > 0)
    warnings.push({
      code: 'elbo_unclear',
      message: `${are(unsure)} not judged: positive and rising, or negative and falling, it may be the bound or the negated bound. Log it as "loss" (the negated bound) or "elbo" below 0 to have it read.`,
    });
}
