import sharp from 'sharp';
import type { Diagnosis } from '../../src/diagnose/schema.js';
import { hexToRgb } from '../../src/render/theme.js';

export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
}

export async function decode(png: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    at(x, y) {
      const i = (Math.round(y) * info.width + Math.round(x)) * 3;
      return [data[i], data[i + 1], data[i + 2]];
    },
  };
}

export function near(a: readonly number[], b: readonly number[], tol = 6): boolean {
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol && Math.abs(a[2] - b[2]) <= tol;
}

export function rgb(hex: string): [number, number, number] {
  return hexToRgb(hex);
}

/** Count pixels of `color` in column x (and its neighbours +-1) between rows y0..y1. */
export function countInColumn(p: Pixels, x: number, y0: number, y1: number, color: readonly number[], tol = 8): number {
  let n = 0;
  for (let y = Math.ceil(y0); y < Math.floor(y1); y++) {
    for (const dx of [-1, 0, 1]) {
      if (near(p.at(x + dx, y), color, tol)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** A hand-built Diagnosis: render is a pure function of (log, diagnosis, options). */
export function makeDiagnosis(
  over: Partial<Omit<Diagnosis, 'marks'>> & { marks?: Partial<Diagnosis['marks']> } = {},
): Diagnosis {
  const { marks, ...rest } = over;
  return {
    pattern: 'good_fit',
    confidence: 0.9,
    findings: [],
    evidence: { points: 100, x_axis: 'epoch' },
    headline: 'test',
    reasons: [],
    series: { train: 'loss', val: 'val_loss' },
    run: { index: 0, count: 1, label: 'run 1' },
    alternatives: [],
    ...rest,
    marks: { non_finite_x: [], spike_x: [], ...(marks ?? {}) },
  };
}

/** Pixel x of data value v in a panel (Chart.js linear x scale). */
export function xPixel(
  panel: { chartArea: { left: number; right: number }; x: { min: number; max: number } },
  v: number,
): number {
  const { left, right } = panel.chartArea;
  return left + ((v - panel.x.min) / (panel.x.max - panel.x.min)) * (right - left);
}

/** Every pixel of `color` inside a box (e.g. a panel's chart area), row by row. */
export function pixelsOf(
  p: Pixels,
  box: { left: number; top: number; right: number; bottom: number },
  color: readonly number[],
  tol = 8,
): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let y = Math.ceil(box.top); y < Math.floor(box.bottom); y++)
    for (let x = Math.ceil(box.left); x < Math.floor(box.right); x++)
      if (near(p.at(x, y), color, tol)) out.push({ x, y });
  return out;
}
