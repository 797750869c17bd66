/**
 * From the records of printed lines to runs and columns (prints.ts reads the lines): where a run starts again,
 * which value of an epoch is its point (a summary, a finished bar, or batches spread inside it), whether the
 * counters are steps, and a last epoch the log cut short.
 */
import { MIN_CURVE_POINTS } from '../limits.js';
import { canonicalName } from '../names.js';
import type { RawColumn, RawRun } from '../schema.js';

/** One printed line's values, and where they sit. */
export interface Rec {
  epoch: number;
  vals: Map<string, number>;
  level: 'epoch' | 'bar' | 'step';
  line: number;
  /** the line had its own epoch marker (not a line inside a block) */
  marked: boolean;
  /** ... and that marker was an iteration counter ("Iteration 5000") */
  iteration?: boolean;
  /** the line of the epoch marker the values belong to (one printed epoch block) */
  block?: number;
  /** the step counter on the line, or on the epoch line above it ("Epoch: 0 - (Step: 00005)") */
  counter?: number;
  /** a batch line's values are running averages over its epoch so far (print-values.ts runningAverages) */
  running?: boolean;
}

/**
 * "Epoch: 1, Steps: 284 | Train Loss: 0.747 Vali Loss: 0.542 Test Loss: 0.221" after "iters: 100, epoch: 1 | loss:
 * 0.708" lines (the Time-Series-Library's loop: Informer, Autoformer, PatchTST, DLinear): a step counter on the
 * epoch's line says how many steps the epoch took, not where in it the line sits. The epoch's last step line is the
 * epoch's summary when it has its own epoch marker, holds the only held-out values of the epoch's step lines, the
 * epoch has no summary line of its own (marked, or after it with a training value it has), and it is the epoch's
 * only step line or restates a training metric the batch lines log under another name ("Train Loss" beside their
 * "loss": the epoch's mean, not one more batch). A loop that evaluates on its last batch's line ("Epoch 3 | Step
 * 750 | loss 0.61 | val_loss 0.70") keeps that batch a point inside the epoch. In place, per stretch of one epoch's
 * lines (a restart's epoch 1 is another).
 */
export function stepSummaries(recs: Rec[]): void {
  let from = 0;
  for (let i = 1; i <= recs.length; i++) {
    if (i < recs.length && recs[i].epoch === recs[from].epoch) continue;
    const stretch = recs.slice(from, i);
    from = i;
    const steps = stretch.filter((r) => r.level === 'step');
    const last = steps[steps.length - 1];
    if (!last?.marked) continue;
    // the epoch's own summary: a marked epoch line, or an unmarked one after the step line with a training value the
    // step line has ("Train loss: 0.41 | Val loss: 0.52"; a "Best validation accuracy" note after it is none)
    const trained = (r: Rec) =>
      [...r.vals.keys()]
        .map(canonicalName)
        .filter((c) => TRAINING.has(c.split))
        .map((c) => c.key);
    const lastTrained = new Set(trained(last));
    const ownSummary = (r: Rec) =>
      r.level === 'epoch' && (r.marked || (r.line > last.line && trained(r).some((k) => lastTrained.has(k))));
    if (stretch.some(ownSummary)) continue;
    const heldOut = steps.filter((r) => [...r.vals.keys()].some((k) => !TRAINING.has(canonicalName(k).split)));
    if (heldOut.length !== 1 || heldOut[0] !== last) continue;
    const batches = steps.slice(0, -1);
    if (batches.length === 0 || restates(last, batches)) last.level = 'epoch';
  }
}

/** The splits of a training value (a name without a split is training's). */
const TRAINING = new Set(['train', 'none']);

/** Does `line` write a training metric the `batches` log, under a name none of them writes? */
function restates(line: Rec, batches: Rec[]): boolean {
  const written = new Set(batches.flatMap((b) => [...b.vals.keys()]));
  const logged = new Set([...written].map((k) => canonicalName(k).key));
  return [...line.vals.keys()].some((k) => {
    const c = canonicalName(k);
    return TRAINING.has(c.split) && !written.has(k) && logged.has(c.key);
  });
}

