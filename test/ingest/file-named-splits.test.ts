/**
 * What bench/wild30 showed, in ingest (session 30): a file named for a held-out split (`val_metrics.csv`,
 * CatBoost's `test_error.tsv`, and their copies) gives its split to columns that name none; CatBoost's `learn` is
 * the training set; Keras histories printed one after
 * another as JSON are a run each, never Hugging Face's printed log dicts.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName?: string) => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const splits = (log: ReturnType<typeof ingest>) =>
  Object.fromEntries(log.runs.at(-1)!.series.map((s) => [s.key, s.split]));

/** CatBoost's catboost_info/*.tsv: `iter` and the metric's name, tab-separated. */
const catboost = (f: (i: number) => number, n = 40) =>
  ['iter\tRMSE', ...Array.from({ length: n }, (_, i) => `${i}\t${f(i).toFixed(5)}`)].join('\n');

describe('a file named for a held-out split', () => {
  it("CatBoost's test_error.tsv is the eval set's curve: read as validation, and a rise after its minimum is overfitting", () => {
    const rising = catboost((i) => 1 + (i - 20) ** 2 / 400);
    const log = read(rising, 'catboost_info/test_error.tsv');
    expect(splits(log)).toEqual({ val_rmse: 'val' });
    expect(log.warnings.find((w) => w.code === 'split_by_file_name')?.message).toBe(
      "No metric names its split, and the file is named test_error.tsv: its metrics are read as the test set's (a curve of it, evaluated during training, is judged as the validation one).",
    );
    expect(diagnose(log).pattern).toBe('overfitting');
    // the same numbers in learn_error.tsv are training's
    expect(splits(read(rising, 'catboost_info/learn_error.tsv'))).toEqual({ rmse: 'train' });
  });

  it('val_log.csv, valid_metrics.csv and eval_results.csv: every metric is the validation set’s; the lr stays as it is', () => {
    const table = [
      'epoch,loss,accuracy,lr',
      ...Array.from({ length: 8 }, (_, i) => `${i + 1},${(1 / (i + 1)).toFixed(3)},${(0.5 + i / 20).toFixed(3)},0.001`),
    ].join('\n');
    for (const name of ['val_log.csv', 'logs/valid_metrics.csv', 'eval_results.csv', 'Validation-History.csv']) {
      const log = read(table, name);
      expect(splits(log), name).toEqual({ val_loss: 'val', val_accuracy: 'val', lr: 'none' });
      expect(log.warnings.find((w) => w.code === 'split_by_file_name')?.message).toMatch(
        /read as the validation set's\.$/,
      );
    }
  });

  it('not when a column names its split, nor for names that say more than a split and what the file holds', () => {
    const named = ['epoch,train_loss,acc', '1,0.9,0.5', '2,0.7,0.6', '3,0.5,0.7', '4,0.4,0.75', '5,0.35,0.8'].join(
      '\n',
    );
    expect(splits(read(named, 'eval_log.csv'))).toEqual({ loss: 'train', accuracy: 'train' });
    const table = catboost((i) => 1 / (i + 1));
    // a split word alone is a scratch name (test.csv); a test run of a training writes test_log.txt and results
    for (const name of [
      'test.csv',
      'val.tsv',
      'test_log.txt',
      'test_results.csv',
      'dev_log.csv',
      'test_run.csv',
      'val_loss_model2.tsv',
      'training_log.tsv',
      'validate_log.tsv',
    ]) {
      const log = read(table, name);
      expect(splits(log), name).toEqual({ rmse: 'train' });
      expect(log.warnings.some((w) => w.code === 'split_by_file_name')).toBe(false);
    }
  });

  it("not for Keras's own console, whose loss is training's, nor values a reader named itself", () => {
    const history = { loss: [0.9, 0.7, 0.5, 0.45, 0.4], accuracy: [0.5, 0.6, 0.7, 0.72, 0.75] };
    // (a JSON file is any program's: a dict of lists named so is the validation set's)
    expect(splits(read(JSON.stringify(history), 'eval_metrics.json'))).toEqual({
      val_loss: 'val',
      val_accuracy: 'val',
    });
    const fit = history.loss.map(
      (l, i) =>
        `Epoch ${i + 1}/5\n100/100 [==============================] - 1s 5ms/step - loss: ${l} - accuracy: ${history.accuracy[i]}`,
    );
    expect(splits(read(fit.join('\n'), 'eval_log.txt'))).toEqual({ loss: 'train', accuracy: 'train' });
    // a column of numbers without a name, read as the training loss (and said so)
    const unnamed = read('0.9\n0.7\n0.5\n0.45\n0.4\n0.38\n', 'val_log.txt');
    expect(splits(unnamed)).toEqual({ loss: 'train' });
    expect(unnamed.warnings.some((w) => w.code === 'split_by_file_name')).toBe(false);
  });

  it("a copy's or a run's mark after the name keeps its split; other words after it do not", () => {
    const table = catboost((i) => 1 / (i + 1));
    for (const name of [
      'val_metrics (1).csv',
      'logs/val_metrics_fold1.csv',
      'eval_log_2.csv',
      'catboost_info/test_error_copy.tsv',
      'val_log-run_3.csv',
      'eval_results_v2.csv',
      'eval_log_fold_2.csv',
    ])
      expect(splits(read(table, name)), name).toEqual({ val_rmse: 'val' });
    for (const name of [
      'test (1).csv',
      'test_results_2.csv',
      'val_metrics_final.csv',
      'val_2.csv',
      // a year or a stamp, a run's word without its number
      'val_metrics_2021.csv',
      'val_metrics_split.csv',
      'eval_results_run.csv',
    ])
      expect(splits(read(table, name)), name).toEqual({ rmse: 'train' });
  });

  it('a test file of two rows is a final score, not a curve: it stays the test split', () => {
    const log = read('epoch,loss\n1,0.5\n2,0.4\n', 'test_metrics.csv');
    expect(splits(log)).toEqual({ test_loss: 'test' });
  });
});

