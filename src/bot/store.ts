/**
 * Replies behind buttons, in memory only, for as long as Discord lets a reply be followed up
 * (15 minutes by default). What is kept is the advice (numbers and text derived from the diagnosis),
 * never the user's log; nothing touches disk, and a restart forgets everything.
 *
 * Entries are deflated JSON (a Reply is ~25 KB as JSON, ~4.5 KB packed), so the default 10,000
 * entries stay under ~50 MB. Packing happens in the worker for diagnoses (`packReply`).
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Reply } from '../advise/index.js';

export function packReply(reply: Reply): Uint8Array {
  return deflateRawSync(JSON.stringify(reply), { level: 1 });
}

export function unpackReply(packed: Uint8Array): Reply {
  return JSON.parse(inflateRawSync(packed).toString('utf8')) as Reply;
}

export class ReplyStore {
  private readonly map = new Map<string, { packed: Uint8Array; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  /** Keep a reply (or its packed form); returns the 8-char key used in custom ids. */
  put(reply: Reply | Uint8Array): string {
    const key = randomBytes(6).toString('base64url');
    this.map.set(key, { packed: reply instanceof Uint8Array ? reply : packReply(reply), at: Date.now() });
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return key;
  }

  get(key: string): Reply | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (Date.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return unpackReply(e.packed);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
