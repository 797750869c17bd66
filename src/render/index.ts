/**
 * render: (TrainingLog, Diagnosis, options) -> PNG. A pure function of its inputs.
 *
 * Panels (Chart.js on node-canvas, stacked with sharp): the monitored loss pair on top with the
 * verdict as title, the main metric below when there is one, the learning rate as a thin strip when
 * logged. Raw series are thin and faded, an EMA-smoothed copy is bold on top. Diagnosis marks become
 * annotations (chartjs-plugin-annotation): best epoch, overfitting region, NaN/inf, spikes, run
 * boundaries.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';
import type { Diagnosis } from '../diagnose/schema.js';
import type { Run, Series, TrainingLog } from '../ingest/schema.js';
import { buildConfig, FONT, type AnnotationContext, type AnnotationOptions, type LineSpec, type PanelSpec } from './chart.js';
import { drawPanel, type PanelCapture, type Box, type AxisCapture, type LegendCapture } from './canvas.js';
import {
  DEFAULT_SMOOTHING,
  MAX_PLOT_POINTS,
  MIN_POINTS_TO_SMOOTH,
  downsample,
  effectiveWeight,
  ema,
  thinMarks,
  valueAt,
  wantsLogScale,
  MIN_AXIS_MAGNITUDE,
  type Downsampled,
} from './data.js';
import { formatValue, formatX, subtitle, title } from './text.js';
import { THEMES, withAlpha, type Theme, type ThemeName } from './theme.js';

export { THEMES, type ThemeName } from './theme.js';
export { DEFAULT_SMOOTHING, MAX_PLOT_POINTS, LOG_SCALE_DECADES, MIN_POINTS_TO_SMOOTH } from './data.js';
export type { Box, AxisCapture, LegendCapture } from './canvas.js';
export { keepRendererLoaded } from './native.js';

export interface RenderOptions {
  /** 'dark' (default, Discord's dark background) or 'light' */
  theme?: ThemeName;
  /** image width in px (default 1000, clamped to 320..4000); fonts scale with it */
  width?: number;
  /** total image height in px; default depends on the panels (e.g. 1000x760 for loss + metric) */
  height?: number;
  /** EMA weight 0..0.999 (default 0.6, TensorBoard's); 0 draws the raw series only */
  smoothing?: number;
  /** several runs in one file: draw them all end to end (default) or only the diagnosed one */
  runs?: 'all' | 'diagnosed';
  /** overlay only: chart title (default "N runs compared") */
  title?: string;
  /**
   * how panels are stacked: 'concat' (default: equal-width RGB rows joined, then one sharp encode)
   * or 'composite' (sharp extend + composite; the same pixels, one more pass)
   */
  stack?: 'concat' | 'composite';
  /** called with the geometry of the drawn image (panels, chart areas, scales, legend) */
  onLayout?: (layout: ChartLayout) => void;
}

export interface PanelLayout extends PanelCapture {
  kind: PanelSpec['kind'];
  /** offset of this panel in the final image */
  top: number;
  height: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  theme: ThemeName;
  /** chartArea / legend coordinates are in final-image pixels */
  panels: PanelLayout[];
  /** x offset added to the diagnosed run's positions (non-zero when several runs are joined) */
  xOffset: number;
  bytes: number;
}

export interface OverlayItem {
  label: string;
  log: TrainingLog;
  diagnosis?: Diagnosis;
}

/** PNGs above this are re-encoded as a 256-colour palette. */
export const PNG_SIZE_BUDGET = 300 * 1024;
/** Hard cap (Discord's upload limit); above it the image is scaled down. */
export const PNG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_WIDTH = 1000;
/** Panel heights at 1000 px width. */
export const PANEL_HEIGHT = { loss: 500, metric: 260, lr: 130, other: 500 } as const;
export const MAX_OVERLAY_RUNS = 10;
/** Run-boundary labels are drawn only up to this many runs (lines always). */
const MAX_LABELLED_BOUNDARIES = 8;
/** Fraction of the data range added above the top panel's data for the best-epoch label. */
const LABEL_HEADROOM = 0.12;
/** NaN / spike markers closer than this fraction of the x range merge into one. */
const MARK_MIN_GAP_FRACTION = 1 / 150;

// ---------------------------------------------------------------------------------------------
// series selection

function byKey(run: Run, key: string | undefined): Series | undefined {
  return key ? run.series.find((s) => s.key === key) : undefined;
}

function hasFinite(s: Series | undefined): s is Series {
  return !!s && s.y.some(Number.isFinite);
}

export function pickLossPair(run: Run, d?: Diagnosis): { train?: Series; val?: Series } {
  let train = byKey(run, d?.series.train);
  let val = byKey(run, d?.series.val);
  if (!train && !val) {
    train = byKey(run, 'loss') ?? run.series.find((s) => s.kind === 'loss' && (s.split === 'train' || s.split === 'none') && !s.derived);
    val = byKey(run, 'val_loss') ?? run.series.find((s) => s.kind === 'loss' && s.split === 'val' && (!train || s.base === train.base));
  }
  return { train: hasFinite(train) ? train : undefined, val: hasFinite(val) ? val : undefined };
}

