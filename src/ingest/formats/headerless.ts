/**
 * Numbers without a header that still say what they are: one column of numbers (`numpy.savetxt` of a
 * loss list) or a counter and one value per line (`f.write(f"{step},{loss}\n")`). Both are read as the
 * training loss, and a warning says so. Two value columns (with or without a counter before them) are read
 * as the training and validation loss, the order Keras and most loops write them, only when both behave
 * like losses of one model: never negative, both lower at the end than at the start, on one scale. Anything
 * else (a loss beside an accuracy, three or more values) cannot be named from the numbers alone.
 */
import { IngestError } from '../errors.js';
import { MIN_CURVE_POINTS, type Limits } from '../limits.js';
import { median } from '../../util/median.js';
import type { RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { spreadWithinEpochs } from './axis.js';
import { DATE_TIME, splitCells } from './table.js';
import { isMetricName } from '../names.js';

/** The delimiter numpy.savetxt writes by default: any run of spaces or tabs. */
export const WHITESPACE = ' ';

/** Fewer finite values than this are not a curve worth guessing a name for. */
const MIN_ROWS = MIN_CURVE_POINTS;

/** A column that could be a loss: enough finite values, and not all whole numbers (IDs, years, counts). */
export function lossLike(values: number[]): boolean {
  const finite = values.filter(Number.isFinite);
  return finite.length >= MIN_ROWS && finite.some((v) => !Number.isInteger(v));
}

/**
 * A headerless table's lines without their first cell when every line starts with a date, with or without its
 * time (`f.write(f"{datetime.now()},{epoch},{loss}")`): when each row was written says nothing about the curve.
 * Python logging's `asctime` puts a comma before the milliseconds (`10:00:05,123`): in a comma-separated table
 * those three digits after a time to the second are part of the stamp. Otherwise undefined.
 */
export function withoutTimestamps(lines: string[], delim: string): string[] | undefined {
  const rows = lines.filter((l) => l.trim() !== '').map((l) => splitCells(l, delim).map((c) => c.trim()));
  if (rows.length < MIN_ROWS || !rows.every((c) => c.length >= 2 && DATE_TIME.test(c[0]))) return undefined;
  const millis = delim === ',' && rows.every((c) => c.length >= 3 && /:\d{2}$/.test(c[0]) && /^\d{3}$/.test(c[1]));
  return rows.map((c) => c.slice(millis ? 2 : 1).join(delim));
}

/**
 * The lines without their last cell when it is empty on every line (`f.write(f"{i},{loss},{val_loss}\n")` with no
 * validation value, as mljar-supervised's learner_fold_0_training.log has for a model it validates only at the end;
 * or a delimiter after every row's last value): a column that holds nothing on any row is no column. Otherwise the
 * lines as they are.
 */
export function withoutEmptyLastCell(lines: string[], delim: string): string[] {
  const out: string[] = [];
  let rows = 0;
  for (const l of lines) {
    if (l.trim() === '') {
      out.push(l);
      continue;
    }
    const cells = splitCells(l, delim);
    // the first row with a last value says the column holds values: the lines as they are
    if (cells.length < 3 || cells[cells.length - 1].trim() !== '') return lines;
    out.push(cells.slice(0, -1).join(delim));
    rows++;
  }
  return rows >= MIN_ROWS ? out : lines;
}

/** The rows as numbers (blank lines skipped), or undefined when a row is not `width` numbers. */
export function numericRows(
  lines: string[],
  delim: string | undefined,
  width: number,
  limits: Limits,
): number[][] | undefined {
  const rows: number[][] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const cells =
      delim === WHITESPACE
        ? line.trim().split(/\s+/)
        : delim
          ? splitCells(line, delim).map((c) => c.trim())
          : [line.trim()];
    if (cells.length !== width) return undefined;
    const vals = cells.map((c) => parseNumber(c));
    if (vals.some((v) => v === undefined)) return undefined;
    rows.push(vals as number[]);
    if (rows.length > limits.maxRows)
      throw new IngestError('too_many_rows', `The file has more than ${limits.maxRows} rows.`);
  }
  return rows.length >= MIN_ROWS ? rows : undefined;
}

/** The reading both shapes give: one run holding the training loss (or accuracy), and the warning that says it was guessed. */
function trainingSeries(
  run: Omit<RawRun, 'columns'>,
  x: number[],
  y: number[],
  message: string,
  name: 'loss' | 'accuracy' = 'loss',
): RawLog {
  return {
    format: 'csv',
    runs: [{ ...run, columns: [{ name, x, y }] }],
    rows: y.length,
    warnings: [{ code: 'unnamed_series', message }],
  };
}

