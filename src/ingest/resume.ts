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
 * A previous run of MIN_POINTS points that moved is judged so alone. Where it cannot tell, it is read with the
 * training it ends (the runs it resumes, read forward in trainingStart): one of fewer points takes its last steps
 * and its travel from the training (a session cut after an epoch or two; not when it moved and the next run starts
 * nearer its start than its end), and one that moved less than RESUME_GAP_FLOOR (a converged training resumed
 * again) takes at least the training's travel from its start. A flat run and a fresh copy of it are still not
 * joined, but a flat session after a training that travelled and that session run again from the same checkpoint
 * are (their values cannot tell; the repeated epochs are kept, counted on).
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

/**
 * What the check needs of a series over the training so far (one run, or the runs it resumes and it): its first
 * finite value, its last RESUME_TAIL_STEPS + 1, how many there were, and whether all were above 0. A session cut
 * after an epoch or two has too few points to tell a step of its own; the training it belongs to has.
 */
interface Trail {
  first: number;
  tail: number[];
  count: number;
  positive: boolean;
}

/** A run's trails, by series key (series without a finite value have none). */
function trailsOf(run: Run): Map<string, Trail> {
  const out = new Map<string, Trail>();
  for (const s of run.series) {
    const v = finite(s);
    if (v.length > 0)
      out.set(s.key, {
        first: v[0],
        tail: v.slice(-(RESUME_TAIL_STEPS + 1)),
        count: v.length,
        positive: v.every((x) => x > 0),
      });
  }
  return out;
}

/** A training's trails with the next run's appended. */
function joinTrails(training: ReadonlyMap<string, Trail>, run: ReadonlyMap<string, Trail>): Map<string, Trail> {
  const out = new Map(training);
  for (const [key, r] of run) {
    const t = out.get(key);
    out.set(
      key,
      t
        ? {
            first: t.first,
            tail: [...t.tail, ...r.tail].slice(-(RESUME_TAIL_STEPS + 1)),
            count: t.count + r.count,
            positive: t.positive && r.positive,
          }
        : r,
    );
  }
  return out;
}

/**
 * one series: does `next` start where the run before it (`own`) ended? As it always was when that run has
 * MIN_POINTS points and moved more than RESUME_GAP_FLOOR. Read with the training it ends (`chain`: the runs it
 * resumes and it) where it cannot tell alone: with fewer points (a session cut after an epoch or two) its last
 * steps are the training's and its travel at least the training's, unless it moved and `next` starts nearer where it
 * started than where it ended (that session run again); a flat run's travel is at least the training's from its
 * start (a converged training resumed again). undefined when there are too few points to tell.
 */
function carriesOn(chain: Trail, own: Trail, next: Series): boolean | undefined {
  const n = finite(next);
  const basis = own.count < MIN_POINTS ? chain : own;
  if (basis.count < MIN_POINTS || n.length < 1) return undefined;
  // ln for a positive series; one that reaches 0 or below is compared on its own scale
  const scale = basis.positive && n[0] > 0 ? Math.log : (v: number) => v;
  // the first value, then the last ones (the first is among them when there are no more)
  const points = (t: Trail) => (t.count > t.tail.length ? [t.first, ...t.tail] : t.tail).map(scale);
  const q = points(basis);
  const last = q[q.length - 1];
  const tail = q.slice(-(RESUME_TAIL_STEPS + 1));
  const steps = tail.slice(1).map((v, i) => Math.abs(v - tail[i]));
  const first = scale(n[0]);
  const gap = Math.abs(first - last);
  const ownStart = points(own)[0];
  const ownTravel = Math.abs(ownStart - last);
  // a session too short to tell that moved: started again nearer where it started, it is that session run again,
  // not its continuation (a flat one cannot tell its start from its end)
  if (own.count < MIN_POINTS && ownTravel > RESUME_GAP_FLOOR && Math.abs(first - ownStart) < gap) return false;
  const trainingTravel = Math.abs(scale(chain.first) - last);
  const borrow = own.count < MIN_POINTS || ownTravel <= RESUME_GAP_FLOOR;
  const travel = borrow && Number.isFinite(trainingTravel) ? Math.max(ownTravel, trainingTravel) : ownTravel;
  return gap <= Math.max(RESUME_STEP_MULTIPLE * median(steps), RESUME_GAP_FLOOR) && gap <= RESUME_MAX_SHARE * travel;
}

function resumesWith(prev: Run, next: Run, own: ReadonlyMap<string, Trail>, training: ReadonlyMap<string, Trail>) {
  if (prev.xAxis !== next.xAxis) return false;
  const shared = (pick: (s: Series) => boolean) =>
    next.series.filter(pick).flatMap((s) => {
      const mine = own.get(s.key);
      return mine ? [{ chain: training.get(s.key) ?? mine, own: mine, next: s }] : [];
    });
  const losses = shared((s) => s.kind === 'loss' && !s.derived);
  const pairs = losses.length ? losses : shared((s) => isMetricKind(s.kind));
  const verdicts = pairs.map((p) => carriesOn(p.chain, p.own, p.next)).filter((v): v is boolean => v !== undefined);
  return verdicts.length > 0 && verdicts.every(Boolean);
}

/** Does run `next` resume run `prev` (read alone)? Every shared loss series (else every shared series) must agree. */
export function resumes(prev: Run, next: Run): boolean {
  const own = trailsOf(prev);
  return resumesWith(prev, next, own, own);
}

/**
 * The first run of the training that run `index` belongs to. Read forward: each run is checked with the training
 * the run before it ends (carriesOn), so a session cut after a point or two, or one resumed flat, still passes
 * the training on to the session that resumes it.
 */
export function trainingStart(log: TrainingLog, index: number): number {
  if (index <= 0) return index;
  let start = 0;
  let own = trailsOf(log.runs[0]);
  let training = own;
  for (let i = 1; i <= index; i++) {
    const next = trailsOf(log.runs[i]);
    if (resumesWith(log.runs[i - 1], log.runs[i], own, training)) training = joinTrails(training, next);
    else {
      start = i;
      training = next;
    }
    own = next;
  }
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
