/**
 * The embedded (in-process) job queue: FIFO, a global concurrency limit, one active job per user,
 * progress throttled per job. Processors do the heavy work in pool workers (src/train/threads/pool.ts), so the
 * queue itself only schedules.
 *
 * Compute fairness (with a `cost` model): a job whose worst-case estimate is over `limits.jobS` is
 * refused at submit, and so is one that would take its user past `limits.userPerHourS` of training in
 * the last hour (charged the estimate at submit, then what it really ran for once it ends). A job made
 * of several units (a sweep's runs) calls ctx.turn() between them: when another user's job waits, the
 * slot goes to it and this job rejoins the line at the back, so users take turns run by run.
 */
import { randomUUID } from 'node:crypto';
import {
  JobCancelledError,
  type CostDetail,
  JobLimitError,
  type JobEvent,
  type JobHandle,
  type JobInfo,
  type JobProgress,
  type JobQueue,
  type Processor,
  type SubmitOptions,
} from './queue.js';

export interface MemoryQueueOptions {
  processors: Record<string, Processor<any, any>>;
  /** jobs running at once (default 1) */
  concurrency?: number;
  /** queued jobs accepted beyond the running ones (default 20) */
  maxQueued?: number;
  /** minimum ms between progress events per job (default 2000; the first is sent at once) */
  progressMs?: number;
  /** finished jobs kept for get() (default 200) */
  keepFinished?: number;
  /** worst-case seconds of training slot a job will take, and its runs; throw for a payload the processor will refuse */
  cost?: (kind: string, payload: unknown) => { seconds: number; runs: number };
  /** compute limits in seconds of training slot (need `cost`); 0 or absent = no limit */
  limits?: { jobS?: number; userPerHourS?: number };
  /** the clock for the hourly ledger (tests) */
  now?: () => number;
}

const HOUR_MS = 3600_000;

interface Charge {
  at: number;
  seconds: number;
}

interface Entry {
  info: JobInfo;
  ac: AbortController;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onEvent?: (e: JobEvent) => void;
  lastProgress: number;
  pendingProgress?: JobProgress;
  timer?: NodeJS.Timeout;
  /** the ledger entry this job is charged on */
  charge?: Charge;
  /** ms the job held a slot, and since when it holds it now */
  activeMs: number;
  activeSince?: number;
  /** set while the job has given its slot up (ctx.turn) and waits in line */
  resume?: () => void;
}

export class MemoryJobQueue implements JobQueue {
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private running = 0;
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private readonly finished: string[] = [];
  private closed = false;
  readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly progressMs: number;
  private readonly keepFinished: number;
  /** per user: what their jobs were charged in the last hour */
  private readonly ledger = new Map<string, Charge[]>();
  private readonly now: () => number;
  private submits = 0;
  private readonly claimed = new Set<string>();

  constructor(private readonly options: MemoryQueueOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxQueued = options.maxQueued ?? 20;
    this.progressMs = options.progressMs ?? 2000;
    this.keepFinished = options.keepFinished ?? 200;
    this.now = options.now ?? Date.now;
  }

  /** seconds of training the user was charged in the last hour */
  usedBy(userId: string): number {
    const list = this.charges(userId);
    return list.reduce((n, c) => n + c.seconds, 0);
  }

  private charges(userId: string): Charge[] {
    const list = this.ledger.get(userId);
    if (!list) return [];
    const cut = this.now() - HOUR_MS;
    while (list.length && list[0].at <= cut) list.shift();
    if (!list.length) this.ledger.delete(userId);
    return list;
  }

