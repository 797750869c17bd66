/**
 * Memory admission for the triage pool: every task is charged an estimate of the memory its parse
 * needs (input bytes x a measured factor) against one budget shared by the pool. A task that does not
 * fit waits (first come, first served) up to a few seconds, then is refused with "busy, try again";
 * a task larger than the whole budget runs alone. Without this, ten users sending the largest allowed
 * file at once took the bot from ~0.5 GB to 1.5 GB (issue: hardening, item 4).
 */

// the budget's defaults (and their measurements) live with the environment schema that overrides them
export {
  DEFAULT_PARSE_BUDGET_MB,
  DEFAULT_PARSE_WAIT_MS,
  DEFAULT_RECYCLE_INPUT_KB,
  PARSE_BYTES_PER_INPUT_BYTE,
} from '../../requests/env.js';

export class MemoryBusyError extends Error {
  constructor(readonly estimateBytes: number) {
    super('memory budget busy');
    this.name = 'MemoryBusyError';
  }
}

interface Waiter {
  bytes: number;
  grant: () => void;
  timer: NodeJS.Timeout;
}

/** A counting semaphore over bytes, FIFO, with a bounded wait. */
export class ByteBudget {
  private used = 0;
  private holders = 0;
  private readonly waiters: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }
  get waiting(): number {
    return this.waiters.length;
  }

  private fits(bytes: number): boolean {
    // a task larger than the whole budget runs when nothing else holds any of it
    return this.holders === 0 || this.used + bytes <= this.capacity;
  }

  /** Resolves with a release function once `bytes` fit; rejects with MemoryBusyError after `waitMs`. */
  acquire(bytes: number, waitMs: number): Promise<() => void> {
    const take = (): (() => void) => {
      this.used += bytes;
      this.holders++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.used -= bytes;
        this.holders--;
        this.drain();
      };
    };
    // FIFO: nobody jumps a waiting task, even a small one that would fit
    if (this.waiters.length === 0 && this.fits(bytes)) return Promise.resolve(take());
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        bytes,
        grant: () => {
          clearTimeout(w.timer);
          resolve(take());
        },
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new MemoryBusyError(bytes));
          this.drain(); // the head may have been the one blocking smaller tasks behind it
        }, waitMs),
      };
      this.waiters.push(w);
    });
  }

  private drain(): void {
    while (this.waiters.length && this.fits(this.waiters[0].bytes)) this.waiters.shift()!.grant();
  }
}

/** The estimate a task is charged: its input bytes (text counted as UTF-8-ish: 1 byte per char) x factor. */
export function inputBytes(inputs: { data: Uint8Array | string }[]): number {
  return inputs.reduce((n, i) => n + (typeof i.data === 'string' ? i.data.length : i.data.byteLength), 0);
}
