/**
 * The training queue's admission on Redis: one call of redis-keys.ts ADMIT_LUA decides, atomically and
 * across every bot process, whether a job may join (one job per user, the queue cap, the per-job and
 * hourly compute limits); a refusal becomes the JobLimitError the embedded queue throws, with the same
 * words and numbers.
 */
import type { Redis } from 'ioredis';
import { JobLimitError, type JobInfo } from './queue.js';
import { HOUR_MS, type keys } from './redis-keys.js';

export interface Admission {
  id: string;
  userId: string;
  cost?: { seconds: number; runs: number };
  limits?: { jobS?: number; userPerHourS?: number };
  maxQueued?: number;
}

export async function admitJob(
  redis: Redis,
  k: ReturnType<typeof keys>,
  o: Admission,
  lookup: (id: string) => Promise<JobInfo | undefined>,
): Promise<void> {
  const jobS = o.limits?.jobS ?? 0;
  const hourS = o.limits?.userPerHourS ?? 0;
  const maxQueued = o.maxQueued ?? 20;
  const [code, a, b] = (await (redis as unknown as Record<string, (...a: unknown[]) => Promise<string[]>>)['ctAdmit'](
    k.active(o.userId),
    k.ledger(o.userId),
    k.charge(o.userId),
    k.wait,
    k.job,
    o.id,
    Date.now(),
    maxQueued,
    o.cost ? o.cost.seconds : -1,
    jobS,
    hourS,
    2 * HOUR_MS,
  )) as [string, string, string];
  if (code === 'ok') return;
  if (code === 'user_busy') {
    const busy = await lookup(a);
    throw new JobLimitError(
      `you already have a ${busy?.kind ?? 'training'} job ${busy?.state === 'running' ? 'running' : 'waiting'} (${a.slice(0, 8)}): one at a time per user. Wait for it or cancel it.`,
      'user_busy',
    );
  }
  if (code === 'queue_full')
    throw new JobLimitError(`the training queue is full (${a} waiting); try again in a few minutes`, 'queue_full');
  const c = o.cost!;
  if (code === 'too_costly')
    throw new JobLimitError(
      `the job would take up to ${Math.round(c.seconds)} s of training; the limit is ${jobS} s per job`,
      'too_costly',
      { estimateS: c.seconds, limitS: jobS, runs: c.runs },
    );
  const usedS = Number(a);
  const fits = c.seconds <= hourS;
  throw new JobLimitError(
    `the job would take up to ${Math.round(c.seconds)} s of training; ${Math.round(usedS)} of ${hourS} s this hour are used`,
    'over_quota',
    {
      estimateS: c.seconds,
      limitS: hourS,
      runs: c.runs,
      usedS,
      ...(fits ? { retryAfterS: Math.max(1, Math.ceil((Number(b) - Date.now()) / 1000)) } : {}),
    },
  );
}
