/**
 * Tables printed in segments, a bar between each, several columns to a segment and a line of labels above them
 * naming what each segment measured. A Kaggle template much copied prints
 *
 *                         |----- VALID ---|---- TRAIN/BATCH --------------
 *   rate     iter   epoch | loss  lb(lev) | loss0  loss1  | time
 *   ----------------------------------------------------------------------
 *   0.00100   1.20*  3.4  | 0.512  0.801  | 0.601  0.588  |  0 hr 12 min
 *
 * The bars cut the header and every row into the same segments; inside one the cells stand apart by spaces. A
 * label that names a split (VALID, TRAIN) gives it to the segment's columns, so `loss` under VALID is `val_loss`.
 * A segment whose cells cannot be told apart (a time printed as "0 hr 12 min") is left out. The tables become
 * tab-separated text for the CSV reader, each its own run unless it is the table before printed again.
 */

import type { Limits } from '../limits.js';
import type { IngestWarning, RawLog } from '../schema.js';
import { canonicalName, isMetricName } from '../names.js';
import { parseCsv } from './csv.js';
import { splitOf } from './print-words.js';
import { joinBlocks, nonBlank, type Block } from './plain-table.js';

/** a number, maybe marked (the template stars the rows it saved a checkpoint at: "1.20*"), or a missing value */
const CELL = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?|[-+]?nan|[-+]?inf(?:inity)?|na|n\/a|none|-)\*?$/i;
/** a name in a segment of the header */
const NAME = /^[A-Za-z_#][\w./#%()@,:-]*$/;
/** the first segment counts the run: an epoch, step or iteration column */
const COUNTER = /^(?:epochs?|ep|steps?|global_step|iters?|iterations?)$/i;
/** a rule under the header, or between runs */
const RULE = /^[-=*\s]{3,}$/;
/** lines searched for the first header */
const HEADER_SEARCH_LINES = 200;
/** label lines looked for above a header */
const LABEL_LINES = 3;
/** lines that are no row (a progress print, a note) the rows may have between them */
const MAX_LINES_BETWEEN_ROWS = 4;
/** a longer line is no row */
const MAX_LINE = 2000;
/** data rows needed before a header's lines count as a table */
const MIN_ROWS = 2;
/** the share of a segment's cells that must be numbers for its loss to be said (`segment_unread`) */
const NUMERIC_SHARE = 0.75;
/** the share of the text's non-blank lines the tables must span to be read as the log */
const COVER = 0.5;

/** a line's segments between bars (a bar closing the line adds no segment), or undefined with fewer than two bars */
function segments(line: string): string[] | undefined {
  if (line.length > MAX_LINE) return undefined;
  const t = line.trimEnd();
  const parts = (t.endsWith('|') ? t.slice(0, -1) : t).split('|');
  return parts.length >= 3 ? parts : undefined;
}

/** where each segment of a line starts, in characters */
function starts(parts: string[]): number[] {
  const at: number[] = [];
  let pos = 0;
  for (const p of parts) {
    at.push(pos);
    pos += p.length + 1;
  }
  return at;
}

/** A segment's cells: the words between its spaces, a list printed after a value ("0.50 [0.00,1.00]") part of it. */
function cellsOf(segment: string): string[] {
  const cells: string[] = [];
  let open = 0;
  for (const w of segment.trim().split(/\s+/)) {
    if (w === '') continue;
    if (open > 0 || (w.startsWith('[') && cells.length > 0)) cells[cells.length - 1] += ` ${w}`;
    else cells.push(w);
    open = Math.max(0, open + (w.match(/\[/g)?.length ?? 0) - (w.match(/\]/g)?.length ?? 0));
  }
  return cells;
}

/** The value a cell holds: its number without a mark or a list after it, NA otherwise. */
function valueOf(cell: string): string {
  const v = cell.split(' ')[0];
  return CELL.test(v) ? v.replace(/\*$/, '') : 'NA';
}

/** The split a label names ("VALID", "---- TRAIN/BATCH ----"); none when it names two ("Train/Val"). */
function labelSplit(label: string): string | undefined {
  const named = new Set(label.split(/[^A-Za-z]+/).flatMap((w) => (w ? (splitOf(w) ?? []) : [])));
  return named.size === 1 ? [...named][0] : undefined;
}

/** where a line's bars stand, in the string's own (UTF-16) indices, as `starts` and `slice` count */
function barsOf(line: string): number[] {
  const at: number[] = [];
  for (let k = line.indexOf('|'); k >= 0; k = line.indexOf('|', k + 1)) at.push(k);
  return at;
}

/** The splits the label lines above `header` give its segments: a label line has bars where the header has them. */
function segmentSplits(lines: string[], header: number, parts: string[]): (string | undefined)[] {
  const at = starts(parts);
  const bars = new Set(barsOf(lines[header]));
  const splits: (string | undefined)[] = parts.map(() => undefined);
  for (let i = header - 1; i >= Math.max(0, header - LABEL_LINES); i--) {
    const l = lines[i];
    if (l.length > MAX_LINE || !l.includes('|')) break;
    const barAt = barsOf(l);
    if (!barAt.every((k) => bars.has(k) || bars.has(k - 1) || bars.has(k + 1))) break;
    at.forEach((start, k) => {
      const from = Math.max(0, ...barAt.filter((b) => b <= start));
      const to = Math.min(l.length, ...barAt.filter((b) => b > start));
      splits[k] ??= labelSplit(l.slice(from, to));
    });
  }
  return splits;
}

/** The column names of one segment, given how many cells its rows hold: its words, its names two or more spaces
 * apart, or names of as many words each. */
function segmentNames(segment: string, width: number): string[] | undefined {
  const words = segment.trim().split(/\s+/);
  if (words.length === width && words.every((w) => NAME.test(w))) return words;
  const spaced = segment.trim().split(/\s{2,}/);
  if (spaced.length === width && spaced.every((w) => w.split(' ').every((x) => NAME.test(x)))) return spaced;
  // names of as many words each, single-spaced ("val loss val acc" over two cells): each a split word and one metric
  const each = words.length / width;
  if (width === 0 || !Number.isInteger(each) || each < 2) return undefined;
  const chunks = Array.from({ length: width }, (_, c) => words.slice(c * each, (c + 1) * each));
  const named = chunks.every(
    (ws) => ws.filter(isMetricName).length === 1 && ws.every((w) => isMetricName(w) || splitOf(w)),
  );
  return named ? chunks.map((ws) => ws.join(' ')) : undefined;
}

/** the name a column takes under its segment's split: `loss` under VALID is `val_loss`; `valid_loss` stays */
function splitName(name: string, split: string | undefined): string {
  const n = name.replace(/\s+/g, '_');
  return split && !canonicalName(n).splitNamed ? `${split}_${n}` : n;
}

/** beside the counters, `rate` is the learning rate */
const counterName = (n: string) => (/^rate$/i.test(n) ? 'lr' : n);

/** Is this line a header of a segmented table: a counter in the first segment, a metric in another? */
function headerParts(line: string): string[] | undefined {
  const parts = segments(line);
  if (!parts || parts[0].trim() === '') return undefined;
  const first = parts[0].trim().split(/\s+/);
  if (!first.every((w) => NAME.test(w)) || !first.some((w) => COUNTER.test(w))) return undefined;
  // some segment holds more than one column: one name to a segment is a table separated by bars (plain-table.ts)
  if (!parts.some((p) => p.trim().split(/\s+/).length > 1)) return undefined;
  return parts.slice(1).some((p) => p.trim().split(/\s+/).some(isMetricName)) ? parts : undefined;
}

/** One table: its header line's parts, and each row's parts. */
interface Segmented {
  header: number;
  parts: string[];
  rows: string[][];
  /** the non-blank lines it spans */
  span: number;
  end: number;
}

/** A row has the header's number of segments, and its first segment holds as many numbers as the header names. */
function isRow(parts: string[] | undefined, header: string[], counters: number): parts is string[] {
  if (!parts || parts.length !== header.length) return false;
  const first = cellsOf(parts[0]);
  return first.length === counters && first.every((c) => CELL.test(c));
}

function tableAt(lines: string[], i: number, parts: string[]): Segmented | undefined {
  const counters = parts[0].trim().split(/\s+/).length;
  const rows: string[][] = [];
  let span = 1;
  let gap = 0;
  let end = i;
  for (let j = i + 1; j < lines.length && gap <= MAX_LINES_BETWEEN_ROWS; j++) {
    const t = lines[j].trim();
    if (t === '') continue;
    if (rows.length === 0 && RULE.test(t)) {
      span++;
      continue;
    }
    const row = segments(lines[j]);
    if (isRow(row, parts, counters)) {
      rows.push(row);
      span += gap + 1;
      gap = 0;
      end = j;
      continue;
    }
    // a line with bars that is no row: another table's labels or header
    if (row) break;
    gap++;
  }
  return rows.length >= MIN_ROWS ? { header: i, parts, rows, span, end } : undefined;
}

/** The most common of `xs` (the first seen on a tie). */
function modal(xs: number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0])[0];
}

