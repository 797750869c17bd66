/**
 * The piscina worker: one training run per task, progress posted on a MessagePort at most every
 * `progressMs`. The pool aborts (terminates) this thread on cancel and on the hard time limit.
 */
import type { MessagePort } from 'node:worker_threads';
import { train, type EpochLog, type TrainResult } from '../trainer.js';
import type { TrainConfig } from '../config.js';
import { lowerThreadPriority } from './priority.js';

// this thread only ever trains: below the bot's triage in the scheduler (priority.ts)
lowerThreadPriority();

export interface WorkerTask {
  config: TrainConfig;
  port?: MessagePort;
  /** minimum time between progress messages (the last epoch is always sent) */
  progressMs?: number;
  /** a search's pruning thresholds (TrainHooks.pruneAbove) */
  pruneAbove?: (number | null)[];
}

export type WorkerMessage = { type: 'progress'; progress: EpochLog } | { type: 'end' };

export default async function run(task: WorkerTask): Promise<TrainResult> {
  let last = 0;
  const every = task.progressMs ?? 2000;
  try {
    const result = await train(task.config, {
      pruneAbove: task.pruneAbove,
      onEpoch: (e) => {
        const now = Date.now();
        if (task.port && (now - last >= every || e.epoch === e.epochs || e.epoch === 1)) {
          last = now;
          task.port.postMessage({ type: 'progress', progress: e } satisfies WorkerMessage);
        }
      },
    });
    return result;
  } finally {
    // the result travels on another channel: 'end' tells the pool every progress message has arrived
    task.port?.postMessage({ type: 'end' } satisfies WorkerMessage);
    task.port?.close();
  }
}
