/**
 * Tables people paste that are not delimiter-separated files: a Markdown pipe table (a chat message,
 * a notebook's rendered output), a whitespace-aligned console table (fastai's fit output:
 * "epoch  train_loss  valid_loss  accuracy  time") and a table a loop prints with a separator between its
 * cells ("epoch | loss | val_loss", "Epoch - Loss - Validation Accuracy"). All become tab-separated text
 * for the CSV reader.
 */

import type { Limits } from '../limits.js';
import type { Format, IngestWarning, RawLog } from '../schema.js';
import { parseCsv, type TableDialect } from './csv.js';
import { stripPrefix } from './print-words.js';

/** a cell of a metric table: a number, NaN/inf, a missing marker, a time (00:12), a percentage */
const CELL =
  /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?|[-+]?nan|[-+]?inf(?:inity)?|na|n\/a|none|null|-|no log|\d+:\d{2}(?::\d{2})?(?:\.\d+)?)$/i;
/** a header name: identifier-like, no spaces (whitespace tables) */
const NAME = /^[A-Za-z_#][\w./#%()-]*$/;
/** a header name of a table whose columns stand two or more spaces apart: words joined by single spaces
 * ("Train Loss", pandas printing a DataFrame whose columns were named so) */
const SPACED_NAME = /^[A-Za-z_#][\w./#%()-]*(?: [\w./#%()-]+)*$/;
/** pandas elides the middle rows and columns of a long DataFrame with "..." */
const ELIDED = /^(?:\.{2,}|…)$/;
/** pandas' footer under an elided DataFrame: "[300 rows x 4 columns]" */
const PANDAS_FOOTER = /^\[\d+ rows x \d+ columns\]$/;
/** a header must name the epoch or a metric to count as a training table */
const TRAINING_WORD = /epoch|step|loss|acc|error|mae|mse|f1|auc|iou|dice|perplexity|precision|recall/i;
/** |---|:---:|, and |=====| (MATLAB's trainNetwork draws its borders with '=') */
const PIPE_RULE = /^:?(?:-{2,}|={2,}):?$/;
/** "-------" or "=======", or a rule per column ("------  -------", tabulate's simple format); bounded: a rule is
 * one line of the console's width, its runs apart by spaces (no two ways to match a line) */
const DASH_RULE = /^[-=]{3,400}(?: {1,8}[-=]{2,400}){0,60}$/;
/** lines searched for a whitespace table's header */
const HEADER_SEARCH_LINES = 200;
/** data rows needed before a block counts as a table */
const MIN_ROWS = 2;

function numericShare(cells: string[]): number {
  return cells.filter((c) => CELL.test(c.trim())).length / Math.max(1, cells.length);
}

/** Rich / box-drawing tables (┃ Epoch ┃ Train Loss ┃): their bars are pipes */
const BOX_BAR = /[│┃║]/g;
/** ┏━━┳━━┓ / ┡━━╇━━┩ / └──┴──┘: rule lines of a box-drawing table */
const BOX_RULE = /^[┏┓┗┛┳┻┣┫╋┡┩╇┢┪╈━─┌┐└┘┬┴├┤┼═╔╗╚╝╦╩╠╣╬╞╡╪\s]+$/;

function pipeCells(line: string): string[] | undefined {
  const t = (line.includes('│') || line.includes('┃') || line.includes('║') ? line.replace(BOX_BAR, '|') : line).trim();
  if (!t.startsWith('|') || t.length < 3) return undefined;
  const inner = t.endsWith('|') ? t.slice(1, -1) : t.slice(1);
  return inner.split('|').map((c) => c.trim());
}

/** A pipe table's header runs over at most this many more lines (MATLAB's trainNetwork: one). */
const MAX_HEADER_LINES = 3;

/** A pipe line that is a rule: every cell dashes or '=' (one cell when the rule spans the table). */
const isRule = (cells: string[]) => cells.every((c) => PIPE_RULE.test(c));

/** A Markdown pipe table's header and rows, from its first block of '|' lines. A header written over several lines
 * (MATLAB's trainNetwork: "| Mini-batch |" over "|    RMSE    |") is read with its words joined per column. */
function pipeTable(lines: string[]): string[][] | undefined {
  let start = lines.findIndex((l) => {
    const cells = pipeCells(l);
    return cells !== undefined && !isRule(cells);
  });
  if (start < 0) return undefined;
  const header = pipeCells(lines[start])!;
  // the header's further lines: at most MAX_HEADER_LINES, of its width, holding no number, and closed by a rule
  // (a settings table's rows printed without one are no header); the loop looks that far, and one line more
  const more: string[][] = [];
  for (let k = start + 1; k <= start + MAX_HEADER_LINES + 1; k++) {
    const cells = pipeCells(lines[k] ?? '');
    if (!cells) break;
    if (isRule(cells)) {
      for (const m of more) m.forEach((c, j) => (header[j] = `${header[j]} ${c}`.trim()));
      start += more.length;
      break;
    }
    if (cells.length !== header.length || !cells.every((c) => c === '' || !CELL.test(c))) break;
    more.push(cells);
  }
  if (header.length < 2 || !header.some((h) => TRAINING_WORD.test(h))) return undefined;
  // a row of a key | value table ("| epoch | 0 |", a logger's settings) is no header: a number names nothing
  if (header.some((h) => CELL.test(h))) return undefined;
  const rows: string[][] = [];
  for (start++; start < lines.length; start++) {
    const cells = pipeCells(lines[start]);
    if (!cells && lines[start].length < 2000 && BOX_RULE.test(lines[start])) continue;
    if (!cells) break;
    if (isRule(cells)) continue;
    if (cells.length !== header.length || numericShare(cells) < 0.5) break;
    rows.push(cells);
  }
  return rows.length >= MIN_ROWS ? [header, ...rows] : undefined;
}

/** A header line's names: split at runs of two or more spaces when the names hold one, else at any whitespace.
 * pandas' "..." stands for columns it left out; a trailing "\\" says the columns go on below the rows
 * (`cont`). A continuation's header may be a single name of any kind. */
function headerNames(line: string, continuation: boolean): { names: string[]; cont: boolean }[] {
  const cont = /\s\\$/.test(line.trimEnd());
  // not replace(/\s+\\$/): that backtracks quadratically on long runs of spaces
  const t = cont ? line.trim().slice(0, -1).trimEnd() : line.trim();
  const name = (re: RegExp) => (h: string) => re.test(h) || ELIDED.test(h);
  const out: string[][] = [];
  const words = t.split(/\s+/);
  const spaced = t.split(/\s{2,}|\t/);
  // a name with a space in it ("Val Loss") is read whole first: split at every space it would be two names
  if (spaced.length !== words.length && spaced.every(name(SPACED_NAME))) out.push(spaced);
  if (words.every(name(NAME))) out.push(words);
  return out
    .filter((h) =>
      continuation ? h.length >= 1 : h.length >= 2 && h.some((n) => TRAINING_WORD.test(n)) && !isReport(h),
    )
    .map((names) => ({ names, cont }));
}

/** scikit-learn's classification_report ("precision recall f1-score support", a row per class): a final
 * evaluation printed beside a training log, not a table of epochs */
function isReport(names: string[]): boolean {
  return names.some((n) => n.toLowerCase() === 'support');
}

/** A data row's cells ("No log" is fastai's one cell for a phase that logged nothing). */
function rowCells(line: string): string[] {
  const cells = line
    .trim()
    .replace(/\bno log\b/gi, 'NA')
    .split(/\s+/);
  // a unit printed apart from the last value ("0.55    s" under "Time"): part of that cell
  const n = cells.length;
  return n > 1 && UNIT_CELL.test(cells[n - 1]) && CELL.test(cells[n - 2]) ? cells.slice(0, -1) : cells;
}
const UNIT_CELL = /^(?:s|sec|secs|ms|min|mins|h)$/i;

/**
 * Separators a training loop prints between a table's cells when the line has no leading bar: a bar with or
 * without spaces ("1 | 0.52 | 0.61"), a dash or an en dash with a space on each side ("0 - 0.435 - 76.99"; a
 * negative number's sign has no space after it, so "0 - -0.5" is two cells).
 */
const SEPARATORS: readonly RegExp[] = [/[|│┃]/, / [-–] /]; // cells are trimmed: no \s* here to backtrack on long lines
/** a longer line is no row of a printed table */
const MAX_SEPARATED_LINE = 2000;
/** lines that are not rows (a progress number, "best model saved") the rows of such a table may have between them */
const MAX_LINES_BETWEEN_ROWS = 4;
/** the share of the text's non-blank lines separated tables must span to be read as the log */
const SEPARATED_COVER = 0.5;

export function nonBlank(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (l.trim() !== '') n++;
  return n;
}

/** One table printed with a separator, and the lines between its rows that were not rows. */
interface SeparatedBlock extends Block {
  between: number;
  /** the non-blank lines it spans, from its header to its last row */
  span: number;
}

/** The logging function's name after a logger's prefix ("(2023-06-04 21:01:13 INFO) - main:     Epoch | ..."). */
const FUNC_TAG = /^\s*[A-Za-z_]\w{0,60}:(?=\s)/;

/** A line of a printed table without the logging prefix a logger put before it ("2026-04-07 22:55:52,418 - INFO - ",
 * and a function's name after it), trimmed. */
function withoutPrefix(line: string): string {
  if (line.length > MAX_SEPARATED_LINE) return line.trim();
  const s = stripPrefix(line);
  return (s.length < line.length ? s.replace(FUNC_TAG, '') : s).trim();
}

/** The cells of a line cut at `sep`, or undefined when the separator is not in it (or the line is no table's).
 * With `width`, a row: a separator that ends it beyond the header's cells closes the row ("1 | 0.9 | 1.0 |");
 * one within them leaves the last cell empty ("1 | 0.9 |": no validation that epoch). Without, a header: a
 * separator at its end closes it. */
function separatedCells(line: string, sep: RegExp, width?: number): string[] | undefined {
  return line.length > MAX_SEPARATED_LINE ? undefined : cutCells(withoutPrefix(line), sep, width);
}

/** separatedCells of a line already without its prefix (withoutPrefix), so the prefix is stripped once. */
function cutCells(stripped: string, sep: RegExp, width?: number): string[] | undefined {
  const cells = stripped.split(sep).map((c) => c.trim());
  const closing = cells.length > 2 && cells[cells.length - 1] === '';
  if (closing && (width === undefined || cells.length === width + 1)) cells.pop();
  return cells.length >= 2 ? cells : undefined;
}

/** A header name of a separated table: words joined by single spaces, none of them a number ("Epoch 28 | train
 * loss 0.036" is a printed line, not a header) */
function separatedName(n: string): boolean {
  return SPACED_NAME.test(n) && !n.split(' ').some((w) => CELL.test(w));
}

/** A row of a separated table: as many cells as names, mostly numbers; an empty cell is a value not printed
 * that epoch (validation every few epochs), so long as two cells hold numbers. */
function separatedRow(cells: string[], width: number): boolean {
  if (cells.length !== width) return false;
  const filled = cells.filter((c) => c !== '');
  return filled.length >= 2 && numericShare(filled) >= 0.75;
}

/**
 * Tables printed with a separator between cells: a header line of names (each a name that may hold single
 * spaces but no number, one naming the epoch or a metric) and rows with as many mostly-numeric cells. Up to
 * MAX_LINES_BETWEEN_ROWS lines without the separator (a progress number, "best model saved") may come before a
 * row, counted, not read; a line with the separator that is no row ends the table. Every such table is kept,
 * in order; the first must start near the top.
 */
function separatedTables(lines: string[]): SeparatedBlock[] {
  const blocks: SeparatedBlock[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (blocks.length === 0 && i >= HEADER_SEARCH_LINES) break;
    for (const sep of SEPARATORS) {
      const names = separatedCells(lines[i], sep);
      if (!names || !names.every(separatedName) || !names.some((n) => TRAINING_WORD.test(n))) continue;
      if (isReport(names)) continue;
      const rows: string[][] = [];
      let between = 0;
      let span = 1;
      let gap = 0;
      let lastRow = i;
      for (let j = i + 1; j < lines.length && gap <= MAX_LINES_BETWEEN_ROWS; j++) {
        const t = withoutPrefix(lines[j]);
        if (t === '') continue;
        const cells = lines[j].length > MAX_SEPARATED_LINE ? undefined : cutCells(t, sep, names.length);
        // a rule under the header: dashes, or a Markdown rule without outer pipes ("--- | ---")
        if (rows.length === 0 && (DASH_RULE.test(t) || cells?.every((c) => PIPE_RULE.test(c)))) {
          span++;
          continue;
        }
        if (cells && separatedRow(cells, names.length)) {
          rows.push(cells);
          lastRow = j;
          between += gap;
          span += gap + 1;
          gap = 0;
          continue;
        }
        // a line of the separator that is no row: another header, or the line above was no header at all
        if (cells) break;
        gap++;
      }
      if (rows.length < MIN_ROWS) continue;
      blocks.push({ names, rows, elided: false, cont: false, between, span });
      // go on after the last row
      i = lastRow;
      break;
    }
  }
  return blocks;
}

/** A column name that is the x axis of a table of epochs or steps. */
const X_NAME = /^(?:epochs?|steps?|global_step|iter|iteration|round)$/i;

/** One table of a whitespace-aligned text. */
export interface Block {
  names: string[];
  /** one cell per name */
  rows: string[][];
  /** pandas' index, one per row, when the rows carry one */
  index?: string[];
  /** pandas left rows out ("...") */
  elided: boolean;
  /** the header ended in "\\": the next block holds more columns of these rows */
  cont: boolean;
  /** the block was made from rows per split (splitRows) */
  split?: boolean;
}

/**
 * The rows under `names` from line `from`, and where they end. A row has one cell per name, or one more in
 * front when the header is `indented`: the index pandas prints left of a DataFrame (whole numbers counting
 * up). pandas' "..." rows are skipped.
 */
function rowsUnder(
  lines: string[],
  from: number,
  names: string[],
  cont: boolean,
  indented: boolean,
): Block & { end: number } {
  const rows: string[][] = [];
  const idx: string[] = [];
  let index: boolean | undefined;
  let elided = false;
  let j = from;
  for (; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t === '') continue;
    // a rule under the header ("-----", "=====") before the first row; one after the rows ends the table
    if (DASH_RULE.test(t)) {
      if (rows.length === 0 && j === from) continue;
      break;
    }
    const cells = rowCells(t);
    if (cells.every((c) => ELIDED.test(c))) {
      elided = true;
      continue;
    }
    // pandas' index: the header line is indented over it, and it counts up
    const indexed =
      indented &&
      cells.length === names.length + 1 &&
      /^\d+$/.test(cells[0]) &&
      (idx.length === 0 || +cells[0] > +idx[idx.length - 1]);
    if (index === undefined && (indexed || cells.length === names.length)) index = indexed;
    // a cell naming the row's split ("trn", "dev") is no number the share asks for
    const valued = cells.filter((c) => !SPLIT_CELL.test(c));
    if ((index ? !indexed : cells.length !== names.length) || numericShare(valued) < 0.75) break;
    if (index) idx.push(cells[0]);
    rows.push(index ? cells.slice(1) : cells);
  }
  return { names, rows, ...(index ? { index: idx } : {}), elided, cont, end: j };
}

/** The block continued by `next` (pandas wrapping a wide DataFrame): the same rows, more columns. */
function continues(prev: Block | undefined, next: Block): boolean {
  return (
    prev !== undefined &&
    prev.cont &&
    prev.index !== undefined &&
    next.index !== undefined &&
    next.index.length === prev.index.length &&
    next.index.every((v, k) => v === prev.index![k])
  );
}

/**
 * Whitespace-aligned tables: a line of names, then lines with as many mostly-numeric cells. Every such
 * table in the file is kept, in order (fastai prints one per fit() call; a log of trainings prints one per
 * run); the first must start near the top. A wide DataFrame that pandas wrapped is put back together.
 */
function whitespaceTables(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    if (blocks.length === 0 && i >= HEADER_SEARCH_LINES) break;
    const t = lines[i].trim();
    if (t === '' || PANDAS_FOOTER.test(t) || !/[A-Za-z]/.test(t)) continue;
    const prev = blocks[blocks.length - 1];
    for (const { names, cont } of headerNames(t, prev?.cont === true)) {
      const b = rowsUnder(lines, i + 1, names, cont, /^\s/.test(lines[i]));
      if (continues(prev, b)) {
        prev.names.push(...b.names);
        prev.rows.forEach((r, k) => r.push(...b.rows[k]));
        prev.cont = b.cont;
      } else if (b.rows.length >= MIN_ROWS && b.names.length >= 2) {
        blocks.push(b);
      } else continue;
      i = b.end - 1;
      break;
    }
  }
  return blocks;
}

