/**
 * Replies and finished training runs behind buttons, for as long as Discord lets a reply be followed
 * up (15 minutes by default). What is kept is the advice (numbers and text derived from the
 * diagnosis), never the user's log. Two homes behind one interface (`Replies`, `Runs`):
 *
 * - in memory (default, util/expiring.ts): nothing touches disk, a restart forgets everything;
 * - in Redis (REDIS_URL set): the same entries with the same TTL, so a click handled by another bot
 *   process (a second shard, another HTTP front) finds what the first one stored. `put` still mints
 *   the key at once (the views are built synchronously); the write is tracked by a `WriteBarrier`
 *   that the REST layer awaits before sending anything to Discord, so no message carrying a key
 *   leaves before its entry is in Redis.
 *
 * Entries are deflated JSON (a Reply is ~25 KB as JSON, ~4.5 KB packed), so the default 10,000
 * entries stay under ~50 MB. Packing happens in the worker for diagnoses (`packReply`).
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { Reply } from '../advise/index.js';
import type { KerasFlavour, TrainOutcome } from '../train/index.js';
import { ExpiringStore } from '../util/expiring.js';
import { sealerFor, type Sealer } from '../jobs/seal.js';

export function packReply(reply: Reply): Uint8Array {
  return deflateRawSync(JSON.stringify(reply), { level: 1 });
}

export function unpackReply(packed: Uint8Array): Reply {
  return JSON.parse(inflateRawSync(packed).toString('utf8')) as Reply;
}

/** Where replies behind buttons are kept: put is synchronous (a key for a custom id), get may wait on Redis. */
export interface Replies {
  put(reply: Reply | Uint8Array): string;
  get(key: string): Reply | undefined | Promise<Reply | undefined>;
  clear(): void;
}

/** Where finished runs behind the fix/export buttons are kept. */
export interface Runs {
  put(outcome: TrainOutcome, dialect: KerasFlavour): string;
  get(key: string): StoredRun | undefined | Promise<StoredRun | undefined>;
  clear(): void;
}

/** Replies behind buttons (packed), BUTTON_TTL_S, at most 10,000. */
export class ReplyStore implements Replies {
  private readonly store: ExpiringStore<Uint8Array>;
  constructor(ttlMs: number, max = 10_000) {
    this.store = new ExpiringStore(ttlMs, max);
  }

  /** Keep a reply (or its packed form); returns the 8-char key used in custom ids. */
  put(reply: Reply | Uint8Array): string {
    return this.store.put(reply instanceof Uint8Array ? reply : packReply(reply));
  }

  get(key: string): Reply | undefined {
    const packed = this.store.get(key);
    return packed ? unpackReply(packed) : undefined;
  }

  get size(): number {
    return this.store.size;
  }

  clear(): void {
    this.store.clear();
  }
}

/** A finished training run behind the "apply fix" / "export" buttons: its outcome (config, history, diagnosis; no user log) and the Keras flavour asked for. */
export interface StoredRun {
  outcome: TrainOutcome;
  dialect: KerasFlavour;
}

/** Finished runs for the fix/export buttons; in memory, BUTTON_TTL_S, at most 500. */
export class RunStore implements Runs {
  private readonly store: ExpiringStore<StoredRun>;
  constructor(ttlMs: number, max = 500) {
    this.store = new ExpiringStore(ttlMs, max);
  }
  put(outcome: TrainOutcome, dialect: KerasFlavour): string {
    return this.store.put({ outcome, dialect });
  }
  get(key: string): StoredRun | undefined {
    return this.store.get(key);
  }
  clear(): void {
    this.store.clear();
  }
}

/**
 * Writes still on their way to Redis. `settled()` resolves once every write started before the call
 * has finished (a failed write is logged by `onError` and does not block: its buttons will say
 * "expired", which is the truth).
 */
export class WriteBarrier {
  private readonly pending = new Set<Promise<unknown>>();
  constructor(private readonly onError: (e: unknown) => void = () => undefined) {}

  track(p: Promise<unknown>): void {
    const q = p.catch(this.onError).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  get size(): number {
    return this.pending.size;
  }

  async settled(): Promise<void> {
    if (this.pending.size) await Promise.all([...this.pending]);
  }
}

/** the keys the stores mint: 6 random bytes, 8 URL-safe characters (they travel in custom ids) */
const KEY = /^[A-Za-z0-9_-]{8}$/;
const mint = () => randomBytes(6).toString('base64url');

/** Replies behind buttons in Redis: the packed reply under `<prefix><key>`, expiring after ttlMs. */
export class RedisReplyStore implements Replies {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly barrier: WriteBarrier,
    private readonly prefix = 'ct:reply:',
    /** QUEUE_KEY's sealer: the entries are encrypted in Redis like the jobs */
    private readonly sealer: Sealer = sealerFor(undefined),
  ) {}

  put(reply: Reply | Uint8Array): string {
    const key = mint();
    const packed = reply instanceof Uint8Array ? reply : packReply(reply);
    this.barrier.track(this.redis.set(this.prefix + key, this.sealer.sealBytes(packed), 'PX', this.ttlMs));
    return key;
  }

  async get(key: string): Promise<Reply | undefined> {
    if (!KEY.test(key)) return undefined;
    const stored = await this.redis.getBuffer(this.prefix + key);
    const packed = stored ? this.sealer.openBytes(stored) : undefined;
    return packed ? unpackReply(packed) : undefined;
  }

  /** the entries are shared with the other processes and expire by themselves: nothing to drop here */
  clear(): void {}
}

/** Finished runs in Redis: deflated JSON (non-finite numbers kept, a diverged run's NaN loss included). */
export class RedisRunStore implements Runs {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly barrier: WriteBarrier,
    private readonly prefix = 'ct:run:',
    /** QUEUE_KEY's sealer: the entries are encrypted in Redis like the jobs */
    private readonly sealer: Sealer = sealerFor(undefined),
  ) {}

  put(outcome: TrainOutcome, dialect: KerasFlavour): string {
    const key = mint();
    const packed = deflateRawSync(JSON.stringify({ outcome, dialect } satisfies StoredRun, keepNumbers), { level: 1 });
    this.barrier.track(this.redis.set(this.prefix + key, this.sealer.sealBytes(packed), 'PX', this.ttlMs));
    return key;
  }

  async get(key: string): Promise<StoredRun | undefined> {
    if (!KEY.test(key)) return undefined;
    const stored = await this.redis.getBuffer(this.prefix + key);
    const packed = stored ? this.sealer.openBytes(stored) : undefined;
    return packed ? (JSON.parse(inflateRawSync(packed).toString('utf8'), restoreNumbers) as StoredRun) : undefined;
  }

  clear(): void {}
}

/** JSON has no NaN or Infinity: carry them as a tagged string */
function keepNumbers(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v;
}

function restoreNumbers(_key: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const n = (v as { $num?: unknown }).$num;
    if (typeof n === 'string' && Object.keys(v).length === 1) return Number(n);
  }
  return v;
}
