/** Ultralytics YOLO's console (formats/yolo-console.ts): the training losses per epoch and the validation's scores. */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { advise } from '../../src/advise/index.js';
import { checkPython } from '../advise/helpers.js';
import { checkLog } from './helpers/ingest-worker.js';

const pad = (s: string | number, w = 11) => String(s).padStart(w);
const bar = (done: number, total: number) =>
  `: ${pad(Math.round((100 * done) / total), 3)}%|${'█'.repeat(Math.round((10 * done) / total)).padEnd(10)}| ${done}/${total} [00:10<00:00,  3.1it/s]`;
const loss = (e: number, a: number) => (a / (1 + 0.3 * e)).toFixed(4);

/** YOLOv8's detection (or segmentation) console for `epochs` epochs, each row redrawn by its bar, then the final validation. */
function v8(epochs: number, opts: { seg?: boolean; redraws?: boolean; raw?: boolean } = {}): string {
  const names = opts.seg ? ['box_loss', 'seg_loss', 'cls_loss', 'dfl_loss'] : ['box_loss', 'cls_loss', 'dfl_loss'];
  const valHead = opts.seg
    ? 'Box(P          R      mAP50  mAP50-95)     Mask(P          R      mAP50  mAP50-95)'
    : 'Box(P          R      mAP50  mAP50-95)';
  const out = [
    'Ultralytics YOLOv8.0.20 🚀 Python-3.10.12 torch-2.0.1+cu118 CUDA:0 (Tesla T4, 15102MiB)',
    'Starting training for 12 epochs...',
    '',
  ];
  for (let e = 1; e <= epochs; e++) {
    out.push(`${pad('Epoch')}${pad('GPU_mem')}${names.map((n) => pad(n)).join('')}${pad('Instances')}${pad('Size')}`);
    const row = (done: number) =>
      `${pad(`${e}/${epochs}`)}${pad('2.51G')}${names.map((_, k) => pad(loss(e, 1 + k))).join('')}${pad(45)}${pad(640)}${bar(done, 32)}`;
    // saved from the raw stream (`> log`, nohup, tee), a row follows tqdm's first drawing, before its description
    const first = opts.raw ? `  0%|          | 0/32 [00:00<?, ?it/s]\r` : '';
    out.push(first + (opts.redraws || opts.raw ? [8, 16, 32].map(row).join('\r') : row(32)));
    out.push(`${pad('Class', 22)}${pad('Images')}${pad('Instances')}      ${valHead}${bar(4, 4)}`);
    const scores = (opts.seg ? 8 : 4) as number;
    out.push(
      `${pad('all', 22)}${pad(100)}${pad(450)}${Array.from({ length: scores }, (_, k) => pad((0.3 + 0.02 * e + k / 100).toFixed(3))).join('')}`,
    );
    out.push('');
  }
  out.push(
    `${epochs} epochs completed in 0.120 hours.`,
    'Optimizer stripped from runs/detect/train/weights/last.pt, 6.2MB',
  );
  out.push('Validating runs/detect/train/weights/best.pt...');
  out.push(`${pad('Class', 22)}${pad('Images')}${pad('Instances')}      ${valHead}`);
  out.push(`${pad('all', 22)}${pad(100)}${pad(450)}${pad(0.99)}${pad(0.99)}${pad(0.99)}${pad(0.99)}`);
  out.push(`${pad('person', 22)}${pad(100)}${pad(200)}${pad(0.5)}${pad(0.5)}${pad(0.5)}${pad(0.5)}`);
  return out.join('\n');
}

const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y;

