/**
 * PNG encoding with sharp: the stacked panels' RGB rows in, a PNG out. Over PNG_SIZE_BUDGET the
 * image is re-encoded as a 256-colour palette, over PNG_MAX_BYTES it is scaled down until it fits.
 */
import sharp from 'sharp';
import type { RenderOptions } from '../options.js';

/** PNGs above this are re-encoded as a 256-colour palette. */
export const PNG_SIZE_BUDGET = 300 * 1024;
/** Hard cap (Discord's upload limit); above it the image is scaled down. */
export const PNG_MAX_BYTES = 10 * 1024 * 1024;
/** zlib level for the first (fast) encode; palette quantisation only when over PNG_SIZE_BUDGET. */
const PNG_COMPRESSION = 3;

/**
 * Encode the stacked panels with sharp. By default the panels were drawn straight into one image
 * buffer (equal widths: stacking is row order), so sharp makes a single pass. stack 'composite'
 * instead places each panel with sharp's extend + composite: the same pixels, one more pass
 * (~5 ms of a ~30 ms render).
 */
export async function stackAndEncode(
  image: Buffer,
  panels: Buffer[],
  heights: number[],
  width: number,
  background: string,
  stack: RenderOptions['stack'],
): Promise<Buffer> {
  const height = heights.reduce((a, b) => a + b, 0);
  const raw = { width, channels: 3 as const };
  const useComposite = stack === 'composite';
  const input = (): ReturnType<typeof sharp> => {
    if (panels.length === 1 || !useComposite) return sharp(image, { raw: { ...raw, height } });
    let top = heights[0];
    return sharp(panels[0], { raw: { ...raw, height: heights[0] } })
      .extend({ bottom: height - heights[0], background })
      .composite(
        panels.slice(1).map((p, i) => {
          const at = top;
          top += heights[i + 1];
          return { input: p, raw: { ...raw, height: heights[i + 1] }, top: at, left: 0 };
        }),
      )
      .removeAlpha();
  };
  let png = await input().png({ compressionLevel: PNG_COMPRESSION, adaptiveFiltering: false }).toBuffer();
  if (png.length > PNG_SIZE_BUDGET)
    png = await input().png({ palette: true, quality: 90, effort: 4, compressionLevel: 9 }).toBuffer();
  let w = width;
  while (png.length > PNG_MAX_BYTES && w > 200) {
    w = Math.round(w * 0.7);
    png = await sharp(png).resize({ width: w }).png({ palette: true, compressionLevel: 9 }).toBuffer();
  }
  return png;
}
