import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/train/config.js';
import { buildDataset, temperatureSeries } from '../../src/train/data.js';
import { rng } from '../../src/util/random.js';

describe('datasets', () => {
  it('is deterministic per seed', () => {
    const c = parseConfig({ data: { dataset: 'noisy_sine', samples: 100, n_steps: 5, seed: 3 } });
    expect(buildDataset(c).xTrain).toEqual(buildDataset(c).xTrain);
    const d = parseConfig({ data: { dataset: 'noisy_sine', samples: 100, n_steps: 5, seed: 4 } });
    expect(buildDataset(d).xTrain).not.toEqual(buildDataset(c).xTrain);
    const r = rng(1);
    const v = Array.from({ length: 1000 }, r);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
  });

  it('splits like Keras validation_split (the last part) and scales with training statistics only', () => {
    const c = parseConfig({
      data: { dataset: 'linear', samples: 100, n_steps: 5, noise: 0, scaling: 'none' },
      fit: { validation_split: 0.2 },
    });
    const ds = buildDataset(c);
    expect(ds.nTrain).toBe(80);
    expect(ds.nVal).toBe(20);
    // window k = 0.01 (k+1) .. ; the first validation window starts at 0.81
    expect(ds.xVal[0]).toBeCloseTo(0.81, 5);
    expect(ds.yVal[19]).toBeCloseTo(1.05, 5);
    const s = buildDataset(parseConfig({ ...c, data: { ...c.data, scaling: 'standard' } }));
    let sum = 0;
    for (const v of s.xTrain) sum += v;
    for (const v of s.yTrain) sum += v;
    expect(sum / (s.xTrain.length + s.yTrain.length)).toBeCloseTo(0, 5);
    // validation values lie above the training range: scaled with train statistics they are > 1.6 sigma
    expect(s.yVal[19]).toBeGreaterThan(1.6);
    const m = buildDataset(parseConfig({ ...c, data: { ...c.data, scaling: 'minmax' } }));
    expect(Math.min(...m.xTrain)).toBeCloseTo(0, 6);
    expect(Math.max(...m.yTrain)).toBeCloseTo(1, 6);
  });

  it('reads the real temperature series', () => {
    const t = temperatureSeries();
    expect(t).toHaveLength(1461);
    expect(t[0]).toBe(12.8);
    expect(Math.max(...t)).toBeGreaterThan(30);
    const ds = buildDataset(parseConfig({ data: { dataset: 'temperature', samples: 20_000, n_steps: 14 } }));
    expect(ds.nTrain + ds.nVal).toBe(1461 - 14);
    expect(ds.description).toMatch(/NOAA/);
  });

  it('random data has nothing to learn', () => {
    const ds = buildDataset(parseConfig({ data: { dataset: 'random', samples: 50, n_steps: 10, scaling: 'none' } }));
    expect(ds.nTrain).toBe(40);
    expect(ds.xTrain.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('uses an uploaded series', () => {
    const series = Array.from({ length: 60 }, (_, i) => Math.sin(i / 3));
    const ds = buildDataset(
      parseConfig({ data: { dataset: 'upload', series, n_steps: 6, samples: 1000, scaling: 'none' } }),
    );
    expect(ds.nTrain + ds.nVal).toBe(54);
    expect(ds.xTrain[0]).toBeCloseTo(series[0], 6);
  });
});
