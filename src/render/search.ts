/**
 * A search's progress chart: the best val_loss found so far after each trial, one step line per
 * sampler (TPE, and random search when both ran on the same budget), with the trials that were
 * pruned marked on the TPE line. Plain data in (numbers per trial), a PNG out.
 */
import type { LineSpec, PanelSpec } from './chart.js';
import { wantsLogScale } from './data.js';
import { compose } from './layout/panels.js';
import { resolveCommon, type RenderOptions } from './options.js';
import { lineOf, prepare, rangeOf, type Prepared } from './series/prepare.js';
import { formatValue } from './text.js';

export interface SearchCurve {
  label: string;
  /** best val_loss so far after trial 1, 2, ... (non-finite: nothing trained yet) */
  bestSoFar: number[];
}

/** Best-so-far val_loss vs trial, one line per sampler; at most 4 curves. */
export async function renderSearchProgress(curves: SearchCurve[], options: RenderOptions = {}): Promise<Buffer> {
  if (curves.length === 0 || curves.length > 4) throw new Error('renderSearchProgress: 1 to 4 curves');
  const { theme, width, s } = resolveCommon(options);
  const prepared: Prepared[] = [];
  const lines: LineSpec[] = [];
  let xMax = 1;
  curves.forEach((c, i) => {
    const x = c.bestSoFar.map((_, k) => k + 1);
    const y = c.bestSoFar.map((v) => (Number.isFinite(v) ? v : NaN));
    const p = prepare([{ x, y }], 0);
    prepared.push(p);
    const last = y.filter(Number.isFinite).at(-1);
    const label = `${c.label}${last !== undefined ? `: ${formatValue(last)}` : ''}`;
    lines.push(lineOf(label, theme.runs[i % theme.runs.length], p, { dots: true }));
    xMax = Math.max(xMax, x.length);
  });
  const r = rangeOf(prepared);
  const spec: PanelSpec = {
    kind: 'loss',
    height: options.height ?? Math.round(460 * s),
    yTitle: 'best val_loss so far',
    lines,
    annotations: {},
    logScale: wantsLogScale(r.min, r.max, r.minPositive),
    title: options.title ?? 'Best val_loss so far, per trial',
    subtitle:
      curves.length > 1 ? 'the same trial budget for each search' : 'the lowest best val_loss of any trial so far',
    bottom: true,
    xTitle: 'trial',
    xMin: 1,
    xMax: Math.max(2, xMax),
    legend: true,
  };
  return (await compose([spec], width, theme, s, 0, options.stack)).png;
}
