/**
 * Runs that are one training: a file often holds a run and then its resumption (Keras `fit()` called
 * again on the same model, a CSVLogger in append mode, a relaunch from a checkpoint) with the epoch or
 * step counter started again. The counter says "new run"; the losses say "carried on". A resumed run
 * starts where the one before it ended; a fresh run (another seed, another config, the next fold)
 * starts near where the one before it started. Reading the last session alone judges a training by its
 * tail: a run that fell 0.038 -> 0.0145 and then crept 0.0128 -> 0.0118 reads as "barely improving".
 *
 * Every constant is named here; none was fitted to a file. A run continues the one before it when, for
 * every loss series the two share (or, with no loss, every series they share):
 *   1. its first value is within a few of the previous run's last steps of that run's last value
 *      (|ln first - ln last| <= RESUME_STEP_MULTIPLE x the median |step| of its last RESUME_TAIL_STEPS
 *      steps, and at least RESUME_GAP_FLOOR); and
 *   2. that gap is small beside what the previous run travelled (<= RESUME_MAX_SHARE of
 *      |ln start - ln end|): a flat run and a fresh copy of it look alike, and are not joined.
 */
import { median } from '../util/median.js';
import { isMetricKind } from './names.js';
import type { Run, Series, TrainingLog } from './schema.js';

/** How many of the previous run's last steps set the size of "one step": a handful, so one noisy step does
 *  not set it (a median of 5), and recent, since a run's steps shrink as it converges. Ours, a priori. */
export const RESUME_TAIL_STEPS = 5;
/** A resumed run's first value may differ from the last by this many typical steps: an epoch's mean loss
 *  moves by about one step anyway, and a resume that rebuilds the optimizer (Adam's moments reset) bumps
 *  the loss for an epoch or two. Ours, a priori (session 14), not fitted. */
export const RESUME_STEP_MULTIPLE = 3;
/** The smallest gap always allowed, about 3% (ln units; on the series' own scale when it reaches 0): a run
 *  that ended perfectly flat has no step size. Ours, a priori; the diagnosis's flat-loss range is 2%. */
export const RESUME_GAP_FLOOR = 0.03;
/** The gap must be at most this share of the previous run's own travel (start to end): a fresh run starts
 *  near the previous run's start, a resumed one near its end; a quarter leaves the three quarters between
 *  them to neither. A flat run and a fresh copy of it look alike, and are not joined. Ours, a priori. */
export const RESUME_MAX_SHARE = 0.25;
/** A run needs this many finite points to tell its step size and travel. */
const MIN_POINTS = 3;

function finite(s: Series): number[] {
  return s.y.filter((v) => Number.isFinite(v));
}

/** ln for positive series; a series that reaches 0 or below is compared on its own scale */
function scaled(values: number[]): number[] {
  return values.every((v) => v > 0) ? values.map(Math.log) : values;
}

/** one series: does `next` start where `prev` ended? undefined when either is too short to tell */
function carriesOn(prev: Series, next: Series): boolean | undefined {
  const p = finite(prev);
  const n = finite(next);
  if (p.length < MIN_POINTS || n.length < 1) return undefined;
  const both = scaled([...p, n[0]]);
  const q = both.slice(0, p.length);
  const first = both[p.length];
  const last = q[q.length - 1];
  const tail = q.slice(-(RESUME_TAIL_STEPS + 1));
  const steps = tail.slice(1).map((v, i) => Math.abs(v - tail[i]));
  const gap = Math.abs(first - last);
  const travel = Math.abs(q[0] - last);
  return gap <= Math.max(RESUME_STEP_MULTIPLE * median(steps), RESUME_GAP_FLOOR) && gap <= RESUME_MAX_SHARE * travel;
}

/** does run `next` resume run `prev`? Every shared loss series (else every shared series) must agree. */
export function resumes(prev: Run, next: Run): boolean {
  if (prev.xAxis !== next.xAxis) return false;
  const shared = (pick: (s: Series) => boolean) =>
    next.series
      .filter(pick)
      .map((s) => [prev.series.find((p) => p.key === s.key), s] as const)
      .filter((pair): pair is readonly [Series, Series] => pair[0] !== undefined);
  const losses = shared((s) => s.kind === 'loss' && !s.derived);
  const pairs = losses.length ? losses : shared((s) => isMetricKind(s.kind));
  const verdicts = pairs.map(([p, n]) => carriesOn(p, n)).filter((v): v is boolean => v !== undefined);
  return verdicts.length > 0 && verdicts.every(Boolean);
}

