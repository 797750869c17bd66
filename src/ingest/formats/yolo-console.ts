/**
 * The console of Ultralytics YOLO (v8 and later), as a notebook or a terminal keeps it:
 *
 *         Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size
 *          1/20      10.1G      1.777      2.573      1.302         79        640: 100%|██████████| 298/298 [08:35<00:00]
 *                     Class     Images  Instances      Box(P          R      mAP50  mAP50-95): 100%|██████████| 38/38
 *                       all       1189       4779       0.34     0.0303     0.0157    0.00773
 *
 * A header names the training losses (box, seg, pose, kobj, cls, dfl; one `loss` for classification), a row per
 * epoch carries them (its progress bar redraws it: the last drawing of an epoch stands), then the validation's
 * header names its scores (Box(P R mAP50 mAP50-95), Mask(...) for segmentation, `classes top1_acc top5_acc` for
 * classification) and its `all` row holds them. Read under the names results.csv gives them (train/box_loss,
 * metrics/mAP50(B), metrics/accuracy_top1), so the rest of ingest treats both alike. The validation of the best
 * weights after training ("20 epochs completed in ...", "Validating .../best.pt") is not an epoch's; a training
 * started again under a new header (a notebook's second fit) is a run of its own.
 */
import { IngestError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** The training header: "Epoch GPU_mem" and the losses' names, then the counts (Instances, Size; YOLOv5 before
 * 7.0: "gpu_mem box obj cls total labels img_size"). */
const TRAIN_HEADER = /^\s*Epoch\s+GPU_mem\s+((?:\w+\s+){0,12}?)(?:Instances|labels|targets)\s+(?:Size|img_size)\s*$/i;
/** Found anywhere in the text with a row right under it, the header says the layout (a notebook prints setup lines
 * above it; a text that only quotes the header is no console). The row may be any drawing of the next line: saved
 * from the raw stream (`> log`, nohup, tee) it follows a carriage return, after tqdm's first drawing ("  0%|  | 0/32"). */
const SNIFF = /^[ \t]*Epoch[ \t]+GPU_mem[ \t]+\w[^\n]*\n(?:[^\n]*\r)?[ \t]*\d{1,6}\/\d{1,6}[ \t]+\d/im;
/** A row's first cells: "1/20" and the memory ("10.1G", "0G"); numbers follow, up to the progress bar's ':' */
const EPOCH_CELL = /^(\d{1,6})\/\d{1,6}$/;
const MEMORY_CELL = /^\d{1,6}(?:\.\d{1,6})?[GM]?$/;
const VAL_HEADER = /^\s*Class\s+Images\s+(?:Instances|Labels|Targets)\s/i;
const CLS_HEADER = /^\s*classes\s+top1_acc\s+top5_acc\b/;
/** training is over: what follows validates the best weights */
const DONE = /^\s*(?:\d+ epochs? completed in\b|Validating\s)/;
/** "Box(P R mAP50 mAP50-95)", "Mask(P", "Box(P)": a task's group of scores */
const GROUP = /\b(Box|Mask|Pose)\(([^)]*)\)?/g;
const TASK_SUFFIX: Record<string, string> = { Box: 'B', Mask: 'M', Pose: 'P' };
const SCORE_NAMES: Record<string, string> = {
  P: 'precision',
  R: 'recall',
  mAP50: 'mAP50',
  'mAP50-95': 'mAP50-95',
  'mAP@.5': 'mAP50',
  'mAP@.5:.95': 'mAP50-95',
};

export function looksLikeYoloConsole(text: string): boolean {
  return SNIFF.test(text);
}

interface Epoch {
  n: number;
  vals: Map<string, number>;
  /** printed under YOLOv5's header (an objectness loss): its rows count from 0 */
  v5: boolean;
}

/** YOLOv5's losses (box, obj, cls; v8 and later print dfl instead of obj). */
const V5_LOSS = /\bobj(?:_loss)?\b/i;

/** The validation header's score names, as results.csv writes them. */
function scoreNames(spec: string): string[] {
  const names: string[] = [];
  // the header's own columns run on inside the group: "Box(P          R      mAP50  mAP50-95)"
  for (const g of spec.matchAll(GROUP)) {
    for (const s of g[2].trim().split(/\s+/)) {
      const name = SCORE_NAMES[s];
      if (name) names.push(`metrics/${name}(${TASK_SUFFIX[g[1]]})`);
    }
  }
  if (names.length > 0) return names;
  // YOLOv5: "Class Images Instances P R mAP50 mAP50-95" (before 7.0: "Labels ... mAP@.5 mAP@.5:.95"), the box's
  for (const tok of spec.trim().split(/\s+/).slice(3)) {
    const name = Object.hasOwn(SCORE_NAMES, tok.replace(/:$/, '')) ? SCORE_NAMES[tok.replace(/:$/, '')] : undefined;
    if (!name) break;
    names.push(`metrics/${name}(B)`);
  }
  return names;
}