/** A block's header and rows as the CSV reader takes them: columns pandas left out ("...") dropped, the
 * index last as `epoch` when no column names the epoch (else dropped, as the CSV reader drops an unnamed index). */
function tableOf(b: Block): { header: string[]; rows: string[][] } {
  const keep = b.names.map((n, k) => (ELIDED.test(n) ? -1 : k)).filter((k) => k >= 0);
  // a column that counts epochs or steps is the x axis; the index is then only the row number
  const named = b.names.some((n) => X_NAME.test(n));
  const index = b.index && !named ? b.index : undefined;
  return {
    header: [...keep.map((k) => b.names[k]), ...(index ? ['epoch'] : [])],
    rows: b.rows.map((r, i) => [...keep.map((k) => r[k]), ...(index ? [index[i]] : [])]),
  };
}

/** A cell that names the split its row was measured on, and the prefix its values take. */
const SPLIT_CELL = /^(?:trn|train|training|dev|val|valid|validation|eval|test|tst)$/i;
function splitPrefix(cell: string): string {
  const c = cell.toLowerCase();
  return /^(?:trn|train|training)$/.test(c) ? 'train_' : /^(?:test|tst)$/.test(c) ? 'test_' : 'val_';
}

/**
 * A table with a row per split (`dset epoch cost` over `trn 0 0.44` and `dev 0 0.47`, as tabulate prints a
 * loop's per-split results), turned into a row per epoch: each metric once per split (`train_cost`,
 * `val_cost`), the split column gone. The same table printed again for every epoch is one table (its rows
 * follow on while the epoch counts up). Other blocks are left as they are.
 */
