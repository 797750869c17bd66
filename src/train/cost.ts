/**
 * What a training job costs before it starts: seconds of a training slot, estimated from the config
 * (parameters x windows x steps x epochs), so the bot can cap a job and a user's hour by compute rather
 * than by a count of runs (issue: hardening, item 5: a 40-run sweep of a big preset held the only
 * training slot for ~15 minutes, 90 in the worst case).
 *
 * Time per epoch = A * params * n_steps * windows   (the LSTM products, forward and backward)
 *                + B * n_steps * windows            (per-step gate math and bookkeeping)
 *                + C * params * batches             (the optimiser update, once per batch)
 * times the ensemble size; a run costs min(epochs x that, max_seconds) + a start-up allowance. The
 * estimate is the worst case (early stopping may end a run sooner) because that is what a slot can be
 * held for.
 */
import { countParams, type TrainConfig } from './config.js';
import { planSweep } from './sweep.js';

export interface CostModel {
  /** ns per parameter per step per window */
  aNs: number;
  /** ns per step per window */
  bNs: number;
  /** ns per parameter per batch */
  cNs: number;
  /** seconds per run for starting it (TF.js load on a fresh thread, dataset, the first epoch's JIT) */
  runOverheadS: number;
}

/**
 * Where the numbers come from (ms/epoch with the fused engine, 2 threads per run, batch 32):
 * - docs/train.md's quiet-machine bench (noisy sine, n_steps 10, 1,000 windows): LSTM(32) 13,
 *   LSTM(64) 37, LSTM(128) 90, LSTM(64)->LSTM(32) 57;
 * - the temperature preset (LSTM(128)->LSTM(64)->Dense(32), 800 windows): ~20 s for its ~55 epochs
 *   (docs/train.md), and the hardening issue's 40-run sweep of it, ~14.5 min with early stopping:
 *   both ~350 ms/epoch, 2.7x more per parameter than LSTM(128) alone.
 * A is set by the temperature model (the jobs the limits are for), so single-layer models are
 * overestimated by ~1.5-2.5x: the estimate errs on the slow side, which is the side a cap should err
 * on. B and C keep small models and small batches from costing nothing. `scripts/calibrate-cost.ts`
 * re-measures a dozen configurations and prints a least-squares fit (on 2026-12-01 the machine ran
 * other jobs at load average 13-14 and every epoch took 5-10x its quiet time, so that fit is not used).
 * CURVE_TRIAGE_COST_SCALE scales every estimate (e.g. 0.5 on a machine twice as fast).
 */
export const COST: CostModel = {
  aNs: 0.35,
  bNs: 1500,
  cNs: 4,
  runOverheadS: 2,
};

/** Windows an epoch touches: every sample once (training) or once forward (validation). */
function windows(c: TrainConfig): number {
  return c.data.samples;
}

export function epochSeconds(c: TrainConfig, m: CostModel = COST): number {
  const params = countParams(c.model);
  const N = windows(c);
  const T = c.data.n_steps;
  const nTrain = Math.max(1, Math.floor(N * (1 - c.fit.validation_split)));
  const batches = Math.ceil(nTrain / Math.max(1, Math.min(c.fit.batch_size, nTrain)));
  const ns = m.aNs * params * T * N + m.bNs * T * N + m.cNs * params * batches;
  return (ns / 1e9) * c.fit.ensemble;
}

/** Worst-case seconds of one run: every epoch, bounded by the run's own time limit. */
export function runSeconds(c: TrainConfig, m: CostModel = COST, scale = 1): number {
  return Math.min(c.fit.epochs * epochSeconds(c, m) * scale, c.max_seconds) + m.runOverheadS * scale;
}

export interface JobCost {
  /** worst-case seconds of training slot */
  seconds: number;
  /** training runs in the job */
  runs: number;
}

/** A sweep: the sum over its runs (candidates x repeats). Throws ConfigError for a bad spec. */
export function sweepCost(spec: unknown, m: CostModel = COST, scale = 1): JobCost {
  const { spec: s, candidates, search } = planSweep(spec);
  // a TPE search: its configs are chosen while it runs, so every run is assumed the costliest of the space
  if (search) return { seconds: runSeconds(search.worst, m, scale) * search.runs, runs: search.runs };
  let seconds = 0;
  for (const cand of candidates) seconds += runSeconds(cand.config, m, scale) * s.repeats;
  return { seconds, runs: candidates.length * s.repeats };
}

/** Round up to something a person reads: "~14 min", "~40 s" (util/format.ts's formatEstimate). */
export { formatEstimate as formatDuration } from '../util/format.js';
