/**
 * Several runs on one chart (/compare, sweeps, `chart FILE...`): each run's validation loss (or
 * training loss when there is no validation) in its own colour, raw faded + smoothed bold, a dot on
 * each run's lowest point, and a metric panel when runs have one.
 */
import type { AnnotationOptions, LineSpec, PanelSpec } from './chart.js';
import { wantsLogScale } from './data.js';
import { bestPointMark, type BestPoint } from './annotations/best-points.js';
import { compose, panelHeights } from './layout/panels.js';
import { MAX_OVERLAY_RUNS, resolveCommon, type ChartLayout, type OverlayItem, type RenderOptions } from './options.js';
import { keysOf, pickLossPair, pickMetricPair } from './series/pick.js';
import { lineOf, prepare, rangeOf, type Prepared } from './series/prepare.js';
import { formatValue, title } from './text.js';
import type { Theme } from './theme.js';

/** The lines of every run, gathered item by item. */
interface Gathered {
  lossLines: LineSpec[];
  metricLines: LineSpec[];
  lossPrepared: Prepared[];
  metricPrepared: Prepared[];
  bestPoints: BestPoint[];
  xMin: number;
  xMax: number;
  axes: Set<string>;
  lossName?: string;
  metricName?: string;
  best?: { label: string; v: number; lower: boolean };
}

/**
 * Several runs on one chart. Up to MAX_OVERLAY_RUNS items; more throw.
 */
export async function renderOverlayWithLayout(
  items: OverlayItem[],
  options: RenderOptions = {},
): Promise<{ png: Buffer; layout: ChartLayout }> {
  if (items.length === 0) throw new Error('renderOverlay: no runs to draw');
  if (items.length > MAX_OVERLAY_RUNS)
    throw new Error(`renderOverlay: at most ${MAX_OVERLAY_RUNS} runs (got ${items.length})`);
  const { theme, width, s, smoothing } = resolveCommon(options);
  const g: Gathered = {
    lossLines: [],
    metricLines: [],
    lossPrepared: [],
    metricPrepared: [],
    bestPoints: [],
    xMin: Infinity,
    xMax: -Infinity,
    axes: new Set<string>(),
  };
  items.forEach((item, i) => gatherItem(g, item, i, items.length, theme, smoothing));
  if (!Number.isFinite(g.xMin)) {
    g.xMin = 0;
    g.xMax = 1;
  }
  if (g.xMax <= g.xMin) g.xMax = g.xMin + 1;
  const kinds: PanelSpec['kind'][] = [];
  if (g.lossLines.length > 0) kinds.push('loss');
  if (g.metricLines.length > 0) kinds.push('metric');
  if (kinds.length === 0) kinds.push('loss');
  const heights = panelHeights(kinds, width, options.height);
  // many runs: the legend wraps to more rows; give the top panel that height back
  if (options.height === undefined && items.length > 3)
    heights[0] += Math.round(Math.ceil((items.length - 3) / 3) * 34 * s);
  const head = headings(g, items.length, options);
  const specs = kinds.map((k, i) => overlaySpec(g, k, i, kinds.length, heights[i], head, theme, s));
  const out = await compose(specs, width, theme, s, 0, options.stack);
  options.onLayout?.(out.layout);
  return out;
}

export async function renderOverlay(items: OverlayItem[], options: RenderOptions = {}): Promise<Buffer> {
  return (await renderOverlayWithLayout(items, options)).png;
}

