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
 */
import { IngestError } from '../errors.js';
import { MAX_LAYOUT_RUNS, MIN_CURVE_POINTS, type Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** `(epoch: 1, iters: 100, time: 0.215, data: 0.211) ` and what follows it; forks add fields inside the brackets. */
const HEAD = /^\s*\(epoch: ?(\d{1,7}), iters: ?(\d{1,12})(?:, \w{1,30}: ?[^,()]{1,40}){0,8}\)\s*(.*)$/;
/** One `name: value` pair after the head. */
const PAIR = /([A-Za-z_][\w./-]{0,60}): ?(\S{1,40})/g;
/** The banner the Visualizer writes each time training starts (or resumes) into the same file. */
const BANNER = /^=+ Training Loss \(/;
const MAX_LINE = 4000;

interface Line {
  epoch: number;
  iters: number;
  vals: [string, number][];
}

export function parseGanVisualizer(lines: string[], limits: Limits): RawLog | undefined {
  const runs: Line[][] = [];
  let banner = false;
  let rows = 0;
  for (const text of lines) {
    if (text.length > MAX_LINE) continue;
    if (BANNER.test(text)) {
      banner = true;
      continue;
    }
    const m = HEAD.exec(text);
    if (!m) continue;
    const vals = pairsOf(m[3]);
    if (vals.length === 0) continue;
    const line = { epoch: +m[1], iters: +m[2], vals };
    const last = runs.at(-1)?.at(-1);
    const again = !last || line.epoch < last.epoch || (banner && line.epoch === last.epoch && line.iters <= last.iters);
    if (again) runs.push([]);
    if (runs.length > MAX_LAYOUT_RUNS) return undefined;
    runs.at(-1)!.push(line);
    banner = false;
    if (++rows > limits.maxRows)
      throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} loss lines.`);
  }
  // a line or two is still this log, too short a curve: the diagnosis says so, where the printed-log reader
  // would find no metric name in it
  if (rows === 0) return undefined;
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

function pairsOf(rest: string): [string, number][] {
  const out: [string, number][] = [];
  for (const p of rest.matchAll(PAIR)) {
    const v = parseNumber(p[2]);
    if (v !== undefined && !out.some(([k]) => k === p[1])) out.push([p[1], v]);
  }
  return out;
}

/** One run's columns: per epoch when it spans enough epochs (or prints one line an epoch), else per line. */
function runOf(lines: Line[], count: number): RawRun {
  const epochs = [...new Set(lines.map((l) => l.epoch))];
  const perEpoch = epochs.length >= MIN_CURVE_POINTS || epochs.length === lines.length;
  const columns = new Map<string, RawColumn & { n: number[] }>();
  const column = (name: string) => {
    let c = columns.get(name);
    if (!c) columns.set(name, (c = { name, x: [], y: [], n: [] }));
    return c;
  };
  // images counted before each epoch: its iters start again from 0
  const most = new Map<number, number>();
  for (const l of lines) most.set(l.epoch, Math.max(most.get(l.epoch) ?? 0, l.iters));
  const before = new Map<number, number>();
  let seen = 0;
  for (const e of epochs) {
    before.set(e, seen);
    seen += most.get(e)!;
  }
  for (const l of lines) {
    for (const [name, v] of l.vals) {
      const c = column(name);
      if (!perEpoch) {
        c.x.push(before.get(l.epoch)! + l.iters);
        c.y.push(v);
        c.n.push(1);
      } else if (c.x.at(-1) === l.epoch) {
        c.y[c.y.length - 1] += v;
        c.n[c.n.length - 1]++;
      } else {
        c.x.push(l.epoch);
        c.y.push(v);
        c.n.push(1);
      }
    }
  }
  return {
    xAxis: perEpoch ? 'epoch' : 'step',
    columns: [...columns.values()].map(({ name, x, y, n }) => ({ name, x, y: y.map((v, i) => v / n[i]) })),
    ...(count > 1 ? { label: `from epoch ${lines[0].epoch}` } : {}),
  };
}
