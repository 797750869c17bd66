/**
 * The worker's share of TRIAGE_REMOTE: a BullMQ worker on the triage queue that runs the bot's work
 * tasks (triage + render: src/bot/work/task.ts, a pure function of plain data) in this process's own
 * work pool, `threads` at once. The bot's createRemotePool sends them and waits for the results.
 */
import { Worker } from 'bullmq';
import { CLOSE_WAIT_MS, connectionOf, within } from '../jobs/redis-keys.js';
import { errorClass, sealerFor, type Sealer } from '../jobs/seal.js';
import { createPool } from '../bot/work/pool.js';
import { taskFailure, TRIAGE_QUEUE } from '../bot/work/remote.js';
import type { Task } from '../bot/work/task.js';
import type { WorkerLog } from '../jobs/redis-worker.js';

export function startTriageWorker(
  url: string,
  threads: number,
  logger: WorkerLog & { debug(o: object, msg: string): void },
  sealer: Sealer = sealerFor(undefined),
) {
  const pool = createPool({ workers: threads, maxQueue: 1024, timeoutMs: 60_000 });
  const worker = new Worker(
    TRIAGE_QUEUE,
    async (job) => {
      try {
        return sealer.seal(await pool.run(sealer.open(job.data) as Task));
      } catch (e) {
        // a bad input comes back as a (sealed) result; what fails is the pool's refusal or a fault, whose
        // message could still quote the input: logged by its class, sent sealed
        logger.warn({ job: job.id, kind: job.name, err: errorClass(e) }, 'triage task failed');
        throw taskFailure(sealer, e);
      }
    },
    {
      connection: connectionOf(url),
      concurrency: Math.max(1, threads),
    },
  );
  worker.on('error', (e) => logger.warn({ err: e }, 'triage worker error'));
  worker.on('completed', (job) => logger.debug({ job: job.id, kind: job.name }, 'triage task done'));
  return {
    worker,
    async close() {
      // graceful while Redis answers; else (a task could not report anyway) bounded, then cut
      // (close(true) after a late close() returns the same pending promise: cut the connections instead)
      if ((await within(worker.close(), CLOSE_WAIT_MS * 5)) === 'late') await within(worker.disconnect());
      await pool.close();
    },
  };
}
