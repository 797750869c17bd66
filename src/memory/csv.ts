/** Export rows as CSV (RFC 4180 quoting; text cells that a spreadsheet would run as a formula are defused): /export and the CLI's one writer. */
import type { ExportRow } from './types.js';

export const CSV_COLUMNS = [
  'id',
  'guild_id',
  'dm_user_id',
  'channel_id',
  'user_id',
  'created_at',
  'source',
  'title',
  'format',
  'pattern',
  'confidence',
  'findings',
  'val_key',
  'best_x',
  'best_value',
  'gap',
  'points',
  'backend',
  'config',
] as const;

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading ' (CSV injection). */
export function csvCell(v: unknown): string {
  let s =
    v === null || v === undefined
      ? ''
      : Array.isArray(v)
        ? v.join(';')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCsv(rows: ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
