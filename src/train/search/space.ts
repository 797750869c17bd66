/**
 * A search space as data: named dimensions in hyperopt's vocabulary (quniform, loguniform, uniform,
 * choice), validated with zod, the guide's space as the default, the prior draw (what random search
 * and TPE's start-up trials sample) and how a point of the space becomes a training config. Pure: no
 * training imports beyond the config schema, so the sampler and its tests stay fast.
 *
 * loguniform bounds are natural-log exponents, as in hyperopt's hp.loguniform: low -5, high -2 is
 * e^-5..e^-2 (0.0067..0.135), the guide's learning-rate range.
 */
import { z } from 'zod';
import { CAPS, ConfigError, countParams, OPTIMIZERS, type TrainConfig } from '../config.js';

/** The config knobs a space may search (each maps onto the config in applyParams). */
export const SEARCH_PARAMS = [
  'units',
  'layers',
  'lr',
  'dropout',
  'recurrent_dropout',
  'l2',
  'batch_size',
  'optimizer',
] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];

const finite = z.number().finite();

const QUniform = z
  .object({ type: z.literal('quniform'), low: finite, high: finite, q: finite.positive() })
  .strict()
  .refine((d) => d.high > d.low, { message: 'high must be above low' });
const LogUniform = z
  .object({ type: z.literal('loguniform'), low: finite.min(-30).max(10), high: finite.min(-30).max(10) })
  .strict()
  .refine((d) => d.high > d.low, { message: 'high must be above low (both are natural-log exponents)' });
const Uniform = z
  .object({ type: z.literal('uniform'), low: finite, high: finite })
  .strict()
  .refine((d) => d.high > d.low, { message: 'high must be above low' });
const Choice = z
  .object({
    type: z.literal('choice'),
    options: z
      .array(z.union([z.string().max(40), finite]))
      .min(1)
      .max(24),
  })
  .strict();

export const DimensionSchema = z.union([QUniform, LogUniform, Uniform, Choice]);
export type Dimension = z.infer<typeof DimensionSchema>;

export const SearchSpaceSchema = z
  .partialRecord(z.enum(SEARCH_PARAMS), DimensionSchema)
  .refine((s) => Object.keys(s).length > 0, { message: 'the space needs at least one dimension' });
export type SearchSpace = Partial<Record<SearchParam, Dimension>>;

/** A point of the space: a value per dimension. */
export type Params = Partial<Record<SearchParam, number | string>>;

/** The guide's hyperopt space (advanced section): units, learning rate, dropout. */
export const GUIDE_SPACE: SearchSpace = {
  units: { type: 'quniform', low: 32, high: 256, q: 32 },
  lr: { type: 'loguniform', low: -5, high: -2 },
  dropout: { type: 'uniform', low: 0, high: 0.5 },
};

/** Integer-valued knobs: their dimensions are rounded and must stay within these bounds. */
const BOUNDS: Partial<Record<SearchParam, [number, number]>> = {
  units: [1, CAPS.maxUnits],
  layers: [1, CAPS.maxLstmLayers],
  batch_size: [1, 4096],
  dropout: [0, 0.9],
  recurrent_dropout: [0, 0.9],
  l2: [0, 1],
};

