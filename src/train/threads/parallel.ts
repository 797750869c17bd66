/**
 * Data parallelism for the fused engine: one peer thread per training thread (peer.ts), started on
 * first use and kept (unref'd) for later runs, computes the second row block of every batch while the
 * training thread computes the first. The weights live on a SharedArrayBuffer the peer reads; the
 * training thread sums both blocks' gradients and updates the weights between batches.
 *
 * CURVE_TRIAGE_TRAIN_PARALLEL=1 turns it off (2, the default on 2+ cores, turns it on).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { Layout, Masks } from '../engine/fused.js';
import type { FusedNet, ShardPeer } from '../engine/fused-net.js';
import {
  BFULL,
  CMD,
  Cmd,
  CTRL_INTS,
  DONE,
  HI,
  LO,
  NET,
  ROWS,
  SEQ,
  STATUS,
  STEPS,
  ioBytes,
  ioViews,
  waitChange,
  type IoViews,
  type RegisterMessage,
} from './shard-protocol.js';

/**
 * Below this many multiply-adds per batch (forward, both blocks) a second thread does not pay: a round
 * trip costs ~10-30 µs and a tiny batch computes in less. LSTM(8) on T=10, batch 32 is ~1e5; the
 * seed config's LSTM(32) is ~1.4e6 (measured: the peer helps from ~3e5 up).
 */
export const PARALLEL_MIN_MACS = 300_000;
/**
 * How long the training thread waits for one command before calling the peer dead and ending it. The
 * largest command (a block of half a 4096-row batch through a 500k-parameter model) takes a few
 * seconds; a peer that died mid-run cannot be noticed sooner (the run never yields to the event loop).
 */
const PEER_TIMEOUT_MS = 30_000;
/** How long to wait for a new peer thread to load TF.js. */
const PEER_START_MS = 30_000;

export function parallelThreads(): number {
  const env = Number(process.env.CURVE_TRIAGE_TRAIN_PARALLEL);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 2);
  return availableParallelism() >= 2 ? 2 : 1;
}

/** forward multiply-adds per batch of B windows of T steps */
export function batchMacs(layout: Layout, B: number, T: number): number {
  let macs = 0;
  for (const l of layout.lstm) macs += B * T * 4 * l.units * (l.in + l.units);
  for (const d of [...layout.dense, layout.out]) macs += B * d.in * d.out;
  return macs;
}

function peerFile(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./peer-boot.mjs', here);
  const js = new URL('./peer.js', here);
  if (!existsSync(fileURLToPath(js))) throw new Error(`peer file missing: ${fileURLToPath(js)} (run npm run build)`);
  return js;
}

class PeerThread {
  private nextId = 1;
  /** the run whose networks are registered (one run per thread at a time; an ensemble registers several) */
  owner: object | undefined;
  held = 0;
  dead = false;
  /** a command was raised and not yet waited for */
  private pending = false;

  constructor(
    readonly worker: Worker,
    readonly ctrl: Int32Array,
    readonly port: MessagePort,
    /** the TF.js backend the peer loaded */
    readonly backend: string,
  ) {}

  /** mark it dead and end its thread (the next run starts a new one) */
  kill(): void {
    this.dead = true;
    void this.worker.terminate();
  }

  /**
   * Raise a command (returns at once; wait() collects it). A command still running (the training
   * thread threw between raising one and waiting for it) is waited out first, so the peer never reads
   * arguments half rewritten.
   */
  command(
    cmd: Cmd,
    net: number,
    args: { rows?: number; steps?: number; bfull?: number; lo?: number; hi?: number } = {},
  ): void {
    if (this.pending) {
      try {
        this.wait();
      } catch {
        // its failure belonged to the abandoned command
      }
    }
    while (receiveMessageOnPort(this.port)); // stale error text from an abandoned command
    this.pending = true;
    const c = this.ctrl;
    c[CMD] = cmd;
    c[NET] = net;
    c[ROWS] = args.rows ?? 0;
    c[STEPS] = args.steps ?? 0;
    c[BFULL] = args.bfull ?? 0;
    c[LO] = args.lo ?? 0;
    c[HI] = args.hi ?? 0;
    Atomics.add(c, SEQ, 1);
    Atomics.notify(c, SEQ);
  }

  wait(): void {
    const c = this.ctrl;
    const seq = Atomics.load(c, SEQ);
    const deadline = Date.now() + PEER_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(c, DONE);
      if (done === seq) break;
      if (this.dead || Date.now() > deadline) {
        this.pending = false;
        this.kill();
        throw new Error('the training peer thread stopped answering');
      }
      waitChange(c, DONE, done, 1000);
    }
    this.pending = false;
    if (Atomics.load(c, STATUS) !== 0) {
      const m = receiveMessageOnPort(this.port) as { message: string } | undefined;
      throw new Error(m?.message ?? 'the training peer thread failed');
    }
  }

  register(net: FusedNet, maxRows: number, maxSteps: number): ShardPeer {
    const id = this.nextId++;
    const io = new SharedArrayBuffer(ioBytes(net.layout, maxRows, maxSteps));
    const sab = (a: Float32Array) => {
      if (!(a.buffer instanceof SharedArrayBuffer)) throw new Error('the network was not built with shared memory');
      return a.buffer;
    };
    const msg: RegisterMessage = {
      id,
      layout: net.layout,
      params: sab(net.flat),
      io,
      g0: sab(net.g0),
      m: sab(net.m),
      v: sab(net.v),
      optimizer: net.opt,
      gates: net.gates,
      maxRows,
      maxSteps,
    };
    this.port.postMessage(msg);
    this.command(Cmd.Register, id);
    this.wait();
    return new RemoteShard(this, id, ioViews(io, net.layout, maxRows, maxSteps), maxRows);
  }
}

