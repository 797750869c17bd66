/** The team's trend chart: a real PNG at the asked width for any finite or non-finite values; bad input refused. */
import { expect, test } from 'vitest';
import { renderTrend, MAX_TREND_POINTS } from '../../src/render/index.js';
import { decode } from './helpers.js';

test('renders each run and the best so far at the asked width', async () => {
  const values = [0.9, 0.7, 0.8, 0.5, NaN, 0.55, 0.42, 0.6];
  const png = await renderTrend(
    values.map((value) => ({ value })),
    { width: 640 },
  );
  const p = await decode(png);
  expect(p.width).toBe(640);
  expect(p.height).toBeGreaterThan(200);
});

test('one run, all-NaN runs, higher-is-better metrics and the cap', async () => {
  expect((await decode(await renderTrend([{ value: 0.3 }], { width: 400 }))).width).toBe(400);
  expect((await decode(await renderTrend([{ value: NaN }, { value: Infinity }], { width: 400 }))).width).toBe(400);
  const acc = await renderTrend([{ value: 0.6 }, { value: 0.8 }], {
    width: 400,
    metric: 'val_accuracy',
    lowerIsBetter: false,
  });
  expect((await decode(acc)).width).toBe(400);
  await expect(renderTrend([])).rejects.toThrow(/no points/);
  await expect(renderTrend(Array.from({ length: MAX_TREND_POINTS + 1 }, () => ({ value: 1 })))).rejects.toThrow(
    /at most/,
  );
});
