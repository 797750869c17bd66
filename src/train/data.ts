/**
 * Datasets: the guide's generators (linear, random, noisy_sine), a real temperature series, or an
 * uploaded series; cut into windows of n_steps predicting the next value; split like Keras'
 * validation_split (the LAST fraction is validation); scaled with statistics of the training part only.
 * Pure and seeded: the same config gives the same arrays in the worker, the tests and the export.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { TrainConfig } from './config.js';
import { ConfigError } from './config.js';
import { gaussian, rng, shuffleInPlace } from '../util/random.js';

const here = dirname(fileURLToPath(import.meta.url));
/** fixtures/train from src/train (tsx) or dist/train (compiled) */
export const TEMPERATURE_CSV = join(here, '..', '..', 'fixtures', 'train', 'seattle-temp-max.csv');
export const TEMPERATURE_SOURCE =
  'NOAA NCDC daily maximum temperature, Seattle 2012-2015 (public domain; via vega-datasets)';

let temperatureCache: number[] | undefined;
export function temperatureSeries(): number[] {
  if (!temperatureCache) {
    const text = readFileSync(TEMPERATURE_CSV, 'utf8');
    temperatureCache = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
  }
  return temperatureCache;
}

export interface Dataset {
  /** x: samples * n_steps values (one feature), row-major */
  xTrain: Float32Array;
  yTrain: Float32Array;
  xVal: Float32Array;
  yVal: Float32Array;
  nTrain: number;
  nVal: number;
  nSteps: number;
  /** how the values were scaled: v' = (v - shift) / scale */
  scaler: { kind: TrainConfig['data']['scaling']; shift: number; scale: number };
  description: string;
}

/** The raw series and whether windows are built from it (random is sampled directly). */
function rawSeries(
  c: TrainConfig['data'],
  r: () => number,
): { series?: number[]; x?: number[][]; y?: number[]; description: string } {
  const g = gaussian(r);
  const len = c.samples + c.n_steps;
  switch (c.dataset) {
    case 'linear': {
      // the guide: 0.01, 0.02, ... (100 windows of 5 -> 0.01 .. 1.05)
      const s = Array.from({ length: len }, (_, i) => (i + 1) * 0.01 + (c.noise > 0 ? c.noise * g() : 0));
      return {
        series: s,
        description: `linear sequence 0.01..${(len * 0.01).toFixed(2)}${c.noise > 0 ? ` + N(0, ${c.noise})` : ''}`,
      };
    }
    case 'noisy_sine': {
      // the guide: sin(0.15 t) + N(0, noise)
      const s = Array.from({ length: len }, (_, i) => Math.sin(i * 0.15) + c.noise * g());
      return { series: s, description: `sin(0.15 t) + N(0, ${c.noise})` };
    }
    case 'random': {
      // the guide's overfitting example: random inputs, random targets: nothing to learn
      const x = Array.from({ length: c.samples }, () => Array.from({ length: c.n_steps }, () => r()));
      const y = Array.from({ length: c.samples }, () => r());
      return { x, y, description: 'uniform random inputs and targets (nothing to learn)' };
    }
    case 'temperature': {
      const t = temperatureSeries();
      const need = Math.min(len, t.length);
      const s = t.slice(0, need).map((v) => v + (c.noise > 0 ? c.noise * g() : 0));
      return { series: s, description: `${TEMPERATURE_SOURCE}, first ${need} days` };
    }
    case 'waveforms': {
      // classification: which of two waveforms a window is -- sine (0) or sawtooth (1) of the same random
      // frequency, phase and amplitude, plus N(0, noise); the next value is not predicted
      const x: number[][] = [];
      const y: number[] = [];
      for (let k = 0; k < c.samples; k++) {
        const cls = r() < 0.5 ? 0 : 1;
        const w = 0.2 + 0.4 * r();
        const ph = 2 * Math.PI * r();
        const amp = 0.5 + r();
        x.push(
          Array.from({ length: c.n_steps }, (_, t) => {
            const a = w * t + ph;
            // sawtooth: rises over a period then drops (2 frac(a / 2pi) - 1)
            const v = cls === 0 ? Math.sin(a) : 2 * (a / (2 * Math.PI) - Math.floor(a / (2 * Math.PI))) - 1;
            return amp * v + c.noise * g();
          }),
        );
        y.push(cls);
      }
      return { x, y, description: `sine (0) or sawtooth (1) windows + N(0, ${c.noise})` };
    }
    case 'upload': {
      if (!c.series) throw new ConfigError('dataset "upload" needs a series');
      const s = c.series.slice(0, Math.min(len, c.series.length));
      return {
        series: s,
        description: `uploaded series${c.series_name ? ` ${c.series_name}` : ''} (${s.length} values)`,
      };
    }
  }
}

