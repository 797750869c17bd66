/**
 * Marian NMT's log (train.log, valid.log): a line per display interval
 *
 *    [2022-12-02 10:01:48] Ep. 2 : Up. 1000 : Sen. 311,824 : Cost 4.95877838 : Time 163.05s : 33655.40 words/s : L.r. 1.0000e-04
 *
 * (newer builds print `Cost 3.15 * 1,545,397 @ 6,452 after 1,234,567`, older ones `Cost 84.54` and no rate), and a
 * line per validation metric at a validation update:
 *
 *    [2022-12-02 10:01:48] [valid] Ep. 35 : Up. 16000 : ce-mean-words : 1.62407 : new best
 *
 * Read on the update axis (`Up.`, Marian's step; `Ep.` gives each update's epoch): the training cost as the loss,
 * the rate, and each validation metric as its own series. One validation cross-entropy is the validation loss: the
 * one whose scale is the training cost's (Marian's cost types differ by orders: a sentence's summed cross-entropy
 * is 84 where its per-word mean is 1.6), else the first printed; with no cross-entropy logged, the log of its
 * perplexity (Marian's perplexity is e to the per-word cross-entropy). A training cost on no validation
 * cross-entropy's scale is drawn but not judged: the run is judged on its validation curves. Marian counts updates
 * from its start: a training resumed from its last checkpoint prints again from that update (its lines after the
 * checkpoint are replaced), one started again prints from its first display.
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS, type Limits } from '../limits.js';
import type { IngestWarning, RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';
import { median } from '../../util/median.js';

const NUM = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|-?nan|-?inf';
// `Ep. 1.0234` with --logical-epoch
const EP_UP = '\\bEp\\.\\s*(\\d{1,9}(?:\\.\\d{1,9})?)\\s*:\\s*Up\\.\\s*(\\d{1,12})\\s*:\\s*';
const TRAIN = new RegExp(`${EP_UP}Sen\\.\\s*[\\d,]+\\s*:\\s*Cost\\s+(${NUM})`, 'i');
const RATE = new RegExp(`:\\s*L\\.r\\.\\s*(${NUM})`, 'i');
const VALID = new RegExp(`\\[valid\\]\\s*${EP_UP}([A-Za-z][\\w-]{0,40})\\s*:\\s*(${NUM})\\s*(?::|$)`, 'i');
/** Marian's validation cross-entropies (its --valid-metrics): one of them is the validation loss. */
const CROSS_ENTROPY = new Set(['cross-entropy', 'ce-mean-words', 'ce-mean', 'ce-sum']);
/** Fewer printed values than this are no curve (the readers' least trend), so a few such lines in another
 * printer's log do not claim it. */
const MIN_LINES = MIN_CURVE_POINTS;
/** A validation cross-entropy is on the training cost's scale within this factor. Ours: Marian's cost types differ
 * by an order or more (a sentence's summed cross-entropy, ~25 words of ~1.6 each, against the per-word mean). */
const SAME_SCALE = 3;
/** Longer lines are no display line (a decoded sentence, a config dump): not searched. */
const MAX_LINE = 2000;

interface Cols {
  loss: RawColumn;
  lr: RawColumn;
  valid: Map<string, RawColumn>;
  epochs: { step: number[]; epoch: number[] };
}

const newCols = (): Cols => ({
  loss: { name: 'loss', x: [], y: [] },
  lr: { name: 'lr', x: [], y: [] },
  valid: new Map(),
  epochs: { step: [], epoch: [] },
});