export function pickMetricPair(run: Run, d?: Diagnosis, exclude: string[] = []): { train?: Series; val?: Series } {
  let train = byKey(run, d?.series.metric);
  let val = byKey(run, d?.series.val_metric);
  if (!train && !val) {
    for (const kind of ['accuracy', 'score'] as const) {
      const cands = run.series.filter((s) => s.kind === kind && !exclude.includes(s.key) && hasFinite(s));
      train = cands.find((s) => s.split === 'train' || s.split === 'none');
      val = cands.find((s) => s.split === 'val' && (!train || s.base === train.base)) ?? (train ? undefined : cands.find((s) => s.split === 'val'));
      if (train || val) break;
    }
  }
  if (train && exclude.includes(train.key)) train = undefined;
  if (val && exclude.includes(val.key)) val = undefined;
  return { train: hasFinite(train) ? train : undefined, val: hasFinite(val) ? val : undefined };
}

export function pickLr(run: Run): Series | undefined {
  const s = byKey(run, 'lr') ?? run.series.find((x) => x.kind === 'lr');
  return hasFinite(s) ? s : undefined;
}

// ---------------------------------------------------------------------------------------------
// runs joined end to end

interface Assembly {
  runs: Run[];
  offsets: number[];
  /** x positions of boundaries (between runs) */
  boundaries: number[];
  /** offset of the diagnosed run */
  diagOffset: number;
  xAxis: 'epoch' | 'step';
  joined: boolean;
}

function runExtent(run: Run): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of run.series) {
    if (s.x.length === 0) continue;
    lo = Math.min(lo, s.x[0]);
    hi = Math.max(hi, s.x[s.x.length - 1]);
  }
  return [lo, hi];
}

/** Last x of a run (its own axis, no offset), or undefined for an empty run. */
function runEnd(run: Run): number | undefined {
  const hi = runExtent(run)[1];
  return Number.isFinite(hi) ? hi : undefined;
}

function assemble(log: TrainingLog, diagIndex: number, mode: 'all' | 'diagnosed'): Assembly {
  const diagRun = log.runs[diagIndex];
  const sameAxis = log.runs.every((r) => r.xAxis === diagRun.xAxis);
  if (mode === 'diagnosed' || log.runs.length < 2 || !sameAxis) {
    return { runs: [diagRun], offsets: [0], boundaries: [], diagOffset: 0, xAxis: diagRun.xAxis, joined: false };
  }
  const offsets: number[] = [];
  const boundaries: number[] = [];
  let prevEnd = -Infinity;
  for (const run of log.runs) {
    const [lo, hi] = runExtent(run);
    if (!Number.isFinite(lo)) {
      offsets.push(0);
      continue;
    }
    let offset = 0;
    if (Number.isFinite(prevEnd)) {
      // a resumed run that continues the count keeps its x; a restart is shifted after the previous one
      if (lo <= prevEnd) offset = prevEnd - lo + 1;
      boundaries.push((prevEnd + lo + offset) / 2);
    }
    offsets.push(offset);
    prevEnd = hi + offset;
  }
  return { runs: log.runs, offsets, boundaries, diagOffset: offsets[diagIndex], xAxis: diagRun.xAxis, joined: true };
}

