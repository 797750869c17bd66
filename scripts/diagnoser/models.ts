/**
 * Which learned model a fit produces (fit.ts and loro.ts share it): boosted trees (gbt.ts), the network
 * ensemble (mlp.ts), or both with the trees' share of the logits given by `forestShare`.
 */
import type { Weights } from '../../src/diagnose/model.js';
import { fitTrees, type TreeOptions } from './gbt.js';
import { fit, type Example, type FitOptions } from './mlp.js';

/** With --model both: the trees' share of the logits (the experiment in docs/diagnosis.md, "Boosted trees"). */
export const DEFAULT_FOREST_SHARE = 0.5;

export type ModelKind = 'trees' | 'mlp' | 'both';

export interface ModelOptions {
  kind: ModelKind;
  trees: TreeOptions;
  mlp: FitOptions;
  /** with kind 'both': the forest's share of the logits */
  forestShare: number;
}

export function fitModel(
  data: Example[],
  features: readonly string[],
  classes: readonly string[],
  o: ModelOptions,
): Weights {
  if (o.kind === 'mlp') return fit(data, features, classes, o.mlp);
  const trees = fitTrees(data, features, classes, o.trees);
  if (o.kind === 'trees') return trees;
  const nets = fit(data, features, classes, o.mlp);
  return { ...nets, version: 2, forest: trees.forest, forest_share: o.forestShare };
}

/** The shipped weights are the networks' (docs/diagnosis.md says why the trees are measured, not shipped). */
/** The --model flag; anything else ends the script with a one-line message (exit 2), not a stack trace. */
export function modelKind(s: string | undefined): ModelKind {
  if (s === undefined) return 'mlp';
  if (s === 'trees' || s === 'mlp' || s === 'both') return s;
  process.stderr.write(`--model must be trees, mlp or both (got ${JSON.stringify(s)})\n`);
  process.exit(2);
}
