/**
 * Placing rows on the x axis, shared by the table and record readers: epoch numbers to runs (a restart
 * starts a new run), several rows of one epoch spread inside it, and columns sorted by x.
 */
import type { IngestWarning, RawColumn } from '../schema.js';

export interface Segment {
  rows: number[];
  x: number[];
  /** the file's epoch numbers count from 0 (x = label + 1), or there were none to read (x = row) */
  numbering?: 'from0' | 'position';
  /** several rows of one epoch were placed inside it (fractional x): each carries its epoch's number */
  within?: boolean;
}

/**
 * Turn per-row epoch numbers into runs. A restart (the epoch going back, or a run's one repeated epoch) starts a new
 * run. If every row has the same epoch (fit(epochs=1) in a loop), the column is useless and rows are read in order.
 */
export function segmentByEpoch(
  epochs: (number | undefined)[],
  warnings: IngestWarning[],
  filledBy?: (row: number) => string,
): Segment[] {
  const n = epochs.length;
  const isKnown = (e: number | undefined): e is number => e !== undefined && Number.isFinite(e);
  const knownCount = epochs.filter(isKnown).length;
  // a few missing epoch cells (NA) do not void the column: each is read as the next epoch
  if (n === 0 || knownCount < Math.max(1, R_KNOWN_EPOCHS * n)) {
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1), numbering: 'position' }];
  }
  const filled: number[] = [];
  let last = -1;
  for (const e of epochs) {
    last = isKnown(e) ? e : last + 1;
    filled.push(last);
  }
  const first = filled[0];
  if (n >= 3 && filled.every((e) => e === first)) {
    warnings.push({
      code: 'constant_epoch',
      message: `The epoch column is ${first} on every row (fit(epochs=1) called in a loop?); rows read in file order.`,
    });
    return [{ rows: epochs.map((_, i) => i), x: epochs.map((_, i) => i + 1), numbering: 'position' }];
  }
  // a new run starts when the epoch goes back (append mode restarts at 0), or at a run's one repeated epoch (a
  // relaunch from the epoch it ended on: splitAtLoneRepeat); epochs that repeat more are several rows of one epoch
  // (per-iteration logs), spread evenly inside it
  // a run written newest first (its epoch counts down by one, block by block, to its first) is one run read in
  // order, not one run per epoch
  const order = countdownOrder(filled);
  if (order) {
    warnings.push({
      code: 'reversed_epochs',
      message: `The epoch column counts down (${filled[0]} to ${filled[n - 1]}): the rows are newest first, read as one run from epoch ${filled[n - 1]} (an epoch's own rows in the order written).`,
    });
  }
  const segs: Segment[] = [];
  let cur: Segment = { rows: [], x: [] };
  let prev = -Infinity;
  for (const i of order ?? filled.keys()) {
    const e = filled[i];
    if (e < prev && cur.rows.length > 0) {
      segs.push(cur);
      cur = { rows: [], x: [] };
    }
    cur.rows.push(i);
    cur.x.push(e);
    prev = e;
  }
  segs.push(cur);
  const restarts = segs.length - 1;
  if (filledBy) segs.splice(0, segs.length, ...segs.flatMap((sg) => splitAtLoneRepeat(sg, epochs, filledBy)));
  let spread = false;
  for (const sg of segs) {
    if (spreadWithinEpochs(sg.x)) sg.within = true;
    spread = spread || !!sg.within;
  }
  if (spread) {
    warnings.push({
      code: 'rows_per_epoch',
      message: 'Several rows per epoch (per-iteration logging): placed evenly inside each epoch.',
    });
  }
  // 0-based epochs (Keras, fastai) become 1-based like the console's "Epoch 1/N"
  if (segs[0].rows.length > 0 && filled[segs[0].rows[0]] === 0) {
    for (const sg of segs) {
      for (let k = 0; k < sg.x.length; k++) sg.x[k] += 1;
      sg.numbering = 'from0';
    }
  }
  if (segs.length > 1) {
    const repeats = segs.length - 1 - restarts;
    const how = [
      restarts > 0 ? `restarts ${restarts} time(s)` : '',
      repeats > 0 ? `is written twice ${repeats} time(s) (a relaunch from the epoch the run before ended on)` : '',
    ];
    warnings.push({
      code: 'multiple_runs',
      message: `The epoch number ${how.filter(Boolean).join(' and ')}: ${segs.length} runs appended to one file (${segs.map((sg) => sg.rows.length).join(' + ')} rows).`,
    });
  }
  return segs;
}

