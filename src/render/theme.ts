/**
 * Colours and fonts. Series colours come from the Okabe-Ito palette (colour-blind safe); overlay
 * runs use Paul Tol's qualitative schemes ("light" on dark backgrounds, "muted" on light).
 */
export type ThemeName = 'dark' | 'light';

export interface Theme {
  name: ThemeName;
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  train: string;
  val: string;
  best: string;
  overfit: string;
  /** alpha of the overfitting shade */
  overfitAlpha: number;
  nonFinite: string;
  spike: string;
  lr: string;
  boundary: string;
  labelBackground: string;
  /** overlay palette, up to 10 runs */
  runs: readonly string[];
}

/** Okabe-Ito */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Paul Tol "light" (for dark backgrounds) plus white. */
export const TOL_LIGHT = [
  '#77AADD',
  '#EE8866',
  '#44BB99',
  '#EEDD88',
  '#FFAABB',
  '#99DDFF',
  '#BBCC33',
  '#AAAA00',
  '#DDDDDD',
  '#FFFFFF',
] as const;
/** Paul Tol "muted" (for light backgrounds) plus a dark grey. */
export const TOL_MUTED = [
  '#332288',
  '#CC6677',
  '#117733',
  '#DDCC77',
  '#88CCEE',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
  '#555555',
] as const;

export const THEMES: Record<ThemeName, Theme> = {
  dark: {
    name: 'dark',
    background: '#313338', // Discord dark message background
    text: '#dbdee1',
    mutedText: '#b5bac1',
    grid: 'rgba(219,222,225,0.13)',
    train: OKABE_ITO.skyBlue,
    val: OKABE_ITO.orange,
    best: OKABE_ITO.bluishGreen,
    overfit: OKABE_ITO.vermillion,
    overfitAlpha: 0.2,
    nonFinite: '#FF5A4E',
    spike: OKABE_ITO.reddishPurple,
    lr: '#b5bac1',
    boundary: '#949ba4',
    labelBackground: 'rgba(30,31,34,0.88)',
    runs: TOL_LIGHT,
  },
  light: {
    name: 'light',
    background: '#ffffff',
    text: '#2e3338',
    mutedText: '#5c5e66',
    grid: 'rgba(46,51,56,0.12)',
    train: OKABE_ITO.blue,
    val: '#D08C00', // Okabe-Ito orange, a shade darker for contrast on white
    best: OKABE_ITO.bluishGreen,
    overfit: OKABE_ITO.vermillion,
    overfitAlpha: 0.13,
    nonFinite: OKABE_ITO.vermillion,
    spike: OKABE_ITO.reddishPurple,
    lr: '#5c5e66',
    boundary: '#80848e',
    labelBackground: 'rgba(255,255,255,0.9)',
    runs: TOL_MUTED,
  },
};

export const FONT_FAMILY = "Lato, 'DejaVu Sans', sans-serif";

/** '#rrggbb' -> [r, g, b] */
export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r},${g},${b},${alpha})`;
}

/** The opaque colour of `hex` at `alpha` over `background` (what the shade looks like on screen). */
export function blend(hex: string, alpha: number, background: string): [number, number, number] {
  const c = hexToRgb(hex);
  const b = hexToRgb(background);
  return [0, 1, 2].map((i) => Math.round(c[i] * alpha + b[i] * (1 - alpha))) as [number, number, number];
}
