/**
 * Sweeps: one hyperparameter over a list of values (the guide's lists as defaults), each value trained
 * `repeats` times with different seeds for mean ± std (multi-run validation), runs spread over the
 * worker pool; or random search over a space for N trials; or a TPE search (search/: mode "tpe").
 * The leaderboard ranks by mean best val_loss.
 */
import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { Pattern } from '../diagnose/index.js';
import { ConfigError, countParams, CAPS, parseConfig, TrainConfigSchema, type TrainConfig } from './config.js';
import { diagnoseHistory } from './history.js';
import { preset } from './presets.js';
import { trainInWorker } from './threads/pool.js';
import { rng } from '../util/random.js';
import { train, type EpochLog, type TrainResult } from './trainer.js';
import { planSearch, TpeSpecSchema, type SearchPlan } from './search/plan.js';
import type { SearchProgress, SearchReport } from './search/run.js';

export const SWEEP_PARAMS = ['units', 'optimizer', 'batch_size', 'lr', 'architecture'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

/** Defaults: the guide's lists, trimmed to what fits the caps and a 2-core machine. */
export const SWEEP_DEFAULTS: Record<SweepParam, unknown[]> = {
  units: [16, 32, 64, 128],
  optimizer: ['adam', 'rmsprop', 'sgd'],
  batch_size: [16, 32, 64, 128],
  lr: [0.0001, 0.0003, 0.001, 0.003, 0.01],
  // the guide's [256, 128, 64] has 510k parameters (over the 500k cap): [128, 64, 32] stands in
  architecture: [[64], [128, 64], [64, 64], [128, 64, 32]],
};

export const MAX_SWEEP_RUNS = 40;

const SpaceSchema = z
  .object({
    units: z.array(z.number().int().min(1).max(CAPS.maxUnits)).min(1).optional(),
    layers: z.array(z.number().int().min(1).max(CAPS.maxLstmLayers)).min(1).optional(),
    lr: z.tuple([z.number().positive(), z.number().positive()]).optional(),
    batch_size: z.array(z.number().int().min(1).max(4096)).min(1).optional(),
    optimizer: z
      .array(z.enum(['adam', 'rmsprop', 'sgd']))
      .min(1)
      .optional(),
    dropout: z.tuple([z.number().min(0).max(0.9), z.number().min(0).max(0.9)]).optional(),
  })
  .strict();

export const SweepSpecSchema = z
  .object({
    /** a preset name or a config */
    base: z.union([z.string(), z.record(z.string(), z.unknown())]).default('ideal'),
    mode: z.enum(['grid', 'random', 'tpe']).default('grid'),
    param: z.enum(SWEEP_PARAMS).optional(),
    values: z.array(z.unknown()).min(1).max(12).optional(),
    repeats: z.number().int().min(1).max(5).default(3),
    /** random search */
    trials: z.number().int().min(1).max(30).default(8),
    space: SpaceSchema.optional(),
    /** TPE search (mode "tpe"): space, pruning, validation (search/plan.ts) */
    tpe: TpeSpecSchema.optional(),
    seed: z.number().int().default(0),
    /** override epochs for every run (keeps sweeps quick) */
    epochs: z.number().int().min(1).max(CAPS.maxEpochs).optional(),
  })
  .strict();
export type SweepSpec = z.infer<typeof SweepSpecSchema>;

export interface SweepCandidate {
  label: string;
  config: TrainConfig;
}

export interface SweepRun {
  candidate: string;
  repeat: number;
  seed: number;
  best_val_loss: number;
  best_epoch: number;
  epochs_run: number;
  ms_total: number;
  pattern: Pattern;
  stop_reason: TrainResult['stop_reason'];
  backend: string;
}

export interface LeaderboardRow {
  rank: number;
  label: string;
  params: number;
  runs: number;
  mean: number;
  std: number;
  min: number;
  mean_ms: number;
  mean_epochs: number;
  /** the most common diagnosis over the repeats, with counts */
  patterns: Partial<Record<Pattern, number>>;
  config: TrainConfig;
  /** the history of this config's best repeat (for an overlay chart of the best run per value) */
  best_history?: Record<string, number[]>;
}

export interface SweepResult {
  spec: SweepSpec;
  runs: SweepRun[];
  leaderboard: LeaderboardRow[];
  backend: string;
  ms_total: number;
  /** candidates skipped (over a cap) with the reason */
  skipped: { label: string; reason: string }[];
  /** mode "tpe": the trials, best-so-far curve, pruning savings (search/run.ts) */
  search?: SearchReport;
}

function baseConfig(spec: SweepSpec): TrainConfig {
  const base = typeof spec.base === 'string' ? preset(spec.base) : parseConfig(spec.base);
  if (spec.epochs !== undefined) base.fit.epochs = spec.epochs;
  return base;
}

function withValue(base: TrainConfig, param: SweepParam, value: unknown): SweepCandidate {
  const c = structuredClone(base);
  let label: string;
  switch (param) {
    case 'units': {
      const u = Number(value);
      c.model.lstm = c.model.lstm.map((l, i) => ({ ...l, units: i === 0 ? u : Math.max(4, Math.round(u / 2 ** i)) }));
      label = `units ${u}`;
      break;
    }
    case 'lr':
      c.optimizer.lr = Number(value);
      label = `lr ${Number(value)}`;
      break;
    case 'batch_size':
      c.fit.batch_size = Number(value);
      label = `batch ${Number(value)}`;
      break;
    case 'optimizer': {
      const name = String(value) as TrainConfig['optimizer']['name'];
      c.optimizer = { ...c.optimizer, name, momentum: name === 'sgd' ? 0.9 : 0 };
      // plain SGD needs a larger step than the adaptive optimisers' default
      if (name === 'sgd' && c.optimizer.lr < 0.01) c.optimizer.lr = 0.01;
      label = name === 'sgd' ? `sgd (momentum 0.9, lr ${c.optimizer.lr})` : name;
      break;
    }
    case 'architecture': {
      if (!Array.isArray(value) || value.length === 0)
        throw new ConfigError('architecture values are lists of LSTM widths, e.g. [[64], [128, 64]]');
      const tmpl = c.model.lstm[0];
      c.model.lstm = value.map((u) => ({ ...tmpl, units: Number(u) }));
      label = `LSTM ${value.join('-')}`;
      break;
    }
  }
  return { label, config: c };
}

function randomCandidates(base: TrainConfig, spec: SweepSpec): SweepCandidate[] {
  const r = rng(spec.seed + 4242);
  const s = spec.space ?? {
    units: [16, 32, 64, 128],
    lr: [1e-4, 1e-2] as [number, number],
    batch_size: [16, 32, 64],
    layers: [1, 2],
  };
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const out: SweepCandidate[] = [];
  for (let t = 0; t < spec.trials; t++) {
    const c = structuredClone(base);
    const parts: string[] = [];
    if (s.units || s.layers) {
      const layers = s.layers ? pick(s.layers) : c.model.lstm.length;
      const u = s.units ? pick(s.units) : c.model.lstm[0].units;
      const tmpl = c.model.lstm[0];
      c.model.lstm = Array.from({ length: layers }, (_, i) => ({
        ...tmpl,
        units: Math.max(4, Math.round(u / 2 ** i)),
      }));
      parts.push(`LSTM ${c.model.lstm.map((l) => l.units).join('-')}`);
    }
    if (s.optimizer) {
      const name = pick(s.optimizer);
      c.optimizer = { ...c.optimizer, name, momentum: name === 'sgd' ? 0.9 : 0 };
      parts.push(name);
    }
    if (s.lr) {
      const [lo, hi] = s.lr;
      c.optimizer.lr = Number(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))).toPrecision(2));
      parts.push(`lr ${c.optimizer.lr}`);
    }
    if (s.batch_size) {
      c.fit.batch_size = pick(s.batch_size);
      parts.push(`batch ${c.fit.batch_size}`);
    }
    if (s.dropout) {
      const d = Number((s.dropout[0] + r() * (s.dropout[1] - s.dropout[0])).toFixed(2));
      c.model.lstm = c.model.lstm.map((l) => ({ ...l, dropout: d }));
      parts.push(`dropout ${d}`);
    }
    out.push({ label: `#${t + 1} ${parts.join(', ')}`, config: c });
  }
  return out;
}

