/**
 * The team's experiment trend: the best val_loss of each stored run, oldest first (x = experiment
 * number), as dots, with the team's best so far as a step line. Plain data in (one number per run),
 * a PNG out; /best draws it from the memory store's trend query.
 */
import type { LineSpec, PanelSpec } from './chart.js';
import { wantsLogScale } from './data.js';
import { compose } from './layout/panels.js';
import { resolveCommon, type RenderOptions } from './options.js';
import { lineOf, prepare, rangeOf } from './series/prepare.js';
import { formatValue } from './text.js';

export interface TrendPoint {
  /** the run's best value of the metric (non-finite: the run had none; drawn as a gap) */
  value: number;
}

/** at most this many experiments on one chart (the newest are kept by the caller) */
export const MAX_TREND_POINTS = 2000;

/**
 * Each run's best value vs experiment number, plus the best so far. `lowerIsBetter` says which way
 * "best so far" runs (true for losses and errors).
 */
export async function renderTrend(
  points: TrendPoint[],
  options: RenderOptions & { metric?: string; lowerIsBetter?: boolean } = {},
): Promise<Buffer> {
  if (points.length === 0) throw new Error('renderTrend: no points');
  if (points.length > MAX_TREND_POINTS) throw new Error(`renderTrend: at most ${MAX_TREND_POINTS} points`);
  const metric = options.metric ?? 'val_loss';
  const lower = options.lowerIsBetter ?? true;
  const { theme, width, s } = resolveCommon(options);
  const x = points.map((_, k) => k + 1);
  const y = points.map((p) => (Number.isFinite(p.value) ? p.value : NaN));
  let best = NaN;
  const bestSoFar = y.map((v) => {
    if (Number.isFinite(v) && (!Number.isFinite(best) || (lower ? v < best : v > best))) best = v;
    return best;
  });
  const each = prepare([{ x, y }], 0);
  const running = prepare([{ x, y: bestSoFar }], 0);
  const lines: LineSpec[] = [
    lineOf(`each run's best ${metric}`, theme.runs[1 % theme.runs.length], each, { dots: true }),
    lineOf(`team best so far${Number.isFinite(best) ? `: ${formatValue(best)}` : ''}`, theme.runs[0], running),
  ];
  const r = rangeOf([each, running]);
  const spec: PanelSpec = {
    kind: 'loss',
    height: options.height ?? Math.round(460 * s),
    yTitle: `best ${metric}`,
    lines,
    annotations: {},
    logScale: Number.isFinite(r.min) && wantsLogScale(r.min, r.max, r.minPositive),
    title: options.title ?? `Best ${metric} over the team's experiments`,
    subtitle: `${points.length} run${points.length === 1 ? '' : 's'}, oldest first`,
    bottom: true,
    xTitle: 'experiment',
    xMin: 1,
    xMax: Math.max(2, points.length),
    legend: true,
  };
  return (await compose([spec], width, theme, s, 0, options.stack)).png;
}
