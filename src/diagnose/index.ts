/**
 * diagnose: TrainingLog -> Diagnosis. Measure (features.ts, measure.ts), score each pattern against named
 * thresholds (rules.ts, classify.ts), and explain the verdict with the numbers behind it.
 */
import type { Run, TrainingLog } from '../ingest/schema.js';
import type { Diagnosis, Evidence } from './schema.js';
import { align, selectMetric, selectPair, type Pair } from './features.js';
import { classify } from './classify.js';
import { measure } from './measure.js';
import type { Ctx, NonFinite } from './types.js';
import { heldOutHolds, heldOutSays, heldOutScore, type HeldOutJudged } from './held-out.js';
import type { Verdict } from './explain.js';

export type { Diagnosis, Pattern, Finding, Evidence } from './schema.js';
export { PATTERNS, FINDINGS, DiagnosisSchema, verdictLabel } from './schema.js';
export type { Ctx } from './types.js';
export type { Claim } from './quote.js';
export { fileLabel } from './quote.js';

export interface DiagnoseOptions {
  /** 0-based run index, or 'last' (default) */
  run?: number | 'last';
  /** focus metric key (e.g. 'val_accuracy', 'mae'); default: the loss pair */
  metric?: string;
  /** the hand-written rules' verdict without the learned model (benchmarks compare the two) */
  rulesOnly?: boolean;
  /**
   * Where the log comes from, which picks the reliability map the confidence is read through: 'upload' (default:
   * a log someone sent or streams, judged against real logs' expert labels) or 'trained' (a run of curve-triage's
   * own training engine, judged against the zoo's interventional labels). The verdict is the same either way.
   */
  origin?: 'upload' | 'trained';
}

export function pickRun(log: TrainingLog, run: DiagnoseOptions['run']): number {
  if (run === undefined || run === 'last') return log.runs.length - 1;
  if (!Number.isInteger(run) || run < 0 || run >= log.runs.length) {
    throw new RangeError(`run ${run} does not exist: the log holds ${log.runs.length} run(s)`);
  }
  return run;
}

export function diagnose(log: TrainingLog, options: DiagnoseOptions = {}): Diagnosis {
  return diagnoseDetailed(log, options).diagnosis;
}

/** The measured run, ready for classify(): the chosen pair aligned, the evidence filled (curves too when it
 * has 2 points or more). The scorers' tests start from here. */
export function measureRun(log: TrainingLog, options: DiagnoseOptions = {}, judged?: HeldOutJudged): Ctx {
  const index = pickRun(log, options.run);
  const run = log.runs[index];
  const pair = judged?.pair ?? selectPair(run, options.metric);
  const metric = selectMetric(run, pair);
  const a = align(pair);
  const n = a.x.length;
  const evidence: Evidence = { points: n, x_axis: run.xAxis, ...(run.xUnit ? { x_unit: run.xUnit } : {}) };
  if (n > 0) {
    evidence.first_x = a.x[0];
    evidence.last_x = a.x[n - 1];
  }
  // the run goes on through any trailing NaN epochs: last_x is where the log ends, not the last finite point
  for (const s of [pair.train, pair.val]) {
    if (s && s.x.length) {
      const lastOfSeries = s.x[s.x.length - 1];
      if (evidence.last_x === undefined || lastOfSeries > evidence.last_x) evidence.last_x = lastOfSeries;
      if (evidence.first_x === undefined || s.x[0] < evidence.first_x) evidence.first_x = s.x[0];
    }
  }
  const nonFinite = nonFiniteInfo(run, pair);
  if (nonFinite.count > 0) {
    evidence.first_non_finite_x = nonFinite.first;
    evidence.non_finite_count = nonFinite.count;
  }
  const ctx: Ctx = {
    log,
    run,
    index,
    pair,
    metric,
    a,
    evidence,
    nonFinite,
    rulesOnly: options.rulesOnly,
    origin: options.origin,
    ...(judged ? { beside: judged.beside } : {}),
  };
  if (n >= 2) measure(ctx);
  return ctx;
}

