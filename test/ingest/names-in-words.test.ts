/**
 * Metric names written around their values: a metric named once before its splits ("Loss: train 0.69
 * val 0.70"), two splits named at once ("Train/Val Loss: 0.52/0.61"), and names in Chinese, Japanese or Korean (terms.ts), read in English with a note that says so.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { translateTerms } from '../../src/ingest/terms.js';
import { canonicalName, isRewardName } from '../../src/ingest/names.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const keys = (log: ReturnType<typeof ingest>) => log.runs[0].series.map((s) => s.key).sort();
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y;
const losses = [0.91, 0.72, 0.61, 0.55, 0.52, 0.5];

describe('a metric named before its splits', () => {
  it('"Loss: train 0.69 val 0.70 | Acc: train 0.51 val 0.50" is four series, each value under its split', () => {
    const text = losses
      .map(
        (l, i) =>
          `Epoch ${i + 1}/6 | Loss: train ${l.toFixed(4)} val ${(l + 0.1).toFixed(4)} | Acc: train ${(0.5 + i / 20).toFixed(3)} val ${(0.45 + i / 20).toFixed(3)}`,
      )
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(ys(log, 'loss')).toEqual(losses);
    expect(ys(log, 'val_loss')).toEqual(losses.map((l) => +(l + 0.1).toFixed(4)));
    expect(ys(log, 'val_accuracy')?.[5]).toBeCloseTo(0.7, 6);
  });

  it('the split may be assigned ("Loss - train: 0.69, valid=0.70"), and the name stops at the next bar', () => {
    const text = losses
      .map((l, i) => `epoch ${i + 1} | Loss - train: ${l}, valid=${(l + 0.2).toFixed(2)} | time 12.5 | val 7.5`)
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['loss', 'val_loss']);
    expect(ys(log, 'val_loss')).toEqual(losses.map((l) => +(l + 0.2).toFixed(2)));
  });

  it('an F-beta score is a score like F1: "Test: [63/63] Loss 0.139 F2: 0.80" is read as the held-out F2, higher is better', () => {
    const text = losses
      .flatMap((l, i) => [
        `2018-02-03 01:32:13 Epoch: [${i}][250/254]\tTime 1.864 (2.192)\tAccuracy 0.0000 (0.0000)\tLoss ${l} (${l})\t`,
        `2018-02-03 01:39:28 Test: [63/63]\tTime 4.219 (0.626)\tLoss ${(l / 2).toFixed(4)}\tF2: ${(0.8 + i / 100).toFixed(12)}\t`,
      ])
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['accuracy', 'loss', 'val_f2', 'val_loss']);
    const f2 = log.runs[0].series.find((s) => s.key === 'val_f2');
    expect(f2?.kind).toBe('score');
    expect(f2?.y).toEqual(losses.map((_, i) => +(0.8 + i / 100).toFixed(12)));
    // a layer's or a weight's "f2" is no score
    expect(['f2_score', 'val_f0_5', 'f2_norm', 'f2_weight'].map((n) => canonicalName(n).kind)).toEqual([
      'score',
      'score',
      'other',
      'other',
    ]);
  });

  it("an optical-flow model's end-point error (EPE) is an error, on each split it is printed for", () => {
    const text = losses
      .flatMap((l, i) => [
        `2026-03-12 04:39:39,823 - Epoch ${i + 1} completed | Time: 19.36s | Avg Loss: ${l} | Avg EPE: ${l + 0.2} | LR: 0.001000`,
        `2026-03-12 04:41:04,230 - Validation | EPE: ${(l * 3).toFixed(4)} | 0.5PER: 96.25% | 1PER: 92.53%`,
      ])
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(expect.arrayContaining(['epe', 'loss', 'val_epe']));
    expect(log.runs[0].series.find((s) => s.key === 'val_epe')?.kind).toBe('error');
    expect(ys(log, 'val_epe')).toEqual(losses.map((l) => +(l * 3).toFixed(4)));
    // scene flow's 3D end-point error too; a count of repeats is none
    expect(['epe3d', 'val_epe_2d', 'repeats'].map((n) => canonicalName(n).kind)).toEqual(['error', 'error', 'other']);
  });

  it('a name that is no metric ("Samples: train 60000") names nothing', () => {
    const text = losses.map((l, i) => `Epoch ${i + 1}: loss ${l} | Samples: train 60000 val 10000`).join('\n');
    expect(keys(read(text))).toEqual(['loss']);
  });
});

describe('a split carried to the names after it', () => {
  const line = (i: number, body: string) => `Epoch ${i + 1} - ${body}`;
  it('"Train loss: 0.41, acc: 0.88" gives acc its split; "Val Loss: 2.00 - Loss: 1.80" leaves the second loss its own', () => {
    const carried = read(
      losses.map((l, i) => line(i, `Train loss: ${l}, acc: ${(0.5 + i / 20).toFixed(2)}`)).join('\n'),
    );
    expect(keys(carried)).toEqual(['accuracy', 'loss']);
    const own = read(losses.map((l, i) => line(i, `Val Loss: ${(l + 0.1).toFixed(2)} - Loss: ${l}`)).join('\n'));
    // the training loss was read as val_loss a second time (its values over the held-out ones)
    expect(keys(own)).toEqual(['loss', 'val_loss']);
    expect(ys(own, 'loss')).toEqual(losses);
    expect(ys(own, 'val_loss')).toEqual(losses.map((l) => +(l + 0.1).toFixed(2)));
    // two held-out metrics first, then the training ones: each held-out name once, and the carry ends there
    for (const body of [
      (l: number, i: number) =>
        `Val loss ${(l + 0.1).toFixed(2)}, Val acc ${(0.5 + i / 50).toFixed(2)} | loss ${l}, acc ${(0.6 + i / 50).toFixed(2)}`,
      (l: number, i: number) =>
        `Val Loss: ${(l + 0.1).toFixed(2)}, Acc: ${(0.5 + i / 50).toFixed(2)} - Loss: ${l}, Acc: ${(0.6 + i / 50).toFixed(2)}`,
      // the same metric under another of its names ("Val Accuracy", then "Acc"; "Val Acc", then "Accuracy")
      (l: number, i: number) =>
        `Val Loss: ${(l + 0.1).toFixed(2)}, Val Acc: ${(0.5 + i / 50).toFixed(2)} - Accuracy: ${(0.6 + i / 50).toFixed(2)}, Loss: ${l}`,
      (l: number, i: number) =>
        `Val Loss: ${(l + 0.1).toFixed(2)}, Val Accuracy: ${(0.5 + i / 50).toFixed(2)} - Acc: ${(0.6 + i / 50).toFixed(2)}, Loss: ${l}`,
    ]) {
      const both = read(losses.map((l, i) => line(i, body(l, i))).join('\n'));
      expect(keys(both)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
      expect(ys(both, 'loss')).toEqual(losses);
      expect(ys(both, 'val_accuracy')).toEqual(losses.map((_, i) => +(0.5 + i / 50).toFixed(2)));
      expect(ys(both, 'accuracy')).toEqual(losses.map((_, i) => +(0.6 + i / 50).toFixed(2)));
    }
  });

  it('a second model on the line, or a split named at the head of it, keeps the split for every name after it', () => {
    const models = read(
      losses
        .map((l, i) =>
          line(
            i,
            `baseline val NLL ${l} acc ${(0.8 + i / 100).toFixed(2)} | vbll val NLL ${l} acc ${(0.8 + i / 100).toFixed(2)}`,
          ),
        )
        .join('\n'),
    );
    expect(keys(models)).toEqual(['val_accuracy', 'val_nll']);
    const head = read(
      losses
        .map((l, i) => [
          line(i, `train Loss: ${l} Top-1 Acc: ${40 + i} Top-5 Acc: ${70 + i}`),
          `test Loss: ${l + 0.1} Top-1 Acc: ${45 + i} Top-5 Acc: ${75 + i}`,
        ])
        .flat()
        .join('\n'),
    );
    // the test lines' accuracies stay the held-out ones (the last named of each line stands), none the training's
    expect(ys(head, 'accuracy')).toEqual([0.7, 0.71, 0.72, 0.73, 0.74, 0.75]);
    expect(ys(head, 'val_accuracy')).toEqual([0.75, 0.76, 0.77, 0.78, 0.79, 0.8]);
  });
});

describe('words joined by hyphens', () => {
  it('are one name, as with `_`: a hyphenated return is a reward, a hyphenated split is read; digits keep theirs', () => {
    const read = (n: string) => {
      const c = canonicalName(n);
      return [c.key, c.split, c.kind];
    };
    expect(read('average-episode-return')).toEqual(['average_episode_return', 'train', 'score']);
    expect(isRewardName('average-episode-return')).toBe(true);
    expect(read('test-accuracy')).toEqual(['test_accuracy', 'test', 'accuracy']);
    expect(read('pi-loss')).toEqual(['pi_loss', 'train', 'loss']);
    // a range or a rank is not two words (YOLO's mAP50-95, top-5)
    expect(canonicalName('metrics/mAP50-95(B)').key).toBe('val_m_ap50-95');
    expect(canonicalName('top-5').key).toBe('top-5');
  });

  it('wherever a name is read: a pooled split inside it, and bookkeeping', () => {
    // as avg_train_loss / avg_val_loss: the pair, never a validation loss summed into a training total
    const rows = Array.from(
      { length: 12 },
      (_, e) => `${e},${(Math.exp(-0.2 * e) + 0.1).toFixed(4)},${(0.8 + 0.02 * e).toFixed(4)},${e < 6 ? 65536 : 32768}`,
    );
    const log = read(['epoch,avg-train-loss,avg-val-loss,loss-scale', ...rows].join('\n'));
    expect(keys(log)).toEqual(['loss', 'val_loss']);
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('a held-out split named in full (evaluation, testing, validating; before or after) is that split, never a part of a training total', () => {
    for (const [held, split] of [
      ['evaluation-loss', 'val'],
      ['evaluation_loss', 'val'],
      ['loss_eval', 'val'],
      ['validating_loss', 'val'],
      ['testing-loss', 'test'],
    ] as const)
      expect([held, canonicalName(held).split, canonicalName(held).base]).toEqual([held, split, 'loss']);
    const rows = Array.from(
      { length: 12 },
      (_, e) => `${e},${(1 / (e + 1)).toFixed(4)},${(0.5 / (e + 1)).toFixed(4)},${(0.9 + e / 50).toFixed(3)}`,
    );
    const log = read(['epoch,cls-loss,box-loss,evaluation-loss', ...rows].join('\n'));
    const loss = log.runs[0].series.find((s) => s.key === 'loss');
    // the training total sums the two training parts only
    expect(loss?.y[0]).toBeCloseTo(1.5, 6);
    expect(keys(log)).toContain('val_loss');
    // only before or after a metric: a timing or a count keeps its name and names no held-out set
    for (const other of ['time_eval', 'num_eval', 'testing_samples', 'time_testing', 'evaluation_strategy'])
      expect([other, canonicalName(other).split]).toEqual([other, 'none']);
    const timed = Array.from(
      { length: 12 },
      (_, e) => `${e},${(1 / (e + 1)).toFixed(4)},${(0.3 + Math.abs(e - 5) / 20).toFixed(3)},4.2`,
    );
    const test = ingest(['epoch,train_loss,test_loss,time_eval', ...timed].join('\n') + '\n', { fileName: 'log.csv' });
    // the test loss is the held-out curve, as without the timing column
    expect(test.runs[0].series.map((s) => s.key)).toContain('val_loss');
    expect(test.warnings.map((w) => w.code)).toContain('test_as_validation');
    const notes = ingest(
      ['epoch,loss,time_testing', ...timed.map((r) => r.split(',').slice(0, 2).join(',') + ',3.1')].join('\n') + '\n',
      { fileName: 'log.csv' },
    );
    expect(notes.warnings.map((w) => w.code)).not.toContain('test_as_validation');
    // a hyphenated set's name still names its split where the JSON readers ask (startsWithSplit)
    const sets = (loss: (e: number) => number) => Array.from({ length: 6 }, (_, e) => ({ epoch: e, loss: loss(e) }));
    const json = JSON.stringify({ 'train-log': sets((e) => 1 / (e + 1)), 'val-log': sets((e) => 1.2 / (e + 1)) });
    expect(ingest(json, { fileName: 'history.json' }).runs).toHaveLength(1);
    // accented words join too
    expect(canonicalName('perte-éval').key).toBe('perte_éval');
  });

  it("Spinning Up's progress.txt under hyphenated names: judged on its episode return, not its policy loss", () => {
    // a policy loss swings about 0 by design; the return climbs from -420 to -200 and levels off
    const rows = Array.from({ length: 60 }, (_, i) => {
      const ret = -420 + 220 * (1 - Math.exp(-i / 15)) + 25 * Math.sin(i * 2.3);
      return `${i}\t${ret.toFixed(1)}\t${(8 * Math.sin(i * 1.7)).toFixed(3)}\t${(300 * Math.exp(-i / 20) + 100).toFixed(1)}`;
    });
    const log = read(['epoch\taverage-episode-return\tpi-loss\tv-loss', ...rows].join('\n'));
    const d = diagnose(log);
    expect(d.pattern).toBe('good_fit');
    expect(d.headline).toContain('average_episode_return rose');
  });
});

describe('a metric named before the split it was measured on ("Accuracy on test data: 70.9")', () => {
  const block = (name: string) =>
    losses.map((l, i) => `Epoch ${i + 1}: train loss ${l}\n${name}: ${(0.5 + i / 20).toFixed(3)}`).join('\n');
  /** each name's line read as that metric on that split, beside the training loss */
  const readsAs = (cases: string[][]) => {
    for (const [name, key] of cases) {
      const log = read(block(name));
      expect(keys(log), name).toEqual(['loss', key].sort());
      expect(ys(log, key), name).toEqual(losses.map((_, i) => Number((0.5 + i / 20).toFixed(3))));
    }
  };

  it('"on the test data", "during evaluation", "of the network on the test images": the metric, on that split', () => {
    readsAs([
      ['Accuracy on test data', 'val_accuracy'],
      ['Accuracy on the validation set', 'val_accuracy'],
      ['Total reward during evaluation', 'val_reward'],
      ['Accuracy of the network on the test images', 'val_accuracy'],
      ['loss on validation', 'val_loss'],
    ]);
  });

  it('a count inside the name ("on the 10000 test images") is part of it, not the value', () => {
    readsAs([
      ['Accuracy of the network on the 10000 test images', 'val_accuracy'],
      ['Test accuracy on 10000 images', 'val_accuracy'],
      ['loss over 500 val batches', 'val_loss'],
    ]);
    // a value before the next name is still a value ("loss 0.3 val_loss: 0.4"), and so is an epoch's total
    const pairs = read(losses.map((l, i) => `Epoch ${i + 1} of 6 loss ${l} val_loss: ${l + 1}`).join('\n'));
    expect(keys(pairs)).toEqual(['loss', 'val_loss']);
    expect(ys(pairs, 'loss')).toEqual(losses);
  });

  it('no metric word before the split names nothing ("Samples in test set: 60000")', () => {
    expect(keys(read(block('Samples in test set')))).toEqual(['loss']);
  });
});