/** Epochs a countdown must span before it is read as a run written newest first (two could be a restart). Ours. */
const MIN_COUNTDOWN_EPOCHS = 3;

/**
 * The rows in epoch order when the epoch column counts down by one from its first row to its last (each epoch's rows
 * together, as a log written newest first or a table sorted by epoch descending has them), an epoch's own rows kept in
 * file order; else undefined. Appended runs fall back to a lower epoch and then count up: no countdown.
 */
function countdownOrder(filled: number[]): number[] | undefined {
  const blocks: number[][] = [];
  for (let i = 0; i < filled.length; i++) {
    const drop = i === 0 ? 1 : filled[i - 1] - filled[i];
    if (drop === 1) blocks.push([]);
    else if (drop !== 0) return undefined;
    blocks[blocks.length - 1].push(i);
  }
  return blocks.length >= MIN_COUNTDOWN_EPOCHS ? blocks.reverse().flat() : undefined;
}

/** Rows after a relaunch's repeated epoch: at least this many, else the repeat is one epoch's rows. */
const MIN_ROWS_AFTER_REPEAT = 3;

/**
 * A run relaunched from the epoch the one before ended on (`... 5, 10` then `10, 20, ..., 100`; Keras's fine-tune
 * with `initial_epoch=history.epoch[-1]`): one whole epoch of the segment is written twice, by two rows that fill
 * the same columns (`filledBy`: a validation row beside its epoch's training row is that epoch's), and at least
 * MIN_ROWS_AFTER_REPEAT rows follow the second (a last epoch written again, a final test row, stay one epoch's
 * rows). The runs are joined again where the later one continues the earlier (resume.ts). Rows logged per
 * iteration repeat every epoch or most, a filled-in blank cell repeats no epoch, and fractional epochs are no
 * counter a relaunch restarts: none is read as one.
 */
function splitAtLoneRepeat(sg: Segment, epochs: (number | undefined)[], filledBy: (row: number) => string): Segment[] {
  const { x, rows } = sg;
  let at = -1;
  for (let i = 1; i < x.length; i++) {
    if (x[i] !== x[i - 1]) continue;
    if (at >= 0) return [sg];
    at = i;
  }
  if (at < 0 || x.length - at - 1 < MIN_ROWS_AFTER_REPEAT || !Number.isInteger(x[at])) return [sg];
  const [a, b] = [rows[at - 1], rows[at]];
  if (epochs[a] !== x[at] || epochs[b] !== x[at] || filledBy(a) !== filledBy(b)) return [sg];
  return [
    { rows: rows.slice(0, at), x: x.slice(0, at) },
    { rows: rows.slice(at), x: x.slice(at) },
  ];
}

/** Counters that address a row or record by optimiser step (detectron2's metrics.json, mmcv's JSON log lines,
 * a `step,loss,val_loss` table), in the order they are looked for. */
export const STEP_KEYS = ['iteration', 'iter', 'global_step', 'step'];

/** A JSON key that counts a row or an epoch: pandas' index (`"3"`) or an epoch's name (`"epoch3"`, `"epoch_3"`,
 * `"Epoch 3"`, `"ep3"`); group 1 is the epoch's word, group 2 the count (the source, for readers that anchor it). */
export const EPOCH_KEY = /((?:epoch|ep)[ _-]?)?(\d{1,9})/.source;