/** One column of numbers: one epoch of the training loss (or accuracy, when it climbs like one) per row. */
export function singleColumn(lines: string[], limits: Limits): RawLog | undefined {
  const rows = numericRows(lines, undefined, 1, limits);
  if (!rows || !lossLike(rows.map((r) => r[0]))) return undefined;
  const y = rows.map((r) => r[0]);
  const acc = accuracyCurve(y);
  return trainingSeries(
    { xAxis: 'epoch', epochNumbering: 'position' },
    rows.map((_, i) => i + 1),
    y,
    `The file is one column of numbers without a header: each row is read as one epoch of the training ${acc ? ACCURACY_WHY : 'loss'}. ` +
      'If it is something else, write it with a header and an epoch column (e.g. "epoch,val_loss").',
    acc ? 'accuracy' : 'loss',
  );
}

/**
 * One column under a header that names a metric (`pd.DataFrame({'loss': losses}).to_csv(index=False)`,
 * `np.savetxt(f, losses, header='val_loss')`): that series, one epoch per row. The header must read as a
 * metric (a loss, accuracy, score or error), so a column of IDs or dates under any word is not taken.
 */
export function namedColumn(lines: string[], limits: Limits): RawLog | undefined {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return undefined;
  const name = lines[first]
    .trim()
    .replace(/^#\s*/, '')
    .replace(/^"(.*)"$/, '$1');
  if (!/^[A-Za-z][\w./ -]{0,60}$/.test(name)) return undefined;
  if (!isMetricName(name)) return undefined;
  const rows = numericRows(lines.slice(first + 1), undefined, 1, limits);
  if (!rows) return undefined;
  const y = rows.map((r) => r[0]);
  if (y.filter(Number.isFinite).length < MIN_ROWS) return undefined;
  return {
    format: 'csv',
    runs: [{ xAxis: 'epoch', epochNumbering: 'position', columns: [{ name, x: y.map((_, i) => i + 1), y }] }],
    rows: y.length,
    warnings: [
      {
        code: 'no_epoch_column',
        message: `The file is one column ("${name}") without an epoch column: each row is read as one epoch.`,
      },
    ],
  };
}

/** A counter column (whole numbers, rising) and one value column: the training loss at each count. The counter
 * comes first (`f.write(f"{step},{loss}\n")`), or after the value (`f.write(f"{loss} {step}\n")`) when the value
 * reads as a falling loss or a rising accuracy (the less common order asks more of what it names). */
export function counterAndValue(lines: string[], delim: string, limits: Limits): RawLog | undefined {
  const rows = numericRows(lines, delim, 2, limits);
  if (!rows) return undefined;
  const first = withCounter(rows, false);
  if (first) return first;
  const y = rows.map((r) => r[0]);
  if (!fallingLoss(y) && !accuracyCurve(y)) return undefined;
  return withCounter(
    rows.map(([v, c]) => [c, v]),
    true,
  );
}

/** Rows of [count, value]: the value at each count, or undefined when the count is no counter. */
function withCounter(rows: number[][], after: boolean): RawLog | undefined {
  if (!lossLike(rows.map((r) => r[1]))) return undefined;
  const counts = rows.map((r) => r[0]);
  if (!counts.every((c) => Number.isInteger(c) && c >= 0)) return undefined;
  if (counts.some((c, i) => i > 0 && c <= counts[i - 1])) return after ? undefined : iterationsInEpochs(rows);
  // counting by one (0, 1, 2, ...; or 10, 11, ... after a resume): epochs; any other stride (100, 200, ...): steps
  const epochs = counts.every((c, i) => i === 0 || c === counts[i - 1] + 1);
  const from0 = epochs && counts[0] === 0;
  const y = rows.map((r) => r[1]);
  const acc = accuracyCurve(y);
  const [counter, value] = after ? ['second', 'first'] : ['first', 'second'];
  return trainingSeries(
    { xAxis: epochs ? 'epoch' : 'step', ...(from0 ? { epochNumbering: 'from0' as const } : {}) },
    from0 ? counts.map((c) => c + 1) : counts,
    y,
    `The table has no header: its ${counter} column is read as ${epochs ? 'an epoch' : 'a step'} counter and its ${value} as the training ${acc ? ACCURACY_WHY : 'loss'}. ` +
      `If they are something else, add a header row (e.g. "${after ? 'val_loss,epoch' : 'epoch,val_loss'}").`,
    acc ? 'accuracy' : 'loss',
  );
}

/**
 * A counter that starts again at the same value every few rows while the value goes on from where it was
 * (`print(i, loss)` every 100 iterations inside an epoch loop that never prints the epoch: 1, 101, ..., 701, 1,
 * 101, ...): each round is one epoch, its rows placed evenly inside it. Every round must count up from the same
 * start, and hold at least 2 rows; at most one restart in ITERATION_RESTART_JUMPS may look like a relaunch
 * (the value back near the file's first, not near the previous row). Anything else is no counter we can name.
 */
function iterationsInEpochs(rows: number[][]): RawLog | undefined {
  const counts = rows.map((r) => r[0]);
  const y = rows.map((r) => r[1]);
  const starts = [0, ...counts.flatMap((c, i) => (i > 0 && c <= counts[i - 1] ? [i] : []))];
  const ends = [...starts.slice(1), rows.length];
  if (starts.length < 2) return undefined;
  if (starts.some((st, k) => counts[st] !== counts[0] || ends[k] - st < 2)) return undefined;
  const relaunches = starts.slice(1).filter((st) => Math.abs(y[st] - y[0]) <= Math.abs(y[st] - y[st - 1])).length;
  if (relaunches > (starts.length - 1) / ITERATION_RESTART_JUMPS) return undefined;
  // each row at its round's epoch, then the rows of an epoch spread evenly inside it
  const x = starts.flatMap((st, k) => Array<number>(ends[k] - st).fill(k + 1));
  spreadWithinEpochs(x);
  const acc = accuracyCurve(y);
  return trainingSeries(
    { xAxis: 'epoch', rowsWithinEpochs: true },
    x,
    y,
    `The table has no header and its first column counts ${counts[0]}, ${counts[1]}, ... again ${starts.length} times: it is read as ` +
      `the iteration within each of ${starts.length} epochs (rows placed evenly inside their epoch) and the second column as the training ${acc ? ACCURACY_WHY : 'loss'}. ` +
      'If they are something else, add a header row (e.g. "epoch,iteration,loss").',
    acc ? 'accuracy' : 'loss',
  );
}

/** One restart in this many (or fewer) may take the value back near where the file began, as a new epoch's first
 * batches sometimes do; more, and the rounds are relaunches of a run, not epochs of one. Ours, a priori. */
const ITERATION_RESTART_JUMPS = 4;

const ACCURACY_WHY = 'accuracy (it climbs and levels off like one, ending above 70% of 1 or of 100)';
/** An accuracy's climb puts at least this multiple of its second half's gain in its first half. Ours, a priori. */
const ACCURACY_FRONT_LOADED = 2;
/** ... and no single step makes more than this share of it (a loss that diverges jumps). Ours, a priori. */
const ACCURACY_MAX_STEP_SHARE = 0.5;
/** ... and it ends at this share of its scale or above: a fraction ending at 0.7+, a percentage at 70+. A loss
 * that rises to a level and stays (a classifier diverging to ln 2 = 0.69, a GAN generator at 2.5, a KL term at
 * 15) ends lower on either scale. Ours, a priori. */
const ACCURACY_END_SHARE = 0.7;

/**
 * An unnamed column that climbs like an accuracy, not a loss: a fraction (every value in [0, 1]) or a
 * percentage (every value in [1, 100]) that ends high (ACCURACY_END_SHARE of its scale), most of the gain in
 * the first half, and no step making half of it. A loss that rises jumps, speeds up or ends low on either
 * scale; a validation loss that overfits falls first. Anything else stays the loss it was read as.
 */
export function accuracyCurve(values: number[]): boolean {
  if (values.length < MIN_ROWS || !values.every(Number.isFinite)) return false;
  const fraction = values.every((v) => v >= 0 && v <= 1);
  if (!fraction && !values.every((v) => v >= 1 && v <= 100)) return false;
  const at = (i: number) => median(values.slice(Math.max(0, i - 1), i + 2));
  const start = median(values.slice(0, PAIR_LEVEL_POINTS));
  const mid = at(Math.floor(values.length / 2));
  const end = median(values.slice(-PAIR_LEVEL_POINTS));
  if (end < ACCURACY_END_SHARE * (fraction ? 1 : 100)) return false;
  const gain = end - start;
  if (!(gain > 0) || mid - start < ACCURACY_FRONT_LOADED * (end - mid)) return false;
  let maxStep = 0;
  for (let i = 1; i < values.length; i++) maxStep = Math.max(maxStep, values[i] - values[i - 1]);
  return maxStep <= ACCURACY_MAX_STEP_SHARE * gain;
}

/** Two unnamed losses of one model are on one scale: their typical levels differ by at most this factor (a
 *  loss beside a percentage, a count or a score of another unit is 100x off; train and val of one model are
 *  within a few x even when it overfits). Ours, a priori. */
const PAIR_MAX_SCALE_RATIO = 10;
/** ... and they start within this factor (medians of the first 3): before a model has fit its training
 *  data, train and val loss measure one model twice. Keras's first train loss is a mean over a falling epoch
 *  with dropout on, so it can sit 2-3x above val (mnist_cnn: 0.26 against 0.057, medians 2.2x apart);
 *  two different quantities of one model (MSE beside MAE, a loss beside an error rate) start further apart.
 *  Ours, a priori; loosened from 1.5 after a review found Keras's own example refused. */
const PAIR_START_MAX_RATIO = 3;
/** Points at each end whose median is a column's start and end level (the diagnosis's end window is 3). */
const PAIR_LEVEL_POINTS = 3;

/** A column that reads as a loss curve: at least MIN_CURVE_POINTS finite values, not all whole (IDs, years,
 * counts), never negative, lower at the end than at the start (median of the first and last 3). Also the
 * test of a bare JSON list of numbers (json.ts). */
export function fallingLoss(values: number[]): boolean {
  if (!lossLike(values)) return false;
  const finite = values.filter(Number.isFinite);
  if (finite.some((v) => v < 0)) return false;
  return median(finite.slice(-PAIR_LEVEL_POINTS)) < median(finite.slice(0, PAIR_LEVEL_POINTS));
}

/** A column that reads as an accuracy: every value a fraction in [0, 1], not all whole, higher at the end. */
function risingAccuracy(values: number[]): boolean {
  if (!lossLike(values) || values.some((v) => !(v >= 0 && v <= 1))) return false;
  return median(values.slice(-PAIR_LEVEL_POINTS)) > median(values.slice(0, PAIR_LEVEL_POINTS));
}

/** The x positions of a headerless table: its epoch counter (from 0 or 1), else the row. */
function epochsOf(rows: number[][], counted: boolean): Pick<RawRun, 'epochNumbering'> & { x: number[] } {
  const from0 = counted && rows[0][0] === 0;
  const x = counted ? rows.map((r) => (from0 ? r[0] + 1 : r[0])) : rows.map((_, i) => i + 1);
  return {
    x,
    ...(from0 ? { epochNumbering: 'from0' as const } : counted ? {} : { epochNumbering: 'position' as const }),
  };
}

/**
 * An epoch counter, a falling loss and a rising fraction (`print(epoch, loss, acc)`): the training loss and an accuracy.
 * Which split the accuracy is cannot be told; it is read as the training accuracy (the loss beside it is
 * the training loss), and the warning says so.
 */
function lossAndAccuracy(rows: number[][], counted: boolean, loss: number[], acc: number[]): RawLog {
  const { x, ...numbering } = epochsOf(rows, counted);
  return {
    format: 'csv',
    runs: [
      {
        xAxis: 'epoch',
        ...numbering,
        columns: [
          { name: 'loss', x, y: loss },
          { name: 'accuracy', x, y: acc },
        ],
      },
    ],
    rows: rows.length,
    warnings: [
      {
        code: 'unnamed_series',
        message:
          'The table has no header: its first column is read as the epoch and the next two ' +
          'as the training loss (it falls) and an accuracy (fractions that rise), read as the training accuracy. ' +
          'If the accuracy is measured on validation data, or they are something else, add a header row (e.g. "epoch,loss,val_accuracy").',
      },
    ],
  };
}

/**
 * Two value columns, optionally after an epoch counter or a step counter rising by one interval
 * (`f.write(f"{train_loss},{val_loss}\n")`, `np.savetxt(f, np.c_[train, val])`): the training and validation
 * loss per epoch (or step), when both fall like losses on one scale and start close.
 */
export function lossPair(lines: string[], delim: string, limits: Limits): RawLog | undefined {
  for (const width of [2, 3]) {
    const rows = numericRows(lines, delim, width, limits);
    if (!rows) continue;
    const counted = width === 3;
    const counts = rows.map((r) => r[0]);
    // an epoch counter steps by 1; a step counter by its logging interval (`f.write(f"{step},{train},{val}")`
    // every 200 steps), the same every row
    const every = counted ? counts[1] - counts[0] : 1;
    if (
      counted &&
      !(every >= 1 && counts.every((c, i) => Number.isInteger(c) && c >= 0 && (i === 0 || c === counts[i - 1] + every)))
    )
      return undefined;
    const stepped = every > 1;
    // a step counter starts at 0 or at its first interval: years (1960, 1965, ...), Unix seconds and IDs that
    // rise by a constant are no steps
    if (stepped && counts[0] > every) return undefined;
    const train = rows.map((r) => r[width - 2]);
    const val = rows.map((r) => r[width - 1]);
    // after an epoch counter (a per-epoch print), a loss beside a rising fraction is a loss and an accuracy;
    // two such columns alone stay a question (what they are is less sure without the counter)
    if (counted && !stepped && fallingLoss(train) && risingAccuracy(val))
      return lossAndAccuracy(rows, counted, train, val);
    if (!fallingLoss(train) || !fallingLoss(val)) return undefined;
    // per step, a column below the first on every row is more likely a term of that loss (a reconstruction loss
    // beside the total) than its validation loss: the step reading is the less certain one, so it asks
    if (stepped && val.every((v, i) => v < train[i])) return undefined;
    const level = (v: number[]) => median(v.filter(Number.isFinite));
    const start = (v: number[]) => median(v.filter(Number.isFinite).slice(0, PAIR_LEVEL_POINTS));
    const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);
    const [a, b] = [level(train), level(val)];
    if (!(a > 0 && b > 0) || ratio(a, b) > PAIR_MAX_SCALE_RATIO) return undefined;
    const [a0, b0] = [start(train), start(val)];
    if (!(a0 > 0 && b0 > 0) || ratio(a0, b0) > PAIR_START_MAX_RATIO) return undefined;
    const { x, ...numbering } = stepped ? { x: counts } : epochsOf(rows, counted);
    const run: RawRun = {
      xAxis: stepped ? 'step' : 'epoch',
      ...numbering,
      columns: [
        { name: 'loss', x, y: train },
        { name: 'val_loss', x, y: val },
      ],
    };
    return {
      format: 'csv',
      runs: [run],
      rows: rows.length,
      warnings: [
        {
          code: 'unnamed_series',
          message:
            `The table has no header: ${counted ? `its first column is read as the ${stepped ? `step (it rises by ${every} each row)` : 'epoch'} and the next two` : 'its two columns are read'} ` +
            'as the training loss and the validation loss (the order Keras and most training loops write them; both fall like losses). ' +
            `If they are something else, add a header row (e.g. "${stepped ? 'step' : 'epoch'},loss,val_loss").`,
        },
      ],
    };
  }
  return undefined;
}

