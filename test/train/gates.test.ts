import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadTf } from '../../src/train/engine/backend.js';
import { FusedShard, viewParams, paramSizes, maskColumns, type Layout } from '../../src/train/engine/fused.js';
import { GateKernel, GATES_MAX_BYTES } from '../../src/train/engine/gates.js';
import { WASM_BASE64 } from '../../src/train/engine/kernels/lstm-gates.wasm.js';
import { compileWat, KERNEL_DIR } from '../../scripts/build-kernels.js';
import { rng } from '../../src/util/random.js';

/** a shard with the SIMD gate kernel and one with the scalar loop, on the same weights */
async function shards(layout: Layout, seed: number, scale = 0.3) {
  const { tf } = await loadTf();
  const P = paramSizes(layout).reduce((a, b) => a + b, 0);
  const r = rng(seed);
  const flat = new Float32Array(P).map(() => (r() - 0.5) * 2 * scale);
  const before = process.env.CURVE_TRIAGE_GATES;
  const simd = new FusedShard(tf, viewParams(layout, flat));
  process.env.CURVE_TRIAGE_GATES = 'js';
  const scalar = new FusedShard(tf, viewParams(layout, flat));
  if (before === undefined) delete process.env.CURVE_TRIAGE_GATES;
  else process.env.CURVE_TRIAGE_GATES = before;
  return { simd, scalar, P };
}

const lstm = (inp: number, units: number) => ({ in: inp, units, dropout: 0, recurrentDropout: 0, l2: 0 });

describe('the SIMD gate kernel', () => {
  it('is built from its source (npm run build:kernels)', async () => {
    const bytes = await compileWat(join(KERNEL_DIR, 'lstm-gates.wat'));
    expect(Buffer.from(bytes).toString('base64')).toBe(WASM_BASE64);
  });

  it('loads in this runtime', () => {
    expect(GateKernel.create()).not.toBeNull();
  });

  it('gives the scalar loop’s predictions and gradients to float32 precision, one and two input features', async () => {
    const layouts: Layout[] = [
      { lstm: [lstm(1, 8)], dense: [], out: { in: 8, out: 1, activation: 'linear', dropout: 0 } },
      {
        lstm: [lstm(1, 12), lstm(12, 6), lstm(6, 16)],
        dense: [{ in: 16, out: 4, activation: 'tanh', dropout: 0 }],
        out: { in: 4, out: 1, activation: 'linear', dropout: 0 },
      },
    ];
    for (const [li, layout] of layouts.entries()) {
      const { simd, scalar, P } = await shards(layout, 7 + li);
      const B = 5;
      const T = 7;
      const r = rng(99);
      const x = new Float32Array(T * B).map(() => (r() - 0.5) * 6);
      const y = new Float32Array(B).map(() => r());
      const masks = maskColumns(layout).map(() => undefined);
      const ga = new Float32Array(P);
      const gb = new Float32Array(P);
      const a = simd.grad(x, B, T, y, B, masks, ga);
      const b = scalar.grad(x, B, T, y, B, masks, gb);
      a.pred.forEach((v, i) => expect(v).toBeCloseTo(b.pred[i], 5));
      const scale = Math.max(...gb.map(Math.abs));
      ga.forEach((v, i) => expect(Math.abs(v - gb[i])).toBeLessThan(1e-5 * scale + 1e-7));
    }
  });

  it('saturates like the scalar loop on huge pre-activations and keeps NaN', async () => {
    const layout: Layout = { lstm: [lstm(1, 4)], dense: [], out: { in: 4, out: 1, activation: 'linear', dropout: 0 } };
    const { simd, scalar } = await shards(layout, 3, 50);
    const x = new Float32Array([1e6, -1e6, 40, -40, 0, 3, -3, 1e30]);
    const a = simd.predict(x, 8, 1);
    const b = scalar.predict(x, 8, 1);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
    expect(simd.predict(new Float32Array([NaN, 1]), 2, 1)[0]).toBeNaN();
  });

  it('hands out aligned arrays in its own memory, the same region for the same shape, and none past its cap', () => {
    const k = GateKernel.create()!;
    const [a, b] = k.arrays('s', [3, 5])!;
    expect(a.byteOffset % 16).toBe(0);
    expect(b.byteOffset % 16).toBe(0);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 12);
    a[0] = 42;
    const grown = k.arrays('big', [4 << 20]); // 16 MB: the memory grows
    expect(grown?.[0].length).toBe(4 << 20);
    expect(k.arrays('s', [3, 5])![0][0]).toBe(42);
    expect(k.arrays('huge', [GATES_MAX_BYTES / 4 + 4])).toBeUndefined();
  });
});
