/**
 * Replies and finished training runs behind buttons, in memory only (util/expiring.ts), for as long
 * as Discord lets a reply be followed up (15 minutes by default). What is kept is the advice (numbers and text derived from the diagnosis),
 * never the user's log; nothing touches disk, and a restart forgets everything.
 *
 * Entries are deflated JSON (a Reply is ~25 KB as JSON, ~4.5 KB packed), so the default 10,000
 * entries stay under ~50 MB. Packing happens in the worker for diagnoses (`packReply`).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Reply } from '../advise/index.js';
import type { KerasFlavour, TrainOutcome } from '../train/index.js';
import { ExpiringStore } from '../util/expiring.js';

export function packReply(reply: Reply): Uint8Array {
  return deflateRawSync(JSON.stringify(reply), { level: 1 });
}

export function unpackReply(packed: Uint8Array): Reply {
  return JSON.parse(inflateRawSync(packed).toString('utf8')) as Reply;
}

/** Replies behind buttons (packed), BUTTON_TTL_S, at most 10,000. */
export class ReplyStore {
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
export class RunStore {
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