/**
 * A loss list written as one row (`csv.writer(f).writerow(losses)`, `np.savetxt(f, [losses], delimiter=',')`),
 * or two rows of equal length (the training losses, then the validation losses): read as the columns they
 * would be, with the same tests (one column: the training loss; two: two falling losses on one scale).
 * Empty cells at a row's ends (a pandas index cell) are dropped.
 */
export function rowsAsColumns(lines: string[], delim: string, limits: Limits): RawLog | undefined {
  const rows = lines.filter((l) => l.trim() !== '');
  if (rows.length < 1 || rows.length > 2) return undefined;
  const cells = rows.map((l) => {
    const c = splitCells(l, delim).map((x) => x.trim());
    while (c.length && c[0] === '') c.shift();
    while (c.length && c[c.length - 1] === '') c.pop();
    return c;
  });
  const n = cells[0].length;
  if (n < MIN_ROWS || cells.some((c) => c.length !== n)) return undefined;
  if (n > limits.maxRows) throw new IngestError('too_many_rows', `The row holds more than ${limits.maxRows} values.`);
  const columns = Array.from({ length: n }, (_, i) => cells.map((c) => c[i]).join(delim));
  const raw = rows.length === 1 ? singleColumn(columns, limits) : lossPair(columns, delim, limits);
  if (!raw) return undefined;
  const message =
    rows.length === 1
      ? 'The file is one row of numbers without a header: each value is read as one epoch of the training loss. '
      : 'The file is two rows of numbers without a header: the first is read as the training loss and the second as the ' +
        'validation loss, one epoch per position (the order Keras and most loops write them; both fall like losses). ';
  return {
    ...raw,
    warnings: [
      {
        code: 'unnamed_series',
        message:
          message + 'If they are something else, write a header and one epoch per row (e.g. "epoch,loss,val_loss").',
      },
    ],
  };
}
