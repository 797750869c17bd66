/**
 * Sliding-window limits per user and per server for the heavy commands. Memory is bounded: entries
 * whose window has passed are swept on the way.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

/** what a limited handler asks for: diagnoses (diagnose, compare, paste) or training work (train, sweep, apply fix) */
export type RateScope = 'diagnoses' | 'work';

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number; scope: 'user' | 'guild' };

export class RateLimiter {
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
