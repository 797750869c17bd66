/**
 * A TPE search as a sweep spec asks for it (`mode: "tpe"` plus the `tpe` options below): the space
 * (the guide's by default, clamped to the caps with a note), the start-up trials, pruning, the
 * multi-run validation of the winners and the optional random-search arm, and how many runs that is
 * at most (for the run cap and the job's compute estimate).
 */
import { z } from 'zod';
import type { TrainConfig } from '../config.js';
import { applyParams, clampSpace, GUIDE_SPACE, parseSpace, type SearchSpace } from './space.js';

export const TpeSpecSchema = z
  .object({
    /** the space (space.ts's SearchSpaceSchema); default: the guide's hyperopt space */
    space: z.unknown().optional(),
    /** prior draws before TPE takes over; default about a third of the trials, 2..10 */
    startup: z.number().int().min(1).max(30).optional(),
    /** median stopping while trials train (prune.ts) */
    prune: z.boolean().default(true),
    /** the best configs re-run with new seeds for mean ± std (the guide's multi-run validation); 0: none */
    validate_top: z.number().int().min(0).max(5).default(2),
    validate_seeds: z.number().int().min(1).max(5).default(3),
    /** also run random search over the same space with the same budget (the comparison line) */
    compare_random: z.boolean().default(false),
  })
  .strict();
export type TpeSpec = z.infer<typeof TpeSpecSchema>;

export interface SearchPlan {
  base: TrainConfig;
  space: SearchSpace;
  /** what was clamped to fit the caps, in words */
  notes: string[];
  trials: number;
  startup: number;
  prune: boolean;
  validateTop: number;
  validateSeeds: number;
  compareRandom: boolean;
  seed: number;
  /** every run the search may train (trials, random arm, validation) */
  runs: number;
  /** the costliest config of the space (widest, deepest): the compute estimate assumes every run is it */
  worst: TrainConfig;
}

/** Default start-up trials: a third of the budget, 2..10 (Optuna uses 10, for budgets of 100+). */
export function defaultStartup(trials: number): number {
  return Math.max(2, Math.min(10, Math.round(trials / 3)));
}

function worstConfig(base: TrainConfig, space: SearchSpace): TrainConfig {
  const hi = (d: SearchSpace['units']) =>
    d === undefined
      ? undefined
      : d.type === 'choice'
        ? Math.max(...d.options.map(Number))
        : d.type === 'loguniform'
          ? Math.exp(d.high)
          : d.high;
  const units = hi(space.units);
  const layers = hi(space.layers);
  return applyParams(base, {
    ...(units !== undefined ? { units: Math.round(units) } : {}),
    ...(layers !== undefined ? { layers: Math.round(layers) } : {}),
  });
}

export function planSearch(base: TrainConfig, trials: number, seed: number, tpeIn: TpeSpec | undefined): SearchPlan {
  const tpe = tpeIn ?? TpeSpecSchema.parse({});
  const { space, notes } = clampSpace(tpe.space === undefined ? GUIDE_SPACE : parseSpace(tpe.space), base);
  const validateTop = Math.min(tpe.validate_top, trials);
  return {
    base,
    space,
    notes,
    trials,
    startup: Math.min(trials, tpe.startup ?? defaultStartup(trials)),
    prune: tpe.prune,
    validateTop,
    validateSeeds: tpe.validate_seeds,
    compareRandom: tpe.compare_random,
    seed,
    runs: trials * (tpe.compare_random ? 2 : 1) + validateTop * tpe.validate_seeds,
    worst: worstConfig(base, space),
  };
}
