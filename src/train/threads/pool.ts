/**
 * The worker pool (piscina): training never runs on the caller's event loop. Cancel (an AbortSignal)
 * and the hard time limit terminate the worker thread; piscina starts a fresh one for the next task.
 */
import { MessageChannel } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { TrainConfig } from '../config.js';
import { parallelThreads } from './parallel.js';
import type { EpochLog, TrainResult } from '../trainer.js';
import type { WorkerMessage, WorkerTask } from './worker.js';

export interface PoolOptions {
  /** worker threads (default: see defaultThreads(); CURVE_TRIAGE_TRAIN_THREADS overrides) */
  maxThreads?: number;
  /** ms an idle worker stays alive (keeps TF.js loaded between runs) */
  idleTimeout?: number;
}

/** Extra time beyond max_seconds before the worker is killed: TF.js load and the last epoch. */
export const HARD_LIMIT_GRACE_MS = 20_000;

export class TrainTimeoutError extends Error {
  constructor(seconds: number) {
    super(`the training run went over its time limit of ${seconds} s and was stopped`);
    this.name = 'TrainTimeoutError';
  }
}
export class TrainCancelledError extends Error {
  constructor() {
    super('the training run was cancelled');
    this.name = 'TrainCancelledError';
  }
}

let pool: Piscina | undefined;

export function workerFile(): string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker-boot.cjs', here).href;
  const js = new URL('./worker.js', here);
  if (!existsSync(fileURLToPath(js))) throw new Error(`worker file missing: ${fileURLToPath(js)} (run npm run build)`);
  return js.href;
}

/**
 * Concurrent training runs. Each run takes two threads when CURVE_TRIAGE_TRAIN_PARALLEL allows
 * (parallel.ts), so half the cores, at least 1: on 2 cores one run at a time on both (the bot's own
 * thread is mostly idle meanwhile), on 8 cores four. With one thread per run: cores - 1. (Runs of
 * models too small for a second thread then leave cores idle, e.g. a sweep of LSTM(8)s runs 4 at a time
 * on 8 cores instead of 7: CURVE_TRIAGE_TRAIN_THREADS sets it.)
 */
export function defaultThreads(): number {
  const env = Number(process.env.CURVE_TRIAGE_TRAIN_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  const cores = availableParallelism();
  return parallelThreads() >= 2 ? Math.max(1, Math.floor(cores / 2)) : Math.max(1, cores - 1);
}

export function getPool(options: PoolOptions = {}): Piscina {
  pool ??= new Piscina({
    filename: workerFile(),
    minThreads: 0,
    maxThreads: options.maxThreads ?? defaultThreads(),
    idleTimeout: options.idleTimeout ?? 60_000,
    // one training at a time per thread: the run is synchronous between epochs anyway
    concurrentTasksPerWorker: 1,
  });
  return pool;
}

export async function closePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await p.destroy();
}

export interface RunOptions {
  onProgress?: (e: EpochLog) => void;
  signal?: AbortSignal;
  /** minimum ms between progress events (default 2000) */
  progressMs?: number;
  /** hard limit in ms (default: config.max_seconds * 1000 + HARD_LIMIT_GRACE_MS) */
  hardLimitMs?: number;
  /** a search's pruning thresholds (TrainHooks.pruneAbove) */
  pruneAbove?: (number | null)[];
}

/** Train in a pool worker. Rejects with TrainCancelledError / TrainTimeoutError, which end the worker. */
export async function trainInWorker(config: TrainConfig, options: RunOptions = {}): Promise<TrainResult> {
  const p = getPool();
  const { port1, port2 } = new MessageChannel();
  const ac = new AbortController();
  let timedOut = false;
  const limit = options.hardLimitMs ?? config.max_seconds * 1000 + HARD_LIMIT_GRACE_MS;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, limit);
  const onAbort = () => ac.abort();
  if (options.signal?.aborted) ac.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let ended!: () => void;
  const end = new Promise<void>((r) => (ended = r));
  port1.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') options.onProgress?.(m.progress);
    else if (m.type === 'end') ended();
  });
  port1.on('close', () => ended());
  try {
    const task: WorkerTask = { config, port: port2, progressMs: options.progressMs, pruneAbove: options.pruneAbove };
    const result = (await p.run(task, { transferList: [port2], signal: ac.signal })) as TrainResult;
    // deliver the last progress message (it may trail the result) before closing the port
    await Promise.race([end, new Promise((r) => setTimeout(r, 1000).unref())]);
    return result;
  } catch (e) {
    if (timedOut) throw new TrainTimeoutError(Math.round(limit / 1000));
    if (ac.signal.aborted) throw new TrainCancelledError();
    throw e;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    port1.close();
  }
}
