/**
 * One store with expiry for everything the surfaces keep behind a button for a while: values under
 * short random keys, forgotten after `ttlMs` (checked when read) and, past `max` entries, oldest
 * first. In memory only; a restart forgets everything. (A maintained TTL/LRU cache such as
 * lru-cache would fit here; it is not a dependency yet, and this is all the bot needs.)
 */
import { randomBytes } from 'node:crypto';

export class ExpiringStore<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keep a value; returns its 8-character key (URL-safe, fits a custom id). */
  put(value: V): string {
    const key = randomBytes(6).toString('base64url');
    this.map.set(key, { value, at: this.now() });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return key;
  }

  /** The value, or undefined once it has expired or been pushed out. */
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
