/**
 * Two toolkits' own log files, written as their writers write them, and the IoU a segmentation log names:
 *  - MMEngine's vis_data/scalars.json (LoggerHook through LocalVisBackend): its evaluations' lines, which name no
 *    split, are the validation set's, at their epoch (they were training metrics at "step 4" beside iteration 384);
 *  - DeepXDE's loss.dat (numpy.savetxt of the loss history), which was refused: its loss terms summed per set;
 *  - `mIoU`, `IoU` (intersection over union): a score (they were the unknown words "m io u");
 *  - a Trainer metric logged as `evaluate`'s one-entry dict: dropped before.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const series = (log: ReturnType<typeof ingest>, key: string, run = 0) =>
  log.runs[run].series.find((s) => s.key === key);
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

/** MMEngine's scalars.json: `perEpoch` training lines per epoch of `ipe` iterations, then the epoch's evaluation. */
function scalarsByEpoch(epochs: number, ipe: number, perEpoch: number, acc: (e: number) => number): string {
  const lines: string[] = [];
  for (const e of range(epochs)) {
    for (let j = 1; j <= perEpoch; j++) {
      const iter = (e - 1) * ipe + Math.round((j * ipe) / perEpoch);
      const loss = 2.8 * Math.exp(-iter / (ipe * 8)) + 0.3;
      lines.push(
        JSON.stringify({ lr: 0.08, data_time: 0.0003, loss, time: 0.073, epoch: e, iter, memory: 2965, step: iter }),
      );
    }
    lines.push(JSON.stringify({ 'accuracy/top1': acc(e), 'accuracy/top5': 90, data_time: 0.006, time: 0.03, step: e }));
  }
  return lines.join('\n') + '\n';
}

describe("MMEngine's scalars.json", () => {
  it("reads an evaluation's line as the validation set's, at its epoch, beside the training lines' epochs", () => {
    const log = ingest(
      scalarsByEpoch(20, 96, 2, (e) => 24 + 50 * (1 - Math.exp(-e / 4))),
      { fileName: 'scalars.json' },
    );
    expect(checkLog(log)).toEqual([]);
    const top1 = series(log, 'val_accuracy/top1')!;
    expect(top1.split).toBe('val');
    expect(top1.kind).toBe('accuracy');
    expect(top1.x).toEqual(range(20));
    const loss = series(log, 'loss')!;
    // two lines an epoch, at iterations 48 and 96 of 96: half an epoch apart, the epoch's last at the epoch
    expect(loss.x.slice(0, 4)).toEqual([0.5, 1, 1.5, 2]);
    expect(loss.x.at(-1)).toBe(20);
    expect(log.runs[0].xAxis).toBe('epoch');
    // no training accuracy was logged: the evaluation's is not one
    expect(series(log, 'accuracy/top1')).toBeUndefined();
    expect(diagnose(log).reasons.join(' ')).toMatch(/val_accuracy\/top1, judged alone, ends near its best/);
  });

  it("an iteration-based run's evaluations (mmseg: aAcc, mIoU at the iteration) stay on the iteration axis", () => {
    const lines: string[] = [];
    for (const it of range(40).map((i) => i * 50)) {
      lines.push(
        JSON.stringify({
          lr: 0.01,
          data_time: 0.01,
          loss: 1.5 / Math.sqrt(it / 50),
          time: 0.4,
          iter: it,
          memory: 4000,
          step: it,
        }),
      );
      if (it % 400 === 0)
        lines.push(
          JSON.stringify({
            aAcc: 80 + it / 200,
            mIoU: 40 + it / 100,
            mAcc: 50 + it / 100,
            data_time: 0.02,
            time: 0.1,
            step: it,
          }),
        );
    }
    const log = ingest(lines.join('\n'), { fileName: 'scalars.json' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].xAxis).toBe('step');
    const miou = series(log, 'val_m_iou')!;
    expect([miou.split, miou.kind]).toEqual(['val', 'score']);
    expect(miou.x).toEqual([400, 800, 1200, 1600, 2000]);
    expect(series(log, 'val_a_acc')!.kind).toBe('accuracy');
    expect(series(log, 'loss')!.x.at(-1)).toBe(2000);
  });

  it("places lines logged every 50 iterations of a 96-iteration epoch by the epoch's own length", () => {
    // LoggerHook skips an epoch's last partial interval: no line sits at an epoch's end
    const lines: string[] = [];
    for (const e of range(3)) {
      const iter = (e - 1) * 96 + 50;
      lines.push(
        JSON.stringify({ lr: 0.1, data_time: 0.01, loss: 1 / e, time: 0.2, epoch: e, iter, memory: 900, step: iter }),
      );
      lines.push(JSON.stringify({ 'accuracy/top1': 40 + e, data_time: 0.01, time: 0.1, step: e }));
    }
    const loss = series(ingest(lines.join('\n'), { fileName: 'scalars.json' }), 'loss')!;
    expect(loss.x.map((x) => +x.toFixed(3))).toEqual([0.521, 1.521, 2.521]);
  });

  it('evaluations counted past the epochs trained are iterations, and a split they name is kept', () => {
    const t = { data_time: 0.01, time: 0.2 };
    const lines = [
      ...range(6).map((e) => JSON.stringify({ lr: 0.1, loss: 1 / e, ...t, epoch: e, iter: e * 10, step: e * 10 })),
      ...range(6).map((e) => JSON.stringify({ 'val/clf_acc': 0.1 * e, mAP: 0.05 * e, ...t, step: e * 10 })),
    ];
    const log = ingest(lines.join('\n'), { fileName: 'scalars.json' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].xAxis).toBe('step');
    expect(series(log, 'val_clf_acc')!.x).toEqual([10, 20, 30, 40, 50, 60]);
    expect(series(log, 'val_m_ap')!.split).toBe('val');
  });

  it("another logger's lines of the same shape, without LoggerHook's timing, are read as they were", () => {
    const lines = range(12).map((s) =>
      JSON.stringify(
        s % 2 ? { lr: 0.1, loss: 1 / s, iter: s * 50, step: s * 50 } : { accuracy: 0.05 * s, step: s * 50 },
      ),
    );
    const log = ingest(lines.join('\n'), { fileName: 'log.jsonl' });
    expect(series(log, 'accuracy')!.split).toBe('train');
    expect(series(log, 'val_accuracy')).toBeUndefined();
  });
});

