/**
 * What a caller passes to the renderers and what they hand back: the render options, the drawn
 * geometry (ChartLayout), overlay items, the default sizes, and the one place options are clamped.
 */
import type { Diagnosis } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';
import type { PanelSpec } from './chart.js';
import type { PanelCapture } from './canvas.js';
import { DEFAULT_SMOOTHING } from './data.js';
import { THEMES, type ThemeName } from './theme.js';

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

export const DEFAULT_WIDTH = 1000;
export const MAX_OVERLAY_RUNS = 10;

export function clampInt(v: number | undefined, lo: number, hi: number, dflt: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

/** Theme, width, scale factor s (= width / 1000) and smoothing weight, with defaults and clamps. */
export function resolveCommon(options: RenderOptions) {
  const theme = THEMES[options.theme ?? 'dark'] ?? THEMES.dark;
  const width = clampInt(options.width, 320, 4000, DEFAULT_WIDTH);
  const s = width / DEFAULT_WIDTH;
  const smoothing =
    options.smoothing === undefined ? DEFAULT_SMOOTHING : Math.max(0, Math.min(0.999, options.smoothing));
  return { theme, width, s, smoothing };
}
