/**
 * The loss log of pytorch-CycleGAN-and-pix2pix's Visualizer (checkpoints/<name>/loss_log.txt, and the same lines
 * on the console), which pix2pixHD, SPADE, CUT and their many forks print too:
 *
 *    ================ Training Loss (Mon Apr  1 10:00:00 2019) ================
 *    (epoch: 1, iters: 100, time: 0.215, data: 0.211) D_A: 0.290 G_A: 0.354 cycle_A: 1.843 idt_A: 0.690 ...
 *
 * Every name after the parenthesised head is one of `model.get_current_losses()`, a training loss, whatever it is
 * called (D_A, G_GAN, G_L1, NCE). The values are the last batch's, printed every `print_freq` images; `iters`
 * counts the images of the epoch so far. Read as one point per epoch, the mean of its lines (as the scripts people
 * write to plot these files do), or, with too few epochs for a curve, per line on an iteration axis. A run starts
 * again when the epoch goes back. Nothing in the file is a validation curve.
 *
 * The file is this log when a banner says so, or when its head lines outnumber the other lines that print a metric
 * (a loop's own prints with one such line among them stay the printed-log reader's).
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS, type Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** `(epoch: 1, iters: 100, time: 0.215, data: 0.211) `, after a logging prefix or none; forks add fields inside. */
const HEAD = /(?:^|\s)\(epoch: ?(\d{1,7}), iters: ?(\d{1,12})(?:, \w{1,30}: ?[^,()]{1,40}){0,8}\)\s*(.*)$/;
/** A loss's name as the Visualizer prints it (`D_A`, `G_GAN_Feat`, `loss_G/total`). */
const NAME = /^[A-Za-z_][\w./-]{0,60}$/;
/** The banner the Visualizer writes each time training starts (or resumes) into the same file. */
const BANNER = /^=+ Training Loss \(/;
/** Another line that prints a metric (`loss: 0.41`, `val_acc=0.88`): the text is some other log's if they outnumber. */
const METRIC_LINE =
  /\b(?:val|valid|train|test|eval)?_?(?:loss|acc|accuracy|error|mse|mae|rmse|psnr|ssim|f1|auc)\w{0,20}\s*[:=]\s*[-+]?\.?\d/i;
const MAX_LINE = 4000;

/** One run as read so far: per-epoch sums, and (while it has too few epochs to be read per epoch) its lines. */
interface RunAcc {
  epochs: number[];
  /** images counted in each epoch (its largest `iters`) */
  most: number[];
  /** per name: per epoch (index into `epochs`), the sum and count of its values */
  sums: Map<string, { sum: number[]; n: number[] }>;
  /** per name: each line's epoch index, iters and value; dropped once the run has enough epochs */
  lines: Map<string, { e: number[]; it: number[]; y: number[] }> | null;
  count: number;
  /** the `iters` of the run's last line (its epoch is the last of `epochs`) */
  lastIters: number;
}

const newRun = (): RunAcc => ({
  epochs: [],
  most: [],
  sums: new Map(),
  lines: new Map(),
  count: 0,
  lastIters: -1,
});

export function parseGanVisualizer(lines: string[], limits: Limits): RawLog | undefined {
  const runs: RunAcc[] = [];
  let banners = 0;
  let banner = false;
  let rows = 0;
  for (const text of lines) {
    if (text.length > MAX_LINE) continue;
    if (BANNER.test(text)) {
      banners++;
      banner = true;
      continue;
    }
    const m = text.includes('(epoch:') ? HEAD.exec(text) : null;
    const vals = m ? pairsOf(m[3]) : [];
    if (vals.length === 0) continue;
    const epoch = +m![1];
    const iters = +m![2];
    let cur = runs.at(-1);
    const lastEpoch = cur?.epochs.at(-1) ?? -1;
    if (!cur || epoch < lastEpoch || (banner && epoch === lastEpoch && iters <= cur.lastIters)) {
      runs.push((cur = newRun()));
      if (runs.length > MAX_LAYOUT_RUNS) return undefined;
    }
    add(cur, epoch, iters, vals);
    banner = false;
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} loss lines.`);
  }
  // a line or two is still this log, too short a curve: the diagnosis says so, where the printed-log reader
  // would find no metric name in it
  if (rows === 0 || (banners === 0 && rows <= otherMetricLines(lines))) return undefined;
  const read = runs.map((r) => runOf(r, runs.length));
  const names = [...new Set(read.flatMap((r) => r.columns.map((c) => c.name)))];
  const perEpoch = read.some((r) => r.xAxis === 'epoch');
  return {
    format: 'text',
    runs: read,
    rows,
    allLosses: true,
    warnings: [
      {
        code: 'gan_visualizer',
        message:
          `Read as a pytorch-CycleGAN-and-pix2pix loss log: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''} ` +
          `are the model's training losses${perEpoch ? ', one point per epoch (the mean of its lines)' : ', per printed line on an iteration axis'}; ` +
          'the file logs no validation curve.',
      },
    ],
  };
}