/** One contiguous piece of a plotted series (one run's part). */
interface Segment {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** The series with this key from every run, each shifted by its run's offset (no copy at offset 0). */
function joinedSeries(a: Assembly, key: string): Segment[] | undefined {
  const parts: Segment[] = [];
  a.runs.forEach((r, i) => {
    const s = r.series.find((x) => x.key === key);
    if (!s || s.x.length === 0) return;
    const off = a.offsets[i];
    parts.push({ x: off === 0 ? s.x : s.x.map((v) => v + off), y: s.y });
  });
  return parts.length > 0 ? parts : undefined;
}

// ---------------------------------------------------------------------------------------------
// lines

interface Prepared {
  raw: Downsampled;
  smooth?: Downsampled;
  segments: Segment[];
}

/** Concatenate downsampled segments with a gap point between them (runs are not connected). */
function concatDownsampled(parts: Downsampled[]): Downsampled {
  if (parts.length === 1) return parts[0];
  const points: Downsampled['points'] = [];
  const nonFiniteX: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  parts.forEach((p, i) => {
    if (i > 0 && p.points.length > 0 && points.length > 0) points.push({ x: (points[points.length - 1].x + p.points[0].x) / 2, y: null });
    for (const q of p.points) points.push(q);
    for (const x of p.nonFiniteX) nonFiniteX.push(x);
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
    minPositive = Math.min(minPositive, p.minPositive);
  });
  return { points, nonFiniteX, min, max, minPositive };
}

/**
 * Downsample each segment (budget shared by length) and smooth each one separately: an EMA must
 * not carry one run's values into the next.
 */
function prepare(segments: Segment[], smoothing: number): Prepared {
  const total = segments.reduce((t, g) => t + g.y.length, 0);
  const budget = (g: Segment) => Math.max(16, Math.floor((MAX_PLOT_POINTS * g.y.length) / Math.max(1, total)));
  const raw = concatDownsampled(segments.map((g) => downsample(g.x, g.y, budget(g))));
  let finite = 0;
  for (const g of segments) for (let i = 0; i < g.y.length && finite < MIN_POINTS_TO_SMOOTH; i++) if (Number.isFinite(g.y[i])) finite++;
  if (smoothing <= 0 || finite < MIN_POINTS_TO_SMOOTH) return { raw, segments };
  const w = effectiveWeight(smoothing, total);
  const smooth = concatDownsampled(segments.map((g) => downsample(g.x, ema(g.y, w), budget(g))));
  return { raw, smooth, segments };
}

function lineOf(label: string, color: string, p: Prepared, extra: Partial<LineSpec> = {}): LineSpec {
  return { label, color, raw: p.raw, smooth: p.smooth?.points, inLegend: true, ...extra };
}

/** A step schedule has at most this many distinct lr values. */
const LR_STEP_LEVELS = 12;

/**
 * The lr strip: log for step decays (1e-3 -> 1e-4 -> 1e-5: few distinct values spanning a decade
 * or more), linear from 0 for smooth schedules (cosine, linear decay, warm-up), where a log axis
 * would be all tail.
 */
function lrWantsLog(min: number, max: number, levels: number): boolean {
  return min >= MIN_AXIS_MAGNITUDE && max / min >= 10 && max / min <= 1e6 && levels <= LR_STEP_LEVELS;
}

function distinctLevels(ps: Prepared[]): number {
  const seen = new Set<number>();
  for (const p of ps) for (const q of p.raw.points) if (q.y !== null && seen.add(q.y).size > LR_STEP_LEVELS) return seen.size;
  return seen.size;
}

/** v rounded up to two significant digits (an axis maximum that reads well). */
function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const step = Math.pow(10, Math.floor(Math.log10(v)) - 1);
  if (!(step > 0) || !Number.isFinite(step)) return v; // 10^-324 underflows to 0
  return Number((Math.ceil(v / step) * step).toPrecision(2));
}

/** Typical x spacing of the first plotted series. */
function typicalStep(ps: Prepared[]): number {
  for (const p of ps)
    for (const g of p.segments) if (g.x.length > 1) return (g.x[g.x.length - 1] - g.x[0]) / (g.x.length - 1);
  return 1;
}

function rangeOf(ps: Prepared[]): { min: number; max: number; minPositive: number } {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  for (const p of ps) {
    min = Math.min(min, p.raw.min);
    max = Math.max(max, p.raw.max);
    minPositive = Math.min(minPositive, p.raw.minPositive);
  }
  return { min, max, minPositive };
}

// ---------------------------------------------------------------------------------------------
// annotations

function vline(x: number, color: string, s: number, extra: Partial<AnnotationOptions<'line'>> = {}): AnnotationOptions<'line'> {
  return { type: 'line', xMin: x, xMax: x, borderColor: color, borderWidth: 3 * s, drawTime: 'afterDatasetsDraw', ...extra };
}

function labelFont(s: number, bold = true) {
  return { size: FONT.annotation * s, weight: bold ? ('bold' as const) : ('normal' as const) };
}

interface MarkContext {
  theme: Theme;
  s: number;
  xMin: number;
  xMax: number;
}

/** Where a label centred at x would be clipped, anchor it by its side instead. */
function edgeAwarePosition(x: number, c: MarkContext): 'start' | 'center' | 'end' {
  const f = (x - c.xMin) / (c.xMax - c.xMin || 1);
  return f < 0.15 ? 'start' : f > 0.85 ? 'end' : 'center';
}

function bestMark(x: number, text: string | undefined, c: MarkContext): AnnotationOptions<'line'> {
  const pos = edgeAwarePosition(x, c);
  // near an edge the centred label would be cut: put it beside the line, on the inner side
  const half = text ? (text.length * FONT.annotation * 0.56 + 16) * c.s * 0.5 : 0;
  return vline(x, c.theme.best, c.s, {
    label: {
      display: Boolean(text),
      content: text ?? '',
      position: 'end',
      backgroundColor: c.theme.best,
      color: '#ffffff',
      font: labelFont(c.s),
      padding: { x: 8 * c.s, y: 4 * c.s },
      borderRadius: 4 * c.s,
      yAdjust: 4 * c.s,
      xAdjust: pos === 'start' ? half + 2 * c.s : pos === 'end' ? -half - 2 * c.s : 0,
    },
  });
}

/** The overfitting region, shaded from overfit_from_x to the end (named in the legend). */
function overfitBox(from: number, c: MarkContext): AnnotationOptions<'box'> {
  return {
    type: 'box',
    xMin: from,
    xMax: c.xMax,
    backgroundColor: withAlpha(c.theme.overfit, c.theme.overfitAlpha),
    borderWidth: 0,
    drawTime: 'beforeDatasetsDraw',
  };
}

