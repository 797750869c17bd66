/** Boundaries between runs joined end to end (or a resumed training's sessions): dashed vertical lines, labelled "run 2", "run 3", .... */
import type { AnnotationOptions } from '../chart.js';
import type { Boundary } from '../series/runs.js';
import { labelFont, vline, type MarkContext } from './mark.js';

/** Run-boundary labels are drawn only up to this many runs (lines always). */
export const MAX_LABELLED_BOUNDARIES = 8;

export function boundaryMarks(bs: Boundary[], c: MarkContext, labelled: boolean): Record<string, AnnotationOptions> {
  const out: Record<string, AnnotationOptions> = {};
  bs.forEach(({ x, label }, i) => {
    out[`run${i}`] = vline(x, c.theme.boundary, c.s, {
      borderWidth: 2 * c.s,
      borderDash: [8 * c.s, 6 * c.s],
      drawTime: 'beforeDatasetsDraw',
      label: {
        display: labelled,
        content: label,
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
