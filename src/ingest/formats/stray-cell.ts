/**
 * A table whose every row holds one cell more than its header, the same cell empty in each: a writer that put one
 * delimiter too many into its rows. Flair's older `loss.tsv` writes `TRAIN_LOSS\t\tTRAIN_PRECISION...` rows under a
 * header without the empty field, so every row was one too long and was skipped as malformed ("holds no numeric
 * values"). With the empty cell dropped, every column is under its name again. Read only where the cells allow no
 * other reading they can show: every row exactly one cell longer (but a last row cut short), at least 3 of them, the
 * cells empty in every row all side by side (dropping any of them aligns the rest alike), and the rows not numbered
 * under a first name that counts nothing (a header without its row index's name). What the cells cannot show: a
 * header that left out another column's name, beside a column empty in every row, is read as this too.
 */
import { isBookkeeping } from '../names.js';
import { forEachLine, splitCells, type Table, type TableBlock } from './table.js';

/** Rows a block needs before a cell empty in all of them says it is the writer's stray delimiter. */
export const STRAY_CELL_MIN_ROWS = 3;

/**
 * The position of the stray empty cell in every row of this block, or undefined when there is none to drop. Not
 * when every row starts with a count (0, 1, 2, ...) under a header whose first name counts nothing: a table whose
 * header leaves out its row index's name (pandas' `index_label=False`, R's row names) is one cell short there,
 * and a column empty in every row is a metric never logged, not a stray.
 */
export function strayEmptyCell(table: Table, block: TableBlock, header: readonly string[]): number | undefined {
  const width = header.length;
  let rows = 0;
  let emptyEverywhere: boolean[] | undefined;
  let uneven = false;
  // does every row start with a count under a first name that counts nothing?
  let counted = !isBookkeeping(header[0] ?? '');
  let start = NaN;
  // a row shorter than the rest may end the block (a run cut off mid-write, or one row the header's width)
  let cut = false;
  forEachLine(table, block, (line) => {
    const cells = splitCells(line, table.delim);
    if (cut || cells.length > width + 1) {
      uneven = true;
      return false;
    }
    if (cells.length <= width) {
      cut = true;
      return;
    }
    const head = cells[0].trim() === '' ? NaN : Number(cells[0]);
    if (rows === 0) start = head;
    counted &&= (start === 0 || start === 1) && head === start + rows;
    rows++;
    const empty = cells.map((c) => c.trim() === '');
    emptyEverywhere = emptyEverywhere ? emptyEverywhere.map((e, i) => e && empty[i]) : empty;
  });
  if (uneven || rows < STRAY_CELL_MIN_ROWS || !emptyEverywhere || counted) return undefined;
  const at = emptyEverywhere.flatMap((e, i) => (e ? [i] : []));
  // none, or two apart (which one the writer added decides where the columns between them belong): no guess
  if (at.length === 0 || at[at.length - 1] - at[0] !== at.length - 1) return undefined;
  return at[0];
}

/** The row without its stray cell (a shorter last row keeps a cell it holds there that is not empty). */
export function withoutCell(cells: string[], at: number): string[] {
  return cells.length > at && cells[at].trim() === '' ? [...cells.slice(0, at), ...cells.slice(at + 1)] : cells;
}
