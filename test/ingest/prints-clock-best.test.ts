/**
 * Printed logs' values that are not this epoch's metric: a clock ("[Need: 00:12:17]"), the best so far ("[Best :
 * Accuracy=97.83]"), mixed precision's loss scaler; and what is: PyTorch's old ImageNet example's Prec@1 (top-1
 * accuracy) under "**Train**" / "**Test**", a "1000/100000 steps" counter on a line with no epoch, and a
 * "start evaluate engines..." line over the evaluation's summary, an agent's "[ 1000 eps]" evaluations, and
 * "Loss after num_examples_seen=0 epoch=0: 8.98" (the WildML RNN tutorial's line).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const keys = (log: ReturnType<typeof ingest>) => log.runs[0].series.map((s) => s.key).sort();

describe('printed values that are no metric of the epoch', () => {
  it('"[Epoch=001/030] [Need: 00:12:17] [Best : Accuracy=97.83]" then **Train** / **Test** Prec@1 lines', () => {
    const lines: string[] = [];
    let best = 0;
    for (let e = 0; e < 12; e++) {
      const [train, test] = [90 + e * 0.8, 89 + e * 0.5 - (e > 8 ? (e - 8) * 0.6 : 0)];
      lines.push(
        `==>>[2019-05-29 12:${String(33 + e).padStart(2, '0')}:00] [Epoch=${String(e).padStart(3, '0')}/012] [Need: 00:${String(12 - e).padStart(2, '0')}:17] [learning_rate=0.1000] [Best : Accuracy=${best.toFixed(2)}]`,
        `  **Train** Prec@1 ${train.toFixed(3)} Prec@5 99.900`,
        `  **Test** Prec@1 ${test.toFixed(3)} Prec@5 99.970`,
        '',
      );
      best = Math.max(best, test);
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // the clock was a metric "need" (0) and the best so far an accuracy; the top-1 lines were not read
    expect(keys(log)).toEqual(['lr', 'prec@1', 'prec@5', 'val_prec@1', 'val_prec@5']);
    expect(log.runs[0].series.find((s) => s.key === 'val_prec@1')!.y[0]).toBeCloseTo(0.89, 6);
    const d = diagnose(log);
    expect(d.series.val).toBe('val_prec@1');
  });

  it('"|  1000/ 100000 steps| 14071.82 tokens/s| loss    5.53| acc: 0.188" on the step axis; the loss scaler is none', () => {
    const lines: string[] = [];
    for (let s = 1; s <= 12; s++) {
      lines.push(
        `|${String(s * 1000).padStart(9)}/  100000 steps| 14071.82 tokens/s| loss ${(6 / (1 + s * 0.2)).toFixed(2).padStart(7)}| acc: ${(0.1 + s * 0.02).toFixed(3)}`,
      );
      if (s % 3 === 0)
        lines.push(`Gradient overflow.  Skipping step, loss scaler 0 reducing loss scale to ${2 ** (14 + s)}.0`);
      lines.push(
        '------validating------',
        `validation loss:${(5.5 / (1 + s * 0.2)).toFixed(6)}`,
        '------validation complete------',
      );
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // the training loss was left out (the validation's lines alone, by position) and the scaler read as a loss
    expect(log.runs[0].xAxis).toBe('step');
    expect(keys(log)).toEqual(['accuracy', 'loss', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x.slice(0, 2)).toEqual([1000, 2000]);
  });

  it('"start evaluate engines..." over the per-class report and its summary line: the validation\'s', () => {
    const lines = ['++++++++training starting++++++++'];
    for (let e = 1; e <= 8; e++) {
      lines.push(`epoch:${e}/30`);
      for (const b of [20, 40, 60])
        lines.push(
          `training batch:    ${b}, loss: ${(0.6 / (e + b / 60)).toFixed(5)}, precision: 0.8 recall: 0.8 f1: 0.8 `,
        );
      const val = 0.45 + (e > 2 ? (e - 2) * 0.06 : 0);
      lines.push(
        'start evaluate engines...',
        '',
        "negative: {'precision': 0.81, 'recall': 0.74, 'f1-score': 0.77, 'support': 207}",
        `time consumption:0.29(min), loss: ${val.toFixed(3)} precision: 0.805 recall: 0.859 f1: 0.831 `,
      );
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // the evaluation's loss was read as the training's, beside the batch lines'
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(8);
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('"[ 1000 eps] reward=-0.76+/-0.65": evaluations after that many episodes; the count going back starts a run', () => {
    const lines: string[] = [];
    for (const env of ['bobail', 'grid_world', 'tictactoe']) {
      lines.push(`Training dqn on ${env} (seed=42)`, `  -> results/${env}/dqn/lr0.001`);
      for (const [n, r] of [
        [1000, -0.7],
        [5000, -0.2],
        [10000, 0.1],
        [20000, 0.3],
        [50000, 0.4],
      ])
        lines.push(`  [${String(n).padStart(8)} eps] reward=${r.toFixed(3)}+/-0.650  steps=52.9  action_time=0.033ms`);
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it was one run of 15 points, three trainings end to end
    expect(log.runs).toHaveLength(3);
    expect(log.runs[2].series.find((s) => s.key === 'reward')!.x).toEqual([1000, 5000, 10000, 20000, 50000]);
  });

  it('"Loss after num_examples_seen=100000 epoch=5: 6.23": the count is what was seen, the loss the value after the epoch', () => {
    const lines = Array.from(
      { length: 8 },
      (_, k) =>
        `2017-07-26-1${k}-26-20: Loss after num_examples_seen=${k * 100000} epoch=${k * 5}: ${(9 / (1 + k * 0.4)).toFixed(8)}`,
    );
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // the count was read as a metric "after_num_examples_seen" and the loss left out
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
    expect(log.runs[0].series[0].y[1]).toBeCloseTo(9 / 1.4, 6);
  });

  it('outside a bracket "best:" takes the one number after it; inside one, every value up to its end', () => {
    const outside = Array.from(
      { length: 6 },
      (_, e) =>
        `Epoch ${e + 1}, loss ${(0.8 - e * 0.1).toFixed(2)}, best: n/a, val_loss ${(0.85 - e * 0.1).toFixed(2)}`,
    );
    expect(ingest(outside.join('\n')).runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(6);
    const inside = Array.from(
      { length: 6 },
      (_, e) => `Epoch ${e + 1} | loss: ${(0.8 - e * 0.1).toFixed(2)} | acc: 0.6 [Best : acc=0.91, loss=0.11]`,
    );
    expect(ingest(inside.join('\n')).runs[0].series.find((s) => s.key === 'loss')!.y[0]).toBe(0.8);
  });

  it('a bracketed time with a spaced unit at the head opens no list; precision@10 is no accuracy, Prec@1 is', () => {
    for (const head of ['[0.4 sec]', '[1m 20s]'])
      expect(() => ingest(`${head} Logging to /tmp/log\nnothing else`)).toThrow(/No training metrics found/);
    const log = ingest(
      ['epoch,loss,val_prec@10,val_prec@1', ...[1, 2, 3, 4, 5].map((e) => `${e},${1 / e},0.${e},0.${e}`)].join('\n'),
    );
    const kind = (k: string) => log.runs[0].series.find((s) => s.key === k)!.kind;
    expect(kind('val_prec@10')).not.toBe('accuracy');
    expect(kind('val_prec@1')).toBe('accuracy');
  });
});
