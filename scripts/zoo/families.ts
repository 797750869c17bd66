/**
 * The curve zoo's design space: one config-family generator per intended behaviour, and the remedy the
 * seed guide gives for each pattern. A family is one sampled template (dataset, task, model, optimiser,
 * schedule, fit); its members are jittered copies (seeds, lr, samples, epochs), so near-identical configs
 * share a family and the train/dev/test split (by family) never separates them.
 *
 * Dev only: the real series come from the vega-datasets devDependency; the product never reads them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CAPS, countParams, parseConfig, type TrainConfig, type TrainConfigInput } from '../../src/train/config.js';
import { temperatureSeries } from '../../src/train/data.js';
import { mulberry32 } from '../../src/util/random.js';

export const PATTERNS = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable'] as const;
export type Pattern = (typeof PATTERNS)[number];
/** the remedies: one per pattern but good_fit */
export const REMEDIES = ['unstable', 'underfitting', 'overfitting', 'high_variance'] as const;
export type Remedy = (typeof REMEDIES)[number];

// ---------------------------------------------------------------- real series (vega-datasets)

/** name -> [file, column]; each a one-column series passed to the engine as dataset "upload" */
export const VEGA_SERIES: Record<string, [string, string]> = {
  co2: ['co2-concentration.csv', 'CO2'],
  seattle_wind: ['seattle-weather.csv', 'wind'],
  seattle_temp_min: ['seattle-weather.csv', 'temp_min'],
  hourly_temp: ['seattle-weather-hourly-normals.csv', 'temperature'],
  sp500: ['sp500-2000.csv', 'close'],
};

const seriesCache = new Map<string, number[]>();
export function vegaSeries(name: string): number[] {
  let s = seriesCache.get(name);
  if (s) return s;
  const [file, col] = VEGA_SERIES[name];
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'vega-datasets', 'data');
  const lines = readFileSync(join(dir, file), 'utf8').trim().split(/\r?\n/);
  const k = lines[0].split(',').indexOf(col);
  s = lines
    .slice(1)
    .map((l) => Number(l.split(',')[k]))
    .filter(Number.isFinite)
    .slice(0, CAPS.maxSeriesRows);
  seriesCache.set(name, s);
  return s;
}

/** Windows a dataset can give (generated data: the samples cap). */
export function available(d: { dataset: string; series_ref?: string }, nSteps: number): number {
  if (d.dataset === 'temperature') return temperatureSeries().length - nSteps;
  if (d.series_ref) return vegaSeries(d.series_ref).length - nSteps;
  return CAPS.maxSamples;
}

// ---------------------------------------------------------------- config as stored (series by reference)

/** A TrainConfigInput whose upload series is named (series_ref) instead of inlined. */
export type ZooConfig = TrainConfigInput & {
  data: NonNullable<TrainConfigInput['data']> & { series_ref?: string };
  model: NonNullable<TrainConfigInput['model']>;
  optimizer: NonNullable<TrainConfigInput['optimizer']>;
  fit: NonNullable<TrainConfigInput['fit']>;
};

/** The engine's config: the series_ref resolved to the series. */
export function resolve(zc: ZooConfig): TrainConfig {
  const { series_ref, ...data } = zc.data;
  const d = series_ref
    ? {
        ...data,
        dataset: 'upload' as const,
        series: vegaSeries(series_ref),
        series_name: `vega-datasets ${series_ref}`,
      }
    : data;
  return parseConfig({ ...zc, data: d });
}

// ---------------------------------------------------------------- cost model

/**
 * Seconds a run takes on one thread (fused engine, wasm), fitted on this machine: per training window-step
 * ~1.8 ns x sum(u^2 + 81 u) over the LSTM layers, plus ~45 us per batch-step-layer; validation ~1/3 of a
 * training pass per window.
 */
export function estSeconds(c: TrainConfig): number {
  const nTr = Math.floor(c.data.samples * (1 - c.fit.validation_split));
  const nVa = c.data.samples - nTr;
  const T = c.data.n_steps;
  const L = c.model.lstm.length;
  const work = c.model.lstm.reduce((a, l) => a + l.units * l.units + 81 * l.units, 0);
  const batches = Math.ceil(nTr / Math.max(1, Math.min(c.fit.batch_size, nTr)));
  const perEpoch = (nTr + nVa / 3) * T * work * 1.8e-9 + batches * T * L * 45e-6;
  return c.fit.epochs * c.fit.ensemble * perEpoch;
}

