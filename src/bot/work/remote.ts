/**
 * TRIAGE_REMOTE=1 (with REDIS_URL): the work pool's tasks (triage + render) go through a BullMQ queue
 * to the worker processes (`npm run worker` runs them in its own work pool), so the bot process only
 * talks to Discord. Same tasks, same results, same refusals: a full queue is BusyError, a task slower
 * than the timeout (from when it is queued) is JobTimeoutError.
 */
import { Queue, QueueEvents } from 'bullmq';
import { closeWithin, connectionOf } from '../../jobs/redis-keys.js';
import { SEALED_ELSEWHERE, sealedFailure, sealerFor, type Sealer } from '../../jobs/seal.js';
import type { Task, TaskResult } from './task.js';
import { BusyError, JobMemoryError, JobTimeoutError, type WorkPool } from './pool.js';

export const TRIAGE_QUEUE = 'ct-triage';

/** the pool refusals a worker's task can end with, by name (a fault is anything else) */
const REFUSALS = { busy: BusyError, timeout: JobTimeoutError, memory: JobMemoryError } as const;
type FailureKind = keyof typeof REFUSALS | 'fault';

/**
 * What a triage worker throws for a failed task: its kind (so the bot answers a memory or time limit as it
 * does with its own pool) and message as JSON, sealed with QUEUE_KEY when there is one, and no stack trace
 * (BullMQ stores both in Redis, and the message can quote the input).
 */
export function taskFailure(sealer: Sealer, e: unknown): Error {
  const kind: FailureKind =
    e instanceof JobMemoryError
      ? 'memory'
      : e instanceof JobTimeoutError
        ? 'timeout'
        : e instanceof BusyError
          ? 'busy'
          : 'fault';
  return sealedFailure(sealer, JSON.stringify({ kind, message: e instanceof Error ? e.message : String(e) }));
}

/** The error a failed task's reason (as taskFailure wrote it) stands for on the bot's side; undefined when
 * the text is not one (a connection error while waiting, a worker from before this format). */
export function fromFailure(sealer: Sealer, reason: string): Error | undefined {
  const opened = sealer.openText(reason);
  if (opened === undefined) return new Error(`the task failed, and ${SEALED_ELSEWHERE}`);
  let parsed: { kind?: unknown; message?: unknown } | undefined;
  try {
    parsed = JSON.parse(opened) as typeof parsed;
  } catch {
    return opened === reason ? undefined : new Error(opened);
  }
  if (typeof parsed?.kind !== 'string' || typeof parsed.message !== 'string') return undefined;
  const Refusal = REFUSALS[parsed.kind as keyof typeof REFUSALS];
  return Refusal ? new Refusal(parsed.message) : new Error(parsed.message);
}

export interface RemotePoolOptions {
  url: string;
  maxQueue: number;
  timeoutMs: number;
  /** QUEUE_KEY's sealer: the task (the user's log) and its result cross Redis encrypted */
  sealer?: Sealer;
}

export function createRemotePool(o: RemotePoolOptions): WorkPool {
  const connection = connectionOf(o.url);
  const sealer = o.sealer ?? sealerFor(undefined);
  const queue = new Queue(TRIAGE_QUEUE, { connection });
  const events = new QueueEvents(TRIAGE_QUEUE, { connection });
  const ready = events.waitUntilReady();
  let pending = 0;
  return {
    async run(task: Task, options: { timeoutMs?: number } = {}): Promise<TaskResult> {
      if (pending >= o.maxQueue) throw new BusyError('queue full');
      pending++;
      try {
        await ready;
        const job = await queue.add(task.kind, sealer.seal(task), {
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 1,
        });
        const timeoutMs = options.timeoutMs ?? o.timeoutMs;
        try {
          return sealer.open(await job.waitUntilFinished(events, timeoutMs)) as TaskResult;
        } catch (e) {
          if (!(e instanceof Error)) throw e;
          // BullMQ's own wait timeout, or the task's failure as the worker wrote it (taskFailure)
          if (/^Job wait .* timed out before finishing/i.test(e.message)) {
            await job.remove().catch(() => undefined);
            throw new JobTimeoutError(`job took longer than ${timeoutMs} ms`);
          }
          throw fromFailure(sealer, e.message) ?? e;
        }
      } finally {
        pending--;
      }
    },
    get pending() {
      return pending;
    },
    recycledThreads: 0,
    recycledJobs: 0,
    async close() {
      await closeWithin([events, queue]);
    },
  };
}