class RemoteShard implements ShardPeer {
  private released = false;
  constructor(
    private readonly peer: PeerThread,
    private readonly id: number,
    private readonly io: IoViews,
    private readonly maxRows: number,
  ) {}

  private check(B: number): void {
    if (B > this.maxRows) throw new Error(`peer block of ${B} rows exceeds its buffer (${this.maxRows})`);
  }

  startPredict(x: Float32Array, B: number, T: number): void {
    this.check(B);
    this.io.x.set(x);
    this.peer.command(Cmd.Predict, this.id, { rows: B, steps: T });
  }

  get grad(): Float32Array {
    return this.io.grad;
  }

  startUpdate(lo: number, hi: number, lr: number, step: number): void {
    this.io.res[2] = lr;
    this.io.res[3] = step;
    this.peer.command(Cmd.Update, this.id, { lo, hi });
  }

  startGrad(x: Float32Array, B: number, T: number, y: Float32Array, Bfull: number, masks: Masks): void {
    this.check(B);
    this.io.x.set(x);
    this.io.y.set(y);
    masks.forEach((m, k) => m && this.io.masks[k]!.set(m));
    this.peer.command(Cmd.Grad, this.id, { rows: B, steps: T, bfull: Bfull });
  }

  wait(): { sse: number; sae: number; pred: Float32Array } {
    this.peer.wait();
    return { sse: this.io.res[0], sae: this.io.res[1], pred: this.io.pred.subarray(0, this.peer.ctrl[ROWS]) };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (--this.peer.held === 0) this.peer.owner = undefined;
    if (this.peer.dead) return;
    try {
      this.peer.command(Cmd.Forget, this.id);
      this.peer.wait();
    } catch {
      // a dead peer: the next run starts a new one
    }
  }
}

let starting: Promise<PeerThread | undefined> | undefined;
let startNote: string | undefined;

async function startPeer(): Promise<PeerThread | undefined> {
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_INTS * 4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(peerFile(), { workerData: { ctrl: ctrl.buffer, port: port2 }, transferList: [port2] });
  } catch (e) {
    startNote = `second training thread unavailable: ${(e as Error).message.split('\n')[0]}`;
    return undefined;
  }
  let backend = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`it did not start within ${PEER_START_MS / 1000} s`)),
        PEER_START_MS,
      );
      worker.once('message', (m: { backend?: string }) => {
        clearTimeout(timer);
        backend = String(m?.backend ?? '');
        resolve();
      });
      worker.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`it exited with code ${code}`));
      });
    });
  } catch (e) {
    startNote = `second training thread unavailable: ${(e as Error).message.split('\n')[0]}`;
    void worker.terminate();
    return undefined;
  }
  worker.removeAllListeners();
  // an error after start marks it dead (noticed between runs; during one, wait() times out)
  const peer = new PeerThread(worker, ctrl, port1, backend);
  worker.on('error', () => peer.kill());
  worker.on('exit', () => (peer.dead = true));
  worker.unref();
  port1.unref();
  return peer;
}

/**
 * A peer for this network when parallelism is on and pays for this model, else undefined (the training
 * thread then computes both blocks itself; the numbers are the same). `note` says why not, when asked.
 */
export async function acquirePeer(
  owner: object,
  net: FusedNet,
  backend: string,
  batch: number,
  steps: number,
  maxRows: number,
): Promise<{ peer?: ShardPeer; note?: string }> {
  if (parallelThreads() < 2) return {};
  if (batch < 2 || batchMacs(net.layout, batch, steps) < PARALLEL_MIN_MACS) return {};
  const first = (starting ??= startPeer());
  let p = await first;
  if (p?.dead) {
    // one restart however many runs notice it
    if (starting === first) starting = startPeer();
    p = await starting;
  }
  if (!p) return { note: startNote };
  // the second block on another backend would not give the one-thread numbers
  if (p.backend !== backend)
    return {
      note: `second training thread not used: it loaded the ${p.backend || 'unknown'} backend, this thread ${backend}`,
    };
  if (p.owner && p.owner !== owner) return {}; // another run in this thread holds it
  try {
    const peer = p.register(net, maxRows, steps);
    p.owner = owner;
    p.held++;
    return { peer };
  } catch (e) {
    return { note: `second training thread failed: ${(e as Error).message}` };
  }
}

/** End this thread's peer (tests; the process otherwise ends it). */
export async function stopPeer(): Promise<void> {
  const p = await starting;
  starting = undefined;
  if (p) await p.worker.terminate();
}