// ---------------------------------------------------------------- sampling helpers

export type Rng = () => number;
const logU = (r: Rng, a: number, b: number) => Math.exp(Math.log(a) + (Math.log(b) - Math.log(a)) * r());
const uni = (r: Rng, a: number, b: number) => a + (b - a) * r();
const intLog = (r: Rng, a: number, b: number) => Math.round(logU(r, a, b));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number) => r() < p;
const sig = (v: number, d = 3) => Number(v.toPrecision(d));

const REG_DATA = ['noisy_sine', 'noisy_sine', 'linear', 'random', 'temperature', 'vega'] as const;
const CLS_DATA = ['waveforms', 'waveforms', 'noisy_sine', 'random', 'temperature', 'vega'] as const;

function dataset(
  r: Rng,
  task: 'regression' | 'classification',
  opts: { noRandom?: boolean } = {},
): { dataset: string; series_ref?: string } {
  let d: string;
  do d = pick(r, task === 'classification' ? CLS_DATA : REG_DATA);
  while (opts.noRandom && d === 'random');
  if (d === 'vega') return { dataset: 'upload', series_ref: pick(r, Object.keys(VEGA_SERIES)) };
  return { dataset: d };
}

function schedule(r: Rng, epochs: number): NonNullable<TrainConfigInput['schedule']> {
  const kind = pick(r, [
    'none',
    'none',
    'none',
    'cosine',
    'step',
    'warmup',
    'warmup_cosine',
    'reduce_on_plateau',
  ] as const);
  switch (kind) {
    case 'step':
      return {
        kind,
        factor: pick(r, [0.5, 0.3, 0.1]),
        step_every: Math.max(1, Math.round(epochs / pick(r, [2, 3, 4]))),
      };
    case 'warmup':
    case 'warmup_cosine':
      return { kind, warmup_epochs: Math.max(1, Math.round(epochs * uni(r, 0.05, 0.2))) };
    case 'reduce_on_plateau':
      return { kind, factor: 0.5, patience: Math.max(2, Math.round(epochs / 15)) };
    default:
      return { kind };
  }
}

function earlyStopping(r: Rng, epochs: number, p: number): { patience: number; restore_best: boolean } | null {
  return chance(r, p)
    ? { patience: Math.max(3, Math.round(epochs * uni(r, 0.05, 0.2))), restore_best: chance(r, 0.7) }
    : null;
}

/** the family template a kind produces; samples/epochs/lr are jittered per member */
interface Template {
  intended: Pattern;
  variant: string;
  config: ZooConfig;
}

type Task = 'regression' | 'classification';

function base(r: Rng, task: Task, ds: { dataset: string; series_ref?: string }, nSteps: number): ZooConfig {
  return {
    ...(task === 'classification' ? { task } : {}),
    data: { ...ds, n_steps: nSteps, samples: 500, noise: 0.1, scaling: 'standard', shuffle: chance(r, 0.3), seed: 0 },
    model: { lstm: [{ units: 16 }], dense: [] },
    optimizer: { name: 'adam', lr: 1e-3 },
    schedule: { kind: 'none' },
    fit: { epochs: 30, batch_size: 32, validation_split: 0.2, early_stopping: null, seed: 0 },
    max_seconds: 60,
  } as ZooConfig;
}

function layers(r: Rng, lo: number, hi: number, maxLayers: number, reg: { dropout?: number; l2?: number } = {}) {
  const n = 1 + Math.floor(r() * maxLayers);
  const u = intLog(r, lo, hi);
  return Array.from({ length: n }, (_, i) => ({
    units: Math.max(2, i === 0 ? u : Math.round(u / 2 ** i)),
    dropout: reg.dropout ?? 0,
    recurrent_dropout: 0,
    l2: reg.l2 ?? 0,
  }));
}

