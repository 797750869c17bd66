/**
 * A whitespace-aligned table a logger printed, every row behind its prefix ("[2021/08/30 00:30:55] - "): read
 * behind the prefix. A bracketed date with slashes at the head of a text is a log's stamp, not a JSON list.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';
import { stripPrefix } from '../../src/ingest/formats/print-words.js';

const train = [322.17, 260.66, 235.77, 222.1, 209.84, 202.38, 195.1];
const test = [289.53, 243.59, 230.63, 222.39, 209.21, 196.24, 201.5];
const table = (stamp: (e: number) => string) =>
  [
    `${stamp(0)}Namespace(epochs=160, lr_max=0.001, batch_size=160)`,
    `${stamp(0)}Epoch  Seconds    Train Loss  Train Acc    Test Loss  Test Acc`,
    ...train.map(
      (t, e) =>
        `${stamp(e)}${String(e).padStart(5)}     53.8    ${t.toFixed(4).padStart(10)}    ${(28 + e).toFixed(4)}   ${test[e].toFixed(4).padStart(10)}   ${(40 + e).toFixed(4)}`,
    ),
  ].join('\n');

describe('a table behind a logger prefix', () => {
  it.each([
    ['a bracketed date with slashes', (e: number) => `[2021/08/30 00:3${e}:55] - `],
    ['a bracketed ISO date', (e: number) => `[2021-08-30 00:3${e}:55] - `],
    ['a bare date and a logger name', (e: number) => `2021-08-30 00:3${e}:55 INFO - `],
  ])('%s: the rows are the table, the prefix is the log', (_name, stamp) => {
    const log = readValid(table(stamp));
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['loss', 'val_loss']));
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toEqual(train);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toEqual(test);
  });

  it('a small table above printed epochs, behind the same prefix, leaves the log to the printed-log reader', () => {
    const stamp = (e: number) => `2021-08-30 00:3${e % 10}:55 INFO - `;
    const lines = [
      `${stamp(0)}Epoch  Loss`,
      `${stamp(0)}    0   0.91`,
      `${stamp(0)}    1   0.85`,
      ...Array.from({ length: 30 }, (_, e) => `${stamp(e)}epoch ${e + 1} loss ${(1 / (1 + e / 5)).toFixed(4)}`),
    ];
    const log = ingest(lines.join('\n'));
    expect(log.runs.at(-1)!.series.find((s) => s.key === 'loss')!.y.length).toBeGreaterThanOrEqual(30);
  });

  it('a level word is a prefix only as a whole word: a header that starts with "Errors" keeps it', () => {
    expect(stripPrefix('ERROR: the loader failed').trim()).toBe('the loader failed');
    expect(stripPrefix('[WARNING] lr too high').trim()).toBe('lr too high');
    expect(stripPrefix('Errors  Loss  Acc')).toBe('Errors  Loss  Acc');
    expect(stripPrefix('Information_gain  0.31')).toBe('Information_gain  0.31');
    // a table whose header starts with such a word, behind a dated prefix, keeps its first column's name
    const lines = [0, 1, 2, 3, 4, 5].map(
      (e) =>
        `2021-08-30 00:3${e}:55 - ${e === 0 ? 'Errors  Loss' : `${String(10 - e).padStart(6)}  ${(1 - e / 10).toFixed(2)}`}`,
    );
    const keys = ingest(lines.join('\n')).runs[0].series.map((s) => s.key);
    expect(keys).toContain('loss');
    expect(keys.join(' ')).not.toMatch(/(?:^| )s(?: |$)/);
  });

  it('a broken list is still a broken JSON document, not a log', () => {
    expect(() => ingest('[0.9, 0.7 0.6, 0.55, 0.52, 0.5]')).toThrow(/JSON/);
  });
});
