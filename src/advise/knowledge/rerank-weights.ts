/**
 * Data table: the learned re-ranker's weights (advise/rerank.ts), written by
 * `npx tsx scripts/advise/fit.ts --write` (do not edit by hand; docs/advice.md says how they were
 * fitted). null = none shipped: why() uses the hand ranking alone.
 */
import type { RerankWeights } from '../rerank.js';

export const RERANK_WEIGHTS: RerankWeights | null = null;