const TEMPLATES: Record<Pattern, (r: Rng, task: Task) => Template> = {
  unstable(r, task) {
    const v = pick(r, ['lr_far_too_high', 'sgd_momentum_high_lr', 'high_lr_tiny_batch', 'unscaled_high_lr'] as const);
    const ds = dataset(r, task, { noRandom: true });
    const c = base(r, task, ds, intLog(r, 4, 20));
    c.data.samples = intLog(r, 200, 3000);
    c.data.noise = sig(logU(r, 0.02, 0.3));
    c.model.lstm = layers(r, 8, 64, 2);
    c.fit.epochs = intLog(r, 10, 80);
    c.fit.batch_size = intLog(r, 8, 128);
    if (v === 'lr_far_too_high')
      c.optimizer = { name: pick(r, ['adam', 'rmsprop'] as const), lr: sig(logU(r, 0.08, 3)) };
    else if (v === 'sgd_momentum_high_lr')
      c.optimizer = { name: 'sgd', lr: sig(logU(r, 0.1, 3)), momentum: pick(r, [0, 0.9]) };
    else if (v === 'high_lr_tiny_batch') {
      c.optimizer = { name: pick(r, ['adam', 'rmsprop'] as const), lr: sig(logU(r, 0.02, 0.2)) };
      c.fit.batch_size = intLog(r, 2, 8);
      c.data.samples = intLog(r, 100, 800);
    } else {
      c.data.scaling = 'none';
      c.optimizer = { name: pick(r, ['adam', 'sgd', 'rmsprop'] as const), lr: sig(logU(r, 0.01, 0.5)) };
    }
    if (chance(r, 0.3)) c.schedule = schedule(r, c.fit.epochs!);
    return { intended: 'unstable', variant: v, config: c };
  },
  underfitting(r, task) {
    const v = pick(r, ['tiny_model_tiny_lr', 'tiny_lr', 'sgd_slow', 'heavy_regularisation', 'too_few_epochs'] as const);
    const ds = dataset(r, task, { noRandom: true });
    const c = base(r, task, ds, intLog(r, 5, 20));
    c.data.samples = intLog(r, 300, 4000);
    c.data.noise = sig(logU(r, 0.02, 0.2));
    c.fit.epochs = intLog(r, 5, 60);
    c.fit.batch_size = intLog(r, 16, 256);
    if (v === 'tiny_model_tiny_lr') {
      c.model.lstm = [{ units: intLog(r, 2, 4) }];
      c.optimizer = { name: 'adam', lr: sig(logU(r, 1e-5, 3e-4)) };
    } else if (v === 'tiny_lr') {
      c.model.lstm = layers(r, 8, 48, 2);
      c.optimizer = { name: pick(r, ['adam', 'rmsprop'] as const), lr: sig(logU(r, 1e-5, 1e-4)) };
    } else if (v === 'sgd_slow') {
      c.model.lstm = layers(r, 4, 32, 2);
      c.optimizer = { name: 'sgd', lr: sig(logU(r, 1e-4, 3e-3)) };
    } else if (v === 'heavy_regularisation') {
      c.model.lstm = layers(r, 4, 32, 2, { dropout: sig(uni(r, 0.4, 0.7)), l2: sig(logU(r, 0.01, 0.5)) });
      c.optimizer = { name: 'adam', lr: sig(logU(r, 3e-4, 3e-3)) };
    } else {
      c.model.lstm = layers(r, 4, 24, 1);
      c.optimizer = { name: 'adam', lr: sig(logU(r, 1e-4, 1e-3)) };
      c.fit.epochs = intLog(r, 5, 12);
    }
    if (chance(r, 0.25)) c.schedule = schedule(r, c.fit.epochs!);
    return { intended: 'underfitting', variant: v, config: c };
  },
  overfitting(r, task) {
    const v = pick(r, ['big_model_little_data', 'random_targets', 'label_noise', 'noisy_small'] as const);
    const ds = v === 'random_targets' ? { dataset: 'random' } : dataset(r, task, { noRandom: true });
    const c = base(r, task, ds, intLog(r, 4, 12));
    c.data.samples = intLog(r, 30, 250);
    c.data.noise = sig(logU(r, 0.2, 1));
    c.data.shuffle = chance(r, 0.6);
    c.model.lstm = layers(r, 32, 192, 2);
    if (chance(r, 0.3)) c.model.dense = [{ units: intLog(r, 16, 64), activation: 'relu', dropout: 0 }];
    c.optimizer = { name: 'adam', lr: sig(logU(r, 1e-3, 1e-2)) };
    c.fit.epochs = intLog(r, 60, 300);
    c.fit.batch_size = intLog(r, 8, 64);
    if (v === 'label_noise') {
      if (task === 'classification') c.data.label_noise = sig(uni(r, 0.1, 0.35));
      else c.data.noise = sig(logU(r, 0.5, 1.5));
    }
    if (chance(r, 0.2)) c.schedule = schedule(r, c.fit.epochs!);
    return { intended: 'overfitting', variant: v, config: c };
  },
  high_variance(r, task) {
    const v = pick(r, ['tiny_val_set', 'tiny_batch', 'tiny_val_tiny_batch'] as const);
    const ds = dataset(r, task);
    const c = base(r, task, ds, intLog(r, 4, 12));
    c.data.samples = intLog(r, 60, 600);
    c.data.noise = sig(logU(r, 0.3, 1.2));
    c.model.lstm = layers(r, 8, 48, 2);
    c.optimizer = { name: pick(r, ['adam', 'rmsprop'] as const), lr: sig(logU(r, 2e-3, 2e-2)) };
    c.fit.epochs = intLog(r, 20, 100);
    c.fit.batch_size = v === 'tiny_val_set' ? intLog(r, 8, 64) : intLog(r, 2, 6);
    c.fit.validation_split = v === 'tiny_batch' ? sig(uni(r, 0.1, 0.25), 2) : sig(uni(r, 0.05, 0.1), 2);
    c.data.shuffle = chance(r, 0.5);
    if (chance(r, 0.25)) c.schedule = schedule(r, c.fit.epochs!);
    return { intended: 'high_variance', variant: v, config: c };
  },
  good_fit(r, task) {
    const v = pick(r, [
      'healthy',
      'healthy',
      'healthy_early_stopping',
      'val_below_train',
      'healthy_regularised',
    ] as const);
    const ds = dataset(r, task, { noRandom: true });
    const c = base(r, task, ds, intLog(r, 5, 20));
    c.data.samples = intLog(r, 300, 3000);
    c.data.noise = sig(logU(r, 0.03, 0.3));
    c.data.scaling = pick(r, ['standard', 'standard', 'minmax'] as const);
    c.model.lstm = layers(r, 12, 48, 2);
    c.optimizer = { name: pick(r, ['adam', 'adam', 'rmsprop'] as const), lr: sig(logU(r, 3e-3, 2e-2)) };
    c.fit.epochs = intLog(r, 30, 120);
    c.fit.batch_size = intLog(r, 16, 128);
    c.fit.early_stopping = earlyStopping(r, c.fit.epochs!, v === 'healthy_early_stopping' ? 1 : 0.2);
    if (v === 'val_below_train') c.data.train_input_noise = sig(uni(r, 0.2, 0.8));
    if (v === 'healthy_regularised')
      c.model.lstm = c.model.lstm.map((l) => ({
        ...l,
        dropout: sig(uni(r, 0.05, 0.25)),
        l2: sig(logU(r, 1e-5, 1e-3)),
      }));
    c.schedule = schedule(r, c.fit.epochs!);
    return { intended: 'good_fit', variant: v, config: c };
  },
};