  /** Refuse a job over the per-job limit or the user's hour; otherwise charge its estimate. */
  private admit(kind: string, userId: string, payload: unknown): { charge?: Charge; estimateS?: number } {
    if (!this.options.cost) return {};
    // now and then drop the hour-old charges of people who have not come back
    if (++this.submits % 256 === 0) for (const u of [...this.ledger.keys()]) this.charges(u);
    let cost: { seconds: number; runs: number };
    try {
      cost = this.options.cost(kind, payload);
    } catch {
      return {}; // the processor refuses the payload with its own message
    }
    const jobS = this.options.limits?.jobS ?? 0;
    if (jobS > 0 && cost.seconds > jobS) {
      const d: CostDetail = { estimateS: cost.seconds, limitS: jobS, runs: cost.runs };
      throw new JobLimitError(
        `the job would take up to ${Math.round(cost.seconds)} s of training; the limit is ${jobS} s per job`,
        'too_costly',
        d,
      );
    }
    const hourS = this.options.limits?.userPerHourS ?? 0;
    const list = this.charges(userId);
    if (hourS > 0) {
      let used = list.reduce((n, c) => n + c.seconds, 0);
      if (used + cost.seconds > hourS) {
        // when enough of the hour's charges have aged out for this job to fit
        let retryAt = this.now();
        for (const c of list) {
          if (used + cost.seconds <= hourS) break;
          used -= c.seconds;
          retryAt = c.at + HOUR_MS;
        }
        const fits = cost.seconds <= hourS;
        const d: CostDetail = {
          estimateS: cost.seconds,
          limitS: hourS,
          runs: cost.runs,
          usedS: list.reduce((n, c) => n + c.seconds, 0),
          ...(fits ? { retryAfterS: Math.max(1, Math.ceil((retryAt - this.now()) / 1000)) } : {}),
        };
        throw new JobLimitError(
          `the job would take up to ${Math.round(cost.seconds)} s of training; ${Math.round(d.usedS!)} of ${hourS} s this hour are used`,
          'over_quota',
          d,
        );
      }
    }
    const charge: Charge = { at: this.now(), seconds: cost.seconds };
    list.push(charge);
    this.ledger.set(userId, list);
    return { charge, estimateS: cost.seconds };
  }

  submit<P, R>(kind: string, userId: string, payload: P, options: SubmitOptions = {}): JobHandle<R> {
    if (this.closed) throw new JobLimitError('the job queue is shutting down; try again in a moment', 'closed');
    if (!this.options.processors[kind]) throw new JobLimitError(`unknown job kind "${kind}"`, 'unknown_kind');
    const busy = this.activeFor(userId);
    if (busy) {
      throw new JobLimitError(
        `you already have a ${busy.kind} job ${busy.state === 'running' ? 'running' : 'waiting'} (${busy.id.slice(0, 8)}): one at a time per user. Wait for it or cancel it.`,
        'user_busy',
      );
    }
    if (this.waiting.length >= this.maxQueued) {
      throw new JobLimitError(
        `the training queue is full (${this.waiting.length} waiting, ${this.running} running); try again in a few minutes`,
        'queue_full',
      );
    }
    const { charge, estimateS } = this.admit(kind, userId, payload);
    const id = randomUUID();
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<R>((res, rej) => {
      resolve = res as (v: unknown) => void;
      reject = rej;
    });
    // callers that only listen to events must not get an unhandled rejection
    done.catch(() => undefined);
    const entry: Entry = {
      info: {
        id,
        kind,
        userId,
        payload,
        state: 'queued',
        createdAt: Date.now(),
        ...(estimateS !== undefined ? { estimateS } : {}),
        ...(options.meta ? { meta: options.meta } : {}),
      },
      ac: new AbortController(),
      resolve,
      reject,
      onEvent: options.onEvent,
      lastProgress: 0,
      charge,
      activeMs: 0,
    };
    this.jobs.set(id, entry);
    this.waiting.push(id);
    this.updatePositions();
    this.emit(entry, { type: 'queued', job: this.snapshot(entry) });
    this.pump();
    return { id, done };
  }

  /** one process: the first claim wins (kept as long as the job's entry) */
  claimResult(id: string): boolean {
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  get(id: string): JobInfo | undefined {
    const e = this.jobs.get(id);
    return e ? this.snapshot(e) : undefined;
  }

  activeFor(userId: string): JobInfo | undefined {
    for (const e of this.jobs.values()) {
      if (e.info.userId === userId && (e.info.state === 'queued' || e.info.state === 'running'))
        return this.snapshot(e);
    }
    return undefined;
  }

  cancel(id: string, userId?: string): boolean {
    const e = this.jobs.get(id);
    if (!e || (userId !== undefined && e.info.userId !== userId)) return false;
    if (e.info.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(id), 1);
      this.updatePositions();
      if (e.charge) e.charge.seconds = 0;
      this.finish(e, 'cancelled');
      e.reject(new JobCancelledError(id));
      return true;
    }
    if (e.info.state === 'running') {
      e.ac.abort();
      this.wake(e);
      return true;
    }
    return false;
  }

