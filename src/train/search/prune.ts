/**
 * Median stopping (Golovin et al., "Google Vizier", KDD 2017; Optuna's MedianPruner): a trial whose
 * best val_loss so far at epoch k is worse than the median of the finished trials' val_loss at epoch
 * k stops there, so the budget goes to promising configurations. Pure: the thresholds are computed
 * from the finished trials' curves before a trial starts (trials run one after another, so they are
 * exactly what Optuna would compare against), and the trainer checks them after each epoch.
 */
import { median } from '../../util/median.js';

export interface PruneOptions {
  /** finished trials needed before anything is pruned (Optuna's n_startup_trials: 5) */
  startupTrials?: number;
  /** epochs every trial runs before it can be pruned (Optuna's n_warmup_steps, default 0 there; see PRUNE_DEFAULTS) */
  warmupEpochs?: number;
  /** finished trials that must have reached epoch k for a threshold at k (Optuna's n_min_trials: 1) */
  minTrials?: number;
}

/**
 * Optuna's defaults, except the warm-up: 0 there; here a fifth of the planned epochs (at least 2, the
 * curve's first epochs are mostly the initialisation), so a slow starter that ends best is not cut
 * (the seeded test in test/train/search.test.ts checks that on the guide's space).
 */
export const PRUNE_DEFAULTS = { startupTrials: 5, warmupFraction: 0.2, minWarmup: 2, minTrials: 1 } as const;

export function defaultWarmup(epochs: number): number {
  return Math.max(PRUNE_DEFAULTS.minWarmup, Math.ceil(epochs * PRUNE_DEFAULTS.warmupFraction));
}

/**
 * Per epoch (index k = epoch k + 1), the median of the finished trials' val_loss there, or null where
 * nothing is pruned (warm-up, too few trials reached that epoch, or too few finished trials).
 */
export function pruneThresholds(finished: number[][], epochs: number, o: PruneOptions = {}): (number | null)[] {
  const startup = o.startupTrials ?? PRUNE_DEFAULTS.startupTrials;
  const warmup = o.warmupEpochs ?? defaultWarmup(epochs);
  const minTrials = o.minTrials ?? PRUNE_DEFAULTS.minTrials;
  const out: (number | null)[] = [];
  for (let k = 0; k < epochs; k++) {
    if (finished.length < startup || k + 1 <= warmup) {
      out.push(null);
      continue;
    }
    const at = finished.map((c) => c[k]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    out.push(at.length >= Math.max(1, minTrials) ? median(at) : null);
  }
  return out;
}

/** The trainer's check after an epoch: prune when the best so far is worse than the threshold there. */
export function shouldPrune(thresholds: readonly (number | null)[], epoch: number, bestSoFar: number): boolean {
  const t = thresholds[epoch - 1];
  if (t === null || t === undefined) return false;
  return !Number.isFinite(bestSoFar) || bestSoFar > t;
}
