/**
 * Values and names as frameworks print them, not as a user would type them: TensorFlow scalars saved through pandas
 * (`tf.Tensor(0.45, shape=(), dtype=float32)`), Python logging's `file.py[line:177]` prefix, and Gluon's metric names
 * (`CrossEntropy=`, `SmoothL1=`, `val_AP=`), and a list printed on the line under its name (`print('training loss:')`,
 * `print(losses)`).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { canonicalName } from '../../src/ingest/names.js';
import { parseNumber } from '../../src/ingest/text.js';
import { checkLog } from './helpers/ingest-worker.js';

const tf = (v: number) => `"tf.Tensor(${v}, shape=(), dtype=float32)"`;

describe("TensorFlow's printed scalars", () => {
  it('reads str() and repr() of a scalar tensor, and nothing that is not a scalar', () => {
    expect(parseNumber('tf.Tensor(0.4502677, shape=(), dtype=float32)')).toBe(0.4502677);
    expect(parseNumber('tf.Tensor(nan, shape=(), dtype=float32)')).toBeNaN();
    expect(parseNumber('<tf.Tensor: shape=(), dtype=float32, numpy=0.25>')).toBe(0.25);
    expect(parseNumber('tf.Tensor([0.1 0.2], shape=(2,), dtype=float32)')).toBeUndefined();
    expect(parseNumber('tf.Tensor(0.5, shape=(3,), dtype=float32)')).toBeUndefined();
    expect(parseNumber('torch.tensor(0.5)')).toBe(0.5);
    // a malformed tail of empty brackets is no scalar
    expect(parseNumber(`tensor(1, ${'()'.repeat(90)}`)).toBeUndefined();
  });

  it("a pandas CSV of a custom loop's history whose every cell is a tf.Tensor is read", () => {
    const rows = Array.from({ length: 8 }, (_, i) =>
      [i, i, tf(0.45 + i * 0.06), tf(4.5 / (i + 1)), tf(0.92 + i * 0.007), tf(0.66 / (i + 1) + 0.05)].join(','),
    );
    const csv = [',Epochs,Training Accuracy,Training Loss,Validation Accuracy,Validation Loss', ...rows].join('\n');
    const log = ingest(csv, { fileName: 'history_df.csv' });
    expect(checkLog(log)).toEqual([]);
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['loss', 'val_loss', 'accuracy', 'val_accuracy']));
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y[1]).toBeCloseTo(0.38, 6);
  });
});

describe("Python logging's source line and Gluon's metric names", () => {
  const prefix = (n: number) =>
    `2022-10-17 20:16:${String(n % 60).padStart(2, '0')},492 - train.py[line:${120 + (n % 2) * 25}] - INFO:`;

  it('`[line:123]` is no value: train and test lines of one epoch stay one run', () => {
    const lines = Array.from({ length: 6 }, (_, i) => [
      `${prefix(2 * i)} Train Epoch ${i + 1} --- train loss : ${(0.6 / (i + 1)).toFixed(4)} --- train accuracy:${(0.8 + i * 0.02).toFixed(3)}`,
      `${prefix(2 * i + 1)} Test Epoch ${i + 1} --- test loss : ${(0.4 / (i + 1) + 0.1).toFixed(4)} --- test accuracy:${(0.85 + i * 0.01).toFixed(3)}`,
    ]).flat();
    const log = ingest(lines.join('\n'), { fileName: 'log_train.log' });
    expect(log.runs).toHaveLength(1);
    const keys = log.runs[0].series.map((s) => s.key).sort();
    expect(keys).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("Gluon's `CrossEntropy=`, `SmoothL1=` are losses and `val_AP=` a score, on batch lines inside epochs", () => {
    const lines = Array.from({ length: 8 }, (_, e) =>
      [0, 50].map(
        (b) =>
          `${prefix(e)} [Epoch ${e}][Batch ${b}], Speed: 6.9 samples/sec, CrossEntropy=${(0.9 / (e + 1)).toExponential(2)}, SmoothL1=${(0.004 / (e + 1)).toExponential(2)}, val_AP=${(0.1 + e * 0.06).toFixed(3)}`,
      ),
    ).flat();
    const log = ingest(lines.join('\n'), { fileName: 'resnet18_SSD_train.log' });
    expect(log.runs).toHaveLength(1);
    const kinds = Object.fromEntries(log.runs[0].series.map((s) => [s.key, s.kind]));
    expect(kinds).toEqual({ crossentropy: 'error', smooth_l1: 'error', val_ap: 'score' });
    const d = diagnose(log);
    expect(d.series.val_metric).toBe('val_ap');
    expect(d.pattern).not.toBe('not_assessable');
  });

  it('AP is a score as the last word of a name (val_AP, AP50, APs), not as the first of another (ap_distance)', () => {
    const kind = (name: string) => canonicalName(name).kind;
    expect(['val_AP', 'box_AP', 'AP50', 'AP@50', 'APs', 'mAP50-95'].map(kind)).toEqual(Array(6).fill('score'));
    expect(kind('val_ap_distance')).toBe('error');
    expect(kind('ap_margin')).toBe('other');
  });
});

describe('a list printed under its name', () => {
  const losses = Array.from({ length: 12 }, (_, i) => 0.9 / (1 + i * 0.3));

  it('"training loss:" alone on a line, the list on the next, among a job\'s other output', () => {
    const text = [
      'Job Id:\t\t9115318.bw',
      '==> Preparing data..',
      '',
      'training loss:',
      `[${losses.join(', ')}]`,
      'training accuracy:',
      '[(1, 0.04), (30, 0.41), (95, 0.73)]',
      '==> query 42 n02279972 ./val/images/val_42.JPEG',
      '33.18 ./train/n02279972/images/n02279972_460.JPEG',
    ].join('\n');
    const log = ingest(text, { fileName: 'log.txt' });
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(log.runs[0].series[0].y).toEqual(losses);
  });

  it('a list under a line that is not a name alone is not named by it', () => {
    const text = ['Results for the run below: see the table', `[${losses.join(', ')}]`].join('\n');
    expect(() => ingest(text, { fileName: 'log.txt' })).toThrow(/No training metrics/);
  });
});