/**
 * NaN / inf positions: a run of consecutive non-finite points becomes a shaded band over its span
 * (the loss is undefined there), an isolated one a cross on the x axis. The first gets a label.
 */
function nonFiniteMarks(xs: number[], dx: number, c: MarkContext, withLabel: boolean, xAxis: string): Record<string, AnnotationOptions> {
  const out: Record<string, AnnotationOptions> = {};
  const gap = Math.max(1.5 * dx, (c.xMax - c.xMin) * MARK_MIN_GAP_FRACTION);
  const groups: [number, number][] = [];
  for (const x of xs) {
    const last = groups[groups.length - 1];
    if (last && x - last[1] <= gap) last[1] = x;
    else groups.push([x, x]);
    if (groups.length > 400) break;
  }
  const r = 8 * c.s;
  groups.forEach(([lo, hi], i) => {
    if (hi > lo) {
      out[`nanBand${i}`] = {
        type: 'box',
        xMin: Math.max(c.xMin, lo - dx / 2),
        xMax: Math.min(c.xMax, hi + dx / 2),
        backgroundColor: withAlpha(c.theme.nonFinite, 0.16),
        borderWidth: 0,
        drawTime: 'beforeDatasetsDraw',
      };
    } else {
      out[`nan${i}`] = {
        type: 'point',
        xValue: lo,
        yValue: (ctx: AnnotationContext) => ctx.chart.scales.y.min,
        yAdjust: -r - 3 * c.s,
        pointStyle: 'crossRot',
        radius: r,
        borderColor: c.theme.nonFinite,
        backgroundColor: 'transparent',
        borderWidth: 3.5 * c.s,
        drawTime: 'afterDraw',
      };
    }
  });
  if (withLabel && groups.length > 0) {
    const first = groups[0][0];
    const pos = edgeAwarePosition(first, c);
    out.nanLabel = {
      type: 'label',
      xValue: first,
      yValue: (ctx: AnnotationContext) => ctx.chart.scales.y.min,
      position: { x: pos, y: 'end' },
      xAdjust: pos === 'start' ? -r : pos === 'end' ? r : 0,
      yAdjust: -2 * r - 8 * c.s,
      content: `NaN/inf from ${xAxis} ${formatX(first)}`,
      color: c.theme.nonFinite,
      backgroundColor: c.theme.labelBackground,
      font: labelFont(c.s),
      padding: 4 * c.s,
      drawTime: 'afterDraw',
    };
  }
  return out;
}

function spikeMarks(xs: number[], series: { x: ArrayLike<number>; y: ArrayLike<number> }[], c: MarkContext): Record<string, AnnotationOptions> {
  const out: Record<string, AnnotationOptions> = {};
  thinMarks(xs, (c.xMax - c.xMin) * MARK_MIN_GAP_FRACTION, 60).forEach((x, i) => {
    let y: number | undefined;
    for (const s of series) {
      y = valueAt(s.x, s.y, x);
      if (y !== undefined) break;
    }
    if (y === undefined) return;
    out[`spike${i}`] = {
      type: 'point',
      xValue: x,
      yValue: y,
      radius: 11 * c.s,
      borderColor: c.theme.spike,
      backgroundColor: 'transparent',
      borderWidth: 3 * c.s,
      drawTime: 'afterDatasetsDraw',
    };
  });
  return out;
}

