/**
 * Chart.js on node-canvas: one ChartJSNodeCanvas (one Chart.js copy with the annotation plugin
 * registered) drawing panels of any size, and a capture of the drawn geometry (chart area, scale
 * ranges, legend boxes) for tests and callers.
 */
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartConfiguration, Chart, Plugin } from 'chart.js';
import { FONT_FAMILY } from './theme.js';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface AxisCapture {
  type: 'linear' | 'logarithmic';
  min: number;
  max: number;
}

export interface LegendCapture {
  text: string;
  /** the swatch colour as configured */
  color: string;
  /** centre of the colour swatch, panel coordinates */
  swatch: { x: number; y: number };
}

export interface PanelCapture {
  chartArea: Box;
  x: AxisCapture;
  y: AxisCapture;
  legend: LegendCapture[];
  /** points per dataset actually handed to Chart.js */
  datasetPoints: number[];
}

/**
 * chartjs-node-canvas binds a canvas size to each instance, and each instance loads a private
 * Chart.js copy (~40 ms). Panels come in several sizes, so this subclass keeps one instance (one
 * Chart.js with the annotation plugin registered) and creates a canvas of the requested size per
 * draw, the same way ChartJSNodeCanvas.renderChart does.
 */
class PanelCanvas extends ChartJSNodeCanvas {
  constructor() {
    super({
      width: 1,
      height: 1,
      // by name: chartjs-node-canvas loads a private Chart.js copy and the plugin must bind to it
      plugins: { modern: ['chartjs-plugin-annotation'] },
      chartCallback: (C) => {
        C.defaults.font.family = FONT_FAMILY;
        C.defaults.devicePixelRatio = 1;
      },
    });
  }

  /** Draw a chart on a new width x height canvas; returns cairo's raw ARGB32 pixels. */
  drawRaw(width: number, height: number, config: ChartConfiguration): Buffer {
    const canvas = this._createCanvas(width, height) as unknown as {
      style?: object;
      getContext(t: '2d'): unknown;
      toBuffer(mime: 'raw'): Buffer;
    };
    canvas.style = canvas.style ?? {};
    config.options = { ...(config.options ?? {}), responsive: false, animation: false };
    const g = globalThis as { Image?: unknown };
    g.Image = this._image; // as chartjs-node-canvas does: some plugins look for it
    let chart: { destroy(): void } | undefined;
    try {
      chart = new this._chartJs(canvas.getContext('2d') as never, config as never);
      return canvas.toBuffer('raw');
    } finally {
      delete g.Image;
      chart?.destroy();
    }
  }
}

let shared: PanelCanvas | undefined;

function panelCanvas(): PanelCanvas {
  shared ??= new PanelCanvas();
  return shared;
}

function axis(chart: Chart, id: string): AxisCapture {
  const s = chart.scales[id];
  return { type: s?.type === 'logarithmic' ? 'logarithmic' : 'linear', min: s?.min ?? NaN, max: s?.max ?? NaN };
}

function capturePlugin(background: string, out: { capture?: PanelCapture }): Plugin {
  return {
    id: 'curveTriageCapture',
    beforeDraw(chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
    afterDraw(chart) {
      const a = chart.chartArea;
      const legend = chart.legend;
      const items = legend?.legendItems ?? [];
      const boxes =
        (legend as unknown as { legendHitBoxes?: { left: number; top: number; height: number }[] })?.legendHitBoxes ??
        [];
      const boxWidth = (chart.options.plugins?.legend?.labels?.boxWidth as number | undefined) ?? 40;
      out.capture = {
        chartArea: { left: a.left, top: a.top, right: a.right, bottom: a.bottom },
        x: axis(chart, 'x'),
        y: axis(chart, 'y'),
        legend: items.map((item, i) => ({
          text: String(item.text),
          color: String(item.strokeStyle ?? item.fillStyle ?? ''),
          swatch: {
            x: (boxes[i]?.left ?? NaN) + boxWidth / 2,
            y: (boxes[i]?.top ?? NaN) + (boxes[i]?.height ?? 0) / 2,
          },
        })),
        datasetPoints: chart.data.datasets.map((d) => d.data.length),
      };
    },
  };
}

/**
 * Draw one panel. Returns packed RGB pixels (width*height*3; written into `target` when given, so
 * stacked panels land in one image buffer) and the captured geometry.
 */
export function drawPanel(
  width: number,
  height: number,
  background: string,
  config: ChartConfiguration,
  target?: Buffer,
): { rgb: Buffer; capture: PanelCapture } {
  const out: { capture?: PanelCapture } = {};
  const full = { ...config, plugins: [...(config.plugins ?? []), capturePlugin(background, out)] };
  // 'raw' = cairo ARGB32, native endian (B, G, R, A bytes on little-endian machines)
  const raw = panelCanvas().drawRaw(width, height, full as ChartConfiguration);
  const rgb = argbToRgb(raw, width * height, target);
  if (!out.capture) throw new Error('chart did not draw');
  return { rgb, capture: out.capture };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** cairo ARGB32 (native-endian words, opaque here) -> packed RGB bytes. */
export function argbToRgb(raw: Buffer, pixels: number, target?: Buffer): Buffer {
  const rgb = target ?? Buffer.allocUnsafe(pixels * 3);
  if (rgb.length < pixels * 3) throw new Error('target buffer too small');
  const words = new Uint32Array(raw.buffer, raw.byteOffset, pixels);
  if (raw.byteOffset % 4 !== 0) throw new Error('unaligned canvas buffer');
  if (LITTLE_ENDIAN) {
    for (let i = 0, j = 0; i < pixels; i++, j += 3) {
      const v = words[i];
      rgb[j] = (v >>> 16) & 0xff;
      rgb[j + 1] = (v >>> 8) & 0xff;
      rgb[j + 2] = v & 0xff;
    }
  } else {
    for (let i = 0, j = 0; i < pixels * 4; i += 4, j += 3) {
      rgb[j] = raw[i + 1];
      rgb[j + 1] = raw[i + 2];
      rgb[j + 2] = raw[i + 3];
    }
  }
  return rgb;
}
