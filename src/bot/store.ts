/**
 * Replies behind buttons, in memory only, for as long as Discord lets a reply be followed up
 * (15 minutes by default). What is kept is the advice (numbers and text derived from the diagnosis),
 * never the user's log; nothing touches disk, and a restart forgets everything.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from '../advise/index.js';

export interface Stored {
  reply: Reply;
  /** who asked; used only to label the entry in logs */
  at: number;
}

export class ReplyStore {
  private readonly map = new Map<string, Stored>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 5000,
  ) {}

  put(reply: Reply): string {
    const key = randomBytes(6).toString('base64url'); // 8 chars
    this.map.set(key, { reply, at: Date.now() });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return key;
  }

  get(key: string): Reply | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (Date.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return e.reply;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