export function planSweep(specIn: unknown): {
  spec: SweepSpec;
  candidates: SweepCandidate[];
  skipped: { label: string; reason: string }[];
  search?: SearchPlan;
} {
  const r = SweepSpecSchema.safeParse(specIn ?? {});
  if (!r.success)
    throw new ConfigError(
      `invalid sweep: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'sweep'}: ${i.message}`)
        .join('; ')}`,
    );
  const spec = r.data;
  const base = baseConfig(spec);
  if (spec.mode === 'tpe') {
    if (spec.param || spec.values || spec.space)
      throw new ConfigError(
        'a TPE search samples its own space (tpe.space): param, values and space are for grid and random sweeps',
      );
    const search = planSearch(base, spec.trials, spec.seed, spec.tpe);
    if (search.runs > MAX_SWEEP_RUNS)
      throw new ConfigError(
        `the search would train up to ${search.runs} models; the limit is ${MAX_SWEEP_RUNS} (fewer trials or validation runs)`,
      );
    return { spec, candidates: [], skipped: [], search };
  }
  if (spec.tpe) throw new ConfigError('tpe options are for a TPE search (mode "tpe")');
  let candidates: SweepCandidate[];
  if (spec.mode === 'random') candidates = randomCandidates(base, spec);
  else {
    if (!spec.param) throw new ConfigError(`a grid sweep needs a parameter: one of ${SWEEP_PARAMS.join(', ')}`);
    const values = spec.values ?? SWEEP_DEFAULTS[spec.param];
    candidates = values.map((v) => withValue(base, spec.param!, v));
  }
  const skipped: { label: string; reason: string }[] = [];
  const ok: SweepCandidate[] = [];
  for (const c of candidates) {
    const v = TrainConfigSchema.safeParse(c.config);
    const params = countParams(c.config.model);
    if (!v.success) skipped.push({ label: c.label, reason: v.error.issues[0]?.message ?? 'invalid' });
    else if (params > CAPS.maxParams)
      skipped.push({
        label: c.label,
        reason: `${params.toLocaleString('en-US')} parameters is over the ${CAPS.maxParams.toLocaleString('en-US')} cap`,
      });
    else ok.push({ label: c.label, config: v.data });
  }
  const runs = ok.length * (spec.mode === 'random' ? 1 : spec.repeats) * (spec.mode === 'random' ? spec.repeats : 1);
  if (runs > MAX_SWEEP_RUNS)
    throw new ConfigError(
      `the sweep would train ${runs} models; the limit is ${MAX_SWEEP_RUNS} (fewer values, trials or repeats)`,
    );
  if (ok.length === 0)
    throw new ConfigError(
      `every sweep value is over a cap: ${skipped.map((s) => `${s.label} (${s.reason})`).join('; ')}`,
    );
  return { spec, candidates: ok, skipped };
}

export interface SweepOptions {
  inline?: boolean;
  signal?: AbortSignal;
  /** called after each finished run */
  onRun?: (run: SweepRun, done: number, total: number) => void;
  /** live epochs of any run (throttle downstream) */
  onEpoch?: (label: string, e: EpochLog) => void;
  /**
   * Called before each run: the queue's ctx.turn() (another user's job may go first). With it the
   * runs go one at a time, so a sweep holds one training slot, never all of them.
   */
  turn?: () => Promise<void>;
  /** mode "tpe": after each trial or validation run (trial i/N, best so far, pruned count) */
  onSearch?: (p: SearchProgress) => void;
}

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(a.length, 1);
const std = (a: number[]) => {
  if (a.length < 2) return 0;
  const m = mean(a);
  return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1));
};

/** One leaderboard row per candidate (mean, spread and best of its repeats), best mean first, ties by speed. */
export function rankCandidates(
  candidates: SweepCandidate[],
  runs: SweepRun[],
  bestHistory: Map<string, { v: number; history: Record<string, number[]> }>,
): LeaderboardRow[] {
  const leaderboard: LeaderboardRow[] = candidates.map((cand) => {
    const rs = runs.filter((r) => r.candidate === cand.label);
    const vals = rs.map((r) => (Number.isFinite(r.best_val_loss) ? r.best_val_loss : Infinity));
    const patterns: Partial<Record<Pattern, number>> = {};
    for (const r of rs) patterns[r.pattern] = (patterns[r.pattern] ?? 0) + 1;
    return {
      rank: 0,
      label: cand.label,
      params: countParams(cand.config.model) * cand.config.fit.ensemble,
      runs: rs.length,
      mean: mean(vals),
      std: std(vals),
      min: Math.min(...vals),
      mean_ms: Math.round(mean(rs.map((r) => r.ms_total))),
      mean_epochs: Math.round(mean(rs.map((r) => r.epochs_run))),
      patterns,
      config: cand.config,
      ...(bestHistory.has(cand.label) ? { best_history: bestHistory.get(cand.label)!.history } : {}),
    };
  });
  leaderboard.sort((a, b) => (a.mean === b.mean ? a.mean_ms - b.mean_ms : a.mean - b.mean));
  leaderboard.forEach((r, i) => (r.rank = i + 1));
  return leaderboard;
}

export async function runSweep(specIn: unknown, options: SweepOptions = {}): Promise<SweepResult> {
  const { spec, candidates, skipped, search } = planSweep(specIn);
  // loaded here: search/run.ts builds on this module's leaderboard
  if (search) return (await import('./search/run.js')).runSearch(spec, search, options);
  const t0 = performance.now();
  const jobs: { cand: SweepCandidate; repeat: number; config: TrainConfig }[] = [];
  for (const cand of candidates) {
    for (let k = 0; k < spec.repeats; k++) {
      const config = structuredClone(cand.config);
      config.fit.seed = cand.config.fit.seed + k * 7;
      jobs.push({ cand, repeat: k, config });
    }
  }
  const runs: SweepRun[] = [];
  const bestHistory = new Map<string, { v: number; history: Record<string, number[]> }>();
  let backend = '';
  let done = 0;
  // every queued run listens for the cancel: one relay signal sized for them all, so a 40-run sweep is
  // not 40 listeners on the caller's signal (MaxListenersExceededWarning at 11)
  const relay = new AbortController();
  setMaxListeners(jobs.length + 1, relay.signal);
  const cancel = () => relay.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  const one = async (j: (typeof jobs)[number]): Promise<void> => {
    const onEpoch = options.onEpoch ? (e: EpochLog) => options.onEpoch!(j.cand.label, e) : undefined;
    const res = options.inline
      ? await train(j.config, { onEpoch, shouldStop: () => options.signal?.aborted ?? false })
      : await trainInWorker(j.config, { signal: relay.signal, onProgress: onEpoch });
    backend = res.backend;
    const { diagnosis } = diagnoseHistory(res.history as unknown as Record<string, number[]>);
    const run: SweepRun = {
      candidate: j.cand.label,
      repeat: j.repeat,
      seed: j.config.fit.seed,
      best_val_loss: res.best_val_loss,
      best_epoch: res.best_epoch,
      epochs_run: res.epochs_run,
      ms_total: res.ms_total,
      pattern: diagnosis.pattern,
      stop_reason: res.stop_reason,
      backend: res.backend,
    };
    runs.push(run);
    const v = Number.isFinite(res.best_val_loss) ? res.best_val_loss : Infinity;
    const prev = bestHistory.get(j.cand.label);
    if (!prev || v < prev.v)
      bestHistory.set(j.cand.label, { v, history: res.history as unknown as Record<string, number[]> });
    options.onRun?.(run, ++done, jobs.length);
  };
  try {
    if (options.inline) for (const j of jobs) await one(j);
    else if (options.turn) {
      // one run at a time, giving the slot to other people's waiting jobs between runs
      for (const j of jobs) {
        await options.turn();
        await one(j);
      }
    } else await Promise.all(jobs.map(one)); // the pool runs as many at once as it has threads
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
  const leaderboard = rankCandidates(candidates, runs, bestHistory);
  return { spec, runs, leaderboard, backend, ms_total: Math.round(performance.now() - t0), skipped };
}

export { formatLeaderboard } from './leaderboard.js';