/** The first run of the training that run `index` belongs to: walk back while each run resumes the one before. */
export function trainingStart(log: TrainingLog, index: number): number {
  let start = index;
  while (start > 0 && resumes(log.runs[start - 1], log.runs[start])) start--;
  return start;
}

/**
 * Where a run that follows `prevEnd` goes: a counter that carries on past it keeps its x (offset 0); one
 * that started again is shifted to follow on, one `stride` after the last x (epochs 1..n continue as n+1..,
 * steps counted from 0 by 50 continue 50 after the last step). The chart's end-to-end view uses it too.
 */
export function followOnOffset(prevEnd: number, lo: number, stride = 1): number {
  return lo > prevEnd ? 0 : prevEnd - lo + stride;
}

/**
 * Runs `from`..`to` (inclusive; default all) concatenated as one continuous training, under `label`. Each
 * run's x follows the one before (`followOnOffset`). The joined run replaces them in place, and keeps how
 * the file numbers its epochs when every part numbers them alike, so quotes count on across sessions.
 */
export function joinRuns(log: TrainingLog, from = 0, to = log.runs.length - 1, label?: string): TrainingLog {
  if (to <= from) return log;
  const parts = log.runs.slice(from, to + 1);
  const keys = new Map<string, Series>();
  const steps: number[] = [];
  const epochs: number[] = [];
  const sessions: { x: number; run: number }[] = [];
  let end = -Infinity;
  for (const [k, run] of parts.entries()) {
    const xs = run.series.flatMap((s) => s.x);
    if (xs.length === 0) continue;
    let minX = Infinity;
    let maxX = -Infinity;
    for (const x of xs) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
    }
    const shift = Number.isFinite(end) ? followOnOffset(end, minX, xStride(xs)) : 0;
    if (Number.isFinite(end)) sessions.push({ x: (end + minX + shift) / 2, run: from + k });
    for (const s of run.series) {
      let k = keys.get(s.key);
      if (!k) {
        k = { ...s, x: [], y: [] };
        keys.set(s.key, k);
      }
      for (let i = 0; i < s.x.length; i++) {
        k.x.push(s.x[i] + shift);
        k.y.push(s.y[i]);
      }
    }
    if (run.epochAtStep) {
      // epochs count on across sessions too (a session's epoch 1 follows the last one's final epoch)
      const epochShift = shift === 0 || epochs.length === 0 ? 0 : epochs[epochs.length - 1];
      for (const st of run.epochAtStep.step) steps.push(st + shift);
      for (const ep of run.epochAtStep.epoch) epochs.push(ep + epochShift);
    }
    end = maxX + shift;
  }
  const numbering = parts[0].epochNumbering;
  const joined: Run = {
    index: from,
    label: label ?? `runs ${from + 1}-${to + 1} of ${log.runs.length} joined`,
    xAxis: parts[parts.length - 1].xAxis,
    ...(parts.every((p) => p.xUnit === 'episode') ? { xUnit: 'episode' as const } : {}),
    series: [...keys.values()],
    ...(numbering && parts.every((p) => p.epochNumbering === numbering) ? { epochNumbering: numbering } : {}),
    ...(parts.some((p) => p.rowsWithinEpochs) ? { rowsWithinEpochs: true } : {}),
    ...(steps.length ? { epochAtStep: { step: steps, epoch: epochs } } : {}),
    ...(sessions.length ? { sessions } : {}),
  };
  const runs = [...log.runs.slice(0, from), joined, ...log.runs.slice(to + 1)].map((r, i) => ({ ...r, index: i }));
  return { ...log, runs };
}

/** The smallest gap between distinct x positions (1 when there is none): a run's step between points. */
export function xStride(xs: number[]): number {
  const u = [...new Set(xs)].sort((a, b) => a - b);
  let best = Infinity;
  for (let i = 1; i < u.length; i++) best = Math.min(best, u[i] - u[i - 1]);
  return Number.isFinite(best) ? best : 1;
}
