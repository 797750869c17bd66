/** Warnings a value reader says once a file, though it reads each run of the file (runs appended one after another
 * repeat their columns): records.ts, copies.ts, totals.ts. */
import type { IngestWarning } from './schema.js';

/** Names as a warning lists them: the first six, then how many more. */
export function listNames(names: readonly string[]): string {
  return names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
}

/** Add `warning` unless the same code and message are there already. */
export function warnOnce(warnings: IngestWarning[], warning: IngestWarning): void {
  if (!warnings.some((w) => w.code === warning.code && w.message === warning.message)) warnings.push(warning);
}