/** Fewer rows than this between two restarts of the counter: not relaunches but a counter that zigzags. */
const MIN_ROWS_PER_RUN = 3;
/** A counter that steps back by this much is two writers numbering one step, one from 0 and one from 1
 * (detectron2 writes a hook's record at iteration 76, then the trainer's at 75), not a relaunch: a relaunch
 * starts again at 0 or at a checkpoint, never one step back. Ours, a priori (session 26). */
const OFF_BY_ONE = 1;

/**
 * Rows on a step axis: x = the counter, a run restarts where it goes back (a relaunch appending to the file),
 * but not where it steps back by one (OFF_BY_ONE: that row stays in its run, at its own step; readers sort each
 * column by x). Rows sharing a step keep the same x (a train row and an eval row of one step line up). Undefined when a
 * step is missing or not a whole number, a run would hold fewer than MIN_ROWS_PER_RUN rows, or every row has
 * the same step: then the counter is not an axis, and rows are read in order.
 */
export function segmentBySteps(steps: (number | undefined)[], warnings: IngestWarning[]): Segment[] | undefined {
  const segs: Segment[] = [];
  /** the segments that kept a row one step back: they must still advance over MIN_ROWS_PER_RUN steps */
  const steppedBack = new Set<Segment>();
  let prev = -Infinity;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s === undefined || !Number.isInteger(s)) return undefined;
    if (segs.length === 0 || s < prev - OFF_BY_ONE) segs.push({ rows: [], x: [] });
    const seg = segs[segs.length - 1];
    if (seg.rows.length > 0 && s < prev) steppedBack.add(seg);
    // after an off-by-one step back, the run's furthest step is still the one a restart is measured from
    prev = seg.rows.length === 0 ? s : Math.max(prev, s);
    seg.rows.push(i);
    seg.x.push(s);
  }
  if (segs.length === 0 || segs.some((sg) => sg.rows.length < MIN_ROWS_PER_RUN)) return undefined;
  // a counter that goes 0, 1, 0, 1 ... zigzags without advancing: no axis
  if ([...steppedBack].some((sg) => new Set(sg.x).size < MIN_ROWS_PER_RUN)) return undefined;
  // one step on every row (a counter never advanced) places nothing: the rows are read in order
  if (steps.length >= MIN_ROWS_PER_RUN && steps.every((st) => st === steps[0])) return undefined;
  if (segs.length > 1) {
    warnings.push({
      code: 'multiple_runs',
      message: `The step counter restarts ${segs.length - 1} time(s): ${segs.length} runs appended to one file (${segs.map((sg) => sg.rows.length).join(' + ')} rows).`,
    });
  }
  return segs;
}

/** Fraction of rows that must carry an epoch number for the column to be used. */
const R_KNOWN_EPOCHS = 0.8;

/**
 * Rows sharing an epoch number e (in order) are placed evenly in (e - 1, e] (above the previous row's
 * x when that is inside), so the last row of the epoch sits at e and the others inside it. Returns
 * whether any epoch had several rows.
 */
export function spreadWithinEpochs(x: number[]): boolean {
  let any = false;
  for (let i = 0; i < x.length;) {
    let j = i;
    while (j + 1 < x.length && x[j + 1] === x[i]) j++;
    const m = j - i + 1;
    if (m > 1) {
      any = true;
      const e = x[i];
      // within (e - 1, e], or above the previous value when that is already in there (a fractional or
      // spread epoch just before: 8.8 then 9, 9 must not become 8.5, 9)
      const lo = i > 0 ? Math.max(e - 1, x[i - 1]) : e - 1;
      for (let k = 0; k < m; k++) x[i + k] = lo + ((k + 1) / m) * (e - lo);
    }
    i = j + 1;
  }
  return any;
}

/** Sort a column by x (stable: rows with equal x keep their file order); a no-op when already sorted. */
export function sortColumn(c: RawColumn): void {
  for (let i = 1; i < c.x.length; i++) {
    if (c.x[i] < c.x[i - 1]) {
      const idx = c.x.map((_, k) => k).sort((a, b) => c.x[a] - c.x[b]);
      c.x = idx.map((k) => c.x[k]);
      c.y = idx.map((k) => c.y[k]);
      return;
    }
  }
}
