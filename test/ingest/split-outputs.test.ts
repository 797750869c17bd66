/**
 * Splits first, then each output's metric lists (formats/split-outputs.ts): Ludwig's training_statistics.json
 * (bench/wild51: the JSON reader had taken the test set's curves, the first dict of lists it met, for the training
 * ones, and read a test loss rising after its minimum as a training loss diverging).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { splitOutputs } from '../../src/ingest/formats/split-outputs.js';
import { checkLog } from './helpers/ingest-worker.js';

const n = 30;
const train = Array.from({ length: n }, (_, i) => +(1 / (i + 1)).toFixed(4));
/** falls to a minimum at epoch 9, then rises: overfitting */
const val = Array.from({ length: n }, (_, i) => +(0.65 + 0.002 * (i - 8) ** 2).toFixed(4));
const acc = (l: number[]) => l.map((v) => +(1 - v / 2).toFixed(4));
const output = (loss: number[]) => ({ accuracy: acc(loss), loss });

/** Ludwig's layout: the test set first (as Ludwig's keys sort), `combined` beside the one output */
const ludwig = (trainKey = 'train') => ({
  test: { combined: output(val), treatment: output(val) },
  [trainKey]: { combined: output(train), treatment: output(train) },
  validation: { combined: output(val), treatment: output(val) },
});

const keys = (log: ReturnType<typeof ingest>) => log.runs[0].series.map((s) => `${s.key}/${s.split}`).sort();
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y;

