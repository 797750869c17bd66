/**
 * Memory admission for the triage pool: every task is charged an estimate of the memory its parse
 * needs (input bytes x a measured factor) against one budget shared by the pool. A task that does not
 * fit waits (first come, first served) up to a few seconds, then is refused with "busy, try again";
 * a task larger than the whole budget runs alone. Without this, ten users sending the largest allowed
 * file at once took the bot from ~0.5 GB to 1.5 GB (issue: hardening, item 4).
 */

/**
 * Peak memory of one triage (ingest + diagnose + render) per byte of input, measured on this machine
 * (Node 20, 2 cores) with a warm worker and a two-column CSV of short numbers, the densest log a file
 * of a given size can hold (bench/bot/bot-bench.ts `bigCsv`): peak RSS over the worker's idle RSS was
 * 56 MB for 1 MiB, 93 MB for 2 MiB, 168 MB for 4 MiB and 316 MB for 8 MiB (1.2M rows): 38-53 bytes per
 * input byte. 40 covers the large files the budget is for; CURVE_TRIAGE_PARSE_BYTES_PER_BYTE overrides.
 */
export const PARSE_BYTES_PER_INPUT_BYTE = 40;

/**
 * Default budget: the bot idles at ~0.5 GB RSS (TF.js for training, canvas, two workers) and the
 * target is a peak under 900 MB, so ~384 MB for parses in flight: one maximum-size (8 MiB) file, or
 * hundreds of ordinary (10-100 KB) logs. CURVE_TRIAGE_PARSE_BUDGET_MB overrides.
 */
export const DEFAULT_PARSE_BUDGET_MB = 384;

/** How long a task waits for room before "busy, try again" (CURVE_TRIAGE_PARSE_WAIT_MS overrides). */
export const DEFAULT_PARSE_WAIT_MS = 10_000;

/**
 * Inputs at least this large run in a worker of their own that is ended as soon as they are done,
 * so the ~300 MB its heap grew to goes back to the system before the next one starts (V8 keeps a
 * grown heap until it next collects, and an idle worker never does); their bytes are moved to it.
 * CURVE_TRIAGE_RECYCLE_INPUT_KB overrides.
 */
export const DEFAULT_RECYCLE_INPUT_KB = 1024;

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
