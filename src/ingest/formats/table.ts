/**
 * The table core every delimited reader stands on: finding the delimiter, splitting cells (quotes
 * honoured), telling a header from data, and scanning a file into blocks of data lines without holding
 * a million rows as strings. The readers that turn a table into series live in csv.ts (epoch tables,
 * TensorBoard) and lightning.ts.
 */
import { IngestError, lineTooLong } from '../errors.js';
import { formatCount, type Limits } from '../limits.js';
import { isBookkeeping } from '../names.js';
import type { IngestWarning } from '../schema.js';
import { DATE_TIME_SOURCE, parseNumber } from '../text.js';

const DELIMITERS = [',', ';', '\t'] as const;
/** a time cell (mm:ss or h:mm:ss), as fastai writes in its last column */
export const TIME_CELL = /^\d{1,3}:\d{2}(?::\d{2})?$/;

/** The first `k` non-blank lines, without walking (or copying) a million-line file. */
export function firstNonEmpty(lines: string[], k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < k; i++) if (/\S/.test(lines[i])) out.push(lines[i]);
  return out;
}

function count(line: string, ch: string): number {
  let n = 0;
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * The delimiter of a table: present in the header, and on most later lines at least as often
 * (glued rows from concurrent writers have more, never fewer). Equal counts score higher.
 */
export function sniffDelimiter(lines: string[]): string | undefined {
  const sample = firstNonEmpty(lines, 30);
  if (sample.length === 0) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const c0 = count(sample[0], d);
    if (c0 === 0) continue;
    const rest = sample.length > 1 ? sample.slice(1) : sample;
    const same = rest.filter((l) => count(l, d) === c0).length;
    const atLeast = rest.filter((l) => count(l, d) >= c0).length;
    const score = (same + atLeast) / (2 * rest.length) + c0 / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

/** Share of the rows below the first that must hold one same count of cells, fewer than the header's, for
 * shortRowsDelimiter (the others may fill the header again: a later run's settings row). Ours. */
const SHORT_ROWS_SHARE = 0.8;
/** How far past the range of the rows below it (in widths of that range) the first row's value of a column may lie
 * and still continue that column (an episode counter's 41 above 84, 110, ...; a first epoch's loss of 3,743 above
 * 1,060 to 450): a settings line above a headerless table does not (a batch size of 32 above losses of 0.3 to 0.9).
 * Ours. */
const SHORT_ROWS_RANGE_SLACK = 10;

/**
 * The delimiter of a table whose first row fills every column its header names and the rows below only the first
 * ones, all of them the same count: a log that wrote a run's settings once, under names of their own, beside its
 * first values (`episode,timestep,reward,lr_actor,...` over `41,800,19.41,0.0015,...`, then `84,1600,18.186`). pandas
 * reads the short rows padded with missing values, as csv.ts does. Only when no delimiter passes sniffDelimiter; when
 * the first row fills every named column past the rows' and those names are names (a header glued to its first row
 * holds numbers there); when the rows below hold that count or, now and then, the header's; and when the first row's
 * values continue the columns below them (SHORT_ROWS_RANGE_SLACK). A header whose later columns no row fills says
 * what the rows do not hold: no table.
 */
export function shortRowsDelimiter(lines: string[]): string | undefined {
  const sample = firstNonEmpty(lines, 30);
  if (sample.length < 5) return undefined;
  for (const d of DELIMITERS) {
    const header = splitCells(sample[0], d);
    const first = splitCells(sample[1], d);
    if (header.length < 3 || first.length !== header.length) continue;
    const rows = sample.slice(2).map((l) => splitCells(l, d));
    const tally = new Map<number, number>();
    for (const r of rows) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
    const [k, n] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
    if (k < 2 || k >= header.length || n < SHORT_ROWS_SHARE * rows.length) continue;
    if (rows.some((r) => r.length !== k && r.length !== header.length)) continue;
    const named = header.map((c, i) => [c.trim(), first[i].trim()] as const).slice(k);
    if (named.some(([name, cell]) => name !== '' && (parseNumber(name) !== undefined || cell === ''))) continue;
    if (continuesColumns(first, rows, k)) return d;
  }
  return undefined;
}

/** The first row's numbers in the first `k` columns lie where the rows below them do (SHORT_ROWS_RANGE_SLACK). */
function continuesColumns(first: string[], rows: string[][], k: number): boolean {
  for (let c = 0; c < k; c++) {
    const v = parseNumber(first[c].trim());
    const below = rows.map((r) => parseNumber((r[c] ?? '').trim())).filter((x): x is number => x !== undefined);
    if (v === undefined || below.length === 0) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of below) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    const slack = SHORT_ROWS_RANGE_SLACK * (hi - lo);
    if (v < lo - slack || v > hi + slack) return false;
  }
  return true;
}

/** The delimiter of a table under a header: the one most lines hold as often as the header (sniffDelimiter), else
 * that of a header longer than its rows (shortRowsDelimiter). */
export function tableDelimiter(lines: string[]): string | undefined {
  return sniffDelimiter(lines) ?? shortRowsDelimiter(lines);
}

/** Data rows of a table are mostly numbers; free-text logs ("Epoch 3: Train Loss=0.1, Val Loss=0.2") are not. */
export function looksTabular(lines: string[], delim: string): boolean {
  const body = firstNonEmpty(lines, 21).slice(1);
  if (body.length === 0) return true;
  let numericRows = 0;
  for (const l of body) {
    const cells = splitCells(l, delim);
    let num = 0;
    for (const c of cells) {
      const t = c.trim();
      if (
        t === '' ||
        parseNumber(t) !== undefined ||
        /^(nan|-?inf|na|none|null)$/i.test(t) ||
        TIME_CELL.test(t) ||
        /^[\d:,.]+$/.test(t)
      )
        num++;
    }
    if (num >= cells.length / 2) numericRows++;
  }
  return numericRows >= body.length / 2;
}

/** A cell that is a date, with or without its time (`2024-11-29 18:15:04.852164`, `2025/03/14T09:12:07Z`): when a
 * logger stamped the row. */
export const DATE_TIME = new RegExp(`^${DATE_TIME_SOURCE}$`);

/** Split one line, honouring double quotes only when the line has any (the fast path has none). */
export function splitCells(line: string, delim: string): string[] {
  if (!line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQ) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQ = false;
      } else cur += c;
    } else if (c === '"') inQ = true;
    else if (c === delim) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function isHeaderLike(cells: string[]): boolean {
  let names = 0;
  let numbers = 0;
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    const n = parseNumber(t);
    // a date and time is a row's value (when it was written), never a column's name
    if (n !== undefined || /^(nan|inf|-inf)$/i.test(t) || DATE_TIME.test(t)) numbers++;
    else if (/[A-Za-z]/.test(t)) names++;
  }
  return names > 0 && names >= numbers;
}

