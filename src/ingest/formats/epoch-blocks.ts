/**
 * Rows of numbers under "Epoch N" lines, with no name anywhere: a loop that prints `print(f"Epoch: {epoch}")`
 * and then `print(loss.item(), ",", i)` every few batches. Each block is one epoch; its values (a value, or a
 * value and the batch counter beside it) are averaged into the epoch's training loss, read as a loss only
 * when the epochs' means fall like one (the bare list's rule), with a warning that the name is a guess.
 */
import { MIN_CURVE_POINTS, type Limits } from '../limits.js';
import type { RawLog } from '../schema.js';
import { parseNumber } from '../text.js';
import { fallingLoss } from './headerless.js';
import { IngestError } from '../errors.js';

/** "Epoch: 3", "epoch 3", "Epoch [3/20]", "Epoch #3:" alone on its line. */
const EPOCH_LINE = /^\s*(?:epoch|ep)\s*[:=#]?\s*\[?\s*(\d{1,7})(?:\s*\/\s*\d{1,7})?\s*\]?\s*:?\s*$/i;
/** A row: one or two numbers, split by a comma and/or spaces. */
const ROW_SPLIT = /\s*,\s*|\s+/;

interface Block {
  epoch: number;
  rows: number[][];
}

/** The blocks, or undefined when a line is neither an epoch line nor a row of one or two numbers. */
function blocksOf(lines: string[], limits: Limits): Block[] | undefined {
  const blocks: Block[] = [];
  let rows = 0;
  let width = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t === '') continue;
    const m = EPOCH_LINE.exec(t);
    if (m) {
      blocks.push({ epoch: +m[1], rows: [] });
      continue;
    }
    if (blocks.length === 0) return undefined;
    const cells = t.split(ROW_SPLIT);
    if (cells.length > 2 || (width && cells.length !== width)) return undefined;
    width = cells.length;
    const row: number[] = [];
    for (const c of cells) {
      const v = parseNumber(c);
      if (v === undefined) return undefined;
      row.push(v);
    }
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} rows.`);
    blocks[blocks.length - 1].rows.push(row);
  }
  return blocks;
}

/** Which column counts batches: whole numbers rising inside every block. -1 for a one-column block. */
function counterColumn(blocks: Block[]): number | undefined {
  if (blocks[0].rows[0].length === 1) return -1;
  const counts = (c: number) =>
    blocks.every((b) => b.rows.every((r, i) => Number.isInteger(r[c]) && (i === 0 || r[c] > b.rows[i - 1][c])));
  const found = [0, 1].filter(counts);
  return found.length === 1 ? found[0] : undefined;
}

export function epochBlocks(lines: string[], limits: Limits): RawLog | undefined {
  const blocks = blocksOf(lines, limits);
  if (!blocks || blocks.length < MIN_CURVE_POINTS || blocks.some((b) => b.rows.length === 0)) return undefined;
  if (!blocks.every((b, i) => i === 0 || b.epoch > blocks[i - 1].epoch)) return undefined;
  const counter = counterColumn(blocks);
  if (counter === undefined) return undefined;
  const col = counter === 1 ? 0 : counter === 0 ? 1 : 0;
  const means = blocks.map((b) => {
    const vs = b.rows.map((r) => r[col]).filter(Number.isFinite);
    return vs.length ? vs.reduce((a, v) => a + v, 0) / vs.length : NaN;
  });
  if (!fallingLoss(means)) return undefined;
  const from0 = blocks[0].epoch === 0;
  const x = blocks.map((b) => (from0 ? b.epoch + 1 : b.epoch));
  const what = counter >= 0 ? 'a value and a batch counter' : 'values';
  return {
    format: 'text',
    runs: [
      {
        xAxis: 'epoch',
        ...(from0 ? { epochNumbering: 'from0' as const } : {}),
        columns: [{ name: 'loss', x, y: means }],
      },
    ],
    rows: blocks.reduce((a, b) => a + b.rows.length, 0),
    warnings: [
      {
        code: 'unnamed_series',
        message: `Each "Epoch N" line is followed by rows of ${what} without a name: the values are read as the training loss, averaged per epoch. Print the name beside the value (e.g. "loss: 0.52") to be sure.`,
      },
    ],
  };
}
