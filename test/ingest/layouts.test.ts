/**
 * Files whose layout, not a header, says what the numbers are (session 17, from the seventh wild batch):
 * YOLO's headerless results.txt, lines of a counter, a name and a value (build-nanogpt), columns named for a
 * model's parts in a file named for losses, and an unnamed column that climbs like an accuracy.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { accuracyCurve } from '../../src/ingest/formats/headerless.js';
import { counterLines } from '../../src/ingest/formats/counter-lines.js';
import { resolveLimits } from '../../src/ingest/limits.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName?: string) => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const keys = (log: ReturnType<typeof ingest>) => log.runs.at(-1)!.series.map((s) => s.key);
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key)?.y;

/** A yolov3 results.txt line as train.py wrote it: '%10s' * 2 + '%10.3g' * 13. */
const yoloLine = (e: number, last: number, v: number[]) =>
  [`${e}/${last}`, '0.279G', ...v.map((x) => x.toPrecision(3))].map((c) => c.padStart(10)).join('');
const yoloRow = (e: number) => {
  const f = Math.exp(-e / 3);
  // box obj cls total targets img P R mAP F1 val-box val-obj val-cls
  return [
    4 * f + 2,
    5 * f + 2,
    3 * f + 0.2,
    12 * f + 4.2,
    31,
    416,
    0.1 + e / 50,
    0.3,
    0.08 + e / 40,
    0.1,
    3 * f + 2.5,
    4 * f + 2.6,
    f + 0.1,
  ];
};

describe("YOLO's headerless results.txt (yolov3, yolov5)", () => {
  it('reads the training losses with their total, the validation losses summed, and the scores', () => {
    const text = Array.from({ length: 10 }, (_, e) => yoloLine(e, 9, yoloRow(e))).join('\n');
    const log = read(text, 'results.txt');
    expect(log.format).toBe('ultralytics-csv');
    expect(keys(log)).toEqual(
      expect.arrayContaining(['box_loss', 'loss', 'val_box_loss', 'val_loss', 'val_precision', 'val_recall']),
    );
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ys(log, 'loss')![0]).toBe(16.2);
    // the validation total is the sum of its parts (3 decimals of each written value)
    expect(ys(log, 'val_loss')![0]).toBeCloseTo(5.5 + 6.6 + 1.1, 6);
    expect(log.warnings.map((w) => w.code)).toContain('yolo_results_txt');
    // neither the targets, the image size nor the ambiguous fourth score is a series
    expect(log.runs[0].series).toHaveLength(11);
    // a restart (the epoch goes back) is a run of its own; --format yolo reads it too
    const twice = text + '\n' + text;
    expect(read(twice).runs).toHaveLength(2);
    expect(ingest(text, { format: 'yolo' }).runs[0].series).toHaveLength(11);
  });

  it('a line of another layout among the rows is named, not read', () => {
    const text = [0, 1, 2].map((e) => yoloLine(e, 9, yoloRow(e))).join('\n') + '\nTraceback (most recent call last):\n';
    expect(() => ingest(text, { format: 'yolo' })).toThrow(/Line 4 is not a row of a YOLO results.txt/);
    // 14 cells whose fourth is no whole count (the total kept, the targets dropped), or no "E/N" first cell: not
    // this layout
    const noTargets = (e: number) => [...yoloRow(e).slice(0, 4), ...yoloRow(e).slice(5)];
    expect(() => ingest(yoloLine(0, 9, noTargets(0)), { format: 'yolo' })).toThrow(IngestError);
    expect(() => ingest(yoloLine(0, 9, yoloRow(0)).replace('0/9', 'ep0'), { format: 'yolo' })).toThrow(IngestError);
  });

  it('reads the three parts printed without their total (14 cells), the total as their sum', () => {
    const noTotal = (e: number) => [...yoloRow(e).slice(0, 3), ...yoloRow(e).slice(4)];
    const text = Array.from({ length: 10 }, (_, e) => yoloLine(e, 9, noTotal(e))).join('\n');
    const log = read(text, 'results.txt');
    expect(log.format).toBe('ultralytics-csv');
    expect(keys(log)).toEqual(
      expect.arrayContaining(['box_loss', 'loss', 'val_box_loss', 'val_loss', 'val_precision', 'val_recall']),
    );
    // the training total is derived from the written parts (3 significant digits each), as the validation's is
    expect(ys(log, 'loss')![0]).toBeCloseTo(6 + 7 + 3.2, 6);
    expect(ys(log, 'val_loss')![0]).toBeCloseTo(5.5 + 6.6 + 1.1, 6);
    expect(ys(log, 'val_precision')![5]).toBeCloseTo(0.2, 6);
    expect(log.warnings.find((w) => w.code === 'yolo_results_txt')?.message).toMatch(
      /14 cells \(yolov5, no header\): box, obj and cls losses printed without their total/,
    );
    // an image size that is no multiple of the stride is no count: not this layout
    const odd = (e: number) => [...noTotal(e).slice(0, 4), 417, ...noTotal(e).slice(5)];
    expect(() => ingest(yoloLine(0, 9, odd(0)), { format: 'yolo' })).toThrow(IngestError);
    // only yolov5's 14 cells: 13 (two parts and their total) or 17 cells with the counts after three parts are no
    // layout a yolov3/yolov5 line writes
    const thirteen = [0.5, 0.4, 0.9, 12, 640, 0.1, 0.2, 0.3, 0.4, 0.5, 0.4];
    expect(() => ingest(yoloLine(0, 9, thirteen), { format: 'yolo' })).toThrow(IngestError);
    const seventeen = (e: number) => [...noTotal(e).slice(0, 9), 0.05, 0.06, 0.07, ...noTotal(e).slice(9)];
    expect(() => ingest(yoloLine(0, 9, seventeen(0)), { format: 'yolo' })).toThrow(IngestError);
  });
});

