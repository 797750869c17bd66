/** What every handler gets: config, logger, the work pool, the reply store, the rate limiter, the training queue. */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { WorkPool } from './work/pool.js';
import type { Replies, Runs } from './store.js';
import type { RateLimits } from './ratelimit.js';
import type { JobQueue } from '../jobs/index.js';
import type { WatchHub } from './watch-live.js';
import type { MemoryStore } from '../memory/index.js';

export interface BotContext {
  config: Config;
  logger: Logger;
  pool: WorkPool;
  /** replies behind buttons (in memory, or in Redis when REDIS_URL is set) */
  store: Replies;
  limiter: RateLimits;
  /** training jobs (/train, /sweep, apply fix): run in the training worker pool, never on this loop */
  jobs: JobQueue;
  /** finished training runs behind the "apply fix" / "export" buttons (BUTTON_TTL_S; in memory or Redis) */
  runs: Runs;
  /** /watch: run tokens, live runs and the HTTP endpoint; absent when WATCH_PORT is unset */
  watch?: WatchHub;
  /** team memory (issue 15); absent when the store could not be opened (history commands say so) */
  memory?: MemoryStore;
  /** the retention purge scheduled by the bot (memory-purge.ts); `tick()` runs one now */
  purge?: { tick(): Promise<number> };
  /** true once SIGTERM arrived: new requests get "restarting" */
  readonly shuttingDown: boolean;
}
