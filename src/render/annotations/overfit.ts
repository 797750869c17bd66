/** The overfitting region (marks.overfit_from_x): shaded from there to the end of the x axis. */
import type { AnnotationOptions } from '../chart.js';
import { withAlpha } from '../theme.js';
import type { MarkContext } from './mark.js';

/** The overfitting region, shaded from overfit_from_x to the end (named in the legend). */
export function overfitBox(from: number, c: MarkContext): AnnotationOptions<'box'> {
  return {
    type: 'box',
    xMin: from,
    xMax: c.xMax,
    backgroundColor: withAlpha(c.theme.overfit, c.theme.overfitAlpha),
    borderWidth: 0,
    drawTime: 'beforeDatasetsDraw',
  };
}