function splitRows(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const col = b.names.findIndex((_, k) => b.rows.every((r) => SPLIT_CELL.test(r[k])));
    const x = b.names.findIndex((n) => X_NAME.test(n));
    if (col < 0 || x < 0 || b.index) {
      out.push(b);
      continue;
    }
    const metrics = b.names.map((_, k) => k).filter((k) => k !== col && k !== x);
    const byX = new Map<string, Map<string, string>>();
    const names = [b.names[x]];
    for (const r of b.rows) {
      const row = byX.get(r[x]) ?? new Map<string, string>();
      byX.set(r[x], row);
      for (const k of metrics) {
        const name = splitPrefix(r[col]) + b.names[k];
        if (!names.includes(name)) names.push(name);
        row.set(name, r[k]);
      }
    }
    const rows = [...byX].map(([xv, row]) => names.map((n, k) => (k === 0 ? xv : (row.get(n) ?? 'NA'))));
    const prev = out[out.length - 1];
    const follows =
      prev?.split &&
      prev.names.join('\t') === names.join('\t') &&
      Number(rows[0][0]) > Number(prev.rows[prev.rows.length - 1][0]);
    if (follows) prev.rows.push(...rows);
    else out.push({ names, rows, elided: b.elided, cont: false, split: true });
  }
  return out;
}

