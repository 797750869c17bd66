/**
 * Curve zoo, step 2: label every raw run BY INTERVENTION and write bench/zoo/zoo.jsonl.gz.
 *
 * For each run, each remedy's re-run is compared with the base run (and with the seed re-run; the two
 * are averaged) on the model you would keep, in the data's original units, against a yardstick `ref`
 * (the trivial model's val loss):
 *   d_final = log((kept_base + f) / (kept_remedy + f))   kept model's val loss (f = LEVEL_FLOOR x ref)
 *   d_best  = the same on the lowest val loss
 *   d_vol   = base volatility - remedy volatility       (val jumpiness, trend removed; for the
 *                                                       high-variance remedy: in excess of train's)
 *   help    = w (W_FINAL d_final + W_BEST d_best) + W_VOL d_vol   (w < 1 where a level gain is a side effect)
 * The seed re-run gives the seed noise. The label is the pattern whose remedy helps most when that help
 * clears the threshold max(TAU_MIN, min(NOISE_CAP, K_NOISE x seed noise)); good_fit when none does.
 * Borderline (two labels acceptable): the runner-up within MARGIN of the best, or the best within MARGIN
 * of the threshold; a tie goes to the tied pattern whose guide shape the curve shows. Every constant is
 * named below; docs/zoo.md explains them.
 *
 *   npx tsx scripts/zoo/label.ts [--raw bench/zoo/raw] [--out bench/zoo/zoo.jsonl.gz] [--split holdout] [--stats]
 *   (with --split holdout, --out defaults to bench/zoo/holdout.jsonl.gz and may not be the zoo)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { mulberry32 } from '../../src/util/random.js';
import { HOLDOUT_PATH, ZOO_PATH, type RunStats, type ZooLabel, type ZooRecord, type ZooSplit } from './load.js';
import type { RawRun } from './generate.js';
import { buildDataset } from '../../src/train/data.js';
import { resolve, type ZooConfig } from './families.js';

/** a log-ratio counts at most this much (a NaN run vs a finite one: e^3 = 20x) */
export const LOG_CAP = 3;
/** weights of the help score: the kept model first, then the best point, then steadiness */
export const W_FINAL = 1;
export const W_BEST = 0.5;
export const W_VOL = 5;
/**
 * Remedies whose level gain is a side effect count their level terms at this fraction (steadiness in
 * full): the high-variance remedy changes the validation set itself (more windows, a larger split), so
 * its val LEVEL is not comparable with the base run's; the unstable remedy on a run without instability
 * (see labelRecord)
 */
export const SIDE_EFFECT_WEIGHT = 0.25;
/** volatility of a run with non-finite val losses (a jump that never comes back) */
export const VOL_NON_FINITE = 1.0;
/** rolling-median window for the volatility */
export const VOL_WINDOW = 5;
/** a remedy helps meaningfully when its help is at least this (0.1: the kept model's val loss ~10% lower, or steadier by as much) ... */
export const TAU_MIN = 0.1;
/** ... and at least this many times the seed noise (half the |help| of the seed re-run: each seed's distance from their mean) ... */
export const K_NOISE = 1;
/**
 * ... but the noise part of the threshold is capped: a config whose seeds differ wildly (one NaN, one
 * not; a model that barely moves from its initialisation) is itself the symptom, and a remedy that
 * changes the kept model by e^0.5 or more beyond the base is no seed effect
 */
export const NOISE_CAP = 0.5;
/** the two top remedies (or the best and the threshold) closer than this are a tie: borderline (about the median seed noise) */
export const MARGIN = 0.05;
/** base run counts as diverged when its last finite TRAINING loss is this many times its lowest and above its first */
export const DIVERGED_RATIO = 5;

type Remedy = 'unstable' | 'underfitting' | 'overfitting' | 'high_variance';
const REMEDIES: Remedy[] = ['unstable', 'underfitting', 'overfitting', 'high_variance'];

