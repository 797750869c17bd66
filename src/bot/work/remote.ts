/**
 * TRIAGE_REMOTE=1 (with REDIS_URL): the work pool's tasks (triage + render) go through a BullMQ queue
 * to the worker processes (`npm run worker` runs them in its own work pool), so the bot process only
 * talks to Discord. Same tasks, same results, same refusals: a full queue is BusyError, a task slower
 * than the timeout (from when it is queued) is JobTimeoutError.
 */
import { Queue, QueueEvents } from 'bullmq';
import { closeWithin, connectionOf } from '../../jobs/redis-keys.js';
import { sealerFor, type Sealer } from '../../jobs/seal.js';
import type { Task, TaskResult } from './task.js';
import { BusyError, JobTimeoutError, type WorkPool } from './pool.js';

export const TRIAGE_QUEUE = 'ct-triage';

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
          if (/timed out|ttl/i.test((e as Error)?.message ?? '')) {
            await job.remove().catch(() => undefined);
            throw new JobTimeoutError(`job took longer than ${timeoutMs} ms`);
          }
          throw e;
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
