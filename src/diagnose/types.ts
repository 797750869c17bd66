/**
 * The types the diagnosis steps hand each other: the per-run context that measure() fills and the
 * scorers read (Ctx), the non-finite summary and the rule scores. They live here, below index.ts,
 * classify.ts and vector.ts, so none of them has to import another for a type.
 */
import type { Run, Series, TrainingLog } from '../ingest/schema.js';
import type { Evidence } from './schema.js';
import type { Aligned, Curve, Pair, selectMetric } from './features.js';

/** Where the monitored pair is NaN/inf: the x positions (sorted), the first, how many, and of how many points. */
export interface NonFinite {
  xs: number[];
  first: number;
  count: number;
  total: number;
  run: Run;
}

export type Ctx = {
  log: TrainingLog;
  run: Run;
  index: number;
  pair: Pair;
  metric: ReturnType<typeof selectMetric>;
  /** the training loss beside a held-out score judged alone (held-out.ts): quoted in the reasons, never judged */
  beside?: Series;
  /** the held-out score that, judged alone beside this training loss, reads as a plain good fit too (held-out.ts
   * heldOutHolds): the good fit's reasons say it ends near its best instead of "generalisation cannot be judged" */
  heldOutFit?: Series;
  a: Aligned;
  evidence: Evidence;
  nonFinite: NonFinite;
  curves?: { V: Curve; T?: Curve; Tfull?: Curve };
  /** x positions of loss spikes, measured once for the evidence count and the chart marks */
  spikeX?: number[];
  rulesOnly?: boolean;
  /** where the log comes from (DiagnoseOptions.origin): which reliability map the confidence is read through */
  origin?: 'upload' | 'trained';
  /** the vector the model read (vector.ts), set by classify */
  features?: Float64Array;
  /** the rules' own verdict as probabilities (the model blends them in) */
  ruleProbabilities?: Record<string, number>;
  /** the training loss blew up (NaN/inf that persists, or diverging): unstable whatever the model says */
  hardUnstable?: boolean;
  /** the learned model's own probabilities, before the real-log adapter and the hard rules (decide.ts settle) */
  model?: Record<string, number>;
  /** the training loss froze: underfitting whatever the model says */
  frozen?: boolean;
  /** the judged losses are a GAN's discriminator and generator: never underfitting (scorers/adversarial.ts) */
  adversarial?: boolean;
  /** the probabilities the verdict was decided on, before the reliability map (what borderline reads) */
  decided?: Record<string, number>;
};

/** The rule scores classify() computes (0.5 = enough evidence by the hand-written rules). */
export interface RuleScores {
  overfitting: number;
  high_variance: number;
  underfitting: number;
  unstable: number;
}
