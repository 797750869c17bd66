/**
 * Learning-rate schedules (the config's `schedule`): the lr of each epoch under step / warmup /
 * warmup_cosine / cosine. ReduceLROnPlateau reacts to val_loss, so the training loop applies it.
 */
import type { TrainConfig } from './config.js';

/**
 * The learning rate of an epoch (1-based) under step / warmup / warmup_cosine:
 *   step:          lr * factor^floor((epoch - 1) / step_every)            (step_every default 10)
 *   warmup:        lr * min(1, epoch / warmup_epochs)                      (warmup_epochs default 5)
 *   warmup_cosine: the warmup, then a cosine from lr to min_lr over the remaining epochs
 */
export const DEFAULT_STEP_EVERY = 10;
export const DEFAULT_WARMUP_EPOCHS = 5;
export function scheduledLr(config: TrainConfig, epoch: number): number {
  const s = config.schedule;
  const lr0 = config.optimizer.lr;
  const E = config.fit.epochs;
  switch (s.kind) {
    case 'step':
      return lr0 * s.factor ** Math.floor((epoch - 1) / (s.step_every ?? DEFAULT_STEP_EVERY));
    case 'warmup':
    case 'warmup_cosine': {
      const w = s.warmup_epochs ?? DEFAULT_WARMUP_EPOCHS;
      if (epoch <= w) return (lr0 * epoch) / w;
      if (s.kind === 'warmup') return lr0;
      const rest = Math.max(1, E - w);
      return s.min_lr + (lr0 - s.min_lr) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1 - w)) / rest));
    }
    default:
      return lr0;
  }
}

/** The lr for an epoch (1-based): the schedule's, or `current` (no schedule, or reduce_on_plateau's latest). */
export function epochLr(config: TrainConfig, epoch: number, current: number): number {
  if (config.schedule.kind === 'cosine') {
    const { min_lr } = config.schedule;
    return min_lr + (config.optimizer.lr - min_lr) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / config.fit.epochs));
  }
  if (config.schedule.kind !== 'none' && config.schedule.kind !== 'reduce_on_plateau')
    return scheduledLr(config, epoch);
  return current;
}