/** DeepXDE's loss.dat: numpy.savetxt's "%.18e" cells under its "# step, loss_train, loss_test, metrics_test". */
function lossDat(rows: number[][]): string {
  const cell = (v: number) => (Number.isNaN(v) ? 'nan' : v.toExponential(18).replace(/e([-+])(\d)$/, 'e$10$2'));
  return `# step, loss_train, loss_test, metrics_test\n${rows.map((r) => r.map(cell).join(' ')).join('\n')}\n`;
}

/** Three terms (a PDE residual, a boundary and an initial condition) on training and test points, and one metric. */
function pinnRow(step: number, pde: (s: number) => number): number[] {
  const bc = 0.05 * Math.exp(-step / 3000);
  const ic = 0.02 * Math.exp(-step / 2000);
  // the boundary and initial terms are the same points in both sets; the residual's test points are others
  return [step, pde(step), bc, ic, pde(step) * 1.1, bc, ic, 0.9 * Math.exp(-step / 5000)];
}

describe("DeepXDE's loss.dat", () => {
  it("reads the training and test terms' sums as loss and val_loss, the metric as the test set's", () => {
    const rows = range(21, 0).map((i) => pinnRow(i * 1000, (s) => 0.3 * Math.exp(-s / 4000) + 1e-4));
    const log = ingest(lossDat(rows), { fileName: 'loss.dat' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].series.map((s) => [s.key, s.split, s.kind])).toEqual([
      ['loss', 'train', 'loss'],
      ['val_loss', 'val', 'loss'],
      ['val_metric', 'val', 'other'],
    ]);
    const [loss, val] = [series(log, 'loss')!, series(log, 'val_loss')!];
    expect(loss.x.slice(0, 3)).toEqual([0, 1000, 2000]);
    expect(log.runs[0].xAxis).toBe('step');
    expect(loss.y[0]).toBeCloseTo(0.3 + 1e-4 + 0.05 + 0.02, 9);
    expect(val.y[0]).toBeCloseTo(0.33 + 1.1e-4 + 0.05 + 0.02, 9);
    expect(series(log, 'val_metric')!.y[0]).toBeCloseTo(0.9, 9);
    expect(log.warnings.map((w) => w.message).join(' ')).toMatch(/sums of its 3 loss terms/);
    expect(diagnose(log).pattern).toBe('good_fit');
  });

  it('finds the widths from how close the two sets lie: 5 numbers are 1 term and 2 metrics, not 2 terms', () => {
    // one residual on both sets, then an l2 relative error and an MSE: 2 terms would set the residuals against them
    const rows = range(10, 0).map((i) => [i * 1000, 0.2 / (i + 1), 0.22 / (i + 1), 0.9 / (i + 1), 50 / (i + 1)]);
    const log = ingest(lossDat(rows), { fileName: 'loss.dat' });
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss', 'val_metric_1', 'val_metric_2']);
    expect(series(log, 'val_loss')!.y[0]).toBeCloseTo(0.22, 9);
    expect(series(log, 'val_metric_2')!.y[0]).toBeCloseTo(50, 9);
    expect(log.warnings.map((w) => w.message).join(' ')).toMatch(/its 1 loss term on .* the test metrics are shown/);
  });

  it("keeps a step's last row (L-BFGS after Adam), starts a run where the step goes back, reads nan", () => {
    const adam = range(6, 0).map((i) => [i * 1000, 1 / (i + 1), 1.2 / (i + 1)]);
    const lbfgs = [
      [5000, 0.15, 0.18],
      [5685, 0.01, 0.012],
    ];
    const again = range(5, 0).map((i) => [i * 100, i === 3 ? NaN : 2 / (i + 1), 2.1 / (i + 1)]);
    const text = lossDat([...adam, ...lbfgs, ...again]).replace(', metrics_test', '');
    const log = ingest(text, { fileName: 'loss.dat' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(2);
    const first = series(log, 'loss', 0)!;
    expect(first.x).toEqual([0, 1000, 2000, 3000, 4000, 5000, 5685]);
    expect(first.y[5]).toBe(0.15);
    expect(Number.isNaN(series(log, 'loss', 1)!.y[3])).toBe(true);
    expect(diagnose(log).findings).toContain('nan_inf');
  });

  it('a boundary term equal on both sets fixes the split: 2 terms and 1 metric, not 1 term and 3 metrics', () => {
    // the residual's test value is 2.5x its training one; the boundary term, a close size, is the same points twice
    const rows = range(10, 0).map((i) => {
      const [pde, bc] = [0.2 / (i + 1), 0.15 / (i + 1)];
      return [i * 1000, pde, bc, 2.5 * pde, bc, 0.9 / (i + 1)];
    });
    const log = ingest(lossDat(rows), { fileName: 'loss.dat' });
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss', 'val_metric']);
    expect(series(log, 'val_loss')!.y[0]).toBeCloseTo(0.5 + 0.15, 9);
  });

  it('reads commas as numpy.savetxt(delimiter=",") writes them, and labels runs by their first step', () => {
    const rows = [...range(6, 0), ...range(6, 0)].map((i) => [i * 100, 1 / (i + 1), 1.1 / (i + 1)]);
    const text = lossDat(rows)
      .replace(/ (?=[-\d])/g, ',')
      .replace('# step,', '# step, ');
    const log = ingest(text, { fileName: 'loss.dat' });
    expect(log.runs.map((r) => r.series.find((s) => s.key === 'loss')!.y.length)).toEqual([6, 6]);
    expect(log.runs[0].label).toBe('run 1 of 2 (from step 0)');
  });

  it('garbage under the header is no loss history: other widths, a step that is not a number, 5,000 columns', () => {
    const header = '# step, loss_train, loss_test, metrics_test\n';
    for (const body of [
      '0 1 2\n1000 0.5 0.6 0.7\n2000 0.4 0.5\n',
      'nan 1 2\nnan 0.5 0.6\nnan 0.4 0.5\nnan 0.3 0.4\n',
      Array.from({ length: 400 }, (_, i) => [i, ...Array(4998).fill(1)].join(' ')).join('\n'),
    ]) {
      expect(() => ingest(header + body, { fileName: 'loss.dat' })).toThrow(/No training metrics found|not read/);
    }
  });
});

describe("Hugging Face's log_history", () => {
  it("reads a metric logged as evaluate's one-entry dict (eval_accuracy: {accuracy: 0.9}), not a dict of several", () => {
    const log_history = Array.from({ length: 6 }, (_, i) => ({
      epoch: i + 1,
      eval_accuracy: { accuracy: 0.5 + 0.08 * i },
      eval_f1: { f1: 0.4 + 0.1 * i, threshold: 0.5 },
      eval_loss: 0.7 - 0.05 * i,
      step: 30 * (i + 1),
    }));
    const log = ingest(JSON.stringify({ log_history }), { fileName: 'trainer_state.json' });
    expect(checkLog(log)).toEqual([]);
    expect(series(log, 'val_accuracy')!.y.map((v) => +v.toFixed(2))).toEqual([0.5, 0.58, 0.66, 0.74, 0.82, 0.9]);
    expect(series(log, 'val_f1')).toBeUndefined();
  });
});

describe('IoU in a name', () => {
  it('is one word, a score: mIoU, IoU, val_mIoU', () => {
    const text = [
      'epoch,loss,val_loss,IoU,val_mIoU',
      ...range(8).map((e) => `${e},${1 / e},${1.1 / e},${0.1 * e},${0.08 * e}`),
    ];
    const log = ingest(text.join('\n'), { fileName: 'log.csv' });
    expect(series(log, 'iou')!.kind).toBe('score');
    expect([series(log, 'val_m_iou')!.split, series(log, 'val_m_iou')!.kind]).toEqual(['val', 'score']);
  });
});
