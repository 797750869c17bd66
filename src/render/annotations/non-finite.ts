/**
 * NaN / inf positions (marks.non_finite_x plus any in the plotted loss pair): a run of consecutive
 * non-finite points becomes a shaded band over its span, an isolated one a cross on the x axis; the
 * first one is labelled "NaN/inf from epoch N".
 */
import type { AnnotationContext, AnnotationOptions } from '../chart.js';
import { formatX } from '../text.js';
import { withAlpha } from '../theme.js';
import { MARK_MIN_GAP_FRACTION, edgeAwarePosition, labelFont, type MarkContext } from './mark.js';

/**
 * NaN / inf positions: a run of consecutive non-finite points becomes a shaded band over its span
 * (the loss is undefined there), an isolated one a cross on the x axis. The first gets a label.
 */
export function nonFiniteMarks(
  xs: number[],
  dx: number,
  c: MarkContext,
  withLabel: boolean,
  xAxis: string,
  /** a plotted x as the user's file labels it */
  label: (x: number) => number = (x) => x,
): Record<string, AnnotationOptions> {
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
      content: `NaN/inf from ${xAxis} ${formatX(label(first))}`,
      color: c.theme.nonFinite,
      backgroundColor: c.theme.labelBackground,
      font: labelFont(c.s),
      padding: 4 * c.s,
      drawTime: 'afterDraw',
    };
  }
  return out;
}
