/**
 * Two layouts bench/wild64's labellers found misread: a long table whose rows name their split in a column
 * (`epoch,split,loss,...` with a train row and a val row per epoch: read as one zigzag curve, two points an epoch),
 * and a Keras console cut at its top (its first epoch's result printed above "Epoch 2/6": dropped).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName = 'history.csv') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const keys = (log: ReturnType<typeof ingest>, run = 0) => log.runs[run].series.map((s) => s.key).sort();
const of = (log: ReturnType<typeof ingest>, key: string, run = 0) => log.runs[run].series.find((s) => s.key === key)!;

const train = (e: number) => +(1 / (1 + 0.3 * e)).toFixed(4);
const val = (e: number) => +(0.6 + (0.02 * (e - 6) ** 2) / 6).toFixed(4); // best at epoch 6, then rises

describe('a long table whose rows name their split in a column', () => {
  const epochs = Array.from({ length: 16 }, (_, i) => i + 1);

  it('"epoch,split,loss,accuracy" with a train and a val row per epoch is two curves, one point an epoch', () => {
    const text = [
      'epoch,split,loss,accuracy',
      ...epochs.flatMap((e) => [`${e},train,${train(e)},${0.5 + e / 40}`, `${e},val,${val(e)},${0.5 + e / 50}`]),
    ].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(of(log, 'val_loss').x).toEqual(epochs);
    expect(of(log, 'val_loss').y).toEqual(epochs.map(val));
    expect(of(log, 'loss').y).toEqual(epochs.map(train));
    // before: 32 points on half epochs, train and val read as one zigzag loss
    expect(log.warnings.map((w) => w.code)).not.toContain('rows_per_epoch');
    const d = diagnose(log);
    expect(d.series).toMatchObject({ train: 'loss', val: 'val_loss' });
    expect(d.pattern).toBe('overfitting');
  });

  it('any split words and tag column names (phase: Train / Validation / Test), validation every other epoch', () => {
    const text = [
      'phase,epoch,loss',
      ...epochs.flatMap((e) => [
        `Train,${e},${train(e)}`,
        ...(e % 2 === 0 ? [`Validation,${e},${val(e)}`] : []),
        ...(e === 16 ? [`Test,${e},0.7`] : []),
      ]),
    ].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['loss', 'test_loss', 'val_loss']);
    expect(of(log, 'val_loss').x).toEqual(epochs.filter((e) => e % 2 === 0));
    expect(of(log, 'loss').x).toEqual(epochs);
  });

  it('a step counter and appended runs keep their reading: each restart of the counter is a run', () => {
    const rows = (steps: number[]) =>
      steps.flatMap((s) => [`${s},train,${train(s / 100)}`, `${s},val,${val(s / 100)}`]);
    const steps = [100, 200, 300, 400, 500, 600];
    const log = read(['step,split,loss', ...rows(steps), ...rows(steps)].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(keys(log, 1)).toEqual(['loss', 'val_loss']);
    expect(of(log, 'val_loss', 1).x).toEqual(steps);
  });

  it('with no epoch column, the k-th row of each split is the k-th point: alternating rows, or one block a split', () => {
    const n = epochs.slice(0, 8);
    const alternating = read(['split,loss', ...n.flatMap((e) => [`train,${train(e)}`, `val,${val(e)}`])].join('\n'));
    const blocks = read(
      ['split,loss', ...n.map((e) => `train,${train(e)}`), ...n.map((e) => `val,${val(e)}`)].join('\n'),
    );
    for (const log of [alternating, blocks]) {
      expect(keys(log)).toEqual(['loss', 'val_loss']);
      expect(of(log, 'val_loss').y).toEqual(n.map(val));
      expect(of(log, 'val_loss').x).toEqual(of(log, 'loss').x);
    }
  });

  it('one block a split with an epoch column, val rows with a blank epoch cell, columns that name their split', () => {
    const n = epochs.slice(0, 12);
    const blocks = read(
      ['epoch,split,loss', ...n.map((e) => `${e},train,${train(e)}`), ...n.map((e) => `${e},val,${val(e)}`)].join('\n'),
    );
    expect(blocks.runs).toHaveLength(1);
    expect(of(blocks, 'val_loss').x).toEqual(n);
    // a val row that leaves its epoch blank is its training row's epoch
    const blank = read(
      ['epoch,split,loss', ...n.flatMap((e) => [`${e},train,${train(e)}`, `,val,${val(e)}`])].join('\n'),
    );
    expect(of(blank, 'val_loss').x).toEqual(n);
    expect(of(blank, 'loss').x).toEqual(n);
    // each row filling its own split's column keeps the column's name (never val_val_loss)
    const own = read(
      ['epoch,phase,train_loss,val_loss', ...n.flatMap((e) => [`${e},train,${train(e)},`, `${e},val,,${val(e)}`])].join(
        '\n',
      ),
    );
    expect(keys(own)).toEqual(['loss', 'val_loss']);
    expect(of(own, 'val_loss').x).toEqual(n);
  });

  it('of several tag columns, the one whose tags are split words splits the rows', () => {
    const n = epochs.slice(0, 10);
    const log = read(
      [
        'epoch,dataset,split,loss',
        ...n.flatMap((e) => [`${e},cifar10,train,${train(e)}`, `${e},cifar10,val,${val(e)}`]),
      ].join('\n'),
    );
    expect(keys(log)).toEqual(['loss', 'val_loss']);
    expect(of(log, 'val_loss').y).toEqual(n.map(val));
  });

  it('a tag column that names no split (a pretraining and a fine-tuning phase) is not read as splits', () => {
    const text = [
      'epoch,phase,loss',
      ...epochs.slice(0, 8).map((e) => `${e},pretrain,${train(e)}`),
      ...epochs.slice(0, 8).map((e) => `${e},finetune,${train(e) / 2}`),
    ].join('\n');
    const log = read(text);
    expect(log.runs.flatMap((r) => r.series.map((s) => s.key))).not.toContain('pretrain_loss');
    expect(log.runs.every((r) => r.series.every((s) => s.split === 'train'))).toBe(true);
  });
});

describe('a Keras console cut at its top', () => {
  const line = (e: number, withVal: boolean) =>
    `2125/2125 [==============================] - 791s 372ms/step - loss: ${train(e)} - accuracy: ${0.8 + e / 100}` +
    (withVal ? ` - val_loss: ${val(e)} - val_accuracy: ${0.8 + e / 120}` : '');
  const from = (first: number) =>
    Array.from({ length: 10 - first + 1 }, (_, i) => first + i).flatMap((e) => [
      `Epoch ${e}/10`,
      line(e, false).replace(/ - \d+s \d+ms\/step/, ' - ETA: 0s'),
      `Epoch ${e}: val_loss improved, saving model to checkpoint`,
      line(e, true),
    ]);

  it('reads the result line above "Epoch 2/10" as epoch 1, the epoch-1 line with validation values, and says so', () => {
    const cut = from(2);
    // the copied output starts inside epoch 1: its last progress line, the checkpoint line, its result line
    const text = [line(1, false), 'Epoch 1: val_loss improved, saving model to checkpoint', line(1, true), ...cut];
    const log = read(text.join('\n'), 'progress.txt');
    expect(of(log, 'val_loss').x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(of(log, 'val_loss').y[0]).toBe(val(1));
    expect(log.warnings.find((w) => w.code === 'log_starts_cut')!.message).toBe(
      'The log starts inside the training: its first epoch line is "Epoch 2/10", so the result line before it is read as epoch 1.',
    );
    // a log that starts at its first epoch says nothing of the kind
    expect(read(from(1).join('\n'), 'progress.txt').warnings.map((w) => w.code)).not.toContain('log_starts_cut');
  });

  it('a model.evaluate() line above a resumed fit (initial_epoch=1) is no epoch of it', () => {
    const evaluate = '313/313 [==============================] - 1s 3ms/step - loss: 0.4482 - accuracy: 0.8712';
    const log = read([evaluate, ...from(2)].join('\n'), 'progress.txt');
    expect(of(log, 'val_loss').x).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(of(log, 'loss').y).not.toContain(0.4482);
    expect(log.warnings.map((w) => w.code)).not.toContain('log_starts_cut');
    // without validation in the fit the names agree, but the evaluation counts the test set's 313 batches, not 2125
    const trainOnly = from(2).filter((l) => !l.includes('val_loss'));
    const plain = read([evaluate, ...trainOnly].join('\n'), 'progress.txt');
    expect(of(plain, 'loss').x).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('several epochs above the first header are read only when their result lines count them out', () => {
    const above = [1, 2, 3].map((e) => line(e, true));
    const log = read([...above, ...from(4)].join('\n'), 'progress.txt');
    expect(of(log, 'val_loss').x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(log.warnings.find((w) => w.code === 'log_starts_cut')!.message).toContain('are read as epochs 1-3');
    // two result lines above "Epoch 4/10" cannot be epochs 1-3: they are left out, as before
    const short = read([...above.slice(1), ...from(4)].join('\n'), 'progress.txt');
    expect(of(short, 'val_loss').x).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(short.warnings.map((w) => w.code)).not.toContain('log_starts_cut');
  });
});
