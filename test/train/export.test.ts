import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportKeras, KERAS_FLAVOURS } from '../../src/train/export.js';
import { PRESET_NAMES, preset } from '../../src/train/presets.js';
import { buildDataset } from '../../src/train/data.js';
import { parseConfig, type TrainConfig } from '../../src/train/config.js';

const python = ['python3', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0,
);
const hasPython = ['python3', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['-c', 'pass'], { stdio: 'ignore' }).status === 0,
);
const dir = mkdtempSync(join(tmpdir(), 'ct-export-'));

const configs = [
  ...PRESET_NAMES.map((n) => ({ name: n, config: preset(n) })),
  {
    name: 'everything',
    config: parseConfig({
      data: {
        dataset: 'upload',
        series: Array.from({ length: 80 }, (_, i) => Math.cos(i / 5)),
        n_steps: 8,
        samples: 60,
        scaling: 'minmax',
        shuffle: true,
      },
      model: {
        lstm: [{ units: 8, dropout: 0.1, recurrent_dropout: 0.1, l2: 0.001 }, { units: 4 }],
        dense: [{ units: 4, activation: 'tanh', dropout: 0.2 }],
      },
      optimizer: { name: 'rmsprop', lr: 0.002, clipnorm: 1 },
      schedule: { kind: 'cosine' },
      fit: { epochs: 5, ensemble: 2, early_stopping: { patience: 3 } },
    }),
  },
  {
    name: 'plateau',
    config: parseConfig({
      optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9, clipvalue: 0.5 },
      schedule: { kind: 'reduce_on_plateau' },
    }),
  },
];

/** Classification and the training-only perturbations: the data the exported script trains on must be ours. */
const perturbed = [
  {
    name: 'waveforms',
    config: parseConfig({
      task: 'classification',
      data: { dataset: 'waveforms', samples: 120, n_steps: 10, noise: 0.2, label_noise: 0.2, shuffle: true },
      fit: { epochs: 3, validation_split: 0.25 },
    }),
  },
  {
    name: 'updown',
    config: parseConfig({
      task: 'classification',
      data: { dataset: 'noisy_sine', samples: 90, n_steps: 6, noise: 0.1, scaling: 'minmax', train_input_noise: 0.3 },
      fit: { epochs: 3 },
    }),
  },
  {
    name: 'random-labels',
    config: parseConfig({ task: 'classification', data: { dataset: 'random', samples: 60, n_steps: 5 } }),
  },
  {
    name: 'val-below-train',
    config: parseConfig({ data: { dataset: 'linear', samples: 70, n_steps: 8, noise: 0.05, train_input_noise: 0.5 } }),
  },
];

/** The export's data part (no TensorFlow) run by python3: make_windows(), then `what` printed as JSON. */
function windowsInPython(config: TrainConfig, file: string, what: string): unknown {
  const path = join(dir, file);
  const script = exportKeras(config, 'tfkeras')
    .split('\ndef build_model')[0]
    .replace(/^(import tensorflow|from tensorflow).*$/gm, '');
  writeFileSync(path, `${script}\nX, y, scale = make_windows()\nimport json\nprint(json.dumps(${what}))\n`);
  return JSON.parse(execFileSync(python!, [path]).toString());
}

describe('Keras export', () => {
  it.skipIf(!hasPython)('every flavour parses with python3 (ast.parse)', () => {
    const files: string[] = [];
    for (const { name, config } of [...configs, ...perturbed]) {
      for (const f of KERAS_FLAVOURS) {
        const path = join(dir, `${name}-${f}.py`);
        writeFileSync(path, exportKeras(config, f));
        files.push(path);
      }
    }
    const out = execFileSync(hasPython!, [
      '-c',
      'import ast,sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p).read(), p)\nprint(len(sys.argv) - 1)',
      ...files,
    ]).toString();
    expect(Number(out.trim())).toBe(files.length);
  });

  it("uses each flavour's API", () => {
    const c = preset('temperature');
    expect(exportKeras(c, 'keras2')).toMatch(/optimizers\.Adam\(lr=0\.0005/);
    expect(exportKeras(c, 'tfkeras')).toMatch(/from tensorflow\.keras/);
    expect(exportKeras(c, 'tfkeras')).toMatch(/learning_rate=0\.0005/);
    expect(exportKeras(c, 'keras3')).toMatch(/Input\(shape=\(N_STEPS, 1\)\)/);
    const s = exportKeras(c, 'tfkeras');
    expect(s).toMatch(
      /LSTM\(128, return_sequences=True, recurrent_dropout=0\.2, kernel_regularizer=l2\(0\.001\), input_shape=\(N_STEPS, 1\)\)/,
    );
    expect(s).toMatch(/LSTM\(64, dropout=0\.2\)/);
    expect(s).toMatch(/Dense\(32, activation="relu"\)/);
    expect(s).toMatch(/metrics=\["mae"\]/);
    expect(s).toMatch(/EarlyStopping\(monitor="val_loss", patience=20, min_delta=0, restore_best_weights=True\)/);
    expect(s).toMatch(/json\.dump\(out, f\)/);
    expect(s).toMatch(/validation_split=VALIDATION_SPLIT/);
  });

  it.skipIf(!python)('generates the same data windows as curve-triage', () => {
    for (const { name, config } of configs.slice(0, 6)) {
      const got = windowsInPython(
        config,
        `${name}-data.py`,
        '{"x": [float(v) for v in X.reshape(-1)[:40]], "y": [float(v) for v in y[-10:]], "n": int(len(y))}',
      ) as { x: number[]; y: number[]; n: number };
      const ds = buildDataset(config);
      expect(got.n).toBe(ds.nTrain + ds.nVal);
      got.x.forEach((v, i) => expect(v).toBeCloseTo(ds.xTrain[i], 5));
      got.y.forEach((v, i) => expect(v).toBeCloseTo(ds.yVal[ds.nVal - 10 + i], 5));
    }
  });

  it.skipIf(!python)('trains a classifier on the same labels and perturbed inputs as curve-triage', () => {
    for (const { name, config } of perturbed) {
      const got = windowsInPython(
        config,
        `${name}-perturbed.py`,
        '{"x": [float(v) for v in X.reshape(-1)], "y": [float(v) for v in y]}',
      ) as { x: number[]; y: number[] };
      const ds = buildDataset(config);
      // the rows Keras' validation_split trains on, then the validation rows, exactly (float32 both sides)
      expect(got.x).toEqual([...ds.xTrain, ...ds.xVal]);
      expect(got.y).toEqual([...ds.yTrain, ...ds.yVal]);
    }
    const classifier = exportKeras(perturbed[0].config, 'keras2');
    expect(classifier).toMatch(/model\.add\(Dense\(1, activation="sigmoid"\)\)/);
    expect(classifier).toMatch(/loss="binary_crossentropy", metrics=\["accuracy"\]/);
    expect(classifier).toMatch(/^LABEL_NOISE = 0\.2 /m);
    expect(exportKeras(perturbed[3].config, 'keras2')).toMatch(/loss="mse"/);
  });
});
