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
import { setImmediate as tick, setTimeout as delay } from 'node:timers/promises';
import { Piscina } from 'piscina';
import type { Task, TaskResult } from './task.js';
import { keepRendererLoaded } from '../../render/index.js';
import { ByteBudget, inputBytes, MemoryBusyError } from './budget.js';

export class BusyError extends Error {
  /** set when the memory budget was full: the input size, for the user's message */
  inputBytes?: number;
}
export class JobTimeoutError extends Error {}
/** a large input's worker went over its heap limit (the worker is gone; the next one starts fresh) */
export class JobMemoryError extends Error {}

export interface WorkPool {
  /**
   * `timeoutMs` overrides the pool's job timeout for this task. A large input's bytes are moved to its
   * worker, not copied: the caller's buffer is detached once the task starts.
   */
  run(task: Task, options?: { timeoutMs?: number }): Promise<TaskResult>;
  readonly pending: number;
  /** the shared memory budget, when admission is on (operators' stats; tests hold it to fill the pool) */
  readonly budget?: ByteBudget;
  /** threads alive for large inputs (each is ended as soon as its task is done) */
  readonly recycledThreads: number;
  /** tasks run so far in that lane */
  readonly recycledJobs: number;
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

/** The worker entry: worker.js next to us in the build, dev-worker.cjs (tsx, then worker.ts) from source. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.replace(/pool\.(ts|js)$/, here.endsWith('.ts') ? 'dev-worker.cjs' : 'worker.js');
}

export interface MemoryOptions {
  /** bytes of estimated parse memory in flight at once, shared by the pool */
  budgetBytes: number;
  /** how long a task waits for room before BusyError */
  waitMs: number;
  /** estimate = input bytes x this */
  bytesPerInputByte: number;
  /** inputs of at least this many bytes run in a worker of their own, ended right after them */
  recycleInputBytes: number;
  /**
   * old-generation heap limit of those workers, MB: V8 collects harder near it, which cut the peak of
   * an 8 MiB parse from ~370 to ~240 MB over the worker's idle RSS (measured, 2 runs each: 362/375 MB
   * without, 235/254 with 600 MB), for ~0-20% more time on the large parse only
   */
  recycleHeapMb?: number;
}

export interface PoolOptions {
  workers: number;
  maxQueue: number;
  timeoutMs: number;
  /** memory admission (budget.ts); without it every task is admitted at once */
  memory?: MemoryOptions;
}

/** bytes that are the whole of a plain ArrayBuffer (not a slice of Node's shared Buffer pool) can be transferred */
function ownsItsBuffer(data: Uint8Array | string): data is Uint8Array & { buffer: ArrayBuffer } {
  return (
    typeof data !== 'string' &&
    data.buffer instanceof ArrayBuffer &&
    data.byteOffset === 0 &&
    data.byteLength === data.buffer.byteLength
  );
}

function taskInputs(task: Task): { data: Uint8Array | string }[] {
  if (task.kind === 'curves' || task.kind === 'trend') return [];
  return task.kind === 'diagnose' ? [task.input] : task.inputs;
}

/**
 * Runs one large input in a thread of its own that is ended as soon as the task is done, so the heap
 * the parse grew goes back to the system before the next large input starts (V8 keeps a grown heap
 * until it next collects, and an idle worker never does). One long-lived lane that ended its thread
 * only after a burst let three maximum-size files in a row grow the process by ~350 MB over idle; a
 * fresh thread per file by ~290 MB, back to baseline 5 s after (measured on this machine; the load
 * bench in bench/bot/load-bench.ts shows the whole bot). `lanes` holds the running ones (for stats
 * and close).
 */
/** OURS: how long a large input's thread may take to end before its budget is released anyway. */
const LANE_END_WAIT_MS = 5000;

