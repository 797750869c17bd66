/** What changed between two runs' training configs: every leaf that differs, by dotted path ("optimizer.lr"). */

export interface ConfigChange {
  path: string;
  a: unknown;
  b: unknown;
}

/** OURS: a config diff lists at most this many changes (the rest are counted, not shown) */
export const MAX_CHANGES = 50;

function flatten(v: unknown, prefix: string, out: Map<string, unknown>, depth: number): void {
  if (v !== null && typeof v === 'object' && depth < 8) {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (entries.length === 0) out.set(prefix, v);
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else out.set(prefix, v);
}

/** Changed, added (a undefined) and removed (b undefined) leaves, in path order. Null configs give []. */
export function configChanges(
  a: Record<string, unknown> | null | undefined,
  b: Record<string, unknown> | null | undefined,
): ConfigChange[] {
  if (!a || !b) return [];
  const fa = new Map<string, unknown>();
  const fb = new Map<string, unknown>();
  flatten(a, '', fa, 0);
  flatten(b, '', fb, 0);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(fa.get(p)) !== JSON.stringify(fb.get(p)))
    .map((path) => ({ path, a: fa.get(path), b: fb.get(path) }));
}
