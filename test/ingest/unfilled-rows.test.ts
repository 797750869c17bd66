/**
 * What bench/wild45 showed in ingest: rows a loop never filled (arrays made before a run, `np.zeros(epochs)`, saved
 * when it stopped early end the table with rows of zeros), an export of one scalar (`step,value`) named by its file
 * (`train_loss.csv`), and per-epoch records each wrapped in a list of one.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';

const losses = (n: number) =>
  Array.from({ length: n }, (_, i) => [0.9 * Math.exp(-i / 20) + 0.1, 0.95 * Math.exp(-i / 25) + 0.15]);
const codes = (log: ReturnType<typeof ingest>) => log.warnings.map((w) => w.code);
const series = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key)!;

describe('rows of zeros a loop never filled', () => {
  it('the counter going on: the zero rows are left out, the run judged on what it measured', () => {
    // weight_decay: a column at 0 all along, padded like the others; lr written with an exponent (5e-7)
    const rows = losses(30).map(([t, v], i) => `${i + 1},${t.toFixed(4)},${v.toFixed(4)},0,5e-7`);
    const pad = Array.from({ length: 70 }, (_, i) => `${i + 31},0.0,0.0,0,0`);
    const log = readValid(['epoch,train_loss,val_loss,weight_decay,lr', ...rows, ...pad].join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'val_loss').x).toHaveLength(30);
    expect(series(log, 'val_loss').x.at(-1)).toBe(30);
    expect(codes(log)).toContain('zero_padding');
    expect(log.warnings.find((w) => w.code === 'zero_padding')!.message).toContain('the last 70 row(s)');
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it("the counter back at 0 (pandas' index on, the epochs column zeroed too): no second run of zeros", () => {
    const rows = losses(30).map(([t, v], i) => `${i},${i + 1},1650,${t.toFixed(4)},${v.toFixed(4)}`);
    // 97 rows: no round length, the zeroed counter says it
    const pad = Array.from({ length: 67 }, (_, i) => `${i + 30},0,0,0.0,0.0`);
    const log = readValid([',epochs,num_samples,train_losses,test_losses', ...rows, ...pad].join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(codes(log)).not.toContain('multiple_runs');
    expect(series(log, 'loss').y).toHaveLength(30);
  });

  it('left as measured: values that reach 0 from close by, a lone column, one zero row, zeros in one column only', () => {
    const kept = (lines: string[]) => {
      const log = ingest(lines.join('\n'));
      expect(codes(log), lines[0]).not.toContain('zero_padding');
      return log;
    };
    // a loss at 4 decimals converging to 0.0000
    const converging = Array.from({ length: 40 }, (_, i) => `${i + 1},${(Math.exp(-i / 3) * 0.5).toFixed(4)}`);
    const a = kept(['epoch,loss', ...converging]);
    expect(a.runs[0].series[0].y.filter((y) => y === 0).length).toBeGreaterThan(2);
    // two losses at 2 decimals reaching 0.00 (a few steps of their resolution away)
    const twoDecimals = [0.69, 0.41, 0.2, 0.08, 0.03, 0, 0, 0].map(
      (v, i) => `${i + 1},${v.toFixed(2)},${v.toFixed(2)}`,
    );
    kept(['epoch,loss,val_loss', ...twoDecimals]);
    // a perceptron's errors per epoch beside its misclassified count (whole numbers stepping to 0)
    kept(['epoch,errors,missed', ...[2, 2, 3, 2, 1, 0, 0, 0, 0, 0].map((v, i) => `${i + 1},${v},${v * 3}`)]);
    // a 0/1 reward per episode, a hinge loss reaching exactly 0: one column each
    kept(['episode,reward', ...[0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0].map((v, i) => `${i + 1},${v}`)]);
    kept(['epoch,hinge_loss', ...[0.8123, 0.3311, 0.1012, 0.0213, 0, 0, 0].map((v, i) => `${i + 1},${v}`)]);
    // a linear SVM's train and test hinge losses at full precision, both exactly 0 for their last 6 of 12 epochs
    const hinge = [0.8123456789012345, 0.5123456789012345, 0.3123456789012345, 0.1123456789012345];
    const svm = [...hinge, 0.0513456789012345, 0.0213456789012345, 0, 0, 0, 0, 0, 0];
    kept(['epoch,train_loss,test_loss', ...svm.map((v, i) => `${i + 1},${v},${v}`)]);
    // two losses at full precision converging to 0 and reaching it (far from 0 by their resolution, not their size)
    const full = Array.from({ length: 30 }, (_, i) => 0.5 * Math.exp(-i / 2));
    kept(['epoch,loss,val_loss', ...[...full, 0, 0, 0].map((v, i) => `${i + 1},${v},${v * 1.1}`)]);

    const rows = losses(20).map(([t, v], i) => `${i + 1},${t.toFixed(4)},${v.toFixed(4)}`);
    kept(['epoch,loss,val_loss', ...rows, '21,0,0']);
    const onlyVal = kept(['epoch,loss,val_loss', ...rows, '21,0.09,0', '22,0.08,0', '23,0.07,0']);
    expect(series(onlyVal, 'loss').y).toHaveLength(23);
  });

  it('a long table (130,000 epochs) is read, its padding cut', () => {
    const n = 129_990;
    const rows = Array.from(
      { length: n },
      (_, i) => `${i + 1},${(0.5 + 1 / (i + 1)).toFixed(6)},${(0.6 + 1 / (i + 1)).toFixed(6)}`,
    );
    const pad = Array.from({ length: 10 }, (_, i) => `${n + i + 1},0,0`);
    const log = ingest(['epoch,loss,val_loss', ...rows, ...pad].join('\n'));
    expect(codes(log)).toContain('zero_padding');
    expect(series(log, 'loss').y).toHaveLength(n);
  });

  it('a table of zeros only is no padding: the reading says the values are 0', () => {
    const log = ingest(['epoch,loss,val_loss', ...Array.from({ length: 10 }, (_, i) => `${i + 1},0,0`)].join('\n'));
    expect(codes(log)).not.toContain('zero_padding');
    expect(series(log, 'loss').y).toHaveLength(10);
  });
});

describe('a lone column named `value`', () => {
  const table = [
    'step,value',
    ...Array.from({ length: 30 }, (_, i) => `${(i + 1) * 5},${(2 / (1 + i / 5)).toFixed(3)}`),
  ];

  it("is named by a file whose name names a metric (an export of one scalar, 'train_loss.csv')", () => {
    const log = readValid(table.join('\n'), { fileName: 'results/train_loss.csv' });
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(log.runs[0].xAxis).toBe('step');
    expect(log.warnings.find((w) => w.code === 'unnamed_series')!.message).toContain('train_loss.csv');
    // two runs appended: said once
    const twice = ingest([...table, ...table].join('\n'), { fileName: 'train_loss.csv' });
    expect(twice.runs).toHaveLength(2);
    expect(twice.warnings.filter((w) => w.code === 'unnamed_series')).toHaveLength(1);
  });

  it('keeps its name beside another column, or when the file names no metric', () => {
    expect(ingest(table.join('\n'), { fileName: 'export.csv' }).runs[0].series.map((s) => s.key)).toEqual(['value']);
    const two = ['step,value,lr', ...table.slice(1).map((r) => `${r},0.001`)].join('\n');
    const log = ingest(two, { fileName: 'train_loss.csv' });
    expect(log.runs[0].series.map((s) => s.key)).toContain('value');
    // a lone column with a name of its own keeps it, whatever the file is called
    const reward = ingest(table.join('\n').replace('step,value', 'step,reward'), { fileName: 'train_loss.csv' });
    expect(reward.runs[0].series.map((s) => s.key)).toEqual(['reward']);
  });
});

describe('per-epoch records each in a list of one', () => {
  const record = (e: number) => ({
    train_mse: 0.1 / (e + 1),
    val_mse: 0.12 / (e + 1) + 0.01,
    time: `${e}.5(${e * 9})`,
  });

  it('[[{...}], [{...}]] is read as the list of records it wraps', () => {
    const log = readValid(JSON.stringify(Array.from({ length: 8 }, (_, e) => [record(e)])));
    expect(series(log, 'val_mse').y).toHaveLength(8);
    expect(series(log, 'mse').y[0]).toBeCloseTo(0.1);
  });

  it('lists of two records are not unwrapped: which one is the epoch cannot be told', () => {
    const two = JSON.stringify(Array.from({ length: 8 }, (_, e) => [record(e), record(e)]));
    expect(() => ingest(two)).toThrow(/no per-epoch metric lists/);
  });
});