describe('two splits named at once ("Train/Val Loss: 0.52/0.61")', () => {
  const lines = (fmt: (l: number, i: number) => string) => losses.map(fmt).join('\n');
  const val = losses.map((l) => +(l + 0.1).toFixed(4));

  it("each value is its split's, in the order named; it had read the training values as validation", () => {
    for (const text of [
      lines((l, i) => `Epoch ${i + 1} | Train/Val Loss: ${l}/${(l + 0.1).toFixed(4)} | Train/Val Acc: 0.8/0.7`),
      lines((l, i) => `[${i + 1}/6] train/val loss: ${l} / ${(l + 0.1).toFixed(4)}`),
      lines((l, i) => `Epoch ${i + 1}: loss (train/val) = ${l}, ${(l + 0.1).toFixed(4)}`),
      lines((l, i) => `epoch ${i + 1} train/val_loss ${l} ${(l + 0.1).toFixed(4)}`),
    ]) {
      const log = read(text);
      expect(ys(log, 'loss'), text.split('\n')[0]).toEqual(losses);
      expect(ys(log, 'val_loss'), text.split('\n')[0]).toEqual(val);
    }
    const pct = read(lines((l, i) => `Epoch ${i + 1} | train/val acc: ${80 + i}%/${70 + i}% | loss ${l}`));
    expect(ys(pct, 'val_accuracy')?.[0]).toBeCloseTo(0.7, 6);
  });

  it('a first line that assigns a number ("Epoch 1: loss = 0.91, 1.01") is no CSV header; numeric column names still are', () => {
    const printed = read(lines((l, i) => `Epoch ${i + 1}: loss = ${l}, ${(l + 0.1).toFixed(4)}`));
    expect(printed.format).toBe('text');
    const iou = read(
      ['epoch,loss,0.5,0.75', ...losses.map((l, i) => `${i + 1},${l},0.${i + 3},0.${i + 2}`)].join('\n'),
    );
    expect(iou.runs[0].series.map((s) => s.name)).toEqual(['loss', '0.5', '0.75']);
  });

  it('one value after a slashed name is not guessed; "Loss/train" is a TensorBoard tag, not two splits', () => {
    const one = lines((l, i) => `Epoch ${i + 1} | Train/Val Loss: ${l} | lr 0.01`);
    expect(keys(read(one))).toEqual(['lr']);
    // a time, a rate or a share after the one value is not the second split's value
    for (const after of ['12.5 s', '7.45 it/s', '45%']) {
      expect(() => ingest(lines((l, i) => `Epoch ${i + 1} Train/Val Loss: ${l} ${after}`)), after).toThrow(IngestError);
    }
    const tag = read(lines((l, i) => `Epoch ${i + 1} | Loss/train: ${l} | Loss/val: ${(l + 0.1).toFixed(4)}`));
    expect(keys(tag)).toEqual(['loss', 'val_loss']);
    expect(ys(tag, 'val_loss')).toEqual(val);
  });
});

