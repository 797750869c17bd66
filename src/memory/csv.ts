/** Export rows as CSV (RFC 4180 quoting; text cells that a spreadsheet would run as a formula are defused). */
import type { ExportRow } from './types.js';

export const CSV_COLUMNS = [
  'id',
  'created_at',
  'guild_id',
  'dm_user_id',
  'channel_id',
  'user_id',
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

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = Array.isArray(v) ? v.join(';') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // =, +, -, @ (and tab/CR) at the start make Excel/Sheets evaluate the cell: a title is user text
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => cell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
