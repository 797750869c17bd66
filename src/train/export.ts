/**
 * Export a run as a complete, runnable Keras script: the same data windows (the same seeded generator,
 * ported to Python, so the arrays match ours), model, compile, callbacks, fit, and the history dumped
 * to JSON (which `curve-triage diagnose history.json` reads). Flavours: Keras 2.3.1 (standalone `keras`,
 * `lr=`), tf.keras (TF 2.x) and Keras 3.
 */
import type { TrainConfig } from './config.js';
import { temperatureSeries, TEMPERATURE_SOURCE } from './data.js';

export type KerasFlavour = 'keras2' | 'tfkeras' | 'keras3';
export const KERAS_FLAVOURS: KerasFlavour[] = ['keras2', 'tfkeras', 'keras3'];

export const py = (v: unknown): string => {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return JSON.stringify(v);
};

function wrapList(values: number[], perLine = 16): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine)
    lines.push(
      '    ' +
        values
          .slice(i, i + perLine)
          .map((v) => String(v))
          .join(', ') +
        ',',
    );
  return `[\n${lines.join('\n')}\n]`;
}

/** The data generator as Python: mulberry32 + Box-Muller + Fisher-Yates, the same draws as src/util/random.ts. */
export const PY_GENERATOR = [
  '# ---- data: the same generator as curve-triage (mulberry32 + Box-Muller) ---------------------',
  'M32 = 0xFFFFFFFF',
  '',
  '',
  'def rng(seed):',
  '    state = [((seed & M32) ^ 0x9E3779B9) & M32]',
  '',
  '    def nxt():',
  '        state[0] = (state[0] + 0x6D2B79F5) & M32',
  '        t = state[0]',
  '        t = ((t ^ (t >> 15)) * (t | 1)) & M32',
  '        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & M32)) & M32',
  '        return ((t ^ (t >> 14)) & M32) / 4294967296.0',
  '    return nxt',
  '',
  '',
  'def gaussian(r):',
  '    spare = []',
  '',
  '    def nxt():',
  '        if spare:',
  '            return spare.pop()',
  '        u = 0.0',
  '        while u == 0.0:',
  '            u = r()',
  '        v = r()',
  '        m = math.sqrt(-2.0 * math.log(u))',
  '        spare.append(m * math.sin(2 * math.pi * v))',
  '        return m * math.cos(2 * math.pi * v)',
  '    return nxt',
  '',
  '',
  'def shuffle_in_place(a, r):',
  '    for i in range(len(a) - 1, 0, -1):',
  '        j = int(math.floor(r() * (i + 1)))',
  '        a[i], a[j] = a[j], a[i]',
  '',
  '',
];

/** Each flavour's imports. */
export const PY_IMPORTS: Record<KerasFlavour, string[]> = {
  keras2: [
    'import tensorflow as tf',
    'import keras',
    'from keras import backend as K',
    'from keras.models import Sequential',
    'from keras.layers import LSTM, Dense, Dropout',
    'from keras.regularizers import l2',
    'from keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler',
    'from keras import optimizers',
  ],
  tfkeras: [
    'import tensorflow as tf',
    'from tensorflow import keras',
    'from tensorflow.keras.models import Sequential',
    'from tensorflow.keras.layers import LSTM, Dense, Dropout',
    'from tensorflow.keras.regularizers import l2',
    'from tensorflow.keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler',
    'from tensorflow.keras import optimizers',
  ],
  keras3: [
    'import keras',
    'from keras import Sequential, Input',
    'from keras.layers import LSTM, Dense, Dropout',
    'from keras.regularizers import L2 as l2',
    'from keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler',
    'from keras import optimizers',
  ],
};

/**
 * make_windows() after the windows: class labels, shuffle once, split like Keras, scale with training
 * statistics (inputs only for classification), then the training-only perturbations (flipped labels,
 * input noise) on the first n_train rows, which Keras' validation_split trains on.
 */
