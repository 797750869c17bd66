/**
 * INTERACTIONS=http: each interaction is handled once. The signature check (http.ts) refuses a
 * timestamp more than MAX_SKEW_S away, but inside that window a captured request verifies again; a
 * replay would run the command a second time (another diagnosis, another training job, another
 * deletion). Discord sends each interaction once, so the id of every verified one is remembered for
 * twice the window and a second delivery is refused. With REDIS_URL the ids live in Redis (SET NX),
 * so a replay sent to another front behind the load balancer is refused too.
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from './logger.js';
import { within } from '../jobs/redis-keys.js';

/** true the first time an interaction id is seen, false for a replay */
export type FirstSeen = (id: string) => Promise<boolean>;

/** OURS: the longest the replay check waits for Redis before this front's memory decides */
const REDIS_WAIT_MS = 250;
/** OURS: ids held in memory per front (the signed window holds far fewer at Discord's rates) */
const MEMORY_MAX = 200_000;

export function memoryFirstSeen(ttlMs: number): FirstSeen {
  const seen = new LRUCache<string, true>({ max: MEMORY_MAX, ttl: ttlMs });
  return async (id) => {
    if (seen.has(id)) return false;
    seen.set(id, true);
    return true;
  };
}

/**
 * Shared by every front. Redis unreachable: this front's own memory decides (a replay to the same
 * front is still refused), rather than refusing every interaction while Redis is down.
 */
export function redisFirstSeen(redis: Redis, ttlMs: number, logger: Logger, prefix = 'ct:seen:'): FirstSeen {
  const local = memoryFirstSeen(ttlMs);
  return async (id) => {
    const mine = await local(id);
    try {
      // a slow Redis must not hold every interaction past Discord's 3 s: this front's memory decides then
      const r = await within(redis.set(`${prefix}${id}`, '1', 'PX', ttlMs, 'NX'), REDIS_WAIT_MS);
      if (r === 'late') {
        logger.warn({}, 'interaction replay check: Redis too slow, fell back to memory');
        return mine;
      }
      return r === 'OK';
    } catch (e) {
      logger.warn({ err: { message: (e as Error).message } }, 'interaction replay check fell back to memory');
      return mine;
    }
  };
}
