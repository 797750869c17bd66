/**
 * Zeros written where nothing was measured (bench/wild21's CT report table: BLEU and F1 are 0.0000 except every
 * 5th epoch): the metric has a point every k rows, and the zeros between are not values. A real 0 stays.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { placeholderRows } from '../../src/ingest/placeholders.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const train = Array.from({ length: 40 }, (_, i) => 2.2 * Math.exp(-i / 8) + 0.3);
const val = Array.from({ length: 40 }, (_, i) => 1.9 * Math.exp(-i / 7) + 0.45);
const bleu = (i: number, k: number) => ((i + 1) % k === 0 ? (0.12 + 0.002 * i).toFixed(4) : '0.0000');

describe('placeholder zeros between evaluations', () => {
  it('reads a score filled with 0 between every 5th epoch as measured every 5th epoch, with a warning', () => {
    const text = [
      'epoch,train_loss,val_loss,bleu4,f1',
      ...train.map((t, i) => `${i},${t.toFixed(4)},${val[i].toFixed(4)},${bleu(i, 5)},${bleu(i, 5)}`),
    ].join('\n');
    const log = ingest(text, { fileName: 'train_log.csv' });
    expect(checkLog(log)).toEqual([]);
    const b = log.runs[0].series.find((s) => s.name === 'bleu4')!;
    expect(b.x).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(b.y.every((v) => v > 0.1)).toBe(true);
    const w = log.warnings.find((x) => x.code === 'placeholder_zeros')!;
    expect(w.message).toContain('"bleu4", "f1" are exactly 0 except every 5th row');
    // the losses, measured every epoch, are untouched, and the verdict is read on them
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toHaveLength(40);
    expect(diagnose(log).pattern).not.toBe('underfitting');
  });

  it('reads a validation loss written as 0.0 on epochs without validation the same way', () => {
    const text = ['epoch,train_loss,val_loss', ...train.map((t, i) => `${i + 1},${t},${(i + 1) % 4 ? 0 : val[i]}`)];
    const log = ingest(text.join('\n'), { fileName: 'losses.csv' });
    const v = log.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(v.x).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40]);
  });

  it('keeps a real 0: a failed metric, zeros at no stride, or too few measured points', () => {
    // all zero: nothing measured at all is another question (features.allZero)
    expect(placeholderRows([0, 0, 0, 0, 0, 0, 0, 0])).toBeUndefined();
    // irregular: a metric that is sometimes 0
    expect(placeholderRows([0, 0.2, 0, 0, 0.3, 0, 0.1, 0, 0, 0, 0.4, 0])).toBeUndefined();
    // an agent that scores nothing between two evaluations that scored (two points: a stride cannot be told)
    expect(placeholderRows([2.16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 78.6])).toBeUndefined();
    // mostly measured (more non-zeros than zeros)
    expect(placeholderRows([0.5, 0.4, 0, 0.3, 0.2, 0, 0.2, 0.1, 0])).toBeUndefined();
    // the stride is found: every 3rd from row 2
    expect(placeholderRows([0, 0, 0.3, 0, 0, 0.4, 0, 0, 0.5, 0])).toEqual({ k: 3, phase: 2 });
    // an evaluation that really scored 0 (the first, or one mid-run) is on the pattern and stays; so does a NaN
    const y = [0, 0, 0, 0, 0, 0, 0, 0.3, 0, 0, 0, 0.4, 0, 0, 0, 0, 0, 0, 0, NaN];
    expect(placeholderRows(y)).toEqual({ k: 4, phase: 3 });
    const csv = ['epoch,loss,bleu', ...y.map((v, i) => `${i + 1},${train[i]},${v}`)].join('\n');
    const kept = ingest(csv, { fileName: 'log.csv' }).runs[0].series.find((s) => s.key === 'bleu')!;
    expect(kept.x).toEqual([4, 8, 12, 16, 20]);
    expect(kept.y.slice(0, 4)).toEqual([0, 0.3, 0.4, 0]);
    expect(kept.y[4]).toBeNaN();
    // an accuracy stuck at exactly 0 every epoch stays a series of zeros in a log
    const text = ['epoch,loss,accuracy', ...train.map((t, i) => `${i + 1},${t},0`)].join('\n');
    const log = ingest(text, { fileName: 'log.csv' });
    expect(log.runs[0].series.find((s) => s.key === 'accuracy')!.y).toHaveLength(40);
    expect(log.warnings.map((w) => w.code)).not.toContain('placeholder_zeros');
  });
});

describe('zeros before anything was measured (bench/wild68: Ultralytics validating only its last epoch)', () => {
  const header = 'epoch,train/box_loss,train/cls_loss,metrics/mAP50(B),val/box_loss,val/cls_loss';
  const row = (i: number, measured: boolean) =>
    [
      i + 1,
      (1.2 * Math.exp(-i / 15) + 0.3).toFixed(4),
      (2.1 * Math.exp(-i / 12) + 0.4).toFixed(4),
      measured ? (0.2 + i / 100).toFixed(4) : '0',
      measured ? (1.1 * Math.exp(-i / 15) + 0.5).toFixed(4) : '0',
      measured ? (1.9 * Math.exp(-i / 12) + 0.6).toFixed(4) : '0',
    ].join(',');

  it("a validation loss exactly 0 until its split's first evaluation: the zeros, and its mAP's, are left out", () => {
    const lines = [header, ...Array.from({ length: 20 }, (_, i) => row(i, i >= 14))];
    const log = ingest(lines.join('\n'), { fileName: 'results.csv' });
    expect(checkLog(log)).toEqual([]);
    const val = log.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(val.x).toEqual([15, 16, 17, 18, 19, 20]);
    expect(val.y.every((v) => v > 1)).toBe(true);
    expect(log.runs[0].series.find((s) => s.name === 'metrics/mAP50(B)')!.x[0]).toBe(15);
    expect(log.warnings.find((w) => w.code === 'placeholder_zeros')!.message).toMatch(
      /first rows.*So is "metrics\/mAP50\(B\)"/,
    );
    // the training losses are untouched, and the best validation is no 0 at epoch 1
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toHaveLength(20);
    expect(diagnose(log).pattern).not.toBe('overfitting');
  });

  it('one evaluation at the end: the run is judged on its training curve', () => {
    const lines = [header, ...Array.from({ length: 20 }, (_, i) => row(i, i === 19))];
    const log = ingest(lines.join('\n'), { fileName: 'results.csv' });
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(1);
    expect(diagnose(log).pattern).toBe('good_fit');
  });

  it('a loss rounded to 0 at the end, an accuracy 0 at the start beside losses that are not, and one leading 0 stay', () => {
    const text = [
      'epoch,loss,val_loss,accuracy',
      ...Array.from({ length: 12 }, (_, i) =>
        [i + 1, i < 9 ? (0.01 / (i + 1)).toFixed(4) : '0.0000', (0.02 + i / 200).toFixed(4), i < 3 ? '0' : '0.4'].join(
          ',',
        ),
      ),
    ].join('\n');
    const log = ingest(text, { fileName: 'log.csv' });
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(12);
    expect(log.runs[0].series.find((s) => s.key === 'accuracy')!.y).toHaveLength(12);
    const one = ingest(['epoch,loss', '1,0', ...train.slice(1, 10).map((t, i) => `${i + 2},${t}`)].join('\n'));
    expect(one.runs[0].series[0].y).toHaveLength(10);
    expect(one.warnings.map((w) => w.code)).not.toContain('placeholder_zeros');
  });
});

describe('zeros before anything was measured: what they say about the metrics beside them (review)', () => {
  const epochs = 12;
  const fall = (i: number, a = 1) => (a / (1 + i / 4)).toFixed(4);

  it("a validation term switched on later keeps its split's metrics: val_loss was measured from the start", () => {
    const text = [
      'epoch,loss,val_loss,val_aux_loss,val_f1',
      ...Array.from({ length: epochs }, (_, i) =>
        [i + 1, fall(i), fall(i, 1.2), i < 3 ? '0' : fall(i, 0.3), i < 2 ? '0' : (0.1 * i).toFixed(2)].join(','),
      ),
    ].join('\n');
    const log = ingest(text, { fileName: 'log.csv' });
    const s = (k: string) => log.runs[0].series.find((x) => x.name === k)!;
    expect(s('val_aux_loss').x[0]).toBe(4);
    expect(s('val_f1').y).toHaveLength(epochs);
    expect(s('val_f1').y.slice(0, 2)).toEqual([0, 0]);
  });

  it("a training loss 0 until a replay buffer fills keeps the agent's reward, 0 at first", () => {
    const text = [
      'episode,loss,reward',
      ...Array.from({ length: epochs }, (_, i) => [i + 1, i < 4 ? '0' : fall(i), i < 5 ? '0' : `${i * 10}`].join(',')),
    ].join('\n');
    const log = ingest(text, { fileName: 'dqn.csv' });
    expect(log.runs[0].series.find((x) => x.key === 'loss')!.x[0]).toBe(5);
    expect(log.runs[0].series.find((x) => x.name === 'reward')!.y).toHaveLength(epochs);
    expect(log.warnings.find((w) => w.code === 'placeholder_zeros')!.message).not.toContain('reward');
  });

  it('zeros, then a NaN, then values: still not measured; one warning for runs appended in one file', () => {
    const run = Array.from({ length: epochs }, (_, i) =>
      [i, fall(i), i < 2 ? '0' : i === 2 ? 'nan' : fall(i, 1.3)].join(','),
    );
    const log = ingest(['epoch,loss,val_loss', ...run, ...run, ...run].join('\n'), { fileName: 'log.csv' });
    expect(log.runs).toHaveLength(3);
    for (const r of log.runs) expect(r.series.find((x) => x.key === 'val_loss')!.y[0]).toBeNaN();
    expect(log.warnings.filter((w) => w.code === 'placeholder_zeros')).toHaveLength(1);
  });
});
