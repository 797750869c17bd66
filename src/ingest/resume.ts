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
 *
 * The counter says where a relaunch came from: a run whose counter starts again inside the training before it,
 * past its start and before its last point (epochs 1..89, then 87..122), was relaunched from a checkpoint that
 * training saved; a fresh run counts from where the training started. Its first value is then checked against
 * the training's value just before that point, not its last one, and on the training curves alone where there
 * are some (a validation loss that fell and rose is back at its start level mid-run). Joined, the relaunch keeps
 * the file's counter and replaces the points it ran again (joinRuns).
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
 * start (a converged training resumed again). A relaunch (restartsInside) is measured from `checkpoint`, the
 * value it was relaunched from. undefined when there are too few points to tell.
 */
function carriesOn(chain: Trail, own: Trail, next: Series, checkpoint?: number): boolean | undefined {
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
  // a relaunch starts from its checkpoint's value, not the last one (the counter said where)
  const gap = Math.abs(first - (checkpoint === undefined ? last : scale(checkpoint)));
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

/** Does `next` resume the training `before` (its runs, in order) ends with? `own`: the last run's trails. */
function resumesWith(before: Run[], next: Run, own: ReadonlyMap<string, Trail>, training: ReadonlyMap<string, Trail>) {
  const prev = before[before.length - 1];
  if (prev.xAxis !== next.xAxis) return false;
  const shared = (pick: (s: Series) => boolean) =>
    next.series.filter(pick).flatMap((s) => {
      const mine = own.get(s.key);
      return mine ? [{ chain: training.get(s.key) ?? mine, own: mine, next: s }] : [];
    });
  const losses = shared((s) => s.kind === 'loss' && !s.derived);
  const all = losses.length ? losses : shared((s) => isMetricKind(s.kind));
  const from = restartsInside(before, next) ? xRange(next).lo : undefined;
  // a relaunch is checked on the training curves where there are some: a held-out curve that fell and rose
  // again is back at its start level mid-run, and tells a checkpoint from a fresh start no better than noise
  const trainCurves = all.filter((p) => p.next.split === 'train');
  const pairs = from !== undefined && trainCurves.length ? trainCurves : all;
  const verdicts = pairs
    .map((p) =>
      carriesOn(p.chain, p.own, p.next, from === undefined ? undefined : valueBefore(before, p.next.key, from)),
    )
    .filter((v): v is boolean => v !== undefined);
  return verdicts.length > 0 && verdicts.every(Boolean);
}

/** The last finite value of series `key` before x `at` in the runs `before` (the later run's, where two have one). */
function valueBefore(before: readonly Run[], key: string, at: number): number | undefined {
  for (let r = before.length - 1; r >= 0; r--) {
    const s = before[r].series.find((c) => c.key === key);
    if (!s) continue;
    for (let i = s.x.length - 1; i >= 0; i--) if (s.x[i] < at && Number.isFinite(s.y[i])) return s.y[i];
  }
  return undefined;
}

/** A run's first and last x over its series (infinite when it has no points). */
export function xRange(run: Run): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of run.series)
    for (const x of s.x) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  return { lo, hi };
}

/** Does `next`'s counter start again inside the range of the training `before` (its runs, in order), past its
 * start and before its last point: a relaunch from a checkpoint that training saved (sessions relaunched twice
 * from one checkpoint each start there)? A fresh run counts from where the training started: its first point may
 * sit later by its own stride, when it logs less often (every 0.04 epoch after every 0.01), never more. One that
 * starts at the last point (Keras's `initial_epoch=history.epoch[-1]`: the epoch written twice, two epochs
 * trained) carries on, counted one higher. */
export function restartsInside(before: readonly Run[], next: Run): boolean {
  if (before.length === 0) return false;
  const n = xRange(next);
  const start = xRange(before[0]).lo;
  const end = Math.max(...before.map((r) => xRange(r).hi));
  return n.lo > start + xStride(next.series.flatMap((s) => s.x)) && n.lo < end;
}

