/** What every handler gets: config, logger, the work pool, the reply store, the rate limiter. */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { WorkPool } from './work/pool.js';
import type { ReplyStore } from './store.js';
import type { RateLimiter } from './ratelimit.js';

export interface BotContext {
  config: Config;
  logger: Logger;
  pool: WorkPool;
  store: ReplyStore;
  limiter: RateLimiter;
  /** true once SIGTERM arrived: new requests get "restarting" */
  readonly shuttingDown: boolean;
}
