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
 * Calibrated on this project's 2-core machine with `npx tsx scripts/calibrate-cost.ts` (the real path:
 * trainInWorker, fused engine, 2 threads per run; each configuration's fastest epoch of 6), 12
 * configurations from LSTM(8) to LSTM(128)->LSTM(64), batch 4 to 128, n_steps 10 and 30; the script
 * prints the fit and each configuration's error. Measured with other jobs on the machine (load average
 * 2-14), so these err on the slow side. CURVE_TRIAGE_COST_SCALE scales every estimate (e.g. 0.5 on a
 * machine twice as fast).
 */
export const COST: CostModel = {
  aNs: 0.16,
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
  const { spec: s, candidates } = planSweep(spec);
  let seconds = 0;
  for (const cand of candidates) seconds += runSeconds(cand.config, m, scale) * s.repeats;
  return { seconds, runs: candidates.length * s.repeats };
}

/** Round up to something a person reads: "~14 min", "~40 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `~${Math.max(1, Math.ceil(seconds))} s`;
  return `~${Math.ceil(seconds / 60)} min`;
}
