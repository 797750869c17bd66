/** The median of plain numbers (NaN for none). Non-finite values must be filtered by the caller. One copy for every layer. */
export function median(a: readonly number[]): number {
  if (a.length === 0) return NaN;
  const s = Float64Array.from(a).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
