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
