/**
 * Training threads run at a lower OS priority than the bot's triage: on a 2-core machine a 2-thread
 * training run and the two triage workers share the cores, and /diagnose p99 went from 115 to 286 ms
 * while a /train ran (issue: hardening, item 7). With the training threads niced, the kernel gives the
 * triage workers the cores whenever they want them and training everything left over; when nothing
 * else runs, training is exactly as fast as before (nice only matters under contention).
 *
 * Linux keeps a nice value per thread: this thread's id comes from /proc/thread-self. Elsewhere (no
 * /proc) it is a no-op. Raising the value is always allowed; it is never lowered back.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Default nice value of training threads (0 = the bot's own priority, 19 = lowest). At 10 the CFS
 * weight is ~110 against 1024 for a nice-0 thread: a busy triage worker gets ~90% of a shared core,
 * and training still gets ~10% during a flood of requests rather than stalling into its time limit.
 * Measured in bench/bot/load-bench.ts (p99 during /train vs idle). CURVE_TRIAGE_TRAIN_NICE overrides.
 */
export const DEFAULT_TRAIN_NICE = 10;

export function trainNice(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.CURVE_TRIAGE_TRAIN_NICE);
  return env.CURVE_TRIAGE_TRAIN_NICE !== undefined &&
    env.CURVE_TRIAGE_TRAIN_NICE !== '' &&
    Number.isInteger(v) &&
    v >= 0 &&
    v <= 19
    ? v
    : DEFAULT_TRAIN_NICE;
}

/** The calling thread's kernel id (Linux), or undefined. */
export function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lower the calling thread's priority to `nice` (never raises it). Returns the thread id it applied to. */
export function lowerThreadPriority(nice = trainNice()): number | undefined {
  if (nice <= 0) return undefined;
  const tid = threadId();
  if (tid === undefined) return undefined;
  try {
    // process.pid is this process's main thread: never renice it by accident
    if (tid === process.pid) return undefined;
    if (getPriority(tid) >= nice) return tid;
    setPriority(tid, nice);
    return tid;
  } catch {
    return undefined;
  }
}