/** Does run `next` resume run `prev` (read alone)? Every shared loss series (else every shared series; a relaunch
 * from inside `prev`, its training curves where there are some) must agree. */
export function resumes(prev: Run, next: Run): boolean {
  const own = trailsOf(prev);
  return resumesWith([prev], next, own, own);
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
    if (resumesWith(log.runs.slice(start, i), log.runs[i], own, training)) training = joinTrails(training, next);
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
 * run's x follows the one before (`followOnOffset`), except, with `relaunches` (a chain trainingStart found), a
 * relaunch from a checkpoint (`restartsInside`): it keeps the frame of the session it restarts in, and its points
 * replace the earlier ones from where it starts. The joined run replaces them in place, and keeps how the file
 * numbers its epochs when every part numbers them alike, so quotes count on across sessions.
 */
export function joinRuns(
  log: TrainingLog,
  from = 0,
  to = log.runs.length - 1,
  label?: string,
  relaunches = false,
): TrainingLog {
  if (to <= from) return log;
  const parts = log.runs.slice(from, to + 1);
  const keys = new Map<string, Series>();
  const steps: number[] = [];
  const epochs: number[] = [];
  const sessions: { x: number; run: number }[] = [];
  let end = -Infinity;
  let shift = 0;
  let epochShift = 0;
  for (const [k, run] of parts.entries()) {
    const xs = run.series.flatMap((s) => s.x);
    if (xs.length === 0) continue;
    const { lo: minX, hi: maxX } = xRange(run);
    if (Number.isFinite(end)) {
      // a relaunch from a checkpoint keeps the previous session's frame, and its points replace that session's
      // from where it starts; any other restart follows on
      if (relaunches && restartsInside(parts.slice(0, k), run)) {
        cutFrom(keys, run.xAxis === 'epoch' ? epochs : steps, [steps, epochs], minX + shift);
        // a session the relaunch replaced whole has no boundary left
        const kept = lastX(keys, -Infinity);
        while (sessions.length && sessions[sessions.length - 1].x > kept) sessions.pop();
      } else {
        shift = followOnOffset(end, minX, xStride(xs));
        // epochs count on across sessions too (a session's epoch 1 follows the last one's final epoch)
        epochShift = shift === 0 || epochs.length === 0 ? 0 : epochs[epochs.length - 1];
      }
      sessions.push({ x: (lastX(keys, end) + minX + shift) / 2, run: from + k });
    }
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

/** Drops the joined points at or after x `cut` (a relaunch's points replace them), and series left empty; and the
 * epoch-at-step pairs whose `axis` value (the steps on a step axis, the epochs on an epoch axis) is at or after it. */
function cutFrom(keys: Map<string, Series>, axis: number[], pairs: [number[], number[]], cut: number): void {
  for (const [key, s] of keys) {
    let n = s.x.length;
    while (n > 0 && s.x[n - 1] >= cut) n--;
    s.x.length = n;
    s.y.length = n;
    // a series only the replaced points held is gone with them (the relaunch may log it again)
    if (n === 0) keys.delete(key);
  }
  let m = axis.length;
  while (m > 0 && axis[m - 1] >= cut) m--;
  for (const list of pairs) list.length = m;
}

/** The last x kept so far (`fallback` when none). */
function lastX(keys: Map<string, Series>, fallback: number): number {
  const xs = [...keys.values()].flatMap((s) => (s.x.length ? [s.x[s.x.length - 1]] : []));
  return xs.length ? Math.max(...xs) : fallback;
}

/** The smallest gap between distinct x positions (1 when there is none): a run's step between points. */
export function xStride(xs: number[]): number {
  const u = [...new Set(xs)].sort((a, b) => a - b);
  let best = Infinity;
  for (let i = 1; i < u.length; i++) best = Math.min(best, u[i] - u[i - 1]);
  return Number.isFinite(best) ? best : 1;
}