/** The banner Hugging Face's Trainer (and the example scripts built on it) prints each time training starts, after
 * any logger prefix: "... INFO: ***** Running training *****". Three stars of fixed length before the words: a line
 * of stars is tried once per position, not backtracked through. */
const TRAINING_START = /\*{3}\s*running training\s*\*{3,}\s*$/i;
/** A launch banner is a short line, whatever the logger's prefix before it. */
const MAX_LAUNCH_LINE = 400;

/** The lines (0-based, ascending) that say training starts (TRAINING_START). */
export function launches(lines: string[]): number[] {
  const at: number[] = [];
  lines.forEach((l, i) => {
    if (l.length <= MAX_LAUNCH_LINE && TRAINING_START.test(l)) at.push(i);
  });
  return at;
}

/** How many of the ascending launch lines come before `line` (a binary search). */
function launchesBefore(at: number[], line: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of one metric in one epoch's block make them its batches (columnsOf). */
const LOOSE_BATCHES_MIN = 3;

/** The most epochs a metric's points fall in (the points of one epoch's batches count once). */
export function epochSpan(runs: RawRun[]): number {
  let most = 0;
  for (const r of runs)
    for (const c of r.columns) most = Math.max(most, new Set(c.x.map((x) => Math.ceil(x - 1e-9))).size);
  return most;
}

/** The median step between consecutive distinct counters of the marked lines (1 when they count one by one). */
export function loggingInterval(marked: Rec[]): number {
  const steps: number[] = [];
  for (let i = 1; i < marked.length; i++) {
    const d = marked[i].epoch - marked[i - 1].epoch;
    if (d > 0) steps.push(d);
  }
  if (steps.length === 0) return 1;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)];
}

/** Counters that go back in this share of the epochs or more (and twice or more) are the log's layout, not
 * relaunches: two loaders or data shards per epoch logging one loss, two ranks' lines unprefixed. Ours. */
const STEP_BACK_LAYOUT_SHARE = 0.5;

/** One epoch's lines of one level with step counters, while the counters rise. */
interface Stretch {
  first: number;
  last: number;
  keys: Set<string>;
  /** each counter's values, to tell a line printed again (a pasted terminal) from a relaunch */
  seen: Map<number, Map<string, number>>;
  /** a counter came out of order (not a repeat): no relaunch is read in this epoch at this level */
  broken: boolean;
}

const stretchOf = (r: Rec): Stretch => ({
  first: r.counter!,
  last: r.counter!,
  keys: new Set(r.vals.keys()),
  seen: new Map([[r.counter!, r.vals]]),
  broken: false,
});

/**
 * The records (indices) where the script was launched again under one epoch: lines with rising step counters, then a
 * line naming one of their metrics whose counter goes back to the first of them or below ("Epoch: 0, global_step:
 * 50", "... 100", then "Epoch: 0, global_step: 50" with another loss). A line printed again with the same values (a
 * pasted terminal) is no relaunch; a counter out of order any other way (a validation pass counting its own batches,
 * on other metrics) leaves the epoch's lines as they are. One pass, each line once.
 */
function stepBacks(recs: Rec[]): Set<number> {
  const out = new Set<number>();
  const byLevel = new Map<Rec['level'], Stretch>();
  let epoch = NaN;
  recs.forEach((r, i) => {
    if (r.epoch !== epoch) {
      byLevel.clear();
      epoch = r.epoch;
    }
    if (r.counter === undefined) return;
    const st = byLevel.get(r.level);
    if (!st) return void byLevel.set(r.level, stretchOf(r));
    if (st.broken) return;
    if (r.counter > st.last) {
      st.last = r.counter;
      for (const k of r.vals.keys()) st.keys.add(k);
      st.seen.set(r.counter, r.vals);
      return;
    }
    const again = st.seen.get(r.counter);
    if (again && [...r.vals].every(([k, v]) => Object.is(again.get(k), v))) return;
    const shared = [...r.vals.keys()].some((k) => st.keys.has(k));
    if (shared && r.counter <= st.first) {
      out.add(i);
      byLevel.clear();
      byLevel.set(r.level, stretchOf(r));
    } else st.broken = true;
  });
  const epochs = new Set(recs.map((r) => r.epoch)).size;
  return out.size >= 2 && out.size >= STEP_BACK_LAYOUT_SHARE * epochs ? new Set() : out;
}

