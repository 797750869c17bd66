/**
 * Lightning's per-batch evaluation metrics (`val_loss_step`, `test_loss_step`): its evaluation loop logs them against
 * its own count of evaluation batches over the run (0, 1, 2, ...), on rows with no epoch. Read through the training
 * steps' epochs, those counts had put validation batches in the first epochs (bench/wild67's 20-epoch run drew its
 * `val_loss_step` every other epoch; wild44's 800 validation batches filled its first few epochs).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const series = (log: ReturnType<typeof ingest>, name: string) => log.runs[0].series.find((s) => s.name === name)!;

/** A Lightning metrics.csv: `epochs` epochs of `trainSteps` steps, each followed by `valBatches` validation batches. */
function metricsCsv(epochs: number, trainSteps: number, valBatches: number, test = 0, restart = false): string {
  const lines = [
    'epoch,step,train_loss_epoch,train_loss_step,val_loss_epoch,val_loss_step,test_loss_epoch,test_loss_step',
  ];
  let counter = 0;
  for (let e = 0; e < epochs; e++) {
    for (let s = 1; s <= trainSteps; s++) {
      const step = e * trainSteps + s - 1;
      lines.push(`${e},${step},,${(1 / (1 + step / trainSteps)).toFixed(4)},,,,`);
    }
    const last = (e + 1) * trainSteps - 1;
    // Lightning 2.0 logged each evaluation's batch index; later versions count over the run
    if (restart) counter = 0;
    for (let b = 0; b < valBatches; b++) lines.push(`,${counter++},,,,${(1.2 / (1 + e) + b / 1000).toFixed(4)},,`);
    lines.push(`${e},${last},,,${(1.2 / (1 + e)).toFixed(4)},,,`);
    lines.push(`${e},${last},${(1 / (1 + e)).toFixed(4)},,,,,`);
  }
  for (let b = 0; b < test; b++) lines.push(`,${b},,,,,,${(0.5 + b / 100).toFixed(4)}`);
  if (test > 0) lines.push(`${epochs},${epochs * trainSteps},,,,,0.52,`);
  return lines.join('\n') + '\n';
}

describe("Lightning's per-batch evaluation metrics", () => {
  it('one validation batch an epoch: each at its epoch, where the epoch value sits', () => {
    const log = readValid(metricsCsv(12, 5, 1));
    const step = series(log, 'val_loss_step');
    expect(step.x).toEqual(series(log, 'val_loss_epoch').x);
    expect(step.y).toEqual(series(log, 'val_loss_epoch').y);
  });

  it('several batches an evaluation: spread inside their own epoch, never in the early epochs', () => {
    const log = readValid(metricsCsv(10, 50, 4));
    const step = series(log, 'val_loss_step');
    expect(step.x).toHaveLength(40);
    expect(step.x.slice(0, 4)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(step.x.slice(-4)).toEqual([9.25, 9.5, 9.75, 10]);
    // the batches of epoch 7 (1-based) hold epoch 7's values
    const at7 = step.y.filter((_, i) => step.x[i] > 6 && step.x[i] <= 7);
    expect(at7.every((y) => Math.abs(y - 1.2 / 7) < 0.01)).toBe(true);
    // the training steps keep their own placement
    expect(series(log, 'train_loss_step').x[49]).toBe(1);
  });

  it("a count that restarts at each evaluation (Lightning 2.0's batch index) places them the same", () => {
    const counted = readValid(metricsCsv(10, 50, 4));
    const restarted = readValid(metricsCsv(10, 50, 4, 0, true));
    expect(series(restarted, 'val_loss_step').x).toEqual(series(counted, 'val_loss_step').x);
    expect(series(restarted, 'val_loss_step').y).toEqual(series(counted, 'val_loss_step').y);
  });

  it('a long validation (130,000 batches) is read, not refused', () => {
    const log = readValid(metricsCsv(10, 3, 13_000));
    expect(series(log, 'val_loss_step').x).toHaveLength(130_000);
    expect(series(log, 'val_loss_step').x.at(-1)).toBe(10);
  });

  it('an evaluation cut off before its twin: its batches in the last epoch written; several loaders by their twins', () => {
    const cut = metricsCsv(6, 10, 2) + ',99,,,,0.61,,\n,100,,,,0.62,,\n';
    const log = readValid(cut);
    const x = series(log, 'val_loss_step').x;
    expect(x).toHaveLength(14);
    expect(x.slice(-2).every((v) => v > 5 && v <= 6)).toBe(true);
    const loaders = ['epoch,step,val_loss_step/dataloader_idx_0,val_loss_epoch/dataloader_idx_0,train_loss'];
    let k = 0;
    for (let e = 0; e < 5; e++) {
      for (let b = 0; b < 3; b++) loaders.push(`,${k++},${(1 / (e + 1) + b / 100).toFixed(3)},,`);
      loaders.push(
        `${e},${e * 10 + 9},,${(1 / (e + 1)).toFixed(3)},`,
        `${e},${e * 10 + 9},,,${(0.9 / (e + 1)).toFixed(3)}`,
      );
    }
    const multi = readValid(loaders.join('\n'));
    const s = multi.runs[0].series.find((c) => c.name === 'val_loss_step/dataloader_idx_0')!;
    expect(s.x).toHaveLength(15);
    expect(s.x.slice(0, 3).map((v) => +v.toFixed(3))).toEqual([0.333, 0.667, 1]);
  });

  it('a test run after fitting: its batches at the epoch its twin was logged at', () => {
    const log = readValid(metricsCsv(6, 10, 2, 5));
    const test = series(log, 'test_loss_step');
    expect(test.x.every((x) => x > 6 && x <= 7)).toBe(true);
    expect(test.x).toHaveLength(5);
  });

  it('the verdict is read from the epoch values, as before', () => {
    const log = readValid(metricsCsv(20, 8, 3));
    expect(diagnose(log).evidence).toBeDefined();
    expect(diagnose(log).pattern).toBe(diagnose(readValid(metricsCsv(20, 8, 1))).pattern);
  });

  it('a validation metric with no epoch twin, or whose rows carry an epoch, is placed as before', () => {
    const rows = ['epoch,step,val_acc_step,lr-Adam'];
    for (let i = 0; i < 10; i++) rows.push(`,${i * 10},${(0.5 + i / 50).toFixed(3)},0.001`);
    for (let e = 0; e < 5; e++) rows.push(`${e},${e * 20 + 19},,`);
    // no val_acc_epoch: the count is read as the training step it may be (two values an epoch, the later kept)
    const alone = ingest(rows.join('\n'), { fileName: 'metrics.csv' });
    expect(series(alone, 'val_acc_step').x).toEqual([1, 2, 3, 4, 5]);
    expect(series(alone, 'val_acc_step').y[4]).toBeCloseTo(0.68);
    // a twin, but rows that say their epoch: placed by it
    const dated = ['epoch,step,val_loss_epoch,val_loss_step'];
    for (let e = 0; e < 6; e++)
      dated.push(`${e},${e},,${(1 / (e + 1)).toFixed(3)}`, `${e},${e},${(1 / (e + 1)).toFixed(3)},`);
    const log = readValid(dated.join('\n'));
    expect(series(log, 'val_loss_step').x).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
