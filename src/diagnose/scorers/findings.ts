/**
 * Findings: facts about the run that stand beside the verdict (JSON `findings`) — several runs, no
 * validation, NaN/inf, early stopped, loss spikes, still improving, plateau, val below train, possible
 * leakage, noisy validation. (Diverging, stuck at chance and a frozen plateau come from the unstable and
 * underfitting scorers.) Thresholds: "findings" in rules.ts.
 */
import type { Ctx } from '../types.js';
import * as R from '../rules.js';
import { lastQuarterStart } from '../measure.js';
import { DIV_FLOOR, median, slopeT } from '../stats.js';
import { curvesOf, say, stat, type Scoring } from './scoring.js';

/** What is known before any curve is read. */
export function addRunFindings(s: Scoring): void {
  const { ctx, findings } = s;
  const { log } = ctx;
  if (log.runs.length > 1) findings.add('multiple_runs');
  if (!s.a.hasVal) findings.add('no_validation');
  if (ctx.nonFinite.count > 0) findings.add('nan_inf');
  if (log.warnings.some((w) => w.code === 'stopped_early') && ctx.index === log.runs.length - 1)
    findings.add('early_stopped');
}

/** What the curves show beside the verdict (after the scorers: still improving reads the unstable score). */
export function addCurveFindings(s: Scoring): void {
  if ((s.e.spike_count ?? 0) > 0) {
    s.findings.add('loss_spike');
    s.spikeX.push(...(s.ctx.spikeX ?? []));
  }
  addProgressFindings(s);
  addValBelowTrain(s);
  if (leakage(s.ctx)) s.findings.add('possible_leakage');
  const { a, e } = s;
  const { V } = curvesOf(s);
  if (
    a.hasVal &&
    a.hasTrain &&
    ((V.relNoise >= R.NOISY_VAL_MIN && (e.val_noise_vs_train ?? 0) >= R.NOISY_VAL_RATIO) ||
      V.relNoise >= R.NOISY_VAL_MIN * 2)
  ) {
    s.findings.add('noisy_validation');
  }
}

/** The monitored curve: val, else train. */
function monitored(s: Scoring) {
  const { V, T } = curvesOf(s);
  return s.a.hasVal ? V : (T ?? V);
}

/** Still improving: the monitored curve gained > 3% over the last quarter, significantly (slope t < -2), and
 * its best is in the last 10% of the run. Plateau: it moved < 2% over the last quarter and is not climbing. */
function addProgressFindings(s: Scoring): void {
  const { a, e, n } = s;
  const mon = monitored(s);
  const q0 = lastQuarterStart(n);
  const lastQ = a.hasVal ? e.val_improvement_last_quarter : e.train_improvement_last_quarter;
  const qSlope = n - q0 >= R.SLOPE_MIN_POINTS ? slopeT(a.x.slice(q0), mon.raw.slice(q0)).t : 0;
  const bestLate = !a.hasVal || (e.best_fraction ?? 0) >= R.STILL_IMPROVING_BEST_FRACTION;
  if (
    lastQ !== undefined &&
    lastQ > R.STILL_IMPROVING_MIN &&
    qSlope < -R.STILL_IMPROVING_T &&
    bestLate &&
    s.scores.unstable < R.VERDICT_MIN_SCORE
  ) {
    s.findings.add('still_improving');
  }
  const flatQ = Math.abs(lastQ ?? 1) < R.PLATEAU_MAX;
  if (
    n >= R.PLATEAU_MIN_POINTS &&
    flatQ &&
    (e.val_rise_after_best ?? 0) < R.OVERFIT_RISE_LO * 2 &&
    !s.findings.has('still_improving')
  )
    s.findings.add('plateau');
}

/** Val below train: on most points, and by a margin (curves in lockstep are not "below"). */
function addValBelowTrain(s: Scoring): void {
  const { a, e } = s;
  if (!(
    a.hasVal &&
    a.hasTrain &&
    (e.val_below_train_fraction ?? 0) >= R.VAL_BELOW_FRACTION &&
    monitored(s).raw.every((v) => v >= 0)
  ))
    return;
  const margin = median(a.v.map((v, i) => (a.t[i] - v) / Math.max(Math.abs(a.t[i]), DIV_FLOOR)));
  if (margin >= R.VAL_BELOW_MARGIN && s.ctx.pair.crossNamed) {
    // two different quantities (a total training loss, a validation cross-entropy): no claim about dropout
    say(
      s,
      null,
      `${s.valName} is below ${s.trainName} on ${stat(s.q, 'val_below_train_fraction', e.val_below_train_fraction)} of the points; they are different quantities (a cross-entropy and the training loss, which may add other terms), so the gap between them is not only generalisation.`,
    );
  } else if (margin >= R.VAL_BELOW_MARGIN) {
    s.findings.add('val_better_than_train');
    // on an accuracy, score or reward the better side is the higher one
    say(
      s,
      null,
      `${s.valName} is ${s.inv ? 'above' : 'below'} ${s.trainName} on ${stat(s.q, 'val_below_train_fraction', e.val_below_train_fraction)} of the points (usual with dropout/augmentation: ${s.inv ? 'the training curve' : 'train loss'} is measured with them on).`,
    );
  }
}

/** Val accuracy above train accuracy by LEAKAGE_ACC_GAP (median over the second half of the shared points), on most of those points. */
export function leakage(ctx: Ctx): boolean {
  const { metric } = ctx;
  if (!metric.train || !metric.val || metric.val.kind === 'error') return false;
  const tr = metric.train;
  const va = metric.val;
  const map = new Map<number, number>();
  tr.x.forEach((x, i) => map.set(x, tr.y[i]));
  const diffs: number[] = [];
  va.x.forEach((x, i) => {
    const t = map.get(x);
    if (t !== undefined && Number.isFinite(t) && Number.isFinite(va.y[i])) diffs.push(va.y[i] - t);
  });
  if (diffs.length < R.LEAKAGE_MIN_POINTS) return false;
  const late = diffs.slice(Math.floor(diffs.length / 2));
  return median(late) >= R.LEAKAGE_ACC_GAP && late.filter((d) => d > 0).length >= R.LEAKAGE_AGREE * late.length;
}
