/**
 * The job queue on Redis (BullMQ), chosen by REDIS_URL: the bot side. submit -> an atomic admission
 * (redis-keys.ts ADMIT_LUA: one job per user, queue cap, compute limits, across every bot process)
 * then Queue.add; events -> QueueEvents; cancel -> job.remove() while waiting, else a cancel flag the
 * worker polls. Workers (redis-worker.ts, `npm run worker`) run the processors.
 *
 * No job lost: a job carries the submitter's `meta` (how to answer its user). The process that
 * follows a job holds a lease on it, renewed while it lives; when a bot process stops (or dies), its
 * leases lapse and another process adopts the job (adopt + follow), posting progress and the result.
 * claimResult is a SET NX per job id, so a result is posted once, whoever sees the job end.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { SEALED_ELSEWHERE, sealerFor, type Sealer } from './seal.js';
import { admitJob } from './redis-admit.js';
import {
  JobCancelledError,
  JobDetachedError,
  JobLimitError,
  type JobEvent,
  type JobHandle,
  type JobInfo,
  type JobProgress,
  type JobQueue,
  type JobState,
  type SubmitOptions,
} from './queue.js';
import {
  ADMIT_LUA,
  CANCELLED_REASON,
  closeWithin,
  POSTING_MS,
  connectionOf,
  within,
  DEFAULT_QUEUE_NAME,
  FINISH_LUA,
  HOUR_MS,
  RENEW_LUA,
  keys,
  STALLED_REASON,
  type JobData,
} from './redis-keys.js';

export interface RedisQueueOptions {
  url: string;
  /** the job kinds the workers run (others are refused at submit) */
  kinds: string[];
  /** BullMQ queue name (default ct-train) */
  name?: string;
  /** queued jobs accepted beyond the running ones (default 20) */
  maxQueued?: number;
  /** minimum ms between progress events per job (default 2000) */
  progressMs?: number;
  /** worst-case seconds of training slot a job will take, and its runs */
  cost?: (kind: string, payload: unknown) => { seconds: number; runs: number };
  /** compute limits in seconds of training slot (need `cost`); 0 or absent = no limit */
  limits?: { jobS?: number; userPerHourS?: number };
  /** how long this process's claim on a job it answers lasts unless renewed (default 10 s) */
  leaseMs?: number;
  /** finished jobs are kept this long for get(), adoption and the posted claim (default 1 day) */
  keepS?: number;
  /** how many times a job may lose its worker before it fails (the workers' maxStalledCount; for the message) */
  maxStalledCount?: number;
  /** QUEUE_KEY's sealer (seal.ts): payloads, reply references and results cross Redis encrypted */
  sealer?: Sealer;
}

interface Follower {
  info: JobInfo;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onEvent?: (e: JobEvent) => void;
}

const STATE: Record<string, JobState> = {
  waiting: 'queued',
  prioritized: 'queued',
  delayed: 'queued',
  'waiting-children': 'queued',
  active: 'running',
  completed: 'done',
};

export class RedisJobQueue implements JobQueue {
  private readonly name: string;
  private readonly k: ReturnType<typeof keys>;
  readonly queue: Queue;
  private readonly events: QueueEvents;
  readonly redis: Redis;
  private readonly followers = new Map<string, Follower>();
  private readonly listeners = new Set<(e: JobEvent) => void>();
  /** jobs whose lease this process holds */
  private readonly leased = new Set<string>();
  private readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly leaseMs: number;
  private readonly sealer: Sealer;
  private readonly renew: NodeJS.Timeout;
  private closed = false;
  readonly ready: Promise<unknown>;

