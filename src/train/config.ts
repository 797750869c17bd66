/**
 * The training config: what a user describes (dataset, LSTM stack, optimiser, fit options), validated
 * with zod at the edge (CLI options, an uploaded JSON/YAML file, a preset) and checked against caps.
 * Names follow Keras (units, dropout, recurrent_dropout, clipvalue, ...) so the export reads naturally.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';

/** Caps: every limit a user can hit, with the number in the message. */
export const CAPS = {
  maxParams: 500_000,
  maxEpochs: 300,
  maxSamples: 20_000,
  maxSeriesRows: 20_000,
  maxNSteps: 200,
  maxLstmLayers: 4,
  maxDenseLayers: 3,
  maxUnits: 512,
  defaultMaxSeconds: 120,
  maxMaxSeconds: 600,
  maxConfigBytes: 1024 * 1024,
  /** batch_size x n_steps x widest LSTM: the per-batch activations kept for backprop (~12 floats each per unit) stay under ~400 MB */
  maxBatchActivations: 8_000_000,
} as const;

export const DATASETS = ['linear', 'random', 'noisy_sine', 'temperature', 'upload', 'waveforms'] as const;
export const SCALINGS = ['standard', 'minmax', 'none'] as const;
export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd'] as const;
export const SCHEDULES = ['none', 'cosine', 'reduce_on_plateau', 'step', 'warmup', 'warmup_cosine'] as const;
/** regression: Dense(1) + MSE (+ mae); classification: Dense(1) logit + sigmoid + binary cross-entropy (+ accuracy) */
export const TASKS = ['regression', 'classification'] as const;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const frac = z.number().min(0).max(0.9);

export const DataSchema = z
  .object({
    /** linear / random / noisy_sine: the guide's generators; temperature: real daily maxima (fixtures/train); upload: `series` */
    dataset: z.enum(DATASETS).default('noisy_sine'),
    /** window length: each sample is n_steps consecutive values predicting the next one */
    n_steps: int(1, CAPS.maxNSteps).default(10),
    /** number of windows (samples); for temperature and upload, at most what the series holds */
    samples: int(8, CAPS.maxSamples).default(1000),
    /** Gaussian noise sigma added to the generated series (noisy_sine: the guide uses 0.5) */
    noise: z.number().min(0).max(100).default(0.1),
    scaling: z.enum(SCALINGS).default('standard'),
    /** shuffle the windows once before the validation split (the guide does for the linear example); default: keep time order */
    shuffle: z.boolean().default(false),
    seed: z.number().int().default(0),
    /** the uploaded one-column series (dataset: upload) */
    series: z.array(z.number()).max(CAPS.maxSeriesRows).optional(),
    /** a label for the uploaded series (file name) */
    series_name: z.string().max(200).optional(),
    /** classification only: the fraction of TRAINING labels flipped (label noise); validation labels stay clean */
    label_noise: z.number().min(0).max(0.5).optional(),
    /** Gaussian sigma added to the TRAINING windows' inputs only, in the units the model sees (after scaling): training is harder than validation, so val_loss can sit below loss */
    train_input_noise: z.number().min(0).max(10).optional(),
  })
  .strict();

export const LstmLayerSchema = z
  .object({
    units: int(1, CAPS.maxUnits),
    dropout: frac.default(0),
    recurrent_dropout: frac.default(0),
    /** kernel_regularizer=l2(...) */
    l2: z.number().min(0).max(1).default(0),
  })
  .strict();

export const DenseLayerSchema = z
  .object({
    units: int(1, CAPS.maxUnits),
    activation: z.enum(['relu', 'tanh', 'linear']).default('relu'),
    /** a Dropout layer after this one */
    dropout: frac.default(0),
  })
  .strict();

export const ModelSchema = z
  .object({
    lstm: z.array(LstmLayerSchema).min(1).max(CAPS.maxLstmLayers),
    /** hidden Dense layers before the Dense(1) output */
    dense: z.array(DenseLayerSchema).max(CAPS.maxDenseLayers).default([]),
  })
  .strict();

export const OptimizerSchema = z
  .object({
    name: z.enum(OPTIMIZERS).default('adam'),
    lr: z.number().positive().max(10).default(0.001),
    /** sgd only */
    momentum: z.number().min(0).max(0.999).default(0),
    clipvalue: z.number().positive().optional(),
    clipnorm: z.number().positive().optional(),
  })
  .strict();

