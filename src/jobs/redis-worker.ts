/**
 * The job queue on Redis: the worker side (`npm run worker` runs it with the training work). A BullMQ
 * Worker runs the same processors as the embedded queue, `concurrency` at once. Per job: progress is
 * throttled to the job's progressMs and sent with job.updateProgress (QueueEvents carries it to the
 * bot); the cancel flag is polled every `cancelPollMs` and aborts the processor's signal; when the
 * job ends, the user's active slot is freed and its charge becomes what it ran for.
 *
 * No job lost: the job's lock is renewed every lockDuration/2 while this process lives; a worker
 * killed mid-job stops renewing, another worker's stalled check (every stalledInterval) puts the job
 * back in the queue, up to maxStalledCount times, after which it fails with BullMQ's "stalled more
 * than allowable limit" (which the bot words for the user).
 */
import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { errorClass, sealedError, sealerFor, type Sealer } from './seal.js';
import type { QueueWork } from './index.js';
import type { HealthCheck } from '../util/health.js';
import type { JobProgress } from './queue.js';
import {
  CANCELLED_REASON,
  connectionOf,
  DEFAULT_QUEUE_NAME,
  FINISH_LUA,
  keys,
  reachable,
  within,
  type JobData,
} from './redis-keys.js';

export interface WorkerLog {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

export interface RedisWorkerOptions {
  url: string;
  name?: string;
  /** jobs this process runs at once */
  concurrency: number;
  /** ms a job's lock lasts without renewal (renewed every half) */
  lockDurationMs: number;
  /** ms between checks for jobs whose worker stopped */
  stalledIntervalMs: number;
  /** how many times a job may lose its worker and run again before it fails */
  maxStalledCount: number;
  /** ms between polls of a running job's cancel flag */
  cancelPollMs: number;
  logger: WorkerLog;
  /** QUEUE_KEY's sealer (seal.ts): payloads are opened, results sealed */
  sealer?: Sealer;
}

export interface RunningWorker {
  worker: Worker;
  redis: Redis;
  /** readiness checks for /readyz: Redis answers, and the queue's depth */
  checks: Record<string, HealthCheck>;
  close(): Promise<void>;
}

/** first progress at once, then at most one per `ms` (the latest wins); nothing after stop() */
function throttled(ms: number, send: (p: JobProgress) => void) {
  let last = 0;
  let pending: JobProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    push(p: JobProgress) {
      const now = Date.now();
      if (now - last >= ms) {
        last = now;
        pending = undefined;
        send(p);
        return;
      }
      pending = p;
      timer ??= setTimeout(
        () => {
          timer = undefined;
          if (pending) (send(pending), (pending = undefined), (last = Date.now()));
        },
        ms - (now - last),
      );
    },
    stop() {
      if (timer) clearTimeout(timer);
      pending = undefined;
    },
  };
}