async function runAlone(
  task: Task,
  signal: AbortSignal,
  lanes: Set<Piscina>,
  heapMb: number | undefined,
): Promise<unknown> {
  // the input's bytes move to the worker instead of being copied: a copy of a maximum-size file
  // would stay in the main thread's heap until its next collection, one per large input
  // (each buffer once: a compare of a file with itself hands the same bytes twice)
  const transferList = [...new Set(taskInputs(task).flatMap(({ data }) => (ownsItsBuffer(data) ? [data.buffer] : [])))];
  const lane = new Piscina({
    filename: pathToFileURL(workerFile()).href,
    minThreads: 0,
    maxThreads: 1,
    ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}),
  });
  lanes.add(lane);
  // a thread that dies while it starts (its heap limit reached loading the modules) has no task yet:
  // piscina then emits 'error' on the pool -- uncaught without a listener, which would end the process --
  // and starts no other thread, so the task would wait for its time limit. That error is the task's.
  const failed = new Promise<never>((_, reject) => lane.on('error', reject));
  failed.catch(() => undefined); // a lane that fails after its task settled: nothing waits for it
  const ran = lane.run(task, { signal, transferList });
  ran.catch(() => undefined); // the lane failed first: the destroy below settles this one
  try {
    return await Promise.race([ran, failed]);
  } finally {
    lanes.delete(lane);
    // before the budget is released, so the next large input starts after this heap is gone; bounded,
    // so a thread that will not end can never keep a request from being answered
    await Promise.race([lane.destroy().catch(() => undefined), delay(LANE_END_WAIT_MS, undefined, { ref: false })]);
  }
}

export function createPool(options: PoolOptions): WorkPool {
  if (options.workers <= 0) return inlinePool(options);
  preloadNative();
  const budget = options.memory ? new ByteBudget(options.memory.budgetBytes) : undefined;
  // large inputs: each in a thread of its own, ended with it (runAlone)
  const heavyLanes = new Set<Piscina>();
  const piscina = new Piscina({
    filename: pathToFileURL(workerFile()).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    maxQueue: options.maxQueue,
    idleTimeout: 60_000,
    // no resourceLimits: any heap limit on these workers cost ~10 ms CPU per chart (measured: 31 vs
    // 21 ms/task, extra GC work); input size is bounded by ingest's limits and time by JOB_TIMEOUT_MS
  });
  // a worker that fails outside a task (while it starts) is reported on the pool itself; unheard, that
  // event would end the process. Its tasks end at their time limit (JobTimeoutError) like any stuck job.
  piscina.on('error', (e: Error) => process.emitWarning(`work pool: a worker failed outside a task: ${e.message}`));
  let inFlight = 0;
  let heavyJobs = 0;
  return {
    get pending() {
      return inFlight;
    },
    budget,
    get recycledThreads() {
      let n = 0;
      for (const lane of heavyLanes) n += lane.threads.length;
      return n;
    },
    get recycledJobs() {
      return heavyJobs;
    },
    async run(task, o = {}) {
      if (piscina.queueSize >= options.maxQueue) throw new BusyError('queue full');
      inFlight++;
      const bytes = inputBytes(taskInputs(task));
      let release: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        if (budget && options.memory) {
          try {
            release = await budget.acquire(Math.ceil(bytes * options.memory.bytesPerInputByte), options.memory.waitMs);
          } catch (e) {
            if (!(e instanceof MemoryBusyError)) throw e;
            const busy = new BusyError('memory budget full');
            busy.inputBytes = bytes;
            throw busy;
          }
        }
        const large = options.memory !== undefined && bytes >= options.memory.recycleInputBytes;
        if (large) heavyJobs++;
        // the time limit starts once the task is admitted: waiting for memory is not the log's fault
        const timeoutMs = o.timeoutMs ?? options.timeoutMs;
        const ac = new AbortController();
        // aborting a running task terminates its worker; piscina starts a fresh one
        timer = setTimeout(() => ac.abort(), timeoutMs);
        try {
          return (await (large
            ? runAlone(task, ac.signal, heavyLanes, options.memory?.recycleHeapMb)
            : piscina.run(task, { signal: ac.signal }))) as TaskResult;
        } catch (e) {
          if (ac.signal.aborted) throw new JobTimeoutError(`job took longer than ${timeoutMs} ms`);
          if (e instanceof Error && /queue is at limit|Task queue/i.test(e.message)) throw new BusyError('queue full');
          if ((e as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY')
            throw new JobMemoryError('worker heap limit');
          throw e;
        }
      } finally {
        inFlight--;
        clearTimeout(timer);
        release?.();
      }
    },
    async close() {
      await Promise.all([
        piscina.close({ force: false }),
        ...[...heavyLanes].map((lane) => lane.close({ force: false })),
      ]);
    },
  };
}

function inlinePool(options: PoolOptions): WorkPool {
  let running = 0;
  let mod: Promise<typeof import('./task.js')> | undefined;
  return {
    get pending() {
      return running;
    },
    recycledThreads: 0,
    recycledJobs: 0,
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
