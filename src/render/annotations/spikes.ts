/** Loss spikes (marks.spike_x): a ring on the curve at each spike, thinned on long logs. */
import type { AnnotationOptions } from '../chart.js';
import { thinMarks, valueAt } from '../data.js';
import { MARK_MIN_GAP_FRACTION, type MarkContext } from './mark.js';

export function spikeMarks(
  xs: number[],
  series: { x: ArrayLike<number>; y: ArrayLike<number> }[],
  c: MarkContext,
): Record<string, AnnotationOptions> {
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
