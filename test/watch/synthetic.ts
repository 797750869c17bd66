/** Seeded synthetic training curves for the watch tests and bench: overfitting, NaN, good fit, plateau. */
import { mulberry32 } from '../../src/util/random.js';

export interface SyntheticRun {
  kind: 'overfitting' | 'nan' | 'good_fit' | 'plateau';
  epochs: number;
  /** the epoch (1-based) an expert would flag: val's minimum plus a few epochs of clear rise; the NaN epoch */
  expertEpoch?: number;
  history: { loss: number[]; val_loss: number[] };
}

/** the repo's seeded generator (mulberry32), so every run is the same everywhere */
export const rng = mulberry32;

/** train loss decays; val follows it down to `turn`, then rises (overfitting) with noise */
export function overfittingRun(seed: number, epochs = 60, turn = 20): SyntheticRun {
  const r = rng(seed);
  const loss: number[] = [];
  const val: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    const t = 0.1 + 1.0 * Math.exp(-e / 8);
    loss.push(t * (1 + 0.01 * (r() - 0.5)));
    const v = 0.25 + 0.9 * Math.exp(-Math.min(e, turn) / 8) + (e > turn ? 0.012 * (e - turn) : 0);
    val.push(v * (1 + 0.02 * (r() - 0.5)));
  }
  return { kind: 'overfitting', epochs, expertEpoch: turn + 5, history: { loss, val_loss: val } };
}

/** a healthy run whose loss turns NaN at `at` */
export function nanRun(seed: number, epochs = 40, at = 17): SyntheticRun {
  const g = goodRun(seed, epochs).history;
  for (let i = at - 1; i < epochs; i++) {
    g.loss[i] = NaN;
    g.val_loss[i] = NaN;
  }
  return { kind: 'nan', epochs, expertEpoch: at, history: g };
}

/** both curves fall and flatten together */
export function goodRun(seed: number, epochs = 40): SyntheticRun {
  const r = rng(seed);
  const loss: number[] = [];
  const val: number[] = [];
  for (let e = 1; e <= epochs; e++) {
    loss.push((0.2 + 1.0 * Math.exp(-e / 6)) * (1 + 0.01 * (r() - 0.5)));
    val.push((0.22 + 1.0 * Math.exp(-e / 6)) * (1 + 0.01 * (r() - 0.5)));
  }
  return { kind: 'good_fit', epochs, history: { loss, val_loss: val } };
}