/** A block of data lines: a character range of the text, and its own header when a new one started it. */
export interface TableBlock {
  startLine: number;
  from: number;
  to: number;
  rows: number;
  /** the header line this block follows, when it is not the table's (a run appended with other or
   *  reordered columns: CSVLogger with append=True after the metrics changed) */
  header?: string[];
  headerLine?: string;
}

export interface Table {
  header: string[];
  /** the whole text; blocks are character ranges of it, re-scanned by the readers (a million rows never
   *  sit in memory as line strings or cell arrays); a new block starts at each repeated header (fastai append) */
  text: string;
  blocks: TableBlock[];
  headerLine: string;
  delim: string;
  warnings: IngestWarning[];
  rows: number;
}

/** Calls fn for every data line of a block (blank lines and repeated headers skipped), until fn returns false (a
 * reader that has seen enough). */
export function forEachLine(table: Table, block: TableBlock, fn: (line: string) => void | boolean): void {
  const { text, delim } = table;
  const headerLine = block.headerLine ?? table.headerLine;
  let pos = block.from;
  while (pos < block.to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > block.to) nl = block.to;
    let end = nl;
    while (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    pos = nl + 1;
    const c0 = line.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 45) {
      const t = line.trim();
      if (t === '' || isRepeatedHeader(t, headerLine, delim)) continue;
    }
    if (fn(line) === false) return;
  }
}

function isRepeatedHeader(trimmed: string, headerLine: string, delim: string): boolean {
  return (
    trimmed === headerLine ||
    splitCells(trimmed, delim)
      .map((c) => c.trim())
      .join(delim) === headerLine
  );
}

