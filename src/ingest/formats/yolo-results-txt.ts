/**
 * The results.txt of Ultralytics' yolov3 and yolov5 (2019-2021, before results.csv): no header, one line per
 * epoch of fixed-width cells, as their train.py wrote it and their plot_results() reads it back:
 *
 *   epoch/last  GPU memory  box obj cls total  targets img_size  P R mAP@0.5 (F1 | mAP@0.5:0.95)  val box obj cls
 *
 * The training losses are read with their total; the validation losses' total is their sum (ingest derives
 * it, as for results.csv). The fourth score is F1 in yolov3 and mAP@0.5:0.95 in yolov5, which the line
 * cannot tell apart: it is left out. A resumed or restarted training (the epoch goes back) starts a run.
 *
 * Forks keep the layout and add cells: a loss part to both splits (an angle for rotated boxes), or scores before
 * the validation losses. Their lines are read when the layout shows itself: the training total after its parts
 * equals their sum on every first line, the targets and image size are whole numbers, the four scores at least
 * follow, and the validation losses are the last cells, one per part. The parts past the third are named by
 * position; the scores past mAP@0.5 are left out, as the fourth is. A fork that adds a part to training alone
 * (yolov5-face's landmarks: 4 parts, then the 4 scores and 3 validation parts) fits no such layout: refused.
 *
 * Some yolov5 versions write the three parts without their total (14 cells: `0/99 1.09G 0.139 0.0546 0.0876 34
 * 640 0 0 0 0 0.141 0.0465 0.0831`). Such a line is read when the counts sit right after the three parts: the
 * targets a whole number and the image size a whole multiple of the network's stride (train.py's check_img_size),
 * on every first line; the training total is then their sum, as the validation's is. Only the three parts: a
 * fork's fourth part without a total could not be told from a total that is not their sum.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** The standard layouts' cells: "E/N", the memory, then 13 numbers (3 loss parts, 4 scores). */
const STANDARD_CELLS = 15;
/** A fork's line holds at most this many cells (6 loss parts twice, their total, 2 counts, 5 scores). */
const MAX_CELLS = 22;
/** A fork's loss parts: at least 2 (box and obj), at most 6. */
const MIN_PARTS = 2;
const MAX_PARTS = 6;
/** Scores before the validation losses: precision, recall, mAP@0.5 and the fourth (F1 or mAP@0.5:0.95) at least,
 * as every yolov3/yolov5 line writes them. */
const MIN_SCORES = 4;
/** yolov5's line without the training total: "E/N", the memory, 3 loss parts, the 2 counts, the 4 scores and the 3
 * validation parts; the fewest cells a line holds. */
const NO_TOTAL_CELLS = 14;
/** YOLO's image size is a multiple of its largest stride, 32 (train.py's check_img_size). */
const IMAGE_STRIDE = 32;
/** The printed total may differ from the sum of the printed parts by their rounding: '%10.3g' (yolov3) keeps 3
 * significant digits, so each value is off by at most 0.5% of itself. */
const SUM_ROUNDING = 5e-3;
const EPOCH_CELL = /^(\d{1,6})\/(\d{1,6})$/;
/** "0.279G", "3.2G", "0", "1.05e+03M" (torch.cuda.memory_reserved / 1E9, with its unit) */
const MEMORY_CELL = /^\d{1,6}(?:\.\d{1,6})?(?:e[-+]?\d{1,3})?[GM]?$/i;
/** The loss parts' names by position; past these, "part4", "part5"... */
const PART_NAMES = ['box', 'obj', 'cls'];
/** The first scores' names; the scores past them are left out (F1 or mAP@0.5:0.95, and forks' own). */
const SCORE_NAMES = ['metrics/precision', 'metrics/recall', 'metrics/mAP50'];

/** Where the numbers sit in a line: how many cells, and how many loss parts each split has. */
interface Layout {
  cells: number;
  parts: number;
  /** the training loss's total is printed after its parts (false: the parts alone, the total is their sum) */
  total: boolean;
}

interface Row {
  epoch: number;
  values: number[];
}