/**
 * Extension families (index >= EXTENSION_START), added after the first 200 labelled runs showed the
 * high-variance families ending mostly as overfitting / good_fit by intervention: a validation set of a
 * few shuffled windows on a learnable series, small batches, a moderate lr, and too few epochs to overfit.
 */
export const EXTENSION_START = 300;
function highVarianceV2(r: Rng, task: Task, longer = false): Template {
  const v = pick(r, ['few_val_windows', 'few_val_windows_small_batch'] as const);
  const ds = dataset(r, task, { noRandom: true });
  const c = base(r, task, ds, intLog(r, 4, 12));
  // 3-8 validation windows: the val loss is the mean of a handful of errors, so every small change of
  // the model moves it; the training loss averages hundreds of updates
  c.data.samples = intLog(r, 60, 160);
  c.data.noise = sig(logU(r, 0.2, 0.6));
  c.data.shuffle = true;
  c.model.lstm = layers(r, 8, 32, 1);
  c.optimizer = { name: 'adam', lr: sig(logU(r, 5e-3, 3e-2)) };
  c.fit.epochs = longer ? intLog(r, 20, 50) : intLog(r, 15, 40);
  c.fit.batch_size = v === 'few_val_windows' ? intLog(r, 8, 16) : intLog(r, 2, 6);
  c.fit.validation_split = 0.05;
  return { intended: 'high_variance', variant: v, config: c };
}