export interface RawRecord {
  id: string;
  family: string;
  family_index: number;
  intended: ZooLabel;
  variant: string;
  task: 'regression' | 'classification';
  master_seed: number;
  seed: number;
  base: RawRun;
  seed_rerun: RawRun;
  remedies: Record<Remedy, RawRun>;
}

/**
 * Jumpiness with the trend removed: mean |v - rolling median(v)| (window VOL_WINDOW, interior points),
 * relative to the curve's level plus a floor of VOL_FLOOR x the trivial model's loss `ref` (so jitter on a
 * loss near zero is not read as violent); VOL_NON_FINITE when any value is not finite.
 */
export const VOL_FLOOR = 0.05;
export function volatility(val: (number | null)[], ref = 1): number {
  if (val.some((v) => v === null || !Number.isFinite(v))) return VOL_NON_FINITE;
  const v = val as number[];
  const n = v.length;
  const h = Math.min(Math.floor(VOL_WINDOW / 2), Math.floor((n - 1) / 2));
  if (h < 1) return 0;
  let s = 0;
  for (let i = h; i < n - h; i++) {
    const w = v.slice(i - h, i + h + 1).sort((a, b) => a - b);
    s += Math.abs(v[i] - w[h]);
  }
  const level = v.slice().sort((a, b) => a - b)[Math.floor(n / 2)];
  return Math.min(VOL_NON_FINITE, s / (n - 2 * h) / (Math.abs(level) + VOL_FLOOR * ref));
}

/**
 * log((a + floor) / (b + floor)) clamped to +-LOG_CAP; null (non-finite) is worse than any number. The
 * floor (LEVEL_FLOOR x the trivial model's loss) keeps a change between two losses near zero (0.005 vs
 * 0.002) from counting like a change between two real levels (0.5 vs 0.2).
 */
export const LEVEL_FLOOR = 0.05;
export function logRatio(a: number | null, b: number | null, floor = 0): number {
  if (a === null && b === null) return 0;
  if (a === null) return LOG_CAP;
  if (b === null) return -LOG_CAP;
  const r = Math.log(Math.max(a + floor, 1e-12) / Math.max(b + floor, 1e-12));
  return Math.max(-LOG_CAP, Math.min(LOG_CAP, r));
}

/**
 * The trivial model's val loss in original units: the variance of the validation targets (predicting
 * their mean), or ln 2 for classification (predicting 1/2). The yardstick of "a real level".
 */
const refCache = new Map<string, number>();
export function refLoss(config: ZooConfig): number {
  if (config.task === 'classification') return Math.LN2;
  const key = JSON.stringify(config);
  let v = refCache.get(key);
  if (v === undefined) {
    const c = resolve(config);
    const ds = buildDataset(c);
    let m = 0;
    for (const y of ds.yVal) m += y;
    m /= ds.nVal;
    let ss = 0;
    for (const y of ds.yVal) ss += (y - m) ** 2;
    v = Math.max(1e-12, (ss / ds.nVal) * ds.scaler.scale ** 2);
    refCache.set(key, v);
  }
  return v;
}

/** the kept model's val loss is read as the median of the last FINAL_TAIL epochs when nothing restores weights (one jumpy last epoch is not the model) */
export const FINAL_TAIL = 3;

/** val loss of the model you would keep, original units: EarlyStopping's restored epoch (median of the 5 epochs around it), else the median of the last FINAL_TAIL epochs */
export function keptVal(r: Pick<RawRun, 'config' | 'history' | 'final_val' | 'loss_scale'>): number | null {
  const es = (r.config as { fit?: { early_stopping?: { restore_best?: boolean } | null } }).fit?.early_stopping;
  if (es?.restore_best) {
    // the restored epoch, read on the smoothed curve: on a jumpy val curve the raw minimum is a lucky
    // draw of the validation noise (selection), not a better model
    const v = r.history.val_loss;
    let best = -1;
    v.forEach((x, i) => {
      if (x !== null && (best < 0 || x < (v[best] as number))) best = i;
    });
    if (best < 0) return null;
    const w = v
      .slice(Math.max(0, best - 2), best + 3)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    return w[Math.floor(w.length / 2)] * r.loss_scale;
  }
  const tail = r.history.val_loss.slice(-FINAL_TAIL);
  if (tail.length === 0 || tail.some((v) => v === null)) return null;
  const sorted = (tail as number[]).slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] * r.loss_scale;
}

