/** A CSVLogger-like text: an `epoch` column counting from 1, then one column per series (a '' cell: not logged). */
export function epochCsv(cols: Record<string, (number | string)[]>): string {
  const n = Math.max(0, ...Object.values(cols).map((c) => c.length));
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `${i + 1},${Object.values(cols)
        .map((c) => c[i] ?? '')
        .join(',')}`,
  );
  return ['epoch,' + Object.keys(cols).join(','), ...rows].join('\n');
}
