/**
 * The shared-memory protocol between a training thread and its peer thread (peer.ts), which computes
 * the second row block of every batch. Commands go through a small Int32Array on a SharedArrayBuffer
 * (Atomics.wait / notify: a few µs per round trip, no event loop involved); the rows, masks, gradients
 * and predictions go through one SharedArrayBuffer per network, laid out by ioLayout().
 */
import type { Layout } from '../engine/fused.js';
import type { OptimizerConfig } from '../engine/update.js';
import { maskColumns, paramSizes } from '../engine/fused.js';

/** slots of the control array */
export const SEQ = 0; // bumped by the coordinator after writing a command
export const DONE = 1; // set to SEQ by the peer when the command is finished
export const CMD = 2;
export const NET = 3;
export const ROWS = 4; // rows in the peer's block
export const STEPS = 5; // T
export const BFULL = 6; // rows in the whole batch (the loss is the mean over them)
export const STATUS = 7; // 0 ok, 1 failed (the error text follows on the port)
export const SLEEP = 8; // nobody notifies it: Atomics.wait on it is a sleep
export const LO = 9; // update: the range of weights the peer updates
export const HI = 10;
export const CTRL_INTS = 11;

export const enum Cmd {
  Register = 1,
  Grad = 2,
  Predict = 3,
  Forget = 4,
  Update = 5,
}

export interface RegisterMessage {
  id: number;
  layout: Layout;
  /** the weights, written by the coordinator between batches, read by the peer during one */
  params: SharedArrayBuffer;
  io: SharedArrayBuffer;
  /** the training thread's gradient (the peer adds its own to it for the weights it updates) and the optimiser's state */
  g0: SharedArrayBuffer;
  m: SharedArrayBuffer;
  v: SharedArrayBuffer;
  optimizer: OptimizerConfig;
  /** the SIMD gate kernel on or off, as in the training thread (the peer's environment is a copy from its start) */
  gates: boolean;
  maxRows: number;
  maxSteps: number;
}

export interface IoViews {
  /** [0] sum of squared errors, [1] sum of absolute errors (answers); [2] learning rate, [3] step (update) */
  res: Float64Array;
  x: Float32Array;
  y: Float32Array;
  /** one per mask slot (maskColumns order); undefined where the layout has no such mask */
  masks: (Float32Array | undefined)[];
  pred: Float32Array;
  grad: Float32Array;
}

const RES_BYTES = 32;

/** bytes of a network's io buffer */
export function ioBytes(layout: Layout, maxRows: number, maxSteps: number): number {
  const cols = maskColumns(layout).reduce<number>((a, c) => a + (c ?? 0), 0);
  const floats =
    maxSteps * maxRows + maxRows + cols * maxRows + maxRows + paramSizes(layout).reduce((a, b) => a + b, 0);
  return RES_BYTES + floats * 4;
}

export function ioViews(buf: SharedArrayBuffer, layout: Layout, maxRows: number, maxSteps: number): IoViews {
  const res = new Float64Array(buf, 0, RES_BYTES / 8);
  const f = new Float32Array(buf, RES_BYTES);
  let off = 0;
  const take = (n: number) => f.subarray(off, (off += n));
  const x = take(maxSteps * maxRows);
  const y = take(maxRows);
  const masks = maskColumns(layout).map((c) => (c === undefined ? undefined : take(c * maxRows)));
  const pred = take(maxRows);
  const grad = take(paramSizes(layout).reduce((a, b) => a + b, 0));
  return { res, x, y, masks, pred, grad };
}

/**
 * Spin this long on the shared word before blocking in Atomics.wait. Blocking parks the thread and
 * on a VM parks its vCPU: waking it costs 0.1-1 ms (measured here: the training thread waited ~1 ms
 * per batch for a peer that computed less than it did). A batch's hand-offs come well within this.
 */
export const SPIN_MS = 2;

/** Wait until ctrl[slot] !== value: spin up to SPIN_MS, then block (in steps of at most blockMs). */
export function waitChange(ctrl: Int32Array, slot: number, value: number, blockMs = Infinity): void {
  const spinUntil = performance.now() + SPIN_MS;
  while (Atomics.load(ctrl, slot) === value) {
    if (performance.now() > spinUntil) {
      Atomics.wait(ctrl, slot, value, blockMs);
      return;
    }
  }
}
