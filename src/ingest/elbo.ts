/**
 * A VAE's `elbo`: code that minimises it logs the negated bound under the bound's name (Pyro's `svi.step()` returns
 * it; "elbo 292.5 -> 237.0"), so names.ts reads `elbo` as a loss. The bound itself is a log-likelihood's lower
 * bound, negative on discrete data and rising as the model learns ("elbo -104.2 -> -88.7"): a log whose every
 * `elbo` value is negative logs the bound, and higher is better there.
 */
import type { IngestWarning, Series } from './schema.js';

/** Read a bare `elbo` whose every finite value is below 0 as the bound (a score), with a warning naming it. */
export function boundsAsScores(series: Series[], warnings: IngestWarning[]): void {
  const named: string[] = [];
  for (const s of series) {
    if (s.base !== 'elbo' || s.kind !== 'loss') continue;
    const finite = s.y.filter(Number.isFinite);
    if (finite.length === 0 || !finite.every((v) => v < 0)) continue;
    s.kind = 'score';
    named.push(`"${s.name}"`);
  }
  if (named.length === 0) return;
  warnings.push({
    code: 'elbo_as_bound',
    message: `${named.join(', ')} ${named.length > 1 ? 'are' : 'is'} negative throughout: read as the evidence lower bound, which rises as the model learns (a positive "elbo" is read as the loss that minimises it).`,
  });
}
