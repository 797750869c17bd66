/**
 * The chart of one diagnosed log: its panels (loss pair with the verdict as title, metric, lr
 * strip), several runs in one file joined end to end, and the diagnosis's marks as annotations.
 * Each step below is a named function; renderWithLayout reads as the list of them.
 */
import { xLabel, xUnitOf, type Diagnosis } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';
import type { AnnotationOptions, PanelSpec } from './chart.js';
import { bestMark } from './annotations/best.js';
import { MAX_LABELLED_BOUNDARIES, boundaryMarks } from './annotations/boundaries.js';
import type { MarkContext } from './annotations/mark.js';
import { nonFiniteMarks } from './annotations/non-finite.js';
import { overfitBox } from './annotations/overfit.js';
import { spikeMarks } from './annotations/spikes.js';
import { yAxisFor } from './layout/axes.js';
import { compose, panelHeights } from './layout/panels.js';
import { resolveCommon, type ChartLayout, type RenderOptions } from './options.js';
import { panelGroups, type Group } from './series/groups.js';
import { lineOf, prepare, typicalStep, type Prepared } from './series/prepare.js';
import { assemble, joinedSeries, runEnd, type Assembly } from './series/runs.js';
import { formatValue, formatX, subtitle, title } from './text.js';
import { withAlpha } from './theme.js';

/** Everything a panel's spec is built from. */
interface Scene {
  diagnosis: Diagnosis;
  a: Assembly;
  c: MarkContext;
  xTitle: string;
  /** x + labelOffset = a tick's label in the user's file (evidence.x_label_offset) */
  labelOffset: number;
  /** a plotted x as the user's file labels it (xLabel; joined runs keep their joined positions) */
  label: (x: number) => number;
  marks: Marks;
  top: { title: string; subtitle: string };
  panels: number;
}

/** The diagnosis's marks in plotted x (shifted by the diagnosed run's offset). */
interface Marks {
  off: number;
  bestX?: number;
  overfitFrom?: number;
  nonFinite: number[];
  spikes: number[];
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
  const { groups, loss, hasLoss } = panelGroups(run, diagnosis, theme);
  const prepared = prepareGroups(groups, a, smoothing);
  const { xMin, xMax } = xRangeOf(prepared);
  // the top panel carries the title: a metric- or lr-only log gets a full-height panel
  const kinds: PanelSpec['kind'][] =
    groups.length > 0 ? groups.map((g, i) => (i === 0 && g.kind !== 'loss' ? 'other' : g.kind)) : ['loss'];
  const heights = panelHeights(kinds, width, options.height);
  const names = {
    train: loss.train?.name ?? diagnosis.series.train,
    val: loss.val?.name ?? diagnosis.series.val,
    lastX: runEnd(run),
  };
  const labelOffset = a.joined ? 0 : (diagnosis.evidence.x_label_offset ?? 0);
  const unit = a.xAxis === 'epoch' && diagnosis.evidence.x_unit ? xUnitOf(diagnosis.evidence) : a.xAxis;
  const scene: Scene = {
    diagnosis,
    a,
    c: { theme, s, xMin, xMax },
    xTitle: a.joined
      ? `${unit} (runs joined end to end)`
      : labelOffset === -1
        ? `${unit} (numbered from 0, as in your file)`
        : unit,
    labelOffset,
    label: (x) => (a.joined ? x : xLabel(diagnosis.evidence, x - a.diagOffset)),
    marks: shiftedMarks(diagnosis, a.diagOffset, hasLoss ? prepared[0] : []),
    top: { title: title(diagnosis), subtitle: subtitle(diagnosis, names) },
    panels: groups.length,
  };
  const specs = groups.map((g, gi) => panelSpec(g, gi, prepared[gi], heights[gi], scene));
  if (specs.length === 0) specs.push(emptySpec(heights[0], scene));
  const out = await compose(specs, width, theme, s, a.diagOffset, options.stack);
  options.onLayout?.(out.layout);
  return out;
}

/** Render the diagnosis of one log as a PNG. */
export async function render(log: TrainingLog, diagnosis: Diagnosis, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderWithLayout(log, diagnosis, options)).png;
}

/** Each member's series from every run (joined end to end), downsampled and smoothed (the lr strip raw). */
function prepareGroups(groups: Group[], a: Assembly, smoothing: number): Prepared[][] {
  return groups.map((g) =>
    g.members.map((m) => {
      const segs = joinedSeries(a, m.s.key) ?? [{ x: m.s.x, y: m.s.y }];
      return prepare(segs, g.kind === 'lr' ? 0 : smoothing);
    }),
  );
}