  on(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats() {
    return { queued: this.waiting.length, running: this.running, concurrency: this.concurrency };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.waiting]) this.cancel(id);
    const running = [...this.jobs.values()].filter((e) => e.info.state === 'running');
    for (const e of running) e.ac.abort();
    await Promise.allSettled(running.map((e) => new Promise<void>((r) => this.onceFinished(e, r))));
  }

  private onceFinished(e: Entry, cb: () => void): void {
    if (e.info.state !== 'running') return cb();
    const off = this.on((ev) => {
      if (ev.job.id === e.info.id && (ev.type === 'done' || ev.type === 'failed' || ev.type === 'cancelled')) {
        off();
        cb();
      }
    });
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const e = this.jobs.get(id)!;
      this.updatePositions();
      if (e.resume) this.wake(e);
      else void this.start(e);
    }
  }

  /** ctx.turn(): give the slot to a waiting job, if any, and come back at the end of the line. */
  private turn(e: Entry): Promise<void> {
    if (this.waiting.length === 0 || e.ac.signal.aborted || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.pause(e);
      e.resume = resolve;
      this.waiting.push(e.info.id);
      this.updatePositions();
      this.pump();
    });
  }

  /** a paused job takes a slot again (its turn came, or it was cancelled) */
  private wake(e: Entry): void {
    const resume = e.resume;
    if (!resume) return;
    e.resume = undefined;
    const i = this.waiting.indexOf(e.info.id);
    if (i >= 0) {
      this.waiting.splice(i, 1);
      this.updatePositions();
    }
    this.running++;
    e.activeSince = this.now();
    resume();
  }

  private pause(e: Entry): void {
    this.running--;
    if (e.activeSince !== undefined) e.activeMs += this.now() - e.activeSince;
    e.activeSince = undefined;
  }

  private async start(e: Entry): Promise<void> {
    this.running++;
    e.info.state = 'running';
    e.info.startedAt = Date.now();
    e.activeSince = this.now();
    delete e.info.position;
    this.emit(e, { type: 'started', job: this.snapshot(e) });
    const processor = this.options.processors[e.info.kind];
    try {
      const result = await processor(e.info.payload, {
        jobId: e.info.id,
        userId: e.info.userId,
        signal: e.ac.signal,
        progress: (p) => this.progress(e, p),
        turn: () => this.turn(e),
      });
      if (e.ac.signal.aborted) throw new JobCancelledError(e.info.id);
      this.flushProgress(e);
      e.info.result = result;
      this.finish(e, 'done');
      e.resolve(result);
    } catch (err) {
      this.flushProgress(e);
      if (e.ac.signal.aborted) {
        this.finish(e, 'cancelled');
        e.reject(new JobCancelledError(e.info.id));
      } else {
        e.info.error = (err as Error)?.message ?? String(err);
        this.finish(e, 'failed');
        e.reject(err);
      }
    } finally {
      this.pause(e);
      // charge what the job really ran for (a cancelled or early-stopped one less than its estimate)
      if (e.charge) e.charge.seconds = e.activeMs / 1000;
      this.pump();
    }
  }

  /** throttle: the first progress goes out at once, then at most one per progressMs (the latest wins) */
  private progress(e: Entry, p: JobProgress): void {
    if (e.info.state !== 'running') return;
    e.info.progress = p;
    const now = Date.now();
    if (now - e.lastProgress >= this.progressMs) {
      e.lastProgress = now;
      e.pendingProgress = undefined;
      this.emit(e, { type: 'progress', job: this.snapshot(e), progress: p });
      return;
    }
    e.pendingProgress = p;
    e.timer ??= setTimeout(
      () => {
        e.timer = undefined;
        if (e.pendingProgress && e.info.state === 'running') {
          const q = e.pendingProgress;
          e.pendingProgress = undefined;
          e.lastProgress = Date.now();
          this.emit(e, { type: 'progress', job: this.snapshot(e), progress: q });
        }
      },
      this.progressMs - (now - e.lastProgress),
    );
  }

  private flushProgress(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
    e.pendingProgress = undefined;
  }

  private finish(e: Entry, state: 'done' | 'failed' | 'cancelled'): void {
    e.info.state = state;
    e.info.finishedAt = Date.now();
    const job = this.snapshot(e);
    if (state === 'done') this.emit(e, { type: 'done', job });
    else if (state === 'failed') this.emit(e, { type: 'failed', job, error: e.info.error ?? 'failed' });
    else this.emit(e, { type: 'cancelled', job });
    this.finished.push(e.info.id);
    while (this.finished.length > this.keepFinished) {
      const old = this.finished.shift()!;
      this.jobs.delete(old);
      this.claimed.delete(old);
    }
  }

  private updatePositions(): void {
    this.waiting.forEach((id, i) => {
      const e = this.jobs.get(id);
      if (e && e.info.state === 'queued') e.info.position = i;
    });
  }

  private snapshot(e: Entry): JobInfo {
    return { ...e.info };
  }

  private emit(e: Entry, ev: JobEvent): void {
    try {
      e.onEvent?.(ev);
    } catch {
      /* a listener's error must not break the queue */
    }
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch {
        /* ignore */
      }
    }
  }
}
