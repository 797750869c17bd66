/**
 * A model under training, whichever engine runs it (the Member interface the training loop drives:
 * train a batch, predict the validation set, snapshot / restore the best weights), and the fused
 * engine's member: our WebAssembly gate kernel + backend matMuls with hand-written BPTT (fused-net.ts),
 * optionally splitting each batch with a peer thread. The TF.js-ops member is in tf-net.ts.
 */
import type { BackendName, Tf } from './backend.js';
import type { TrainConfig } from '../config.js';
import type { Dataset } from '../data.js';
import { FusedNet } from './fused-net.js';
import { initArrays, maskSeed } from './init.js';
import { acquirePeer, parallelThreads } from '../threads/parallel.js';

/** validation windows per forward pass */
export const VAL_CHUNK = 256;

/** One model, whichever engine: train on a batch of training rows, predict the validation set. */
export interface Member {
  trainBatch(idx: Int32Array): { loss: number; mae: number };
  predictVal(): Float32Array;
  penalty(): number;
  setLr(lr: number): void;
  snapshot(): void;
  restore(): void;
  dispose(): void;
  /** fused only: let a peer thread compute half of each batch; says why not when it cannot */
  parallelise?(owner: object, batch: number, maxRows: number): Promise<string | undefined>;
  threads(): number;
}

export interface Ctx {
  tf: Tf;
  backend: BackendName;
  config: TrainConfig;
  ds: Dataset;
  T: number;
}

/** The fused engine's member (see the header). */
export function fusedMember(c: Ctx, seed: number): Member {
  const { tf, config, ds, T } = c;
  const bce = config.task === 'classification';
  const net = new FusedNet(tf, initArrays(config, seed), config.optimizer, maskSeed(seed), {
    shared: !bce && parallelThreads() >= 2,
    ...(bce ? { loss: 'bce' as const } : {}),
  });
  // validation windows, time-major, in chunks (a whole large validation set at once would need GBs)
  const chunks: { x: Float32Array; from: number; n: number }[] = [];
  for (let from = 0; from < ds.nVal; from += VAL_CHUNK) {
    const n = Math.min(VAL_CHUNK, ds.nVal - from);
    const x = new Float32Array(n * T);
    for (let b = 0; b < n; b++) for (let t = 0; t < T; t++) x[t * n + b] = ds.xVal[(from + b) * T + t];
    chunks.push({ x, from, n });
  }
  let best: Float32Array[] | undefined;
  return {
    trainBatch(idx) {
      const B = idx.length;
      const xb = new Float32Array(B * T);
      const yb = new Float32Array(B);
      for (let b = 0; b < B; b++) {
        const r = idx[b];
        yb[b] = ds.yTrain[r];
        for (let t = 0; t < T; t++) xb[t * B + b] = ds.xTrain[r * T + t];
      }
      const out = net.run(xb, B, T, true, yb);
      return { loss: out.loss!, mae: out.mae! };
    },
    predictVal() {
      const pred = new Float32Array(ds.nVal);
      for (const c of chunks) pred.set(net.run(c.x, c.n, T, false).pred, c.from);
      return pred;
    },
    penalty() {
      let pen = 0;
      for (const L of net.lstm) if (L.l2 > 0) for (const w of L.W) pen += L.l2 * w * w;
      return pen;
    },
    setLr(lr) {
      net.lr = lr;
    },
    snapshot() {
      best = net.snapshot();
    },
    restore() {
      if (best) net.restore(best);
    },
    dispose() {
      net.release();
    },
    async parallelise(owner, batch, maxRows) {
      if (bce) return undefined; // the peer thread computes MSE only: classification runs on one thread
      const { peer, note } = await acquirePeer(owner, net, c.backend, batch, T, maxRows);
      net.attach(peer);
      return note;
    },
    threads: () => net.threads,
  };
}