/** val volatility in excess of train's: jumpy val over a steady train loss (the high-variance signature) */
export function excessVolatility(r: Pick<RawRun, 'history' | 'loss_scale'>, ref: number): number {
  return Math.max(
    0,
    volatility(r.history.val_loss, ref / r.loss_scale) - volatility(r.history.loss, ref / r.loss_scale),
  );
}

function stats(
  base: RawRun,
  r: RawRun,
  ref: number,
  levelWeight = 1,
  excess = false,
  volWeight = 1,
): Omit<RunStats, 'changes' | 'val_loss' | 'loss'> {
  const vb = volatility(base.history.val_loss, ref / base.loss_scale);
  const vr = volatility(r.history.val_loss, ref / r.loss_scale);
  const floor = LEVEL_FLOOR * ref;
  const d_final = logRatio(keptVal(base), keptVal(r), floor);
  const d_best = logRatio(base.best_val, r.best_val, floor);
  // the high-variance remedy is judged on the val jumpiness in excess of train's (a run whose train loss
  // jumps as much as its val loss is not a validation-set problem)
  const d_vol = excess ? excessVolatility(base, ref) - excessVolatility(r, ref) : vb - vr;
  const help = levelWeight * (W_FINAL * d_final + W_BEST * d_best) + volWeight * W_VOL * d_vol;
  const f = (v: number) => Number(v.toFixed(4));
  return {
    best_val: r.best_val,
    final_val: r.final_val,
    volatility: f(vr),
    epochs_run: r.epochs_run,
    stop_reason: r.stop_reason,
    help: f(help),
    d_final: f(d_final),
    d_best: f(d_best),
    d_vol: f(d_vol),
  };
}

/** dotted paths where b differs from a */
function diff(a: unknown, b: unknown, path = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out[path] = b === undefined ? null : b;
  return out;
}

export interface Labelled {
  label: ZooLabel;
  acceptable: ZooLabel[];
  borderline: boolean;
  margins: ZooRecord['margins'];
}

/** The rule: the remedy that helps clearly most, good_fit when none helps meaningfully. */
export function decide(help: Record<Remedy, number>, seedHelp: number): Labelled {
  const noise = Math.abs(seedHelp);
  const threshold = Math.max(TAU_MIN, Math.min(NOISE_CAP, K_NOISE * noise));
  const ranked = [...REMEDIES].sort((a, b) => help[b] - help[a]);
  const [top, second] = ranked;
  const overT = help[top] - threshold;
  const overR = help[top] - help[second];
  // + 0: a margin that rounds to -0 is stored as 0 (JSON has no -0), so it must be computed as 0 too
  const f = (v: number) => Number(v.toFixed(4)) + 0;
  const margins = { over_threshold: f(overT), over_runner_up: f(overR), threshold: f(threshold), seed_noise: f(noise) };
  if (overT < 0) {
    // nothing clears the threshold: good_fit; borderline when the best remedy nearly does
    const borderline = overT > -MARGIN;
    return { label: 'good_fit', acceptable: borderline ? ['good_fit', top] : ['good_fit'], borderline, margins };
  }
  const acceptable: ZooLabel[] = [top];
  if (overR < MARGIN && help[second] >= threshold) acceptable.push(second);
  else if (overT < MARGIN) acceptable.push('good_fit');
  return { label: top, acceptable, borderline: acceptable.length > 1, margins };
}

