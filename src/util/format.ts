/**
 * The formatter family: numbers, shares, byte counts and durations as people read them, one
 * definition each. Every surface (CLI, bot, jobs) and every core module that prints a number uses
 * these instead of its own `toFixed` / `toPrecision` helper, so the same value reads the same
 * everywhere. Pure functions, no imports: the bottom layer.
 */

/** `v` rounded to `digits` significant digits, trailing zeros dropped (0.1235, 12.3); NaN/Infinity as JavaScript writes them. */
export function sig(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toPrecision(digits));
  // from a million up, the digits past `digits` would be zeros the file never had: 2.14e+14, not 214000000000000
  return Math.abs(r) >= 1e6 ? r.toExponential(digits - 1).replace(/\.?0+e/, 'e') : String(r);
}

/** sig(), with '-' for a missing value (table cells, progress lines). */
export function sigOrDash(v: number | undefined | null, digits: number): string {
  return v === undefined || v === null ? '-' : sig(v, digits);
}

/**
 * `digits` significant digits, or exponent notation (`digits - 1` decimals) for values below 1e-3
 * or from 1e5 up: 0.1235, 1.235e-4, 1.235e+5.
 */
export function compact(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return sig(v, digits);
}

/** A share (0.123) as a percentage with fixed decimals: "12.3%". */
export function percent(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/** A byte count in binary units: "512 bytes", "1.5 KiB", "8.0 MiB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Milliseconds as seconds with one decimal: "12.3 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** An estimate rounded up to something a person reads: "~40 s", "~14 min". */
export function formatEstimate(seconds: number): string {
  if (seconds < 90) return `~${Math.max(1, Math.ceil(seconds))} s`;
  return `~${Math.ceil(seconds / 60)} min`;
}

/** A configured limit as set: "45 s" under a minute, else minutes with at most one decimal ("5 min", "2.5 min"). */
export function formatLimit(seconds: number): string {
  return seconds < 60 ? `${Math.round(seconds)} s` : `${Number((seconds / 60).toFixed(1))} min`;
}

/**
 * A measured value for prose (the advice's evidence tables): integers as they are, exponent form with
 * trailing zeros dropped below 1e-3 and from 1e5 (3.1e-5), one decimal from 100, else 3 significant digits.
 */
export function readable(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (Number.isInteger(v) && a < 1e7) return String(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  if (a >= 100) return String(Math.round(v * 10) / 10);
  return String(Number(v.toPrecision(3)));
}

/** A share for prose: whole percents from 10%, one decimal from 1%, two digits below, "<0.01%" for tiny ones, exponent form from 1e6%. */
export function readablePercent(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const p = v * 100;
  const a = Math.abs(p);
  if (a > 0 && a < 0.01) return p < 0 ? '>-0.01%' : '<0.01%';
  // a blown-up run's changes: 8.63e+20%, not 21 invented digits
  if (a >= 1e6) return `${p.toExponential(2).replace(/\.?0+e/, 'e')}%`;
  return `${a >= 10 || a === 0 ? Math.round(p) : a >= 1 ? p.toFixed(1) : p.toPrecision(2)}%`;
}