export const ScheduleSchema = z
  .object({
    kind: z.enum(SCHEDULES).default('none'),
    /** reduce_on_plateau: lr *= factor after `patience` epochs without a new best val_loss */
    factor: z.number().gt(0).lt(1).default(0.5),
    patience: int(1, 100).default(5),
    min_lr: z.number().min(0).default(1e-6),
    /** step: lr *= factor every `step_every` epochs (Keras' LearningRateScheduler step decay); default 10 */
    step_every: int(1, CAPS.maxEpochs).optional(),
    /** warmup / warmup_cosine: lr rises linearly over the first `warmup_epochs` epochs (lr * e / warmup_epochs), then stays constant (warmup) or follows a cosine to min_lr (warmup_cosine); default 5 */
    warmup_epochs: int(1, CAPS.maxEpochs).optional(),
  })
  .strict();

export const EarlyStoppingSchema = z
  .object({
    patience: int(1, CAPS.maxEpochs).default(10),
    restore_best: z.boolean().default(true),
    min_delta: z.number().min(0).default(0),
  })
  .strict();

export const FitSchema = z
  .object({
    epochs: int(1, CAPS.maxEpochs).default(50),
    batch_size: int(1, 4096).default(32),
    validation_split: z.number().min(0.05).max(0.5).default(0.2),
    early_stopping: EarlyStoppingSchema.nullable().default(null),
    /** weights init, dropout masks, per-epoch shuffling */
    seed: z.number().int().default(0),
    /** how many models of the same config to train and average (ensembles-as-averaging, the high-variance fix) */
    ensemble: int(1, 5).default(1),
  })
  .strict();

export const TrainConfigSchema = z
  .object({
    name: z.string().max(80).optional(),
    /** default regression; classification predicts a binary label (see data.ts for each dataset's label) */
    task: z.enum(TASKS).optional(),
    data: DataSchema.default(DataSchema.parse({})),
    model: ModelSchema.default({ lstm: [{ units: 32, dropout: 0, recurrent_dropout: 0, l2: 0 }], dense: [] }),
    optimizer: OptimizerSchema.default(OptimizerSchema.parse({})),
    schedule: ScheduleSchema.default(ScheduleSchema.parse({})),
    fit: FitSchema.default(FitSchema.parse({})),
    /** wall-time cap per run, seconds */
    max_seconds: z.number().positive().max(CAPS.maxMaxSeconds).default(CAPS.defaultMaxSeconds),
  })
  .strict();

export type TrainConfig = z.infer<typeof TrainConfigSchema>;
/** What users write: every field optional (defaults fill in). */
export type TrainConfigInput = z.input<typeof TrainConfigSchema>;
export type LstmLayer = z.infer<typeof LstmLayerSchema>;
export type DenseLayer = z.infer<typeof DenseLayerSchema>;

/** A config the user can fix: the message says what and which limit. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Trainable parameters of the model the config describes (input: 1 feature; output: Dense(1)). */
export function countParams(model: TrainConfig['model'], features = 1): number {
  let inDim = features;
  let total = 0;
  for (const l of model.lstm) {
    total += 4 * (l.units * (inDim + l.units) + l.units);
    inDim = l.units;
  }
  for (const d of model.dense) {
    total += inDim * d.units + d.units;
    inDim = d.units;
  }
  return total + inDim + 1;
}

function zodMessage(e: z.ZodError): string {
  return e.issues
    .slice(0, 4)
    .map((i) => `${i.path.length ? i.path.join('.') : 'config'}: ${i.message}`)
    .join('; ');
}

/** Validate (zod + caps). Throws ConfigError with every problem found (up to four). */
export function parseConfig(input: unknown): TrainConfig {
  const r = TrainConfigSchema.safeParse(input ?? {});
  if (!r.success) throw new ConfigError(`invalid training config: ${zodMessage(r.error)}`);
  checkCaps(r.data);
  return r.data;
}

