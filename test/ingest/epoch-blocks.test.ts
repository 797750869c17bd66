/** Rows of numbers under "Epoch N" lines with no name anywhere (formats/epoch-blocks.ts). */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const block = (e: number, level: number, sep = ', ') => [
  `Epoch: ${e}`,
  ...[0, 100, 200, 300].map((b, i) => `${(level + 0.01 * (i % 2)).toFixed(6)}${sep}${b}`),
];
const levels = [10.19, 10.18, 10.17, 10.16, 10.15, 10.14];

describe('rows of numbers under "Epoch N" lines', () => {
  it('a value and a batch counter per row: the epoch means are the training loss, counted from 0', () => {
    const log = ingest(levels.flatMap((l, e) => block(e, l)).join('\n'));
    expect(checkLog(log)).toEqual([]);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loss.y.map((v) => +v.toFixed(3))).toEqual(levels.map((l) => +(l + 0.005).toFixed(3)));
    expect(log.runs[0].epochNumbering).toBe('from0');
    expect(log.warnings.map((w) => w.code)).toContain('unnamed_series');
    // the counter first, whitespace-separated
    const flipped = levels.flatMap((l, e) => [`epoch ${e + 1}`, `0 ${l}`, `50 ${l + 0.01}`]).join('\n');
    expect(ingest(flipped).runs[0].series[0].x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rising values (an accuracy), a third column, too few epochs, or a word among the rows: not read this way', () => {
    const rising = levels.map((l) => 20 - l);
    expect(() => ingest(rising.flatMap((l, e) => block(e, l)).join('\n'))).toThrow(IngestError);
    const three = levels.flatMap((l, e) => [`Epoch: ${e}`, `${l}, 0, 7`, `${l}, 100, 7`]).join('\n');
    expect(() => ingest(three)).toThrow(IngestError);
    expect(() =>
      ingest(
        levels
          .slice(0, 4)
          .flatMap((l, e) => block(e, l))
          .join('\n'),
      ),
    ).toThrow(IngestError);
    const worded = levels.flatMap((l, e) => [...block(e, l), 'saving checkpoint']).join('\n');
    expect(() => ingest(worded)).toThrow(IngestError);
  });
});

describe('named values printed per batch around "Epoch: N" lines', () => {
  // batch losses, then "Epoch: N" and the epoch's test accuracy (a loop that prints its epoch when it ends)
  const text = Array.from({ length: 8 }, (_, e) => [
    ...Array.from({ length: 6 }, (_, b) => `loss:  ${(2 / (e + 1) + 0.1 * ((b % 3) - 1)).toFixed(4)}`),
    `Epoch:  ${e + 1}`,
    `Accuracy on test data:  ${(60 + 2 * e).toFixed(2)}`,
  ]).flat();

  it('one run: the batches of each epoch spread inside it, the accuracy once per epoch', () => {
    const log = ingest(text.join('\n'), { fileName: 'rnn.log' });
    expect(checkLog(log)).toEqual([]);
    // each batch loss repeated in a block was read as a restart: eight runs of one point
    expect(log.runs).toHaveLength(1);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    // known limit: a loop that prints its epoch after that epoch's batches is read one epoch early (the batches
    // before the first "Epoch:" line have no epoch yet and are left out: 7 blocks of 6)
    expect(loss.y).toHaveLength(42);
    expect(new Set(loss.x.map((x) => Math.ceil(x - 1e-9))).size).toBe(7);
    expect(log.runs[0].series.find((s) => s.key === 'val_accuracy')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a name printed twice in a block is two readings, the last kept; the same epoch marked again is a new run', () => {
    const twice = Array.from({ length: 6 }, (_, e) => [
      `Epoch ${e + 1}`,
      `Reward=${(10 * e).toFixed(1)}`,
      `Reward: ${(5 * e).toFixed(1)}`,
    ]).flat();
    const log = ingest(twice.join('\n'), { fileName: 'sac.log' });
    expect(log.runs[0].series.find((s) => s.key === 'reward')!.y).toEqual([0, 5, 10, 15, 20, 25]);
    const again = [...text, ...text].join('\n');
    expect(ingest(again, { fileName: 'rnn.log' }).runs).toHaveLength(2);
  });

  it("the summary on an epoch's own line stands; batches printed under it do not replace it", () => {
    const lines = Array.from({ length: 6 }, (_, e) => [
      `Epoch ${e + 1} loss: ${(1 / (e + 1)).toFixed(4)} val_loss: ${(1.2 / (e + 1)).toFixed(4)}`,
      ...Array.from({ length: 4 }, (_, b) => `loss: ${(9 + e + b / 10).toFixed(2)}`),
    ]).flat();
    const log = ingest(lines.join('\n'), { fileName: 'train.log' });
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toEqual([1, 0.5, 0.3333, 0.25, 0.2, 0.1667]);
  });

  it('a step log under one "epoch" word is read by its steps', () => {
    const steps = [
      'Start training epoch 1.',
      ...Array.from({ length: 30 }, (_, i) => `Loss at step ${i + 1}: ${(8.5 - i * 0.1).toFixed(4)}`),
    ];
    const log = ingest(steps.join('\n'), { fileName: 'log_train.log' });
    expect(log.runs[0].xAxis).toBe('step');
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x.slice(0, 3)).toEqual([1, 2, 3]);
  });
});
