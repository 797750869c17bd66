/**
 * What every annotation builder shares: the context a mark is drawn in (theme, scale, x range), a
 * vertical line, the label font, and where a label near the plot's edge is anchored.
 */
import { FONT, type AnnotationOptions } from '../chart.js';
import type { Theme } from '../theme.js';

/** NaN / spike markers closer than this fraction of the x range merge into one. */
export const MARK_MIN_GAP_FRACTION = 1 / 150;

export interface MarkContext {
  theme: Theme;
  s: number;
  xMin: number;
  xMax: number;
}

export function vline(
  x: number,
  color: string,
  s: number,
  extra: Partial<AnnotationOptions<'line'>> = {},
): AnnotationOptions<'line'> {
  return {
    type: 'line',
    xMin: x,
    xMax: x,
    borderColor: color,
    borderWidth: 3 * s,
    drawTime: 'afterDatasetsDraw',
    ...extra,
  };
}

export function labelFont(s: number, bold = true) {
  return { size: FONT.annotation * s, weight: bold ? ('bold' as const) : ('normal' as const) };
}

/** Where a label centred at x would be clipped, anchor it by its side instead. */
export function edgeAwarePosition(x: number, c: MarkContext): 'start' | 'center' | 'end' {
  const f = (x - c.xMin) / (c.xMax - c.xMin || 1);
  return f < 0.15 ? 'start' : f > 0.85 ? 'end' : 'center';
}