/**
 * The tables as one: every block under the union of the names (a missing cell is NA), a header line
 * between blocks so the CSV reader reads each as its own run.
 */
export function joinBlocks(blocks: Block[]): string[][] | undefined {
  if (blocks.length === 0) return undefined;
  const tables = blocks.map(tableOf);
  const union: string[] = [];
  for (const t of tables) for (const n of t.header) if (!union.includes(n)) union.push(n);
  const out: string[][] = [];
  for (const t of tables) {
    out.push(union);
    const at = union.map((n) => t.header.indexOf(n));
    for (const r of t.rows) out.push(at.map((k) => (k < 0 ? 'NA' : r[k])));
  }
  return out;
}

/**
 * The printed table(s) in `lines`, read by the CSV reader as `dialect` (a format, or the header vote), with
 * what the reading should say; undefined when the lines hold no such table. Several tables are joined under
 * the union of their names and read as tables of epochs, each its own run: a vote on the union could pick a
 * reader that reads one layout for the whole text.
 */
export function parsePlainTable(lines: string[], limits: Limits, dialect: Format | TableDialect): RawLog | undefined {
  const table = plainTableToTsv(lines);
  if (!table) return undefined;
  const vote: Format | TableDialect =
    typeof dialect !== 'string' && table.tables > 1
      ? (header, first) => {
          const f = dialect(header, first);
          return f === 'lightning-csv' || f === 'tensorboard-csv' || f === 'ultralytics-csv' ? 'csv' : f;
        }
      : dialect;
  const raw = parseCsv(table.tsv, '\t', limits, vote);
  return { ...raw, warnings: [...table.warnings, ...raw.warnings] };
}