/**
 * A new run when the epoch goes back, when the run's only epoch prints again with other values, when a step counter
 * goes back under one epoch (stepBacks), or after a launch banner when the epoch does not carry on past it (a loop
 * that prints the banner before every epoch is one run).
 */
export function splitRuns(recs: Rec[], launchLines: number[] = []): Rec[][] {
  const runs: Rec[][] = [];
  let run: Rec[] = [];
  const backs = stepBacks(recs);
  // a launch banner between the run's last line and this one (there were values before it)
  const launched = (r: Rec) =>
    run.length > 0 && launchesBefore(launchLines, r.line) > launchesBefore(launchLines, run[run.length - 1].line);
  let prev = -Infinity;
  let prevBlock: number | undefined;
  for (const [i, r] of recs.entries()) {
    let restart = run.length > 0 && (r.epoch < prev || (r.epoch === prev && (backs.has(i) || launched(r))));
    if (
      !restart &&
      run.length > 0 &&
      r.epoch === prev &&
      r.level === 'epoch' &&
      // a value repeated on unmarked lines of one printed block is a batch of that epoch, not a restart
      (r.marked || r.block !== prevBlock) &&
      run[0].epoch === r.epoch
    ) {
      // the same first epoch again, with a metric it already has: a second start (a pure repeat is a tee)
      const same = run.filter((o) => o.level === 'epoch');
      const clash = same.some((o) => [...r.vals].some(([k, v]) => o.vals.has(k) && !Object.is(o.vals.get(k), v)));
      const repeat = same.some((o) => [...r.vals].every(([k, v]) => Object.is(o.vals.get(k), v)));
      if (repeat) continue;
      restart = clash;
    }
    if (restart) {
      runs.push(run);
      run = [];
    }
    run.push(r);
    prev = r.epoch;
    prevBlock = r.block;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Per metric: the epoch summary where printed, else a finished bar's value, else the batch points spread inside
 * the epoch. A metric printed three times or more in one epoch's block on lines of their own (no marker, no step
 * counter: "loss: 2.74" per batch under "Epoch: 1") is that epoch's batches, not a summary the last one wins
 * (twice is more often two readings of one name: "Reward=0.66" for the episode, then "Reward: -61.6" its mean).
 */
export function columnsOf(run: Rec[], shift: number): RawColumn[] {
  const order: string[] = [];
  const perKey = new Map<
    string,
    Map<number, { epoch?: number; bar?: number; run?: number; steps: number[]; loose: number[]; marked?: boolean }>
  >();
  const names = new Map<string, string>();
  for (const r of run) {
    for (const [name, v] of r.vals) {
      // "loss" on batch lines and "train loss" on the summary are one series
      const k = canonicalName(name).key;
      let m = perKey.get(k);
      if (!m) {
        perKey.set(k, (m = new Map()));
        order.push(k);
        names.set(k, name);
      }
      let e = m.get(r.epoch);
      if (!e) m.set(r.epoch, (e = { steps: [], loose: [] }));
      if (r.level === 'epoch') {
        // the summary on the marker line stands; an unmarked value only stands in for a missing one
        if (r.marked) {
          e.epoch = v;
          e.marked = true;
        } else {
          e.loose.push(v);
          if (!e.marked) e.epoch = v;
        }
      } else if (r.level === 'bar') e.bar = v;
      else {
        e.steps.push(v);
        if (r.running) e.run = v;
      }
    }
  }
  for (const m of perKey.values()) epochMeans(m);
  for (const m of perKey.values())
    for (const e of m.values())
      if (e.loose.length >= LOOSE_BATCHES_MIN && !e.marked) {
        e.steps.push(...e.loose);
        e.epoch = undefined;
      }
  const cols: RawColumn[] = [];
  for (const k of order) {
    const m = perKey.get(k)!;
    const epochs = [...m.keys()].sort((a, b) => a - b);
    finalEvaluation(epochs.map((ep) => m.get(ep)!));
    const x: number[] = [];
    const y: number[] = [];
    let prevX = -Infinity;
    for (const ep of epochs) {
      const e = m.get(ep)!;
      const at = ep + shift;
      if (e.epoch !== undefined || e.bar !== undefined) {
        x.push(at);
        y.push(e.epoch !== undefined ? e.epoch : (e.bar as number));
        prevX = at;
        continue;
      }
      const n = e.steps.length;
      const lo = Math.max(at - 1, prevX);
      e.steps.forEach((v, i) => {
        x.push(n === 1 ? at : lo + ((i + 1) / n) * (at - lo));
        y.push(v);
      });
      prevX = at;
    }
    if (x.length > 0) cols.push({ name: names.get(k)!, x, y });
  }
  return cols;
}

/**
 * A value on an unmarked line in the last epoch beside its batches, when no epoch before it has a summary: the run's
 * final evaluation, printed after its last batch ("TEST: valid loss 1.96" after the last split of Flair's language
 * model trainer, sklearn's report after a loop of batch lines), not the last epoch's summary. The epoch keeps its own
 * points (its batches, or its finished bar), as every other one does; a run of one epoch keeps the line (nothing
 * tells the two apart). Where the line sits among the batches is not checked: one printed before them is taken out
 * the same way. In place, per metric, epochs in order.
 */
function finalEvaluation(entries: { epoch?: number; bar?: number; marked?: boolean; steps: number[] }[]): void {
  const last = entries.at(-1);
  if (entries.length < 2 || !last || last.epoch === undefined || last.marked) return;
  if (last.steps.length === 0 && last.bar === undefined) return;
  if (entries.slice(0, -1).every((e) => e.epoch === undefined)) last.epoch = undefined;
}

/**
 * Running averages on batch lines ("Loss 0.318 (0.790)"): the epoch's last one is its mean, and the earlier ones
 * are the means of its first few batches (the first is one batch alone), a saw-tooth each epoch starts again. With
 * enough epochs for a curve (MIN_CURVE_POINTS), each epoch is its mean, as its summary would be; a run of fewer keeps
 * its batch points, the only curve it has.
 */
function epochMeans(m: Map<number, { bar?: number; run?: number }>): void {
  const ran = [...m.values()].filter((e) => e.run !== undefined);
  if (ran.length < MIN_CURVE_POINTS) return;
  for (const e of ran) e.bar ??= e.run;
}

/** The last epoch of the last run lacks a metric every other epoch has (the log was cut mid-line). */
export function partialLastEpoch(run: Rec[]): { epoch: number; missing: string[] } | undefined {
  const byEpoch = new Map<number, Set<string>>();
  for (const r of run) {
    if (r.level === 'step') continue;
    let s = byEpoch.get(r.epoch);
    if (!s) byEpoch.set(r.epoch, (s = new Set()));
    for (const k of r.vals.keys()) s.add(k);
  }
  const epochs = [...byEpoch.keys()];
  if (epochs.length < 3) return undefined;
  const last = epochs[epochs.length - 1];
  const before = epochs.slice(0, -1).map((e) => byEpoch.get(e)!);
  const common = [...before[0]].filter((k) => before.every((s) => s.has(k)));
  const missing = common.filter((k) => !byEpoch.get(last)!.has(k));
  return missing.length > 0 ? { epoch: last, missing } : undefined;
}