/**
 * Extension families (index >= DIVERGE_START): lr far too high on unscaled or barely scaled targets,
 * so the runs blow up to NaN or diverge (the first 200 runs held only 2 NaN runs; the diagnoser must
 * catch every one).
 */
export const DIVERGE_START = 400;
export const NAN_HEAVY_START = 410;
function unstableV2(r: Rng, task: Task, index: number): Template {
  // from NAN_HEAVY_START: momentum SGD with a large step on the large-valued series (S&P 500 ~1,000-1,500,
  // CO2 ~315-400): 400-409 gave only 4 NaN runs in 21 (the LSTM's gates saturate; only the linear output explodes)
  if (index >= NAN_HEAVY_START && task === 'regression') {
    const ds = pick(r, [
      { dataset: 'upload', series_ref: 'sp500' },
      { dataset: 'upload', series_ref: 'sp500' },
      { dataset: 'upload', series_ref: 'co2' },
    ]);
    const c = base(r, task, ds, intLog(r, 4, 16));
    c.data.samples = intLog(r, 200, 2000);
    c.data.scaling = 'none';
    c.model.lstm = layers(r, 8, 32, 2);
    if (chance(r, 0.5)) c.model.dense = [{ units: intLog(r, 8, 32), activation: 'relu', dropout: 0 }];
    c.fit.epochs = intLog(r, 10, 40);
    c.fit.batch_size = intLog(r, 8, 64);
    c.optimizer = { name: 'sgd', lr: sig(logU(r, 0.2, 3)), momentum: pick(r, [0.9, 0.9, 0]) };
    return { intended: 'unstable', variant: 'nan_large_values_sgd', config: c };
  }
  const v = pick(r, ['nan_unscaled_sgd', 'nan_unscaled_adam', 'diverge_sgd_momentum'] as const);
  const ds =
    task === 'classification'
      ? dataset(r, task, { noRandom: true })
      : pick(r, [
          { dataset: 'temperature' },
          { dataset: 'upload', series_ref: 'co2' },
          { dataset: 'upload', series_ref: 'sp500' },
          { dataset: 'linear' },
          { dataset: 'upload', series_ref: 'hourly_temp' },
        ]);
  const c = base(r, task, ds, intLog(r, 4, 16));
  c.data.samples = intLog(r, 200, 2000);
  c.model.lstm = layers(r, 8, 48, 2);
  if (chance(r, 0.3)) c.model.dense = [{ units: intLog(r, 8, 32), activation: 'relu', dropout: 0 }];
  c.fit.epochs = intLog(r, 10, 60);
  c.fit.batch_size = intLog(r, 8, 64);
  if (v === 'nan_unscaled_sgd') {
    c.data.scaling = 'none';
    c.optimizer = { name: 'sgd', lr: sig(logU(r, 0.05, 3)), momentum: pick(r, [0, 0.9]) };
  } else if (v === 'nan_unscaled_adam') {
    c.data.scaling = 'none';
    c.optimizer = { name: pick(r, ['adam', 'rmsprop'] as const), lr: sig(logU(r, 0.3, 3)) };
  } else {
    c.data.scaling = pick(r, ['none', 'minmax'] as const);
    c.optimizer = { name: 'sgd', lr: sig(logU(r, 0.5, 3)), momentum: 0.9 };
  }
  return { intended: 'unstable', variant: v, config: c };
}

/** Second high-variance extension (index >= HV3_START): regression only (classification's few val windows gave mostly overfitting / good fits), 20-50 epochs. */
export const HV3_START = 500;

