/**
 * A split word inside a column's name (ingest/inner-split.ts): `avg_val_loss` is the validation loss, pooled over
 * the epoch; `lstm_val_loss` beside `lstm_loss` is the LSTM's validation loss. Before, each was a second training
 * loss, summed with the first into a total, and the validation curve was lost (an overfitting run read as a good fit).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { canonicalNameAmong } from '../../src/ingest/inner-split.js';
import { checkLog } from './helpers/ingest-worker.js';

/** train falls as 1/epoch; the second column falls to a minimum at epoch 8 and rises after it (overfitting) */
const table = (cols: string[], n = 20) =>
  [
    ['epoch', ...cols].join(','),
    ...Array.from({ length: n }, (_, i) => {
      const e = i + 1;
      const vals = cols.map((_, j) => (j % 2 === 0 ? 1 / e : 0.5 + (0.02 * (e - 8) ** 2) / 8));
      return [e, ...vals.map((v) => v.toFixed(4))].join(',');
    }),
  ].join('\n');

const read = (text: string, fileName = 'history.csv') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const splits = (log: ReturnType<typeof ingest>) =>
  Object.fromEntries(log.runs.at(-1)!.series.map((s) => [s.key, `${s.split}${s.derived ? ' (derived)' : ''}`]));

describe('a split word inside a name', () => {
  it.each([
    ['avg_train_loss', 'avg_val_loss', { loss: 'train', val_loss: 'val' }],
    ['epoch_train_loss', 'epoch_val_loss', { loss: 'train', val_loss: 'val' }],
    ['mean_loss', 'mean_val_loss', { mean_loss: 'train', val_loss: 'val' }],
    ['lstm_loss', 'lstm_val_loss', { lstm_loss: 'train', val_lstm_loss: 'val' }],
    ['lstm_train_loss', 'lstm_valid_loss', { lstm_loss: 'train', val_lstm_loss: 'val' }],
    ['total_loss', 'total_val_loss', { total_loss: 'train', val_total_loss: 'val' }],
  ])('%s beside %s: the validation curve is read, and its rise is overfitting', (a, b, want) => {
    const log = read(table([a, b]));
    expect(splits(log)).toEqual(want);
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('a pooled prefix needs no partner (a loop that logs only avg_val_loss beside loss)', () => {
    expect(splits(read(table(['loss', 'avg_val_loss'])))).toEqual({ loss: 'train', val_loss: 'val' });
    expect(canonicalNameAmong('Average_Test_Accuracy', [])).toMatchObject({ key: 'test_accuracy', split: 'test' });
  });

  it('never onto a key another column’s own name reads as: the plain name keeps it, whatever the order', () => {
    expect(splits(read(table(['avg_val_loss', 'train_loss', 'val_loss'])))).toMatchObject({
      loss: 'train',
      val_loss: 'val',
      avg_val_loss: 'train',
    });
    expect(
      read(table(['loss', 'avg_val_loss', 'val_loss'])).runs[0].series.find((s) => s.key === 'val_loss')!.name,
    ).toBe('val_loss');
    expect(splits(read(table(['epoch_train_loss', 'train_loss'])))).toMatchObject({
      loss: 'train',
      epoch_train_loss: 'train',
    });
    expect(canonicalNameAmong('lstm_val_loss', ['lstm_loss', 'val_lstm_loss'])).toMatchObject({ key: 'lstm_val_loss' });
  });

  it('a model’s name is a prefix only when the run logs the same metric of it on another split', () => {
    // lstm_val_loss alone beside loss: nothing says lstm is a model's name rather than a word of the metric
    expect(canonicalNameAmong('lstm_val_loss', ['loss', 'lstm_val_loss'])).toMatchObject({ split: 'train' });
    // lstm_train_loss beside lstm_loss: the same training loss twice, nothing to pair
    expect(canonicalNameAmong('lstm_train_loss', ['lstm_loss', 'lstm_train_loss'])).toMatchObject({
      key: 'lstm_train_loss',
      split: 'train',
    });
    // another model's training loss, or the same model's other metric, is no partner
    expect(canonicalNameAmong('lstm_val_loss', ['gru_train_loss'])).toMatchObject({ key: 'lstm_val_loss' });
    expect(canonicalNameAmong('lstm_val_loss', ['lstm_train_acc'])).toMatchObject({ key: 'lstm_val_loss' });
    // two names of one split are no pair either
    expect(canonicalNameAmong('lstm_val_loss', ['lstm_val_loss', 'lstm_valid_loss'])).toMatchObject({
      key: 'lstm_val_loss',
      split: 'train',
    });
    expect(canonicalNameAmong('lstm_val_loss', ['lstm_loss', 'lstm_val_loss'])).toMatchObject({
      key: 'val_lstm_loss',
      base: 'lstm_loss',
      split: 'val',
    });
    expect(canonicalNameAmong('cls_test_accuracy', ['cls_train_accuracy'])).toMatchObject({ key: 'test_cls_accuracy' });
  });

  it('statistics of a metric, one-letter names and a GAN’s roles keep their reading', () => {
    for (const [name, siblings] of [
      ['best_val_loss', ['best_loss']],
      ['std_val_loss', ['std_loss', 'mean_val_loss']],
      ['final_val_accuracy', ['final_accuracy']],
      ['q_val_loss', ['q_loss']],
      ['d_val_loss', ['d_loss']],
      ['disc_val_loss', ['disc_loss']],
      ['generator_val_loss', ['generator_loss']],
    ] as const) {
      expect(canonicalNameAmong(name, siblings), name).toMatchObject({ key: name, split: 'train' });
    }
    // a count is no metric: it stands for no split's series (a validation set it would say was logged)
    expect(canonicalNameAmong('num_val_samples', ['num_train_samples'])).toMatchObject({ split: 'none' });
    expect(canonicalNameAmong('avg_val_samples', [])).toMatchObject({ split: 'none' });
    // a name that already says its split is read as before (`val_avg_loss`, `loss_val`)
    expect(canonicalNameAmong('val_avg_loss', [])).toMatchObject({ key: 'val_avg_loss', split: 'val' });
    // ... and its leading split wins over a split word inside it
    expect(canonicalNameAmong('eval_lstm_train_loss', ['eval_lstm_val_loss'])).toMatchObject({ split: 'val' });
  });

  it('mean_val_loss beside std_val_loss: the mean is the curve, the spread is never added to it', () => {
    const log = read(table(['mean_train_loss', 'mean_val_loss', 'std_train_loss', 'std_val_loss']));
    const s = splits(log);
    expect(s.val_loss).toBe('val');
    expect(s.std_val_loss).toBe('train');
    expect(log.runs[0].series.find((x) => x.key === 'val_loss')!.name).toBe('mean_val_loss');
  });

  it('two models side by side: each validation loss is paired with its own model’s training loss', () => {
    // gru learns nothing (flat); lstm falls then its validation loss rises: the pair judged is one model's
    const n = 20;
    const text = [
      'epoch,gru_loss,lstm_loss,lstm_val_loss',
      ...Array.from({ length: n }, (_, i) => {
        const e = i + 1;
        return [e, 0.9, 1 / e, 0.5 + (0.02 * (e - 8) ** 2) / 8].map((v) => (+v).toFixed(4)).join(',');
      }),
    ].join('\n');
    const log = read(text);
    expect(splits(log)).toMatchObject({ gru_loss: 'train', lstm_loss: 'train', val_lstm_loss: 'val' });
    const d = diagnose(log);
    expect(d.pattern).toBe('overfitting');
    // the training curve judged is the LSTM's (1 -> 0.05), not the sum with the GRU's flat 0.9
    expect([d.evidence.train_first, d.evidence.train_last]).toEqual([1, 0.05]);
  });

  it('two models each with its validation loss: both splits are totalled alike, as a multi-output model’s are', () => {
    const log = read(table(['gru_loss', 'gru_val_loss', 'lstm_loss', 'lstm_val_loss']));
    expect(splits(log)).toMatchObject({ loss: 'train (derived)', val_loss: 'val (derived)' });
  });

  it('a test curve inside a name is the held-out one when no validation is logged', () => {
    const log = read(table(['avg_train_loss', 'avg_test_loss']));
    expect(splits(log)).toEqual({ loss: 'train', val_loss: 'val' });
    expect(log.warnings.map((w) => w.code)).toContain('test_as_validation');
  });
});