/** Tab-separated text for the CSV reader (and what it should know), or undefined when the lines hold no such table. */
function plainTableToTsv(lines: string[]): { tsv: string; warnings: IngestWarning[]; tables: number } | undefined {
  const head = lines.slice(0, HEADER_SEARCH_LINES);
  const pipe = head.some((l) => /^\s*[|│┃║]/.test(l));
  let blocks: Block[] = pipe ? [] : splitRows(whitespaceTables(lines));
  let between = 0;
  if (!pipe && blocks.length === 0) {
    const separated = separatedTables(lines);
    // the tables must be most of the text: a printed log that ends with a small summary table is the printed-log
    // reader's to read
    const spanned = separated.reduce((n, b) => n + b.span, 0);
    if (spanned >= SEPARATED_COVER * nonBlank(lines)) {
      between = separated.reduce((n, b) => n + b.between, 0);
      blocks = separated;
    }
  }
  const table = pipe ? pipeTable(lines) : joinBlocks(blocks);
  if (!table) return undefined;
  const warnings: IngestWarning[] = [];
  if (between > 0)
    warnings.push({
      code: 'lines_between_rows',
      message: `Skipped ${between} line(s) printed among the table's rows that are not rows (progress or notes): only the rows are read.`,
    });
  if (blocks.some((b) => b.elided))
    warnings.push({
      code: 'elided_rows',
      message:
        "The printed table leaves rows out (pandas prints '...' for the middle of a long DataFrame): only the rows shown are read. Print it whole with pd.set_option('display.max_rows', None), or send df.to_csv().",
    });
  if (blocks.some((b) => b.names.some((n) => ELIDED.test(n))))
    warnings.push({
      code: 'elided_columns',
      message:
        "The printed table leaves columns out (pandas prints '...' for the middle columns of a wide DataFrame): only the columns shown are read. Print it whole with pd.set_option('display.max_columns', None), or send df.to_csv().",
    });
  return { tsv: table.map((r) => r.join('\t')).join('\n') + '\n', warnings, tables: Math.max(1, blocks.length) };
}