export const MEMBERS_PER_FAMILY = 4;
/** per-run time budget on one thread (estSeconds of the base run); 1 family in 10 gets the large budget */
const BUDGET_SMALL = 0.15;
const BUDGET_LARGE = 0.8;

export interface FamilySpec {
  family: string;
  intended: Pattern;
  variant: string;
  task: Task;
  members: { id: string; seed: number; config: ZooConfig }[];
}

/** Family `index` of the zoo with master seed `seed`: the kind cycles through the 5 patterns. */
export function family(seed: number, index: number): FamilySpec {
  const r = mulberry32((seed * 1_000_003 + index * 7919 + 17) >>> 0);
  const hv3 = index >= HV3_START;
  const ext = (index >= EXTENSION_START && index < DIVERGE_START) || hv3;
  const diverge = index >= DIVERGE_START && !hv3;
  const intended = ext ? 'high_variance' : diverge ? 'unstable' : PATTERNS[index % PATTERNS.length];
  const task: Task = r() < 0.25 && !hv3 ? 'classification' : 'regression';
  const large = r() < 0.1;
  const budget = large ? BUDGET_LARGE : BUDGET_SMALL;
  // rejection sampling within the budget (the jittered members may go ~40% over); after 40 tries the
  // last candidate is shrunk (windows and epochs, then units) until it fits
  let t: Template | undefined;
  for (let tries = 0; tries < 40 && !t; tries++) {
    const cand = ext
      ? highVarianceV2(r, task, hv3)
      : diverge
        ? unstableV2(r, task, index)
        : TEMPLATES[intended](r, task);
    clampToData(cand.config);
    const cost = estSeconds(resolve(cand.config));
    if (cost <= budget || tries === 39) t = cand;
  }
  const tc = t!.config;
  // good fits and overfits need their epochs (to converge, to overfit): they give windows and units first
  const keepEpochs = intended === 'good_fit' || intended === 'overfitting';
  const minSamples = intended === 'good_fit' ? 250 : 60;
  for (let k = 0; k < 300 && estSeconds(resolve(tc)) > budget; k++) {
    const step = keepEpochs && k < 40 ? (k % 2 === 0 ? 0 : 2) : k % 3;
    if (step === 2)
      tc.model!.lstm = tc.model!.lstm.map((l) => ({
        ...l,
        units: Math.max(keepEpochs ? 8 : 2, Math.round(l.units * 0.85)),
      }));
    else if (step === 1 && tc.fit!.epochs! > 8) tc.fit!.epochs = Math.round(tc.fit!.epochs! * 0.85);
    else if (tc.data.samples! > minSamples) tc.data.samples = Math.max(minSamples, Math.round(tc.data.samples! * 0.85));
    else if (tc.fit!.epochs! > 8) tc.fit!.epochs = Math.round(tc.fit!.epochs! * 0.85);
    clampToData(tc);
  }
  if (!t || countParams(resolve(tc).model) > CAPS.maxParams)
    throw new Error(`family ${index}: no config within budget`);
  // master seed 1 (the committed zoo) keeps its plain names; another seed's families are prefixed, so
  // their ids and names never meet seed 1's in the bench or a fit
  const tag = seed === 1 ? '' : `s${seed}-`;
  const name = `${tag}${intended}/${t.variant}/${index}`;
  const members = Array.from({ length: MEMBERS_PER_FAMILY }, (_, j) => {
    const mr = mulberry32((seed * 31 + index * 1013 + j * 104729 + 5) >>> 0);
    const c = structuredClone(t.config);
    const mseed = index * 100 + j;
    c.data.seed = mseed;
    c.fit!.seed = mseed;
    c.optimizer!.lr = sig(c.optimizer!.lr! * logU(mr, 0.7, 1.4));
    c.data.samples = Math.max(30, Math.round(c.data.samples! * uni(mr, 0.8, 1.25)));
    c.fit!.epochs = Math.min(CAPS.maxEpochs, Math.max(5, Math.round(c.fit!.epochs! * uni(mr, 0.8, 1.25))));
    clampToData(c);
    return { id: `${tag}f${index}-m${j}`, seed: mseed, config: c };
  });
  return { family: name, intended, variant: t.variant, task, members };
}

