import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  downsample,
  ema,
  effectiveWeight,
  thinMarks,
  valueAt,
  wantsLogScale,
  LOG_SCALE_DECADES,
} from '../../src/render/data.js';
import { formatLogTick, formatValue, formatX, subtitle, title } from '../../src/render/text.js';
import { makeDiagnosis } from './helpers.js';

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);

describe('downsample', () => {
  it('keeps every point (and NaN positions) when short', () => {
    const d = downsample([1, 2, 3, 4], [0.5, NaN, 0.2, Infinity], 10);
    expect(d.points).toEqual([
      { x: 1, y: 0.5 },
      { x: 2, y: null },
      { x: 3, y: 0.2 },
      { x: 4, y: null },
    ]);
    expect(d.nonFiniteX).toEqual([2, 4]);
  });

  it('bounds the output, keeps global extremes, every non-finite x, and x order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 400 }),
        (ys, maxPoints) => {
          const xs = ys.map((_, i) => i + 1);
          const d = downsample(xs, ys, maxPoints);
          const finite = ys.filter(Number.isFinite);
          const buckets = Math.floor(maxPoints / 2);
          expect(d.points.length).toBeLessThanOrEqual(Math.max(ys.length <= maxPoints ? ys.length : 0, buckets * 3));
          expect(d.nonFiniteX).toEqual(xs.filter((_, i) => !Number.isFinite(ys[i])));
          if (finite.length > 0) {
            const plotted = d.points.map((p) => p.y).filter((v): v is number => v !== null);
            expect(Math.max(...plotted)).toBe(Math.max(...finite));
            expect(Math.min(...plotted)).toBe(Math.min(...finite));
          }
          for (let i = 1; i < d.points.length; i++) expect(d.points[i].x).toBeGreaterThan(d.points[i - 1].x);
          // a NaN inside the data always leaves a gap
          if (d.nonFiniteX.length > 0) expect(d.points.some((p) => p.y === null)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('ema', () => {
  it('is debiased (a constant stays constant) and skips non-finite values', () => {
    expect([...ema([2, 2, 2, 2], 0.6)]).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 12)));
    const s = ema([1, NaN, 1], 0.6);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(1, 12);
  });
  it('follows TensorBoard: second value is the debiased weighted mean', () => {
    const s = ema([0, 1], 0.6);
    // last = 0.4*0 -> 0; then 0.6*0 + 0.4*1 = 0.4; debias 1 - 0.36 = 0.64
    expect(s[1]).toBeCloseTo(0.4 / 0.64, 12);
  });
  it('raises the weight for long series so smoothing is per plotted point', () => {
    expect(effectiveWeight(0.6, 100)).toBe(0.6);
    expect(effectiveWeight(0.6, 2000)).toBe(0.6);
    expect(effectiveWeight(0.6, 1_000_000)).toBeGreaterThan(0.99);
    expect(effectiveWeight(0, 1_000_000)).toBe(0);
  });
});

describe('log scale decision', () => {
  it(`is true only for positive values spanning more than ${LOG_SCALE_DECADES} decades`, () => {
    expect(wantsLogScale(0.5, 1000, 0.5)).toBe(true);
    expect(wantsLogScale(0.5, 40, 0.5)).toBe(false);
    expect(wantsLogScale(-1, 1000, 0.5)).toBe(false);
    expect(wantsLogScale(0, 1000, 0.001)).toBe(false);
  });
});

describe('marks helpers', () => {
  it('thins close marks and finds values', () => {
    expect(thinMarks([1, 2, 3, 10, 10.5, 30], 5)).toEqual([1, 10, 30]);
    expect(valueAt([1, 2, 3], [5, 6, 7], 2.2)).toBe(6);
    expect(valueAt([1, 2, 3], [5, NaN, 7], 2)).toBeUndefined();
  });
});

describe('text', () => {
  it('formats values and ticks compactly', () => {
    expect(formatValue(0.23149)).toBe('0.231');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(1234567)).toBe('1.23e6');
    expect(formatX(1_000_000)).toBe('1M');
    expect(formatX(25_000)).toBe('25k');
    expect(formatLogTick(0.001)).toBe('0.001');
    expect(formatLogTick(300)).toBe('');
    expect(formatLogTick(500)).toBe('500');
  });
  it('titles with verdict and confidence, subtitles with the number that matters', () => {
    const d = makeDiagnosis({
      pattern: 'overfitting',
      confidence: 0.87,
      evidence: { points: 100, x_axis: 'epoch', best_x: 23, best_val: 0.2311, last_x: 100 },
    });
    expect(title(d)).toBe('Overfitting · 87%');
    expect(subtitle(d, { val: 'val_loss' })).toBe('best val_loss 0.231 at epoch 23 of 100');
    const u = makeDiagnosis({
      pattern: 'unstable',
      evidence: { points: 50, x_axis: 'step', first_non_finite_x: 37000 },
    });
    expect(subtitle(u, { lastX: 50000 })).toBe('first NaN/inf at step 37k of 50k');
    const g = makeDiagnosis({ evidence: { points: 30, x_axis: 'epoch', val_last: 0.2, last_x: 30 } });
    expect(subtitle(g, { val: 'val_loss' })).toBe('final val_loss 0.2 at epoch 30');
  });
});