const PY_WINDOWS_TAIL = [
  '    if CLASSIFY and DATASET == "random":',
  '        ys = [1 if v >= 0.5 else 0 for v in ys]  # random labels: nothing to learn',
  '    elif CLASSIFY and DATASET != "waveforms":',
  '        ys = [1 if ys[i] > xs[i][N_STEPS - 1] else 0 for i in range(len(ys))]  # does the next value go up',
  '    order = list(range(len(ys)))',
  '    if SHUFFLE_ONCE:',
  '        shuffle_in_place(order, rng(DATA_SEED + 7919))',
  '    n = len(ys)',
  '    n_train = int(n * (1 - VALIDATION_SPLIT))  # Keras: the LAST fraction is validation',
  '    shift, scale = 0.0, 1.0',
  '    if SCALING != "none":',
  '        vals = []',
  '        for k in order[:n_train]:',
  '            vals.extend(xs[k])',
  '            if not CLASSIFY:',
  '                vals.append(ys[k])',
  '        vals = np.asarray(vals, dtype=np.float64)',
  '        if SCALING == "standard":',
  '            shift, scale = float(vals.mean()), float(vals.std()) or 1.0',
  '        else:',
  '            shift, scale = float(vals.min()), float(vals.max() - vals.min()) or 1.0',
  '    X = np.array([[(v - shift) / scale for v in xs[k]] for k in order], dtype=np.float32)[..., None]',
  '    y = np.array([ys[k] if CLASSIFY else (ys[k] - shift) / scale for k in order], dtype=np.float32)',
  '    if CLASSIFY and LABEL_NOISE > 0:',
  '        flip = rng(DATA_SEED + 31337)',
  '        for k in range(n_train):',
  '            if flip() < LABEL_NOISE:',
  '                y[k] = 1 - y[k]',
  '    if TRAIN_INPUT_NOISE > 0:',
  '        gn = gaussian(rng(DATA_SEED + 4242))',
  '        flat = X[:n_train].reshape(-1)  # a view: the training rows, step by step',
  '        for i in range(flat.size):',
  '            flat[i] = float(flat[i]) + TRAIN_INPUT_NOISE * gn()',
  '    return X, y, scale',
  '',
  '',
];

/** main(): train the model (or the ensemble), write history.json. */
const PY_MAIN = [
  'def main():',
  '    X, y, scale = make_windows()',
  '    n_train = int(len(y) * (1 - VALIDATION_SPLIT))',
  '    print("windows:", X.shape, "train:", n_train, "validation:", len(y) - n_train)',
  '    histories, val_preds = [], []',
  '    for member in range(ENSEMBLE):',
  '        set_seed(SEED + member * 1009)',
  '        model = build_model()',
  '        if member == 0:',
  '            model.summary()',
  '        history = model.fit(X, y, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=VALIDATION_SPLIT,',
  '                            shuffle=True, callbacks=callbacks(), verbose=2)',
  '        histories.append({k: [float(v) for v in vals] for k, vals in history.history.items()})',
  '        val_preds.append(model.predict(X[n_train:], verbose=0).reshape(-1))',
  '    out = histories[0]',
  '    if ENSEMBLE > 1:',
  '        avg = np.mean(val_preds, axis=0)',
  '        if CLASSIFY:',
  '            acc = float(np.mean((avg >= 0.5) == (y[n_train:] >= 0.5)))',
  '            print("ensemble of %d: val accuracy of the averaged probability %.4f" % (ENSEMBLE, acc))',
  '        else:',
  '            mse = float(np.mean((avg - y[n_train:]) ** 2))',
  '            print("ensemble of %d: val mse of the averaged prediction %.6g" % (ENSEMBLE, mse))',
  '        with open("history_members.json", "w") as f:',
  '            json.dump(histories, f)',
  '    with open("history.json", "w") as f:',
  '        json.dump(out, f)',
  '    best = min(out["val_loss"])',
  '    if CLASSIFY:',
  '        print("best val_loss %.6g; history written to history.json" % best)',
  '    else:',
  '        print("best val_loss %.6g (%.6g in original units); history written to history.json" % (best, best * scale ** 2))',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
  '',
];

export type Lines = string[];

function docstring(c: TrainConfig, flavour: KerasFlavour): Lines {
  const header =
    flavour === 'keras2'
      ? 'Keras 2.3.1 (standalone keras on TensorFlow 1.14+/2.0-2.1)'
      : flavour === 'tfkeras'
        ? 'tf.keras (TensorFlow 2.x)'
        : 'Keras 3 (any backend)';
  return [
    '#!/usr/bin/env python3',
    `"""Reproduce the curve-triage training run${c.name ? ` "${c.name}"` : ''} with ${header}.`,
    '',
    'The data windows are generated exactly as curve-triage does (same seeded generator, ported to',
    'Python), so the arrays match; weight initialisation and batch order follow Keras, so the curves',
    'will be close, not identical. The history is written to history.json:',
    '    curve-triage diagnose history.json',
    '"""',
    'import json',
    'import math',
    '',
    'import numpy as np',
  ];
}