/** Validate a space (zod + each knob's own range); the message names the dimension and the problem. */
export function parseSpace(input: unknown): SearchSpace {
  const r = SearchSpaceSchema.safeParse(input);
  if (!r.success)
    throw new ConfigError(
      `invalid search space: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'space'}: ${i.message}`)
        .join('; ')}`,
    );
  const space = r.data as SearchSpace;
  for (const [name, d] of Object.entries(space) as [SearchParam, Dimension][]) {
    if (name === 'optimizer') {
      if (d.type !== 'choice') throw new ConfigError('search space: optimizer must be a choice of names');
      const bad = d.options.find((o) => !(OPTIMIZERS as readonly unknown[]).includes(o));
      if (bad !== undefined)
        throw new ConfigError(`search space: optimizer "${bad}" is not one of ${OPTIMIZERS.join(', ')}`);
      continue;
    }
    if (d.type === 'choice') {
      if (d.options.some((o) => typeof o !== 'number'))
        throw new ConfigError(`search space: ${name} takes numbers (only optimizer is a choice of names)`);
      continue;
    }
    if (name === 'lr' && d.type !== 'loguniform' && d.low <= 0)
      throw new ConfigError('search space: lr must stay above 0 (use loguniform for a learning rate)');
    const b = BOUNDS[name];
    if (b && d.type !== 'loguniform' && (d.low < b[0] || d.high > b[1]))
      throw new ConfigError(`search space: ${name} must stay within ${b[0]}..${b[1]} (got ${d.low}..${d.high})`);
  }
  return space;
}

/** One prior draw of a dimension (hyperopt's definitions: quniform = round(uniform(low, high) / q) * q). */
export function samplePrior(d: Dimension, r: () => number): number | string {
  switch (d.type) {
    case 'choice':
      return d.options[Math.min(d.options.length - 1, Math.floor(r() * d.options.length))];
    case 'uniform':
      return d.low + r() * (d.high - d.low);
    case 'loguniform':
      return Math.exp(d.low + r() * (d.high - d.low));
    case 'quniform':
      return quantize(d, d.low + r() * (d.high - d.low));
  }
}

/** Round to the q grid, kept inside [low, high]. */
export function quantize(d: { low: number; high: number; q: number }, x: number): number {
  let v = Math.round(x / d.q) * d.q;
  if (v < d.low) v += d.q;
  if (v > d.high) v -= d.q;
  return Number(v.toPrecision(12));
}

/** A random point of the whole space (random search, and TPE's start-up trials). */
export function sampleSpace(space: SearchSpace, r: () => number): Params {
  const out: Params = {};
  for (const name of SEARCH_PARAMS) {
    const d = space[name];
    if (d) out[name] = samplePrior(d, r);
  }
  return out;
}

const show = (v: number | string) => (typeof v === 'number' ? Number(v.toPrecision(3)) : v);

/** "units 128, lr 0.0042, dropout 0.31" */
export function describeParams(p: Params): string {
  return (Object.entries(p) as [SearchParam, number | string][]).map(([k, v]) => `${k} ${show(v)}`).join(', ');
}

/** The base config with a point of the space applied (widths halve per extra layer, as random search does). */
export function applyParams(base: TrainConfig, p: Params): TrainConfig {
  const c = structuredClone(base);
  const tmpl = c.model.lstm[0];
  if (p.units !== undefined || p.layers !== undefined) {
    const layers = p.layers !== undefined ? Math.round(Number(p.layers)) : c.model.lstm.length;
    const u = p.units !== undefined ? Math.round(Number(p.units)) : tmpl.units;
    c.model.lstm = Array.from({ length: layers }, (_, i) => ({ ...tmpl, units: Math.max(4, Math.round(u / 2 ** i)) }));
  }
  if (p.lr !== undefined) c.optimizer.lr = Number(Number(p.lr).toPrecision(4));
  if (p.optimizer !== undefined) {
    const name = String(p.optimizer) as TrainConfig['optimizer']['name'];
    c.optimizer = { ...c.optimizer, name, momentum: name === 'sgd' ? 0.9 : 0 };
  }
  if (p.batch_size !== undefined) c.fit.batch_size = Math.max(1, Math.round(Number(p.batch_size)));
  const layerKnob = (k: 'dropout' | 'recurrent_dropout' | 'l2') => {
    if (p[k] !== undefined) c.model.lstm = c.model.lstm.map((l) => ({ ...l, [k]: Number(Number(p[k]).toFixed(3)) }));
  };
  layerKnob('dropout');
  layerKnob('recurrent_dropout');
  layerKnob('l2');
  return c;
}

/**
 * Keep the space inside the caps for this base: the widest units whose model stays under
 * CAPS.maxParams (with the most layers the space allows). Returns the space and what was clamped, in
 * words for the reply, rather than refusing the search.
 */
export function clampSpace(space: SearchSpace, base: TrainConfig): { space: SearchSpace; notes: string[] } {
  const out = structuredClone(space);
  const notes: string[] = [];
  const u = out.units;
  if (!u) return { space: out, notes };
  const layersD = out.layers;
  const maxLayers =
    layersD === undefined
      ? base.model.lstm.length
      : layersD.type === 'choice'
        ? Math.max(...layersD.options.map(Number))
        : Math.round(layersD.high);
  const fits = (units: number) =>
    countParams(applyParams(base, { units, layers: Math.min(maxLayers, CAPS.maxLstmLayers) }).model) <= CAPS.maxParams;
  if (u.type === 'choice') {
    const ok = u.options.filter((o) => fits(Number(o)));
    if (ok.length === 0) throw new ConfigError('search space: every units choice is over the parameter cap');
    if (ok.length < u.options.length) {
      notes.push(
        `units ${u.options.filter((o) => !ok.includes(o)).join(', ')} left out: over the ${CAPS.maxParams.toLocaleString('en-US')}-parameter cap`,
      );
      out.units = { ...u, options: ok };
    }
    return { space: out, notes };
  }
  if (u.type === 'loguniform') return { space: out, notes };
  let hi = u.high;
  const step = u.type === 'quniform' ? u.q : Math.max(1, (u.high - u.low) / 64);
  while (hi > u.low && !fits(Math.round(hi))) hi -= step;
  if (!fits(Math.round(hi))) throw new ConfigError(`search space: units ${u.low} is already over the parameter cap`);
  if (hi < u.high) {
    notes.push(
      `units capped at ${Math.round(hi)} (was ${u.high}): wider models are over the ${CAPS.maxParams.toLocaleString('en-US')}-parameter cap`,
    );
    out.units = { ...u, high: hi };
  }
  return { space: out, notes };
}