/** split by family, stratified by a key per family (`intended`: the zoo passes the family's majority label): of every 5 families (in a seeded order) 3 train, 1 dev, 1 test */
export function splitOf(families: { family: string; intended: string }[], seed: number): Map<string, ZooSplit> {
  const out = new Map<string, ZooSplit>();
  const byKind = new Map<string, string[]>();
  for (const f of families) {
    if (!byKind.has(f.intended)) byKind.set(f.intended, []);
    const l = byKind.get(f.intended)!;
    if (!l.includes(f.family)) l.push(f.family);
  }
  const pattern: ZooSplit[] = ['train', 'train', 'train', 'dev', 'test'];
  for (const [, fams] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const r = mulberry32(seed ^ 0x5eed);
    const keyed = fams.map((f) => ({ f, k: hash(f) })).sort((a, b) => a.k - b.k || a.f.localeCompare(b.f));
    // a seeded shift so the pattern does not always start at train
    const shift = Math.floor(r() * pattern.length);
    keyed.forEach(({ f }, i) => out.set(f, pattern[(i + shift) % pattern.length]));
  }
  return out;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** rise of val above its minimum that counts as "then rises" */
export const SHAPE_RISE = 0.05;
/** val jumpier than train by this factor (and at least SHAPE_VOL) is "jumping" */
export const SHAPE_VOL_RATIO = 2;
export const SHAPE_VOL = 0.03;
/** how far a remedy must beat a shape-consistent alternative to win where its own shape is absent */
export const SHAPE_MARGIN = 0.2;

/**
 * The seed guide's shape of each pattern, from the base run's curves -- used ONLY to choose among
 * remedies that tie (borderline runs), never to override a clear intervention result:
 *   overfitting   val reaches its minimum before the last fifth, ends >= 5% above it, train still falls after it
 *   unstable      non-finite or diverged, or train and val both jumpy with val not clearly down (end > 0.7 x first)
 *   high_variance val jumpy (vol >= 0.03 and >= 2 x train's) and mostly above train, no min-then-rise
 *   underfitting  both losses close (val within 2x train), and val ends above 0.5 x its first value or still falls
 */
export function shapes(h: Record<string, (number | null)[]>, ref = 1): Set<ZooLabel> {
  const out = new Set<ZooLabel>();
  const vl = h.val_loss;
  const tl = h.loss;
  const n = vl.length;
  const nonFinite = [...vl, ...tl].some((v) => v === null);
  const v = vl.filter((x): x is number => x !== null);
  const t = tl.filter((x): x is number => x !== null);
  if (nonFinite || v.length < 3 || t.length < 3) {
    out.add('unstable');
    return out;
  }
  const vmin = Math.min(...v);
  const iMin = v.indexOf(vmin);
  const vEnd = v[v.length - 1];
  const tEnd = t[t.length - 1];
  const minThenRise = iMin < 0.8 * n && vEnd > vmin * (1 + SHAPE_RISE) && tEnd < t[Math.min(iMin, t.length - 1)];
  if (minThenRise) out.add('overfitting');
  const vv = volatility(vl, ref);
  const tv = volatility(tl, ref);
  if ((vv >= SHAPE_VOL && tv >= SHAPE_VOL && vEnd > 0.7 * v[0]) || (vEnd > DIVERGED_RATIO * vmin && vEnd > v[0]))
    out.add('unstable');
  const above = v.filter((x, i) => x > t[i]).length / n;
  if (vv >= SHAPE_VOL && vv >= SHAPE_VOL_RATIO * tv && above > 0.5 && !minThenRise) out.add('high_variance');
  const close = vEnd < 2 * tEnd && tEnd < 2 * vEnd;
  const tail = v.slice(Math.floor(n * 0.8));
  const stillFalling = tail.length >= 2 && tail[tail.length - 1] < tail[0] * 0.97;
  if (close && (vEnd > 0.5 * v[0] || stillFalling) && !minThenRise) out.add('underfitting');
  return out;
}

/** last finite val loss DIVERGED_RATIO x its lowest and above its first */
function divergedOnly(vl: (number | null)[]): boolean {
  const finite = vl.filter((v): v is number => v !== null);
  const last = finite[finite.length - 1];
  return finite.length > 1 && last > DIVERGED_RATIO * Math.min(...finite) && last > finite[0];
}
/** non-finite or diverged */
function diverges(vl: (number | null)[]): boolean {
  return vl.some((v) => v === null) || divergedOnly(vl);
}

/**
 * The rule's first half: what each remedy and the seed re-run did to a raw run (help scores against the
 * base run and its seed re-run, averaged; see stats()). `help` is what decide() reads; `seedS.help` is
 * the seed re-run's signed help (the seed noise is half its size).
 */
export function interventionStats(raw: RawRecord): {
  ref: number;
  seedS: ReturnType<typeof stats>;
  rem: Record<Remedy, RunStats>;
  help: Record<Remedy, number>;
} {
  const ref = refLoss(raw.base.config as ZooConfig);
  const seedS = stats(raw.base, raw.seed_rerun, ref);
  // the unstable remedy is a smaller step: on a run with no sign of instability (no non-finite value,
  // no divergence, not both losses jumpy in either seed: the guide's "both losses fluctuate") its level
  // gain comes from learning more slowly (an implicit early stop, the overfitting remedy's job) or from
  // steadier weights under a jumpy val loss (high variance): all of its help counts at SIDE_EFFECT_WEIGHT
  const jumpy = (r: RawRun) =>
    volatility(r.history.val_loss, ref / r.loss_scale) >= SHAPE_VOL &&
    volatility(r.history.loss, ref / r.loss_scale) >= SHAPE_VOL;
  const unstableEvidence = [raw.base, raw.seed_rerun].some(
    (r) => jumpy(r) || diverges(r.history.val_loss) || diverges(r.history.loss),
  );
  const rem = {} as Record<Remedy, RunStats>;
  for (const k of REMEDIES) {
    const r = raw.remedies[k];
    // against the base run and against its seed re-run, averaged: the base behaviour over two seeds
    const sideEffect = k === 'unstable' && !unstableEvidence;
    const lw = k === 'high_variance' || sideEffect ? SIDE_EFFECT_WEIGHT : 1;
    const vw = sideEffect ? SIDE_EFFECT_WEIGHT : 1;
    const a = stats(raw.base, r, ref, lw, k === 'high_variance', vw);
    const b = stats(raw.seed_rerun, r, ref, lw, k === 'high_variance', vw);
    const avg = (x: number, y: number) => Number(((x + y) / 2).toFixed(4));
    rem[k] = {
      ...a,
      help: avg(a.help, b.help),
      d_final: avg(a.d_final, b.d_final),
      d_best: avg(a.d_best, b.d_best),
      d_vol: avg(a.d_vol, b.d_vol),
      val_loss: r.history.val_loss,
      loss: r.history.loss,
      changes: diff(raw.base.config, r.config),
    };
  }
  const help = Object.fromEntries(REMEDIES.map((k) => [k, rem[k].help])) as Record<Remedy, number>;
  return { ref, seedS, rem, help };
}

/**
 * The rule's second half: the label from the help scores and the seed noise (decide), then the base
 * curve's tie-break by shape, "not clearly", NaN / divergence and stuck-at-chance (see labelRecord).
 * `seedNoise` is each seed's distance from the two seeds' mean (half the seed re-run's help). Exposed so
 * a label can be recomputed from other help scores (scripts/zoo/reproducibility.ts: two draws averaged).
 */
export function labelFromHelp(
  help: Record<Remedy, number>,
  seedNoise: number,
  base: Pick<RawRun, 'history' | 'loss_scale'>,
  ref: number,
  task: RawRecord['task'],
): Labelled & { nonFinite: boolean; diverged: boolean } {
  const lab = decide(help, seedNoise);
  const h = base.history;
  const vl = base.history.val_loss;
  const tl = base.history.loss;
  const nonFinite = [...vl, ...tl].some((v) => v === null);
  // divergence is of the TRAINING loss (a val loss that climbs while train falls is overfitting)
  const diverged = divergedOnly(tl);
  // a tie goes to the tied pattern whose shape the base curve shows (the acceptable set is unchanged)
  if (lab.borderline) {
    const sh = shapes(h, ref / base.loss_scale);
    const fits = lab.acceptable.filter((l) => l !== 'good_fit' && sh.has(l));
    if (fits.length === 1 && fits[0] !== lab.label) lab.label = fits[0];
    else if (fits.length === 0 && lab.acceptable.includes('good_fit') && sh.size === 0) lab.label = 'good_fit';
  }
  // not clearly: the winner's shape is absent from the curve while a pattern whose shape is present (or
  // good_fit, when no shape is) comes within SHAPE_MARGIN of it (good_fit scores the threshold; a remedy
  // must itself clear the threshold) -> that pattern, borderline, both acceptable
  {
    const sh = shapes(h, ref / base.loss_scale);
    const ok = (l: ZooLabel) => (l === 'good_fit' ? sh.size === 0 : sh.has(l));
    const score = (l: ZooLabel) => (l === 'good_fit' ? lab.margins.threshold : help[l as Remedy]);
    if (!ok(lab.label)) {
      const alt = (['good_fit', ...REMEDIES] as ZooLabel[])
        .filter(
          (l) =>
            l !== lab.label &&
            ok(l) &&
            score(l) >= lab.margins.threshold &&
            score(l) >= score(lab.label) - SHAPE_MARGIN,
        )
        .sort((a, b) => score(b) - score(a))[0];
      if (alt) {
        lab.acceptable = [alt, lab.label];
        lab.label = alt;
        lab.borderline = true;
      }
    }
  }
  // NaN / divergence is unstable by the guide's definition ("NaN, divergence, big transient jumps from a
  // learning rate far too high"), whatever else a remedy did: the interventional label stays acceptable
  if ((nonFinite || diverged) && lab.label !== 'unstable') {
    lab.acceptable = ['unstable', lab.label];
    lab.label = 'unstable';
    lab.borderline = true;
  }
  // stuck at chance: nothing helps (good_fit by intervention) but the guide's shape is underfitting
  // (both losses high, stalled, close): both labels acceptable
  if (task === 'classification' && lab.label === 'good_fit' && stuckAtChance(h)) {
    lab.borderline = true;
    if (!lab.acceptable.includes('underfitting')) lab.acceptable = ['good_fit', 'underfitting'];
  }
  return { ...lab, nonFinite, diverged };
}

export function labelRecord(raw: RawRecord, split: ZooSplit): ZooRecord {
  const { ref, seedS, rem, help } = interventionStats(raw);
  // each seed's distance from the two seeds' mean
  const { nonFinite, diverged, ...lab } = labelFromHelp(help, seedS.help / 2, raw.base, ref, raw.task);
  const h = raw.base.history;
  const vl = raw.base.history.val_loss;
  return {
    id: raw.id,
    family: raw.family,
    split,
    master_seed: raw.master_seed,
    seed: raw.seed,
    task: raw.task,
    config: raw.base.config,
    intended: raw.intended,
    variant: raw.variant,
    ...lab,
    non_finite: nonFinite,
    diverged,
    base: {
      best_val: raw.base.best_val,
      final_val: raw.base.final_val,
      volatility: Number(volatility(vl, ref / raw.base.loss_scale).toFixed(4)),
      ref_loss: Number(ref.toPrecision(4)),
      epochs_run: raw.base.epochs_run,
      stop_reason: raw.base.stop_reason,
      loss_scale: raw.base.loss_scale,
    },
    seed_rerun: {
      ...seedS,
      val_loss: raw.seed_rerun.history.val_loss,
      loss: raw.seed_rerun.history.loss,
      changes: diff(raw.base.config, raw.seed_rerun.config),
    },
    remedies: rem,
    history: {
      loss: h.loss,
      val_loss: h.val_loss,
      ...(h.accuracy ? { accuracy: h.accuracy, val_accuracy: h.val_accuracy } : {}),
      ...(h.lr ? { lr: h.lr } : {}),
    },
  };
}

/** cross-entropy never clearly below chance (ln 2): val and train both within CHANCE_BAND of it at the end */
export const CHANCE_BAND = 0.03;
export function stuckAtChance(h: Record<string, (number | null)[]>): boolean {
  const last = (k: string) => h[k]?.[h[k].length - 1];
  const vl = last('val_loss');
  const tl = last('loss');
  return (
    vl !== null &&
    vl !== undefined &&
    tl !== null &&
    tl !== undefined &&
    vl > Math.LN2 * (1 - CHANCE_BAND) &&
    tl > Math.LN2 * (1 - CHANCE_BAND)
  );
}

/**
 * The raw lines of the files in `dir` that `take` accepts, by run id (a line cut by a kill is skipped; a
 * re-done id keeps its last line). Draws of the labelling experiment other than the first
 * (`generate.ts --reseed K` -> reseed-K-*.jsonl) are read with their own prefix.
 */
export function readRawLines(dir: string, take: (file: string) => boolean): Map<string, RawRecord> {
  const out = new Map<string, RawRecord>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && take(f))
    .sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as RawRecord;
        out.set(r.id, r);
      } catch {
        /* a line cut by a kill */
      }
    }
  }
  return out;
}

