/**
 * Logs printed by training toolkits other than the deep-learning loops: gradient boosting's rounds (LightGBM,
 * CatBoost; XGBoost's in regressions.test.ts), translation toolkits' step lines (OpenNMT) and timm's train.py console.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

describe("LightGBM's and CatBoost's printed rounds", () => {
  it('CatBoost\'s "12:\\tlearn: 0.51\\ttest: 0.62\\tbest: 0.60 (9)\\ttotal: 48ms": learn is the training loss, test the validation one', () => {
    const lines = Array.from(
      { length: 8 },
      (_, i) =>
        `${i * 10}:\tlearn: ${(0.69 - i * 0.05).toFixed(7)}\ttest: ${(0.7 - i * 0.04).toFixed(7)}\tbest: ${(0.7 - i * 0.04).toFixed(7)} (${i * 10})\ttotal: ${i * 12}ms\tremaining: ${(8 - i) * 12}ms`,
    );
    const log = ingest(['Learning rate set to 0.5', ...lines, '', 'bestTest = 0.42', 'bestIteration = 70'].join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it was refused: "learn" named no split and "best" made every line chatter
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([1, 11, 21, 31, 41, 51, 61, 71]);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y[7]).toBe(0.34);
  });

  it('"[12]\\ttraining\'s l2: 0.26\\tvalid_1\'s l2: 0.38": the sets as splits, under [LightGBM] [Info] lines, best round left out', () => {
    const rounds = Array.from(
      { length: 8 },
      (_, i) =>
        `[${i + 1}]\ttraining's binary_logloss: ${(0.69 - i * 0.05).toFixed(6)}\tvalid_1's binary_logloss: ${(0.7 - i * 0.04).toFixed(6)}`,
    );
    const log = ingest(
      [
        '[LightGBM] [Info] Number of positive: 500, number of negative: 500',
        '[LightGBM] [Info] Total Bins 2550',
        "Training until validation scores don't improve for 10 rounds",
        ...rounds,
        'Did not meet early stopping. Best iteration is:',
        "[8]\ttraining's binary_logloss: 0.34\tvalid_1's binary_logloss: 0.42",
      ].join('\n'),
    );
    expect(checkLog(log)).toEqual([]);
    // it was refused: the first line's bracket was read as a list that failed to parse
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(8);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y[7]).toBe(0.34);
    // a list that fails to parse still says what is wrong with it; a tag over nothing says no metrics were found
    expect(() => ingest('[foo, 1, 2]')).toThrow(/JSON\/dict could not be read: unknown word "foo"/);
    expect(() => ingest('[INFO] starting\nnothing to read')).toThrow(/No training metrics found/);
  });
});

describe("OpenNMT's step lines", () => {
  it('"Step 100/3000; acc: 11.00; ppl: 675.00" per step, "Validation perplexity: 292" between them: all on the step axis', () => {
    const lines: string[] = [];
    for (let s = 100; s <= 3000; s += 100) {
      const at = `[2020-01-01 10:${String(s / 100).padStart(2, '0')}:00,000 INFO]`;
      lines.push(
        `${at} Step ${s}/3000; acc:  ${(10 + s / 100).toFixed(2)}; ppl: ${(900 / (1 + s / 300)).toFixed(2)}; xent: 5.1; lr: 1.00000; 3000/3000 tok/s;    ${s / 10} sec`,
      );
      if (s % 500 === 0) lines.push(`${at} Validation perplexity: ${(950 / (1 + s / 320)).toFixed(3)}`);
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    const run = log.runs[0];
    // the validation lines alone were read, as 6 epochs numbered in order
    expect(run.xAxis).toBe('step');
    expect(run.series.find((s) => s.key === 'ppl')!.y).toHaveLength(30);
    expect(run.series.find((s) => s.key === 'val_perplexity')!.x).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
  });
});

describe("timm's train.py console", () => {
  it('"Train: 3 [ 100/156 ( 64%)]  Loss: 3.10 (3.00)" counts epoch 3\'s batches; the "Test: [ 39/39]" lines under it are its validation', () => {
    const lines: string[] = ['Scheduled epochs: 10'];
    for (let e = 0; e < 10; e++) {
      for (const b of [0, 50, 100, 155])
        lines.push(
          `Train: ${e} [ ${String(b).padStart(4)}/156 (${String(Math.round((b * 100) / 156)).padStart(3)}%)]  Loss: ${(3 / (1 + e * 0.3)).toFixed(3)} (${(3 / (1 + e * 0.3) + 0.1).toFixed(2)})  Time: 0.350s,  365.51/s  (0.352s,  363.72/s)  LR: 1.000e-03  Data: 0.012 (0.013)`,
        );
      for (const b of [0, 39])
        lines.push(
          `Test: [  ${String(b).padStart(2)}/39]  Time: 0.522 (0.522)  Loss:  ${(3.2 / (1 + e * 0.28)).toFixed(4)} (${(3.2 / (1 + e * 0.28)).toFixed(4)})  Acc@1: ${(40 + e * 3).toFixed(4)} (${(40 + e * 3).toFixed(4)})`,
        );
    }
    lines.push('*** Best metric: 67.0 (epoch 9)');
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it was refused: no line put its values in an epoch
    const run = log.runs[0];
    expect(run.epochNumbering).toBe('from0');
    expect(new Set(run.series.find((s) => s.key === 'loss')!.x.map((x) => Math.ceil(x - 1e-9))).size).toBe(10);
    expect(run.series.find((s) => s.key === 'val_loss')!.y.at(-1)).toBe(+(3.2 / (1 + 9 * 0.28)).toFixed(4));
    // Acc@1 is a top-1 accuracy, printed in percent (as DeiT's acc1 and acc5 are)
    const top1 = run.series.find((s) => s.key === 'val_acc@1')!;
    expect(top1.kind).toBe('accuracy');
    expect(top1.y.at(-1)).toBeCloseTo(0.67, 6);
  });
});
