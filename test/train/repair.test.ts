import { describe, expect, it } from 'vitest';
import { preset } from '../../src/train/presets.js';
import { compare, repair, type RunSummary } from '../../src/train/repair.js';
import type { Diagnosis } from '../../src/diagnose/index.js';
import { applyFix } from '../../src/train/index.js';

const dx = (
  pattern: Diagnosis['pattern'],
  evidence: Diagnosis['evidence'] = { points: 50, x_axis: 'epoch' },
  findings: Diagnosis['findings'] = [],
) => ({ pattern, evidence, findings });

describe('repair', () => {
  it('overfitting: dropout, early stopping with restore, fewer units', () => {
    const r = repair(
      preset('overfit'),
      dx('overfitting', { points: 100, x_axis: 'epoch', best_x: 30, suggested_patience: 6, val_rise_after_best: 0.2 }),
    );
    expect(r.config.model.lstm[0]).toMatchObject({ units: 64, dropout: 0.2 });
    expect(r.config.fit.early_stopping).toMatchObject({ restore_best: true, patience: 20 });
    expect(r.changes.map((c) => c.path)).toEqual([
      'model.lstm[0].dropout',
      'model.lstm[0].units',
      'fit.early_stopping',
    ]);
    const fast = repair(
      { ...preset('overfit'), optimizer: { ...preset('overfit').optimizer, lr: 0.01 } },
      dx('overfitting'),
    );
    expect(fast.config.optimizer.lr).toBeCloseTo(0.003, 10);
    const severe = repair(
      preset('overfit'),
      dx('overfitting', { points: 100, x_axis: 'epoch', val_rise_after_best: 2 }),
    );
    expect(severe.config.model.lstm[0]).toMatchObject({ units: 32, dropout: 0.3 });
    expect(r.changes.every((c) => c.why.length > 10)).toBe(true);
  });

  it('overfitting on few windows of a dataset that has more: more data and dropout, the same units and step', () => {
    const base = {
      ...preset('overfit'),
      data: { ...preset('overfit').data, dataset: 'noisy_sine' as const, samples: 150 },
      optimizer: { ...preset('overfit').optimizer, lr: 0.01 },
    };
    const r = repair(base, dx('overfitting', { points: 60, x_axis: 'epoch', best_x: 8, val_rise_after_best: 1.1 }));
    expect(r.config.data.samples).toBe(600);
    expect(r.config.model.lstm[0]).toMatchObject({ units: base.model.lstm[0].units, dropout: 0.3 });
    expect(r.config.optimizer.lr).toBe(0.01);
    expect(r.changes.map((c) => c.path)).toEqual(['model.lstm[0].dropout', 'data.samples', 'fit.early_stopping']);
  });

  it('unstable: lr x0.1, clipvalue 1.0, scaling', () => {
    const r = repair(preset('unstable'), dx('unstable'));
    expect(r.config.optimizer.lr).toBeCloseTo(0.05, 10);
    expect(r.config.optimizer.clipvalue).toBe(1);
    expect(r.config.data.scaling).toBe('standard');
  });

  it('underfitting: more capacity, higher lr, more epochs', () => {
    const base = preset('underfit');
    const r = repair(base, dx('underfitting'));
    expect(r.config.model.lstm[0].units).toBeGreaterThan(base.model.lstm[0].units);
    expect(r.config.optimizer.lr).toBeGreaterThan(base.optimizer.lr);
    expect(r.config.fit.epochs).toBeGreaterThan(base.fit.epochs);
  });

  it('high variance: more data, early stopping, an averaged ensemble', () => {
    const base = preset('high_variance');
    const r = repair(base, dx('high_variance'));
    expect(r.config.fit.early_stopping?.restore_best).toBe(true);
    expect(r.config.fit.ensemble).toBe(3);
    const paths = r.changes.map((c) => c.path);
    if (base.data.dataset !== 'random') expect(paths).toContain('data.samples');
  });

  it('good fit: nothing to change', () => {
    const r = repair(preset('ideal'), dx('good_fit'));
    expect(r.changes).toEqual([]);
    expect(r.summary).toMatch(/nothing to change/);
  });

  it('compares before and after in original units', () => {
    const s = (pattern: RunSummary['pattern'], v: number): RunSummary => ({
      pattern,
      confidence: 0.9,
      best_val_loss: v,
      best_val_loss_orig: v,
      best_epoch: 1,
      epochs_run: 10,
      ms_total: 1,
    });
    expect(compare(s('overfitting', 1), s('good_fit', 1.05)).verdict).toBe('fixed');
    expect(compare(s('overfitting', 1), s('good_fit', 1.5)).verdict).toBe('traded');
    expect(compare(s('overfitting', 1), s('overfitting', 0.5)).verdict).toBe('improved');
    expect(compare(s('overfitting', 1), s('overfitting', 1.02)).verdict).toBe('unchanged');
    expect(compare(s('overfitting', 1), s('overfitting', 2)).verdict).toBe('worse');
    expect(compare(s('unstable', NaN), s('underfitting', 3)).verdict).toBe('improved');
  });

  it('apply-fix on the unstable preset retrains and reports a verdict', async () => {
    const f = await applyFix(preset('unstable'), undefined, { inline: true });
    expect(f.before.diagnosis.pattern).toBe('unstable');
    expect(f.repair.changes.length).toBeGreaterThan(0);
    expect(['fixed', 'improved']).toContain(f.comparison.verdict);
  }, 120_000);
});
