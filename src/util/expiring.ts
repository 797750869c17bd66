/**
 * One store with expiry for everything the surfaces keep behind a button for a while: values under
 * short random keys, forgotten `ttlMs` after they were stored and, past `max` entries, the least
 * recently used first. lru-cache does the bookkeeping (expiry is checked when read, no timers); this
 * class only mints the keys. In memory only; a restart forgets everything.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export class ExpiringStore<V extends {}> {
  private readonly cache: LRUCache<string, V>;
  constructor(ttlMs: number, max: number, now: () => number = Date.now) {
    // ttlResolution 0: read the clock on every check (the default caches it for 1 ms, which an
    // injected test clock would see as time standing still)
    this.cache = new LRUCache<string, V>({ max, ttl: ttlMs, ttlResolution: 0, perf: { now } });
  }

  /** Keep a value; returns its 8-character key (URL-safe, fits a custom id). */
  put(value: V): string {
    const key = randomBytes(6).toString('base64url');
    this.cache.set(key, value);
    return key;
  }

  /** The value, or undefined once it has expired or been pushed out. */
  get(key: string): V | undefined {
    return this.cache.get(key);
  }

  get size(): number {
    return this.cache.size;
  }

  clear(): void {
    this.cache.clear();
  }
}
