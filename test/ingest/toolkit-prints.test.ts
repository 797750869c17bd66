/**
 * Logs printed by training toolkits other than the deep-learning loops: gradient boosting's rounds (LightGBM,
 * CatBoost; XGBoost's in regressions.test.ts), translation toolkits' step lines (OpenNMT, Marian) and timm's train.py
 * console.
 */
import { describe, expect, it } from 'vitest';
import { canonicalName } from '../../src/ingest/names.js';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';
import { MAX_LAYOUT_RUNS } from '../../src/ingest/limits.js';

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
    // LightGBM counts its trees from 1: its "[8]" is round 8 (it was read as 9, XGBoost's [0] being round 1)
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const xgb = ingest(rounds.map((_, i) => `[${i}]\ttrain-rmse:${(1 - i / 20).toFixed(4)}\teval-rmse:0.9`).join('\n'));
    expect(xgb.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // by the toolkit, not by where the lines start: a LightGBM tail keeps its numbers, an XGBoost one counts from 0
    const tail = (f: (i: number) => string) => Array.from({ length: 6 }, (_, i) => f(i + 50)).join('\n');
    const lgbTail = ingest(
      tail((n) => `[${n}]\ttraining's l2: ${(1 / n).toFixed(5)}\tvalid_1's l2: ${(1.2 / n).toFixed(5)}`),
    );
    expect(lgbTail.runs[0].series[0].x[0]).toBe(50);
    const xgbTail = ingest(tail((n) => `[${n}]\ttrain-rmse:${(1 / n).toFixed(5)}\teval-rmse:${(1.2 / n).toFixed(5)}`));
    expect(xgbTail.runs[0].series[0].x[0]).toBe(51);
    // XGBoost before 1.0 reprints its best round under "Stopping. Best iteration:": no second run
    const stopped = ingest(
      `${tail((n) => `[${n}]\ttrain-rmse:${(1 / n).toFixed(5)}\teval-rmse:${(1.2 / n).toFixed(5)}`)}\nStopping. Best iteration:\n[53]\ttrain-rmse:0.01887\teval-rmse:0.02264`,
    );
    expect(stopped.runs).toHaveLength(1);
    // a list that fails to parse still says what is wrong with it; a tag over nothing says no metrics were found
    expect(() => ingest('[foo, 1, 2]')).toThrow(/JSON\/dict could not be read: unknown word "foo"/);
    expect(() => ingest('[INFO] starting\nnothing to read')).toThrow(/No training metrics found/);
    // so does a bracketed time at a line's head (it was "The JSON/dict could not be read")
    for (const head of ['[    640s]', '[12:00:01]', '[2024-05-01 10:00:01]'])
      expect(() => ingest(`${head} round 0 pruned 20%\n${head} round 1 pruned 36%`)).toThrow(
        /No training metrics found/,
      );
    expect(() => ingest('[1, 2, oops]')).toThrow(/JSON\/dict could not be read/);
  });
});