/** A header's loss name as results.csv writes it: "box_loss", and YOLOv5's "box" or "total" (the sum). */
function lossName(name: string): string {
  return `train/${/loss/i.test(name) ? name : name.toLowerCase() === 'total' ? 'loss' : `${name}_loss`}`;
}

/** The cells of a drawing before its progress bar ("... 79 640: 100%|███| 298/298"). */
function cellsOf(seg: string): string[] {
  const colon = seg.indexOf(':');
  return (colon < 0 ? seg : seg.slice(0, colon)).trim().split(/\s+/);
}

function numbers(cells: string[]): number[] | undefined {
  const out: number[] = [];
  for (const c of cells) {
    const v = parseNumber(c);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

export function parseYoloConsole(lines: string[], limits: Limits): RawLog {
  const runs: Epoch[][] = [];
  let losses: string[] = [];
  let v5 = false;
  let scores: string[] = [];
  let cur: Epoch | undefined;
  let rows = 0;
  /** after "N epochs completed": the best weights' validation, until a training starts again */
  let done = false;
  for (const line of lines) {
    // a progress bar's drawings of one row, separated by carriage returns: each is read, the last stands
    for (const seg of line.length > 4000 ? [] : line.split('\r')) {
      if (DONE.test(seg)) done = true;
      const head = TRAIN_HEADER.exec(seg);
      if (head) {
        losses = head[1].trim().split(/\s+/).filter(Boolean).map(lossName);
        v5 = V5_LOSS.test(head[1]);
        done = false;
        continue;
      }
      if (done) continue;
      if (VAL_HEADER.test(seg) || CLS_HEADER.test(seg)) {
        scores = VAL_HEADER.test(seg) ? scoreNames(seg) : ['metrics/accuracy_top1', 'metrics/accuracy_top5'];
        continue;
      }
      const cells = cellsOf(seg);
      const epoch = EPOCH_CELL.exec(cells[0]);
      if (epoch && losses.length > 0 && MEMORY_CELL.test(cells[1] ?? '')) {
        const vals = numbers(cells.slice(2));
        if (!vals || vals.length < losses.length) continue;
        const n = +epoch[1];
        if (!cur || n !== cur.n) {
          const run = runs.at(-1);
          cur = { n, vals: new Map(), v5 };
          if (!run || n < run[run.length - 1].n) runs.push([cur]);
          else run.push(cur);
          if (++rows > limits.maxRows)
            throw new IngestError('too_many_rows', `The log has more than ${limits.maxRows} epochs.`);
        }
        losses.forEach((name, k) => cur!.vals.set(name, vals[k]));
        continue;
      }
      if (cells[0] === 'all' && cur && scores.length > 0) {
        const vals = numbers(cells.slice(1));
        // detection's row starts with its image and instance counts: the scores are the last numbers
        if (vals && vals.length >= scores.length)
          scores.forEach((name, k) => cur!.vals.set(name, vals[vals.length - scores.length + k]));
      }
    }
  }
  return finish(runs, rows);
}

function finish(runs: Epoch[][], rows: number): RawLog {
  if (rows === 0)
    throw new IngestError('unrecognised', 'The YOLO console holds no epoch rows under its "Epoch GPU_mem ..." header.');
  return {
    format: 'ultralytics-csv',
    runs: runs.map(toRun),
    rows,
    warnings: [
      {
        code: 'yolo_console',
        message:
          "Read as Ultralytics YOLO's console: the training losses per epoch and the validation's scores " +
          "(precision, recall, mAP); the console prints no validation losses (the run's results.csv, or results.txt before YOLOv5 6.0, has them).",
      },
    ],
  };
}

/** A training's epochs as a run: YOLOv5's rows count from 0 ("0/299", as its results.txt does), v8's from 1; a
 * resumed v5 run ("50/299" first) counts from 0 too, as its header says. */
function toRun(epochs: Epoch[]): RawRun {
  const from0 = epochs[0].v5 || epochs[0].n === 0;
  const cols = new Map<string, RawColumn>();
  for (const e of epochs)
    for (const [name, v] of e.vals) {
      let c = cols.get(name);
      if (!c) cols.set(name, (c = { name, x: [], y: [] }));
      c.x.push(e.n + (from0 ? 1 : 0));
      c.y.push(v);
    }
  return { xAxis: 'epoch', ...(from0 ? { epochNumbering: 'from0' as const } : {}), columns: [...cols.values()] };
}
