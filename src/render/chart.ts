/**
 * Chart.js configuration for one panel: lines (raw faded + smoothed bold), axes, legend, title and
 * annotations. Sizes are given for a 1000 px wide image and multiplied by `s` = width / 1000.
 */
import type { ChartConfiguration, ChartDataset, Scale } from 'chart.js';
import type { Downsampled, PlotPoint } from './data.js';
import { formatLogTick, formatTick, formatX } from './text.js';
import { withAlpha, type Theme } from './theme.js';

/**
 * One chartjs-plugin-annotation entry. (The plugin's own option types do not resolve under
 * NodeNext module resolution, so this is a loose structural type; Chart.js validates at runtime.)
 */
export type AnnotationOptions<T extends 'line' | 'box' | 'point' | 'label' = 'line' | 'box' | 'point' | 'label'> = {
  type: T;
  [option: string]: unknown;
};
/** Scriptable option context as the annotation plugin passes it. */
export interface AnnotationContext {
  chart: { scales: Record<string, { min: number; max: number }> };
}

/** Font sizes at 1000 px width; chosen to stay legible when Discord shows the image ~500 px wide. */
export const FONT = { title: 36, subtitle: 24, legend: 22, tick: 22, axisTitle: 21, annotation: 20 } as const;
/** Width reserved for the y axis (ticks + title) so stacked panels share one x alignment. */
export const Y_AXIS_WIDTH = 112;
/** Right padding, enough for half of the last x tick label. */
export const RIGHT_PADDING = 40;

export interface LineSpec {
  label: string;
  color: string;
  raw: Downsampled;
  /** smoothed points; undefined = draw the raw line bold with point markers (short logs) */
  smooth?: PlotPoint[];
  inLegend: boolean;
  dash?: number[];
  /** alpha of the raw line when a smoothed one is drawn over it */
  rawAlpha?: number;
  /** dots on an unsmoothed short line (default true) */
  dots?: boolean;
}

export interface PanelSpec {
  kind: 'loss' | 'metric' | 'lr' | 'other';
  height: number;
  yTitle: string;
  lines: LineSpec[];
  annotations: Record<string, AnnotationOptions>;
  logScale: boolean;
  title?: string;
  subtitle?: string;
  /** bottom panel: x tick labels and axis title */
  bottom: boolean;
  xTitle: string;
  /** added to x for the tick labels: the file's own numbering (-1 for a 0-based epoch column) */
  xLabelOffset?: number;
  xMin: number;
  xMax: number;
  /** fixed y range (the lr strip: from 0) */
  yMin?: number;
  yMax?: number;
  /** extend the axis to at least this (headroom for labels at the top of the plot) */
  ySuggestedMax?: number;
  legend: boolean;
  /** legend entries for shaded regions (a swatch with no line) */
  legendExtras?: { label: string; color: string }[];
  /** message drawn in the middle when there is nothing to plot */
  empty?: string;
}

type Dataset = ChartDataset<'line', PlotPoint[]>;
type Options = NonNullable<ChartConfiguration<'line', PlotPoint[]>['options']>;

/** One panel's Chart.js configuration: datasets, x and y scales, title, subtitle, legend, annotations. */
export function buildConfig(spec: PanelSpec, theme: Theme, s: number): ChartConfiguration<'line', PlotPoint[]> {
  const { datasets, legendIdx } = buildDatasets(spec, s);
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      parsing: false,
      normalized: true,
      color: theme.text,
      layout: {
        padding: {
          left: 8 * s,
          right: RIGHT_PADDING * s,
          top: spec.title ? 10 * s : 6 * s,
          bottom: spec.bottom ? 4 * s : 2 * s,
        },
      },
      scales: { x: xScale(spec, theme, s), y: yScale(spec, theme, s) },
      plugins: {
        ...headingPlugins(spec, theme, s),
        legend: legendPlugin(spec, theme, s, legendIdx),
        tooltip: { enabled: false },
        decimation: { enabled: false },
        // registered by name in canvas.ts; not in Chart.js's option types here (see AnnotationOptions)
        ...({ annotation: { clip: true, annotations: panelAnnotations(spec, theme, s) } } as object),
      },
    },
  };
}

