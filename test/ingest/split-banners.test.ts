/**
 * A banner that names a split and an epoch ("==== validate epoch 3 ====") over a line that counts epochs its
 * own way ("Epoch 2 | loss = 0.04", counted from 0): the line is the banner's epoch and split. A banner whose
 * count agrees with the line's, or another epoch line between them, changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const series = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key);

describe('split banners over their own epoch count', () => {
  const train = [0.9, 0.6, 0.45, 0.4, 0.38, 0.37];
  const val = [0.95, 0.7, 0.55, 0.52, 0.53, 0.55];
  const block = (e: number) =>
    [
      '2022-03-06 10:54:37',
      `======================training epoch ${e + 1}======================`,
      `Epoch ${e} | loss = ${train[e]} | current = 0.9${e}`,
      'Training consumes 53.71 second',
      '',
      `======================validate epoch ${e + 1}======================`,
      `Epoch ${e} | loss = ${val[e]} | current = 0.8${e}`,
      'Validation consumes 3.77 second',
    ].join('\n');

  it('the training and validation blocks of one epoch are one point of each split, one run', () => {
    const log = read(train.map((_, e) => block(e)).join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'loss')!.y).toEqual(train);
    expect(series(log, 'val_loss')!.y).toEqual(val);
    expect(series(log, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a validation banner over a line of its own count gives the line its split; the next epoch after an eval banner is its own', () => {
    const oneBased = read(
      train
        .map(
          (l, e) =>
            `==== train epoch ${e + 1} ====\nEpoch ${e + 1} | loss = ${l}\n==== validate epoch ${e + 1} ====\nEpoch ${e + 1} | loss = ${val[e]}`,
        )
        .join('\n'),
    );
    expect(oneBased.runs).toHaveLength(1);
    expect(series(oneBased, 'val_loss')!.y).toEqual(val);
    // "Validating epoch 3..." printed nothing: the line under it is epoch 4's training line
    for (const between of ['', '\n100%|███| 20/20 [00:01<00:00]']) {
      const log = read(
        train
          .map((l, e) => `Epoch ${e + 1}/6 - train loss: ${l}, acc: 0.${5 + e}\nValidating epoch ${e + 1}...${between}`)
          .join('\n'),
      );
      expect(log.runs).toHaveLength(1);
      expect(series(log, 'loss')!.y).toEqual(train);
      expect(series(log, 'val_loss')).toBeUndefined();
    }
  });

  it('a banner whose count agrees with the line keeps the line as it was; an epoch line between them ends the banner', () => {
    const same = read(
      train.map((l, e) => `----- epoch ${e + 1} training -----\nEpoch ${e + 1} | Loss: ${l}`).join('\n'),
    );
    expect(series(same, 'loss')!.y).toEqual(train);
    expect(series(same, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
    // a resumed run (bench/wild6 A-Qiii): "start training from Epoch[41]", then "syncing the scheduler to epoch
    // 40", then epoch 41's batch lines: the banner no longer sets their epoch
    const between = read(
      [
        '>>> 准备从 Epoch[41] 开始训练...',
        '>>> 正在同步学习率调度器进度至第 40 轮...',
        ...[41, 42].flatMap((e) =>
          [1, 50, 100, 150, 200, 250].map(
            (i) => `Epoch[${e}] Iteration[${i}/275] Loss: ${(0.3 - e / 1000 - i / 1e5).toFixed(4)}  Acc: 1.000`,
          ),
        ),
      ].join('\n'),
    );
    const x = series(between, 'loss')!.x;
    expect(x).toHaveLength(12);
    expect(Math.min(...x)).toBeGreaterThan(40);
  });

  it('"1000: cost = 0.05" lines under "Epoch 0": points inside the epoch, not an epoch each', () => {
    const blocks = [0, 1, 2, 3, 4].map((e) =>
      [
        `Epoch ${e}`,
        ...[0, 1000, 2000, 3000].map((i) => `${i}: cost = ${(0.05 / (e + 1) + i / 1e6).toFixed(6)}`),
        `Epoch ${e} accuracy: 0.${5 + e} (${5000 + e} / 10000 correct)`,
      ].join('\n'),
    );
    const log = read(blocks.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'accuracy')!.y).toEqual([0.5, 0.6, 0.7, 0.8, 0.9]);
    const cost = series(log, 'loss')!;
    expect(cost.x).toHaveLength(20);
    expect(Math.max(...cost.x)).toBeLessThanOrEqual(5);
  });
});
