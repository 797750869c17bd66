import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/train/config.js';
import { train, NON_FINITE_EPOCHS } from '../../src/train/trainer.js';
import { loadTf } from '../../src/train/engine/backend.js';
import { historyToLog, historyJson } from '../../src/train/history.js';
import { diagnose } from '../../src/diagnose/index.js';

const tiny = (over: Record<string, unknown> = {}) =>
  parseConfig({
    data: { dataset: 'noisy_sine', samples: 64, n_steps: 5, noise: 0.1 },
    model: { lstm: [{ units: 4 }] },
    fit: { epochs: 3, batch_size: 16 },
    ...over,
  });

describe('trainer (in-thread)', () => {
  it('trains, logs a Keras-like history and says which backend ran', async () => {
    const epochs: number[] = [];
    const r = await train(tiny(), { onEpoch: (e) => epochs.push(e.epoch) });
    expect(Object.keys(r.history)).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
    expect(r.history.loss).toHaveLength(3);
    expect(epochs).toEqual([1, 2, 3]);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(r.backend);
    expect(r.history.loss.every(Number.isFinite)).toBe(true);
    expect(r.params).toBe(4 * 4 * 6 + 5);
  });

  it('leaks no tensors across runs', async () => {
    const { tf } = await loadTf();
    const before = tf.memory().numTensors;
    for (const over of [
      {},
      {
        model: {
          lstm: [{ units: 4, dropout: 0.2, recurrent_dropout: 0.2, l2: 0.01 }, { units: 3 }],
          dense: [{ units: 4, dropout: 0.1 }],
        },
      },
      {
        fit: { epochs: 3, batch_size: 16, ensemble: 2, early_stopping: { patience: 1 } },
        optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9, clipnorm: 1 },
      },
    ]) {
      for (const engine of ['fused', 'tf'] as const) {
        const r = await train(tiny(over), { engine });
        expect(r.tensors_after).toBe(r.tensors_before);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is reproducible with a seed', async () => {
    const a = await train(tiny());
    const b = await train(tiny());
    expect(a.history.loss).toEqual(b.history.loss);
  });

  it('stops early and restores the best weights', async () => {
    // lr far too high for sgd: val_loss gets worse, early stopping ends the run
    const r = await train(
      tiny({
        fit: { epochs: 30, batch_size: 8, early_stopping: { patience: 2, restore_best: true } },
        optimizer: { name: 'adam', lr: 0.3 },
      }),
    );
    if (r.stop_reason === 'early_stopping') {
      expect(r.epochs_run).toBeLessThan(30);
      if (r.restored_best) expect(r.final_val_loss).toBeCloseTo(r.best_val_loss, 4);
    }
    expect(r.best_epoch).toBeGreaterThanOrEqual(1);
  });

  it('follows the learning-rate schedules', async () => {
    const cos = await train(tiny({ fit: { epochs: 4, batch_size: 16 }, schedule: { kind: 'cosine', min_lr: 0 } }));
    expect(cos.history.lr![0]).toBeCloseTo(0.001, 8);
    expect(cos.history.lr![2]).toBeCloseTo(0.0005, 8);
    expect(cos.history.lr![3]).toBeLessThan(cos.history.lr![2]);
    const pl = await train(
      tiny({
        fit: { epochs: 6, batch_size: 16 },
        optimizer: { lr: 1e-6 },
        schedule: { kind: 'reduce_on_plateau', patience: 1, factor: 0.5, min_lr: 1e-8 },
      }),
    );
    expect(Math.min(...pl.history.lr!)).toBeLessThan(1e-6);
  });

  it('logs a few non-finite epochs and stops', async () => {
    const r = await train(
      tiny({
        data: { dataset: 'linear', samples: 64, n_steps: 5, noise: 0, scaling: 'none' },
        fit: { epochs: 20, batch_size: 16 },
        optimizer: { name: 'sgd', lr: 10 },
      }),
    );
    if (r.stop_reason === 'non_finite') {
      const n = r.history.loss.length;
      for (let i = n - NON_FINITE_EPOCHS; i < n; i++)
        expect(Number.isFinite(r.history.loss[i]) && Number.isFinite(r.history.val_loss[i])).toBe(false);
    }
    expect(r.tensors_after).toBe(r.tensors_before);
  });

  it('ends at the wall-time cap with what it has', async () => {
    const r = await train(
      parseConfig({
        data: { samples: 2000, n_steps: 20 },
        model: { lstm: [{ units: 64 }] },
        fit: { epochs: 300 },
        max_seconds: 0.5,
      }),
    );
    expect(r.stop_reason).toBe('time_limit');
    expect(r.epochs_run).toBeLessThan(300);
  });
});

describe('historyToLog', () => {
  it('gives the TrainingLog an uploaded history.json would', () => {
    const h = {
      loss: [1, 0.5, 0.3, 0.25, 0.2, 0.19],
      val_loss: [1.1, 0.6, 0.35, 0.3, 0.28, 0.27],
      mae: [1, 1, 1, 1, 1, 1],
      val_mae: [1, 1, 1, 1, 1, 1],
      lr: [0.001, 0.001, 0.001, 0.001, 0.001, 0.001],
    };
    const log = historyToLog(h);
    expect(log.format).toBe('keras-history-json');
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['loss', 'val_loss', 'lr']));
    const vl = log.runs[0].series.find((s) => s.key === 'val_loss')!;
    expect(vl.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(vl.y).toEqual(h.val_loss);
    expect(diagnose(log).pattern).toBe('good_fit');
  });

  it('keeps NaN and Infinity', () => {
    expect(historyJson({ loss: [1, NaN, Infinity] })).toBe('{"loss": [1, NaN, Infinity]}');
    const log = historyToLog({ loss: [1, 2, NaN, NaN, NaN], val_loss: [1, 3, NaN, NaN, NaN] });
    const d = diagnose(log);
    expect(d.findings).toContain('nan_inf');
  });
});