/** The BullMQ processor around a QueueWork processor: progress, the cancel flag, the user's slot. */
function makeProcessor(work: QueueWork, o: RedisWorkerOptions, redis: Redis, k: ReturnType<typeof keys>) {
  const finish = (data: JobData, id: string, seconds: number) =>
    (redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)
      ['ctFinish'](k.active(data.userId), k.charge(data.userId), id, seconds)
      .catch((e: unknown) => o.logger.warn({ job: id, err: e }, 'could not free the user slot'));
  const sealer = o.sealer ?? sealerFor(undefined);
  return async (job: Job): Promise<unknown> => {
    const data = job.data as JobData;
    const id = job.id!;
    const run = work.processors[data.kind];
    const log = {
      job: id,
      kind: data.kind,
      user: data.userId,
      attempt: job.attemptsStarted,
      stalls: job.stalledCounter,
    };
    const ac = new AbortController();
    const poll = setInterval(() => {
      void redis.exists(k.cancel(id)).then(
        (n) => n && ac.abort(),
        () => undefined,
      );
    }, o.cancelPollMs);
    // progress can carry a sweep's candidate config: sealed like the rest
    const progress = throttled(
      data.progressMs,
      (p) => void job.updateProgress(sealer.seal(p) as object).catch(() => undefined),
    );
    const t0 = Date.now();
    o.logger.info(log, 'job started');
    try {
      if (!run) throw new Error(`unknown job kind "${data.kind}"`);
      const result = await run(sealer.open(data.payload), {
        jobId: id,
        userId: data.userId,
        signal: ac.signal,
        progress: (p) => progress.push(p),
        // users take turns through the workers' slots; a job keeps its slot between its units
        turn: () => Promise.resolve(),
      });
      if (ac.signal.aborted) throw new Error(CANCELLED_REASON);
      o.logger.info({ ...log, ms: Date.now() - t0 }, 'job done');
      return sealer.seal(result);
    } catch (e) {
      if (ac.signal.aborted) {
        o.logger.info({ ...log, ms: Date.now() - t0 }, 'job cancelled');
        throw new Error(CANCELLED_REASON);
      }
      // the reason often quotes what the user sent (a column name, a value): the log names its class, and
      // with QUEUE_KEY it crosses Redis sealed like the payload, with no readable stack trace beside it
      o.logger.info({ ...log, ms: Date.now() - t0, err: errorClass(e) }, 'job failed');
      throw sealedError(sealer, e);
    } finally {
      clearInterval(poll);
      progress.stop();
      await finish(data, id, (Date.now() - t0) / 1000);
      await redis.del(k.cancel(id)).catch(() => undefined);
    }
  };
}

export function startRedisWorker(work: QueueWork, o: RedisWorkerOptions): RunningWorker {
  const name = o.name ?? DEFAULT_QUEUE_NAME;
  const k = keys(name);
  const redis = new Redis(o.url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined); // an outage shows on /readyz and in the failing commands, not once per retry
  redis.defineCommand('ctFinish', { numberOfKeys: 2, lua: FINISH_LUA });
  const processor = makeProcessor(work, o, redis, k);

  const worker = new Worker(name, processor, {
    connection: connectionOf(o.url),
    concurrency: Math.max(1, o.concurrency),
    lockDuration: o.lockDurationMs,
    stalledInterval: o.stalledIntervalMs,
    maxStalledCount: o.maxStalledCount,
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 24 * 3600 },
  });
  worker.on('error', (e) => o.logger.warn({ err: e }, 'worker error'));
  worker.on('stalled', (jobId) => o.logger.warn({ job: jobId }, 'job stalled (its worker stopped); it runs again'));

  // a heartbeat: stats() sums the live workers' concurrency
  const me = `${process.pid}-${randomUUID().slice(0, 8)}:${Math.max(1, o.concurrency)}`;
  const beat = () => void redis.zadd(k.workers, Date.now() + 15_000, me).catch(() => undefined);
  beat();
  const heartbeat = setInterval(beat, 5000);
  heartbeat.unref();

  const checks: Record<string, HealthCheck> = {
    redis: async () => {
      const t = Date.now();
      const pong = await redis.ping();
      return { ok: pong === 'PONG', detail: `pong in ${Date.now() - t} ms` };
    },
    queue: async () => {
      const waiting = await redis.llen(k.wait);
      return { ok: true, detail: `queue depth ${waiting}` };
    },
  };

  return {
    worker,
    redis,
    checks,
    async close() {
      clearInterval(heartbeat);
      if (await reachable(redis)) {
        await redis.zrem(k.workers, me).catch(() => undefined);
        await worker.close(); // graceful: the running jobs finish and report first
      } else {
        // Redis gone: a running job could not report anyway (its lock lapses and another worker
        // reruns it), so waiting for it would only hold the exit until the process is killed
        await within(worker.close(true));
        await within(worker.disconnect());
      }
      redis.disconnect();
    },
  };
}
