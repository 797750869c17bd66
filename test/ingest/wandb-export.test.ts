/**
 * A Weights & Biases chart exported with "Download CSV": `<run> - <metric>` columns with their __MIN/__MAX
 * bands, one or several runs side by side, on the chart's x axis. And W&B's Keras names (`epoch/val_loss`).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { canonicalName, isBookkeeping } from '../../src/ingest/names.js';
import { triage } from '../../src/pipeline.js';
import { checkLog } from './helpers/ingest-worker.js';

const q = (cells: (string | number)[]) => cells.map((c) => `"${c}"`).join(',');
/** A run's falling val loss at epoch i (0-based), a little different per run. */
const val = (run: number, i: number) => +(0.85 + 0.17 * Math.exp(-i / 2.5) + 0.01 * run).toFixed(6);

function exportOf(x: string, runs: string[], metric: string, rows: number[], lengths: number[]): string {
  const header = [x, ...runs.flatMap((r) => [`${r} - ${metric}`, `${r} - ${metric}__MIN`, `${r} - ${metric}__MAX`])];
  const lines = rows.map((xv, i) =>
    q([xv, ...runs.flatMap((_, k) => (i < lengths[k] ? Array(3).fill(val(k, i)) : ['', '', '']))]),
  );
  return [q(header), ...lines].join('\n');
}

describe('a W&B chart export', () => {
  it('reads one run on its step axis, its bands left out, its metric named as W&B logged it', () => {
    const steps = Array.from({ length: 8 }, (_, i) => 339 + 340 * i);
    const log = ingest(exportOf('Step', ['fluent-oath-59'], 'epoch/val_loss', steps, [8]), {
      fileName: 'val_loss.csv',
    });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.label).toBe('fluent-oath-59');
    expect(run.xAxis).toBe('step');
    // one series: the val loss (no sum of the value and its bands, no band series)
    expect(run.series.map((s) => s.key)).toEqual(['val_loss']);
    expect(run.series[0].x).toEqual(steps);
    expect(run.series[0].y[0]).toBe(val(0, 0));
    expect(log.warnings.find((w) => w.code === 'wandb_export')?.message).toMatch(/1 run\(s\) \(fluent-oath-59\)/);
  });

  it('makes every run side by side a run of its own, the newest (highest number) last, each with its own length', () => {
    // W&B lists the newest run first; an epoch x axis counted from 0
    const text = exportOf(
      'epoch/epoch',
      ['elated-capybara-104', 'divine-pond-103', 'spring-sunset-102'],
      'epoch/val_loss',
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 9, 8],
    );
    const log = ingest(text, { fileName: 'val_loss.csv' });
    expect(checkLog(log)).toEqual([]);
    expect(log.runs.map((r) => r.label)).toEqual([
      expect.stringContaining('spring-sunset-102'),
      expect.stringContaining('divine-pond-103'),
      expect.stringContaining('elated-capybara-104'),
    ]);
    expect(log.runs.map((r) => r.series[0].y.length)).toEqual([8, 9, 10]);
    expect(log.runs[2].series[0].x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(log.runs[2].epochNumbering).toBe('from0');
    // the newest run is diagnosed alone (runs over the same epochs are other models, not one resumed training)
    const result = triage(text, { fileName: 'val_loss.csv' });
    expect(result.runsFound).toBe(3);
    expect(result.diagnosis.evidence.points).toBe(10);
  });

  it('reads rows in order, numbered by position, when the step goes back; says nothing of order without numbers', () => {
    const text = exportOf('Step', ['mine', 'theirs'], 'loss', [1, 2, 3, 1, 2, 3], [6, 6]);
    const log = ingest(text);
    expect(log.runs[0].xAxis).toBe('epoch');
    expect(log.runs[0].epochNumbering).toBe('position');
    expect(log.runs[0].series[0].x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.runs.map((r) => r.label)).toEqual([expect.stringContaining('mine'), expect.stringContaining('theirs')]);
    expect(log.warnings.find((w) => w.code === 'wandb_export')?.message).not.toMatch(/ordered by the number/);
  });

  it('leaves tables that only look alike to the table readers (no band column, or a column naming no run)', () => {
    const plain = 'epoch,a - loss,b - loss\n0,1.0,1.1\n1,0.8,0.9\n2,0.7,0.8\n3,0.6,0.7\n4,0.5,0.6\n';
    const log = ingest(plain);
    expect(log.warnings.map((w) => w.code)).not.toContain('wandb_export');
  });
});

describe("W&B's Keras callback names", () => {
  it('reads epoch/ and batch/ as the unit a metric was logged per', () => {
    expect(canonicalName('epoch/val_loss')).toMatchObject({ key: 'val_loss', split: 'val', granularity: 'epoch' });
    expect(canonicalName('batch/accuracy')).toMatchObject({ key: 'accuracy', split: 'train', granularity: 'step' });
    expect(isBookkeeping('epoch/epoch')).toBe(true);
    expect(isBookkeeping('batch/batch_step')).toBe(true);
    expect(isBookkeeping('epoch/val_loss')).toBe(false);
  });
});
