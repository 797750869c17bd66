/**
 * The LSTM forward step's gate math in WebAssembly SIMD (kernels/lstm-gates.wat), 4 units per
 * instruction. The step's arrays live in the kernel's memory (an arena per batch shape), so JS reads
 * them in place for the backward pass; what is copied in is the matmul outputs (the recurrent term each
 * step, the input projection of a multi-feature layer) and a one-feature layer's x, W and b.
 * Used when the layer's units are a multiple of 4; otherwise fused.ts's scalar loop runs.
 */
import { WASM_BASE64 } from './kernels/lstm-gates.wasm.js';

/** Arena size above which a shape's arrays are not put in the kernel's memory (it never shrinks): the scalar loop takes those (huge validation blocks). */
export const GATES_MAX_BYTES = 32 << 20;
/** Start over (drop every shape's region) when the arena passes this; the memory stays with its shard. */
const ARENA_RESET_BYTES = 96 << 20;
const PAGE = 65536;

/** the slice of the WebAssembly JS API used here (tsconfig has no DOM lib, where its types live) */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number }) => WasmMemory;
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type StepFn = (
  xw: number,
  wb: number,
  r: number,
  c: number,
  i: number,
  f: number,
  o: number,
  g: number,
  tc: number,
  h: number,
  t: number,
  B: number,
  u: number,
) => void;

let compiled: object | null | undefined;

function module(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new WA.Module(Buffer.from(WASM_BASE64, 'base64'));
    } catch {
      compiled = null; // no SIMD128 in this runtime: the scalar loop it is
    }
  }
  return compiled ?? null;
}

export class GateKernel {
  private readonly memory: WasmMemory;
  private readonly stepFn: StepFn;
  private readonly regions = new Map<string, number>();
  private next = 0;

  private constructor(mod: object) {
    this.memory = new WA.Memory({ initial: 1 });
    const inst = new WA.Instance(mod, { env: { memory: this.memory } });
    this.stepFn = inst.exports.step as StepFn;
  }

  /** a kernel with its own memory (one per FusedShard), or null when the runtime has no wasm SIMD */
  static create(): GateKernel | null {
    const mod = module();
    return mod ? new GateKernel(mod) : null;
  }

  /**
   * Float32 arrays of the given lengths in the kernel's memory, the same region each time for the
   * same key. Call once per forward pass with every array it needs: growing the memory detaches the
   * views handed out before. Undefined when they would take more than GATES_MAX_BYTES.
   */
  arrays(key: string, lengths: number[]): Float32Array[] | undefined {
    const padded = lengths.map((n) => Math.ceil(n / 4) * 16); // 16-byte aligned
    const total = padded.reduce((a, b) => a + b, 0);
    if (total > GATES_MAX_BYTES) return undefined;
    let off = this.regions.get(key);
    if (off === undefined) {
      if (this.next + total > ARENA_RESET_BYTES) {
        this.regions.clear();
        this.next = 0;
      }
      off = this.next;
      this.next += total;
      this.regions.set(key, off);
      const have = this.memory.buffer.byteLength;
      if (this.next > have) this.memory.grow(Math.ceil((this.next - have) / PAGE));
    }
    const buf = this.memory.buffer;
    return lengths.map((n, k) => {
      const view = new Float32Array(buf, off, n);
      off! += padded[k];
      return view;
    });
  }

  /**
   * stepForward (fused.ts) for step t; every array must come from arrays(); R undefined at t = 0.
   * With WB (a one-feature layer's W then b), XW is the input x [T*B] and x*W + b is computed here.
   */
  step(
    XW: Float32Array,
    WB: Float32Array | undefined,
    R: Float32Array | undefined,
    t: number,
    B: number,
    u: number,
    I: Float32Array,
    F: Float32Array,
    O: Float32Array,
    G: Float32Array,
    C: Float32Array,
    TC: Float32Array,
    H: Float32Array,
  ): void {
    this.stepFn(
      XW.byteOffset,
      WB ? WB.byteOffset : -1,
      R ? R.byteOffset : -1,
      C.byteOffset,
      I.byteOffset,
      F.byteOffset,
      O.byteOffset,
      G.byteOffset,
      TC.byteOffset,
      H.byteOffset,
      t,
      B,
      u,
    );
  }
}
