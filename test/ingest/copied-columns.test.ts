/**
 * A loss column holding an accuracy's values at every point (ingest/copies.ts): the copy is told by the other split
 * and not judged, with a `copied_column` warning; the diagnosis no longer reads an accuracy that climbs under a loss's
 * name as a validation loss that rose. And `bce`, binary cross-entropy by its abbreviation, is a cross-entropy's name,
 * as `ce` is.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { canonicalName } from '../../src/ingest/names.js';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const N = 20;
const acc = (i: number) => 0.9 - 0.4 * Math.exp(-i / 4);
const valAcc = (i: number) => 0.88 - 0.35 * Math.exp(-i / 4) + (i % 3 === 0 ? 0.004 : -0.003);
const loss = (i: number) => 0.2 + 1.5 * Math.exp(-i / 4);
const table = (cols: Record<string, (i: number) => number>) =>
  [
    Object.keys(cols).join(','),
    ...Array.from({ length: N }, (_, i) =>
      Object.values(cols)
        .map((f) => f(i).toFixed(6))
        .join(','),
    ),
  ].join('\n');
const kinds = (log: ReturnType<typeof ingest>) => Object.fromEntries(log.runs[0].series.map((s) => [s.key, s.kind]));
const warning = (log: ReturnType<typeof ingest>) => log.warnings.find((w) => w.code === 'copied_column')?.message;

describe('a loss column that copies an accuracy column', () => {
  it('val_loss equal to val_acc, rising as the training accuracy does: val_loss is the copy, not judged', () => {
    const log = readValid(table({ acc, val_acc: valAcc, loss, val_loss: valAcc }));
    expect(kinds(log)).toMatchObject({ val_loss: 'other', val_accuracy: 'accuracy', loss: 'loss' });
    expect(warning(log)).toBe(
      '"val_loss" holds the same values as "val_acc" at every point: the file saved one column twice; they move as ' +
        'the other split\'s accuracy does, so "val_loss" is read as the copy and not judged.',
    );
    const d = diagnose(log);
    expect(d.pattern).not.toBe('overfitting');
    expect(d.reasons.join(' ')).not.toMatch(/val_loss/);
  });

  it('val_acc equal to val_loss, falling as the training loss does: val_acc is the copy', () => {
    const valLoss = (i: number) => 0.25 + 1.4 * Math.exp(-i / 4) + (i % 2 ? 0.002 : 0);
    const log = readValid(table({ acc, val_acc: valLoss, loss, val_loss: valLoss }));
    expect(kinds(log)).toMatchObject({ val_loss: 'loss', val_accuracy: 'other' });
    expect(warning(log)).toMatch(/"val_acc" is read as the copy and not judged\.$/);
    // nor drawn or scored as the run's validation accuracy
    expect(diagnose(log).series.val_metric).toBeUndefined();
  });

  it('runs appended one after another say it once', () => {
    const one = table({ epoch: (i) => i, acc, val_acc: valAcc, loss, val_loss: valAcc });
    const log = readValid(`${one}\n${one.split('\n').slice(1).join('\n')}`);
    expect(log.runs).toHaveLength(2);
    expect(log.runs.every((r) => r.series.find((s) => s.key === 'val_loss')?.kind === 'other')).toBe(true);
    expect(log.warnings.filter((w) => w.code === 'copied_column')).toHaveLength(1);
  });

  it('with no other split to tell them apart, neither is judged', () => {
    const log = readValid(table({ val_acc: valAcc, val_loss: valAcc }));
    expect(kinds(log)).toMatchObject({ val_loss: 'other', val_accuracy: 'other' });
    expect(warning(log)).toMatch(/which is the copy cannot be told: neither is judged\.$/);
  });

  it('a stuck copy drifting by a few thousandths decides nothing: neither is judged', () => {
    for (const drift of [-0.003, 0.003]) {
      const stuck = (i: number) => 0.5 + (i % 2 ? 0.004 : -0.004) + (i >= 14 ? drift : 0);
      const log = readValid(table({ acc, val_acc: stuck, loss, val_loss: stuck }));
      expect(kinds(log)).toMatchObject({ val_loss: 'other', val_accuracy: 'other' });
      expect(warning(log)).toMatch(/neither is judged\.$/);
    }
  });

  it('a high accuracy copied into val_loss still moves clearly: 0.975 -> 0.991 is most of what was left', () => {
    const high = (i: number) => 0.99 - 0.015 * Math.exp(-i / 4) + (i % 2 ? 0.0003 : 0);
    const log = readValid(table({ acc, val_acc: high, loss, val_loss: high }));
    expect(kinds(log)).toMatchObject({ val_loss: 'other', val_accuracy: 'accuracy' });
  });

  it('columns that agree only in places, or are constant, are no copies', () => {
    const partly = (i: number) => (i < 10 ? valAcc(i) : valAcc(i) + 0.01);
    expect(warning(readValid(table({ acc, val_acc: valAcc, loss, val_loss: partly })))).toBeUndefined();
    const flat = () => 0.5;
    expect(warning(readValid(table({ acc, val_acc: flat, loss, val_loss: flat })))).toBeUndefined();
  });
});

describe('bce', () => {
  it('is binary cross-entropy on either split', () => {
    expect(canonicalName('train_bce')).toMatchObject({ key: 'binary_crossentropy', split: 'train', kind: 'error' });
    expect(canonicalName('val_bce')).toMatchObject({ key: 'val_binary_crossentropy', split: 'val', kind: 'error' });
    const log = readValid(table({ train_bce: loss, val_bce: (i) => loss(i) + 0.05 }));
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('val_bce beside a train_loss is the validation curve, as val_ce is', () => {
    const rising = (i: number) => 0.4 + (i - 10) ** 2 / 150;
    const d = diagnose(readValid(table({ train_loss: loss, val_bce: rising })));
    expect(d.series.val).toBe('val_binary_crossentropy');
    expect(d.pattern).toBe('overfitting');
  });
});
