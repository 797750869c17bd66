import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/train/config.js';
import { train, CancelledError } from '../../src/train/trainer.js';
import { PARALLEL_MIN_MACS, batchMacs, stopPeer } from '../../src/train/threads/parallel.js';
import { initArrays } from '../../src/train/engine/init.js';
import { layoutOf } from '../../src/train/engine/fused.js';
import { fexp } from '../../src/train/engine/fastmath.js';

/** run with CURVE_TRIAGE_TRAIN_PARALLEL set to `threads` */
async function withThreads<T>(threads: number, f: () => Promise<T>): Promise<T> {
  const before = process.env.CURVE_TRIAGE_TRAIN_PARALLEL;
  process.env.CURVE_TRIAGE_TRAIN_PARALLEL = String(threads);
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.CURVE_TRIAGE_TRAIN_PARALLEL;
    else process.env.CURVE_TRIAGE_TRAIN_PARALLEL = before;
  }
}

// big enough for a second thread (checked below), small enough to run in a second
const base = { data: { dataset: 'noisy_sine', samples: 240, n_steps: 10 }, fit: { epochs: 3, batch_size: 32 } };
const configs = {
  adam: { ...base, model: { lstm: [{ units: 24 }] } },
  everything: {
    ...base,
    model: {
      lstm: [
        { units: 20, l2: 0.01, dropout: 0.2, recurrent_dropout: 0.3 },
        { units: 12, dropout: 0.1 },
      ],
      dense: [
        { units: 8, dropout: 0.2 },
        { units: 4, activation: 'tanh' },
      ],
    },
    optimizer: { name: 'rmsprop', lr: 0.003, clipvalue: 0.5 },
  },
  sgd_clipnorm: {
    ...base,
    model: { lstm: [{ units: 24 }, { units: 16 }] },
    optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9, clipnorm: 1 },
  },
  // an odd batch and a last batch of 1 row (240 * 0.8 = 192 = 6 * 31 + 6, and 31 is odd)
  odd_batch: { ...base, model: { lstm: [{ units: 24 }] }, fit: { epochs: 2, batch_size: 31 } },
};

afterAll(async () => {
  await stopPeer();
});

describe('two threads per run (data parallelism)', () => {
  it('the test configs are big enough to use the peer thread', () => {
    for (const c of Object.values(configs)) {
      const cfg = parseConfig(c);
      expect(batchMacs(layoutOf(initArrays(cfg, 1)), cfg.fit.batch_size, 10)).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS);
    }
  });

  it('gives exactly the run one thread gives, on every layer type and optimiser', async () => {
    for (const [name, c] of Object.entries(configs)) {
      const one = await withThreads(1, () => train(parseConfig(c)));
      const two = await withThreads(2, () => train(parseConfig(c)));
      expect(one.threads, name).toBe(1);
      expect(two.threads, name).toBe(2);
      // bit for bit: the same row blocks, summed in the same order, whoever computes them
      expect(two.history, name).toEqual(one.history);
      expect(two.tensors_after, name).toBe(two.tensors_before);
    }
  });

  it('agrees with the TF.js-ops engine (autodiff)', async () => {
    for (const c of [configs.everything, configs.sgd_clipnorm]) {
      const tfr = await train(parseConfig(c), { engine: 'tf' });
      const two = await withThreads(2, () => train(parseConfig(c)));
      expect(two.threads).toBe(2);
      tfr.history.loss.forEach((v, i) => expect(two.history.loss[i]).toBeCloseTo(v, 3));
      tfr.history.val_loss.forEach((v, i) => expect(two.history.val_loss[i]).toBeCloseTo(v, 3));
    }
  });

  it('tells the peer to use the scalar gate loop when this thread does (its environment is a copy from its start)', async () => {
    const before = process.env.CURVE_TRIAGE_GATES;
    process.env.CURVE_TRIAGE_GATES = 'js';
    try {
      const one = await withThreads(1, () => train(parseConfig(configs.adam)));
      const two = await withThreads(2, () => train(parseConfig(configs.adam)));
      expect(two.threads).toBe(2);
      expect(two.history).toEqual(one.history);
    } finally {
      if (before === undefined) delete process.env.CURVE_TRIAGE_GATES;
      else process.env.CURVE_TRIAGE_GATES = before;
    }
  });

  it('does not use a peer that loaded another backend, and says so', async () => {
    await stopPeer();
    const before = process.env.CURVE_TRIAGE_TF_BACKEND;
    process.env.CURVE_TRIAGE_TF_BACKEND = 'cpu'; // read by the new peer thread only: this thread has its backend
    try {
      const r = await withThreads(2, () =>
        train(parseConfig({ ...configs.adam, fit: { ...configs.adam.fit, epochs: 1 } })),
      );
      expect(r.threads).toBe(1);
      expect(r.backend_notes.join(' ')).toMatch(/second training thread not used: it loaded the cpu backend/);
    } finally {
      if (before === undefined) delete process.env.CURVE_TRIAGE_TF_BACKEND;
      else process.env.CURVE_TRIAGE_TF_BACKEND = before;
      await stopPeer();
    }
  });

  it('keeps one thread for models too small to gain from a second', async () => {
    const r = await withThreads(2, () =>
      train(
        parseConfig({
          data: { dataset: 'noisy_sine', samples: 64, n_steps: 5 },
          model: { lstm: [{ units: 4 }] },
          fit: { epochs: 1, batch_size: 16 },
        }),
      ),
    );
    expect(r.threads).toBe(1);
  });

  it('hands the peer back after a cancelled run, to the next run and to every ensemble member', async () => {
    let batches = 0;
    await expect(
      withThreads(2, () => train(parseConfig(configs.adam), { shouldStop: () => ++batches > 3 })),
    ).rejects.toBeInstanceOf(CancelledError);
    const next = await withThreads(2, () =>
      train(parseConfig({ ...configs.adam, fit: { ...configs.adam.fit, epochs: 1, ensemble: 2 } })),
    );
    expect(next.threads).toBe(2);
    expect(next.history.loss[0]).toBeGreaterThan(0);
  });
});

describe('fexp', () => {
  it('matches Math.exp to float32 precision and keeps NaN', () => {
    let worst = 0;
    for (let x = -87; x <= 87; x += 0.0137) worst = Math.max(worst, Math.abs(fexp(x) - Math.exp(x)) / Math.exp(x));
    expect(worst).toBeLessThan(2e-8);
    expect(fexp(NaN)).toBeNaN();
    expect(fexp(1000)).toBeGreaterThan(1e38);
    expect(fexp(-1000)).toBeLessThan(1e-37);
    expect(fexp(0)).toBe(1);
  });
});
