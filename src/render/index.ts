/**
 * render: (TrainingLog, Diagnosis, options) -> PNG. A pure function of its inputs.
 *
 * Panels (Chart.js on node-canvas, stacked with sharp): the monitored loss pair on top with the
 * verdict as title, the main metric below when there is one, the learning rate as a thin strip when
 * logged. Raw series are thin and faded, an EMA-smoothed copy is bold on top. Diagnosis marks become
 * annotations (chartjs-plugin-annotation): best epoch, overfitting region, NaN/inf, spikes, run
 * boundaries. See docs/charts.md.
 *
 * The folder: series/ (what to plot: picking, runs joined end to end, downsampling and smoothing),
 * annotations/ (one file per mark), layout/ (panel heights, y axes, drawing the stacked panels),
 * encode/ (PNG encoding, writing files), diagnosed.ts and overlay.ts (the two kinds of chart),
 * chart.ts (one panel's Chart.js configuration), canvas.ts (drawing it). This file is the barrel.
 */
export { render, renderWithLayout } from './diagnosed.js';
export { renderOverlay, renderOverlayWithLayout } from './overlay.js';
export { writeChart, writeOverlayChart, type WriteResult } from './encode/write.js';
export { PNG_MAX_BYTES, PNG_SIZE_BUDGET } from './encode/png.js';
export { PANEL_HEIGHT } from './layout/panels.js';
export {
  DEFAULT_WIDTH,
  MAX_OVERLAY_RUNS,
  type ChartLayout,
  type OverlayItem,
  type PanelLayout,
  type RenderOptions,
} from './options.js';
export { pickLossPair, pickLr, pickMetricPair } from './series/pick.js';
export { THEMES, type ThemeName } from './theme.js';
export { DEFAULT_SMOOTHING, MAX_PLOT_POINTS, LOG_SCALE_DECADES, MIN_POINTS_TO_SMOOTH } from './data.js';
export type { Box, AxisCapture, LegendCapture } from './canvas.js';
export { keepRendererLoaded } from './native.js';
export { renderSearchProgress, type SearchCurve } from './search.js';
export { renderTrend, MAX_TREND_POINTS, type TrendPoint } from './trend.js';
