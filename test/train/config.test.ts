import { describe, expect, it } from 'vitest';
import {
  CAPS,
  ConfigError,
  countParams,
  parseConfig,
  parseConfigText,
  parseSeriesText,
  withOverrides,
} from '../../src/train/config.js';
import { PRESETS, PRESET_NAMES, preset } from '../../src/train/presets.js';

describe('training config', () => {
  it('fills defaults', () => {
    const c = parseConfig({});
    expect(c.data.dataset).toBe('noisy_sine');
    expect(c.model.lstm[0].units).toBe(32);
    expect(c.optimizer).toMatchObject({ name: 'adam', lr: 0.001 });
    expect(c.max_seconds).toBe(CAPS.defaultMaxSeconds);
  });

  it('counts parameters like Keras', () => {
    // LSTM(10) on 1 feature: 4 * 10 * (1 + 10 + 1) = 480; Dense(1): 11
    expect(countParams(parseConfig({ model: { lstm: [{ units: 10 }] } }).model)).toBe(491);
    // LSTM(128) -> LSTM(64) -> Dense(32) -> Dense(1)
    expect(
      countParams(parseConfig({ model: { lstm: [{ units: 128 }, { units: 64 }], dense: [{ units: 32 }] } }).model),
    ).toBe(66560 + 49408 + 2080 + 33);
  });

  it('refuses configs over the caps with the number in the message', () => {
    expect(() => parseConfig({ model: { lstm: [{ units: 256 }, { units: 256 }, { units: 128 }] } })).toThrow(
      /parameters; the limit is 500,000/,
    );
    expect(() => parseConfig({ fit: { epochs: 301 } })).toThrow(ConfigError);
    expect(() =>
      parseConfig({
        data: { samples: 20_000, n_steps: 200 },
        model: { lstm: [{ units: 300 }] },
        fit: { batch_size: 4096 },
      }),
    ).toThrow(/activations per batch/);
    expect(() => parseConfig({ fit: { epochs: 301 } })).toThrow(/fit.epochs/);
    expect(() => parseConfig({ data: { samples: 20_001 } })).toThrow(/data.samples/);
    expect(() => parseConfig({ max_seconds: 10_000 })).toThrow(/max_seconds/);
    expect(() => parseConfig({ optimizer: { clipvalue: 1, clipnorm: 1 } })).toThrow(/clipvalue or clipnorm/);
    expect(() => parseConfig({ data: { dataset: 'upload' } })).toThrow(/needs a series/);
    expect(() => parseConfig({ model: { lstm: [{ units: 8, foo: 1 }] } })).toThrow(/foo|Unrecognized/);
  });

  it('reads JSON and YAML files', () => {
    const y = parseConfigText(
      'data:\n  dataset: linear\n  samples: 200\nmodel:\n  lstm:\n    - units: 8\n      dropout: 0.1\nfit:\n  epochs: 5\n',
    );
    expect(y.data).toMatchObject({ dataset: 'linear', samples: 200 });
    expect(y.model.lstm[0]).toMatchObject({ units: 8, dropout: 0.1 });
    const j = parseConfigText('{"optimizer": {"name": "sgd", "lr": 0.01, "momentum": 0.9}}');
    expect(j.optimizer).toMatchObject({ name: 'sgd', momentum: 0.9 });
    expect(() => parseConfigText('- 1\n- 2')).toThrow(/mapping/);
    expect(() => parseConfigText('{"fit": ')).toThrow(/neither valid JSON nor YAML/);
  });

  it('reads uploaded one-column series', () => {
    const csv = 'date,temp\n' + Array.from({ length: 30 }, (_, i) => `2020-01-${i + 1},${i * 0.5}`).join('\n');
    expect(parseSeriesText(csv)).toHaveLength(30);
    expect(parseSeriesText(JSON.stringify(Array.from({ length: 20 }, (_, i) => i)))).toHaveLength(20);
    expect(parseSeriesText(JSON.stringify({ values: Array.from({ length: 20 }, (_, i) => i) }))).toHaveLength(20);
    expect(() => parseSeriesText('1\n2\nabc\n')).toThrow(/line 3/);
    expect(() => parseSeriesText(Array.from({ length: 20_001 }, () => '1').join('\n'))).toThrow(/limit is 20000/);
  });

  it('merges overrides (arrays replace)', () => {
    const c = withOverrides(preset('ideal'), { fit: { epochs: 7 }, model: { lstm: [{ units: 4 }] } });
    expect(c.fit.epochs).toBe(7);
    expect(c.fit.batch_size).toBe(32);
    expect(c.model.lstm).toHaveLength(1);
  });

  it('every preset is valid and within the caps', () => {
    expect(PRESET_NAMES).toEqual(
      expect.arrayContaining(['ideal', 'overfit', 'underfit', 'high_variance', 'unstable', 'temperature']),
    );
    for (const name of PRESET_NAMES) expect(() => preset(name)).not.toThrow();
    expect(() => preset('nope')).toThrow(/unknown preset/);
    expect(PRESETS.temperature.config.model?.lstm).toHaveLength(2);
  });
});

describe('the example config file', () => {
  it('parses (it is the one docs/train.md shows)', async () => {
    const { readFileSync } = await import('node:fs');
    const c = parseConfigText(
      readFileSync(new URL('../../fixtures/train/example-config.yaml', import.meta.url), 'utf8'),
    );
    expect(c.model.lstm.map((l) => l.units)).toEqual([64, 32]);
    expect(c.fit.early_stopping).toMatchObject({ patience: 10, restore_best: true });
  });
});

describe('user-chosen keys', () => {
  it('preset names are own properties only: __proto__ / constructor are unknown presets, not the default config', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(() => preset(name), name).toThrow(/unknown preset .*presets: ideal/);
  });

  it('an override holding an own "__proto__" key (JSON.parse keeps it) changes nothing and pollutes nothing', () => {
    const over = JSON.parse(
      '{"__proto__": {"polluted": 1, "fit": {"epochs": 1}}, "constructor": {"prototype": {"polluted": 2}}, "fit": {"epochs": 3}}',
    );
    const c = withOverrides(preset('ideal'), over);
    expect(c.fit.epochs).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
  });
});