export function checkCaps(c: TrainConfig): void {
  const params = countParams(c.model);
  if (params > CAPS.maxParams) {
    throw new ConfigError(
      `the model has ${params.toLocaleString('en-US')} parameters; the limit is ${CAPS.maxParams.toLocaleString('en-US')}. Use fewer units or layers (LSTM(u) on 1 feature has 4u(u+2) parameters).`,
    );
  }
  const widest = Math.max(...c.model.lstm.map((l) => l.units));
  const acts = Math.min(c.fit.batch_size, c.data.samples) * c.data.n_steps * widest;
  if (acts > CAPS.maxBatchActivations) {
    throw new ConfigError(
      `batch_size ${c.fit.batch_size} x n_steps ${c.data.n_steps} x ${widest} units is ${acts.toLocaleString('en-US')} activations per batch; the limit is ${CAPS.maxBatchActivations.toLocaleString('en-US')}. Use a smaller batch_size or shorter windows.`,
    );
  }
  if (c.fit.epochs > CAPS.maxEpochs)
    throw new ConfigError(`epochs ${c.fit.epochs} is over the limit of ${CAPS.maxEpochs}`);
  if (c.data.samples > CAPS.maxSamples)
    throw new ConfigError(`samples ${c.data.samples} is over the limit of ${CAPS.maxSamples}`);
  if (c.data.dataset === 'upload') {
    const n = c.data.series?.length ?? 0;
    if (n === 0)
      throw new ConfigError('dataset "upload" needs a series: upload a one-column CSV or a JSON array of numbers');
    if (n < c.data.n_steps + 8)
      throw new ConfigError(
        `the uploaded series has ${n} values; with n_steps ${c.data.n_steps} it needs at least ${c.data.n_steps + 8}`,
      );
    if (c.data.series!.some((v) => !Number.isFinite(v)))
      throw new ConfigError('the uploaded series holds a value that is not a finite number');
  } else if (c.data.series) {
    throw new ConfigError(`"series" is only read with dataset "upload" (dataset is "${c.data.dataset}")`);
  }
  const train = Math.floor(c.data.samples * (1 - c.fit.validation_split));
  if (train < 4 || c.data.samples - train < 2)
    throw new ConfigError(
      `samples ${c.data.samples} with validation_split ${c.fit.validation_split} leaves too few samples to train or validate`,
    );
  if (c.optimizer.clipvalue !== undefined && c.optimizer.clipnorm !== undefined)
    throw new ConfigError('set clipvalue or clipnorm, not both');
  const task = c.task ?? 'regression';
  if (task !== 'classification' && c.data.label_noise !== undefined && c.data.label_noise > 0)
    throw new ConfigError('label_noise flips class labels: it needs task "classification"');
  if (task !== 'classification' && c.data.dataset === 'waveforms')
    throw new ConfigError('dataset "waveforms" (which of two waveforms a window is) needs task "classification"');
  if (c.optimizer.name !== 'sgd' && c.optimizer.momentum > 0)
    throw new ConfigError(`momentum applies to sgd only (optimizer is ${c.optimizer.name})`);
}

/** Parse an uploaded config file: JSON or YAML (YAML is a superset; we try JSON first for its better errors). */
export function parseConfigText(text: string): TrainConfig {
  if (Buffer.byteLength(text) > CAPS.maxConfigBytes)
    throw new ConfigError(`the config file is over ${CAPS.maxConfigBytes / 1024} KiB`);
  let data: unknown;
  const t = text.trim();
  try {
    data = t.startsWith('{') ? JSON.parse(t) : parseYaml(t, { maxAliasCount: 50 });
  } catch (e) {
    throw new ConfigError(`the config file is neither valid JSON nor YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new ConfigError('the config file must hold a mapping (an object) at the top level');
  return parseConfig(data);
}

/** Deep-merge a partial override into a config (arrays replace), then validate. */
export function withOverrides(base: TrainConfig | TrainConfigInput, over: Record<string, unknown>): TrainConfig {
  return parseConfig(merge(structuredClone(base) as Record<string, unknown>, over));
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(b)) {
    // a user's file can hold an own "__proto__" key (JSON.parse keeps it): never walk into a prototype
    if (v === undefined || k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = Object.hasOwn(a, k) ? a[k] : undefined;
    if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      a[k] = merge(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else a[k] = v;
  }
  return a;
}

/** Parse a one-column series upload: CSV (a header line allowed, last numeric column used) or a JSON array. */
export function parseSeriesText(text: string): number[] {
  const t = text.trim();
  let values: number[] = [];
  if (t.startsWith('[') || t.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch (e) {
      throw new ConfigError(`the series file is not valid JSON: ${(e as Error).message}`);
    }
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const arrays = Object.values(data as Record<string, unknown>).filter(Array.isArray);
      if (arrays.length !== 1)
        throw new ConfigError('a JSON series must be an array of numbers, or an object holding exactly one array');
      data = arrays[0];
    }
    if (!Array.isArray(data)) throw new ConfigError('a JSON series must be an array of numbers');
    values = data.map((v) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN));
  } else {
    const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
    for (let i = 0; i < lines.length; i++) {
      const cells = lines[i].split(/[,;\t]/);
      const v = Number(cells[cells.length - 1].trim());
      if (!Number.isFinite(v)) {
        if (i === 0) continue; // header
        throw new ConfigError(`series line ${i + 1} does not end in a number: "${lines[i].slice(0, 40)}"`);
      }
      values.push(v);
    }
  }
  if (values.length > CAPS.maxSeriesRows)
    throw new ConfigError(`the series has ${values.length} rows; the limit is ${CAPS.maxSeriesRows}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ConfigError(`series value ${bad + 1} is not a finite number`);
  if (values.length < 16) throw new ConfigError(`the series has ${values.length} values; at least 16 are needed`);
  return values;
}