/**
 * Datasets for the lines (a smoothed line: faded raw + bold smooth; else the raw line bold, with
 * dots on short series) and a swatch-only dataset per legend extra; legendIdx holds the indices
 * that get a legend entry.
 */
function buildDatasets(spec: PanelSpec, s: number): { datasets: Dataset[]; legendIdx: Set<number> } {
  const datasets: Dataset[] = [];
  const legendIdx = new Set<number>();
  for (const line of spec.lines) {
    if (line.smooth) {
      datasets.push({
        label: `${line.label} (raw)`,
        data: line.raw.points,
        borderColor: withAlpha(line.color, line.rawAlpha ?? 0.38),
        backgroundColor: line.color,
        borderWidth: 1.6 * s,
        pointRadius: 0,
        spanGaps: false,
        tension: 0,
        order: 2,
        borderDash: line.dash?.map((d) => d * s),
      });
      if (line.inLegend) legendIdx.add(datasets.length);
      datasets.push({
        label: line.label,
        data: line.smooth,
        borderColor: line.color,
        backgroundColor: line.color,
        borderWidth: 3.4 * s,
        pointRadius: 0,
        spanGaps: false,
        tension: 0,
        order: 1,
        borderDash: line.dash?.map((d) => d * s),
      });
    } else {
      if (line.inLegend) legendIdx.add(datasets.length);
      const few = spec.kind !== 'lr' && line.dots !== false && line.raw.points.length <= 60;
      datasets.push({
        label: line.label,
        data: line.raw.points,
        borderColor: line.color,
        backgroundColor: line.color,
        borderWidth: 3 * s,
        pointRadius: few ? 4 * s : 0,
        pointBackgroundColor: line.color,
        pointBorderWidth: 0,
        spanGaps: false,
        tension: 0,
        order: 1,
        borderDash: line.dash?.map((d) => d * s),
      });
    }
  }

  for (const extra of spec.legendExtras ?? []) {
    legendIdx.add(datasets.length);
    datasets.push({
      label: extra.label,
      data: [],
      borderColor: extra.color,
      backgroundColor: extra.color,
      borderWidth: 0,
      pointRadius: 0,
    });
  }
  return { datasets, legendIdx };
}

/** The spec's annotations, plus the "nothing to plot" message in the middle of an empty panel. */
function panelAnnotations(spec: PanelSpec, theme: Theme, s: number): Record<string, AnnotationOptions> {
  const annotations: Record<string, AnnotationOptions> = { ...spec.annotations };
  if (spec.empty) {
    annotations.empty = {
      type: 'label',
      xValue: (spec.xMin + spec.xMax) / 2,
      yValue: 0.5,
      content: spec.empty,
      color: theme.mutedText,
      font: { size: FONT.subtitle * s },
    };
  }
  return annotations;
}

/** The shared x axis: fixed range, ticks and title on the bottom panel only, no inner padding. */
function xScale(spec: PanelSpec, theme: Theme, s: number) {
  const fitX = (scale: Scale) => {
    scale.paddingLeft = 0;
    scale.paddingRight = 0;
  };
  return {
    type: 'linear' as const,
    min: spec.xMin,
    max: spec.xMax,
    afterFit: fitX,
    // ticks at round labels of the user's numbering (0, 10, 20 for a 0-based epoch column), not at 1, 11, 21
    ...(spec.xLabelOffset
      ? {
          afterBuildTicks: (axis: { ticks: { value: number }[]; min: number; max: number }) => {
            const off = spec.xLabelOffset ?? 0;
            axis.ticks = axis.ticks
              .map((t) => ({ value: t.value - off }))
              .filter((t) => t.value > axis.min && t.value < axis.max);
          },
        }
      : {}),
    grid: { color: theme.grid, drawTicks: spec.bottom, tickLength: 6 * s },
    border: { color: theme.grid },
    ticks: {
      display: spec.bottom && !spec.empty,
      color: theme.text,
      font: { size: FONT.tick * s },
      maxTicksLimit: 9,
      // whole epochs / steps: no 1.2, 1.4, ... ticks on short runs (HF's fractional epochs
      // over a short range keep their decimals)
      ...(spec.xMax - spec.xMin >= 4 ? { precision: 0 } : {}),
      // no ticks at the (arbitrary) data bounds like 0.19 or 38.17
      includeBounds: false,
      maxRotation: 0,
      autoSkipPadding: 18 * s,
      callback: (v: number | string) => formatX(Number(v) + (spec.xLabelOffset ?? 0)),
    },
    title: {
      display: spec.bottom,
      text: spec.xTitle,
      color: theme.mutedText,
      font: { size: FONT.axisTitle * s },
      padding: { top: 2 * s, bottom: 0 },
    },
  };
}