describe("CatBoost's name for its training set, learn", () => {
  const n = 30;
  const learn = Array.from({ length: n }, (_, i) => 1 / (i + 1) + 0.1);
  const validation = Array.from({ length: n }, (_, i) => 1 / (i + 1) + 0.2 + Math.max(0, i - 15) * 0.01);

  it("get_evals_result() saved as JSON is one run: learn is training's, validation the held-out set's", () => {
    const log = read(JSON.stringify({ learn: { RMSE: learn }, validation: { RMSE: validation } }), 'evals.json');
    expect(log.runs).toHaveLength(1);
    expect(splits(log)).toEqual({ rmse: 'train', val_rmse: 'val' });
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('as a prefix (learn_RMSE) or a column of its own (learn, test), and learn_rate stays a learning rate', () => {
    const rows = learn.map((l, i) => `${i},${l.toFixed(4)},${validation[i].toFixed(4)},0.03`);
    expect(splits(read(['iter,learn_RMSE,test_RMSE,learn_rate', ...rows].join('\n')))).toEqual({
      rmse: 'train',
      // a test set's curve during training, with no validation one, is the held-out curve
      val_rmse: 'val',
      lr: 'none',
    });
    // a learning rate's settings that begin with learn_rate are no learn set's
    expect(
      splits(read(['iter,learn_RMSE,learn_rate_decay', ...learn.map((l, i) => `${i},${l},0.9`)].join('\n'))),
    ).toEqual({
      rmse: 'train',
      learn_rate_decay: 'none',
    });
    expect(splits(read(['iter,learn,test,lr', ...rows].join('\n')))).toEqual({
      loss: 'train',
      val_loss: 'val',
      lr: 'none',
    });
  });
});

describe('Keras histories printed one after another as JSON', () => {
  const history = (k: number, n: number) =>
    JSON.stringify({
      loss: Array.from({ length: n }, (_, i) => 0.08 / (i + 1) + k / 1000),
      val_loss: Array.from({ length: n }, (_, i) => 0.05 + (i - 3) ** 2 / 1000 + k / 1000),
    });
  const text = [1, 2, 3]
    .flatMap((k) => [`model_${k}`, `Loss: 0.049 (binary_crossentropy)`, `MSE: 0.0125`, history(k, 6 + k)])
    .join('\n');

  it('are a run each (a name printed again starts the next), not one run of mixed lists', () => {
    const log = read(text, 'train_results.txt');
    expect(log.runs).toHaveLength(3);
    expect(log.runs.map((r) => r.series.find((s) => s.key === 'val_loss')!.y.length)).toEqual([7, 8, 9]);
    expect(log.runs[2].series.find((s) => s.key === 'loss')!.y[0]).toBeCloseTo(0.083, 6);
    expect(log.warnings.find((w) => w.code === 'epochs_by_position')?.message).toMatch(
      /read 6 printed list\(s\) \(loss, val_loss, printed again for each of 3 runs\)/,
    );
  });

  it('back to back, as JSON lines or printed dicts (blank lines between or none), are a run each', () => {
    const dicts = [1, 2, 3].map((k) => history(k, 6 + k));
    for (const joined of [dicts.join('\n'), dicts.join('\n\n'), dicts.map((d) => d.replace(/"/g, "'")).join('\n')]) {
      const log = read(joined);
      expect(log.runs.map((r) => r.label)).toEqual([
        'run 1 of 3 (history 1)',
        'run 2 of 3 (history 2)',
        'run 3 of 3 (history 3)',
      ]);
      expect(log.runs[2].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(9);
    }
    // an epoch's record carrying its batches' losses as a list is a record, not a history
    const records = [1, 2, 3, 4, 5]
      .map((e) => JSON.stringify({ epoch: e, batch_losses: [1 / e, 0.9 / e], val_loss: 1 / e + 0.1 }))
      .join('\n');
    const log = read(records);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(5);
  });

  it("a dict's lists stay together, and a run printed again in a summary is left out", () => {
    const list = (n: number, a: number) =>
      `[${Array.from({ length: n }, (_, i) => (a / (i + 1) + 0.1).toFixed(4)).join(', ')}]`;
    // the second model logs an accuracy the first did not (Keras 3 prints it first)
    const grown = read(
      [
        'Model: baseline',
        `{'loss': ${list(8, 1)}, 'val_loss': ${list(8, 1.1)}}`,
        'Model: cnn',
        `{'accuracy': ${list(8, 0.3)}, 'loss': ${list(8, 0.9)}, 'val_accuracy': ${list(8, 0.2)}, 'val_loss': ${list(8, 1.2)}}`,
      ].join('\n'),
    );
    expect(grown.runs.map((r) => r.series.map((x) => x.key).sort())).toEqual([
      ['loss', 'val_loss'],
      ['accuracy', 'loss', 'val_accuracy', 'val_loss'],
    ]);
    const summary = read(
      ['M1', `loss: ${list(8, 1)}`, 'M2', `loss: ${list(8, 2)}`, 'Best model: M1', `loss: ${list(8, 1)}`].join('\n'),
    );
    expect(summary.runs).toHaveLength(2);
    expect(summary.runs[1].series[0].y[0]).toBeCloseTo(2.1, 6);
  });

  it('histories among a line of settings and a final score: the histories are runs, the others left out (said so)', () => {
    const lines = [
      JSON.stringify({ lr: 0.001, epochs: 8, model: 'cnn' }),
      history(1, 7),
      history(2, 8),
      JSON.stringify({ test_loss: 0.41, test_accuracy: 0.88 }),
    ];
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.warnings.find((w) => w.code === 'records_left_out')?.message).toBe(
      "2 line(s) beside the histories hold no per-epoch lists (a run's settings, a final score): left out.",
    );
    // a test score after each of three models' histories: the histories still win
    const scored = [1, 2, 3].flatMap((k) => [history(k, 6), JSON.stringify({ test_loss: 0.4, test_accuracy: 0.8 })]);
    const three = read(scored.join('\n'));
    expect(three.runs).toHaveLength(3);
    expect(three.warnings.find((w) => w.code === 'records_left_out')?.message).toMatch(/^3 line\(s\)/);
    // a dict printed each epoch as it grows, and a history printed again: one run each time
    const full = JSON.parse(history(1, 8)) as Record<string, number[]>;
    const growing = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
      JSON.stringify({ loss: full.loss.slice(0, n), val_loss: full.val_loss.slice(0, n) }),
    );
    expect(read(growing.join('\n')).runs).toHaveLength(1);
    expect(read([history(1, 8), history(2, 8), history(1, 8)].join('\n')).runs).toHaveLength(2);
    // more histories than any training log holds: refused, said why
    expect(() => ingest(Array.from({ length: 201 }, (_, k) => history(k, 6)).join('\n'))).toThrow(
      /holds 201 histories, one per line \(limit 200\)/,
    );
    // an epoch's record with its batches' losses beside a number (the lr) is a record: one run, no history per line
    const records = [1, 2, 3, 4, 5, 6]
      .map((e) => JSON.stringify({ epoch: e, train_losses: [0.95 / e, 0.9 / e, 0.85 / e], lr: 0.001 }))
      .join('\n');
    expect(read(records).runs).toHaveLength(1);
  });

  it('the same list printed again, or a growing list printed each epoch, is one run', () => {
    const loss = Array.from({ length: 20 }, (_, i) => (1 / (i + 1) + 0.1).toFixed(4));
    const val = Array.from({ length: 20 }, (_, i) => (1.1 / (i + 1) + 0.15).toFixed(4));
    const summary = read(
      [`loss: [${loss.join(', ')}]`, `val_loss: [${val.join(', ')}]`, 'Summary:', `loss: [${loss.join(', ')}]`].join(
        '\n',
      ),
    );
    expect(summary.runs).toHaveLength(1);
    expect(Object.keys(splits(summary)).sort()).toEqual(['loss', 'val_loss']);
    const growing = read(loss.map((_, i) => `train_losses: [${loss.slice(0, i + 1).join(', ')}]`).join('\n'));
    expect(growing.runs).toHaveLength(1);
    expect(growing.runs[0].series[0].y).toHaveLength(20);
  });

  it("are not taken for Hugging Face's printed log dicts, which hold numbers; those still read", () => {
    expect(read(text).format).not.toBe('hf-trainer-state');
    const hf = Array.from(
      { length: 6 },
      (_, i) => `{'loss': ${(0.7 - i / 20).toFixed(4)}, 'learning_rate': 5e-05, 'epoch': ${(i + 1) / 2}}`,
    ).join('\n');
    expect(read(hf).format).toBe('hf-trainer-state');
    // newer Trainers print each number in quotes
    expect(read(hf.replace(/: ([\d.e-]+)/g, ": '$1'")).format).toBe('hf-trainer-state');
  });
});
