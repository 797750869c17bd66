/**
 * Tables counted by a step counter and not by epochs (`step,loss,val_loss`, a Trainer's log_history written
 * with pandas, an RL loop's `step,reward`): the counter is the x axis, as it is for JSON records.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName = 'log.csv') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const series = (log: ReturnType<typeof ingest>, key: string, run = 0) =>
  log.runs[run].series.find((s) => s.key === key)!;

/** A run whose losses fall from 2 towards 0.3, logged every `every` steps from `from`. */
const falling = (n: number, every: number, from = every) =>
  Array.from({ length: n }, (_, i) => {
    const f = Math.exp(-i / 4);
    return { step: from + i * every, loss: 0.3 + 1.7 * f, val: 0.35 + 1.6 * f };
  });

describe('a table with a step counter and no epoch column', () => {
  it('places every row at its step, without renumbering from 1', () => {
    const rows = falling(12, 500, 0);
    const log = read(['step,loss,val_loss', ...rows.map((r) => `${r.step},${r.loss},${r.val}`)].join('\n'));
    expect(log.format).toBe('csv');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].xAxis).toBe('step');
    expect(series(log, 'loss').x).toEqual(rows.map((r) => r.step));
    expect(series(log, 'val_loss').x[0]).toBe(0);
    // the diagnosis quotes the file's own steps
    expect(diagnose(log).reasons.join(' ')).toMatch(/step 5500/);
  });

  it('lines up a train row and an eval row written at the same step (log_history through pandas)', () => {
    const lines = ['step,val_f1,eval_loss,train_loss'];
    for (const r of falling(8, 14)) lines.push(`${r.step},,,${r.loss}`, `${r.step},0.9,${r.val},`);
    const log = read(lines.join('\n'));
    const train = series(log, 'loss');
    const val = series(log, 'val_loss');
    expect(train.x).toEqual([14, 28, 42, 56, 70, 84, 98, 112]);
    expect(val.x).toEqual(train.x);
  });

  it('starts a run where the counter goes back (a relaunch appending to the file), and says so', () => {
    const a = falling(6, 10);
    const b = falling(5, 10);
    const log = read(['global_step,loss', ...[...a, ...b].map((r) => `${r.step},${r.loss}`)].join('\n'));
    expect(log.runs.map((r) => r.xAxis)).toEqual(['step', 'step']);
    expect(series(log, 'loss', 1).x).toEqual([10, 20, 30, 40, 50]);
    const restart = log.warnings.find((w) => w.code === 'multiple_runs');
    expect(restart?.message).toMatch(/step counter restarts 1 time.*6 \+ 5 rows/);
  });

  it('reads rows in order when the counter is no axis (fractions, or restarts every row or two)', () => {
    const frac = read(['iter,loss', ...falling(6, 1).map((r, i) => `${i + 0.5},${r.loss}`)].join('\n'));
    expect(frac.runs[0].xAxis).toBe('epoch');
    expect(frac.runs[0].epochNumbering).toBe('position');
    expect(series(frac, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
    const zigzag = read(['step,loss', ...falling(8, 1).map((r, i) => `${i % 2},${r.loss}`)].join('\n'));
    expect(zigzag.runs).toHaveLength(1);
    expect(zigzag.runs[0].epochNumbering).toBe('position');
    // a counter that never advanced: every row at one step places nothing
    const stuck = read(['step,loss', ...falling(6, 1).map((r) => `100,${r.loss}`)].join('\n'));
    expect(series(stuck, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps the epoch axis when the table has both an epoch and a step column', () => {
    const rows = falling(6, 100);
    const log = read(['epoch,step,loss', ...rows.map((r, i) => `${i},${r.step},${r.loss}`)].join('\n'));
    expect(log.runs[0].xAxis).toBe('epoch');
    expect(series(log, 'loss').x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('judges a reward that only swings around a flat level, evaluated every few thousand steps, as unstable', () => {
    // a deterministic zigzag around -0.1, no trend over 30 evaluations
    const rewards = Array.from({ length: 30 }, (_, i) => -0.1 + 0.3 * Math.sin(i * 2.4) * (i % 3 === 0 ? 1 : -0.8));
    const log = read(['step,reward', ...rewards.map((v, i) => `${(i + 1) * 2000},${v.toFixed(4)}`)].join('\n'));
    expect(log.runs[0].xAxis).toBe('step');
    const d = diagnose(log);
    expect(d.pattern).toBe('unstable');
    expect(d.reasons.join(' ')).toMatch(/swings around a flat level/);
  });
});

describe('printed lines without a counter whose metrics are named per batch', () => {
  const losses = [1.36, 1.25, 1.31, 1.21, 1.3, 1.26, 1.18, 1.29, 1.13, 1.2];

  it('are steps, numbered 1, 2, 3 in order ("Batch Loss: 1.36", "iter_loss=1.25")', () => {
    for (const line of [(v: number) => `Batch Loss: ${v}`, (v: number) => `iter_loss=${v} batch_acc=0.5`]) {
      const log = read(losses.map(line).join('\n'), 'loss_log.log');
      expect(log.runs[0].xAxis).toBe('step');
      expect(log.runs[0].series[0].x).toEqual(losses.map((_, i) => i + 1));
      expect(log.warnings.find((w) => w.code === 'epochs_by_position')?.message).toBe(
        'No step numbers in this text: each line (or group of lines) of metric values is read as one step (its metrics are named per batch), numbered 1, 2, 3, ... in order.',
      );
    }
  });

  it('stay epochs when any metric is not named per batch, when pooled over batches, or when the text speaks of epochs', () => {
    for (const line of [
      (v: number) => `Batch Loss: ${v} Val Loss: ${v + 0.1}`,
      (v: number) => `avg batch loss: ${v}`,
      (v: number) => `Batch avg loss: ${v}`,
      (v: number) => `Epoch done. Batch Loss: ${v}`,
      (v: number) => `Epoch\nBatch Loss: ${v}`,
    ]) {
      const log = read(losses.map(line).join('\n'), 'loss_log.log');
      expect(log.runs[0].xAxis).toBe('epoch');
      expect(log.warnings.find((w) => w.code === 'epochs_by_position')?.message).toMatch(/^No epoch numbers/);
    }
  });
});