export function configBlock(c: TrainConfig): Lines {
  const d = c.data;
  return [
    '',
    '# ---- config ----------------------------------------------------------------------------------',
    `DATASET = ${py(d.dataset)}`,
    `N_STEPS = ${d.n_steps}`,
    `SAMPLES = ${d.samples}`,
    `NOISE = ${py(d.noise)}`,
    `TASK = ${py(c.task ?? 'regression')}  # regression: Dense(1), MSE | classification: Dense(1, sigmoid), binary cross-entropy, labels 0/1`,
    'CLASSIFY = TASK == "classification"',
    `SCALING = ${py(d.scaling)}  # standard | minmax | none (statistics from the training part only)`,
    `LABEL_NOISE = ${py(d.label_noise ?? 0)}  # classification: this fraction of the TRAINING labels flipped (validation stays clean)`,
    `TRAIN_INPUT_NOISE = ${py(d.train_input_noise ?? 0)}  # Gaussian sigma added to the training inputs only (scaled units)`,
    `SHUFFLE_ONCE = ${py(d.shuffle)}`,
    `DATA_SEED = ${d.seed}`,
    `SEED = ${c.fit.seed}`,
    `EPOCHS = ${c.fit.epochs}`,
    `BATCH_SIZE = ${c.fit.batch_size}`,
    `VALIDATION_SPLIT = ${py(c.fit.validation_split)}`,
    `ENSEMBLE = ${c.fit.ensemble}  # models averaged (different seeds)`,
    '',
  ];
}

/** The real or uploaded series the windows are cut from, inlined (generated datasets have none). */
export function seriesBlock(d: TrainConfig['data']): Lines {
  if (d.dataset === 'temperature') {
    const t = temperatureSeries().slice(0, Math.min(d.samples + d.n_steps, temperatureSeries().length));
    return [`# ${TEMPERATURE_SOURCE}`, `SERIES = ${wrapList(t)}`, '', ''];
  }
  if (d.dataset === 'upload') {
    const s = (d.series ?? []).slice(0, d.samples + d.n_steps);
    return [
      `# the uploaded series${d.series_name ? ` (${d.series_name.replace(/[\r\n]/g, ' ')})` : ''}`,
      `SERIES = ${wrapList(s)}`,
      '',
      '',
    ];
  }
  return [];
}

/** Each dataset's series (or, for random, its windows) in make_windows(). */
const PY_SERIES: Partial<Record<TrainConfig['data']['dataset'], Lines>> = {
  linear: ['    series = [(i + 1) * 0.01 + (NOISE * g() if NOISE > 0 else 0.0) for i in range(length)]'],
  noisy_sine: ['    series = [math.sin(i * 0.15) + NOISE * g() for i in range(length)]'],
  temperature: ['    series = [v + (NOISE * g() if NOISE > 0 else 0.0) for v in SERIES[:length]]'],
  upload: ['    series = list(SERIES[:length])  # uploaded values are used as they are'],
  random: [
    '    xs = [[r() for _ in range(N_STEPS)] for _ in range(SAMPLES)]',
    '    ys = [r() for _ in range(SAMPLES)]',
  ],
  // which of two waveforms a window is: sine (0) or sawtooth (1) of a random frequency, phase and amplitude
  waveforms: [
    '    xs, ys = [], []',
    '    for _ in range(SAMPLES):',
    '        cls = 0 if r() < 0.5 else 1',
    '        w = 0.2 + 0.4 * r()',
    '        ph = 2 * math.pi * r()',
    '        amp = 0.5 + r()',
    '        row = []',
    '        for t in range(N_STEPS):',
    '            a = w * t + ph',
    '            v = math.sin(a) if cls == 0 else 2 * (a / (2 * math.pi) - math.floor(a / (2 * math.pi))) - 1',
    '            row.append(amp * v + NOISE * g())',
    '        xs.append(row)',
    '        ys.append(cls)',
  ],
};

/** Datasets that come as windows already (no series to cut). */
const WINDOWED: TrainConfig['data']['dataset'][] = ['random', 'waveforms'];

export function windowsBlock(d: TrainConfig['data']): Lines {
  return [
    'def make_windows():',
    '    r = rng(DATA_SEED)',
    '    g = gaussian(r)',
    '    length = SAMPLES + N_STEPS',
    ...(PY_SERIES[d.dataset] ?? []),
    ...(!WINDOWED.includes(d.dataset)
      ? [
          '    xs = [series[i:i + N_STEPS] for i in range(len(series) - N_STEPS)]',
          '    ys = [series[i + N_STEPS] for i in range(len(series) - N_STEPS)]',
        ]
      : []),
    ...PY_WINDOWS_TAIL,
  ];
}

