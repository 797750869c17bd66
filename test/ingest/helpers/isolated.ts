/**
 * ingest() behind a worker thread with a per-call time bound: a parser hang shows up as a 'timeout'
 * result naming the input, instead of freezing the test run.
 */
import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';
import type { IngestOptions } from '../../../src/ingest/index.js';
import type { WorkerReply } from './ingest-worker.js';

export type IsolatedResult = WorkerReply | { id: number; kind: 'timeout'; ms: number };

const BOOT = new URL('./boot.mjs', import.meta.url);
const ENTRY = new URL('./ingest-worker.ts', import.meta.url).href;

export class IsolatedIngest {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, (r: IsolatedResult) => void>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(BOOT, { workerData: { entry: ENTRY }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    w.on('message', (r: WorkerReply) => {
      const done = this.pending.get(r.id);
      if (done) {
        this.pending.delete(r.id);
        done(r);
      }
    });
    w.on('error', (e) => {
      for (const [id, done] of this.pending)
        done({
          id,
          kind: 'other_error',
          name: 'WorkerError',
          message: String(e?.message ?? e),
          stack: String(e?.stack ?? ''),
          ms: 0,
        });
      this.pending.clear();
      this.worker = undefined;
    });
    this.worker = w;
    return w;
  }

  /** Warm the worker (module loading takes a few hundred ms and must not count against a file's bound). */
  async ready(): Promise<void> {
    await this.run('epoch,loss\n0,1\n1,0.5\n', {}, 60_000);
  }

  run(
    input: Uint8Array | string,
    options: IngestOptions = {},
    timeoutMs = 5000,
    alsoDiagnose = false,
  ): Promise<IsolatedResult> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        // the worker is stuck in synchronous code: kill it; the next call starts a fresh one
        void w.terminate();
        if (this.worker === w) this.worker = undefined;
        for (const [pid, done] of this.pending) done({ id: pid, kind: 'timeout', ms: performance.now() - t0 });
        this.pending.clear();
        resolve({ id, kind: 'timeout', ms: performance.now() - t0 });
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      w.postMessage({ id, input, options, diagnose: alsoDiagnose });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** Stack-trace text or JS-internal error text that must never reach a user. */
export const LEAKY_MESSAGE =
  /\n\s+at\s|\bat .+\(.+:\d+:\d+\)|node:internal|file:\/\/|Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack|Invalid array length|Invalid string length|\bTypeError\b|\bRangeError\b|\bReferenceError\b|\bSyntaxError\b/;

/** A real log's isolated reading: read into a valid TrainingLog whose every run diagnose() answers, or refused
 * with an IngestError whose message is meant for a user; a hang or any other error fails, naming it. */
export function expectReadOrRefused(r: IsolatedResult, ms: number): void {
  if (r.kind === 'timeout') throw new Error(`ingest did not finish within ${ms} ms (hang?)`);
  if (r.kind === 'other_error') throw new Error(`ingest threw ${r.name}: ${r.message}\n${r.stack}`);
  if (r.kind === 'ingest_error') {
    expect(r.message.length).toBeGreaterThan(20);
    expect(r.message).not.toMatch(LEAKY_MESSAGE);
    return;
  }
  expect(r.problems).toEqual([]);
  expect(r.points).toBeGreaterThan(0);
  expect(r.diagnoseProblems ?? []).toEqual([]);
}
