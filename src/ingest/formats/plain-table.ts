/**
 * Tables people paste that are not delimiter-separated files: a Markdown pipe table (a chat message,
 * a notebook's rendered output) and a whitespace-aligned console table (fastai's fit output:
 * "epoch  train_loss  valid_loss  accuracy  time"). Both become tab-separated text for the CSV reader.
 */

/** a cell of a metric table: a number, NaN/inf, a missing marker, a time (00:12), a percentage */
const CELL =
  /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?|[-+]?nan|[-+]?inf(?:inity)?|na|n\/a|none|null|-|no log|\d+:\d{2}(?::\d{2})?(?:\.\d+)?)$/i;
/** a header name: identifier-like, no spaces (whitespace tables) */
const NAME = /^[A-Za-z_#][\w./#%()-]*$/;
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

/** A whitespace-aligned table: a line of names, then lines with as many mostly-numeric cells. */
function whitespaceTable(lines: string[]): string[][] | undefined {
  // the header is near the top (a few lines of setup output at most)
  for (let i = 0; i < Math.min(lines.length - MIN_ROWS, HEADER_SEARCH_LINES); i++) {
    const header = lines[i].trim().split(/\s+/);
    if (header.length < 2 || !header.every((h) => NAME.test(h)) || !header.some((h) => TRAINING_WORD.test(h))) continue;
    const rows: string[][] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j].trim();
      if (t === '') continue;
      // fastai writes "No log" (two words) where a phase had nothing to log: keep it one cell
      const cells = t.replace(/\bno log\b/gi, 'NA').split(/\s+/);
      if (cells.length !== header.length || numericShare(cells) < 0.75) break;
      rows.push(cells);
    }
    if (rows.length >= MIN_ROWS) return [header, ...rows];
  }
  return undefined;
}

/** Tab-separated text for the CSV reader, or undefined when the lines hold no such table. */
export function plainTableToTsv(lines: string[]): string | undefined {
  const head = lines.slice(0, HEADER_SEARCH_LINES);
  const table = head.some((l) => /^\s*[|│┃║]/.test(l)) ? pipeTable(lines) : whitespaceTable(lines);
  if (!table) return undefined;
  return table.map((r) => r.join('\t')).join('\n') + '\n';
}