/** The diagnosis and the feature vector the model read (undefined when too short to measure): for fitting and benchmarks. */
export function diagnoseDetailed(
  log: TrainingLog,
  options: DiagnoseOptions = {},
): {
  diagnosis: Diagnosis;
  features?: Float64Array;
  ruleProbabilities?: Record<string, number>;
  /** the probabilities the verdict was decided on, before the reliability map (thresholds tuned on them read these) */
  decided?: Record<string, number>;
  /** the learned model's own probabilities, before the real-log adapter and the hard rules (the adapter's fit reads these) */
  model?: Record<string, number>;
  hardUnstable: boolean;
  frozen: boolean;
  /** the judged losses are a GAN's discriminator and generator: never underfitting (scorers/adversarial.ts) */
  adversarial: boolean;
  /** what each number of the headline and reasons means (quote.ts), for checking them against the log */
  quotes: Verdict['quotes'];
} {
  let ctx = measureRun(log, options);
  let verdict = classify(ctx);
  // a training loss that reads as a good fit beside a held-out score and no held-out loss: the score judged alone
  // has the last word when it shows what the training loss cannot (held-out.ts)
  const judged = options.metric === undefined && verdict.pattern === 'good_fit' ? heldOutScore(ctx) : undefined;
  if (judged) {
    const heldCtx = measureRun(log, options, judged);
    const held = classify(heldCtx);
    if (heldOutSays(held.pattern, heldCtx)) [ctx, verdict] = [heldCtx, held];
    else if (heldOutHolds(held, heldCtx, ctx)) {
      // the score reads as a plain good fit too: the training loss's good fit says so, not "cannot be judged"
      ctx.heldOutFit = ctx.metric.val;
      verdict = classify(ctx);
    }
  }
  const { a, evidence, pair, metric, nonFinite, index, run } = ctx;
  const seriesKeys = {
    ...(pair.train ? { train: pair.train.key } : {}),
    ...(pair.val ? { val: pair.val.key } : {}),
    ...(metric.train ? { metric: metric.train.key } : {}),
    ...(metric.val ? { val_metric: metric.val.key } : {}),
    ...(ctx.beside ? { beside: ctx.beside.key } : {}),
    ...(verdict.valAlone ? { val_alone: true as const } : {}),
  };
  const diagnosis: Diagnosis = {
    pattern: verdict.pattern,
    confidence: verdict.confidence,
    findings: verdict.findings,
    evidence,
    headline: verdict.headline,
    reasons: verdict.reasons,
    series: seriesKeys,
    marks: {
      ...(evidence.best_x !== undefined && a.hasVal ? { best_x: evidence.best_x } : {}),
      ...(verdict.pattern === 'overfitting' && evidence.best_x !== undefined
        ? { overfit_from_x: evidence.best_x }
        : {}),
      non_finite_x: nonFinite.xs,
      spike_x: verdict.spikeX,
    },
    run: { index, count: log.runs.length, label: run.label },
    alternatives: verdict.alternatives,
    ...(verdict.borderline !== undefined ? { borderline: verdict.borderline } : {}),
    ...(verdict.probabilities ? { probabilities: verdict.probabilities } : {}),
  };
  return {
    diagnosis,
    features: ctx.features,
    ruleProbabilities: ctx.ruleProbabilities,
    ...(ctx.decided ? { decided: ctx.decided } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
    hardUnstable: ctx.hardUnstable ?? false,
    frozen: ctx.frozen ?? false,
    adversarial: ctx.adversarial ?? false,
    quotes: verdict.quotes,
  };
}

function nonFiniteInfo(run: Run, pair: Pair): NonFinite {
  const xs = new Set<number>();
  for (const s of [pair.train, pair.val]) {
    if (!s) continue;
    for (let i = 0; i < s.y.length; i++) if (!Number.isFinite(s.y[i])) xs.add(s.x[i]);
  }
  const sorted = [...xs].sort((p, q) => p - q);
  let total = 0;
  for (const s of [pair.train, pair.val]) if (s) total += s.y.length;
  return { xs: sorted, first: sorted[0], count: sorted.length, total, run };
}
