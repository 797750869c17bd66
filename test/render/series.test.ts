import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { selectMetric, selectPair } from '../../src/diagnose/features.js';
import { pickLossPair, pickMetricPair } from '../../src/render/index.js';
import { logFromColumns, sampleLog } from '../../src/render/synthetic.js';

const keys = (p: { train?: { key: string }; val?: { key: string } }) => [p.train?.key, p.val?.key];
const fall = (n: number, from = 2) => Array.from({ length: n }, (_, i) => from * Math.exp(-i / 10) + 0.1);
const rise = (n: number) => Array.from({ length: n }, (_, i) => 0.5 + 0.4 * (1 - Math.exp(-i / 10)));

describe('render: which series a chart draws (the diagnoser decides)', () => {
  it('draws the pair and the metric the diagnosis read, also when --metric chose them', () => {
    const log = logFromColumns({
      loss: fall(40),
      val_loss: fall(40, 2.2),
      accuracy: rise(40),
      val_accuracy: rise(40),
      lr: fall(40, 1e-3),
    });
    const run = log.runs[0];
    const d = diagnose(log);
    expect(keys(pickLossPair(run, d))).toEqual([d.series.train, d.series.val]);
    expect(keys(pickMetricPair(run, d, ['loss', 'val_loss']))).toEqual([d.series.metric, d.series.val_metric]);
    const byAcc = diagnose(log, { metric: 'val_accuracy' });
    expect(keys(pickLossPair(run, byAcc))).toEqual(['accuracy', 'val_accuracy']);
    expect(keys(pickMetricPair(run, byAcc, ['accuracy', 'val_accuracy']))).toEqual([undefined, undefined]);
  });

  it("without a diagnosis, picks with the diagnoser's own rule", () => {
    for (const pattern of ['overfitting', 'good_fit', 'unstable'] as const) {
      const run = sampleLog(pattern, 60, 3).runs[0];
      const pair = selectPair(run);
      expect(keys(pickLossPair(run))).toEqual(keys(pair));
      expect(
        keys(
          pickMetricPair(
            run,
            undefined,
            keys(pair).filter((k): k is string => !!k),
          ),
        ),
      ).toEqual(keys(selectMetric(run, pair)));
    }
  });

  it('with nothing naming it, keeps an accuracy pair out of the loss panel (lossPanelPair)', () => {
    const run = logFromColumns({ accuracy: rise(30), val_accuracy: rise(30) }).runs[0];
    expect(selectPair(run).inverted).toBe(true);
    expect(keys(pickLossPair(run))).toEqual([undefined, undefined]);
    expect(keys(pickMetricPair(run))).toEqual(['accuracy', 'val_accuracy']);
  });

  it('leaves out a named series with no finite value', () => {
    const log = logFromColumns({ loss: fall(10), val_loss: new Array(10).fill(NaN) });
    const d = diagnose(log);
    // (a validation loss that is never a number is passed over by the diagnosis too: features.ts brokenHeldOut)
    expect(d.series.val).toBeUndefined();
    expect(keys(pickLossPair(log.runs[0], d))).toEqual(['loss', undefined]);
  });
});