/** The y axis: log or linear, a fixed width (Y_AXIS_WIDTH) so stacked panels line up, fixed or suggested bounds. */
function yScale(spec: PanelSpec, theme: Theme, s: number) {
  const tickFont = { size: FONT.tick * s };
  const fitY = (scale: Scale) => {
    scale.width = Y_AXIS_WIDTH * s;
  };
  const maxYTicks = spec.kind === 'lr' ? 3 : spec.kind === 'metric' ? 5 : 7;
  return spec.logScale
    ? {
        type: 'logarithmic' as const,
        afterFit: fitY,
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: {
          color: theme.text,
          font: tickFont,
          autoSkip: true,
          callback: (v: number | string) => formatLogTick(Number(v)),
        },
        ...(spec.ySuggestedMax !== undefined ? { suggestedMax: spec.ySuggestedMax } : {}),
        title: {
          display: true,
          text: `${spec.yTitle} (log)`,
          color: theme.mutedText,
          font: { size: FONT.axisTitle * s },
        },
      }
    : {
        type: 'linear' as const,
        afterFit: fitY,
        grace: '4%',
        beginAtZero: false,
        grid: { color: theme.grid },
        border: { color: theme.grid },
        ticks: {
          display: !spec.empty,
          color: theme.text,
          font: tickFont,
          maxTicksLimit: maxYTicks,
          callback: (v: number | string) => formatTick(Number(v)),
        },
        title: { display: true, text: spec.yTitle, color: theme.mutedText, font: { size: FONT.axisTitle * s } },
        ...(spec.empty ? { min: 0, max: 1 } : {}),
        ...(spec.yMin !== undefined ? { min: spec.yMin } : {}),
        ...(spec.yMax !== undefined ? { max: spec.yMax } : {}),
        ...(spec.ySuggestedMax !== undefined ? { suggestedMax: spec.ySuggestedMax } : {}),
      };
}

/** Title (the verdict) and subtitle, left-aligned above the plot. */
function headingPlugins(spec: PanelSpec, theme: Theme, s: number) {
  return {
    title: {
      display: Boolean(spec.title),
      text: spec.title ?? '',
      align: 'start' as const,
      color: theme.text,
      font: { size: FONT.title * s, weight: 'bold' as const },
      padding: { top: 4 * s, bottom: spec.subtitle ? 2 * s : 8 * s },
    },
    subtitle: {
      display: Boolean(spec.subtitle),
      text: spec.subtitle ?? '',
      align: 'start' as const,
      color: theme.mutedText,
      font: { size: FONT.subtitle * s },
      padding: { bottom: 8 * s },
    },
  };
}

/** The legend at the top right: only the datasets in legendIdx, each as a colour swatch. */
function legendPlugin(
  spec: PanelSpec,
  theme: Theme,
  s: number,
  legendIdx: Set<number>,
): NonNullable<Options['plugins']>['legend'] {
  return {
    display: spec.legend && legendIdx.size > 0,
    position: 'top',
    align: 'end',
    labels: {
      color: theme.text,
      font: { size: FONT.legend * s },
      boxWidth: 30 * s,
      boxHeight: 12 * s,
      padding: 14 * s,
      filter: (item) => legendIdx.has(item.datasetIndex ?? -1),
      generateLabels: (chart) =>
        chart.data.datasets.map((d, i) => ({
          text: String(d.label ?? ''),
          fillStyle: String(d.backgroundColor),
          strokeStyle: String(d.backgroundColor),
          lineWidth: 0,
          fontColor: theme.text,
          hidden: false,
          datasetIndex: i,
        })),
    },
  };
}