/** Windows of n_steps and the value after each (random and waveforms come as windows already). */
function windowsOf(c: TrainConfig['data'], raw: ReturnType<typeof rawSeries>): { xs: number[][]; ys: number[] } {
  if (!raw.series) return { xs: raw.x!, ys: raw.y! };
  const n = raw.series.length - c.n_steps;
  if (n < 8) throw new ConfigError(`the series has ${raw.series.length} values: too short for windows of ${c.n_steps}`);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(raw.series.slice(i, i + c.n_steps));
    ys.push(raw.series[i + c.n_steps]);
  }
  return { xs, ys };
}

/** Scaler statistics (shift, scale) from the training windows only (no peeking at validation). */
function fitScaler(
  c: TrainConfig['data'],
  xs: number[][],
  ys: number[],
  trainRows: number[],
  classify: boolean,
): { shift: number; scale: number } {
  if (c.scaling === 'none') return { shift: 0, scale: 1 };
  const vals: number[] = [];
  for (const i of trainRows) {
    for (const v of xs[i]) vals.push(v);
    if (!classify) vals.push(ys[i]);
  }
  if (c.scaling === 'standard') {
    const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
    const sd = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / vals.length);
    return { shift: mean, scale: sd > 1e-12 ? sd : 1 };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vals) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { shift: lo, scale: hi - lo > 1e-12 ? hi - lo : 1 };
}

/** Training-only perturbations: flipped labels (classification) and input noise. Returns what was done. */
function perturbTraining(
  c: TrainConfig['data'],
  tr: { x: Float32Array; y: Float32Array },
  nTrain: number,
  classify: boolean,
): string[] {
  const extras: string[] = [];
  if (classify && c.label_noise) {
    const lr = rng(c.seed + 31337);
    let flipped = 0;
    for (let k = 0; k < nTrain; k++) {
      if (lr() < c.label_noise) {
        tr.y[k] = 1 - tr.y[k];
        flipped++;
      }
    }
    extras.push(`${flipped} training labels flipped`);
  }
  if (c.train_input_noise) {
    const gn = gaussian(rng(c.seed + 4242));
    for (let k = 0; k < tr.x.length; k++) tr.x[k] += c.train_input_noise * gn();
    extras.push(`training inputs + N(0, ${c.train_input_noise})`);
  }
  return extras;
}

export function buildDataset(config: TrainConfig): Dataset {
  const c = config.data;
  const r = rng(c.seed);
  const raw = rawSeries(c, r);
  const { xs, ys: raws } = windowsOf(c, raw);
  let ys = raws;
  const classify = config.task === 'classification';
  // classification labels: "does the next value go up" on a series; random targets thresholded at 0.5
  // (random labels: nothing to learn, accuracy stays at chance); waveforms come labelled
  if (classify && raw.series) ys = ys.map((v, i) => (v > xs[i][c.n_steps - 1] ? 1 : 0));
  else if (classify && c.dataset === 'random') ys = ys.map((v) => (v >= 0.5 ? 1 : 0));
  const order = Array.from({ length: ys.length }, (_, i) => i);
  if (c.shuffle) shuffleInPlace(order, rng(c.seed + 7919));
  const n = ys.length;
  const nTrain = Math.floor(n * (1 - config.fit.validation_split)); // Keras: split_at = int(n * (1 - split))
  const nVal = n - nTrain;
  const { shift, scale } = fitScaler(c, xs, ys, order.slice(0, nTrain), classify);
  const T = c.n_steps;
  const fill = (from: number, count: number) => {
    const x = new Float32Array(count * T);
    const y = new Float32Array(count);
    for (let k = 0; k < count; k++) {
      const i = order[from + k];
      for (let t = 0; t < T; t++) x[k * T + t] = (xs[i][t] - shift) / scale;
      y[k] = classify ? ys[i] : (ys[i] - shift) / scale;
    }
    return { x, y };
  };
  const tr = fill(0, nTrain);
  const va = fill(nTrain, nVal);
  const extras = perturbTraining(c, tr, nTrain, classify);
  return {
    xTrain: tr.x,
    yTrain: tr.y,
    xVal: va.x,
    yVal: va.y,
    nTrain,
    nVal,
    nSteps: T,
    scaler: { kind: c.scaling, shift, scale },
    description: `${raw.description}; ${n} windows of ${T}${c.shuffle ? ', shuffled once' : ''}; ${nTrain} train / ${nVal} validation (last ${Math.round(config.fit.validation_split * 100)}%); scaling ${c.scaling}${classify ? '; binary labels' : ''}${extras.length ? `; ${extras.join(', ')}` : ''}`,
  };
}