describe('metric names in Chinese, Japanese, Korean, Russian and Ukrainian', () => {
  it('a Chinese print ("第 3 轮 训练损失：0.52，验证准确率：85.2%") is read by epoch, with a note naming each translation', () => {
    const text = [
      '====== 开始训练 ======',
      ...losses.map(
        (l, i) =>
          `第 ${i + 1} 轮 训练损失：${l}，验证损失：${(l + 0.05).toFixed(2)}，验证准确率：${(80 + i).toFixed(1)}%`,
      ),
      '训练完成',
    ].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['loss', 'val_accuracy', 'val_loss']);
    expect(log.runs[0].series.find((s) => s.key === 'loss')?.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ys(log, 'loss')).toEqual(losses);
    expect(ys(log, 'val_accuracy')?.[0]).toBeCloseTo(0.8, 6);
    const note = log.warnings.find((w) => w.code === 'translated_names');
    expect(note?.message).toBe(
      'Metric names read in English: 训练损失 as train_loss, 验证损失 as val_loss, 验证准确率 as val_accuracy.',
    );
  });

  it('a CSV whose header is Chinese (轮次,训练损失,验证损失) is a table of epochs', () => {
    const text = ['轮次,训练损失,验证损失', ...losses.map((l, i) => `${i + 1},${l},${l + 0.1}`)].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['loss', 'val_loss']);
    expect(ys(log, 'loss')).toEqual(losses);
  });

  it('Japanese and Korean names, and traditional Chinese', () => {
    const ja = losses.map((l, i) => `エポック ${i + 1}: 学習損失 ${l} 検証損失 ${l + 0.1} 検証精度 0.8`).join('\n');
    expect(keys(read(ja))).toEqual(['loss', 'val_accuracy', 'val_loss']);
    const ko = losses.map((l, i) => `에포크 ${i + 1} - 훈련 손실: ${l}, 검증 손실: ${l + 0.1}`).join('\n');
    expect(ys(read(ko), 'val_loss')).toEqual(losses.map((l) => l + 0.1));
    const zhTw = losses.map((l, i) => `Epoch ${i + 1}: 訓練損失=${l} 驗證損失=${l + 0.1}`).join('\n');
    expect(keys(read(zhTw))).toEqual(['loss', 'val_loss']);
  });

  it('a name after an untranslated qualifier (分类损失, classification loss) stays as written, not merged into "loss"', () => {
    const text = losses
      .map((l, i) => `第 ${i + 1} 轮 分类损失：${l}，回归损失：0.3${i}，验证损失：${(l + 0.1).toFixed(2)}`)
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['val_loss']);
    expect(log.warnings.find((w) => w.code === 'translated_names')?.message).toBe(
      'Metric names read in English: 验证损失 as val_loss.',
    );
    // 的 (of) is no qualifier: "测试集上的正确率" is the accuracy on the test set
    expect(translateTerms('整体测试集上的正确率: 0.97').text).toBe('整体 test 上的 accuracy: 0.97');
    expect(translateTerms('生成器损失: 1.2 判别器损失: 0.7').translated).toEqual([]);
  });

  it('a CSV row whose note holds a full-width comma keeps its cells, and a term in prose makes no note', () => {
    const rows = losses.map((l, i) => `${i + 1},${l},${l + 0.1},${i === 3 ? '学习率下调，继续训练' : ''}`);
    const log = read(['epoch,loss,val_loss,note', ...rows].join('\n'));
    expect(ys(log, 'loss')).toEqual(losses);
    expect(log.warnings.some((w) => w.code === 'translated_names' || w.code === 'skipped_rows')).toBe(false);
  });

  it('an English log with Chinese comments reads as it does without them, with no note', () => {
    const english = losses.map((l, i) => `Epoch ${i + 1}/6 - loss: ${l} - val_loss: ${l + 0.1}`);
    const plain = read(english.join('\n'));
    const commented = read(['# 模型：LSTM（两层）', ...english, '# 完成'].join('\n'));
    expect(commented.runs).toEqual(plain.runs);
    expect(commented.warnings.some((w) => w.code === 'translated_names')).toBe(false);
  });

  it('a text without these scripts is returned as the same string', () => {
    const text = 'epoch,loss\n1,0.5\n';
    expect(translateTerms(text)).toEqual({ text, translated: [] });
  });

  it('Russian and Ukrainian counters, as whole words; a loss or an accuracy named in them stays as written', () => {
    // a loop that prints its epoch in Russian and its values in English
    const mixed = read(losses.map((l, i) => `эпоха ${i}: train ${l}\n  val: val_mse = ${l + 0.2}`).join('\n'));
    expect(keys(mixed)).toEqual(['loss', 'val_mse']);
    expect(ys(mixed, 'loss')).toEqual(losses);
    // the best epoch's summary is no epoch of its own, as "Best epoch 3: ..." is not
    const epochs = losses.map((l, i) => `epoch ${i + 1}/6 loss=${l} val macro-F1=0.8${i}`);
    const best = read([...epochs, 'ЛУЧШАЯ эпоха 3: val macro-F1=0.82'].join('\n'));
    expect(best.runs).toEqual(read([...epochs, 'Best epoch 3: val macro-F1=0.82'].join('\n')).runs);
    expect(best.runs).toHaveLength(1);
    expect(translateTerms('Епоха 4: loss 0.3, крок 200').text).toBe('epoch 4: loss 0.3, step 200');
    expect(translateTerms('ЭПОХА 2').translated).toEqual([['эпоха', 'epoch']]);
    // whole words only: "эпохами" (by epochs) is another word
    expect(translateTerms('между эпохами: 3').translated).toEqual([]);
    // a validation loss named in words ("Валидация - потеря") would read as the training loss: not read, as before
    const blocks = losses
      .map(
        (l, i) =>
          `Эпоха ${i + 1}/6\nОбучение - потеря: ${l}, точность: 0.6\nВалидация - потеря: ${l + 0.05}, точность: 0.58`,
      )
      .join('\n');
    expect(() => ingest(blocks)).toThrow(IngestError);
    const named = read(
      losses.map((l, i) => `Эпоха ${i + 1}/6 - потеря: ${l} - val_loss: ${(l + 0.1).toFixed(2)}`).join('\n'),
    );
    expect(keys(named)).toEqual(['val_loss']);
    // an English log with Russian comments reads as it does without them
    const english = losses.map((l, i) => `Epoch ${i + 1}/6 - loss: ${l} - val_loss: ${l + 0.1}`);
    expect(read(['# модель: LSTM, шаг обучения 0.001', ...english].join('\n')).runs).toEqual(
      read(english.join('\n')).runs,
    );
  });

  it('Chinese prose with no numbers, or a wall of characters, is refused with a message', () => {
    expect(() => ingest('训练损失很高，验证损失也很高。')).toThrow(IngestError);
    expect(() => ingest('损失'.repeat(200_000))).toThrow(IngestError);
  });
});

