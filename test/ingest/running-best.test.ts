/**
 * A running best logged beside its curve (`best_val_loss`, `best_acc`, `eval/best_loss`, `best_score_so_far`: seven
 * labelled real logs carry one) is a record, never worse than before, not a curve. Read as a metric it was a second
 * training curve: an eval-only log was "overfitting: val_loss rose while best_val_loss kept falling".
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

/** A validation loss that falls to its best at epoch 11 and climbs after it, with a little noise. */
const val = Array.from({ length: 20 }, (_, i) => +(0.3 + 0.5 * 0.8 ** (i + 1) + 0.01 * (i + 1)).toFixed(4));
const runningMin = (ys: number[]) => ys.map((_, i) => Math.min(...ys.slice(0, i + 1)));
const runningMax = (ys: number[]) => ys.map((_, i) => Math.max(...ys.slice(0, i + 1)));

const csv = (cols: Record<string, number[]>) => {
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  return [
    ['epoch', ...names].join(','),
    ...Array.from({ length: n }, (_, i) => [i + 1, ...names.map((k) => cols[k][i])].join(',')),
  ].join('\n');
};

const read = (text: string) => {
  const log = ingest(text, { fileName: 'metrics.csv' });
  expect(checkLog(log)).toEqual([]);
  return log;
};

describe('a running best beside the curve it tracks', () => {
  it('an eval-only log with its best_val_loss is the validation curve alone, the record not judged', () => {
    const log = read(csv({ val_loss: val, best_val_loss: runningMin(val) }));
    const best = log.runs[0].series.find((s) => s.name === 'best_val_loss')!;
    expect(best.kind).toBe('other');
    expect(log.warnings.find((w) => w.code === 'running_best')!.message).toBe(
      '"best_val_loss" is a running best (never worse than before: the best value so far), a record rather than a curve: not judged.',
    );
    const d = diagnose(log);
    // before: "val_loss was best at epoch 11 and rose 12% after it while best_val_loss kept falling"
    expect(d.series.train).toBeUndefined();
    expect(d.series.val).toBe('val_loss');
    expect(d.headline).not.toContain('best_val_loss');
    expect(d.pattern).toBe('overfitting');
  });

  it('records of accuracies and scores rise or hold (best_acc, val_acc_best, best_score_so_far), and several are named once', () => {
    const acc = val.map((v) => +(1 - v).toFixed(4));
    const log = read(
      csv({
        loss: val.map((v) => +(v * 0.8).toFixed(4)),
        accuracy: acc,
        best_acc: runningMax(acc),
        val_acc_best: runningMax(acc),
        best_score_so_far: runningMax(acc),
      }),
    );
    const kinds = Object.fromEntries(log.runs[0].series.map((s) => [s.name, s.kind]));
    expect(kinds).toMatchObject({ accuracy: 'accuracy', best_acc: 'other', val_acc_best: 'other' });
    expect(kinds.best_score_so_far).toBe('other');
    const warned = log.warnings.filter((w) => w.code === 'running_best');
    expect(warned).toHaveLength(1);
    expect(warned[0].message).toContain('"best_acc", "val_acc_best", "best_score_so_far" are running bests');
  });

  it('a metric the name qualifies that gets worse is measured each epoch, and keeps its reading (edge_best_f1)', () => {
    const f1 = val.map((v) => +(1 - v).toFixed(4)); // rises, then falls after epoch 11
    const log = read(csv({ loss: val, val_edge_best_f1: f1 }));
    expect(log.runs[0].series.find((s) => s.name === 'val_edge_best_f1')!.kind).toBe('score');
    expect(log.warnings.some((w) => w.code === 'running_best')).toBe(false);
  });

  it('never worse is not enough: a short healthy run whose best-threshold F1 rises every epoch keeps its reading', () => {
    const f1 = [0.41, 0.48, 0.55, 0.6, 0.64, 0.68, 0.71, 0.73];
    const log = read(csv({ loss: f1.map((v) => +(1.2 - v).toFixed(4)), val_best_f1: f1 }));
    expect(log.runs[0].series.find((s) => s.name === 'val_best_f1')!.kind).toBe('score');
    expect(log.warnings.some((w) => w.code === 'running_best')).toBe(false);
    // the same values logged as another series' best so far are that record, though they never hold
    const tracked = read(
      csv({ val_loss: f1.map((v) => +(1.2 - v).toFixed(4)), best_val_loss: f1.map((v) => +(1.2 - v).toFixed(4)) }),
    );
    expect(tracked.runs[0].series.find((s) => s.name === 'best_val_loss')!.kind).toBe('other');
  });

  it('a file of appended runs names its records once', () => {
    const one = csv({ val_loss: val, best_val_loss: runningMin(val) });
    const log = read(`${one}\n${one.split('\n').slice(1).join('\n')}`);
    expect(log.runs).toHaveLength(2);
    expect(log.warnings.filter((w) => w.code === 'running_best')).toHaveLength(1);
  });

  it('a lower-is-better record that holds for a while then improves is one; a name with no record word is not', () => {
    const held = [0.9, 0.9, 0.7, 0.7, 0.7, 0.5, 0.5, 0.45];
    expect(read(csv({ loss: held, best_loss: held })).runs[0].series.map((s) => s.kind)).toEqual(['loss', 'other']);
    // a curve that only falls, named plainly, is a curve: nothing is read into its values alone
    expect(read(csv({ loss: held, val_loss: held })).runs[0].series.map((s) => s.kind)).toEqual(['loss', 'loss']);
    // too short to show it only improves
    expect(read(csv({ loss: [0.9, 0.8], best_loss: [0.9, 0.8] })).runs[0].series.map((s) => s.kind)).toEqual([
      'loss',
      'loss',
    ]);
  });
});