describe('the fused engine', () => {
  it('gives the same history as the TF.js-ops engine (autodiff) on every layer type and optimiser', async () => {
    const cfgs = [
      {
        data: { dataset: 'noisy_sine', samples: 96, n_steps: 6 },
        model: { lstm: [{ units: 6 }] },
        fit: { epochs: 2, batch_size: 16 },
      },
      {
        data: { dataset: 'noisy_sine', samples: 96, n_steps: 6 },
        model: {
          lstm: [
            { units: 6, l2: 0.01, dropout: 0.2, recurrent_dropout: 0.3 },
            { units: 5, dropout: 0.1 },
          ],
          dense: [
            { units: 6, dropout: 0.2 },
            { units: 3, activation: 'tanh' },
          ],
        },
        fit: { epochs: 2, batch_size: 16 },
        optimizer: { name: 'rmsprop', lr: 0.003, clipvalue: 0.5 },
      },
      {
        data: { dataset: 'noisy_sine', samples: 96, n_steps: 6 },
        model: { lstm: [{ units: 6 }, { units: 4 }] },
        fit: { epochs: 2, batch_size: 16 },
        optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9, clipnorm: 1 },
      },
    ];
    for (const c of cfgs) {
      const a = await train(parseConfig(c), { engine: 'tf' });
      const b = await train(parseConfig(c), { engine: 'fused' });
      expect(b.engine).toBe('fused');
      a.history.loss.forEach((v, i) => expect(b.history.loss[i]).toBeCloseTo(v, 4));
      a.history.val_loss.forEach((v, i) => expect(b.history.val_loss[i]).toBeCloseTo(v, 4));
      expect(b.tensors_after).toBe(b.tensors_before);
    }
  });
});

describe('validation in chunks', () => {
  it('gives the same val_loss as one pass (more than one chunk of 256 windows)', async () => {
    const c = parseConfig({
      data: { dataset: 'noisy_sine', samples: 700, n_steps: 4 },
      model: { lstm: [{ units: 4 }] },
      fit: { epochs: 2, batch_size: 64, validation_split: 0.5 },
    });
    const a = await train(c, { engine: 'tf' });
    const b = await train(c, { engine: 'fused' });
    expect(a.data.val).toBeGreaterThan(256);
    a.history.val_loss.forEach((v, i) => expect(b.history.val_loss[i]).toBeCloseTo(v, 4));
    expect(a.tensors_after).toBe(a.tensors_before);
  });
});
