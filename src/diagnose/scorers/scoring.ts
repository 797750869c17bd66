/**
 * What every scorer reads and writes while classify() runs: the measured run (Ctx), the rule scores
 * so far, the findings, the reasons each rule gave (tagged with the pattern(s) they speak for), and the
 * wording that quotes the run's numbers the user's way round (epoch or step, loss or accuracy).
 */
import type { Finding, Evidence, Pattern } from '../schema.js';
import type { Aligned, Curve } from '../features.js';
import type { Ctx, RuleScores } from '../types.js';
import * as R from '../rules.js';
import { ramp } from '../stats.js';
import { compact } from '../../util/format.js';

/** A reason and the pattern(s) it speaks for (null: a note that stands whatever the verdict). */
export interface Tagged {
  p: Pattern | Pattern[] | null;
  text: string;
}

export interface Scoring {
  ctx: Ctx;
  a: Aligned;
  e: Evidence;
  /** aligned points */
  n: number;
  /** accuracy-like pair read as an error (1 - y) */
  inv: boolean;
  trainName: string;
  valName: string;
  /** the curve's direction words, flipped for accuracy-like pairs */
  W: { bottomed: string; higher: string; rose: string; falling: string };
  scores: RuleScores;
  findings: Set<Finding>;
  tagged: Tagged[];
  spikeX: number[];
  /** the minimum-then-rise overfitting score (the val-worse rule and the headline read it) */
  overRise: number;
  /** NaN/inf only in validation while training stays finite (a broken validation set, not a blow-up) */
  valOnlyNaN: boolean;
}

/** The curves measure() made (present once the run has enough points to be scored). */
export interface Curves {
  V: Curve;
  T?: Curve;
  /** the train curve at its own resolution when there is one, else at the val points */
  trainCurve?: Curve;
}

export function newScoring(ctx: Ctx): Scoring {
  const { pair } = ctx;
  const inv = pair.inverted;
  return {
    ctx,
    a: ctx.a,
    e: ctx.evidence,
    n: ctx.a.x.length,
    inv,
    trainName: pair.train?.key ?? 'train',
    valName: pair.val?.key ?? 'val',
    // accuracy-like pairs are read as errors (1 - y): say it the user's way round
    W: {
      bottomed: inv ? 'peaked' : 'bottomed',
      higher: inv ? 'lower' : 'higher',
      rose: inv ? 'fell' : 'rose',
      falling: inv ? 'rising' : 'falling',
    },
    scores: { overfitting: 0, high_variance: 0, underfitting: 0, unstable: 0 },
    findings: new Set<Finding>(),
    tagged: [],
    spikeX: [],
    overRise: 0,
    valOnlyNaN: false,
  };
}

export function curvesOf(s: Scoring): Curves {
  const { V, T, Tfull } = s.ctx.curves!;
  return { V, T, trainCurve: Tfull ?? T };
}

/** Record a reason for pattern(s) p (null: a general note). */
export function say(s: Scoring, p: Pattern | Pattern[] | null, text: string): void {
  s.tagged.push({ p, text });
}

/** Raise a rule score to at least v. */
export function atLeast(s: Scoring, p: keyof RuleScores, v: number): void {
  s.scores[p] = Math.max(s.scores[p], v);
}

/** "epoch 12" / "step 1.50" */
export function at(s: Scoring, x: number | undefined): string {
  const unit = s.ctx.run.xAxis === 'epoch' ? 'epoch' : 'step';
  return `${unit} ${x === undefined ? '?' : Number.isInteger(x) ? x : x.toFixed(2)}`;
}

/** A change of the monitored curve: relative for losses, in points for accuracies. */
export function change(s: Scoring, rel: number | undefined, absErr?: number): string {
  return s.inv && absErr !== undefined ? `${(Math.abs(absErr) * 100).toFixed(1)} points` : pct(rel);
}

/** Below 10% a percentage keeps one decimal (3.4%), above it none (34%). */
const PCT_ONE_DECIMAL_BELOW = 0.1;
export const pct = (v: number | undefined) =>
  v === undefined ? '?' : `${(v * 100).toFixed(Math.abs(v) < PCT_ONE_DECIMAL_BELOW ? 1 : 0)}%`;
/** 3 significant digits, exponent form below 1e-3 and from 1e5 (3.10e-5): util/format.ts's compact. */
export const num = (v: number | undefined) => (v === undefined ? String(v) : compact(v, 3));

/** Did the model learn at all: train improved LEARNED_LO -> LEARNED_HI over the run (1 when unknown). A model stuck at
 * chance whose val drifts is not overfitting or high variance. */
export function trainLearned(s: Scoring): number {
  const imp = s.e.train_total_improvement;
  return imp === undefined ? 1 : ramp(imp, R.LEARNED_LO, R.LEARNED_HI);
}