/** One item's loss line (validation where logged) with its lowest point, and its metric line. */
function gatherItem(g: Gathered, item: OverlayItem, i: number, count: number, theme: Theme, smoothing: number): void {
  const color = theme.runs[i % theme.runs.length];
  const dash = i >= 7 ? [12, 6] : undefined;
  const rawAlpha = count > 4 ? 0.2 : 0.3;
  const ri = item.diagnosis ? Math.min(item.diagnosis.run.index, item.log.runs.length - 1) : item.log.runs.length - 1;
  const run = item.log.runs[ri];
  g.axes.add(run.xAxis);
  const verdict = item.diagnosis && item.diagnosis.pattern !== 'not_assessable' ? ` · ${title(item.diagnosis)}` : '';
  const label = `${item.label}${verdict}`;
  const lp = pickLossPair(run, item.diagnosis);
  const main = lp.val ?? lp.train;
  if (main) {
    const p = prepare([{ x: main.x, y: main.y }], smoothing);
    g.lossPrepared.push(p);
    g.lossLines.push(lineOf(label, color, p, { dash, rawAlpha, dots: count <= 3 }));
    g.lossName ??= main.base;
    g.xMin = Math.min(g.xMin, main.x[0]);
    g.xMax = Math.max(g.xMax, main.x[main.x.length - 1]);
    // each run's best point
    let bi = -1;
    for (let k = 0; k < main.y.length; k++)
      if (Number.isFinite(main.y[k]) && (bi < 0 || main.y[k] < main.y[bi])) bi = k;
    if (bi >= 0) {
      g.bestPoints.push({ x: main.x[bi], y: main.y[bi], color });
      if (!g.best || main.y[bi] < g.best.v) g.best = { label: item.label, v: main.y[bi], lower: true };
    }
  }
  const mp = pickMetricPair(run, item.diagnosis, keysOf(lp));
  const mm = mp.val ?? mp.train;
  if (mm) {
    const p = prepare([{ x: mm.x, y: mm.y }], smoothing);
    g.metricPrepared.push(p);
    g.metricLines.push(lineOf(label, color, p, { dash, rawAlpha, inLegend: !main, dots: count <= 3 }));
    g.metricName ??= mm.base;
    g.xMin = Math.min(g.xMin, mm.x[0]);
    g.xMax = Math.max(g.xMax, mm.x[mm.x.length - 1]);
  }
}

/** Title ("N runs compared" unless given) and subtitle (what is drawn, and the lowest run). */
function headings(g: Gathered, count: number, options: RenderOptions): { title: string; subtitle: string } {
  const specTitle = options.title ?? `${count} run${count === 1 ? '' : 's'} compared`;
  const what = g.lossLines.length > 0 ? `${g.lossName ?? 'loss'} per run (validation where logged), smoothed` : '';
  const sub = [what, g.best ? `lowest: ${g.best.label} ${formatValue(g.best.v)}` : ''].filter(Boolean).join(' · ');
  return { title: specTitle, subtitle: sub };
}

function overlaySpec(
  g: Gathered,
  k: PanelSpec['kind'],
  i: number,
  panels: number,
  height: number,
  head: { title: string; subtitle: string },
  theme: Theme,
  s: number,
): PanelSpec {
  const lines = k === 'loss' ? g.lossLines : g.metricLines;
  const r = rangeOf(k === 'loss' ? g.lossPrepared : g.metricPrepared);
  const annotations: Record<string, AnnotationOptions> = {};
  if (k === 'loss') g.bestPoints.forEach((b, j) => (annotations[`best${j}`] = bestPointMark(b, theme, s)));
  return {
    kind: k,
    height,
    yTitle: k === 'loss' ? (g.lossName ?? 'loss') : (g.metricName ?? 'metric'),
    lines,
    annotations,
    logScale: lines.length > 0 && wantsLogScale(r.min, r.max, r.minPositive),
    title: i === 0 ? head.title : undefined,
    subtitle: i === 0 ? head.subtitle : undefined,
    bottom: i === panels - 1,
    xTitle: g.axes.size === 1 ? [...g.axes][0] : 'epoch / step',
    xMin: g.xMin,
    xMax: g.xMax,
    legend: lines.some((l) => l.inLegend),
    empty: lines.length === 0 ? 'no loss or metric series to plot' : undefined,
  };
}
