/**
 * The best epoch (the diagnosis's marks.best_x): a vertical line in the theme's "best" colour,
 * labelled on the loss panel; near an edge the label moves beside the line so it is not cut off.
 */
import { FONT, type AnnotationOptions } from '../chart.js';
import { edgeAwarePosition, labelFont, vline, type MarkContext } from './mark.js';

export function bestMark(x: number, text: string | undefined, c: MarkContext): AnnotationOptions<'line'> {
  const pos = edgeAwarePosition(x, c);
  // near an edge the centred label would be cut: put it beside the line, on the inner side
  const half = text ? (text.length * FONT.annotation * 0.56 + 16) * c.s * 0.5 : 0;
  return vline(x, c.theme.best, c.s, {
    label: {
      display: Boolean(text),
      content: text ?? '',
      position: 'end',
      backgroundColor: c.theme.best,
      color: '#ffffff',
      font: labelFont(c.s),
      padding: { x: 8 * c.s, y: 4 * c.s },
      borderRadius: 4 * c.s,
      yAdjust: 4 * c.s,
      xAdjust: pos === 'start' ? half + 2 * c.s : pos === 'end' ? -half - 2 * c.s : 0,
    },
  });
}
