/**
 * CatBoost's test_error.tsv with several evaluation sets (catboost-sets.ts): `Metric:N` columns beside the bare
 * `Metric` of the set CatBoost picks its best iteration by. The bare one is the validation curve; the numbered ones
 * are left out with a warning. Before, the colon read as a printed `name:value` and the file was refused.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { isNumberedSetCell } from '../../src/ingest/formats/catboost-sets.js';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const table = (header: string[], cols: ((i: number) => number)[], n = 60) =>
  [header.join('\t'), ...Array.from({ length: n }, (_, i) => [i, ...cols.map((f) => f(i).toFixed(6))].join('\t'))].join(
    '\n',
  );
const falling = (i: number) => 0.7 * Math.exp(-i / 15) + 0.05;
const minThenRise = (i: number) => 0.3 + (i - 25) ** 2 / 2000;

const read = (text: string, fileName = 'catboost_info/test_error.tsv') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const keys = (log: ReturnType<typeof ingest>) => log.runs.at(-1)!.series.map((s) => s.key);

describe("CatBoost's numbered evaluation sets", () => {
  it('since 1.0 the last set is bare: read as validation, set 0 left out with a warning', () => {
    const log = read(table(['iter', 'CrossEntropy:0', 'CrossEntropy'], [falling, minThenRise]));
    expect(keys(log)).toEqual(['val_crossentropy']);
    const s = log.runs[0].series[0];
    expect(s.y[25]).toBeCloseTo(0.3, 5);
    expect(log.warnings.find((w) => w.code === 'extra_eval_sets')?.message).toBe(
      'CatBoost logged several evaluation sets: read the one it picks its best iteration by (the bare name); left ' +
        'out "CrossEntropy:0".',
    );
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('before 1.0 the first set is bare and the others numbered; several metrics each keep their bare column', () => {
    const log = read(
      table(['iter', 'Logloss', 'AUC', 'Logloss:1', 'AUC:1'], [minThenRise, (i) => 0.6 + i / 200, falling, () => 0.9]),
    );
    expect(keys(log).sort()).toEqual(['val_auc', 'val_logloss']);
    expect(log.warnings.find((w) => w.code === 'extra_eval_sets')?.message).toMatch(/left out "Logloss:1", "AUC:1"\.$/);
  });

  it('a numbered name with no bare sibling, or a lower-case one, is no set column', () => {
    expect(isNumberedSetCell('CrossEntropy:0', ['iter', 'CrossEntropy:0', 'CrossEntropy'])).toBe(true);
    expect(isNumberedSetCell('RMSE:1', ['iter', 'RMSE:0', 'RMSE:1'])).toBe(false);
    expect(isNumberedSetCell('loss:0', ['epoch', 'loss:0', 'loss'])).toBe(false);
    expect(isNumberedSetCell('RMSE:100', ['iter', 'RMSE:100', 'RMSE'])).toBe(false);
    // a metric's parameters before the set's number
    const params = ['iter', 'Precision:class=1', 'Precision:class=1:0'];
    expect(isNumberedSetCell('Precision:class=1:0', params)).toBe(true);
    // another logger's per-class columns (no `iter` first) are no evaluation sets
    expect(isNumberedSetCell('Dice:1', ['epoch', 'Dice', 'Dice:1', 'Dice:2'])).toBe(false);
  });

  it('learn_error.tsv is untouched: one set, no numbers', () => {
    const log = read(table(['iter', 'CrossEntropy'], [falling]), 'catboost_info/learn_error.tsv');
    expect(keys(log)).toEqual(['crossentropy']);
    expect(log.warnings.some((w) => w.code === 'extra_eval_sets')).toBe(false);
  });
});
