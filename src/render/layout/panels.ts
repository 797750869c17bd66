/**
 * Panel layout: how tall each stacked panel is, and drawing the panels into one image buffer with
 * the geometry of each (chart area, scales, legend) moved into final-image coordinates.
 */
import { buildConfig, type PanelSpec } from '../chart.js';
import { drawPanel, type Box } from '../canvas.js';
import { stackAndEncode } from '../encode/png.js';
import { DEFAULT_WIDTH, clampInt, type ChartLayout, type PanelLayout, type RenderOptions } from '../options.js';
import type { Theme } from '../theme.js';

/** Panel heights at 1000 px width. */
export const PANEL_HEIGHT = { loss: 500, metric: 260, lr: 130, other: 500 } as const;

export function panelHeights(kinds: PanelSpec['kind'][], width: number, height: number | undefined): number[] {
  const s = width / DEFAULT_WIDTH;
  const base = kinds.map((k) => PANEL_HEIGHT[k] * s);
  const total = base.reduce((a, b) => a + b, 0);
  const target = clampInt(height, 200, 6000, Math.round(total));
  const hs = base.map((h) => Math.max(60, Math.round((h * target) / total)));
  hs[0] += target - hs.reduce((a, b) => a + b, 0);
  return hs;
}

export async function compose(
  specs: PanelSpec[],
  width: number,
  theme: Theme,
  s: number,
  xOffset: number,
  stack?: RenderOptions['stack'],
): Promise<{ png: Buffer; layout: ChartLayout }> {
  const height = specs.reduce((t, p) => t + p.height, 0);
  // one RGB buffer for the whole image; each panel writes its rows at its offset
  const image = Buffer.allocUnsafe(width * height * 3);
  let row = 0;
  const drawn = specs.map((spec) => {
    const target = image.subarray(row * width * 3, (row + spec.height) * width * 3);
    row += spec.height;
    return drawPanel(width, spec.height, theme.background, buildConfig(spec, theme, s), target);
  });
  const panels: PanelLayout[] = [];
  let top = 0;
  specs.forEach((spec, i) => {
    const c = drawn[i].capture;
    const shift = (b: Box): Box => ({ left: b.left, right: b.right, top: b.top + top, bottom: b.bottom + top });
    panels.push({
      ...c,
      chartArea: shift(c.chartArea),
      legend: c.legend.map((l) => ({ ...l, swatch: { x: l.swatch.x, y: l.swatch.y + top } })),
      kind: spec.kind,
      top,
      height: spec.height,
    });
    top += spec.height;
  });
  const png = await stackAndEncode(
    image,
    drawn.map((d) => d.rgb),
    specs.map((p) => p.height),
    width,
    theme.background,
    stack,
  );
  return { png, layout: { width, height, theme: theme.name, panels, xOffset, bytes: png.length } };
}