/** Marian's log, or undefined when the text is not one. */
export function parseMarian(lines: string[], limits: Limits): RawLog | undefined {
  const runs: Cols[] = [];
  let rows = 0;
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    const t = TRAIN.exec(line);
    const v = t ? null : VALID.exec(line);
    if (!t && !v) continue;
    const m = (t ?? v)!;
    const [ep, up] = [+m[1], +m[2]];
    let cur = runs.at(-1);
    const last = cur?.epochs.step.at(-1);
    if (!cur || (last !== undefined && up < last && up <= cur.epochs.step[0])) runs.push((cur = newCols()));
    // resumed: from before its last display, or printing that display again (a training line it already holds)
    else if (last !== undefined && (up < last || (t && cur.loss.x.at(-1) === up))) resumeAt(cur, up);
    if (runs.length > MAX_LAYOUT_RUNS) return undefined;
    if (cur.epochs.step.at(-1) !== up) {
      cur.epochs.step.push(up);
      cur.epochs.epoch.push(ep);
    }
    if (t) {
      const cost = parseNumber(t[3]);
      if (cost === undefined) continue;
      push(cur.loss, up, cost);
      const r = RATE.exec(line);
      const rate = r ? parseNumber(r[1]) : undefined;
      if (rate !== undefined) push(cur.lr, up, rate);
    } else {
      const value = parseNumber(v![4]);
      if (value === undefined) continue;
      const name = v![3].toLowerCase();
      if (!cur.valid.has(name)) cur.valid.set(name, { name, x: [], y: [] });
      push(cur.valid.get(name)!, up, value);
    }
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} printed values.`);
  }
  if (rows < MIN_LINES) return undefined;
  const warnings: IngestWarning[] = [];
  const raw = runs.map((c) => toRun(c, warnings, runs.length > 1));
  const trained = runs.some((c) => c.loss.x.length > 0);
  return {
    format: 'text',
    runs: raw,
    rows,
    warnings: [
      {
        code: 'marian',
        message: `Read as Marian's log on the update axis (Up.): ${trained ? 'the training cost per display interval as the loss, and ' : ''}each [valid] metric at its update.`,
      },
      ...warnings,
    ],
  };
}

function push(col: RawColumn, x: number, y: number): void {
  col.x.push(x);
  col.y.push(y);
}

/** A training resumed from its checkpoint at update `up`: what was printed from there on is printed again. */
function resumeAt(c: Cols, up: number): void {
  for (const col of [c.loss, c.lr, ...c.valid.values(), { x: c.epochs.step, y: c.epochs.epoch }]) {
    let keep = col.x.length;
    while (keep > 0 && col.x[keep - 1] >= up) keep--;
    col.x.length = keep;
    col.y.length = keep;
  }
}

function toRun(c: Cols, warnings: IngestWarning[], several: boolean): RawRun {
  const perplexity = c.valid.get('perplexity');
  // with no cross-entropy logged, Marian's perplexity is e to the per-word cross-entropy
  const derived =
    ![...c.valid.keys()].some((k) => CROSS_ENTROPY.has(k)) && perplexity
      ? { name: 'val_loss', x: [...perplexity.x], y: perplexity.y.map((v) => Math.log(v)) }
      : undefined;
  const ce = derived ? undefined : valLossName(c);
  const valid = [...c.valid.entries()].map(([name, col]) => ({
    ...col,
    name: name === ce ? 'val_loss' : `val_${name.replace(/-/g, '_')}`,
  }));
  const val = derived ?? (ce ? c.valid.get(ce) : undefined);
  // a cost that turned NaN/inf is the finding, whatever its scale: judged
  const judged = !val || c.loss.x.length === 0 || c.loss.y.some((y) => !Number.isFinite(y)) || sameScale(c.loss, val);
  if (!judged && !warnings.some((w) => w.code === 'marian_scale'))
    warnings.push({
      code: 'marian_scale',
      message: `The training cost and the validation ${ce ?? 'perplexity'} are on different scales (Marian's cost types: a sentence's summed cross-entropy against a per-word mean): the run is judged on its validation curves, the training cost is drawn apart. Display a per-word cost (--cost-type ce-mean-words) to compare the two.`,
    });
  const train = judged ? c.loss : { ...c.loss, name: 'train_cost_other_scale' };
  return {
    xAxis: 'step',
    columns: [train, c.lr, ...(derived ? [derived] : []), ...valid].filter((col) => col.x.length > 0),
    epochAtStep: c.epochs,
    ...(several ? { label: `from update ${c.epochs.step[0]}` } : {}),
  };
}

/** The validation cross-entropy read as the validation loss: the first on the training cost's scale, else the first. */
function valLossName(c: Cols): string | undefined {
  const ces = [...c.valid.keys()].filter((k) => CROSS_ENTROPY.has(k));
  return ces.find((k) => sameScale(c.loss, c.valid.get(k)!)) ?? ces[0];
}

/** The two series' medians (of their finite values) lie within SAME_SCALE of each other. */
function sameScale(a: RawColumn, b: RawColumn): boolean {
  const [ma, mb] = [median(a.y.filter(Number.isFinite)), median(b.y.filter(Number.isFinite))];
  if (!(ma > 0 && mb > 0)) return false;
  return Math.max(ma / mb, mb / ma) <= SAME_SCALE;
}