  constructor(private readonly options: RedisQueueOptions) {
    this.name = options.name ?? DEFAULT_QUEUE_NAME;
    this.k = keys(this.name);
    this.leaseMs = options.leaseMs ?? 10_000;
    this.sealer = options.sealer ?? sealerFor(undefined);
    const connection = connectionOf(options.url);
    this.queue = new Queue(this.name, { connection });
    this.events = new QueueEvents(this.name, { connection });
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 3 });
    // an outage surfaces where a command fails (and on /readyz); without a listener ioredis prints every retry
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('ctAdmit', { numberOfKeys: 5, lua: ADMIT_LUA });
    this.redis.defineCommand('ctFinish', { numberOfKeys: 2, lua: FINISH_LUA });
    this.redis.defineCommand('ctRenew', { lua: RENEW_LUA });
    this.listen();
    this.ready = Promise.all([this.events.waitUntilReady(), this.queue.waitUntilReady()]);
    this.renew = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.renew.unref();
  }

  async submit<P, R>(kind: string, userId: string, payload: P, options: SubmitOptions = {}): Promise<JobHandle<R>> {
    if (this.closed) throw new JobLimitError('the job queue is shutting down; try again in a moment', 'closed');
    if (!this.options.kinds.includes(kind)) throw new JobLimitError(`unknown job kind "${kind}"`, 'unknown_kind');
    await this.ready;
    const id = randomUUID();
    const cost = this.estimate(kind, payload);
    await this.admit(id, userId, cost);
    const data: JobData = {
      kind,
      userId,
      payload: this.sealer.seal(payload),
      progressMs: this.options.progressMs ?? 2000,
      ...(options.meta ? { meta: this.sealer.seal(options.meta) as JobData['meta'] } : {}),
      ...(cost ? { estimateS: cost.seconds } : {}),
    };
    const info: JobInfo = { id, kind, userId, payload, state: 'queued', createdAt: Date.now() };
    if (cost) info.estimateS = cost.seconds;
    if (options.meta) info.meta = options.meta;
    const handle = this.track<R>(info, options.onEvent);
    await this.lease(id);
    try {
      const keepS = this.options.keepS ?? 24 * 3600;
      await this.queue.add(kind, data, {
        jobId: id,
        attempts: 1,
        removeOnComplete: { age: keepS },
        removeOnFail: { age: keepS },
      });
    } catch (e) {
      await this.release(id); // the lease too, or it would be renewed for a job that never existed
      await this.finished(id, userId, 0);
      throw e;
    }
    info.position = Math.max(0, (await this.queue.getWaitingCount()) - 1);
    this.emit(id, { type: 'queued', job: { ...info } });
    return handle;
  }

  private estimate(kind: string, payload: unknown): { seconds: number; runs: number } | undefined {
    if (!this.options.cost) return undefined;
    try {
      return this.options.cost(kind, payload);
    } catch {
      return undefined; // the processor refuses the payload with its own message
    }
  }

  /** The atomic admission (redis-admit.ts); a refusal as the JobLimitError the embedded queue would throw. */
  private async admit(id: string, userId: string, cost?: { seconds: number; runs: number }): Promise<void> {
    await admitJob(this.redis, this.k, { ...this.options, id, userId, cost }, (busyId) => this.get(busyId));
  }

  /** the user's job is over (as far as admission goes); seconds -1 keeps the charged estimate */
  private async finished(id: string, userId: string, seconds: number): Promise<void> {
    await (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)
      ['ctFinish'](this.k.active(userId), this.k.charge(userId), id, seconds)
      .catch(() => undefined);
  }

  private track<R>(info: JobInfo, onEvent?: (e: JobEvent) => void): JobHandle<R> {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<R>((res, rej) => {
      resolve = res as (v: unknown) => void;
      reject = rej;
    });
    done.catch(() => undefined);
    this.followers.set(info.id, { info, resolve, reject, onEvent });
    return { id: info.id, done };
  }

  follow<R>(id: string, onEvent?: (e: JobEvent) => void): JobHandle<R> {
    const info: JobInfo = { id, kind: '', userId: '', payload: undefined, state: 'queued', createdAt: Date.now() };
    const handle = this.track<R>(info, onEvent);
    // the job may have moved on (or ended) before the events were followed
    void this.queue
      .getJob(id)
      .then(async (job) => {
        if (!job) return this.settle(id, 'cancelled');
        Object.assign(info, await this.infoOf(job));
        if (info.state === 'running') this.emit(id, { type: 'started', job: { ...info } });
        if (info.state === 'done') this.settleDone(id, job.returnvalue);
        if (info.state === 'failed' || info.state === 'cancelled') this.settle(id, info.state, info.error);
      })
      .catch(() => this.drop(id)); // Redis unreachable: let go, so an adoption pass (here or elsewhere) picks it up
    return handle;
  }

  private listen(): void {
    this.events.on('active', ({ jobId }) => {
      const f = this.followers.get(jobId);
      if (!f) return;
      f.info.state = 'running';
      f.info.startedAt = Date.now();
      delete f.info.position;
      this.emit(jobId, { type: 'started', job: { ...f.info } });
    });
    this.events.on('progress', ({ jobId, data }) => {
      const f = this.followers.get(jobId);
      if (!f || typeof data !== 'object' || data === null) return;
      const progress = this.opened(data) as JobProgress | undefined;
      if (!progress) return;
      f.info.progress = progress;
      this.emit(jobId, { type: 'progress', job: { ...f.info }, progress });
    });
    this.events.on('completed', ({ jobId }) => {
      if (!this.followers.has(jobId)) return;
      void this.queue
        .getJob(jobId)
        .then((job) => this.settleDone(jobId, job?.returnvalue))
        .catch(() => this.drop(jobId)); // it finished but its result cannot be read now: an adoption delivers it
    });
    this.events.on('failed', ({ jobId, failedReason }) => {
      if (failedReason === CANCELLED_REASON) this.settle(jobId, 'cancelled');
      else this.settle(jobId, 'failed', this.reason(failedReason));
    });
    this.events.on('removed', ({ jobId }) => this.settle(jobId, 'cancelled'));
    this.events.on('error', () => undefined);
  }

  private reason(failedReason: string): string {
    const opened = this.sealer.openText(failedReason);
    if (opened === undefined) return `the job failed, and ${SEALED_ELSEWHERE}`;
    if (!STALLED_REASON.test(opened)) return opened;
    const n = (this.options.maxStalledCount ?? 1) + 1;
    return `the worker running it stopped (crashed or was shut down) ${n} time${n > 1 ? 's' : ''}, so I gave up on it. Try again; if it keeps happening, ask for a smaller job.`;
  }

  /** stop following a job and give its lease back: a later adoption answers it */
  private drop(id: string): void {
    const f = this.followers.get(id);
    this.followers.delete(id);
    this.leased.delete(id);
    f?.reject(new JobDetachedError(id));
    void this.release(id).catch(() => undefined);
  }

  /** a finished job's result, opened (QUEUE_KEY); one that cannot be opened fails the job with why */
  private settleDone(id: string, raw: unknown): void {
    let value: unknown;
    try {
      value = this.sealer.open(raw);
    } catch (e) {
      return this.settle(id, 'failed', (e as Error).message);
    }
    this.settle(id, 'done', value);
  }

  /** a value read from a job for its JobInfo; undefined when sealed with another key */
  private opened(v: unknown): unknown {
    try {
      return this.sealer.open(v);
    } catch {
      return undefined;
    }
  }

  private settle(id: string, state: 'done' | 'failed' | 'cancelled', value?: unknown): void {
    const f = this.followers.get(id);
    if (!f) return;
    this.followers.delete(id);
    f.info.state = state;
    f.info.finishedAt = Date.now();
    if (state === 'done') {
      f.info.result = value;
      this.emit(id, { type: 'done', job: { ...f.info } }, f);
      f.resolve(value);
    } else if (state === 'failed') {
      f.info.error = String(value ?? 'failed');
      this.emit(id, { type: 'failed', job: { ...f.info }, error: f.info.error }, f);
      f.reject(new Error(f.info.error));
    } else {
      this.emit(id, { type: 'cancelled', job: { ...f.info } }, f);
      f.reject(new JobCancelledError(id));
    }
  }

  private emit(id: string, ev: JobEvent, f = this.followers.get(id)): void {
    for (const l of [f?.onEvent, ...this.listeners]) {
      try {
        l?.(ev);
      } catch {
        /* a listener's error must not break the queue */
      }
    }
  }

  private async infoOf(job: Job): Promise<JobInfo> {
    const data = job.data as JobData;
    const meta = data.meta ? this.opened(data.meta) : undefined;
    const st = await job.getState();
    const cancelled = job.failedReason === CANCELLED_REASON;
    const state: JobState = STATE[st] ?? (cancelled ? 'cancelled' : 'failed');
    const info: JobInfo = {
      id: job.id!,
      kind: data.kind,
      userId: data.userId,
      payload: this.opened(data.payload),
      state,
      createdAt: job.timestamp,
      ...(job.processedOn ? { startedAt: job.processedOn } : {}),
      ...(job.finishedOn ? { finishedAt: job.finishedOn } : {}),
      ...(data.estimateS !== undefined ? { estimateS: data.estimateS } : {}),
      ...(meta ? { meta: meta as JobInfo['meta'] } : {}),
    };
    const progress = typeof job.progress === 'object' && job.progress ? this.opened(job.progress) : undefined;
    if (progress) info.progress = progress as JobInfo['progress'];
    if (state === 'done') info.result = this.opened(job.returnvalue);
    if (state === 'failed') info.error = this.reason(job.failedReason);
    return info;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const job = await this.queue.getJob(id);
    return job ? this.infoOf(job) : undefined;
  }

  async activeFor(userId: string): Promise<JobInfo | undefined> {
    const cur = await this.redis.get(this.k.active(userId));
    const info = cur ? await this.get(cur.split('|')[0]) : undefined;
    return info && (info.state === 'queued' || info.state === 'running') ? info : undefined;
  }

  async cancel(id: string, userId?: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job) return false;
    const data = job.data as JobData;
    if (userId !== undefined && data.userId !== userId) return false;
    const st = await job.getState();
    if (STATE[st] === 'queued') {
      // a waiting job is removed at once; one a worker took meanwhile is locked: flag it instead
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (removed) {
        await this.finished(id, data.userId, 0);
        this.settle(id, 'cancelled');
        return true;
      }
    } else if (st !== 'active') return false;
    await this.redis.set(this.k.cancel(id), '1', 'PX', String(HOUR_MS));
    return true;
  }

  on(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stats(): Promise<{ queued: number; running: number; concurrency: number }> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    await this.redis.zremrangebyscore(this.k.workers, '-inf', String(Date.now()));
    const workers = await this.redis.zrange(this.k.workers, '0', '-1');
    const concurrency = workers.reduce((n, w) => n + (Number(w.split(':').pop()) || 0), 0);
    return {
      queued: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0),
      running: c.active ?? 0,
      concurrency,
    };
  }

  async claimResult(id: string): Promise<boolean> {
    // a posting window: a poster that dies mid-post lets the claim lapse, and an adopter posts instead
    const postingMs = Math.max(POSTING_MS, 3 * this.leaseMs);
    return (await this.redis.set(this.k.posted(id), this.owner, 'PX', postingMs, 'NX')) === 'OK';
  }

  async confirmResult(id: string): Promise<void> {
    const keepMs = (this.options.keepS ?? 24 * 3600) * 1000;
    await this.redis.set(this.k.posted(id), this.owner, 'PX', keepMs, 'XX');
  }

  async unclaimResult(id: string): Promise<void> {
    if ((await this.redis.get(this.k.posted(id))) === this.owner) await this.redis.del(this.k.posted(id));
  }

  private async lease(id: string): Promise<boolean> {
    const ok = (await this.redis.set(this.k.lease(id), this.owner, 'PX', this.leaseMs, 'NX')) === 'OK';
    if (ok) this.leased.add(id);
    return ok;
  }

  /** Renew this process's leases, never another's: a lease that lapsed (a long pause) and was adopted stays theirs. */
  private async renewLeases(): Promise<void> {
    if (this.leased.size === 0 || this.closed) return;
    const ids = [...this.leased];
    const kept = (await (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number[]>>)
      ['ctRenew'](ids.length, ...ids.map((id) => this.k.lease(id)), this.owner, this.leaseMs)
      .catch(() => undefined)) as number[] | undefined;
    // the adopter answers now (the posted claim keeps it to one post); this process stops renewing it
    kept?.forEach((ok, k) => ok || this.leased.delete(ids[k]));
  }

  async release(id: string): Promise<void> {
    this.leased.delete(id);
    this.followers.delete(id);
    if ((await this.redis.get(this.k.lease(id)).catch(() => null)) === this.owner)
      await this.redis.del(this.k.lease(id)).catch(() => undefined);
  }

  async adopt(): Promise<JobInfo[]> {
    if (this.closed) return [];
    await this.ready;
    const jobs = await this.queue.getJobs(
      ['active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed'],
      0,
      500,
    );
    const out: JobInfo[] = [];
    for (const job of jobs) {
      const id = job?.id;
      if (!id || this.leased.has(id) || !(job.data as JobData)?.meta) continue;
      if (await this.redis.exists(this.k.posted(id))) continue;
      if (await this.lease(id)) out.push(await this.infoOf(job));
    }
    return out;
  }

  async detach(): Promise<void> {
    this.closed = true;
    clearInterval(this.renew);
    for (const [id, f] of [...this.followers]) {
      this.followers.delete(id);
      f.reject(new JobDetachedError(id));
    }
    const ids = [...this.leased];
    // hand the jobs over; with Redis gone their leases lapse on their own (QUEUE_LEASE_MS)
    await within(
      (async () => {
        for (const id of ids) await this.release(id);
      })(),
    );
  }

  async close(): Promise<void> {
    await this.detach();
    await closeWithin([this.events, this.queue]);
    this.redis.disconnect();
  }
}
