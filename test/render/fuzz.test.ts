// Property: any TrainingLog the schema allows (odd values, empty / one-point series, several runs)
// with any marks renders to a valid PNG of the requested size, without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATTERNS } from '../../src/diagnose/schema.js';
import { renderWithLayout } from '../../src/render/index.js';
import { logFromRuns } from '../../src/render/synthetic.js';
import { decode, makeDiagnosis } from './helpers.js';

const value = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 1e-12, max: 1e12, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e300, 5e-324) },
);
const column = fc.array(value, { minLength: 0, maxLength: 120 });
const run = fc.record({
  columns: fc.record(
    { loss: column, val_loss: column, accuracy: column, val_accuracy: column, lr: column },
    { requiredKeys: [] },
  ),
  xAxis: fc.constantFrom('epoch' as const, 'step' as const),
});
const mark = fc.double({ min: -50, max: 300, noNaN: true });

describe('render fuzz', () => {
  it('renders any log with any marks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(run, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...PATTERNS),
        fc.record({ best_x: fc.option(mark, { nil: undefined }), overfit_from_x: fc.option(mark, { nil: undefined }) }),
        fc.array(mark, { maxLength: 5 }),
        fc.array(mark, { maxLength: 5 }),
        fc.constantFrom('dark' as const, 'light' as const),
        async (runs, pattern, best, nonFinite, spikes, theme) => {
          const log = logFromRuns(runs);
          const d = makeDiagnosis({
            pattern,
            run: { index: log.runs.length - 1, count: log.runs.length, label: 'x' },
            series: {},
            marks: { ...best, non_finite_x: nonFinite, spike_x: spikes },
          });
          const { png, layout } = await renderWithLayout(log, d, { theme, width: 600 });
          const p = await decode(png);
          expect(p.width).toBe(600);
          expect(p.height).toBe(layout.height);
        },
      ),
      { numRuns: Number(process.env.RENDER_FUZZ_RUNS ?? 40) },
    );
  }, 120_000);
});

describe('render fuzz finds', () => {
  // chart.js's tick loop never ended on an axis near the bottom of doubles: an lr of 2.5e-323 (seed 2)
  it('renders values near the bottom of doubles (denormals) on a fixed axis', async () => {
    const log = logFromRuns([
      {
        columns: {
          loss: [1.2e-170, 1.9e-48, 6.7e-6, 1.4e-12, 1.9e-200, 2.8e-58, 1.4e-61, 0.0015],
          val_loss: [-2.1e-187, -5e-110],
          lr: [2.5e-323],
        },
        xAxis: 'step',
      },
    ]);
    const d = makeDiagnosis({
      pattern: 'high_variance',
      run: { index: 0, count: 1, label: 'x' },
      series: {},
      marks: { best_x: 4.4e-323, non_finite_x: [], spike_x: [] },
    });
    const { png, layout } = await renderWithLayout(log, d, { theme: 'dark', width: 600 });
    expect((await decode(png)).height).toBe(layout.height);
    const lrOnly = logFromRuns([{ columns: { lr: [1e-320, 1e-316, 3e-318] }, xAxis: 'epoch' }]);
    expect((await decode((await renderWithLayout(lrOnly, d, { width: 400 })).png)).width).toBe(400);
  });
});
