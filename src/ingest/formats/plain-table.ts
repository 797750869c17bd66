/**
 * Tables people paste that are not delimiter-separated files: a Markdown pipe table (a chat message,
 * a notebook's rendered output) and a whitespace-aligned console table (fastai's fit output:
 * "epoch  train_loss  valid_loss  accuracy  time"). Both become tab-separated text for the CSV reader.
 */

import type { IngestWarning } from '../schema.js';

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
/** |---|:---:| */
const PIPE_RULE = /^:?-{2,}:?$/;
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

/** A Markdown pipe table's header and rows, from its first block of '|' lines. */
function pipeTable(lines: string[]): string[][] | undefined {
  let start = lines.findIndex((l) => pipeCells(l) !== undefined);
  if (start < 0) return undefined;
  const header = pipeCells(lines[start])!;
  if (header.length < 2 || !header.some((h) => TRAINING_WORD.test(h))) return undefined;
  const rows: string[][] = [];
  for (start++; start < lines.length; start++) {
    const cells = pipeCells(lines[start]);
    if (!cells && lines[start].length < 2000 && BOX_RULE.test(lines[start])) continue;
    if (!cells) break;
    if (cells.every((c) => PIPE_RULE.test(c))) continue;
    if (cells.length !== header.length || numericShare(cells) < 0.5) break;
    rows.push(cells);
  }
  return rows.length >= MIN_ROWS ? [header, ...rows] : undefined;
}

/** A header line's names: split at any whitespace, or at runs of two or more spaces when the names hold one. */
function headerNames(line: string): string[][] {
  const t = line.trim();
  const out: string[][] = [];
  const words = t.split(/\s+/);
  if (words.every((h) => NAME.test(h))) out.push(words);
  const spaced = t.split(/\s{2,}|\t/);
  if (spaced.length !== words.length && spaced.every((h) => SPACED_NAME.test(h))) out.push(spaced);
  return out.filter((h) => h.length >= 2 && h.some((n) => TRAINING_WORD.test(n)) && !isReport(h));
}

/** scikit-learn's classification_report ("precision recall f1-score support", a row per class): a final
 * evaluation printed beside a training log, not a table of epochs */
function isReport(names: string[]): boolean {
  return names.some((n) => n.toLowerCase() === 'support');
}

/** A data row's cells ("No log" is fastai's one cell for a phase that logged nothing). */
function rowCells(line: string): string[] {
  return line
    .trim()
    .replace(/\bno log\b/gi, 'NA')
    .split(/\s+/);
}

/**
 * The rows under `header` from line `from`, and where they end. A row has one cell per name, or one more in
 * front: the index pandas prints left of a DataFrame (it becomes the epoch column when none is named, else
 * it is dropped, as the CSV reader drops an unnamed index). pandas' "..." rows are skipped.
 */
function rowsUnder(
  lines: string[],
  from: number,
  header: string[],
): { rows: string[][]; index: boolean; elided: boolean; end: number } {
  const keepIndex = !header.some((n) => /^epochs?$/i.test(n));
  const rows: string[][] = [];
  let index: boolean | undefined;
  let elided = false;
  let j = from;
  for (; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t === '') continue;
    const cells = rowCells(t);
    if (cells.every((c) => ELIDED.test(c))) {
      elided = true;
      continue;
    }
    const indexed = cells.length === header.length + 1 && /^\d+$/.test(cells[0]);
    if (index === undefined && (indexed || cells.length === header.length)) index = indexed;
    if ((index ? !indexed : cells.length !== header.length) || numericShare(cells) < 0.75) break;
    rows.push(!index ? cells : keepIndex ? cells.slice(1).concat(cells[0]) : cells.slice(1));
  }
  return { rows, index: index === true, elided, end: j };
}

/** One table of a whitespace-aligned text: its header (a kept index last, as `epoch`) and rows. */
interface Block {
  header: string[];
  rows: string[][];
  /** pandas left rows out ("...") */
  elided: boolean;
}

/**
 * Whitespace-aligned tables: a line of names, then lines with as many mostly-numeric cells. Every such
 * table in the file is kept, in order (fastai prints one per fit() call; a log of trainings prints one per
 * run); the first must start near the top.
 */
function whitespaceTables(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length - MIN_ROWS; i++) {
    if (blocks.length === 0 && i >= HEADER_SEARCH_LINES) break;
    const t = lines[i].trim();
    if (t === '' || PANDAS_FOOTER.test(t) || !/[A-Za-z]/.test(t)) continue;
    for (const names of headerNames(t)) {
      const { rows, index, elided, end } = rowsUnder(lines, i + 1, names);
      if (rows.length < MIN_ROWS) continue;
      const named = names.some((n) => /^epochs?$/i.test(n));
      blocks.push({ header: index && !named ? [...names, 'epoch'] : names, rows, elided });
      i = end - 1;
      break;
    }
  }
  return blocks;
}

/**
 * The tables as one: every block under the union of the names (a missing cell is NA), a header line
 * between blocks so the CSV reader reads each as its own run.
 */
function joinBlocks(blocks: Block[]): string[][] | undefined {
  if (blocks.length === 0) return undefined;
  const union: string[] = [];
  for (const b of blocks) for (const n of b.header) if (!union.includes(n)) union.push(n);
  const out: string[][] = [];
  for (const b of blocks) {
    out.push(union);
    const at = union.map((n) => b.header.indexOf(n));
    for (const r of b.rows) out.push(at.map((k) => (k < 0 ? 'NA' : r[k])));
  }
  return out;
}

/** Tab-separated text for the CSV reader (and what it should know), or undefined when the lines hold no such table. */
export function plainTableToTsv(lines: string[]): { tsv: string; warnings: IngestWarning[] } | undefined {
  const head = lines.slice(0, HEADER_SEARCH_LINES);
  const pipe = head.some((l) => /^\s*[|│┃║]/.test(l));
  const blocks = pipe ? [] : whitespaceTables(lines);
  const table = pipe ? pipeTable(lines) : joinBlocks(blocks);
  if (!table) return undefined;
  const warnings: IngestWarning[] = blocks.some((b) => b.elided)
    ? [
        {
          code: 'elided_rows',
          message:
            "The printed table leaves rows out (pandas prints '...' for the middle of a long DataFrame): only the rows shown are read. Print it whole with pd.set_option('display.max_rows', None), or send df.to_csv().",
        },
      ]
    : [];
  return { tsv: table.map((r) => r.join('\t')).join('\n') + '\n', warnings };
}
