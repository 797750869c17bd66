/**
 * Data table: the learned diagnoser's weights, written by `npx tsx scripts/diagnoser/fit.ts` (do not edit
 * by hand). null = none shipped: classify() falls back to the hand-written rule scores.
 */
import type { Weights } from './model.js';

export const WEIGHTS: Weights | null = null;
