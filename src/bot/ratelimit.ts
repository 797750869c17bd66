/**
 * Limits per user and per server for the heavy commands, behind one interface (`RateLimits`):
 *
 * - `RateLimiter` (default, one process): sliding windows in memory. Memory is bounded: entries
 *   whose window has passed are swept on the way.
 * - `SharedRateLimiter` (REDIS_URL set): the same limits held in Redis by rate-limiter-flexible, so
 *   every bot process (gateway shards, HTTP fronts) counts against one budget. Its windows are fixed
 *   (a counter per key that expires a window after the first hit), the library's atomic Lua
 *   increment; if Redis cannot be reached, each process falls back to the library's in-memory
 *   limiter (its `insuranceLimiter`) rather than refusing everyone.
 *
 * Both check the person first, then the server, and a refused request costs nothing; the refusals
 * (scope, seconds to wait) and so the messages (dispatch.ts) are the same.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export interface Limit {
  max: number;
  windowMs: number;
}

/** what a limited handler asks for: diagnoses (diagnose, compare, paste) or training work (train, sweep, apply fix) */
export type RateScope = 'diagnoses' | 'work';

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number; scope: 'user' | 'guild' };

/** What the dispatcher asks: may this person (in this server, null in DMs) make one more heavy request? */
export interface RateLimits {
  take(userId: string, guildId: string | null): RateDecision | Promise<RateDecision>;
}

export class RateLimiter implements RateLimits {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;
  constructor(
    private readonly user: Limit,
    private readonly guild: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Check both scopes first, then record the hit in both (a refused request costs nothing). */
  take(userId: string, guildId: string | null): RateDecision {
    const t = this.now();
    this.sweep(t);
    const u = this.wait(`u:${userId}`, this.user, t);
    if (u > 0) return { ok: false, retryAfterS: Math.ceil(u / 1000), scope: 'user' };
    if (guildId) {
      const g = this.wait(`g:${guildId}`, this.guild, t);
      if (g > 0) return { ok: false, retryAfterS: Math.ceil(g / 1000), scope: 'guild' };
      this.record(`g:${guildId}`, this.guild, t);
    }
    this.record(`u:${userId}`, this.user, t);
    return { ok: true };
  }

  private wait(key: string, l: Limit, t: number): number {
    const h = this.hits.get(key);
    if (!h) return 0;
    while (h.length && h[0] <= t - l.windowMs) h.shift();
    return h.length < l.max ? 0 : h[0] + l.windowMs - t;
  }

  private record(key: string, l: Limit, t: number): void {
    let h = this.hits.get(key);
    if (!h) this.hits.set(key, (h = []));
    h.push(t);
    if (h.length > l.max) h.shift();
  }

  private sweep(t: number): void {
    if (t - this.lastSweep < 60_000) return;
    this.lastSweep = t;
    const longest = Math.max(this.user.windowMs, this.guild.windowMs);
    for (const [k, h] of this.hits) if (!h.length || h[h.length - 1] <= t - longest) this.hits.delete(k);
  }
}

/** The limits in Redis, shared by every process using the same `prefix` (rate-limiter-flexible, fixed windows). */
export class SharedRateLimiter implements RateLimits {
  private readonly user: RateLimiterAbstract;
  private readonly guild: RateLimiterAbstract;
  constructor(redis: Redis, user: Limit, guild: Limit, prefix = 'ct:rate') {
    this.user = shared(redis, user, `${prefix}:u`);
    this.guild = shared(redis, guild, `${prefix}:g`);
  }

  async take(userId: string, guildId: string | null): Promise<RateDecision> {
    const u = await consume(this.user, userId);
    if (u > 0) return { ok: false, retryAfterS: Math.ceil(u / 1000), scope: 'user' };
    if (guildId) {
      const g = await consume(this.guild, guildId);
      if (g > 0) {
        // the server's budget refused it: give the person's point back (a refused request costs nothing)
        await this.user.reward(userId, 1).catch(() => undefined);
        return { ok: false, retryAfterS: Math.ceil(g / 1000), scope: 'guild' };
      }
    }
    return { ok: true };
  }
}

function shared(redis: Redis, l: Limit, keyPrefix: string): RateLimiterAbstract {
  const points = l.max;
  const duration = Math.max(1, Math.round(l.windowMs / 1000));
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    // Redis down or still connecting: count in this process instead of failing every request
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
  });
}

/** 0 when the point was taken, else the ms until the window frees up. Over the limit, the counter keeps
 *  counting but the window does not move (fixed windows), so a refusal costs nothing either. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key, 1);
    return 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, e.msBeforeNext);
    throw e;
  }
}
