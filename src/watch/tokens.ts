/**
 * Run tokens for /watch: 128 random bits (base64url, 22 chars) behind the prefix `ctw_`. Only the
 * sha256 of a token is kept, next to who may use it (one user, one channel), its run name, whether the
 * owner wants to be mentioned, and when it expires or was revoked. Tokens are checked by hashing the
 * presented one and comparing hashes in constant time. Kept in memory only: a restart forgets every
 * token (the owner runs /watch start again). Logs name a token by its id (the first 6 hex chars of
 * the hash), never the token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'ctw_';
/** ctw_ + 22 base64url chars (16 bytes) */
const TOKEN_SHAPE = /^ctw_[A-Za-z0-9_-]{22}$/;
const DAY_MS = 24 * 3600 * 1000;

export interface TokenRecord {
  /** first 6 hex chars of the hash: what logs and /watch list show */
  id: string;
  userId: string;
  channelId: string;
  guildId?: string;
  /** the run name given to /watch start (may be empty: the client's `run` names it then) */
  name: string;
  /** mention the owner in alerts */
  notify: boolean;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export type Verdict = { ok: true; record: TokenRecord } | { ok: false; status: 401 | 403; error: string };

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class TokenStore {
  private readonly byHash = new Map<string, { hash: Buffer; record: TokenRecord }>();
  constructor(
    private readonly ttlMs = 7 * DAY_MS,
    private readonly now: () => number = Date.now,
    /** tokens kept per user (the oldest is dropped beyond this) */
    private readonly perUser = 20,
  ) {}

  /** A new token for this user and channel; the token itself is returned once and never stored. */
  create(owner: { userId: string; channelId: string; guildId?: string; name?: string; notify?: boolean }): {
    token: string;
    record: TokenRecord;
  } {
    this.prune();
    const token = TOKEN_PREFIX + randomBytes(16).toString('base64url');
    const hash = sha(token);
    const t = this.now();
    const record: TokenRecord = {
      id: hash.toString('hex').slice(0, 6),
      userId: owner.userId,
      channelId: owner.channelId,
      ...(owner.guildId ? { guildId: owner.guildId } : {}),
      name: owner.name ?? '',
      notify: owner.notify ?? false,
      createdAt: t,
      expiresAt: t + this.ttlMs,
      revoked: false,
    };
    const mine = this.list(owner.userId, true);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.perUser + 1))) this.forget(old);
    this.byHash.set(hash.toString('hex'), { hash, record });
    return { token, record };
  }

  /** Who a presented token belongs to: 401 unknown or malformed, 403 expired or revoked. */
  verify(token: string | undefined): Verdict {
    if (!token)
      return { ok: false, status: 401, error: 'missing token: send the header "Authorization: Bearer ctw_..."' };
    if (!TOKEN_SHAPE.test(token))
      return { ok: false, status: 401, error: 'unknown token: a run token looks like ctw_ followed by 22 characters' };
    const hash = sha(token);
    const hit = this.byHash.get(hash.toString('hex'));
    // the map lookup finds the candidate; the constant-time compare is the check
    if (!hit || !timingSafeEqual(hit.hash, hash))
      return { ok: false, status: 401, error: 'unknown token: run /watch start for a new one' };
    if (hit.record.revoked)
      return {
        ok: false,
        status: 403,
        error: 'this token was revoked with /watch stop: run /watch start for a new one',
      };
    if (hit.record.expiresAt <= this.now())
      return { ok: false, status: 403, error: 'this token has expired: run /watch start for a new one' };
    return { ok: true, record: hit.record };
  }

  /** A user's tokens, newest last (revoked and expired ones only with `all`). */
  list(userId: string, all = false): TokenRecord[] {
    const t = this.now();
    return [...this.byHash.values()]
      .map((e) => e.record)
      .filter((r) => r.userId === userId && (all || (!r.revoked && r.expiresAt > t)))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Revoke one of the user's tokens by id (or name); returns what was revoked. */
  revoke(userId: string, which: string): TokenRecord[] {
    const w = which.trim();
    const hits = this.list(userId).filter((r) => r.id === w.toLowerCase() || (w && r.name === w));
    for (const r of hits) r.revoked = true;
    return hits;
  }

  /** Revoke every live token of the user. */
  revokeAll(userId: string): TokenRecord[] {
    const hits = this.list(userId);
    for (const r of hits) r.revoked = true;
    return hits;
  }

  get size(): number {
    return this.byHash.size;
  }

  /** drop tokens a day past their expiry or revocation horizon */
  private prune(): void {
    const t = this.now();
    for (const [k, e] of this.byHash) if (e.record.expiresAt + DAY_MS < t) this.byHash.delete(k);
  }

  private forget(r: TokenRecord): void {
    for (const [k, e] of this.byHash) if (e.record === r) this.byHash.delete(k);
  }
}
