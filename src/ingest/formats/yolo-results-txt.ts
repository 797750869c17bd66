/**
 * The results.txt of Ultralytics' yolov3 and yolov5 (2019-2021, before results.csv): no header, one line per
 * epoch of fixed-width cells, as their train.py wrote it and their plot_results() reads it back:
 *
 *   epoch/last  GPU memory  box obj cls total  targets img_size  P R mAP@0.5 (F1 | mAP@0.5:0.95)  val box obj cls
 *
 * The training losses are read with their total; the validation losses' total is their sum (ingest derives
 * it, as for results.csv). The fourth score is F1 in yolov3 and mAP@0.5:0.95 in yolov5, which the line
 * cannot tell apart: it is left out. A resumed or restarted training (the epoch goes back) starts a run.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** The cells of a line: "E/N", the memory, then 13 numbers. */
const CELLS = 15;
const EPOCH_CELL = /^(\d{1,6})\/(\d{1,6})$/;
/** "0.279G", "3.2G", "0", "1.05e+03M" (torch.cuda.memory_reserved / 1E9, with its unit) */
const MEMORY_CELL = /^\d{1,6}(?:\.\d{1,6})?(?:e[-+]?\d{1,3})?[GM]?$/i;
/** The numbers' names by position after the first two cells; undefined: not a curve (a count, a size, the ambiguous score). */
const NAMES: readonly (string | undefined)[] = [
  'train/box_loss',
  'train/obj_loss',
  'train/cls_loss',
  'train/loss',
  undefined, // targets in the last batch
  undefined, // image size
  'metrics/precision',
  'metrics/recall',
  'metrics/mAP50',
  undefined, // F1 (yolov3) or mAP@0.5:0.95 (yolov5)
  'val/box_loss',
  'val/obj_loss',
  'val/cls_loss',
];

interface Row {
  epoch: number;
  values: number[];
}

/** One line as a row, or undefined when it is not one of this layout's. */
function rowOf(line: string): Row | undefined {
  const cells = line.trim().split(/\s+/);
  if (cells.length !== CELLS) return undefined;
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

/** Detection's test: the first non-empty lines (up to 3) are all rows of this layout. */
export function looksLikeYoloResultsTxt(lines: string[]): boolean {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 3);
  return head.length > 0 && head.every((l) => rowOf(l) !== undefined);
}

export function parseYoloResultsTxt(lines: string[], limits: Limits): RawLog {
  const runs: Row[][] = [];
  let rows = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const row = rowOf(line);
    if (!row)
      throw new IngestError(
        'unrecognised',
        `Line ${i + 1} is not a row of a YOLO results.txt ("epoch/last memory" and 13 numbers): ${line.trim().slice(0, 80)}`,
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
    runs: runs.map(toRun),
    rows,
    warnings: [
      {
        code: 'yolo_results_txt',
        message:
          'Read as a YOLO results.txt (yolov3/yolov5, no header): box, obj and cls losses with their total, ' +
          'precision, recall and mAP@0.5; the fourth score (F1 or mAP@0.5:0.95 by version) is left out.',
      },
    ],
  };
}

function toRun(rows: Row[]): RawRun {
  const x = rows.map((r) => r.epoch + 1);
  const columns: RawColumn[] = [];
  NAMES.forEach((name, k) => {
    if (name) columns.push({ name, x, y: rows.map((r) => r.values[k]) });
  });
  return { xAxis: 'epoch', epochNumbering: 'from0', columns };
}