/** one reseeded draw's raw lines (reseed-K-*.jsonl) */
export const readDraw = (dir: string, k: number) => readRawLines(dir, (f) => f.startsWith(`reseed-${k}-`));

/** the first draw's raw lines (every .jsonl but the reseeded draws'), in family order */
export function readRaw(dir: string): RawRecord[] {
  const out = readRawLines(dir, (f) => !f.startsWith('reseed-'));
  return [...out.values()].sort((a, b) => a.family_index - b.family_index || a.id.localeCompare(b.id));
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
}

function main(): void {
  const rawDir = arg('raw', 'bench/zoo/raw');
  // the holdout goes to its own file unless told otherwise, never into the zoo's
  const fixed = arg('split', '');
  if (fixed !== '' && fixed !== 'holdout') throw new Error(`--split takes 'holdout' (or nothing), got '${fixed}'`);
  const out = arg('out', fixed === 'holdout' ? HOLDOUT_PATH : ZOO_PATH);
  if (fixed === 'holdout' && resolvePath(out) === resolvePath(ZOO_PATH))
    throw new Error('--split holdout must not write the zoo itself (bench/zoo/zoo.jsonl.gz)');
  const raws = readRaw(rawDir);
  const seed = raws[0]?.master_seed ?? 1;
  // label first, then split by family, stratified by the family's most common label (so every label
  // class is in every split in proportion; the test split is still never used to choose anything)
  const labelled = raws.map((r) => labelRecord(r, 'train'));
  const votes = new Map<string, Map<string, number>>();
  for (const r of labelled) {
    const m = votes.get(r.family) ?? new Map<string, number>();
    m.set(r.label, (m.get(r.label) ?? 0) + 1);
    votes.set(r.family, m);
  }
  const majority = (f: string) => [...votes.get(f)!].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  const splits = splitOf(
    [...votes.keys()].map((f) => ({ family: f, intended: majority(f) })),
    seed,
  );
  // --split holdout puts every run in the holdout split, a file of its own (bench/zoo/holdout.jsonl.gz):
  // splitting later families with the rest would move families of the committed zoo between train, dev
  // and test
  const recs = labelled.map((r) => ({ ...r, split: fixed === 'holdout' ? fixed : splits.get(r.family)! }));
  mkdirSync(dirname(out), { recursive: true });
  const buf = gzipSync(recs.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 });
  writeFileSync(out, buf);
  const LABELS: ZooLabel[] = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable'];
  const pad = (s: string | number, n = 14) => String(s).padEnd(n);
  console.log(`${recs.length} runs -> ${out} (${(buf.length / 1024).toFixed(0)} KiB)`);
  console.log(
    pad('label') +
      ['train', 'dev', 'test', 'holdout', 'all', 'borderline', 'nan', 'diverged'].map((s) => pad(s, 11)).join(''),
  );
  for (const l of LABELS) {
    const rs = recs.filter((r) => r.label === l);
    console.log(
      pad(l) +
        [
          ...(['train', 'dev', 'test', 'holdout'] as const).map((s) => rs.filter((r) => r.split === s).length),
          rs.length,
          rs.filter((r) => r.borderline).length,
          rs.filter((r) => r.non_finite).length,
          rs.filter((r) => r.diverged).length,
        ]
          .map((v) => pad(v, 11))
          .join(''),
    );
  }
  console.log('\nintended (rows) x label (columns)');
  console.log(pad('') + LABELS.map((l) => pad(l, 14)).join(''));
  for (const i of LABELS)
    console.log(
      pad(i) + LABELS.map((l) => pad(recs.filter((r) => r.intended === i && r.label === l).length, 14)).join(''),
    );
  console.log(
    `\ntask: ${recs.filter((r) => r.task === 'classification').length} classification, ${recs.filter((r) => r.task === 'regression').length} regression`,
  );
  if (process.argv.includes('--markdown')) {
    const splits = ['train', 'dev', 'test', 'holdout'] as const;
    const md: string[] = [];
    md.push(
      `| label | ${splits.join(' | ')} | all | borderline | NaN base | diverged base | classification |`,
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const l of LABELS) {
      const rs = recs.filter((r) => r.label === l);
      md.push(
        `| ${l} | ${splits.map((sp) => rs.filter((r) => r.split === sp).length).join(' | ')} | ${rs.length} | ${rs.filter((r) => r.borderline).length} | ${rs.filter((r) => r.non_finite).length} | ${rs.filter((r) => r.diverged).length} | ${rs.filter((r) => r.task === 'classification').length} |`,
      );
    }
    md.push(
      `| all | ${splits.map((sp) => recs.filter((r) => r.split === sp).length).join(' | ')} | ${recs.length} | ${recs.filter((r) => r.borderline).length} | ${recs.filter((r) => r.non_finite).length} | ${recs.filter((r) => r.diverged).length} | ${recs.filter((r) => r.task === 'classification').length} |`,
    );
    md.push(
      '',
      `| intended \\ label | ${LABELS.join(' | ')} | runs |`,
      `|---|${LABELS.map(() => '---|').join('')}---|`,
    );
    for (const i of LABELS)
      md.push(
        `| ${i} | ${LABELS.map((l) => recs.filter((r) => r.intended === i && r.label === l).length).join(' | ')} | ${recs.filter((r) => r.intended === i).length} |`,
      );
    console.log(md.join('\n'));
  }
  if (process.argv.includes('--stats')) {
    for (const i of LABELS) {
      const rs = recs.filter((r) => r.intended === i);
      const med = (xs: number[]) => (xs.length ? xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(3) : '-');
      console.log(
        `${pad(i)} seed_noise ${med(rs.map((r) => r.margins.seed_noise))} ` +
          REMEDIES.map(
            (k) =>
              `${k}: help ${med(rs.map((r) => r.remedies[k].help))} (f ${med(rs.map((r) => r.remedies[k].d_final))} b ${med(rs.map((r) => r.remedies[k].d_best))} v ${med(rs.map((r) => r.remedies[k].d_vol))})`,
          ).join('  '),
      );
    }
  }
}

if (process.argv[1]?.endsWith('label.ts')) main();