describe("Ultralytics YOLO's console", () => {
  it('a row per epoch (its last drawing), the losses with their sum, the scores from the epoch\'s "all" row', () => {
    for (const opts of [{}, { redraws: true }, { raw: true }]) {
      const log = ingest(v8(12, opts));
      expect(checkLog(log)).toEqual([]);
      expect(log.format).toBe('ultralytics-csv');
      expect(log.warnings.map((w) => w.code)).toContain('yolo_console');
      const run = log.runs[0];
      expect(log.runs).toHaveLength(1);
      expect(run.series.find((s) => s.key === 'box_loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(ys(log, 'cls_loss')![11]).toBe(+loss(12, 2));
      // the best weights' validation after training is not epoch 12's
      expect(ys(log, 'val_m_ap50-95')![11]).toBeCloseTo(0.3 + 0.24 + 0.03, 6);
      expect(ys(log, 'loss')![0]).toBeCloseTo(+loss(1, 1) + +loss(1, 2) + +loss(1, 3), 6);
    }
    // it was refused; the advice points to the run's results.csv for the validation losses the console leaves out
    const log = ingest(v8(12));
    expect(diagnose(log).series.train).toBe('loss');
    const first = advise(diagnose(log), log).strategies.find((s) => s.id === 'add_validation')!;
    expect(first.title).toBe("Send the run's results.csv");
    expect(first.why).toContain('runs/detect/train/results.csv');
    expect(first.why).toContain('val/box_loss, val/cls_loss and val/dfl_loss');
    expect(first.code.tfkeras).toContain("pd.read_csv('runs/detect/train/results.csv')");
    for (const c of checkPython([first.code.tfkeras])) expect(c).toMatchObject({ ok: true, undefined: [] });
    // the overall score is shown beside the loss, not the precision that comes first in the row
    expect(diagnose(log).series.val_metric).toBe('val_m_ap50');
  });

  it("segmentation's Box and Mask scores, YOLOv5's bare scores, and classification's top-1", () => {
    const seg = ingest(v8(8, { seg: true }));
    expect(seg.runs[0].series.map((s) => s.key)).toEqual(expect.arrayContaining(['seg_loss', 'val_m_ap50-95']));
    expect(seg.runs[0].series.filter((s) => /precision/.test(s.key))).toHaveLength(2);
    const v5 = [
      '      Epoch    GPU_mem   box_loss   obj_loss   cls_loss  Instances       Size',
      ...Array.from({ length: 6 }, (_, e) => [
        `      ${e}/5      3.17G    ${loss(e, 0.08)}    ${loss(e, 0.05)}    ${loss(e, 0.03)}         38        640: 100%|██████████| 8/8`,
        '                 Class     Images  Instances          P          R      mAP50   mAP50-95: 100%|██████████| 4/4',
        `                   all        128        929      0.678      0.612      ${(0.5 + e / 50).toFixed(3)}      0.439`,
      ]).flat(),
    ].join('\n');
    const five = ingest(v5);
    expect(ys(five, 'obj_loss')).toHaveLength(6);
    // YOLOv5 counts epochs from 0, as its results.txt does
    expect(five.runs[0].epochNumbering).toBe('from0');
    expect(five.runs[0].series[0].x[0]).toBe(1);
    expect(ys(five, 'val_m_ap50')![5]).toBeCloseTo(0.6, 6);
    // YOLOv5 keeps its results.csv under runs/train/exp, with an objectness loss; segmentation under runs/segment
    const v5Advice = advise(diagnose(five), five).strategies.find((s) => s.id === 'add_validation')!;
    expect(v5Advice.why).toContain('runs/train/exp/results.csv');
    expect(v5Advice.why).toContain('val/box_loss, val/obj_loss and val/cls_loss');
    // YOLOv5 before 6.0 (and yolov3) print the losses' total too and write a headerless results.txt
    const old = ingest(
      v5
        .replace(
          'box_loss   obj_loss   cls_loss  Instances       Size',
          'box        obj        cls      total     labels   img_size',
        )
        .replace(/(\d\.\d{4})(\s+38\s)/g, '$1    0.1000$2'),
    );
    const oldAdvice = advise(diagnose(old), old).strategies.find((s) => s.id === 'add_validation')!;
    expect(oldAdvice.title).toBe("Send the run's results.txt");
    expect(oldAdvice.why).toContain('runs/train/exp/results.txt');
    expect(oldAdvice.why).not.toContain('val/loss');
    for (const c of checkPython([oldAdvice.code.tfkeras])) expect(c).toMatchObject({ ok: true, undefined: [] });
    const segAdvice = advise(diagnose(seg), seg).strategies.find((s) => s.id === 'add_validation')!;
    expect(segAdvice.code.tfkeras).toContain("'runs/segment/train/results.csv'");
    // a resumed YOLOv5 run starts at its checkpoint's epoch ("50/299"), still counted from 0 as its header says
    const resumed = ingest(v5.replace(/ (\d)\/5 /g, (_, e: string) => ` ${50 + +e}/299 `));
    expect(resumed.runs[0].epochNumbering).toBe('from0');
    expect(resumed.runs[0].series[0].x[0]).toBe(51);
    const cls = [
      '      Epoch    GPU_mem       loss  Instances       Size',
      ...Array.from({ length: 6 }, (_, e) => [
        `       ${e + 1}/6     0.797G      ${loss(e, 2)}         16        224: 100%|██████████| 20/20`,
        '               classes   top1_acc   top5_acc: 100%|██████████| 3/3',
        `                   all      ${(0.6 + e / 20).toFixed(3)}      0.995`,
      ]).flat(),
    ].join('\n');
    const c = ingest(cls);
    expect(ys(c, 'loss')).toHaveLength(6);
    expect(c.runs[0].series.find((s) => /top1/.test(s.key))!.y[5]).toBeCloseTo(0.85, 6);
  });

  it('a header with no rows under it is no console; a training started again is a run of its own', () => {
    expect(() => ingest('      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size\n')).toThrow(
      IngestError,
    );
    // a notebook that trains twice: the first training's end and its best weights' validation, then a second one
    const twice = ingest(`${v8(3)}\n${v8(6)}`);
    expect(twice.runs.map((r) => r.series.find((x) => x.key === 'box_loss')!.y.length)).toEqual([3, 6]);
    // a text that only quotes the header (a README) is no console
    const quoted = ['      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size', ''];
    for (let e = 1; e <= 8; e++)
      quoted.push(`Epoch ${e}/8 - loss: ${(1 / e).toFixed(4)} - val_loss: ${(1.1 / e).toFixed(4)}`);
    expect(ingest(quoted.join('\n')).format).not.toBe('ultralytics-csv');
  });
});
