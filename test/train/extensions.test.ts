/**
 * The engine options the curve zoo needs: binary classification (sigmoid + cross-entropy on the logit,
 * accuracy), step decay and warmup schedules, label noise, and inputs noisier in training than in
 * validation. Every option is off by default: the existing tests keep the default runs bit-identical.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type TrainConfigInput } from '../../src/train/config.js';
import { buildDataset } from '../../src/train/data.js';
import {
  bceWithLogits,
  FusedShard,
  maskColumns,
  layoutOf,
  paramSizes,
  type Masks,
} from '../../src/train/engine/fused.js';
import { loadTf } from '../../src/train/engine/backend.js';
import { train } from '../../src/train/trainer.js';
import { initArrays } from '../../src/train/engine/init.js';
import { scheduledLr } from '../../src/train/schedule.js';
import { historyToLog } from '../../src/train/history.js';

const cls = (over: TrainConfigInput = {}) =>
  parseConfig({
    task: 'classification',
    data: { dataset: 'waveforms', samples: 400, n_steps: 16, noise: 0.05, shuffle: false, ...over.data },
    model: { lstm: [{ units: 8 }], ...over.model },
    optimizer: { lr: 0.01, ...over.optimizer },
    fit: { epochs: 12, batch_size: 32, seed: 1, ...over.fit },
    ...(over.schedule ? { schedule: over.schedule } : {}),
  });

describe('binary classification', () => {
  it('computes cross-entropy on the logit stably', () => {
    const naive = (z: number, y: number) =>
      -(y * Math.log(1 / (1 + Math.exp(-z))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-z))));
    for (const z of [-5, -0.3, 0, 0.7, 4])
      for (const y of [0, 1]) expect(bceWithLogits(z, y)).toBeCloseTo(naive(z, y), 10);
    // far out, where the naive form gives Infinity
    expect(bceWithLogits(-800, 1)).toBeCloseTo(800, 6);
    expect(bceWithLogits(800, 1)).toBe(0);
  });

  it('back-propagates sigmoid(z) - y: the gradient matches finite differences of the loss', async () => {
    const { tf } = await loadTf();
    const c = cls({ model: { lstm: [{ units: 4 }], dense: [{ units: 3, activation: 'tanh' }] } });
    const net = initArrays(c, 3);
    const shard = new FusedShard(tf, net, { loss: 'bce' });
    const B = 6;
    const T = 5;
    const x = Float32Array.from({ length: B * T }, (_, i) => Math.sin(i * 0.7));
    const y = Float32Array.from({ length: B }, (_, b) => b % 2);
    const masks: Masks = maskColumns(layoutOf(net)).map(() => undefined);
    const g = new Float32Array(paramSizes(layoutOf(net)).reduce((a, b) => a + b, 0));
    const r = shard.grad(x, B, T, y, B, masks, g);
    const meanLoss = () => {
      const p = shard.predict(x, B, T);
      let s = 0;
      for (let b = 0; b < B; b++) s += bceWithLogits(p[b], y[b]);
      return s / B;
    };
    expect(r.sse / B).toBeCloseTo(meanLoss(), 5);
    // the output bias is the last parameter; an LSTM input weight the first
    const probes: [Float32Array, number, number][] = [
      [net.out.b, 0, g.length - 1],
      [net.lstm[0].W, 2, 2],
    ];
    for (const [arr, k, gi] of probes) {
      const eps = 1e-2;
      const v = arr[k];
      arr[k] = v + eps;
      const up = meanLoss();
      arr[k] = v - eps;
      const down = meanLoss();
      arr[k] = v;
      expect(g[gi]).toBeCloseTo((up - down) / (2 * eps), 3);
    }
  });

  it('learns which waveform a window is, and logs loss / accuracy / val_loss / val_accuracy as Keras does', async () => {
    const r = await train(cls());
    expect(Object.keys(r.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    const acc = r.history.val_accuracy!;
    expect(acc[acc.length - 1]).toBeGreaterThan(0.8);
    expect(r.history.loss[r.history.loss.length - 1]).toBeLessThan(r.history.loss[0]);
    for (const a of [...r.history.accuracy!, ...acc]) expect(a >= 0 && a <= 1).toBe(true);
    // the project's reader sees the accuracy metric
    const log = historyToLog(r.history as unknown as Record<string, number[]>);
    expect(log.runs[0].series.map((s) => s.key)).toEqual(
      expect.arrayContaining(['loss', 'val_loss', 'accuracy', 'val_accuracy']),
    );
  });

  it('stays at chance on random labels', async () => {
    const r = await train(cls({ data: { dataset: 'random', samples: 600, n_steps: 6 }, fit: { epochs: 8 } }));
    const acc = r.history.val_accuracy!;
    expect(Math.abs(acc[acc.length - 1] - 0.5)).toBeLessThan(0.15);
    expect(r.history.val_loss[r.history.val_loss.length - 1]).toBeGreaterThan(0.6);
  });

  it('labels a series by "does the next value go up", and flips a fraction of the training labels only', () => {
    const base = cls({ data: { dataset: 'noisy_sine', samples: 500, n_steps: 5, noise: 0.1 } });
    const ds = buildDataset(base);
    expect(new Set(ds.yTrain)).toEqual(new Set([0, 1]));
    const noisy = buildDataset(parseConfig({ ...base, data: { ...base.data, label_noise: 0.2 } }));
    let flipped = 0;
    for (let k = 0; k < ds.nTrain; k++) if (noisy.yTrain[k] !== ds.yTrain[k]) flipped++;
    expect(flipped / ds.nTrain).toBeGreaterThan(0.12);
    expect(flipped / ds.nTrain).toBeLessThan(0.28);
    expect(noisy.yVal).toEqual(ds.yVal);
    expect(noisy.xTrain).toEqual(ds.xTrain);
    // the label is whether the next raw value is above the window's last (regression's target, unscaled)
    const reg = buildDataset(parseConfig({ ...base, task: 'regression' }));
    for (let k = 0; k < reg.nTrain; k++) expect(ds.yTrain[k]).toBe(reg.yTrain[k] > reg.xTrain[k * 5 + 4] ? 1 : 0);
  });

  it('refuses what it cannot do, with a clear message', async () => {
    expect(() => parseConfig({ data: { dataset: 'noisy_sine', label_noise: 0.1 } })).toThrow(
      /label_noise.*classification/,
    );
    expect(() => parseConfig({ data: { dataset: 'waveforms' } })).toThrow(/waveforms.*classification/);
    await expect(train(cls(), { engine: 'tf' })).rejects.toThrow(ConfigError);
    await expect(train(cls(), { engine: 'tf' })).rejects.toThrow(/fused engine only/);
  });
});

describe('schedules: step decay and warmup', () => {
  const reg = (schedule: TrainConfigInput['schedule'], epochs = 8) =>
    parseConfig({
      data: { dataset: 'noisy_sine', samples: 80, n_steps: 5 },
      model: { lstm: [{ units: 4 }] },
      optimizer: { lr: 0.01 },
      schedule,
      fit: { epochs, batch_size: 16 },
    });

  it('step decay multiplies lr by factor every step_every epochs', async () => {
    const r = await train(reg({ kind: 'step', factor: 0.5, step_every: 3 }));
    const want = [0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.0025, 0.0025];
    r.history.lr!.forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
  });

  it('warmup rises linearly then holds; warmup_cosine then decays to min_lr', async () => {
    const w = await train(reg({ kind: 'warmup', warmup_epochs: 4 }));
    [0.0025, 0.005, 0.0075, 0.01, 0.01, 0.01, 0.01, 0.01].forEach((v, i) =>
      expect(w.history.lr![i]).toBeCloseTo(v, 10),
    );
    const c = reg({ kind: 'warmup_cosine', warmup_epochs: 2, min_lr: 0 }, 10);
    const lrs = Array.from({ length: 10 }, (_, i) => scheduledLr(c, i + 1));
    expect(lrs[0]).toBeCloseTo(0.005, 10);
    expect(lrs[2]).toBeCloseTo(0.01, 10); // first epoch after warmup: the cosine's top
    for (let i = 3; i < 10; i++) expect(lrs[i]).toBeLessThan(lrs[i - 1]);
    expect(lrs[6]).toBeCloseTo(0.005, 10); // the cosine's midpoint (4 of 8 epochs after warmup)
  });

  it('is the same run with or without the schedule field when none is given (defaults untouched)', () => {
    const a = parseConfig({});
    expect(a.task).toBeUndefined();
    expect(a.schedule).toEqual({ kind: 'none', factor: 0.5, patience: 5, min_lr: 1e-6 });
    expect(a.data).not.toHaveProperty('label_noise');
    expect(a.data).not.toHaveProperty('train_input_noise');
  });
});

describe('inputs noisier in training than in validation', () => {
  it('adds noise to the training inputs only', () => {
    const base = parseConfig({ data: { dataset: 'noisy_sine', samples: 300, n_steps: 6, noise: 0.05 } });
    const clean = buildDataset(base);
    const noisy = buildDataset(parseConfig({ ...base, data: { ...base.data, train_input_noise: 0.5 } }));
    expect(noisy.xVal).toEqual(clean.xVal);
    expect(noisy.yVal).toEqual(clean.yVal);
    expect(noisy.yTrain).toEqual(clean.yTrain);
    let ss = 0;
    for (let i = 0; i < clean.xTrain.length; i++) ss += (noisy.xTrain[i] - clean.xTrain[i]) ** 2;
    expect(Math.sqrt(ss / clean.xTrain.length)).toBeCloseTo(0.5, 1);
  });

  it('puts val_loss below loss', async () => {
    const r = await train(
      parseConfig({
        data: { dataset: 'noisy_sine', samples: 600, n_steps: 8, noise: 0.05, train_input_noise: 0.6 },
        model: { lstm: [{ units: 8 }] },
        optimizer: { lr: 0.01 },
        fit: { epochs: 10, batch_size: 32 },
      }),
    );
    const n = r.history.loss.length;
    expect(r.history.val_loss[n - 1]).toBeLessThan(r.history.loss[n - 1]);
  });
});
