/**
 * The retention purge: deletes the runs older than their scope's retention, once when the bot starts
 * and then every MEMORY_PURGE_INTERVAL_S (config.ts). One purge at a time; a failure is logged and
 * the next tick tries again. With several bot processes each purges: the DELETE is idempotent.
 */
import type { MemoryStore } from '../memory/index.js';
import type { Logger } from './logger.js';

export interface Purge {
  /** purge now; resolves with how many runs went (0 on a failure, which is logged) */
  tick(): Promise<number>;
  stop(): void;
}

export function startPurge(store: MemoryStore, intervalMs: number, logger: Logger): Purge {
  let running: Promise<number> | undefined;
  const tick = (): Promise<number> => {
    running ??= store
      .purgeExpired()
      .then((n) => {
        if (n > 0) logger.info({ purged: n }, 'expired history purged');
        return n;
      })
      .catch((e: unknown) => {
        logger.warn({ err: e }, 'history purge failed; will retry');
        return 0;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
