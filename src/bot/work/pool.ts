/**
 * Runs tasks off the event loop: a small piscina pool of worker threads (one per core by default),
 * so the gateway heartbeat and the 3-second defer never wait on a chart. WORKERS=0 runs in-process
 * but yields to the event loop before each job.
 *
 * Native modules (canvas, sharp) must be loaded by the main thread before any worker loads them,
 * otherwise terminating a worker unloads them and crashes the process (measured: SIGSEGV at exit).
 * WORKERS=0 cannot cut off a runaway job (it runs synchronously); the pool can.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setImmediate as tick } from 'node:timers/promises';
import { Piscina } from 'piscina';
import type { Task, TaskResult } from './task.js';
import { keepRendererLoaded } from '../../render/index.js';

export class BusyError extends Error {}
export class JobTimeoutError extends Error {}

export interface WorkPool {
  /** `timeoutMs` overrides the pool's job timeout for this task */
  run(task: Task, options?: { timeoutMs?: number }): Promise<TaskResult>;
  readonly pending: number;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

function preloadNative(): void {
  keepRendererLoaded(); // node-canvas (render's own guard)
  try {
    require('sharp'); // same rule for libvips (sharp's docs on worker threads)
  } catch {
    /* the worker will report it */
  }
}

/** The worker entry: worker.js next to us in the build, dev-worker.mjs (tsx, then worker.ts) from source. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.replace(/pool\.(ts|js)$/, here.endsWith('.ts') ? 'dev-worker.mjs' : 'worker.js');
}

export function createPool(options: { workers: number; maxQueue: number; timeoutMs: number }): WorkPool {
  if (options.workers <= 0) return inlinePool(options);
  preloadNative();
  const piscina = new Piscina({
    filename: pathToFileURL(workerFile()).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    maxQueue: options.maxQueue,
    idleTimeout: 60_000,
    // no resourceLimits: any heap limit on these workers cost ~10 ms CPU per chart (measured: 31 vs
    // 21 ms/task, extra GC work); input size is bounded by ingest's limits and time by JOB_TIMEOUT_MS
  });
  let inFlight = 0;
  return {
    get pending() {
      return inFlight;
    },
    async run(task, o = {}) {
      if (piscina.queueSize >= options.maxQueue) throw new BusyError('queue full');
      inFlight++;
      const timeoutMs = o.timeoutMs ?? options.timeoutMs;
      const ac = new AbortController();
      // aborting a running task terminates its worker; piscina starts a fresh one
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      try {
        return (await piscina.run(task, { signal: ac.signal })) as TaskResult;
      } catch (e) {
        if (ac.signal.aborted) throw new JobTimeoutError(`job took longer than ${timeoutMs} ms`);
        if (e instanceof Error && /queue is at limit|Task queue/i.test(e.message)) throw new BusyError('queue full');
        throw e;
      } finally {
        inFlight--;
        clearTimeout(timer);
      }
    },
    async close() {
      await piscina.close({ force: false });
    },
  };
}

function inlinePool(options: { maxQueue: number; timeoutMs: number }): WorkPool {
  let running = 0;
  let mod: Promise<typeof import('./task.js')> | undefined;
  return {
    get pending() {
      return running;
    },
    async run(task) {
      if (running >= options.maxQueue) throw new BusyError('queue full');
      running++;
      try {
        await tick(); // let the defer and heartbeats go out first
        mod ??= import('./task.js');
        return await (await mod).runTask(task);
      } finally {
        running--;
      }
    },
    async close() {},
  };
}