describe("forks' results.txt: more loss parts or scores in the same layout", () => {
  // a rotated-box fork: box obj cls angle total, targets img, P R mAP@0.5 mAP@0.5:0.95, val box obj cls angle
  const angleRow = (e: number) => {
    const f = Math.exp(-e / 3);
    const parts = [0.05 * f + 0.02, 0.02 * f + 0.01, 0, 0.3 * f + 0.05];
    const total = parts.reduce((a, v) => a + v, 0);
    return [...parts, total, 17, 640, 0.5 + e / 40, 0.4, 0.3 + e / 50, 0.2, 0.04 * f + 0.03, 0.02, 0, 0.2 * f + 0.1];
  };

  it('reads a fifth loss part and its validation twin when the total is their sum', () => {
    const text = Array.from({ length: 8 }, (_, e) => yoloLine(e, 7, angleRow(e))).join('\n');
    const log = read(text, 'results.txt');
    expect(keys(log)).toEqual(
      expect.arrayContaining(['box_loss', 'part4_loss', 'loss', 'val_part4_loss', 'val_loss', 'val_m_ap50']),
    );
    // the validation total sums the four parts (the last four cells), never a score
    const last = angleRow(0)
      .slice(-4)
      .reduce((a, v) => a + +v.toPrecision(3), 0);
    expect(ys(log, 'val_loss')![0]).toBeCloseTo(last, 6);
    expect(ys(log, 'loss')![0]).toBe(+angleRow(0)[4].toPrecision(3));
    expect(log.warnings.find((w) => w.code === 'yolo_results_txt')?.message).toMatch(
      /17 cells .* 4 loss parts \(box, obj, cls, part4\) .* The other score is left out/,
    );
  });

  it('reads an extra score before the validation losses (16 cells)', () => {
    const row = (e: number) => [...yoloRow(e).slice(0, 10), 0.05, ...yoloRow(e).slice(10)];
    const text = Array.from({ length: 8 }, (_, e) => yoloLine(e, 7, row(e))).join('\n');
    const log = read(text, 'results.txt');
    expect(log.runs[0].series).toHaveLength(11);
    expect(ys(log, 'val_box_loss')![2]).toBe(+yoloRow(2)[10].toPrecision(3));
    expect(ys(log, 'val_recall')![0]).toBe(0.3);
  });

  it('a line whose total is not the sum of its parts, or a count that is not whole, is not this layout', () => {
    const off = (e: number) => [
      ...yoloRow(e).slice(0, 3),
      yoloRow(e)[3] * 1.5,
      ...yoloRow(e).slice(4, 10),
      0.05,
      ...yoloRow(e).slice(10),
    ];
    const lines = (row: (e: number) => number[]) =>
      Array.from({ length: 6 }, (_, e) => yoloLine(e, 5, row(e))).join('\n');
    expect(() => ingest(lines(off), { format: 'yolo' })).toThrow(IngestError);
    const fractional = (e: number) => [
      ...yoloRow(e).slice(0, 4),
      31.5,
      ...yoloRow(e).slice(5, 10),
      0.05,
      ...yoloRow(e).slice(10),
    ];
    expect(() => ingest(lines(fractional), { format: 'yolo' })).toThrow(IngestError);
    // a later line of another width is named
    const text =
      lines((e) => [...yoloRow(e).slice(0, 10), 0.05, ...yoloRow(e).slice(10)]) + '\n' + yoloLine(6, 9, yoloRow(6));
    expect(() => ingest(text, { format: 'yolo' })).toThrow(
      /Line 7 is not a row of a YOLO results.txt \("epoch\/last memory" and 14 numbers\)/,
    );
    // two layouts fit (box + obj = cls, and box + obj + cls = the next cell): no guess
    const both = [1, 1, 2, 4, 3, 640, 0.5, 0.4, 0.3, 0.2, 0.1, 0.9, 0.8, 0.7];
    expect(() =>
      ingest(
        lines(() => both),
        { format: 'yolo' },
      ),
    ).toThrow(IngestError);
    // five parts, their total and two counts leave one score: too few for the four every line writes
    const few = [0.1, 0.2, 0.3, 0.1, 0.2, 0.9, 12, 640, 0.5, 0.1, 0.2, 0.3, 0.1, 0.2];
    expect(() =>
      ingest(
        lines(() => few),
        { format: 'yolo' },
      ),
    ).toThrow(IngestError);
    // yolov5-face: box obj cls landmark total, the counts, the four scores, then val box obj cls (no landmark):
    // read as four parts each side it would sum mAP@0.5:0.95 into the validation loss; no layout fits it
    const face = [0.05, 0.02, 0, 0.3, 0.37, 17, 640, 0.5, 0.4, 0.3, 0.2, 0.04, 0.02, 0];
    expect(() =>
      ingest(
        lines(() => face),
        { format: 'yolo' },
      ),
    ).toThrow(IngestError);
  });
});

