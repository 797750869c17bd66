/**
 * Tables printed between dashed lines, one per logging call: Stable-Baselines3's console (sb3-console.ts) and the
 * key | value loggers of OpenAI Baselines, Spinning Up and RLCard (kv-tables.ts). One scanner for both; each reader
 * says what a row is.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';

/** A table's border: a line of dashes alone. */
export const BORDER = /^\s*-{10,}\s*$/;
/** Longer lines are no row of these tables (the loggers truncate keys and values to fit their columns). */
const MAX_ROW = 500;

/**
 * Each table's rows as `rowOf` reads them, in order. A border opens a table (and closes the one before); a line that
 * is no row closes it too (its closing border was not printed). Text between the tables is left alone.
 */
export function dashedTables<R>(lines: string[], limits: Limits, rowOf: (line: string) => R | undefined): R[][] {
  const out: R[][] = [];
  let cur: R[] | undefined;
  let rows = 0;
  const close = () => {
    if (cur && cur.length > 0) out.push(cur);
  };
  for (const line of lines) {
    if (BORDER.test(line)) {
      close();
      cur = [];
      continue;
    }
    if (!cur) continue;
    const row = line.length <= MAX_ROW ? rowOf(line) : undefined;
    if (row === undefined) {
      close();
      cur = undefined;
      continue;
    }
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} rows.`);
    cur.push(row);
  }
  close();
  return out;
}