function boundaryMarks(bs: number[], c: MarkContext, labelled: boolean): Record<string, AnnotationOptions> {
  const out: Record<string, AnnotationOptions> = {};
  bs.forEach((x, i) => {
    out[`run${i}`] = vline(x, c.theme.boundary, c.s, {
      borderWidth: 2 * c.s,
      borderDash: [8 * c.s, 6 * c.s],
      drawTime: 'beforeDatasetsDraw',
      label: {
        display: labelled,
        content: `run ${i + 2}`,
        position: 'start',
        backgroundColor: c.theme.labelBackground,
        color: c.theme.mutedText,
        font: labelFont(c.s, false),
        padding: 4 * c.s,
      },
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// composition

function clampInt(v: number | undefined, lo: number, hi: number, dflt: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

function panelHeights(kinds: PanelSpec['kind'][], width: number, height: number | undefined): number[] {
  const s = width / DEFAULT_WIDTH;
  const base = kinds.map((k) => PANEL_HEIGHT[k] * s);
  const total = base.reduce((a, b) => a + b, 0);
  const target = clampInt(height, 200, 6000, Math.round(total));
  const hs = base.map((h) => Math.max(60, Math.round((h * target) / total)));
  hs[0] += target - hs.reduce((a, b) => a + b, 0);
  return hs;
}

async function compose(
  specs: PanelSpec[],
  width: number,
  theme: Theme,
  s: number,
  xOffset: number,
  stack?: RenderOptions['stack'],
): Promise<{ png: Buffer; layout: ChartLayout }> {
  const height = specs.reduce((t, p) => t + p.height, 0);
  // one RGB buffer for the whole image; each panel writes its rows at its offset
  const image = Buffer.allocUnsafe(width * height * 3);
  let row = 0;
  const drawn = specs.map((spec) => {
    const target = image.subarray(row * width * 3, (row + spec.height) * width * 3);
    row += spec.height;
    return drawPanel(width, spec.height, theme.background, buildConfig(spec, theme, s), target);
  });
  const panels: PanelLayout[] = [];
  let top = 0;
  specs.forEach((spec, i) => {
    const c = drawn[i].capture;
    const shift = (b: Box): Box => ({ left: b.left, right: b.right, top: b.top + top, bottom: b.bottom + top });
    panels.push({
      ...c,
      chartArea: shift(c.chartArea),
      legend: c.legend.map((l) => ({ ...l, swatch: { x: l.swatch.x, y: l.swatch.y + top } })),
      kind: spec.kind,
      top,
      height: spec.height,
    });
    top += spec.height;
  });
  const png = await stackAndEncode(
    image,
    drawn.map((d) => d.rgb),
    specs.map((p) => p.height),
    width,
    theme.background,
    stack,
  );
  return { png, layout: { width, height, theme: theme.name, panels, xOffset, bytes: png.length } };
}

/** zlib level for the first (fast) encode; palette quantisation only when over PNG_SIZE_BUDGET. */
const PNG_COMPRESSION = 3;

/**
 * Encode the stacked panels with sharp. By default the panels were drawn straight into one image
 * buffer (equal widths: stacking is row order), so sharp makes a single pass. stack 'composite'
 * instead places each panel with sharp's extend + composite: the same pixels, one more pass
 * (~5 ms of a ~30 ms render).
 */
async function stackAndEncode(image: Buffer, panels: Buffer[], heights: number[], width: number, background: string, stack: RenderOptions['stack']): Promise<Buffer> {
  const height = heights.reduce((a, b) => a + b, 0);
  const raw = { width, channels: 3 as const };
  const useComposite = stack === 'composite';
  const input = (): ReturnType<typeof sharp> => {
    if (panels.length === 1 || !useComposite) return sharp(image, { raw: { ...raw, height } });
    let top = heights[0];
    return sharp(panels[0], { raw: { ...raw, height: heights[0] } })
      .extend({ bottom: height - heights[0], background })
      .composite(
        panels.slice(1).map((p, i) => {
          const at = top;
          top += heights[i + 1];
          return { input: p, raw: { ...raw, height: heights[i + 1] }, top: at, left: 0 };
        }),
      )
      .removeAlpha();
  };
  let png = await input().png({ compressionLevel: PNG_COMPRESSION, adaptiveFiltering: false }).toBuffer();
  if (png.length > PNG_SIZE_BUDGET) png = await input().png({ palette: true, quality: 90, effort: 4, compressionLevel: 9 }).toBuffer();
  let w = width;
  while (png.length > PNG_MAX_BYTES && w > 200) {
    w = Math.round(w * 0.7);
    png = await sharp(png).resize({ width: w }).png({ palette: true, compressionLevel: 9 }).toBuffer();
  }
  return png;
}

// ---------------------------------------------------------------------------------------------
// render

function resolveCommon(options: RenderOptions) {
  const theme = THEMES[options.theme ?? 'dark'] ?? THEMES.dark;
  const width = clampInt(options.width, 320, 4000, DEFAULT_WIDTH);
  const s = width / DEFAULT_WIDTH;
  const smoothing = options.smoothing === undefined ? DEFAULT_SMOOTHING : Math.max(0, Math.min(0.999, options.smoothing));
  return { theme, width, s, smoothing };
}

/** Render the diagnosis of one log; returns the PNG and the drawn geometry. */
export async function renderWithLayout(
  log: TrainingLog,
  diagnosis: Diagnosis,
  options: RenderOptions = {},
): Promise<{ png: Buffer; layout: ChartLayout }> {
  const { theme, width, s, smoothing } = resolveCommon(options);
  const diagIndex = Math.min(Math.max(0, diagnosis.run.index), log.runs.length - 1);
  const run = log.runs[diagIndex];
  const a = assemble(log, diagIndex, options.runs ?? 'all');
  const off = a.diagOffset;

  const loss = pickLossPair(run, diagnosis);
  const metric = pickMetricPair(run, diagnosis, [loss.train?.key, loss.val?.key].filter((k): k is string => !!k));
  const lr = pickLr(run);

  type Group = { kind: PanelSpec['kind']; yTitle: string; members: { s: Series; color: string; label: string }[] };
  const groups: Group[] = [];
  const pairGroup = (kind: 'loss' | 'metric', p: { train?: Series; val?: Series }): Group | undefined => {
    const members = [
      p.train && { s: p.train, color: theme.train, label: p.train.name },
      p.val && { s: p.val, color: theme.val, label: p.val.name },
    ].filter((m): m is { s: Series; color: string; label: string } => !!m);
    if (members.length === 0) return undefined;
    return { kind, yTitle: (p.train ?? p.val)!.base, members };
  };
  const lossGroup = pairGroup('loss', loss);
  const metricGroup = pairGroup('metric', metric);
  if (lossGroup) groups.push(lossGroup);
  if (metricGroup) groups.push(metricGroup);
  if (groups.length === 0) {
    // nothing recognisable: plot up to four other finite series
    const others = run.series.filter((x) => x.kind !== 'lr' && hasFinite(x)).slice(0, 4);
    const palette = [theme.train, theme.val, theme.runs[2], theme.runs[4]];
    if (others.length > 0)
      groups.push({ kind: 'other', yTitle: others.length === 1 ? others[0].base : 'value', members: others.map((x, i) => ({ s: x, color: palette[i], label: x.name })) });
  }
  if (lr) groups.push({ kind: 'lr', yTitle: 'lr', members: [{ s: lr, color: theme.lr, label: lr.name }] });

  // data
  const prepared = groups.map((g) =>
    g.members.map((m) => {
      const segs = joinedSeries(a, m.s.key) ?? [{ x: m.s.x, y: m.s.y }];
      return prepare(segs, g.kind === 'lr' ? 0 : smoothing);
    }),
  );
  let xMin = Infinity;
  let xMax = -Infinity;
  for (const ps of prepared)
    for (const p of ps)
      for (const g of p.segments) {
        if (g.x.length === 0) continue;
        xMin = Math.min(xMin, g.x[0]);
        xMax = Math.max(xMax, g.x[g.x.length - 1]);
      }
  if (!Number.isFinite(xMin)) {
    xMin = 0;
    xMax = 1;
  }
  if (xMax <= xMin) xMax = xMin + 1;

  // the top panel carries the title: a metric- or lr-only log gets a full-height panel
  const kinds: PanelSpec['kind'][] = groups.length > 0 ? groups.map((g, i) => (i === 0 && g.kind !== 'loss' ? 'other' : g.kind)) : ['loss'];
  const heights = panelHeights(kinds, width, options.height);
  const c: MarkContext = { theme, s, xMin, xMax };
  const xTitle = a.joined ? `${a.xAxis} (runs joined end to end)` : a.xAxis;
  const m = diagnosis.marks;
  const bestX = m.best_x !== undefined ? m.best_x + off : undefined;
  const overfitFrom = m.overfit_from_x !== undefined ? m.overfit_from_x + off : undefined;
  const valName = loss.val?.name ?? diagnosis.series.val;
  const trainName = loss.train?.name ?? diagnosis.series.train;

  // non-finite positions: the diagnosis's marks, plus any in the plotted loss pair
  const nonFinite = new Set<number>(m.non_finite_x.map((x) => x + off));
  if (lossGroup) for (const p of prepared[0]) for (const x of p.raw.nonFiniteX) nonFinite.add(x);
  const nonFiniteSorted = [...nonFinite].sort((x, y) => x - y);

  const specs: PanelSpec[] = groups.map((g, gi) => {
    const ps = prepared[gi];
    const r = rangeOf(ps);
    const top = gi === 0;
    const annotations: Record<string, AnnotationOptions> = {};
    const legendExtras: { label: string; color: string }[] = [];
    if (overfitFrom !== undefined && overfitFrom < xMax && g.kind !== 'lr') {
      annotations.overfit = overfitBox(overfitFrom, c);
      if (top) legendExtras.push({ label: 'overfitting', color: withAlpha(theme.overfit, Math.min(1, theme.overfitAlpha * 2.5)) });
    }
    if (a.boundaries.length > 0) Object.assign(annotations, boundaryMarks(a.boundaries, c, top && a.runs.length <= MAX_LABELLED_BOUNDARIES));
    if (bestX !== undefined && bestX >= xMin && bestX <= xMax) {
      const bestVal = diagnosis.evidence.best_val;
      const text = top && g.kind === 'loss' ? `best ${bestVal !== undefined ? formatValue(bestVal) + ' ' : ''}at ${formatX(bestX - off)}` : undefined;
      annotations.best = bestMark(bestX, text, c);
      if (!top || g.kind !== 'loss') (annotations.best as AnnotationOptions<'line'>).borderDash = [10 * s, 6 * s];
    }
    if (top && g.kind !== 'lr' && nonFiniteSorted.length > 0) Object.assign(annotations, nonFiniteMarks(nonFiniteSorted, typicalStep(ps), c, true, a.xAxis));
    if (top && (g.kind === 'loss' || g.kind === 'other') && m.spike_x.length > 0) Object.assign(annotations, spikeMarks(m.spike_x.map((x) => x + off), ps.flatMap((p) => p.segments), c));
    // values all near the bottom of doubles (|v| < 1e-250 but not 0): a fixed, flat axis (see MIN_AXIS_MAGNITUDE)
    const mag = Math.max(Math.abs(r.min), Math.abs(r.max));
    const flat = mag > 0 && mag < MIN_AXIS_MAGNITUDE;
    const lrLog = g.kind === 'lr' && lrWantsLog(r.min, r.max, distinctLevels(ps));
    const logScale = g.kind === 'lr' ? lrLog : wantsLogScale(r.min, r.max, r.minPositive);
    // headroom above the data for the best-epoch label, so it does not sit on the curves
    const headroom = top && (annotations.best as { label?: { display?: boolean } } | undefined)?.label?.display ? LABEL_HEADROOM : 0;
    const ySuggestedMax =
      headroom > 0 && Number.isFinite(r.max) && Number.isFinite(r.min)
        ? logScale
          ? r.max * Math.pow(r.max / r.minPositive, headroom)
          : r.max + (r.max - r.min || Math.abs(r.max) || 1) * headroom
        : undefined;
    return {
      kind: g.kind,
      height: heights[gi],
      ySuggestedMax,
      yTitle: g.yTitle,
      lines: g.members.map((mm, i) => lineOf(mm.label, mm.color, ps[i], g.kind === 'lr' ? { inLegend: false } : {})),
      annotations,
      logScale,
      legendExtras,
      ...(flat ? { yMin: r.min >= 0 ? 0 : -1, yMax: 1 } : g.kind === 'lr' && !lrLog && r.min >= 0 && r.max > 0 ? { yMin: 0, yMax: niceCeil(r.max * 1.15) } : {}),
      title: top ? title(diagnosis) : undefined,
      subtitle: top ? subtitle(diagnosis, { train: trainName, val: valName, lastX: runEnd(run) }) : undefined,
      bottom: gi === groups.length - 1,
      xTitle,
      xMin,
      xMax,
      legend: g.kind !== 'lr',
    };
  });
  if (specs.length === 0) {
    specs.push({
      kind: 'loss',
      height: heights[0],
      yTitle: '',
      lines: [],
      annotations: {},
      logScale: false,
      title: title(diagnosis),
      subtitle: subtitle(diagnosis, {}),
      bottom: true,
      xTitle,
      xMin,
      xMax,
      legend: false,
      empty: 'no numeric series to plot',
    });
  }
  const out = await compose(specs, width, theme, s, off, options.stack);
  options.onLayout?.(out.layout);
  return out;
}

/** Render the diagnosis of one log as a PNG. */
export async function render(log: TrainingLog, diagnosis: Diagnosis, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderWithLayout(log, diagnosis, options)).png;
}

/**
 * Several runs on one chart (/compare, sweeps): each run's validation loss (or training loss when
 * there is no validation) in its own colour, raw faded + smoothed bold; a metric panel when runs have
 * one. Up to MAX_OVERLAY_RUNS items; more throw.
 */
export async function renderOverlayWithLayout(items: OverlayItem[], options: RenderOptions = {}): Promise<{ png: Buffer; layout: ChartLayout }> {
  if (items.length === 0) throw new Error('renderOverlay: no runs to draw');
  if (items.length > MAX_OVERLAY_RUNS) throw new Error(`renderOverlay: at most ${MAX_OVERLAY_RUNS} runs (got ${items.length})`);
  const { theme, width, s, smoothing } = resolveCommon(options);
  const lossLines: LineSpec[] = [];
  const metricLines: LineSpec[] = [];
  const lossPrepared: Prepared[] = [];
  const metricPrepared: Prepared[] = [];
  const bestPoints: { x: number; y: number; color: string }[] = [];
  let xMin = Infinity;
  let xMax = -Infinity;
  const axes = new Set<string>();
  let lossName: string | undefined;
  let metricName: string | undefined;
  let best: { label: string; v: number; lower: boolean } | undefined;
  const rawAlpha = items.length > 4 ? 0.2 : 0.3;

  items.forEach((item, i) => {
    const color = theme.runs[i % theme.runs.length];
    const dash = i >= 7 ? [12, 6] : undefined;
    const ri = item.diagnosis ? Math.min(item.diagnosis.run.index, item.log.runs.length - 1) : item.log.runs.length - 1;
    const run = item.log.runs[ri];
    axes.add(run.xAxis);
    const verdict = item.diagnosis && item.diagnosis.pattern !== 'not_assessable' ? ` · ${title(item.diagnosis)}` : '';
    const label = `${item.label}${verdict}`;
    const lp = pickLossPair(run, item.diagnosis);
    const main = lp.val ?? lp.train;
    if (main) {
      const p = prepare([{ x: main.x, y: main.y }], smoothing);
      lossPrepared.push(p);
      lossLines.push(lineOf(label, color, p, { dash, rawAlpha, dots: items.length <= 3 }));
      lossName ??= main.base;
      xMin = Math.min(xMin, main.x[0]);
      xMax = Math.max(xMax, main.x[main.x.length - 1]);
      // each run's best point
      let bi = -1;
      for (let k = 0; k < main.y.length; k++) if (Number.isFinite(main.y[k]) && (bi < 0 || main.y[k] < main.y[bi])) bi = k;
      if (bi >= 0) {
        bestPoints.push({ x: main.x[bi], y: main.y[bi], color });
        if (!best || main.y[bi] < best.v) best = { label: item.label, v: main.y[bi], lower: true };
      }
    }
    const mp = pickMetricPair(run, item.diagnosis, [lp.train?.key, lp.val?.key].filter((k): k is string => !!k));
    const mm = mp.val ?? mp.train;
    if (mm) {
      const p = prepare([{ x: mm.x, y: mm.y }], smoothing);
      metricPrepared.push(p);
      metricLines.push(lineOf(label, color, p, { dash, rawAlpha, inLegend: !main, dots: items.length <= 3 }));
      metricName ??= mm.base;
      xMin = Math.min(xMin, mm.x[0]);
      xMax = Math.max(xMax, mm.x[mm.x.length - 1]);
    }
  });
  if (!Number.isFinite(xMin)) {
    xMin = 0;
    xMax = 1;
  }
  if (xMax <= xMin) xMax = xMin + 1;
  const xTitle = axes.size === 1 ? [...axes][0] : 'epoch / step';
  const kinds: PanelSpec['kind'][] = [];
  if (lossLines.length > 0) kinds.push('loss');
  if (metricLines.length > 0) kinds.push('metric');
  if (kinds.length === 0) kinds.push('loss');
  const heights = panelHeights(kinds, width, options.height);
  // many runs: the legend wraps to more rows; give the top panel that height back
  if (options.height === undefined && items.length > 3) heights[0] += Math.round(Math.ceil((items.length - 3) / 3) * 34 * s);
  const specTitle = options.title ?? `${items.length} run${items.length === 1 ? '' : 's'} compared`;
  const what = lossLines.length > 0 ? `${lossName ?? 'loss'} per run (validation where logged), smoothed` : '';
  const sub = [what, best ? `lowest: ${best.label} ${formatValue(best.v)}` : ''].filter(Boolean).join(' · ');
  const specs: PanelSpec[] = [];
  const pointAnn = (b: { x: number; y: number; color: string }): AnnotationOptions => ({
    type: 'point',
    xValue: b.x,
    yValue: b.y,
    radius: 6 * s,
    backgroundColor: b.color,
    borderColor: theme.background,
    borderWidth: 2 * s,
    drawTime: 'afterDatasetsDraw',
  });
  kinds.forEach((k, i) => {
    const lines = k === 'loss' ? lossLines : metricLines;
    const r = rangeOf(k === 'loss' ? lossPrepared : metricPrepared);
    const annotations: Record<string, AnnotationOptions> = {};
    if (k === 'loss') bestPoints.forEach((b, j) => (annotations[`best${j}`] = pointAnn(b)));
    specs.push({
      kind: k,
      height: heights[i],
      yTitle: k === 'loss' ? lossName ?? 'loss' : metricName ?? 'metric',
      lines,
      annotations,
      logScale: lines.length > 0 && wantsLogScale(r.min, r.max, r.minPositive),
      title: i === 0 ? specTitle : undefined,
      subtitle: i === 0 ? sub : undefined,
      bottom: i === kinds.length - 1,
      xTitle,
      xMin,
      xMax,
      legend: lines.some((l) => l.inLegend),
      empty: lines.length === 0 ? 'no loss or metric series to plot' : undefined,
    });
  });
  const out = await compose(specs, width, theme, s, 0, options.stack);
  options.onLayout?.(out.layout);
  return out;
}

export async function renderOverlay(items: OverlayItem[], options: RenderOptions = {}): Promise<Buffer> {
  return (await renderOverlayWithLayout(items, options)).png;
}

export interface WriteResult {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Write a PNG, creating missing folders one level at a time: Node 20's mkdir({ recursive: true })
 * spins forever under /proc (a typo'd path hung the CLI), a plain mkdir fails with ENOENT at once.
 */
async function writePng(outPath: string, png: Buffer): Promise<void> {
  const missing: string[] = [];
  for (let dir = dirname(resolve(outPath)); ; dir = dirname(dir)) {
    try {
      await stat(dir);
      break;
    } catch {
      missing.unshift(dir);
      if (dirname(dir) === dir) break;
    }
  }
  for (const dir of missing) await mkdir(dir);
  await writeFile(outPath, png);
}

/** CLI hook: render one diagnosis and write the PNG (creating the folder). */
export async function writeChart(outPath: string, log: TrainingLog, diagnosis: Diagnosis, options: RenderOptions = {}): Promise<WriteResult> {
  const { png, layout } = await renderWithLayout(log, diagnosis, options);
  await writePng(outPath, png);
  return { path: outPath, bytes: png.length, width: layout.width, height: layout.height };
}

/** CLI hook for `chart FILE... --out`: overlay several runs and write the PNG. */
export async function writeOverlayChart(outPath: string, items: OverlayItem[], options: RenderOptions = {}): Promise<WriteResult> {
  const { png, layout } = await renderOverlayWithLayout(items, options);
  await writePng(outPath, png);
  return { path: outPath, bytes: png.length, width: layout.width, height: layout.height };
}