function ownHeader(b: TableBlock): Partial<TableBlock> {
  return b.header ? { header: b.header, headerLine: b.headerLine } : {};
}

/**
 * A line that is another header of the table, not a malformed row: two or more cells, every one a name
 * (no number), sharing at least one name with the first header (an appended run's `epoch`, `loss`).
 */
function anotherHeader(trimmed: string, first: string[], delim: string): string[] | undefined {
  const cells = splitCells(trimmed, delim).map((c) => c.trim());
  if (cells.length < 2 || cells.some((c) => c === '' || !/^[A-Za-z_]/.test(c) || /^(nan|inf)/i.test(c)))
    return undefined;
  return cells.some((c) => first.includes(c)) ? cells : undefined;
}

export function readTable(text: string, delim: string, limits: Limits): Table {
  const warnings: IngestWarning[] = [];
  // header: the first non-blank line
  let pos = 0;
  let lineNo = 0;
  let header: string[] | undefined;
  let headerLine = '';
  const nextLine = (): string | undefined => {
    if (pos > text.length) return undefined;
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    let end = nl;
    while (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(pos, end);
    pos = nl + 1;
    lineNo++;
    if (line.length > limits.maxLineLength) {
      throw lineTooLong(lineNo, line.length, limits.maxLineLength);
    }
    return line;
  };
  for (let l = nextLine(); l !== undefined; l = nextLine()) {
    if (l.trim() === '') continue;
    header = splitCells(l, delim).map((c) => c.trim());
    headerLine = header.join(delim);
    break;
  }
  if (!header) throw new IngestError('empty', 'The table is empty.');
  const blocks: TableBlock[] = [{ startLine: lineNo + 1, from: pos, to: text.length, rows: 0 }];
  let rows = 0;
  let repeatedHeaders = 0;
  let cur = blocks[0];
  for (;;) {
    const lineStart = pos;
    const l = nextLine();
    if (l === undefined) break;
    const c0 = l.charCodeAt(0);
    if (!(c0 >= 48 && c0 <= 57) && c0 !== 45) {
      const t = l.trim();
      if (t === '') continue;
      if (isRepeatedHeader(t, cur.headerLine ?? headerLine, delim)) {
        repeatedHeaders++;
        if (cur.rows > 0) {
          cur.to = lineStart;
          cur = { startLine: lineNo + 1, from: pos, to: text.length, rows: 0, ...ownHeader(cur) };
          blocks.push(cur);
        } else cur.from = pos;
        continue;
      }
      const other = anotherHeader(t, header, delim);
      if (other) {
        // a new header: the rows after it are read by its names
        const own = other.join(delim) === headerLine ? {} : { header: other, headerLine: other.join(delim) };
        if (cur.rows > 0) {
          cur.to = lineStart;
          cur = { startLine: lineNo + 1, from: pos, to: text.length, rows: 0, ...own };
          blocks.push(cur);
        } else Object.assign(cur, { from: pos, header: undefined, headerLine: undefined }, own);
        continue;
      }
    }
    rows++;
    cur.rows++;
    if (rows > limits.maxRows) {
      throw new IngestError(
        'too_many_rows',
        `The log has more than ${formatCount(limits.maxRows)} rows. Log every Nth step, or send per-epoch metrics.`,
      );
    }
  }
  if (repeatedHeaders > 0 && blocks.length === 1) {
    warnings.push({
      code: 'repeated_header',
      message: `Skipped ${repeatedHeaders} repeated header line(s) at the top.`,
    });
  }
  return { header, text, blocks, headerLine, delim, warnings, rows };
}

/** Column index of the x axis: epoch (0-based in Keras/fastai/Lightning, 1-based in hand-made CSVs). */
export function findColumn(header: string[], names: string[]): number {
  const lower = header.map((c) => c.trim().toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i !== -1) return i;
  }
  return -1;
}

/** The columns holding metrics: named, not bookkeeping (time, step, ...), and not one of `exclude` (the x axis). */
export function metricColumns(header: string[], exclude: number[]): number[] {
  const metricCols: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (exclude.includes(c)) continue;
    const name = header[c].trim();
    if (name === '' || isBookkeeping(name)) continue;
    metricCols.push(c);
  }
  return metricCols;
}