describe('boosting rounds where higher is better', () => {
  it("LightGBM's average_precision is a score; CatBoost's best: says its metric's direction; test1 is left out", () => {
    const lgb = Array.from(
      { length: 8 },
      (_, i) =>
        `[${i + 1}]\ttraining's average_precision: ${(0.8 + i * 0.02).toFixed(3)}\tvalid_1's average_precision: ${(0.78 + i * 0.01).toFixed(3)}`,
    );
    // it was read as a rising loss: unstable
    expect(ingest(lgb.join('\n')).runs[0].series.map((s) => s.key)).toEqual([
      'average_precision',
      'val_average_precision',
    ]);
    const cat = (auc: (i: number) => number, learn: boolean) =>
      Array.from({ length: 8 }, (_, i) => {
        const best = Math.max(...Array.from({ length: i + 1 }, (_, k) => auc(k)));
        return `${i}:\t${learn ? `learn: ${(auc(i) + 0.05).toFixed(4)}\t` : ''}test: ${auc(i).toFixed(4)}\ttest1: 0.5\tbest: ${best.toFixed(4)} (${i})\ttotal: ${i}ms\tremaining: 1s`;
      }).join('\n');
    // AUC without the learn column (CatBoost skips it by default): a score, the first eval set only
    const auc = ingest(cat((i) => 0.8 + 0.01 * i - (i === 4 ? 0.02 : 0), false));
    expect(auc.runs[0].series.map((s) => s.key)).toEqual(['val_score']);
    expect(auc.runs[0].series[0].y[7]).toBe(0.87);
    const acc = ingest(cat((i) => 0.7 + 0.02 * i, true));
    expect(acc.runs[0].series.map((s) => s.key)).toEqual(['score', 'val_score']);
    // two trainings pasted, a Logloss one and an AUC one: each says its own direction
    const logloss = Array.from(
      { length: 8 },
      (_, i) =>
        `${i}:\tlearn: ${(0.6 - 0.04 * i).toFixed(4)}\ttest: ${(0.65 - 0.03 * i).toFixed(4)}\tbest: ${(0.65 - 0.03 * i).toFixed(4)} (${i})\ttotal: ${i}ms\tremaining: 1s`,
    );
    const both = ingest(`${logloss.join('\n')}\n${cat((i) => 0.7 + 0.02 * i, true)}`);
    expect(both.runs.map((r) => r.series.map((s) => s.key))).toEqual([
      ['loss', 'val_loss'],
      ['score', 'val_score'],
    ]);
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

describe("Flair's language model trainer", () => {
  // "| end of split   3 /2751 | epoch   1 | time: 41.93s | valid loss 5.5512 | valid ppl 257.55 | learning rate 0.1000"
  const flair = (word: string, k: number, total: string, epoch: number, v: number) =>
    `| end of ${word} ${String(k).padStart(3)} /${total} | epoch ${String(epoch).padStart(3)} | time: 41.93s | valid loss ${v.toFixed(4)} | valid ppl ${Math.exp(v).toFixed(4)} | learning rate 0.1000`;

  it('"end of split 3 /2751" counts the corpus splits inside an epoch: one run, a point per split, not a run per line', () => {
    const log = ingest(
      Array.from({ length: 12 }, (_, k) => flair('split', k + 1, '2751', 1, 5.58 - 0.04 * k)).join('\n'),
    );
    expect(checkLog(log)).toEqual([]);
    // each line was a run of one point: "not assessable"
    expect(log.runs).toHaveLength(1);
    const val = log.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(val.x).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(val.y[11]).toBeCloseTo(5.14, 10);
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('epochs of splits are one curve inside the epochs; the "TEST:" line after the last one is no point of it', () => {
    const lines = Array.from({ length: 12 }, (_, k) =>
      flair('split', (k % 4) + 1, '  4', Math.floor(k / 4) + 1, 2.4 - 0.03 * k),
    );
    const log = ingest([...lines, 'TEST: valid loss  1.96 | valid ppl     7.08'].join('\n'));
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const val = log.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(val.x).toEqual(Array.from({ length: 12 }, (_, k) => (k + 1) / 4));
    // the last split's value, not the test set's 1.96 as the last epoch's summary
    expect(val.y).toHaveLength(12);
    expect(val.y[11]).toBeCloseTo(2.07, 10);
    // a shard or a chunk counted the same way is read the same way
    const shards = ingest(lines.map((l) => l.replace('split', 'shard')).join('\n'));
    expect(shards.runs[0].series.find((s) => s.key === 'val_loss')!.y).toEqual(val.y);
  });

  it('a part without its end ("CV split 2/3"), beside a step counter, or on a line with no epoch is read as before', () => {
    // cross-validation folds: each fold's steps are a run of its own
    const folds = Array.from({ length: 3 }, (_, f) =>
      Array.from(
        { length: 6 },
        (_, k) => `CV split ${f + 1}/3 | epoch 1 | iter ${(k + 1) * 100} | loss ${(1.9 - 0.1 * k).toFixed(3)}`,
      ),
    ).flat();
    const cv = ingest(folds.join('\n'));
    expect(cv.runs).toHaveLength(3);
    expect(cv.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([100, 200, 300, 400, 500, 600]);
    // ... and each fold's validation after its steps is that fold's, at its last step
    const validated = ingest(
      folds
        .flatMap((l, k) => (k % 6 === 5 ? [l, `CV split ${(k + 1) / 6}/3 | epoch 1 | val_loss 2.020`] : [l]))
        .join('\n'),
    );
    expect(validated.runs).toHaveLength(3);
    expect(validated.runs.map((r) => r.series.find((s) => s.key === 'val_loss')!.x)).toEqual([[600], [600], [600]]);
    // the step counter on the line is its count, not the split's
    const stepped = ingest(
      Array.from(
        { length: 8 },
        (_, k) =>
          `| end of split ${(k % 4) + 1} /4 | epoch 1 | step ${(k + 1) * 100} | loss ${(2 - 0.1 * k).toFixed(2)}`,
      ).join('\n'),
    );
    expect(stepped.runs).toHaveLength(1);
    expect(stepped.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([100, 200, 300, 400, 500, 600, 700, 800]);
    // a count after the values is a value, not the line's count: the split still counts
    const trailing = ingest(
      Array.from(
        { length: 8 },
        (_, k) => `${flair('split', (k % 4) + 1, '4', Math.floor(k / 4) + 1, 2 - 0.01 * k)} | step ${(k + 1) * 1000}`,
      ).join('\n'),
    );
    expect(trailing.runs).toHaveLength(1);
    expect(trailing.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(8);
    // no epoch on the lines: the parts are no counter inside one
    const unmarked = ingest(
      Array.from({ length: 8 }, (_, k) => `| end of chunk ${(k % 4) + 1} /4 | loss ${(2 - 0.1 * k).toFixed(2)}`).join(
        '\n',
      ),
    );
    expect(unmarked.runs).toHaveLength(1);
    expect(unmarked.runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(8);
    expect(unmarked.runs[0].xAxis).toBe('epoch');
  });
});

describe("Marian's log", () => {
  /** A Marian train.log: a display line every 500 updates, a validation every 2,000 (cross-entropy, perplexity,
   * BLEU); `cost` maps an update to its displayed cost, `old` prints Marian 1.x's bare `Cost 84.54`. */
  function marian(cost: (up: number) => number, opts: { old?: boolean; ce?: string; from?: number; to?: number } = {}) {
    const lines = ['[2022-12-02 09:00:00] [marian] Marian v1.11.0', '[2022-12-02 09:00:01] Training started'];
    const ce = (up: number) => 1.4 + 3 / (1 + up / 2000);
    for (let up = opts.from ?? 500; up <= (opts.to ?? 16000); up += 500) {
      const ep = 1 + Math.floor(up / 1200);
      const at = `[2022-12-02 10:${String((up / 500) % 60).padStart(2, '0')}:00]`;
      const c = cost(up).toFixed(opts.old ? 2 : 8);
      lines.push(
        opts.old
          ? `${at} Ep. ${ep} : Up. ${up} : Sen. ${(up * 64).toLocaleString('en-US')} : Cost ${c} : Time 382.09s : 2688.68 words/s`
          : `${at} Ep. ${ep} : Up. ${up} : Sen. ${(up * 64).toLocaleString('en-US')} : Cost ${c} * 1,545,397 @ 6,452 after ${(up * 3000).toLocaleString('en-US')} : Time 163.05s : 33,655.40 words/s : gNorm 1.2345 : L.r. 3.0000e-04`,
      );
      if (up % 2000 === 0) {
        lines.push(
          `${at} [valid] Ep. ${ep} : Up. ${up} : ${opts.ce ?? 'ce-mean-words'} : ${ce(up).toFixed(5)} : new best`,
        );
        lines.push(`${at} [valid] Ep. ${ep} : Up. ${up} : perplexity : ${Math.exp(ce(up)).toFixed(5)} : new best`);
        lines.push(`${at} [valid] Ep. ${ep} : Up. ${up} : bleu : ${(20 + up / 1000).toFixed(4)} : new best`);
        lines.push(`${at} [valid]   Hyp: Así que puede obtener la página que desea ver .`);
      }
      lines.push(`${at} Saving model to model.iter${up}.npz`);
    }
    return lines;
  }

  /** The warnings' codes, or 'refused'. */
  const codes = (lines: string[]) => {
    try {
      return ingest(lines.join('\n')).warnings.map((w) => w.code);
    } catch {
      return ['refused'];
    }
  };

  it('"Ep. 2 : Up. 1000 : Sen. 311,824 : Cost 4.96 ..." and "[valid] Ep. 35 : Up. 16000 : ce-mean-words : 1.62 : new best": on the update axis', () => {
    const log = ingest(marian((up) => 1.2 + 3 / (1 + up / 2000)).join('\n'));
    expect(checkLog(log)).toEqual([]);
    expect(log.warnings.map((w) => w.code)).toEqual(['marian']);
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    expect(run.series.map((s) => s.key).sort()).toEqual(['loss', 'lr', 'val_bleu', 'val_loss', 'val_perplexity']);
    expect(run.series.find((s) => s.key === 'loss')!.x).toHaveLength(32);
    expect(run.series.find((s) => s.key === 'loss')!.y[1]).toBe(3.2);
    expect(run.series.find((s) => s.key === 'val_loss')!.x).toEqual([
      2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000,
    ]);
    expect(run.series.find((s) => s.key === 'lr')!.y[0]).toBe(0.0003);
    // Ep. gives each update's epoch
    expect(run.epochAtStep!.epoch[run.epochAtStep!.step.indexOf(16000)]).toBe(14);
    // an update once, though its validation prints a line per metric
    expect(run.epochAtStep!.step).toEqual(Array.from({ length: 32 }, (_, i) => (i + 1) * 500));
    expect(diagnose(log).series.val).toBe('val_loss');
  });

  it('a valid.log alone, a training started again from its first update, and one resumed from its checkpoint', () => {
    const valid = marian(() => 2).filter((l) => l.includes('[valid]'));
    const v = ingest(valid.join('\n'));
    expect(v.runs[0].series.map((s) => s.key).sort()).toEqual(['val_bleu', 'val_loss', 'val_perplexity']);
    expect(v.runs[0].series.find((s) => s.key === 'val_loss')!.x[0]).toBe(2000);
    expect(v.warnings[0].message).not.toMatch(/training cost/);
    expect(v.runs[0].label).toBe('run 1');
    // started again: its updates count from its first display again, a run of its own
    const again = ingest(
      [...marian((up) => 3 - up / 10000), ...marian((up) => 3 - up / 20000, { to: 8000 })].join('\n'),
    );
    expect(again.runs).toHaveLength(2);
    expect(again.runs[1].series.find((s) => s.key === 'loss')!.x.at(-1)).toBe(8000);
    expect(again.runs.map((r) => r.label)).toEqual(['run 1 of 2 (from update 500)', 'run 2 of 2 (from update 500)']);
    // killed at update 15,000 and resumed from its checkpoint at 10,000: one run, the lines after 10,000 replaced
    const cost = (up: number) => 1.2 + 3 / (1 + up / 2000);
    const resumed = ingest(
      [...marian((up) => cost(up) + 0.5, { to: 15000 }), ...marian(cost, { from: 10500, to: 40000 })].join('\n'),
    );
    expect(resumed.runs).toHaveLength(1);
    const loss = resumed.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.x).toEqual(Array.from({ length: 80 }, (_, i) => (i + 1) * 500));
    expect(loss.y[25]).toBe(+cost(13000).toFixed(8));
    expect(resumed.runs[0].epochAtStep!.step).toEqual(loss.x);
    // resumed from its checkpoint at 10,000 after a crash just past the display at 10,500, which it prints again
    const again10500 = ingest(
      [...marian((up) => cost(up) + 0.5, { to: 10500 }), ...marian(cost, { from: 10500, to: 20000 })].join('\n'),
    );
    const l2 = again10500.runs[0].series.find((s) => s.key === 'loss')!;
    expect(l2.x.filter((x) => x === 10500)).toHaveLength(1);
    expect(l2.y[l2.x.indexOf(10500)]).toBe(+cost(10500).toFixed(8));
    // more starts over than any training's log (MAX_LAYOUT_RUNS) are another layout
    const restarts = Array.from({ length: MAX_LAYOUT_RUNS + 1 }, () => marian(cost, { to: 1000 })).flat();
    expect(codes(restarts.slice(0, 40 * 4))).toContain('marian');
    expect(codes(restarts)).not.toContain('marian');
  });

  it('Ep. 1.0234 (--logical-epoch), a cost that turns NaN, and a validation of perplexity alone', () => {
    const fractional = marian((up) => 1.2 + 3 / (1 + up / 2000)).map((l) =>
      l.replace(/Ep\. (\d+)/, (_, e) => `Ep. ${e}.0234`),
    );
    const f = ingest(fractional.join('\n'));
    expect(f.warnings.map((w) => w.code)).toEqual(['marian']);
    expect(f.runs[0].epochAtStep!.epoch[0]).toBe(1.0234);
    // a NaN cost is the finding, on whatever scale: judged, not drawn apart
    const nan = marian((up) => (up > 12000 ? NaN : 9 - up / 3000)).map((l) => l.replace('Cost NaN', 'Cost nan'));
    const n = ingest(nan.join('\n'));
    expect(n.warnings.map((w) => w.code)).not.toContain('marian_scale');
    const d = diagnose(n);
    expect(d.pattern).toBe('unstable');
    expect(d.findings).toContain('nan_inf');
    // perplexity alone: its log is the per-word cross-entropy, the validation loss beside a per-word cost
    const ppl = marian((up) => 1.2 + 3 / (1 + up / 2000)).filter((l) => !l.includes(': ce-mean-words :'));
    const p = ingest(ppl.join('\n'));
    const val = p.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(val.y[0]).toBeCloseTo(1.4 + 3 / 2, 4);
    expect(p.runs[0].series.map((s) => s.key)).toContain('loss');
    expect(diagnose(p).series.val).toBe('val_loss');
    // a validation cross-entropy NaN at most updates is still on the cost's scale (its finite values say so)
    const nanVal = marian((up) => 1.2 + 3 / (1 + up / 2000)).map((l) =>
      / : Up\. (2000|4000|6000|8000|10000) : ce-mean-words /.test(l)
        ? l.replace(/ce-mean-words : [\d.]+/, 'ce-mean-words : nan')
        : l,
    );
    expect(ingest(nanVal.join('\n')).warnings.map((w) => w.code)).not.toContain('marian_scale');
  });

  it('a training cost on another scale than every validation cross-entropy is drawn, not judged against it', () => {
    // Marian 1.x: a sentence's summed cost (84) beside a per-word validation cross-entropy (1.6)
    const log = ingest(marian((up) => 40 + 120 / (1 + up / 3000), { old: true, ce: 'cross-entropy' }).join('\n'));
    expect(checkLog(log)).toEqual([]);
    expect(log.warnings.map((w) => w.code)).toEqual(['marian', 'marian_scale']);
    // said once, though two runs are on other scales
    const twice = marian((up) => 40 + 120 / (1 + up / 3000), { old: true, ce: 'cross-entropy' });
    expect(ingest([...twice, ...twice].join('\n')).warnings.map((w) => w.code)).toEqual([
      'marian',
      'marian_scale',
      'multiple_runs',
    ]);
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).not.toContain('loss');
    expect(keys).toContain('val_loss');
    const d = diagnose(log);
    expect(d.series.train).toBeUndefined();
    expect(d.series.val).toBe('val_loss');
    expect(d.reasons.join(' ')).not.toMatch(/gap/);
    // a summed validation cross-entropy beside it is on its scale: that one is the validation loss
    const sums = marian((up) => 40 + 120 / (1 + up / 3000), { old: true, ce: 'cross-entropy' }).flatMap((l) =>
      l.includes(': cross-entropy :')
        ? [l, l.replace(/cross-entropy : ([\d.]+)/, (_, v) => `ce-sum : ${(+v * 30).toFixed(3)}`)]
        : [l],
    );
    const paired = ingest(sums.join('\n'));
    expect(paired.warnings.map((w) => w.code)).toEqual(['marian']);
    expect(paired.runs[0].series.find((s) => s.key === 'val_loss')!.y[0]).toBeGreaterThan(30);
    expect(paired.runs[0].series.map((s) => s.key)).toContain('loss');
  });

  it('lines that only look like it are not read as Marian: four lines, or no Sen./Cost and no [valid]', () => {
    const trainOnly = (to: number) => marian((up) => 3 - up / 10000, { to }).filter((l) => !l.includes('[valid]'));
    expect(codes(trainOnly(2000))).not.toContain('marian');
    expect(codes(trainOnly(2500))).toContain('marian');
    // a display line longer than any Marian prints (MAX_LINE) is not searched
    expect(codes(trainOnly(2500).map((l) => l + ' '.repeat(1000)))).toContain('marian');
    expect(codes(trainOnly(2500).map((l) => l + ' '.repeat(2000)))).not.toContain('marian');
    const bare = Array.from(
      { length: 10 },
      (_, i) => `Ep. ${i + 1} : Up. ${(i + 1) * 100} : loss ${(2 / (i + 1)).toFixed(3)}`,
    );
    expect(codes(bare)).not.toContain('marian');
    expect(codes(bare.map((l) => l.replace(': loss', ': Sen. 1,000 : Cost')))).toContain('marian');
    // a metric's line is a validation's only under [valid]
    const named = bare.map((l) => l.replace(': loss', ': loss :'));
    expect(codes(named)).not.toContain('marian');
    expect(codes(named.map((l) => `[valid] ${l}`))).toContain('marian');
  });
});

describe("timm's train.py console and PyTorch's ImageNet example: AverageMeter's running averages", () => {
  /** a running average over an epoch's batches, as AverageMeter prints it after each batch's value */
  const meter = (values: number[]) =>
    values.map((v, i) => [v, values.slice(0, i + 1).reduce((a, b) => a + b) / (i + 1)]);

  it('"Train: 3 [ 100/156 ( 64%)]  Loss: 3.10 (3.00)" counts epoch 3\'s batches; the "Test: [ 39/39]" lines under it are its validation, one point an epoch', () => {
    const lines: string[] = ['Scheduled epochs: 10'];
    const valMeans: number[] = [];
    for (let e = 0; e < 10; e++) {
      const train = meter([0, 50, 100, 155].map((b) => 3 / (1 + e * 0.3) + (b % 100 === 0 ? 0.4 : -0.4)));
      [0, 50, 100, 155].forEach((b, k) =>
        lines.push(
          `Train: ${e} [ ${String(b).padStart(4)}/156 (${String(Math.round((b * 100) / 156)).padStart(3)}%)]  Loss: ${train[k][0].toFixed(3)} (${train[k][1].toFixed(3)})  Time: 0.350s,  365.51/s  (0.352s,  363.72/s)  LR: 1.000e-03  Data: 0.012 (0.013)`,
        ),
      );
      // the first batch alone is far below the epoch's mean (0.2), the second far above: only the last line's
      // average is the epoch's
      const val = meter([0.2, 2 * (3.2 / (1 + e * 0.28)) - 0.2]);
      valMeans.push(+val[1][1].toFixed(4));
      val.forEach(([v, avg], k) =>
        lines.push(
          `Test: [  ${k === 0 ? ' 0' : '39'}/39]  Time: 0.522 (0.522)  Loss:  ${v.toFixed(4)} (${avg.toFixed(4)})  Acc@1: ${(k === 0 ? 99 : 10).toFixed(4)} (${(k === 0 ? 99 : 40 + e * 3).toFixed(4)})`,
        ),
      );
    }
    lines.push('*** Best metric: 67.0 (epoch 9)');
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it was refused: no line put its values in an epoch
    const run = log.runs[0];
    expect(run.epochNumbering).toBe('from0');
    // each epoch is its mean, the last running average, not a saw-tooth starting again at each epoch's first batch
    const loss = run.series.find((s) => s.key === 'loss')!;
    expect(loss.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(loss.y[0]).toBeCloseTo(3, 3);
    // the validation's best is an epoch's mean: the first Test line of an epoch is one batch (0.2)
    const valLoss = run.series.find((s) => s.key === 'val_loss')!;
    expect(valLoss.y).toEqual(valMeans);
    expect(Math.min(...valLoss.y)).toBe(valMeans[9]);
    // Acc@1 is a top-1 accuracy, printed in percent (as DeiT's acc1 and acc5 are)
    const top1 = run.series.find((s) => s.key === 'val_acc@1')!;
    expect(top1.kind).toBe('accuracy');
    expect(top1.y).toHaveLength(10);
    expect(top1.y.at(-1)).toBeCloseTo(0.67, 6);
  });

  it("the ImageNet example's \" *   Acc@1 76.1 Acc@5 92.8\" after its Test lines is the validation's summary, not the training's", () => {
    const lines: string[] = [];
    for (let e = 0; e < 6; e++) {
      const train = meter([0, 1, 2].map((k) => 6 / (1 + e * 0.4) + (k === 1 ? 0.5 : -0.25)));
      train.forEach(([v, avg], k) =>
        lines.push(
          `Epoch: [${e}][${String(k * 2000).padStart(4)}/5005]\tTime  0.412 ( 0.420)\tData  0.010 ( 0.020)\tLoss ${v.toExponential(4)} (${avg.toExponential(4)})\tAcc@1  ${(10 + e * 8).toFixed(2)} (${(10 + e * 8).toFixed(2)})\tAcc@5  ${(30 + e * 8).toFixed(2)} (${(30 + e * 8).toFixed(2)})`,
        ),
      );
      for (const b of [0, 150])
        lines.push(
          `Test: [${String(b).padStart(3)}/196]\tTime  0.200 ( 0.300)\tLoss ${(5 / (1 + e * 0.3)).toExponential(4)} (${(5 / (1 + e * 0.3)).toExponential(4)})\tAcc@1  ${(b ? 12 : 2) + e * 9}.00 ( ${(b ? 12 : 2) + e * 9}.00)\tAcc@5  50.00 ( 50.00)`,
        );
      lines.push(` *   Acc@1 ${(12.5 + e * 9).toFixed(3)} Acc@5 ${(50.5).toFixed(3)}`);
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    const run = log.runs[0];
    const top1 = (key: string) => run.series.find((s) => s.key === key)!.y.map((v) => +v.toFixed(4));
    // the summary had been read as the training's Acc@1 (12.5%, 21.5%, ...), and the validation's per Test line
    expect(top1('acc@1')).toEqual([0.1, 0.18, 0.26, 0.34, 0.42, 0.5]);
    expect(top1('val_acc@1')).toEqual([0.125, 0.215, 0.305, 0.395, 0.485, 0.575]);
    expect(run.series.find((s) => s.key === 'val_loss')!.y).toHaveLength(6);
  });

  it('"Train: 100 [1/5] loss: 2.0" is no timm batch line (timm prints the batch\'s share): 100 is not an epoch', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 5; e++) {
      for (let k = 1; k <= 3; k++)
        lines.push(`Train: ${((e - 1) * 3 + k) * 100} [${e}/5] loss: ${(2 / ((e - 1) * 3 + k)).toFixed(4)}`);
      lines.push(`Val: [${e}/5] loss: ${(2.2 / (e * 3)).toFixed(4)} acc: ${(0.5 + e * 0.05).toFixed(3)}`);
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it had been read as epochs 100, 200, ..., 1500, each a point of its own, then refused: the bracket after the
    // split word is the epoch, the number before it the step
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(Math.max(...loss.x)).toBeLessThanOrEqual(5);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.x).toEqual([1, 2, 3, 4, 5]);
  });

  it('a lone bracket after a value on a step line is not a running average: a change ("(+0.0000)") or a spread ("reward 15.0 (29.0)")', () => {
    const delta = Array.from({ length: 8 }, (_, i) => {
      const loss = 5 / (6 + i);
      const change = i === 0 ? 0 : loss - 5 / (5 + i);
      return `step ${(i + 1) * 500}  loss ${loss.toFixed(4)} (${change < 0 ? '-' : '+'}${Math.abs(change).toFixed(4)})`;
    });
    const a = ingest(delta.join('\n'));
    expect(a.runs[0].series.find((s) => s.key === 'loss')!.y[0]).toBe(0.8333);
    const spread = Array.from(
      { length: 8 },
      (_, i) => `step ${(i + 1) * 1000}: loss ${(5 / (6 + i)).toFixed(4)} reward ${15 + i * 5}.0 (${29 - i}.0)`,
    );
    const b = ingest(spread.join('\n'));
    expect(b.runs[0].series.find((s) => s.key === 'reward')!.y.slice(0, 3)).toEqual([15, 20, 25]);
  });
});

describe('detection toolkits', () => {
  it("Darknet's ' 12: 5.31, 5.62 avg loss, 0.001 rate, ...' lines: the batch loss per iteration, -map's mAP as validation", () => {
    const it = (i: number) =>
      ` ${i}: ${(700 / (1 + i * 0.5) + 2).toFixed(6)}, ${(735 / (1 + i * 0.5)).toFixed(6)} avg loss, 0.001000 rate, 2.512 seconds, ${i * 64} images, ${300 - i} hours left`;
    const region =
      'v3 (mse loss, Normalizer: (iou: 0.75, cls: 1.00) Region 82 Avg (IOU: 0.31), count: 8, class_loss = 2.1, iou_loss = 9.5, total_loss = 11.6';
    const lines = [
      ...Array.from({ length: 100 }, (_, i) => [region, it(i + 1)]).flat(),
      ' Last accuracy mAP@0.50 = 45.21 %, best = 45.21 % ',
    ];
    const log = ingest([...lines, ...Array.from({ length: 10 }, (_, i) => it(i + 1))].join('\n'));
    expect(checkLog(log)).toEqual([]);
    // it was refused; a training started again from iteration 1 is a run of its own
    expect(log.runs).toHaveLength(2);
    const first = log.runs[0];
    expect(first.xAxis).toBe('step');
    expect(first.series.find((s) => s.key === 'loss')!.y).toHaveLength(100);
    expect(first.series.find((s) => s.key === 'val_m_ap50')!.y).toEqual([0.4521]);
    // an iteration that goes back on every other line is no training's: 300 "runs" are not read as Darknet's
    const zigzag = Array.from({ length: 600 }, (_, i) => it(1 + (i % 2)));
    const z = (() => {
      try {
        return ingest(zigzag.join('\n')).warnings.map((w) => w.code);
      } catch {
        return [];
      }
    })();
    expect(z).not.toContain('darknet');
  });

  it("MMEngine's 'Epoch(val) [1][100/100] accuracy/top1: 45.0' is the epoch's validation; TF's Loss/total_loss is the loss", () => {
    const lines: string[] = [];
    for (let e = 1; e <= 8; e++) {
      for (const b of [50, 100])
        lines.push(
          `2023/05/01 10:00:0${e % 10} - mmengine - INFO - Epoch(train)  [${e}][${b}/100]  lr: 1.0000e-02  time: 0.5012  loss: ${(1 / (1 + e * 0.3)).toFixed(4)}`,
        );
      lines.push(
        `2023/05/01 10:00:0${e % 10} - mmengine - INFO - Epoch(val) [${e}][100/100]    accuracy/top1: ${(40 + e * 4).toFixed(4)}  data_time: 0.0100`,
      );
    }
    const mm = ingest(lines.join('\n'));
    // the validation line was left out (its "/top1" hid the metric word)
    expect(mm.runs[0].series.find((s) => s.key === 'val_accuracy/top1')!.y.at(-1)).toBeCloseTo(0.72, 6);
    const tf = Array.from(
      { length: 8 },
      (_, i) =>
        `INFO:tensorflow:{'Loss/classification_loss': ${(0.8 / (i + 1)).toFixed(4)}, 'Loss/localization_loss': 0.3, 'Loss/total_loss': ${(0.8 / (i + 1) + 0.3).toFixed(4)}}`,
    );
    const t = ingest(tf.join('\n'));
    // the total was summed with its parts (twice the loss)
    expect(t.runs[0].series.find((s) => s.key === 'loss')!.y[0]).toBe(1.1);
  });
});

describe("TensorFlow's Estimator", () => {
  it("'loss = 0.52, step = 1001' on the step axis, and 'Saving dict for global step 1001: ...' as its evaluation", () => {
    const lines: string[] = [];
    for (let s = 1; s <= 3001; s += 100) {
      lines.push(`INFO:tensorflow:loss = ${(2.3 / (1 + s / 300) + 0.1).toFixed(5)}, step = ${s} (0.985 sec)`);
      lines.push('INFO:tensorflow:global_step/sec: 101.5');
      if (s % 500 === 1 && s > 1) {
        lines.push(`INFO:tensorflow:Saving checkpoints for ${s} into /tmp/model/model.ckpt.`);
        lines.push(
          `INFO:tensorflow:Saving dict for global step ${s}: accuracy = ${(0.8 + s / 30000).toFixed(4)}, global_step = ${s}, loss = ${(2.4 / (1 + s / 300) + 0.15).toFixed(5)}`,
        );
      }
    }
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    const run = log.runs[0];
    // the loss was numbered by position, and the evaluations were dropped as checkpoint lines
    expect(run.xAxis).toBe('step');
    expect(run.series.find((s) => s.key === 'loss')!.x.slice(0, 2)).toEqual([1, 101]);
    expect(run.series.find((s) => s.key === 'val_loss')!.x).toEqual([501, 1001, 1501, 2001, 2501, 3001]);
    expect(run.series.find((s) => s.key === 'val_accuracy')!.y).toHaveLength(6);
  });

  it("'Loss for final step: 0.51' after the last checkpoint is not the last logged step's value", () => {
    // it overwrote step 901's loss (a spike of 121.9 read as 0.51): its own step is only the checkpoint line's
    const lines = ['INFO:tensorflow:Saving checkpoints for 0 into model/model.ckpt.'];
    const losses = [11702.1, 19.7, 1.99, 1.14, 0.86, 0.188, 0.0116, 0.00235, 0.00029, 121.9];
    losses.forEach((l, i) => {
      lines.push(`INFO:tensorflow:loss = ${l}, step = ${1 + 100 * i} (0.55 sec)`);
      lines.push('INFO:tensorflow:global_step/sec: 180.3');
    });
    lines.push('INFO:tensorflow:Saving checkpoints for 1000 into model/model.ckpt.');
    lines.push('INFO:tensorflow:Loss for final step: 0.5116225.');
    const log = ingest(lines.join('\n'));
    expect(checkLog(log)).toEqual([]);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.x.at(-1)).toBe(901);
    expect(loss.y).toEqual(losses);
  });
});

describe("toolkits' metric names", () => {
  it("CatBoost's learn_error.tsv under its multi-class objective (iter / MultiClass) is the training loss", () => {
    // (and its objectives with parameters: `Quantile:alpha=0.5` was a metric of no kind, so nothing was judged)
    for (const name of [
      'MultiClass',
      'MultiClassOneVsAll',
      'Quantile:alpha=0.5',
      'MultiQuantile:alpha=0.1,0.5,0.9',
      'Tweedie:variance_power=1.5',
    ]) {
      const rows = [
        `iter\t${name}`,
        ...Array.from({ length: 12 }, (_, i) => `${i}\t${(2.6 * Math.exp(-i / 6) + 1).toFixed(6)}`),
      ];
      const log = ingest(rows.join('\n') + '\n', { fileName: 'catboost_info/learn_error.tsv' });
      expect(checkLog(log)).toEqual([]);
      const s = log.runs[0].series[0];
      expect([s.kind, s.split]).toEqual(['loss', 'train']);
      expect(s.y).toHaveLength(12);
    }
    // one metric's variants (an eval metric weighted otherwise than the objective, quantiles at several alphas) are
    // not a total's terms: the first is judged, nothing is added up
    for (const names of [
      ['MultiClass:use_weights=false', 'MultiClass'],
      ['Quantile:alpha=0.5', 'Quantile:alpha=0.1', 'Quantile:alpha=0.9'],
    ]) {
      const rows = [
        `iter\t${names.join('\t')}`,
        ...Array.from(
          { length: 12 },
          (_, i) => `${i}\t${names.map((_, j) => (1.4 - 0.3 * j) * Math.exp(-i / 8)).join('\t')}`,
        ),
      ];
      const log = ingest(rows.join('\n') + '\n', { fileName: 'catboost_info/test_error.tsv' });
      expect(log.runs[0].series.some((s) => s.derived)).toBe(false);
      expect(diagnose(log).series.val).toBe(log.runs[0].series[0].key);
    }
    // a split is no CatBoost metric: "train:loss=0.5" keeps its name
    expect(canonicalName('train:loss=0.5').key).not.toBe('train');
    expect(canonicalName('Expectile:alpha=0.5')).toMatchObject({ key: 'expectile', kind: 'loss' });
  });

  it('a split after the name, then the word a saved list carries (loss_val_hist, total_loss_validation_plot)', () => {
    const n = 8;
    const list = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => +f(i).toFixed(4));
    const history = {
      total_loss_train_plot: list((i) => 0.22 / (1 + i)),
      total_loss_validation_plot: list((i) => 0.3 / (1 + i / 2)),
      total_acc_train_plot: list((i) => 70 + 3 * i),
      total_acc_validation_plot: list((i) => 68 + 3 * i),
    };
    const log = ingest(JSON.stringify(history), { fileName: 'loss_acc.json' });
    // the validation loss was read as a second training loss, and the two summed into the "loss"
    expect(log.runs[0].series.map((s) => `${s.key}:${s.kind}:${s.split}`)).toEqual([
      'total_loss:loss:train',
      'val_total_loss:loss:val',
      'total_acc:accuracy:train',
      'val_total_acc:accuracy:val',
    ]);
    const hist = ingest(
      JSON.stringify({ loss_train_hist: history.total_loss_train_plot, loss_val_hist: list((i) => 0.3 / (1 + i / 2)) }),
    );
    expect(hist.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
  });

  it('an accuracy named in the plural (accuracies, val_accuracies, accs) is the accuracy, as losses is the loss', () => {
    const rows = ['epoch,losses,accuracies,val_losses,val_accuracies'];
    for (let i = 0; i < 6; i++) rows.push(`${i + 1},${1 / (i + 1)},${0.5 + i / 20},${1.1 / (i + 1)},${0.45 + i / 20}`);
    const log = ingest(rows.join('\n') + '\n');
    expect(log.runs[0].series.map((s) => `${s.key}:${s.kind}`)).toEqual([
      'loss:loss',
      'accuracy:accuracy',
      'val_loss:loss',
      'val_accuracy:accuracy',
    ]);
    expect(ingest(rows.join('\n').replace('accuracies,val_', 'accs,val_') + '\n').runs[0].series[1].key).toBe(
      'accuracy',
    );
  });
});

describe('a value printed after the last epoch of batch lines', () => {
  it("is the run's final evaluation, not the last epoch's summary, when no epoch before it has one", () => {
    // a BERT text classifier's loop: "Iter:" lines under "Epoch [k/3]", then the test set and sklearn's report
    const lines: string[] = [];
    for (let e = 1; e <= 3; e++) {
      lines.push(`Epoch [${e}/3]`);
      for (let i = 1; i <= 4; i++) {
        const it = (e - 1) * 4 + i;
        lines.push(
          `Iter: ${String(it * 100).padStart(6)},  Train Loss: ${(0.6 - it * 0.04).toFixed(2)},  Train Acc: ${(80 + it).toFixed(2)}%,  Val Loss: ${(0.5 - it * 0.02).toFixed(2)},  Val Acc: ${(82 + it / 2).toFixed(2)}%`,
        );
      }
    }
    const report = [
      'Test Loss:  0.17,  Test Acc: 94.72%',
      '              precision    recall  f1-score   support',
      '    accuracy                         0.9472     10000',
    ];
    const log = ingest([...lines, ...report].join('\n'));
    expect(checkLog(log)).toEqual([]);
    const acc = log.runs[0].series.find((s) => s.key === 'accuracy')!;
    // the report's 0.9472 was read as epoch 3's training accuracy
    expect(acc.y).toHaveLength(12);
    expect(acc.y.at(-1)).toBeCloseTo(0.92, 10);
    expect(acc.x.at(-1)).toBe(3);
    // an epoch summary every epoch prints unmarked after its batches still stands
    const summed = lines.flatMap((l) =>
      l.startsWith('Epoch') && l !== 'Epoch [1/3]' ? [`Train Acc: 90.00%`, l] : [l],
    );
    const withSummaries = ingest([...summed, 'Train Acc: 91.00%'].join('\n'));
    expect(withSummaries.runs[0].series.find((s) => s.key === 'accuracy')!.y).toEqual([0.9, 0.9, 0.91]);
  });

  it("stays the epoch's point when the epoch has no batches of its own, says its epoch, or is the run's only one", () => {
    const batches = (e: number) =>
      Array.from({ length: 4 }, (_, i) => `Epoch ${e} | Step ${i + 1}/4 | loss ${(1 - e * 0.1 - i * 0.01).toFixed(3)}`);
    const loss = (text: string) => ingest(text).runs[0].series.find((s) => s.key === 'loss')!;
    // an epoch printed as its summary alone after epochs of batches: the summary is all it has
    const bare = loss([...batches(1), ...batches(2), 'Epoch [3/3]', 'loss 0.5'].join('\n'));
    expect(bare.x.at(-1)).toBe(3);
    expect(bare.y.at(-1)).toBe(0.5);
    // the last epoch's summary on its own marked line
    const marked = loss([...batches(1), ...batches(2), ...batches(3), 'Epoch 3 done: loss 0.5'].join('\n'));
    expect(marked.y.at(-1)).toBe(0.5);
    // one epoch of batches and a line after them: the epoch's summary or a final evaluation, nothing tells
    const one = loss([...batches(1), 'loss 0.5'].join('\n'));
    expect(one.y).toEqual([0.5]);
  });
});
