/**
 * `npm run worker`: a worker process for the Redis-backed job queue (REDIS_URL). It runs the same
 * training work as the bot's embedded queue (src/requests/training.ts TRAIN_WORK), WORKER_CONCURRENCY
 * jobs at once; start any number of them, on any machine that reaches Redis. GET /healthz and /readyz
 * (Redis ping, queue depth) on WORKER_HOST:WORKER_PORT; with WORKER_TRIAGE_THREADS > 0 it also runs
 * the triage + render tasks of TRIAGE_REMOTE bots (./triage.ts); structured (pino) logs carry job ids, never
 * job data (which holds the reply's interaction token). SIGTERM/SIGINT: finish the running jobs, exit.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fastify } from 'fastify';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { QUEUE_ENV } from '../requests/queue-env.js';
import { issueLines } from '../requests/env.js';
import { TRAIN_WORK } from '../requests/training.js';
import { startRedisWorker, type RunningWorker } from '../jobs/redis-worker.js';
import { registerHealth } from '../util/health.js';
import { startTriageWorker } from './triage.js';
import { sealerFor, UNSEALED_WARNING } from '../jobs/seal.js';

const WorkerSchema = z.object({
  ...QUEUE_ENV,
  REDIS_URL: z.url('REDIS_URL must be the Redis URL the bot uses, e.g. redis://127.0.0.1:6379'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type WorkerConfig = z.infer<typeof WorkerSchema>;

export interface WorkerProcess {
  running: RunningWorker;
  /** the health endpoints' port */
  port: number;
  stop(): Promise<void>;
}

export async function startWorkerProcess(config: WorkerConfig, logger: Logger): Promise<WorkerProcess> {
  const sealer = sealerFor(config.QUEUE_KEY);
  if (!sealer.sealing) logger.warn({}, UNSEALED_WARNING);
  const running = startRedisWorker(TRAIN_WORK, {
    url: config.REDIS_URL,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.QUEUE_LOCK_MS,
    stalledIntervalMs: config.QUEUE_STALLED_INTERVAL_MS,
    maxStalledCount: config.QUEUE_MAX_STALLED,
    cancelPollMs: config.QUEUE_CANCEL_POLL_MS,
    logger,
    sealer,
  });
  const triage =
    config.WORKER_TRIAGE_THREADS > 0
      ? startTriageWorker(config.REDIS_URL, config.WORKER_TRIAGE_THREADS, logger, sealer)
      : undefined;
  const app = fastify({ logger: false });
  registerHealth(app, { role: 'worker', checks: running.checks });
  await app.listen({ port: config.WORKER_PORT, host: config.WORKER_HOST });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.WORKER_PORT;
  await running.worker.waitUntilReady();
  logger.info({ pid: process.pid, concurrency: config.WORKER_CONCURRENCY, port }, 'worker ready');
  return {
    running,
    port,
    async stop() {
      await Promise.all([running.close(), triage?.close()]);
      await app.close();
    },
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const r = WorkerSchema.safeParse(env);
  if (!r.success) {
    process.stderr.write(`Invalid configuration:\n${issueLines(r.error).join('\n')}\n`);
    process.exit(2);
  }
  const logger = pino({
    level: r.data.LOG_LEVEL,
    base: { svc: 'curve-triage-worker' },
    // nothing logs the config; should anything ever, the key stays out
    redact: { paths: ['QUEUE_KEY', 'config.QUEUE_KEY', 'REDIS_URL', 'config.REDIS_URL'], censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
  const w = await startWorkerProcess(r.data, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    w.stop()
      .then(() => (logger.info({}, 'worker stopped'), process.exit(0)))
      .catch((e: unknown) => (logger.error({ err: e }, 'worker stop failed'), process.exit(1)));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

function isMain(): boolean {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}
if (isMain()) void main();
