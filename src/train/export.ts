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

const py = (v: unknown): string => {
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return JSON.stringify(v);
};

function wrapList(values: number[], perLine = 16): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) lines.push('    ' + values.slice(i, i + perLine).map((v) => String(v)).join(', ') + ',');
  return `[\n${lines.join('\n')}\n]`;
}

export function exportKeras(config: TrainConfig, flavour: KerasFlavour = 'tfkeras'): string {
  const c = config;
  const d = c.data;
  const L: string[] = [];
  const header =
    flavour === 'keras2'
      ? 'Keras 2.3.1 (standalone keras on TensorFlow 1.14+/2.0-2.1)'
      : flavour === 'tfkeras'
        ? 'tf.keras (TensorFlow 2.x)'
        : 'Keras 3 (any backend)';
  L.push('#!/usr/bin/env python3');
  L.push(`"""Reproduce the curve-triage training run${c.name ? ` "${c.name}"` : ''} with ${header}.`);
  L.push('');
  L.push('The data windows are generated exactly as curve-triage does (same seeded generator, ported to');
  L.push('Python), so the arrays match; weight initialisation and batch order follow Keras, so the curves');
  L.push('will be close, not identical. The history is written to history.json:');
  L.push('    curve-triage diagnose history.json');
  L.push('"""');
  L.push('import json');
  L.push('import math');
  L.push('');
  L.push('import numpy as np');
  if (flavour === 'keras2') {
    L.push('import tensorflow as tf');
    L.push('import keras');
    L.push('from keras import backend as K');
    L.push('from keras.models import Sequential');
    L.push('from keras.layers import LSTM, Dense, Dropout');
    L.push('from keras.regularizers import l2');
    L.push('from keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler');
    L.push('from keras import optimizers');
  } else if (flavour === 'tfkeras') {
    L.push('import tensorflow as tf');
    L.push('from tensorflow import keras');
    L.push('from tensorflow.keras.models import Sequential');
    L.push('from tensorflow.keras.layers import LSTM, Dense, Dropout');
    L.push('from tensorflow.keras.regularizers import l2');
    L.push('from tensorflow.keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler');
    L.push('from tensorflow.keras import optimizers');
  } else {
    L.push('import keras');
    L.push('from keras import Sequential, Input');
    L.push('from keras.layers import LSTM, Dense, Dropout');
    L.push('from keras.regularizers import L2 as l2');
    L.push('from keras.callbacks import EarlyStopping, ReduceLROnPlateau, LearningRateScheduler');
    L.push('from keras import optimizers');
  }
  L.push('');
  L.push('# ---- config ----------------------------------------------------------------------------------');
  L.push(`DATASET = ${py(d.dataset)}`);
  L.push(`N_STEPS = ${d.n_steps}`);
  L.push(`SAMPLES = ${d.samples}`);
  L.push(`NOISE = ${py(d.noise)}`);
  L.push(`SCALING = ${py(d.scaling)}  # standard | minmax | none (statistics from the training part only)`);
  L.push(`SHUFFLE_ONCE = ${py(d.shuffle)}`);
  L.push(`DATA_SEED = ${d.seed}`);
  L.push(`SEED = ${c.fit.seed}`);
  L.push(`EPOCHS = ${c.fit.epochs}`);
  L.push(`BATCH_SIZE = ${c.fit.batch_size}`);
  L.push(`VALIDATION_SPLIT = ${py(c.fit.validation_split)}`);
  L.push(`ENSEMBLE = ${c.fit.ensemble}  # models averaged (different seeds)`);
  L.push('');
  L.push('# ---- data: the same generator as curve-triage (mulberry32 + Box-Muller) ---------------------');
  L.push('M32 = 0xFFFFFFFF');
  L.push('');
  L.push('');
  L.push('def rng(seed):');
  L.push('    state = [((seed & M32) ^ 0x9E3779B9) & M32]');
  L.push('');
  L.push('    def nxt():');
  L.push('        state[0] = (state[0] + 0x6D2B79F5) & M32');
  L.push('        t = state[0]');
  L.push('        t = ((t ^ (t >> 15)) * (t | 1)) & M32');
  L.push('        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & M32)) & M32');
  L.push('        return ((t ^ (t >> 14)) & M32) / 4294967296.0');
  L.push('    return nxt');
  L.push('');
  L.push('');
  L.push('def gaussian(r):');
  L.push('    spare = []');
  L.push('');
  L.push('    def nxt():');
  L.push('        if spare:');
  L.push('            return spare.pop()');
  L.push('        u = 0.0');
  L.push('        while u == 0.0:');
  L.push('            u = r()');
  L.push('        v = r()');
  L.push('        m = math.sqrt(-2.0 * math.log(u))');
  L.push('        spare.append(m * math.sin(2 * math.pi * v))');
  L.push('        return m * math.cos(2 * math.pi * v)');
  L.push('    return nxt');
  L.push('');
  L.push('');
  L.push('def shuffle_in_place(a, r):');
  L.push('    for i in range(len(a) - 1, 0, -1):');
  L.push('        j = int(math.floor(r() * (i + 1)))');
  L.push('        a[i], a[j] = a[j], a[i]');
  L.push('');
  L.push('');
  if (d.dataset === 'temperature') {
    const t = temperatureSeries().slice(0, Math.min(d.samples + d.n_steps, temperatureSeries().length));
    L.push(`# ${TEMPERATURE_SOURCE}`);
    L.push(`SERIES = ${wrapList(t)}`);
    L.push('');
    L.push('');
  } else if (d.dataset === 'upload') {
    const s = (d.series ?? []).slice(0, d.samples + d.n_steps);
    L.push(`# the uploaded series${d.series_name ? ` (${d.series_name.replace(/[\r\n]/g, ' ')})` : ''}`);
    L.push(`SERIES = ${wrapList(s)}`);
    L.push('');
    L.push('');
  }
  L.push('def make_windows():');
  L.push('    r = rng(DATA_SEED)');
  L.push('    g = gaussian(r)');
  L.push('    length = SAMPLES + N_STEPS');
  switch (d.dataset) {
    case 'linear':
      L.push('    series = [(i + 1) * 0.01 + (NOISE * g() if NOISE > 0 else 0.0) for i in range(length)]');
      break;
    case 'noisy_sine':
      L.push('    series = [math.sin(i * 0.15) + NOISE * g() for i in range(length)]');
      break;
    case 'temperature':
      L.push('    series = [v + (NOISE * g() if NOISE > 0 else 0.0) for v in SERIES[:length]]');
      break;
    case 'upload':
      L.push('    series = list(SERIES[:length])  # uploaded values are used as they are');
      break;
    case 'random':
      L.push('    xs = [[r() for _ in range(N_STEPS)] for _ in range(SAMPLES)]');
      L.push('    ys = [r() for _ in range(SAMPLES)]');
      break;
  }
  if (d.dataset !== 'random') {
    L.push('    xs = [series[i:i + N_STEPS] for i in range(len(series) - N_STEPS)]');
    L.push('    ys = [series[i + N_STEPS] for i in range(len(series) - N_STEPS)]');
  }
  L.push('    order = list(range(len(ys)))');
  L.push('    if SHUFFLE_ONCE:');
  L.push('        shuffle_in_place(order, rng(DATA_SEED + 7919))');
  L.push('    n = len(ys)');
  L.push('    n_train = int(n * (1 - VALIDATION_SPLIT))  # Keras: the LAST fraction is validation');
  L.push('    shift, scale = 0.0, 1.0');
  L.push('    if SCALING != "none":');
  L.push('        vals = []');
  L.push('        for k in order[:n_train]:');
  L.push('            vals.extend(xs[k])');
  L.push('            vals.append(ys[k])');
  L.push('        vals = np.asarray(vals, dtype=np.float64)');
  L.push('        if SCALING == "standard":');
  L.push('            shift, scale = float(vals.mean()), float(vals.std()) or 1.0');
  L.push('        else:');
  L.push('            shift, scale = float(vals.min()), float(vals.max() - vals.min()) or 1.0');
  L.push('    X = np.array([[(v - shift) / scale for v in xs[k]] for k in order], dtype=np.float32)[..., None]');
  L.push('    y = np.array([(ys[k] - shift) / scale for k in order], dtype=np.float32)');
  L.push('    return X, y, scale');
  L.push('');
  L.push('');
  // ---- model
  L.push('def build_model():');
  L.push('    model = Sequential()');
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
  L.push('    model.add(Dense(1))');
  const o = c.optimizer;
  const lrArg = flavour === 'keras2' ? 'lr' : 'learning_rate';
  const optArgs = [`${lrArg}=${py(o.lr)}`];
  if (o.name === 'adam') optArgs.push('epsilon=1e-7');
  if (o.name === 'rmsprop') optArgs.push('rho=0.9', 'epsilon=1e-7');
  if (o.name === 'sgd' && o.momentum > 0) optArgs.push(`momentum=${py(o.momentum)}`);
  if (o.clipvalue !== undefined) optArgs.push(`clipvalue=${py(o.clipvalue)}`);
  if (o.clipnorm !== undefined) optArgs.push(`clipnorm=${py(o.clipnorm)}`);
  const optName = { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD' }[o.name];
  L.push(`    optimizer = optimizers.${optName}(${optArgs.join(', ')})`);
  L.push('    model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])');
  L.push('    return model');
  L.push('');
  L.push('');
  // ---- callbacks
  L.push('def callbacks():');
  L.push('    cbs = []');
  const es = c.fit.early_stopping;
  if (es) {
    L.push(`    cbs.append(EarlyStopping(monitor="val_loss", patience=${es.patience}, min_delta=${py(es.min_delta)}, restore_best_weights=${py(es.restore_best)}))`);
  }
  const s = c.schedule;
  if (s.kind === 'reduce_on_plateau') {
    L.push(`    cbs.append(ReduceLROnPlateau(monitor="val_loss", factor=${py(s.factor)}, patience=${s.patience}, min_lr=${py(s.min_lr)}))`);
  } else if (s.kind === 'cosine') {
    L.push('');
    L.push('    def cosine(epoch, lr=None):');
    L.push(`        return ${py(s.min_lr)} + (${py(o.lr)} - ${py(s.min_lr)}) * 0.5 * (1 + math.cos(math.pi * epoch / EPOCHS))`);
    L.push('    cbs.append(LearningRateScheduler(cosine))');
  }
  L.push('    return cbs');
  L.push('');
  L.push('');
  L.push('def set_seed(seed):');
  L.push('    np.random.seed(seed)');
  if (flavour === 'keras3') L.push('    keras.utils.set_random_seed(seed)');
  else {
    L.push('    if hasattr(tf.random, "set_seed"):');
    L.push('        tf.random.set_seed(seed)');
    L.push('    else:  # TensorFlow 1.x');
    L.push('        tf.set_random_seed(seed)');
  }
  L.push('');
  L.push('');
  L.push('def main():');
  L.push('    X, y, scale = make_windows()');
  L.push('    n_train = int(len(y) * (1 - VALIDATION_SPLIT))');
  L.push('    print("windows:", X.shape, "train:", n_train, "validation:", len(y) - n_train)');
  L.push('    histories, val_preds = [], []');
  L.push('    for member in range(ENSEMBLE):');
  L.push('        set_seed(SEED + member * 1009)');
  L.push('        model = build_model()');
  L.push('        if member == 0:');
  L.push('            model.summary()');
  L.push('        history = model.fit(X, y, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=VALIDATION_SPLIT,');
  L.push('                            shuffle=True, callbacks=callbacks(), verbose=2)');
  L.push('        histories.append({k: [float(v) for v in vals] for k, vals in history.history.items()})');
  L.push('        val_preds.append(model.predict(X[n_train:], verbose=0).reshape(-1))');
  L.push('    out = histories[0]');
  L.push('    if ENSEMBLE > 1:');
  L.push('        mse = float(np.mean((np.mean(val_preds, axis=0) - y[n_train:]) ** 2))');
  L.push('        print("ensemble of %d: val mse of the averaged prediction %.6g" % (ENSEMBLE, mse))');
  L.push('        with open("history_members.json", "w") as f:');
  L.push('            json.dump(histories, f)');
  L.push('    with open("history.json", "w") as f:');
  L.push('        json.dump(out, f)');
  L.push('    best = min(out["val_loss"])');
  L.push('    print("best val_loss %.6g (%.6g in original units); history written to history.json" % (best, best * scale ** 2))');
  L.push('');
  L.push('');
  L.push('if __name__ == "__main__":');
  L.push('    main()');
  L.push('');
  return L.join('\n');
}