describe('lines of a counter, a name and a value', () => {
  const nanogpt = [
    '0 val 10.9310',
    '0 hella 0.2413',
    ...Array.from({ length: 250 }, (_, i) => `${i} train ${(10.9 - 3 * (1 - Math.exp(-i / 60))).toFixed(6)}`),
    '250 val 8.1234',
    '250 hella 0.2490',
    ...Array.from({ length: 250 }, (_, i) => `${i + 250} train ${(7.8 - 0.5 * (1 - Math.exp(-i / 60))).toFixed(6)}`),
    '499 val 7.6012',
  ];

  it("build-nanogpt's log.txt: train and val are the split's losses, on a step axis", () => {
    const log = read(nanogpt.join('\n'));
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    expect(keys(log).sort()).toEqual(['hella', 'loss', 'val_loss']);
    expect(run.series.find((s) => s.key === 'val_loss')!.x).toEqual([0, 250, 499]);
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /"val" as the validation loss, "train" as the training loss/,
    );
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('a counter that goes back starts a run; every name per epoch is an epoch axis from 0', () => {
    const epochs = (n: number) =>
      Array.from({ length: n }, (_, e) => [`${e} train_loss ${(1 / (e + 1)).toFixed(4)}`, `${e} val_loss 0.9`]).flat();
    const log = read([...epochs(6), ...epochs(8)].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.runs[1].xAxis).toBe('epoch');
    expect(log.runs[1].series[0].x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('one line of another shape leaves the text to the printed-log reader', () => {
    expect(counterLines(nanogpt, resolveLimits())?.runs).toHaveLength(1);
    expect(counterLines(['step 0 loss 10.9', ...nanogpt.slice(2, 40)], resolveLimits())).toBeUndefined();
    expect(counterLines(nanogpt.slice(2, 5), resolveLimits())).toBeUndefined(); // too few lines to tell
  });

  it('a batch counter that restarts every epoch is left to the printed-log reader; a rising split keeps its name', () => {
    const batches = Array.from({ length: 5 }, (_, e) =>
      Array.from({ length: 20 }, (_, i) => `${i} loss ${(1 / (e * 20 + i + 1) + 0.1).toFixed(4)}`),
    ).flat();
    expect(counterLines(batches, resolveLimits())).toBeUndefined();
    expect(ingest(batches.join('\n')).runs.at(-1)!.series[0].x).toHaveLength(100);
    const evalAcc = Array.from({ length: 20 }, (_, i) => [
      `${i} train ${(1 / (i + 1) + 0.2).toFixed(4)}`,
      `${i} eval ${(0.5 + i / 50).toFixed(3)}`,
    ]).flat();
    expect(keys(read(evalAcc.join('\n'))).sort()).toEqual(['eval', 'loss']);
  });
});

describe("columns named for a model's parts in a file named for losses", () => {
  const table = [
    'epoch,train_total,val_total,train_cls,val_cls',
    ...Array.from({ length: 8 }, (_, i) => {
      const f = Math.exp(-i / 3);
      return `${i + 1},${(10 * f + 1).toFixed(3)},${(8 * f + 2).toFixed(3)},${(6 * f + 0.2).toFixed(3)},${(5 * f + 0.5).toFixed(3)}`;
    }),
  ].join('\n');

  it('losses.csv: they are losses, the total is the monitored one, and a warning says why', () => {
    const log = read(table, 'logs/losses.csv');
    const total = log.runs[0].series.find((s) => s.name === 'train_total')!;
    expect(total.kind).toBe('loss');
    expect(ys(log, 'loss')).toEqual(total.y); // the total, not the sum of total and cls
    expect(log.warnings.find((w) => w.code === 'losses_by_file_name')?.message).toMatch(
      /"train_total", "val_total", "train_cls", "val_cls" name no metric; read as losses because the file is named losses\.csv/,
    );
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('another file name, a named metric beside them, or columns without a split: left as they are', () => {
    expect(read(table, 'metrics.csv').runs[0].series.every((s) => s.kind === 'other')).toBe(true);
    expect(read(table, 'lossless_codec.csv').runs[0].series[0].kind).toBe('other');
    const named = table.replace('train_cls', 'train_acc');
    expect(read(named, 'losses.csv').runs[0].series.find((s) => s.name === 'train_total')!.kind).toBe('other');
    // models side by side (ResNet, VGG): which is which cannot be told
    // a count beside them is no loss
    const counted = read(table.replace('val_cls', 'val_samples'), 'losses.csv');
    expect(counted.runs[0].series.find((s) => s.name === 'val_samples')!.kind).toBe('other');
    const models = table.replace('train_total,val_total,train_cls,val_cls', 'ResNet,VGG,DenseNet,ViT');
    expect(read(models, 'losses.csv').runs[0].series.every((s) => s.kind === 'other')).toBe(true);
  });
});

describe('a printed table under a rule, its time cell with the unit apart', () => {
  it('"Epoch  Train Loss  ...  Time" then "-----" then rows ending "0.55    s": read; the closing rule ends it', () => {
    const rows = Array.from({ length: 12 }, (_, i) => {
      const e = i === 0 ? 1 : i * 10;
      const l = 2.4 - 0.09 * i;
      return [
        String(e),
        l.toFixed(4),
        (0.27 + i / 50).toFixed(4),
        (l + 0.05).toFixed(4),
        (0.25 + i / 50).toFixed(4),
        '0.55',
        's',
      ]
        .map((c, k) => (k === 6 ? c : c.padEnd(k === 5 ? 8 : 13)))
        .join('');
    });
    const text = [
      'Configuration:',
      '  Epochs: 110',
      '',
      'Epoch        Train Loss   Train Acc    Test Loss    Test Acc     Time    ',
      '-'.repeat(70),
      ...rows,
      '-'.repeat(70),
      '',
      'Training completed in 76.25 seconds (1.27 minutes)',
    ].join('\n');
    const log = read(text);
    // the test columns are the held-out curve: no validation series beside them
    expect(keys(log)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    expect(log.runs[0].series[2].name).toBe('Test Loss');
    expect(log.runs[0].series[0].x).toHaveLength(12);
    expect(log.runs[0].series[0].x.slice(0, 3)).toEqual([1, 10, 20]);
  });
});

describe('an unnamed column that climbs like an accuracy', () => {
  const climb = Array.from({ length: 40 }, (_, i) => +(85 - 38 * Math.exp(-i / 8) + (i % 3) * 0.3).toFixed(2));

  it('"epoch,value" rising 47 -> 85 and levelling off is an accuracy in percent, said so', () => {
    const log = read(climb.map((v, i) => `${i + 1},${v}`).join('\n'));
    const acc = log.runs[0].series[0];
    expect([acc.key, acc.kind]).toEqual(['accuracy', 'accuracy']);
    expect(acc.y[0]).toBeCloseTo(climb[0] / 100, 6);
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(/training accuracy \(it climbs/);
    expect(read(climb.join('\n')).runs[0].series[0].kind).toBe('accuracy');
  });

  it('a loss that jumps up (diverging), speeds up, or falls first stays the loss it was read as', () => {
    expect(accuracyCurve(climb)).toBe(true);
    const jump = Array.from({ length: 20 }, (_, i) => (i < 10 ? 0.3 - i * 0.005 : 2.3));
    const speeds = Array.from({ length: 20 }, (_, i) => 0.2 + 0.002 * i * i);
    const overfit = Array.from({ length: 20 }, (_, i) => 0.5 + 0.004 * (i - 6) ** 2);
    const over100 = climb.map((v) => v * 10);
    // losses that rise to a level and stay, low on both scales
    const sat = (a: number, b: number) =>
      Array.from({ length: 30 }, (_, i) => +(a + (b - a) * (1 - Math.exp(-i / 5))).toFixed(4));
    const [toLn2, gan, kl, small] = [sat(0.3, 0.69), sat(0.7, 2.5), sat(1, 15), sat(1, 1.4)];
    for (const y of [jump, speeds, overfit, over100, toLn2, gan, kl, small]) {
      expect(accuracyCurve(y)).toBe(false);
      expect(read(y.map((v, i) => `${i + 1},${v}`).join('\n')).runs[0].series[0].kind).toBe('loss');
    }
  });
});

describe('a headerless counter that starts again every epoch (iterations printed inside an epoch loop)', () => {
  /** 5 epochs of 4 printed iterations (1, 101, 201, 301), the loss going on from where it was. */
  const loss = (e: number, j: number) => 2.3 * Math.exp(-(e * 4 + j) / 8) + 0.05 * ((e + j) % 2);
  const text = (rounds: number, at: (e: number, j: number) => number) =>
    Array.from({ length: rounds }, (_, e) => [1, 101, 201, 301].map((c, j) => `${c}\t${at(e, j).toFixed(6)}`))
      .flat()
      .join('\r\n');

  it('reads each round as an epoch, its rows placed evenly inside it', () => {
    const log = read(text(5, loss));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].rowsWithinEpochs).toBe(true);
    const s = log.runs[0].series.find((x) => x.key === 'loss')!;
    expect(s.x.slice(0, 5)).toEqual([0.25, 0.5, 0.75, 1, 1.25]);
    expect(s.x.at(-1)).toBe(5);
    expect(s.y[4]).toBe(+loss(1, 0).toFixed(6));
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /counts 1, 101, \.\.\. again 5 times: it is read as the iteration within each of 5 epochs/,
    );
  });

  it('refuses rounds that start back at the first value (relaunches) or count from different starts', () => {
    const relaunched = text(4, (_e, j) => loss(0, j));
    expect(() => ingest(relaunched)).toThrow(/no header row/);
    const shifted = text(4, loss).replace(/^1\t/m, '7\t');
    expect(() => ingest(shifted)).toThrow(/no header row/);
  });
});

describe('a headerless value before its counter (`f.write(f"{loss} {step}\\n")`)', () => {
  const loss = (i: number) => 1.02 * Math.exp(-i / 12) + 0.02 * ((i * 7) % 3);
  const lines = (f: (i: number) => number) => Array.from({ length: 30 }, (_, i) => `${f(i).toFixed(6)} ${i * 100}`);

  it('reads the falling value as the training loss at each step, and says which column is which', () => {
    const log = read(lines(loss).join('\n') + '\n');
    const s = log.runs[0].series.find((x) => x.key === 'loss')!;
    expect(log.runs[0].xAxis).toBe('step');
    expect(s.x.slice(0, 3)).toEqual([0, 100, 200]);
    expect(s.y[1]).toBe(+loss(1).toFixed(6));
    expect(log.warnings.find((w) => w.code === 'unnamed_series')?.message).toMatch(
      /its second column is read as a step counter and its first as the training loss/,
    );
  });

  it('a value that neither falls like a loss nor climbs like an accuracy is not named (a timing, a count)', () => {
    expect(() => ingest(lines((i) => 50.5 + 10 * i).join('\n') + '\n')).toThrow(IngestError);
  });
});

describe('a total loss among its parts, named with how it was pooled over the epoch', () => {
  it('reads loss_total_avg (or mean_total_loss) as the loss, not as one more part to sum', () => {
    for (const [a, b, total] of [
      ['loss_source_avg', 'loss_distill_avg', 'loss_total_avg'],
      ['mean_source_loss', 'mean_distill_loss', 'mean_total_loss'],
    ]) {
      const rows = [0, 1, 2, 3, 4, 5].map((e) => `${e},${7.8 - 0.3 * e},${4.3 - 0.4 * e},${12.1 - 0.7 * e}`);
      const log = read([`epoch,${a},${b},${total}`, ...rows].join('\n'));
      const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
      expect(loss.name).toBe(total);
      expect(loss.y[0]).toBe(12.1);
    }
  });

  it('columns named by a split alone ("train,test") with no metric named are their losses, test as the held-out curve', () => {
    const rows = Array.from(
      { length: 20 },
      (_, e) => `${(1 / (e + 2)).toExponential(6)},${(0.6 + (e - 8) ** 2 / 200).toExponential(6)}`,
    );
    const log = read(['train,test', ...rows].join('\n'));
    // they were two series of no kind: not assessable
    expect(keys(log)).toEqual(['loss', 'val_loss']);
    expect(diagnose(log).pattern).toBe('overfitting');
    // a column that names a metric leaves a bare split column as it is
    expect(keys(read(['loss,test', ...rows].join('\n')))).not.toContain('val_loss');
  });

  it('models side by side, each loss beside its own accuracy, are not summed into one loss', () => {
    const rows = [1, 2, 3, 4, 5, 6].map(
      (e) => `${e},${(1.8 / e).toFixed(4)},${70 + e},${(1.4 / e).toFixed(4)},${55 + e}`,
    );
    const log = read(
      ['epoch,mobilenetv2_loss,mobilenetv2_accuracy,squeezenet_loss,squeezenet_accuracy', ...rows].join('\n'),
    );
    // their sum was read as the run's loss
    expect(keys(log)).not.toContain('loss');
    expect(diagnose(log).series.train).toBe('mobilenetv2_loss');
    // parts of one model's loss (no accuracy of their own) are still summed
    const parts = read(
      [
        'epoch,box_loss,cls_loss,accuracy',
        ...[1, 2, 3, 4, 5, 6].map((e) => `${e},${1.8 / e},${1.4 / e},${0.5 + e / 20}`),
      ].join('\n'),
    );
    expect(keys(parts)).toContain('loss');
  });
});
