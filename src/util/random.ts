/**
 * The one seeded random source: mulberry32 (a small, fast PRNG in [0, 1)), the same seeded through a
 * golden-ratio xor, and Box-Muller standard normals drawn from it. For generated data, fixtures,
 * initial weights and shuffling, never for secrets. Same seed, same sequence, on every machine.
 */

/** mulberry32: a small, fast, seeded PRNG in [0, 1) — for generated data, fixtures and shuffling, never for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32, seeded through a golden-ratio xor (so seed 0 is not the all-zero start). */
export function rng(seed: number): () => number {
  return mulberry32((seed >>> 0) ^ 0x9e3779b9);
}

/** One Box-Muller pair (u in (0, 1), v in [0, 1)) as [cos half, sin half]. */
function boxMuller(r: () => number): [number, number] {
  let u = 0;
  while (u === 0) u = r();
  const v = r();
  const m = Math.sqrt(-2 * Math.log(u));
  return [m * Math.cos(2 * Math.PI * v), m * Math.sin(2 * Math.PI * v)];
}

/** Standard normals from `r`, two per Box-Muller pair (the cos half, then the sin half). */
export function gaussian(r: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const [c, s] = boxMuller(r);
    spare = s;
    return c;
  };
}

/** One standard normal per Box-Muller pair (the cos half; the sin half is dropped). */
export function normal(r: () => number): number {
  return boxMuller(r)[0];
}

/** Fisher-Yates, in place, driven by `r`. */
export function shuffleInPlace<T>(a: T[] | Int32Array, r: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
