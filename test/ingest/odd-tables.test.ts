/**
 * Shapes the twenty-fifth wild batch showed (bench/wild25): a table separated by a symbol no table reader sniffs
 * (an emoji, a spaced colon), a headerless table whose first column stamps each row's date and time, and printed
 * lines counting epochs in brackets under a header that names the word "epoch" without a number.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const series = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key);
const codes = (log: ReturnType<typeof ingest>) => log.warnings.map((w) => w.code);
const LOSS = [4.49, 3.69, 3.23, 2.82, 2.55, 2.36, 2.2];

describe('a table separated by an odd symbol', () => {
  it('an emoji between date-stamped cells: the counter and the loss after the stamp', () => {
    const text = LOSS.map((l, e) => `2024-11-${10 + e} 18:15:04.852164🫤${e}🫤${l}`).join('\n');
    const log = read(text);
    expect(series(log, 'loss')!.y).toEqual(LOSS);
    expect(series(log, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(codes(log)).toEqual(expect.arrayContaining(['odd_separator', 'timestamps_ignored']));
    expect(log.warnings.find((w) => w.code === 'odd_separator')!.message).toContain('"🫤"');
  });

  it('a spaced colon under a header: the columns it names', () => {
    const rows = LOSS.map((l, i) => `${i + 1} : ${(0.1 + i / 20).toFixed(2)} : ${l}`);
    const log = read(['epoch : acc : loss', ...rows].join('\n') + '\n');
    expect(series(log, 'loss')!.y).toEqual(LOSS);
    expect(series(log, 'accuracy')!.y[6]).toBeCloseTo(0.4);
    expect(codes(log)).toContain('odd_separator');
  });

  it('a symbol that does not split every line alike is no separator: the refusal stands', () => {
    const text = LOSS.map((l, e) => (e === 3 ? `${e}🫤${l}🫤x` : `${e}🫤${l}`)).join('\n');
    expect(() => ingest(text)).toThrow(/No training metrics found in this text/);
    // a colon inside cells (a printed log) is not a spaced colon between them
    expect(() => ingest(LOSS.map((l) => `time 12:30 note ${l}`).join('\n'))).toThrow(/No training metrics found/);
    // a list of settings splits alike but names no metric: still refused, not read as a curve of its values
    const settings = [
      'model : resnet18 : cnn',
      'lr : 0.001 : adam',
      'batch_size : 32 : x',
      'epochs : 10 : y',
      'seed : 7 : z',
    ];
    expect(() => ingest(settings.join('\n') + '\n')).toThrow(/No training metrics found/);
  });

  it('an emoji with its variation selector (U+27A1 U+FE0F) separates as the symbol alone', () => {
    const log = read(LOSS.map((l, e) => `${e}\u27a1\ufe0f${l}`).join('\n') + '\n');
    expect(series(log, 'loss')!.y).toEqual(LOSS);
  });
});

describe('a headerless table stamped with dates and times', () => {
  it('a comma-separated stamp then a value: one column of the training loss', () => {
    const log = read(LOSS.map((l, i) => `2024-01-01T1${i}:00:00Z,${l}`).join('\n') + '\n');
    expect(series(log, 'loss')!.y).toEqual(LOSS);
    expect(codes(log)).toContain('timestamps_ignored');
  });

  it("Python logging's asctime (a comma before the milliseconds) is one stamp, not a column of milliseconds", () => {
    const ms = [100, 220, 340, 460, 580, 700, 820];
    const log = read(LOSS.map((l, i) => `2024-01-01 10:00:0${i},${ms[i]},${i},${l}`).join('\n') + '\n');
    expect(series(log, 'loss')!.y).toEqual(LOSS);
    expect(log.runs[0].xAxis).toBe('epoch');
    expect(series(log, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // the reader's own note counts columns from the stamp's right, and says so
    const notes = log.warnings.map((w) => w.message).join(' ');
    expect(notes).toMatch(/its first column after the date is read as/);
    expect(notes).not.toMatch(/its first column is read/);
  });

  it('stamps on some rows only are no column to leave out: the table is refused as before', () => {
    const text = LOSS.map((l, i) => (i === 2 ? `7,${i},${l}` : `2024-01-01 10:00:00,${i},${l}`)).join('\n');
    expect(() => ingest(text)).toThrow(/No training metrics found in this text/);
  });
});

describe('epochs counted in brackets under a header naming the word "epoch"', () => {
  it('"epoch | d_loss | g_loss" then "[001/100] D: 0.64 | G: 0.84": a line per epoch', () => {
    const lines = LOSS.map((l, i) => `[${String(i + 1).padStart(3, '0')}/100] D: ${l} | G: ${(l / 2).toFixed(3)}`);
    const log = read(['epoch | d_loss | g_loss', '-'.repeat(40), ...lines].join('\n') + '\n');
    expect(series(log, 'd')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // with a number after the word, "epoch" still counts the epochs and brackets are no counter
    const counted = read(LOSS.map((l, i) => `Epoch ${i + 1} [step 500/500] loss: ${l}`).join('\n') + '\n');
    expect(series(counted, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