/** A line's epoch and numbers when it opens like this layout's ("E/N", the memory), or undefined. */
function cellsOf(line: string): Row | undefined {
  const cells = line.trim().split(/\s+/);
  if (cells.length < NO_TOTAL_CELLS || cells.length > MAX_CELLS) return undefined;
  const e = EPOCH_CELL.exec(cells[0]);
  if (!e || +e[1] > +e[2] || !MEMORY_CELL.test(cells[1])) return undefined;
  const values: number[] = [];
  for (const c of cells.slice(2)) {
    const v = parseNumber(c);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return { epoch: +e[1], values };
}

/** Whether a row fits a fork's layout of `parts` loss parts: total = their sum, whole counts, room for scores. */
function fitsParts(values: number[], parts: number): boolean {
  const scores = values.length - (2 * parts + 3);
  if (scores < MIN_SCORES) return false;
  const own = values.slice(0, parts);
  const total = values[parts];
  const sum = own.reduce((a, v) => a + v, 0);
  const rounding = SUM_ROUNDING * (Math.abs(total) + own.reduce((a, v) => a + Math.abs(v), 0));
  const counts = values.slice(parts + 1, parts + 3);
  return Math.abs(sum - total) <= rounding && counts.every((c) => Number.isInteger(c) && c >= 0);
}

/** Whether a row of yolov5's 14 cells fits `parts` loss parts printed without their total (the 4 scores then fill
 * the cells between the counts and the validation parts): the targets a whole number, the image size a whole
 * multiple of the stride, and the losses not negative. */
function fitsPartsAlone(values: number[], parts: number): boolean {
  const [targets, size] = values.slice(parts, parts + 2);
  const losses = [...values.slice(0, parts), ...values.slice(-parts)];
  return (
    Number.isInteger(targets) &&
    targets >= 0 &&
    Number.isInteger(size) &&
    size >= IMAGE_STRIDE &&
    size % IMAGE_STRIDE === 0 &&
    losses.every((v) => v >= 0)
  );
}

/** The layout the first rows share, or undefined: the standard one by its cell count; a fork's when exactly
 * one count of loss parts fits every row. */
function layoutOf(head: Row[]): Layout | undefined {
  const cells = head[0].values.length + 2;
  if (!head.every((r) => r.values.length + 2 === cells)) return undefined;
  if (cells === STANDARD_CELLS) return { cells, parts: PART_NAMES.length, total: true };
  const fits: number[] = [];
  for (let parts = MIN_PARTS; parts <= MAX_PARTS; parts++)
    if (head.every((r) => fitsParts(r.values, parts))) fits.push(parts);
  if (fits.length > 0) return fits.length === 1 ? { cells, parts: fits[0], total: true } : undefined;
  // no total after the parts on any count: yolov5's three parts alone, in its 14 cells (a fork's further part without a
  // total could not be told from a total that is not their sum)
  const parts = PART_NAMES.length;
  return cells === NO_TOTAL_CELLS && head.every((r) => fitsPartsAlone(r.values, parts))
    ? { cells, parts, total: false }
    : undefined;
}

/** The layout of a text's first non-empty lines (up to 3), when they are all rows of one. */
function headLayout(lines: string[]): Layout | undefined {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 3);
  const rows = head.map(cellsOf);
  if (rows.length === 0 || rows.some((r) => r === undefined)) return undefined;
  return layoutOf(rows as Row[]);
}

/** Detection's test: the first non-empty lines (up to 3) are all rows of one layout. */
export function looksLikeYoloResultsTxt(lines: string[]): boolean {
  return headLayout(lines) !== undefined;
}

export function parseYoloResultsTxt(lines: string[], limits: Limits): RawLog {
  const layout = headLayout(lines.slice(0, 20));
  if (!layout) throw new IngestError('unrecognised', 'The first lines are not rows of a YOLO results.txt.');
  const runs: Row[][] = [];
  let rows = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const row = cellsOf(line);
    if (!row || row.values.length + 2 !== layout.cells)
      throw new IngestError(
        'unrecognised',
        `Line ${i + 1} is not a row of a YOLO results.txt ("epoch/last memory" and ${layout.cells - 2} numbers): ${line.trim().slice(0, 80)}`,
      );
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} rows.`);
    const run = runs.at(-1);
    if (!run || row.epoch <= run[run.length - 1].epoch) runs.push([row]);
    else run.push(row);
  }
  if (runs.length === 0) throw new IngestError('unrecognised', 'The YOLO results.txt holds no rows.');
  return {
    format: 'ultralytics-csv',
    runs: runs.map((run) => toRun(run, layout)),
    rows,
    warnings: [{ code: 'yolo_results_txt', message: readAs(layout) }],
  };
}

/** The warning that says how the line was read. */
function readAs(layout: Layout): string {
  if (!layout.total)
    return (
      `Read as a YOLO results.txt of ${NO_TOTAL_CELLS} cells (yolov5, no header): box, obj and cls losses printed ` +
      'without their total, which is read as their sum; precision, recall and mAP@0.5; the fourth score ' +
      '(mAP@0.5:0.95) is left out.'
    );
  if (layout.cells === STANDARD_CELLS)
    return (
      'Read as a YOLO results.txt (yolov3/yolov5, no header): box, obj and cls losses with their total, ' +
      'precision, recall and mAP@0.5; the fourth score (F1 or mAP@0.5:0.95 by version) is left out.'
    );
  const names = partNames(layout.parts).join(', ');
  const left = layout.cells - 2 - (2 * layout.parts + 3) - SCORE_NAMES.length;
  return (
    `Read as a YOLO results.txt of ${layout.cells} cells (a fork of yolov3/yolov5, no header): ${layout.parts} ` +
    `loss parts (${names}) with their total, as its total equals their sum; precision, recall and mAP@0.5; ` +
    `the last ${layout.parts} cells as the validation's parts. ${left === 1 ? 'The other score is' : `The ${left} other scores are`} left out.`
  );
}

function partNames(parts: number): string[] {
  return Array.from({ length: parts }, (_, k) => PART_NAMES[k] ?? `part${k + 1}`);
}

/** The columns by position: the parts and their total (when printed), the counts (skipped), the scores, the validation
 * parts. */
function toRun(rows: Row[], layout: Layout): RawRun {
  const x = rows.map((r) => r.epoch + 1);
  const n = layout.cells - 2;
  const names: (string | undefined)[] = Array.from({ length: n }, () => undefined);
  partNames(layout.parts).forEach((part, k) => {
    names[k] = `train/${part}_loss`;
    names[n - layout.parts + k] = `val/${part}_loss`;
  });
  // the printed total, then the two counts (skipped); without it, the counts follow the parts
  if (layout.total) names[layout.parts] = 'train/loss';
  const scoresAt = layout.parts + (layout.total ? 3 : 2);
  SCORE_NAMES.forEach((name, k) => (names[scoresAt + k] = name));
  const columns: RawColumn[] = [];
  names.forEach((name, k) => {
    if (name) columns.push({ name, x, y: rows.map((r) => r.values[k]) });
  });
  return { xAxis: 'epoch', epochNumbering: 'from0', columns };
}
