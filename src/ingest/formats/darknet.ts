/**
 * Darknet's training output (YOLO v2-v4, pjreddie's and AlexeyAB's forks): a line per iteration
 *
 *    1: 1098.123535, 1098.123535 avg loss, 0.000000 rate, 4.208 seconds, 64 images, -1.000000 hours left
 *
 * (pjreddie's older builds print "avg" without "loss"), among many region lines per batch. Read as the batch's
 * loss and the learning rate per iteration on the step axis; AlexeyAB's "Last accuracy mAP@0.50 = 45.21 %"
 * (printed with -map every few hundred iterations) is the validation mAP at the iteration above it. The running
 * "avg loss" is Darknet's own smoothing of the same loss: left out.
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, type Limits } from '../limits.js';
import type { RawColumn, RawLog } from '../schema.js';
import { parseNumber } from '../text.js';

const NUM = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|-?nan|-?inf';
const ITERATION = new RegExp(
  `^\\s*(\\d{1,9}):\\s*(${NUM}),\\s*(?:${NUM})\\s+avg(?: loss)?,\\s*(${NUM})\\s+rate\\b`,
  'i',
);
const MAP = /Last accuracy mAP@0\.5\d*\s*=\s*([\d.]+)\s*%/;
/** Fewer iterations than this are no curve. */
const MIN_ITERATIONS = 3;

interface Cols {
  loss: RawColumn;
  lr: RawColumn;
  map: RawColumn;
}

const newCols = (): Cols => ({
  loss: { name: 'loss', x: [], y: [] },
  lr: { name: 'lr', x: [], y: [] },
  map: { name: 'val_mAP50', x: [], y: [] },
});

export function parseDarknet(lines: string[], limits: Limits): RawLog | undefined {
  const runs: Cols[] = [];
  let rows = 0;
  for (const line of lines) {
    if (line.length > 1000) continue;
    const m = ITERATION.exec(line);
    let cur = runs.at(-1);
    if (m) {
      const x = +m[1];
      const [l, r] = [parseNumber(m[2]), parseNumber(m[3])];
      if (l === undefined || r === undefined) continue;
      // the iteration going back starts a run (a training resumed from its weights, or started again)
      if (!cur || (cur.loss.x.length > 0 && x <= cur.loss.x[cur.loss.x.length - 1])) runs.push((cur = newCols()));
      if (runs.length > MAX_LAYOUT_RUNS) return undefined;
      cur.loss.x.push(x);
      cur.loss.y.push(l);
      cur.lr.x.push(x);
      cur.lr.y.push(r);
      if (++rows > limits.maxRows)
        throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} iterations.`);
      continue;
    }
    const mp = cur ? MAP.exec(line) : null;
    if (cur && mp) {
      cur.map.x.push(cur.loss.x[cur.loss.x.length - 1]);
      cur.map.y.push(+mp[1] / 100);
    }
  }
  if (rows < MIN_ITERATIONS) return undefined;
  const mapped = runs.some((c) => c.map.x.length > 0);
  return {
    format: 'text',
    runs: runs.map((c, i) => ({
      xAxis: 'step' as const,
      columns: [c.loss, c.lr, ...(c.map.x.length > 0 ? [c.map] : [])],
      ...(runs.length > 1 ? { label: `from iteration ${c.loss.x[0]}` } : {}),
    })),
    rows,
    warnings: [
      {
        code: 'darknet',
        message:
          'Read as Darknet\'s training output: the batch loss and learning rate per iteration (the running "avg loss" is Darknet\'s own smoothing, left out)' +
          (mapped ? ', and the validation mAP@0.5 where -map printed it.' : '.'),
      },
    ],
  };
}
