/**
 * REDIS_URL: the connection behind the state every bot process shares (rate limits, the stores
 * behind buttons). One connection per process; ioredis reconnects by itself, and a command waits at
 * most a couple of retries for it (the rate limiter then counts in memory, see ratelimit.ts).
 */
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import type { WriteBarrier } from './store.js';

export interface Shared {
  redis: Redis;
  /** writes of button state still on their way (the REST layer waits for them) */
  barrier: WriteBarrier;
}

export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, connectionName: 'curve-triage-bot' });
  // the URL may carry a password: log the fact, never the URL
  redis.on('error', (e: Error) => logger.warn({ err: { message: e.message } }, 'redis error'));
  redis.on('ready', () => logger.debug('redis ready'));
  return redis;
}