describe('a split run into its metric name with no mark between them', () => {
  const val = losses.map((l) => +(l + 0.15).toFixed(2));

  it('a CSV header "epoch,trloss,valloss,tracc,valacc" names the training and validation curves', () => {
    const text = [
      'epoch,trloss,valloss,tracc,valacc',
      ...losses.map((l, i) => `${i + 1},${l},${val[i]},${0.5 + i / 20},${0.45 + i / 20}`),
    ].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(ys(log, 'val_loss')).toEqual(val);
    // the pair judged is the training loss against the validation loss, not one loss read alone
    expect(diagnose(log).series).toMatchObject({ train: 'loss', val: 'val_loss' });
  });

  it('a printed line "Epoch: 01, trloss: 1.49, valloss: 0.76, testloss: 0.75" keeps each split apart', () => {
    const text = losses
      .map((l, i) => `Epoch: ${String(i + 1).padStart(2, '0')}, trloss: ${l}, valloss: ${val[i]}, testloss: ${val[i]}`)
      .join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['loss', 'test_loss', 'val_loss']);
    expect(diagnose(log).series).toMatchObject({ train: 'loss', val: 'val_loss' });
  });

  it('each split and metric as hand-written loops glue them, longest split first', () => {
    const read = (n: string) => {
      const c = canonicalName(n);
      return `${c.split}:${c.base}`;
    };
    expect(
      ['trainloss', 'trnloss', 'trainingloss', 'validloss', 'validationacc', 'valiloss', 'evalloss', 'devacc'].map(
        read,
      ),
    ).toEqual([
      'train:loss',
      'train:loss',
      'train:loss',
      'val:loss',
      'val:accuracy',
      'val:loss',
      'val:loss',
      'val:accuracy',
    ]);
    expect(['valaccuracy', 'trainlosses', 'valerr', 'testmae', 'valf1'].map(read)).toEqual([
      'val:accuracy',
      'train:loss',
      'val:error',
      'test:mae',
      'val:f1',
    ]);
    // words that only begin with a split's letters keep their own meaning
    expect(['trace', 'development', 'testing_samples', 'valley', 'trainable_params', 'devices'].map(read)).toEqual([
      'none:trace',
      'none:development',
      'none:testing_samples',
      'none:valley',
      'none:trainable_params',
      'none:devices',
    ]);
    // a loop's saved list of a glued name keeps its split (`valloss_hist`, as `loss_val_hist` does)
    expect(['valloss_hist', 'trainacc_list', 'testloss_history', 'valacc_values'].map(read)).toEqual([
      'val:loss',
      'train:accuracy',
      'test:loss',
      'val:accuracy',
    ]);
    // a split and a metric's name at the start of a longer word are not glued splits: the metric must end the name
    expect(['trainlossweight', 'valaccumulation', 'testmaximum'].map((n) => canonicalName(n).splitNamed)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a TensorBoard tag with its split after a slash, as a column or a key', () => {
  const val = [1.1, 0.95, 0.9, 0.92, 0.97, 1.05];
  const train = [1.0, 0.8, 0.6, 0.5, 0.4, 0.3];

  it('"Loss/train,Loss/val,Accuracy/train,Accuracy/test" (the SummaryWriter tutorial\'s tags) is each curve under its split', () => {
    const text = [
      'epoch,Loss/train,Loss/val,Accuracy/train,Accuracy/test',
      ...train.map((l, i) => `${i + 1},${l},${val[i]},${0.5 + i / 20},${0.45 + i / 40}`),
    ].join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(['accuracy', 'loss', 'test_accuracy', 'val_loss']);
    expect(ys(log, 'loss')).toEqual(train);
    // two losses under one base name are two curves, never summed into one training loss
    const d = diagnose(log);
    expect(d.series).toMatchObject({ train: 'loss', val: 'val_loss' });
    expect(d.pattern).toBe('overfitting');
  });

  it('a history dict keyed by tags reads the same, and a held-out split named with its set ("accuracy_test_set")', () => {
    const log = read(JSON.stringify({ 'loss/train': train, 'loss/valid': val, 'F1/dev': train.map((_, i) => i / 10) }));
    expect(keys(log)).toEqual(['loss', 'val_f1', 'val_loss']);
    expect(
      ['accuracy_test_set', 'loss_val_set', 'acc/validation', 'loss/training'].map((n) => canonicalName(n).key),
    ).toEqual(['test_accuracy', 'val_loss', 'val_accuracy', 'loss']);
    // pooled over the epoch after the split (`Loss/train_avg`, `Loss/val_avg`): still two curves, never summed
    const pooled = read(JSON.stringify({ 'Loss/train_avg': train, 'Loss/val_avg': val }));
    expect(keys(pooled)).toEqual(['loss', 'val_loss']);
    expect(ys(pooled, 'loss')).toEqual(train);
    // the unit pooled over as the tag's last level (`loss/train/step`, `Loss/val/epoch`): the epoch's aggregate is
    // the curve, the steps kept apart, as Lightning's `train_loss_step` / `train_loss_epoch` are
    const levels = read(
      JSON.stringify({
        'loss/train/step': train.map((l) => l + 0.05),
        'loss/train/epoch': train,
        'Loss/val/epoch': val,
      }),
    );
    expect(keys(levels)).toEqual(['loss', 'loss_step', 'val_loss']);
    expect(ys(levels, 'loss')).toEqual(train);
    expect(diagnose(levels).series).toMatchObject({ train: 'loss', val: 'val_loss' });
    // a split's counter (HF's W&B `train/epoch`, `val/step`) is a counter under its split, not a split's metric
    expect(['epoch/step', 'train/epoch', 'val/step', 'train_epoch'].map((n) => canonicalName(n).key)).toEqual([
      'step',
      'epoch',
      'val_step',
      'epoch',
    ]);
    // a slash that names no split keeps the name whole
    expect(['lr/pg0', 'grad/norm', 'x/y/train'].map((n) => canonicalName(n).split)).toEqual(['none', 'none', 'none']);
  });
});