/** The x range shared by every panel (0..1 when nothing is plotted). */
function xRangeOf(prepared: Prepared[][]): { xMin: number; xMax: number } {
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
  return { xMin, xMax };
}

/** The diagnosis's marks shifted by the run's offset; non-finite positions also from the plotted loss pair. */
function shiftedMarks(diagnosis: Diagnosis, off: number, lossLines: Prepared[]): Marks {
  const m = diagnosis.marks;
  const nonFinite = new Set<number>(m.non_finite_x.map((x) => x + off));
  for (const p of lossLines) for (const x of p.raw.nonFiniteX) nonFinite.add(x);
  return {
    off,
    bestX: m.best_x !== undefined ? m.best_x + off : undefined,
    overfitFrom: m.overfit_from_x !== undefined ? m.overfit_from_x + off : undefined,
    nonFinite: [...nonFinite].sort((x, y) => x - y),
    spikes: m.spike_x.map((x) => x + off),
  };
}

/**
 * A panel's annotations, in drawing order: overfitting shade, run boundaries, best epoch (labelled
 * on the top loss panel, dashed elsewhere), NaN/inf and spikes (top panel only).
 */
function panelAnnotations(g: Group, top: boolean, ps: Prepared[], sc: Scene) {
  const { c, a, marks } = sc;
  const { theme, s, xMin, xMax } = c;
  const annotations: Record<string, AnnotationOptions> = {};
  const legendExtras: { label: string; color: string }[] = [];
  if (marks.overfitFrom !== undefined && marks.overfitFrom < xMax && g.kind !== 'lr') {
    annotations.overfit = overfitBox(marks.overfitFrom, c);
    if (top)
      legendExtras.push({
        label: 'overfitting',
        color: withAlpha(theme.overfit, Math.min(1, theme.overfitAlpha * 2.5)),
      });
  }
  if (a.boundaries.length > 0)
    Object.assign(annotations, boundaryMarks(a.boundaries, c, top && a.boundaries.length < MAX_LABELLED_BOUNDARIES));
  const bestX = marks.bestX;
  if (bestX !== undefined && bestX >= xMin && bestX <= xMax) {
    const bestVal = sc.diagnosis.evidence.best_val;
    const text =
      top && g.kind === 'loss'
        ? `best ${bestVal !== undefined ? formatValue(bestVal) + ' ' : ''}at ${formatX(sc.label(bestX))}`
        : undefined;
    annotations.best = bestMark(bestX, text, c);
    if (!top || g.kind !== 'loss') (annotations.best as AnnotationOptions<'line'>).borderDash = [10 * s, 6 * s];
  }
  if (top && g.kind !== 'lr' && marks.nonFinite.length > 0)
    Object.assign(annotations, nonFiniteMarks(marks.nonFinite, typicalStep(ps), c, true, a.xAxis, sc.label));
  if (top && (g.kind === 'loss' || g.kind === 'other') && marks.spikes.length > 0)
    Object.assign(
      annotations,
      spikeMarks(
        marks.spikes,
        ps.flatMap((p) => p.segments),
        c,
      ),
    );
  return { annotations, legendExtras };
}

function panelSpec(g: Group, gi: number, ps: Prepared[], height: number, sc: Scene): PanelSpec {
  const top = gi === 0;
  const { annotations, legendExtras } = panelAnnotations(g, top, ps, sc);
  const labelAbove =
    top && Boolean((annotations.best as { label?: { display?: boolean } } | undefined)?.label?.display);
  return {
    kind: g.kind,
    height,
    yTitle: g.yTitle,
    lines: g.members.map((mm, i) => lineOf(mm.label, mm.color, ps[i], g.kind === 'lr' ? { inLegend: false } : {})),
    annotations,
    legendExtras,
    ...yAxisFor(g.kind, ps, labelAbove),
    title: top ? sc.top.title : undefined,
    subtitle: top ? sc.top.subtitle : undefined,
    bottom: gi === sc.panels - 1,
    xTitle: sc.xTitle,
    xLabelOffset: sc.labelOffset,
    xMin: sc.c.xMin,
    xMax: sc.c.xMax,
    legend: g.kind !== 'lr',
  };
}

/** Nothing to plot: one panel with the title and a message. */
function emptySpec(height: number, sc: Scene): PanelSpec {
  return {
    kind: 'loss',
    height,
    yTitle: '',
    lines: [],
    annotations: {},
    logScale: false,
    title: sc.top.title,
    subtitle: subtitle(sc.diagnosis, {}),
    bottom: true,
    xTitle: sc.xTitle,
    xLabelOffset: sc.labelOffset,
    xMin: sc.c.xMin,
    xMax: sc.c.xMax,
    legend: false,
    empty: 'no numeric series to plot',
  };
}