describe("Ludwig's training_statistics.json", () => {
  it.each(['train', 'training'])('each set is its split ("%s" the training set), whatever the keys’ order', (key) => {
    const log = ingest(JSON.stringify(ludwig(key), null, 4), { fileName: 'training_statistics.json' });
    expect(checkLog(log)).toEqual([]);
    expect(keys(log)).toEqual([
      'accuracy/train',
      'loss/train',
      'test_accuracy/test',
      'test_loss/test',
      'val_accuracy/val',
      'val_loss/val',
    ]);
    expect(ys(log, 'loss')).toEqual(train);
    expect(ys(log, 'val_loss')).toEqual(val);
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('current Ludwig (0.6 on): its evaluation_frequency setting beside the sets', () => {
    const doc = { evaluation_frequency: { frequency: 1, period: 'epoch' }, ...ludwig('training') };
    const log = ingest(JSON.stringify(doc), { fileName: 'training_statistics.json' });
    expect(ys(log, 'loss')).toEqual(train);
    expect(ys(log, 'val_loss')).toEqual(val);
    // settings nested deeper (a model's layer sizes) are settings still
    const deep = { ...ludwig(), config: { model: { layers: { sizes: [64, 32, 16] } } } };
    expect(splitOutputs(deep)?.train_loss).toEqual(train);
    // (a key beside the sets that holds lists is another document)
    expect(splitOutputs({ ...ludwig(), extra: { loss: train } })).toBeUndefined();
  });

  it('several outputs: the combined one by the metric’s name, the others by theirs too', () => {
    const doc = {
      training: { combined: { loss: train }, intent: output(train), slot: output(train) },
      validation: { combined: { loss: val }, intent: output(val), slot: output(val) },
    };
    const flat = splitOutputs(doc)!;
    expect(Object.keys(flat).sort()).toEqual([
      'train_intent_accuracy',
      'train_intent_loss',
      'train_loss',
      'train_slot_accuracy',
      'train_slot_loss',
      'val_intent_accuracy',
      'val_intent_loss',
      'val_loss',
      'val_slot_accuracy',
      'val_slot_loss',
    ]);
    // a lone output without `combined` goes by the metric's name alone; `combined` wins where both have one
    expect(Object.keys(splitOutputs({ train: { y: output(train) }, validation: { y: output(val) } })!).sort()).toEqual([
      'train_accuracy',
      'train_loss',
      'val_accuracy',
      'val_loss',
    ]);
    const both = splitOutputs({
      train: { y: { loss: val }, combined: { loss: train } },
      validation: { combined: { loss: val } },
    })!;
    expect(both).toEqual({ train_loss: train, val_loss: val });
    // an output a set leaves out does not change how the others are named
    const uneven = splitOutputs({
      train: { combined: { loss: train }, a: { loss: train }, b: { loss: train } },
      validation: { combined: { loss: val }, a: { loss: val } },
    })!;
    expect(Object.keys(uneven).sort()).toEqual([
      'train_a_loss',
      'train_b_loss',
      'train_loss',
      'val_a_loss',
      'val_loss',
    ]);
  });

  it('a final score under a set’s name and an output’s settings are left out; a training set alone reads', () => {
    const doc = { ...ludwig(), test: 0.93, validation: { combined: output(val), meta: { seed: 42 } } };
    expect(Object.keys(splitOutputs(doc)!).sort()).toEqual([
      'train_accuracy',
      'train_loss',
      'val_accuracy',
      'val_loss',
    ]);
    expect(splitOutputs({ training: { combined: { loss: train } } })).toEqual({ train_loss: train });
    // an output of settings does not make the one output beside `combined` one of several
    const meta = splitOutputs({ training: { combined: { loss: train }, y: output(train), meta: { seed: 42 } } })!;
    expect(Object.keys(meta).sort()).toEqual(['train_accuracy', 'train_loss']);
  });

  it('not this shape: another top-level key, lists straight under a set, a test set alone', () => {
    expect(splitOutputs({ ...ludwig(), config: { combined: { loss: train } } })).toBeUndefined();
    expect(splitOutputs({ train: { loss: train }, validation: { loss: val } })).toBeUndefined();
    expect(splitOutputs({ test: { combined: { loss: val } } })).toBeUndefined();
    // (a set of no metric is left out; the training set beside it reads)
    expect(splitOutputs({ train: { combined: { loss: train } }, validation: { notes: { seed: [1, 2] } } })).toEqual({
      train_loss: train,
    });
    // several outputs with no `combined` (models, seeds, folds side by side): no total to judge
    expect(splitOutputs({ train: { cnn: output(train), rnn: output(train) }, validation: { cnn: output(val) } })).toBe(
      undefined,
    );
    // a set with lists of its own beside a nested dict, or an output named as a split: other shapes
    const report = { precision: [0.91, 0.84, 0.95] };
    expect(splitOutputs({ train: { loss: train, report }, validation: { y: output(val) } })).toBeUndefined();
    expect(splitOutputs({ train: { loss: train, y: output(train) }, validation: { y: output(val) } })).toBeUndefined();
    expect(splitOutputs({ train: { combined: output(train), val: output(train), y: output(train) } })).toBeUndefined();
    expect(splitOutputs({ train: { combined: output(train), val_head: output(train), y: output(train) } })).toBe(
      undefined,
    );
    // a whole history under one key of a set (its metrics name their splits), a set written as a bare list, two
    // keys for one split: other shapes
    expect(splitOutputs({ training: { history: { loss: train, val_loss: val } } })).toBeUndefined();
    expect(splitOutputs({ train: { metrics: { loss: train, eval_loss: val } } })).toBeUndefined();
    expect(splitOutputs({ train: { combined: { loss: train } }, val })).toBeUndefined();
    expect(
      splitOutputs({
        train: { combined: { loss: train } },
        val: { combined: { accuracy: val } },
        validation: { combined: { loss: val } },
      }),
    ).toBeUndefined();
    const nested = ingest(JSON.stringify({ training: { history: { loss: train, val_loss: val } } }));
    expect(keys(nested)).toEqual(['loss/train', 'val_loss/val']);
    // evals_result's own shape still reads as before
    const evals = ingest(JSON.stringify({ training: { l2: train }, valid_0: { l2: val } }));
    expect(ys(evals, 'val_l2')).toEqual(val);
  });
});
