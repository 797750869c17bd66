/**
 * MMCV's JSON log (`<timestamp>.log.json`: OpenMMLab 1.x, TextLoggerHook), as its writer writes it: a line of settings,
 * then `mode: train` lines and `mode: val` evaluations. bench/wild71's MMDetection tutorial log had its validation mAP
 * read as a training score (the mode was ignored), and its three launches read as one run.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const series = (log: ReturnType<typeof ingest>, key: string, run = 0) =>
  log.runs[run].series.find((s) => s.key === key);
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const SETTINGS = JSON.stringify({
  env_info: 'sys.platform: linux\nPython: 3.7',
  config: "model = dict(type='FasterRCNN')",
  seed: 0,
});

/** An epoch-based run: `perEpoch` training lines an epoch (every 10 of `ipe` iterations), then its evaluation. */
function epochLog(epochs: number, ipe: number, mAP: (e: number) => number, from = 1): string[] {
  const lines: string[] = [];
  for (const e of range(epochs, from)) {
    for (let iter = 10; iter <= ipe; iter += 10) {
      const loss = 1.2 * Math.exp(-((e - 1) * ipe + iter) / (ipe * 3)) + 0.15;
      lines.push(
        JSON.stringify({
          mode: 'train',
          epoch: e,
          iter,
          lr: 0.02,
          memory: 3938,
          data_time: 0.01,
          loss_cls: loss / 2,
          loss,
          time: 0.6,
        }),
      );
    }
    lines.push(
      JSON.stringify({ mode: 'val', epoch: e, iter: 40, lr: 0.02, bbox_mAP: mAP(e), bbox_mAP_50: mAP(e) + 0.2 }),
    );
  }
  return lines;
}

describe("MMCV's log.json", () => {
  it("reads an evaluation's metrics as the validation set's, at the end of its epoch, and training within the epochs", () => {
    const log = ingest([SETTINGS, ...epochLog(12, 50, (e) => 0.2 + 0.4 * (1 - Math.exp(-e / 3)))].join('\n') + '\n', {
      fileName: '20230101_120000.log.json',
    });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const map = series(log, 'val_bbox_m_ap')!;
    expect(map.split).toBe('val');
    expect(map.x).toEqual(range(12));
    // the evaluation's iter (the validation loader's 40 batches) is no training position
    const loss = series(log, 'loss')!;
    expect(loss.split).toBe('train');
    expect(loss.x.slice(0, 5)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(loss.x.at(-1)).toBe(12);
    // nothing from an evaluation is a training curve
    expect(series(log, 'bbox_m_ap')).toBeUndefined();
    expect(diagnose(log).reasons.join(' ')).toMatch(/val_bbox_m_ap/);
  });

  it('a relaunch from epoch 1 appended to the log is a run of its own, the last one diagnosed', () => {
    const first = epochLog(1, 50, () => 0.2);
    const log = ingest([...first, ...epochLog(8, 50, (e) => 0.2 + e / 20)].join('\n') + '\n');
    expect(log.runs).toHaveLength(2);
    expect(series(log, 'val_bbox_m_ap', 0)!.x).toEqual([1]);
    expect(series(log, 'val_bbox_m_ap', 1)!.x).toEqual(range(8));
    expect(log.warnings.map((w) => w.code)).toContain('multiple_runs');
  });

  it("an iteration-based run (mmseg: the epoch counts passes over the data, the iteration the run's) places each evaluation at the training line before it", () => {
    const lines = [SETTINGS];
    for (const iter of range(40).map((i) => i * 50)) {
      // IterBasedRunner's epoch is its data loader's pass (here every 370 iterations), its iteration global
      const epoch = Math.floor((iter - 1) / 370) + 1;
      lines.push(
        JSON.stringify({
          mode: 'train',
          epoch,
          iter,
          lr: 0.01,
          memory: 4000,
          data_time: 0.01,
          loss: 1.5 / Math.sqrt(iter / 50),
          time: 0.4,
        }),
      );
      if (iter % 400 === 0)
        lines.push(
          JSON.stringify({
            mode: 'val',
            epoch,
            iter: 500,
            lr: 0.01,
            aAcc: 0.8 + iter / 20000,
            mIoU: 0.4 + iter / 10000,
          }),
        );
    }
    const log = ingest(lines.join('\n') + '\n', { fileName: 'None.log.json' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].xAxis).toBe('step');
    expect(series(log, 'val_m_iou')!.x).toEqual([400, 800, 1200, 1600, 2000]);
    expect(series(log, 'loss')!.x.slice(0, 3)).toEqual([50, 100, 150]);
    expect(series(log, 'loss')!.x.at(-1)).toBe(2000);
  });

  it('an evaluation before any training (EvalHook start=0) stands where its epoch began, its own relaunch too', () => {
    const first = JSON.stringify({ mode: 'val', epoch: 1, iter: 40, lr: 0.02, bbox_mAP: 0.01 });
    const log = ingest([SETTINGS, first, ...epochLog(6, 50, (e) => 0.2 + e / 20)].join('\n') + '\n');
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'val_bbox_m_ap')!.x).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // a relaunch that evaluates first: its evaluation opens its run, not the end of the run before
    const again = ingest(
      [...epochLog(3, 50, () => 0.3), first, ...epochLog(5, 50, (e) => 0.2 + e / 20)].join('\n') + '\n',
    );
    expect(again.runs).toHaveLength(2);
    expect(series(again, 'val_bbox_m_ap', 0)!.x).toEqual([1, 2, 3]);
    expect(series(again, 'val_bbox_m_ap', 1)!.x).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is not taken for records with a mode of another kind, or without evaluations', () => {
    // a loop's own records with a mode word that is no split stay as they were read
    const own = range(10).map((e) => JSON.stringify({ mode: 'warmup', epoch: e, iter: e, loss: 1 / e }));
    expect(() => ingest(own.join('\n'))).not.toThrow();
    // training lines alone: read as before, no validation invented
    const trainOnly = epochLog(6, 30, () => 0.3).filter((l) => l.includes('"train"'));
    const log = ingest(trainOnly.join('\n') + '\n');
    expect(log.runs[0].series.every((s) => s.split !== 'val')).toBe(true);
  });
});
