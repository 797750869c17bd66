/**
 * The training request layer (src/requests/training.ts): the options the CLI flags and /train share,
 * applied on top of a preset, and a sweep's values from text.
 */
import { describe, expect, it } from 'vitest';
import { parseValues, resolveTrainPayload, withTrainOverrides } from '../../src/requests/training.js';
import { ConfigError, preset } from '../../src/train/index.js';

describe('withTrainOverrides', () => {
  it('leaves the base alone when no option is set', () => {
    const base = preset('temperature');
    expect(withTrainOverrides(base, {})).toBe(base);
    expect(withTrainOverrides(base, { epochs: undefined, lr: undefined })).toBe(base);
  });

  it("sets only what is given: the first layer's units, fit, optimizer, time limit", () => {
    const base = preset('temperature');
    const c = withTrainOverrides(base, { units: 16, epochs: 7, lr: 0.01, optimizer: 'sgd', seed: 9, max_seconds: 30 });
    expect(c.model.lstm.map((l) => l.units)).toEqual([16, 64]);
    expect(c.model.lstm[0].l2).toBe(base.model.lstm[0].l2);
    expect(c.fit).toEqual({ ...base.fit, epochs: 7, seed: 9 });
    expect(c.optimizer).toEqual({ ...base.optimizer, lr: 0.01, name: 'sgd' });
    expect(c.max_seconds).toBe(30);
    expect(c.data).toEqual(base.data);
  });

  it('trains on an uploaded series, and says what is wrong with a bad option', () => {
    const c = withTrainOverrides(preset('ideal'), {
      series: { values: Array.from({ length: 40 }, (_, i) => i), name: 's.csv' },
    });
    expect(c.data).toMatchObject({ dataset: 'upload', series_name: 's.csv' });
    expect(() => withTrainOverrides(preset('ideal'), { optimizer: 'adagrad' })).toThrow(ConfigError);
    expect(() => withTrainOverrides(preset('ideal'), { epochs: 100_000 })).toThrow(/fit.epochs: Too big/);
  });
});

describe('parseValues', () => {
  it('reads numbers, optimizers and architectures', () => {
    expect(parseValues('units', '16,32,64')).toEqual([16, 32, 64]);
    expect(parseValues('optimizer', 'adam, sgd')).toEqual(['adam', 'sgd']);
    expect(parseValues('architecture', '64;128-64')).toEqual([[64], [128, 64]]);
    expect(() => parseValues('lr', '0.1,fast')).toThrow(/--values for lr takes numbers/);
  });
});

describe('resolveTrainPayload', () => {
  it('merges a config over a preset, and refuses a config that is not an object', () => {
    expect(resolveTrainPayload({ preset: 'ideal', config: { fit: { epochs: 5 } } }).fit.epochs).toBe(5);
    expect(() => resolveTrainPayload({ preset: 'ideal', config: [1] })).toThrow(/config must be an object/);
    expect(resolveTrainPayload({}).data.dataset).toBe('noisy_sine');
  });
});
