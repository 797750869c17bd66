import { describe, expect, it } from 'vitest';
import { formatLeaderboard, MAX_SWEEP_RUNS, planSweep, runSweep, SWEEP_DEFAULTS } from '../../src/train/sweep.js';

const tinyBase = {
  data: { dataset: 'noisy_sine', samples: 64, n_steps: 5 },
  model: { lstm: [{ units: 4 }] },
  fit: { epochs: 3, batch_size: 16 },
};

describe('sweep', () => {
  it("plans the guide's lists by default and refuses too many runs", () => {
    const p = planSweep({ param: 'architecture', repeats: 2 });
    expect(p.candidates.map((c) => c.label)).toEqual(['LSTM 64', 'LSTM 128-64', 'LSTM 64-64', 'LSTM 128-64-32']);
    expect(p.candidates[1].config.model.lstm.map((l) => l.units)).toEqual([128, 64]);
    expect(SWEEP_DEFAULTS.units).toEqual([16, 32, 64, 128]);
    expect(() => planSweep({ param: 'units', values: [4, 8, 12, 16, 20, 24, 28, 32, 36], repeats: 5 })).toThrow(
      new RegExp(`limit is ${MAX_SWEEP_RUNS}`),
    );
    expect(() => planSweep({})).toThrow(/needs a parameter/);
    const capped = planSweep({ param: 'architecture', values: [[64], [256, 256, 128]], repeats: 1 });
    expect(capped.skipped[0].reason).toMatch(/over the 500,000 cap/);
    const opt = planSweep({ param: 'optimizer', repeats: 1 });
    expect(opt.candidates.find((c) => c.config.optimizer.name === 'sgd')?.config.optimizer.momentum).toBe(0.9);
  });

  it('random search draws N trials from the space', () => {
    const p = planSweep({
      mode: 'random',
      trials: 5,
      repeats: 1,
      space: { units: [8, 16], lr: [1e-4, 1e-2], batch_size: [16, 32] },
    });
    expect(p.candidates).toHaveLength(5);
    for (const c of p.candidates) {
      expect([8, 16]).toContain(c.config.model.lstm[0].units);
      expect(c.config.optimizer.lr).toBeGreaterThanOrEqual(1e-4);
      expect(c.config.optimizer.lr).toBeLessThanOrEqual(1e-2);
    }
  });

  it('runs repeats over the pool and ranks by mean best val_loss', async () => {
    const runs: string[] = [];
    const r = await runSweep(
      { base: tinyBase, param: 'lr', values: [0.0001, 0.01], repeats: 2 },
      { onRun: (run) => runs.push(run.candidate) },
    );
    expect(r.runs).toHaveLength(4);
    expect(runs).toHaveLength(4);
    expect(r.leaderboard).toHaveLength(2);
    expect(r.leaderboard[0].mean).toBeLessThanOrEqual(r.leaderboard[1].mean);
    expect(r.leaderboard[0].runs).toBe(2);
    expect(r.leaderboard[0].std).toBeGreaterThanOrEqual(0);
    const seeds = r.runs.filter((x) => x.candidate === 'lr 0.01').map((x) => x.seed);
    expect(new Set(seeds).size).toBe(2);
    const table = formatLeaderboard(r);
    expect(table).toMatch(/best val_loss \(mean ± std\)/);
    expect(table).toMatch(/4 runs \(2 per config\)/);
  }, 120_000);

  it('a 40-run sweep with a cancel signal adds one listener to it, not 40 (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const ac = new AbortController();
    try {
      const values = [2, 3, 4, 5, 6, 7, 8, 9];
      const r = await runSweep(
        { base: { ...tinyBase, fit: { epochs: 1, batch_size: 16 } }, param: 'units', values, repeats: 5 },
        { signal: ac.signal },
      );
      expect(r.runs).toHaveLength(MAX_SWEEP_RUNS);
      // warnings are emitted on the next tick
      await new Promise((res) => setImmediate(res));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
  }, 180_000);
});