/** samples within what the dataset holds; enough training and validation windows */
function clampToData(c: ZooConfig): void {
  const T = c.data.n_steps ?? 10;
  c.data.samples = Math.min(c.data.samples ?? 500, available(c.data as { dataset: string; series_ref?: string }, T));
  const vs = c.fit?.validation_split ?? 0.2;
  // at least 2 validation and 4 training windows (checkCaps)
  while (c.data.samples - Math.floor(c.data.samples * (1 - vs)) < 2) c.data.samples += 5;
}

// ---------------------------------------------------------------- remedies (the seed guide's, per pattern)

/**
 * The guide's remedy for each pattern, as a config change:
 *   unstable      -> lr x0.1, clipnorm 1.0, standard scaling of inputs and targets
 *   underfitting  -> more capacity (units x2, at least 16; L2 /10, dropout /2), a higher lr (x3 and at
 *                    least 3e-3 for adam/rmsprop, 0.03 for sgd; at most 1e-2 / 0.1), more epochs (x2, <= 300)
 *   overfitting   -> EarlyStopping(patience max(5, epochs/10), restore_best_weights) + dropout >= 0.2
 *                    + L2 >= 1e-4
 *   high_variance -> more data (x3 windows where the dataset has them), a validation set of >= 20%,
 *                    batches of >= 32
 * A remedy whose run would take more than REMEDY_MAX_SECONDS (estSeconds) is scaled back (fewer
 * extra units / windows) rather than skipped.
 */
export const REMEDY_MAX_SECONDS = 0.6;

export function remedy(zc: ZooConfig, which: Remedy): ZooConfig {
  const c = structuredClone(zc);
  const f = c.fit!;
  const o = c.optimizer!;
  const m = c.model!;
  switch (which) {
    case 'unstable':
      o.lr = sig(o.lr! * 0.1);
      delete o.clipvalue;
      o.clipnorm = 1;
      c.data.scaling = 'standard';
      break;
    case 'underfitting': {
      // a healthy step: x3, at least HEALTHY_LR (a tiny lr x3 is still tiny), at most the cap
      const cap = o.name === 'sgd' ? 0.1 : 1e-2;
      const healthy = o.name === 'sgd' ? 0.03 : 3e-3;
      if (o.lr! < cap) o.lr = sig(Math.min(cap, Math.max(healthy, o.lr! * 3)));
      f.epochs = Math.min(CAPS.maxEpochs, f.epochs! * 2);
      m.lstm = m.lstm.map((l) => ({
        ...l,
        l2: (l.l2 ?? 0) / 10,
        dropout: sig((l.dropout ?? 0) / 2),
        units: Math.min(256, Math.max(16, l.units * 2)),
      }));
      while (estSeconds(resolve(c)) > REMEDY_MAX_SECONDS && m.lstm.some((l, i) => l.units > zc.model!.lstm[i].units)) {
        m.lstm = m.lstm.map((l, i) => ({ ...l, units: Math.max(zc.model!.lstm[i].units, Math.round(l.units * 0.8)) }));
      }
      break;
    }
    case 'overfitting':
      f.early_stopping = { patience: Math.max(5, Math.round(f.epochs! / 10)), restore_best: true, min_delta: 0 };
      m.lstm = m.lstm.map((l) => ({ ...l, dropout: Math.max(l.dropout ?? 0, 0.2), l2: Math.max(l.l2 ?? 0, 1e-4) }));
      break;
    case 'high_variance': {
      const T = c.data.n_steps ?? 10;
      const most = available(c.data as { dataset: string; series_ref?: string }, T);
      f.validation_split = Math.max(f.validation_split ?? 0.2, 0.2);
      f.batch_size = Math.max(f.batch_size ?? 32, 32);
      c.data.samples = Math.min(most, CAPS.maxSamples, c.data.samples! * 3);
      while (estSeconds(resolve(c)) > REMEDY_MAX_SECONDS && c.data.samples > zc.data.samples!)
        c.data.samples = Math.max(zc.data.samples!, Math.round(c.data.samples * 0.8));
      break;
    }
  }
  return c;
}
