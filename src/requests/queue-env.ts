/**
 * The environment of the Redis-backed job queue (issue 14), for the bot and the workers alike: one
 * zod object with a comment per variable. None is needed without REDIS_URL (the embedded queue).
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { int } from './env.js';

export const QUEUE_ENV = {
  /**
   * Redis (redis://[:password@]host:port[/db], rediss:// for TLS); set: the job queue, rate limits and the
   * state behind buttons are shared by every bot and worker process through it; unset: the embedded
   * in-process queue and in-memory state (one process)
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must look like redis://host:6379')
    .optional(),
  /** worker: training jobs one `npm run worker` process runs at once (default: the cores, at least 1) */
  WORKER_CONCURRENCY: int(Math.max(1, availableParallelism()), 1, 256),
  /** worker: port of GET /healthz and /readyz (0 = any free port, logged at start) */
  WORKER_PORT: int(8081, 0, 65535),
  /** worker: address the health endpoints listen on */
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  /** ms a running job's lock lasts unless its worker renews it (every half); a killed worker's job is free after this */
  QUEUE_LOCK_MS: int(30_000, 200, 600_000),
  /** ms between the workers' checks for jobs whose worker stopped (the time to rerun is at most lock + this) */
  QUEUE_STALLED_INTERVAL_MS: int(15_000, 100, 600_000),
  /** how many times a job may lose its worker and run again before the user is told it failed */
  QUEUE_MAX_STALLED: int(2, 0, 20),
  /** ms between a worker's polls of a running job's cancel flag (an epoch takes longer) */
  QUEUE_CANCEL_POLL_MS: int(200, 20, 10_000),
  /** bot: ms a bot process's claim on answering a job lasts unless renewed; a stopped bot's jobs are adopted after it */
  QUEUE_LEASE_MS: int(10_000, 300, 300_000),
  /** bot: ms between looks for jobs whose bot process stopped (to adopt them) */
  QUEUE_ADOPT_MS: int(3000, 50, 300_000),
  /** bot: 1 = triage + render (/diagnose, /compare, charts) run on the workers too, the bot stays light (needs REDIS_URL) */
  TRIAGE_REMOTE: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * bot and worker: a secret of at least 32 characters (e.g. `openssl rand -base64 32`), the same on every
   * process; set: what jobs carry through Redis (logs sent for triage, training configs, reply tokens,
   * results) is encrypted (AES-256-GCM), so Redis and its files on disk hold only ciphertext
   */
  QUEUE_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v), // compose passes an unset one as ''
    z.string().min(32, 'QUEUE_KEY must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  ),
  /** worker: triage + render threads of one worker process, for TRIAGE_REMOTE bots (0 = none) */
  WORKER_TRIAGE_THREADS: int(Math.max(1, availableParallelism()), 0, 64),
};

export const QueueEnvSchema = z.object(QUEUE_ENV);
export type QueueEnv = z.infer<typeof QueueEnvSchema>;
