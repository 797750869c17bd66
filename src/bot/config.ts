/**
 * Configuration from the environment, validated with zod. The token is read here and nowhere else;
 * it is kept out of every log line (see logger.ts redaction) and never echoed.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { CURVE_TRIAGE_ENV, int, issueLines } from '../requests/env.js';
import { QUEUE_ENV } from '../requests/queue-env.js';

export const ConfigSchema = z.object({
  DISCORD_TOKEN: z.string().min(20, 'DISCORD_TOKEN looks too short: paste the bot token from the Developer Portal'),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{15,25}$/, 'DISCORD_APPLICATION_ID must be the numeric application id'),
  /** REST base without version, e.g. http://127.0.0.1:8080/api for @discordjs/proxy (and the tests' fake Discord) */
  DISCORD_API_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** our own cap on one attachment; Discord's per-interaction attachment_size_limit applies too */
  MAX_FILE_BYTES: int(8 * 1024 * 1024, 1024, 25 * 1024 * 1024),
  DOWNLOAD_TIMEOUT_MS: int(10_000, 100, 60_000),
  /** hosts attachments may be downloaded from (Discord's CDN); comma-separated */
  ATTACHMENT_HOSTS: z
    .string()
    .default('cdn.discordapp.com,media.discordapp.net')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** heavy requests (diagnose, compare, paste) per user per window */
  RATE_USER: int(6, 1),
  RATE_USER_WINDOW_S: int(60, 1),
  /** heavy requests per server per window */
  RATE_GUILD: int(60, 1),
  RATE_GUILD_WINDOW_S: int(60, 1),
  /** worker threads for triage + render; 0 = in-process (still yields between steps) */
  WORKERS: int(Math.max(1, availableParallelism()), 0, 64),
  /** queued jobs beyond this are refused with "busy, try again" */
  MAX_QUEUE: int(256, 1),
  /** a job slower than this (from when it is admitted) is abandoned with a friendly message */
  JOB_TIMEOUT_MS: int(20_000, 100),
  /** every CURVE_TRIAGE_* variable (src/requests/env.ts) */
  ...CURVE_TRIAGE_ENV,
  /** chart width in px (Discord shows embed images at ~400-550 px; 800 stays sharp on HiDPI) */
  CHART_WIDTH: int(800, 320, 2000),
  CHART_THEME: z.enum(['dark', 'light']).default('dark'),
  /** how long the buttons of a reply keep working (Discord's interaction token lives 15 min) */
  BUTTON_TTL_S: int(15 * 60, 10, 24 * 3600),
  /**
   * /train, /sweep: a job still running this long after its interaction was created posts its result
   * as a new channel message (the interaction token lives 15 min); tests set it tiny
   */
  TOKEN_TTL_MS: int(14 * 60 * 1000, 0, 15 * 60 * 1000),
  /** at most one live progress edit per this many ms (the first goes at once) */
  PROGRESS_EDIT_MS: int(2000, 0, 60_000),
  /** graceful shutdown: wait this long for in-flight requests after SIGTERM */
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
  /** /watch: the port of the live-watch HTTP endpoint (POST /v1/watch/epochs); unset = no endpoint, /watch says so */
  WATCH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** /watch: the address the endpoint listens on (0.0.0.0 to accept connections from other machines) */
  WATCH_HOST: z.string().min(1).default('127.0.0.1'),
  /** /watch: the base URL the snippets print (behind a proxy: its public https URL); default http://127.0.0.1:<WATCH_PORT> */
  WATCH_PUBLIC_URL: z.url().optional(),
  /** /watch: days a run token stays valid (it can be revoked earlier with /watch stop) */
  WATCH_TOKEN_DAYS: int(7, 1, 90),
  // ---- scale-out, the front half (issue 14; docs/scaling.md); REDIS_URL is in QUEUE_ENV below and also
  // shares rate limits and the state behind buttons across bot processes ----
  /** how interactions arrive: `gateway` (a WebSocket to Discord, no public URL needed) or `http` (Discord POSTs them to our Interactions Endpoint URL) */
  INTERACTIONS: z.enum(['gateway', 'http']).default('gateway'),
  /** INTERACTIONS=http: the application's public key from the Developer Portal (64 hex characters); every request's Ed25519 signature is checked against it */
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'DISCORD_PUBLIC_KEY must be the 64 hex characters the Developer Portal shows')
    .optional(),
  /** INTERACTIONS=http: the port of the interactions endpoint (POST /interactions, GET /healthz, GET /readyz); 0 = any free port */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** INTERACTIONS=http: the address it listens on (0.0.0.0 behind a load balancer or in a container) */
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** INTERACTIONS=http: a request the handlers have not answered after this many ms is deferred (Discord closes it at 3 s) */
  HTTP_DEFER_MS: int(2000, 50, 2800),
  /** gateway: `auto` (the count Discord recommends in GET /gateway/bot) or a number of shards, all run by this process */
  SHARDS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)]).default('auto'),
  /**
   * the Redis-backed job queue and its workers (issue 14; src/requests/queue-env.ts, one comment per
   * variable there): REDIS_URL, WORKER_CONCURRENCY, WORKER_PORT, WORKER_HOST, QUEUE_LOCK_MS,
   * QUEUE_STALLED_INTERVAL_MS, QUEUE_MAX_STALLED, QUEUE_CANCEL_POLL_MS, QUEUE_LEASE_MS, QUEUE_ADOPT_MS,
   * TRIAGE_REMOTE, WORKER_TRIAGE_THREADS
   */
  ...QUEUE_ENV,
  // ---- team memory (issue 15): /settings, /history, /show, /compare by id, /best, /forget, /export
  /** folder of the embedded SQLite history (memory.sqlite, created if missing); default: the per-user data folder (src/memory defaultDataDir) */
  DATA_DIR: z.string().trim().min(1).optional(),
  /** PostgreSQL connection string (several bot processes, the Redis deployment); wins over DATA_DIR; never logged */
  DATABASE_URL: z.string().trim().min(1).optional(),
  /** how often the bot deletes runs older than their scope's retention (also once at start) */
  MEMORY_PURGE_INTERVAL_S: int(3600, 10, 7 * 24 * 3600),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse the environment; the message lists what is wrong by variable name, never by value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    throw new ConfigError(`Invalid configuration:\n${issueLines(r.error).join('\n')}\nSee .env.example.`);
  }
  if (r.data.INTERACTIONS === 'http' && !r.data.DISCORD_PUBLIC_KEY)
    throw new ConfigError(
      'Invalid configuration:\n  DISCORD_PUBLIC_KEY: required with INTERACTIONS=http (the public key from the Developer Portal)\nSee .env.example.',
    );
  return r.data;
}
