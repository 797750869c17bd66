/** The overlay's per-run best point: a dot in the run's colour on its lowest value. */
import type { AnnotationOptions } from '../chart.js';
import type { Theme } from '../theme.js';

export interface BestPoint {
  x: number;
  y: number;
  color: string;
}

export function bestPointMark(b: BestPoint, theme: Theme, s: number): AnnotationOptions {
  return {
    type: 'point',
    xValue: b.x,
    yValue: b.y,
    radius: 6 * s,
    backgroundColor: b.color,
    borderColor: theme.background,
    borderWidth: 2 * s,
    drawTime: 'afterDatasetsDraw',
  };
}