function optimizerLine(o: TrainConfig['optimizer'], flavour: KerasFlavour): string {
  const lrArg = flavour === 'keras2' ? 'lr' : 'learning_rate';
  const optArgs = [`${lrArg}=${py(o.lr)}`];
  if (o.name === 'adam') optArgs.push('epsilon=1e-7');
  if (o.name === 'rmsprop') optArgs.push('rho=0.9', 'epsilon=1e-7');
  if (o.name === 'sgd' && o.momentum > 0) optArgs.push(`momentum=${py(o.momentum)}`);
  if (o.clipvalue !== undefined) optArgs.push(`clipvalue=${py(o.clipvalue)}`);
  if (o.clipnorm !== undefined) optArgs.push(`clipnorm=${py(o.clipnorm)}`);
  const optName = { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD' }[o.name];
  return `    optimizer = optimizers.${optName}(${optArgs.join(', ')})`;
}

function modelBlock(c: TrainConfig, flavour: KerasFlavour): Lines {
  const L: Lines = ['def build_model():', '    model = Sequential()'];
  if (flavour === 'keras3') L.push('    model.add(Input(shape=(N_STEPS, 1)))');
  c.model.lstm.forEach((l, i) => {
    const args = [`${l.units}`];
    if (i < c.model.lstm.length - 1) args.push('return_sequences=True');
    if (l.dropout > 0) args.push(`dropout=${py(l.dropout)}`);
    if (l.recurrent_dropout > 0) args.push(`recurrent_dropout=${py(l.recurrent_dropout)}`);
    if (l.l2 > 0) args.push(`kernel_regularizer=l2(${py(l.l2)})`);
    if (i === 0 && flavour !== 'keras3') args.push('input_shape=(N_STEPS, 1)');
    L.push(`    model.add(LSTM(${args.join(', ')}))`);
  });
  for (const dl of c.model.dense) {
    L.push(`    model.add(Dense(${dl.units}, activation=${py(dl.activation)}))`);
    if (dl.dropout > 0) L.push(`    model.add(Dropout(${py(dl.dropout)}))`);
  }
  const classify = c.task === 'classification';
  L.push(
    classify ? '    model.add(Dense(1, activation="sigmoid"))' : '    model.add(Dense(1))',
    optimizerLine(c.optimizer, flavour),
    classify
      ? '    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])'
      : '    model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])',
    '    return model',
    '',
    '',
  );
  return L;
}

export function callbacksBlock(c: TrainConfig): Lines {
  const L: Lines = ['def callbacks():', '    cbs = []'];
  const es = c.fit.early_stopping;
  if (es) {
    L.push(
      `    cbs.append(EarlyStopping(monitor="val_loss", patience=${es.patience}, min_delta=${py(es.min_delta)}, restore_best_weights=${py(es.restore_best)}))`,
    );
  }
  const s = c.schedule;
  if (s.kind === 'reduce_on_plateau') {
    L.push(
      `    cbs.append(ReduceLROnPlateau(monitor="val_loss", factor=${py(s.factor)}, patience=${s.patience}, min_lr=${py(s.min_lr)}))`,
    );
  } else if (s.kind === 'cosine') {
    L.push('');
    L.push('    def cosine(epoch, lr=None):');
    L.push(
      `        return ${py(s.min_lr)} + (${py(c.optimizer.lr)} - ${py(s.min_lr)}) * 0.5 * (1 + math.cos(math.pi * epoch / EPOCHS))`,
    );
    L.push('    cbs.append(LearningRateScheduler(cosine))');
  }
  L.push('    return cbs', '', '');
  return L;
}

export function seedBlock(flavour: KerasFlavour): Lines {
  return [
    'def set_seed(seed):',
    '    np.random.seed(seed)',
    ...(flavour === 'keras3'
      ? ['    keras.utils.set_random_seed(seed)']
      : [
          '    if hasattr(tf.random, "set_seed"):',
          '        tf.random.set_seed(seed)',
          '    else:  # TensorFlow 1.x',
          '        tf.set_random_seed(seed)',
        ]),
    '',
    '',
  ];
}

export function exportKeras(config: TrainConfig, flavour: KerasFlavour = 'tfkeras'): string {
  return [
    ...docstring(config, flavour),
    ...PY_IMPORTS[flavour],
    ...configBlock(config),
    ...PY_GENERATOR,
    ...seriesBlock(config.data),
    ...windowsBlock(config.data),
    ...modelBlock(config, flavour),
    ...callbacksBlock(config),
    ...seedBlock(flavour),
    ...PY_MAIN,
  ].join('\n');
}
