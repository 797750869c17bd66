/**
 * The peer thread: computes the second row block of each batch for the training thread that started
 * it (see parallel.ts). It loads TF.js once, then serves commands from shared memory, blocking in
 * Atomics.wait between them; it never returns to its event loop. Ended with its owner thread.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadTf } from '../engine/backend.js';
import { lowerThreadPriority } from './priority.js';
import { FusedShard, viewParams, type Masks } from '../engine/fused.js';
import { segments, updateRange, type OptimizerConfig, type UpdateArrays } from '../engine/update.js';
import {
  BFULL,
  CMD,
  Cmd,
  DONE,
  HI,
  LO,
  NET,
  ROWS,
  SEQ,
  SLEEP,
  STATUS,
  STEPS,
  ioViews,
  waitChange,
  type IoViews,
  type RegisterMessage,
} from './shard-protocol.js';

interface Net {
  shard: FusedShard;
  io: IoViews;
  maxRows: number;
  arrays: UpdateArrays;
  segs: [number, number, number][];
  optimizer: OptimizerConfig;
}

// like its training thread, below the bot's triage in the scheduler (priority.ts)
lowerThreadPriority();
const { ctrl: ctrlBuf, port } = workerData as { ctrl: SharedArrayBuffer; port: MessagePort };
const ctrl = new Int32Array(ctrlBuf);
const { tf, backend } = await loadTf();
// read the sequence number before saying ready: the first command may follow at once
let seen = Atomics.load(ctrl, SEQ);
parentPort!.postMessage({ type: 'ready', backend });

const nets = new Map<number, Net>();

function register(): void {
  // the coordinator posted the message before raising the command; it is in the port's queue
  let m: { message: RegisterMessage } | undefined;
  for (let tries = 0; tries < 100 && !m; tries++) {
    m = receiveMessageOnPort(port) as { message: RegisterMessage } | undefined;
    if (!m) Atomics.wait(ctrl, SLEEP, 0, 1);
  }
  if (!m) throw new Error('register: no network description arrived');
  const r = m.message;
  const flat = new Float32Array(r.params);
  const io = ioViews(r.io, r.layout, r.maxRows, r.maxSteps);
  nets.set(r.id, {
    shard: new FusedShard(tf, viewParams(r.layout, flat), { gates: r.gates }),
    io,
    maxRows: r.maxRows,
    arrays: {
      params: flat,
      g0: new Float32Array(r.g0),
      g1: io.grad,
      m: new Float32Array(r.m),
      v: new Float32Array(r.v),
    },
    segs: segments(r.layout),
    optimizer: r.optimizer,
  });
}

function serve(cmd: number): void {
  if (cmd === Cmd.Register) return register();
  const id = ctrl[NET];
  const net = nets.get(id);
  if (!net) throw new Error(`unknown network ${id}`);
  if (cmd === Cmd.Forget) {
    nets.delete(id);
    return;
  }
  if (cmd === Cmd.Update) {
    updateRange(net.arrays, net.segs, net.optimizer, net.io.res[2], net.io.res[3], ctrl[LO], ctrl[HI]);
    return;
  }
  const B = ctrl[ROWS];
  const T = ctrl[STEPS];
  const { io, shard, maxRows } = net;
  const x = io.x.subarray(0, T * B);
  if (cmd === Cmd.Predict) {
    io.pred.set(shard.predict(x, B, T));
    return;
  }
  const masks: Masks = io.masks.map((m) => m?.subarray(0, (m.length / maxRows) * B));
  const r = shard.grad(x, B, T, io.y.subarray(0, B), ctrl[BFULL], masks, io.grad);
  io.res[0] = r.sse;
  io.res[1] = r.sae;
  io.pred.set(r.pred);
}

for (;;) {
  waitChange(ctrl, SEQ, seen);
  if (Atomics.load(ctrl, SEQ) === seen) continue;
  seen = Atomics.load(ctrl, SEQ);
  let status = 0;
  try {
    serve(ctrl[CMD]);
  } catch (e) {
    status = 1;
    port.postMessage(`peer thread: ${(e as Error)?.message ?? String(e)}`);
  }
  Atomics.store(ctrl, STATUS, status);
  Atomics.store(ctrl, DONE, seen);
  Atomics.notify(ctrl, DONE);
}