/** A table as named columns, and the headers of the segments whose cells could not be named (left out). */
interface Named {
  block?: Block;
  unnamed: string[];
}

/** Are most of these cells numbers (a segment of measurements, not a time printed as "0 hr 12 min")? */
const numeric = (cells: string[][]) => {
  const flat = cells.flat();
  return flat.filter((c) => CELL.test(c.split(' ')[0])).length >= NUMERIC_SHARE * flat.length;
};

/** A table as named columns: each segment's cells under its names under `splits`, segments whose cells cannot be
 * named left out (said, when they held numbers). */
function blockOf(t: Segmented, splits: (string | undefined)[]): Named {
  const names: string[] = [];
  const unnamed: string[] = [];
  const cols: string[][] = t.rows.map(() => []);
  t.parts.forEach((seg, k) => {
    const cells = t.rows.map((r) => cellsOf(r[k]));
    // the width most rows print; a row printed otherwise has no values there
    const width = modal(cells.map((c) => c.length));
    const named = width > 0 && segmentNames(seg, width);
    if (!named) {
      if (width > 0 && numeric(cells)) unnamed.push(seg.trim());
      return;
    }
    named.forEach((n, c) => {
      const values = cells.map((r) => (r.length === width ? valueOf(r[c]) : 'NA'));
      // a column of words or times is no measurement
      if (values.filter((v) => v !== 'NA').length * 2 < values.length) return;
      names.push(k === 0 ? counterName(n) : splitName(n, splits[k]));
      values.forEach((v, r) => cols[r].push(v));
    });
  });
  // two columns of one name (`loss` under two segments whose labels name no split, `loss` beside `train_loss`)
  // cannot be told apart
  const keys = new Set(names.map((n) => canonicalName(n).key));
  if (names.length < 2 || keys.size < names.length) return { unnamed };
  return { block: { names, rows: cols, elided: false, cont: false }, unnamed };
}

