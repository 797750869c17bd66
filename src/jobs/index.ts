/**
 * The job queue, generic: it runs the work it is handed. A surface passes the work (processors by
 * kind, their cost model, the concurrency to run them at; e.g. src/requests/training.ts' TRAIN_WORK)
 * to createQueue; nothing here knows what a job does.
 */
import { MemoryJobQueue, type MemoryQueueOptions } from './memory.js';
import type { JobProgress, Processor } from './queue.js';
import { sigOrDash } from '../util/format.js';

export * from './queue.js';
export { MemoryJobQueue } from './memory.js';

/** The work a queue runs: processors by job kind, what a job costs, how many run at once. */
export interface QueueWork {
  processors: Record<string, Processor<any, any>>;
  /** worst-case seconds of slot a job will take (x `costScale`) and its runs; throws for a payload the processor will refuse */
  cost?: (kind: string, payload: unknown, scale?: number) => { seconds: number; runs: number };
  /** jobs running at once unless the options say otherwise (default 1) */
  concurrency?: () => number;
}

const g = (v: number | undefined) => sigOrDash(v, 3);

/** One line for a live-updating message: "epoch 12/60 · loss 0.123 · val_loss 0.145 · ~14 s left". */
export function progressLine(p: JobProgress): string {
  const parts = [p.label];
  if (p.loss !== undefined) parts.push(`loss ${g(p.loss)}`);
  if (p.val_loss !== undefined) parts.push(`val_loss ${g(p.val_loss)}`);
  if (p.eta_ms !== undefined && p.fraction < 1) parts.push(`~${Math.max(1, Math.round(p.eta_ms / 1000))} s left`);
  return parts.join(' · ');
}

/**
 * The embedded default: one queue for the process running `work`. With `limits`, jobs are costed
 * (work.cost x `costScale`) and capped per job and per user per hour.
 */
export function createQueue(
  work: QueueWork,
  options: Partial<MemoryQueueOptions> & { costScale?: number } = {},
): MemoryJobQueue {
  const { costScale = 1, ...rest } = options;
  const cost = work.cost;
  return new MemoryJobQueue({
    processors: work.processors,
    concurrency: options.concurrency ?? work.concurrency?.() ?? 1,
    ...(rest.limits && cost ? { cost: (kind: string, payload: unknown) => cost(kind, payload, costScale) } : {}),
    ...rest,
  });
}
