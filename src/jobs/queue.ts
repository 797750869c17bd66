/**
 * The job queue interface: what the bot and the CLI use to run training work. Everything crossing it
 * is plain JSON (payloads, progress, results, errors as messages) so that a Redis-backed BullMQ
 * implementation can replace the in-process one without touching callers:
 *   submit   -> Queue.add(kind, payload, { jobId })         (limits checked before adding)
 *   events   -> QueueEvents 'active' / 'progress' / 'completed' / 'failed'
 *   cancel   -> a cancel flag the sandboxed processor polls, or job.remove() while waiting
 *   Processor -> the body of a sandboxed processor file
 */

/** A value now (the embedded queue) or later (the Redis one): callers always await. */
export type Awaitable<T> = T | Promise<T>;

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Progress a processor reports; the queue forwards it at most every `progressMs`. */
export interface JobProgress {
  /** e.g. "epoch 12/60" or "run 3/10" */
  label: string;
  /** 0..1 */
  fraction: number;
  epoch?: number;
  epochs?: number;
  loss?: number;
  val_loss?: number;
  eta_ms?: number;
  elapsed_ms?: number;
  /** free-form extras (e.g. which sweep value is running) */
  detail?: Record<string, unknown>;
}

export interface JobInfo<P = unknown, R = unknown> {
  id: string;
  kind: string;
  userId: string;
  payload: P;
  state: JobState;
  /** position in the queue while queued (0 = next) */
  position?: number;
  progress?: JobProgress;
  result?: R;
  error?: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** the worst-case seconds of training slot estimated at submit (when the queue has a cost model) */
  estimateS?: number;
  /** what the submitter attached for whoever answers the user (SubmitOptions.meta); may hold secrets: never log it */
  meta?: Record<string, unknown>;
}

export type JobEvent =
  | { type: 'queued'; job: JobInfo }
  | { type: 'started'; job: JobInfo }
  | { type: 'progress'; job: JobInfo; progress: JobProgress }
  | { type: 'done'; job: JobInfo }
  | { type: 'failed'; job: JobInfo; error: string }
  | { type: 'cancelled'; job: JobInfo };

export interface ProcessorContext {
  jobId: string;
  userId: string;
  /** aborted on cancel; pass it on to trainInWorker so the worker thread is ended */
  signal: AbortSignal;
  progress(p: JobProgress): void;
  /**
   * Between units of work (a sweep's runs): when another user's job is waiting, give it the slot and
   * resolve when this job's turn comes round again (round-robin across users); otherwise at once.
   * Also resolves at once on cancel (the next unit then sees the aborted signal).
   */
  turn(): Promise<void>;
}

export type Processor<P = unknown, R = unknown> = (payload: P, ctx: ProcessorContext) => Promise<R>;

export interface JobHandle<R = unknown> {
  id: string;
  /** settles when the job ends: resolves with the result, rejects with the error (or JobCancelledError) */
  done: Promise<R>;
}

export interface SubmitOptions {
  /** progress events for this job only (in addition to the queue-wide listeners) */
  onEvent?: (e: JobEvent) => void;
  /**
   * JSON carried with the job for the process that answers the user, should another one than the
   * submitter pick the job up (a restarted bot). The queue never reads or logs it.
   */
  meta?: Record<string, unknown>;
}

export interface JobQueue {
  /**
   * Throws JobLimitError (a message for the user) when the user already has a job, the queue is full,
   * or (with a cost model) the job's estimate is over the per-job limit or the user's hourly allowance.
   */
  submit<P, R>(kind: string, userId: string, payload: P, options?: SubmitOptions): Awaitable<JobHandle<R>>;
  get(id: string): Awaitable<JobInfo | undefined>;
  /** the user's queued or running job, if any */
  activeFor(userId: string): Awaitable<JobInfo | undefined>;
  /** cancel a queued or running job; with userId, only the owner may. Returns false when there was nothing to cancel. */
  cancel(id: string, userId?: string): Awaitable<boolean>;
  on(listener: (e: JobEvent) => void): () => void;
  stats(): Awaitable<{ queued: number; running: number; concurrency: number }>;
  /**
   * The right to post a job's result: true once per job id (across every process sharing the queue),
   * so a result is posted exactly once whoever sees the job end. On a shared queue the claim lapses
   * when the poster dies before confirmResult (another process then adopts the job and posts it).
   */
  claimResult(id: string): Awaitable<boolean>;
  /** Shared queues only: the result was posted; the claim holds for as long as the job is kept. */
  confirmResult?(id: string): Promise<void>;
  /** Shared queues only: posting failed for a reason that may pass; give the claim back for a retry. */
  unclaimResult?(id: string): Promise<void>;
  /**
   * Shared queues only: jobs with `meta` whose submitting process is gone (their claim lapsed), now
   * claimed by this process, which should follow them (follow) and answer the user.
   */
  adopt?(): Promise<JobInfo[]>;
  /** Shared queues only: the events and the end of a job this process adopted. */
  follow?<R>(id: string, onEvent?: (e: JobEvent) => void): JobHandle<R>;
  /** Shared queues only: this process is done with the job (its result was posted). */
  release?(id: string): Promise<void>;
  /**
   * Shared queues only: stop following jobs (their `done` reject with JobDetachedError) and hand them
   * to the other processes at once; the jobs themselves run on. Called first on shutdown.
   */
  detach?(): Promise<void>;
  close(): Promise<void>;
}

/** The numbers behind a compute refusal (all seconds of training slot). */
export interface CostDetail {
  /** the job's worst-case estimate */
  estimateS: number;
  /** the limit it went over (per job, or per user per hour) */
  limitS: number;
  /** training runs in the job */
  runs: number;
  /** over_quota: what the user already used in the last hour, and when enough of it has aged out */
  usedS?: number;
  retryAfterS?: number;
}

export class JobLimitError extends Error {
  constructor(
    message: string,
    readonly code: 'user_busy' | 'queue_full' | 'unknown_kind' | 'closed' | 'too_costly' | 'over_quota',
    readonly cost?: CostDetail,
  ) {
    super(message);
    this.name = 'JobLimitError';
  }
}

/** This process stopped following the job (it is shutting down); another process will answer. */
export class JobDetachedError extends Error {
  constructor(id: string) {
    super(`job ${id} is followed elsewhere now`);
    this.name = 'JobDetachedError';
  }
}

export class JobCancelledError extends Error {
  constructor(id: string) {
    super(`job ${id} was cancelled`);
    this.name = 'JobCancelledError';
  }
}