/** The lines that print a metric outside a Visualizer head (counted only when a text holds such heads). */
function otherMetricLines(lines: string[]): number {
  let n = 0;
  for (const text of lines) if (text.length <= MAX_LINE && !HEAD.test(text) && METRIC_LINE.test(text)) n++;
  return n;
}

/** `D_A: 0.290 G_A: 0.354`, `D_A: 0.29, G_A: 0.35`, `D_A:0.29`: a name ending in a colon, then its value. */
function pairsOf(rest: string): [string, number][] {
  const out: [string, number][] = [];
  const seen = new Set<string>();
  const tokens = rest.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const at = t.indexOf(':');
    if (at <= 0) continue;
    const name = t.slice(0, at);
    const raw = at === t.length - 1 ? tokens[++i] : t.slice(at + 1);
    const v = raw === undefined ? undefined : parseNumber(raw.replace(/[,;]$/, ''));
    if (v === undefined || !NAME.test(name) || seen.has(name)) continue;
    seen.add(name);
    out.push([name, v]);
  }
  return out;
}

function add(r: RunAcc, epoch: number, iters: number, vals: [string, number][]): void {
  if (r.epochs.at(-1) !== epoch) {
    r.epochs.push(epoch);
    r.most.push(0);
    // enough epochs for a curve: the lines are no longer needed
    if (r.epochs.length >= MIN_CURVE_POINTS) r.lines = null;
  }
  const e = r.epochs.length - 1;
  r.most[e] = Math.max(r.most[e], iters);
  r.lastIters = iters;
  r.count++;
  for (const [name, v] of vals) {
    let s = r.sums.get(name);
    if (!s) r.sums.set(name, (s = { sum: [], n: [] }));
    s.sum[e] = (s.sum[e] ?? 0) + v;
    s.n[e] = (s.n[e] ?? 0) + 1;
    if (!r.lines) continue;
    let l = r.lines.get(name);
    if (!l) r.lines.set(name, (l = { e: [], it: [], y: [] }));
    l.e.push(e);
    l.it.push(iters);
    l.y.push(v);
  }
}

/** One run's columns: per epoch when it spans enough epochs (or prints one line an epoch), else per line. */
function runOf(r: RunAcc, count: number): RawRun {
  const perEpoch = !r.lines || r.epochs.length === r.count;
  const columns: RawColumn[] = [];
  if (perEpoch) {
    for (const [name, s] of r.sums) {
      const x: number[] = [];
      const y: number[] = [];
      s.n.forEach((n, e) => {
        if (n === undefined) return;
        x.push(r.epochs[e]);
        y.push(s.sum[e] / n);
      });
      columns.push({ name, x, y });
    }
  } else {
    // images counted before each epoch: its iters start again from 0
    const before = r.most.map((_, e) => r.most.slice(0, e).reduce((a, b) => a + b, 0));
    for (const [name, l] of r.lines!) columns.push({ name, x: l.e.map((e, i) => before[e] + l.it[i]), y: l.y });
  }
  return {
    xAxis: perEpoch ? 'epoch' : 'step',
    columns,
    ...(count > 1 ? { label: `from epoch ${r.epochs[0]}` } : {}),
  };
}