/** Is `next` the same table printed again (its header reprinted every few epochs, or on a resume): its rows go on
 * in the run before it, which the CSV reader splits where the counter starts again. */
function samePrinted(prev: Block | undefined, next: Block): prev is Block {
  return prev !== undefined && prev.names.join('\t') === next.names.join('\t');
}

/** The tables as blocks: splits carried to a header printed again without its labels, a header printed again as
 * joined to the table before it; what was left out, said. */
function blocksOf(lines: string[], tables: Segmented[]): { blocks: Block[]; warnings: IngestWarning[] } {
  const blocks: Block[] = [];
  const unnamed = new Set<string>();
  let dropped = 0;
  let last: { header: string; splits: (string | undefined)[] } | undefined;
  for (const t of tables) {
    const header = lines[t.header].trim();
    const own = segmentSplits(lines, t.header, t.parts);
    const splits = own.some((x) => x) || last?.header !== header ? own : last.splits;
    last = { header, splits };
    const { block, unnamed: left } = blockOf(t, splits);
    left.forEach((u) => unnamed.add(u));
    if (!block) dropped++;
    // a loop, not push(...rows): a table may hold more rows than a call takes arguments
    else if (samePrinted(blocks[blocks.length - 1], block))
      for (const r of block.rows) blocks[blocks.length - 1].rows.push(r);
    else blocks.push(block);
  }
  const warnings: IngestWarning[] = [];
  if (unnamed.size > 0)
    warnings.push({
      code: 'segment_unread',
      message: `Left out the columns under ${[...unnamed].map((u) => `"${u}"`).join(', ')}: their names cannot be matched to the cells below them.`,
    });
  if (dropped > 0)
    warnings.push({
      code: 'table_unread',
      message: `Left out ${dropped} table(s) whose columns repeat a name with no split to tell them apart (a label line above the header, |--- VALID ---|--- TRAIN ---|, would).`,
    });
  return { blocks, warnings };
}

/** Every segmented table in the text, in order, when together they are most of it. */
function segmentedTables(lines: string[]): Segmented[] {
  const tables: Segmented[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (tables.length === 0 && i >= HEADER_SEARCH_LINES) break;
    const parts = headerParts(lines[i]);
    const t = parts && tableAt(lines, i, parts);
    if (!t) continue;
    tables.push(t);
    i = t.end;
  }
  const spanned = tables.reduce((n, t) => n + t.span, 0);
  return spanned >= COVER * nonBlank(lines) ? tables : [];
}

/** The segmented tables of `lines` as the CSV reader reads them (as a plain table: no logger writes this layout), or
 * undefined when the lines hold none. */
export function parseGroupedTable(lines: string[], limits: Limits): RawLog | undefined {
  const { blocks, warnings } = blocksOf(lines, segmentedTables(lines));
  const table = joinBlocks(blocks);
  if (!table) return undefined;
  const raw = parseCsv(table.map((r) => r.join('\t')).join('\n') + '\n', '\t', limits, 'csv');
  return { ...raw, warnings: [...warnings, ...raw.warnings] };
}
