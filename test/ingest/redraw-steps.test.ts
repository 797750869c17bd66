/**
 * A loop that redraws one status line per step with '\r' (autoresearch, nanochat): every step record on the
 * physical line is a point, where only the last was read. A progress bar's redraws stay one point.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';
import { stepRecords } from '../../src/ingest/formats/print-steps.js';

const losses = [9.01, 8.88, 8.63, 8.34, 8.02, 7.71, 7.4];

describe("step records redrawn with '\\r'", () => {
  it('every "step N | loss: ..." segment is a step on the step axis', () => {
    const steps = losses
      .map(
        (l, i) => `step ${String(i).padStart(5, '0')} (${i / 10}%) | loss: ${l} | lrm: 1.00 | dt: 362ms | epoch: 1    `,
      )
      .join('\r');
    const log = ingest(
      ['Vocab size: 8,192', 'Time budget: 300s', '\r' + steps, 'val_bpb: 1.02', 'total_tokens_M: 12.3'].join('\n'),
    );
    expect(checkLog(log)).toEqual([]);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(log.runs[0].xAxis).toBe('step');
    expect(loss.x).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(loss.y).toEqual(losses);
  });

  it('the segments the step reader sees: every step record, but a bar described as "Iteration" is its last redraw', () => {
    const records = ['step 00001 | loss: 8.8', 'step 00002 | loss: 8.6', 'iter: 3 loss 8.4'].join('\r');
    expect(stepRecords(records)).toEqual(['step 00001 | loss: 8.8', 'step 00002 | loss: 8.6', 'iter: 3 loss 8.4']);
    const bar = [10, 50, 100].map((p) => `Iteration: ${p}%|████| ${p}/100 [00:01<00:00, loss=0.5]`).join('\r');
    expect(stepRecords(bar)).toEqual(['Iteration: 100%|████| 100/100 [00:01<00:00, loss=0.5]']);
    expect(stepRecords('step 5 loss 1')).toEqual(['step 5 loss 1']);
  });

  it("a tqdm bar's redraws within an epoch are still one epoch's values, also when the bar says Iteration", () => {
    const lines = losses.map((l, e) =>
      [10, 50, 100]
        .map((p) => `Iteration: ${p}%|████| ${p}/100 [00:01<00:00, loss=${(l + (100 - p) / 100).toFixed(3)}]`)
        .join('\r'),
    );
    const log = ingest(lines.join('\n'));
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.y).toEqual(losses.map((l) => +l.toFixed(3)));
  });
});
