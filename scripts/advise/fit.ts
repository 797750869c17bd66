/**
 * Fit the re-ranker (src/advise/rerank.ts) on every labelled question set (sets.ts: BASE, every
 * HELD_OUT_SETS pass, the entries' own text) and, with --write, write its weights table to
 * src/advise/knowledge/rerank-weights.ts. The shipped model has seen every set: its held-out estimate
 * is the leave-one-set-out number (loso.ts), not its rate on these sets. Deterministic.
 *
 *   npx tsx scripts/advise/fit.ts            # fit, report in-sample rates and size
 *   npx tsx scripts/advise/fit.ts --write    # ... and write the table
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_FIT, SHIPPED_PAIR, example, fit, top1 } from './model.js';
import { BASE, HELD_OUT_SETS, entryExamples } from './sets.js';

const { values: a } = parseArgs({ options: { write: { type: 'boolean', default: false } } });
const OUT = new URL('../../src/advise/knowledge/rerank-weights.ts', import.meta.url);

const sets = [...BASE, ...HELD_OUT_SETS, { name: 'entries (own text)', set: entryExamples(), tunedOn: true }];
const w = {
  ...fit(
    sets.flatMap((s) => s.set.map(example)),
    DEFAULT_FIT,
  ),
  pair: SHIPPED_PAIR,
};
for (const s of sets) {
  const ex = s.set.map(example);
  const hand = ex.filter((e) => e.fits.includes(top1(e, null))).length;
  const re = ex.filter((e) => e.fits.includes(top1(e, w))).length;
  console.log(`${s.name.padEnd(30)} ${String(ex.length).padStart(4)}  hand ${hand}  re-ranked (in-sample) ${re}`);
}
const json = JSON.stringify(w);
console.log(`${Object.keys(w.features).length} features, ${json.length} bytes`);
if (a.write) {
  writeFileSync(
    OUT,
    `/**
 * Data table: the learned re-ranker's weights (advise/rerank.ts), written by
 * \`npx tsx scripts/advise/fit.ts --write\` (do not edit by hand; docs/advice.md says how they were
 * fitted). null = none shipped: why() uses the hand ranking alone.
 */
import type { RerankWeights } from '../rerank.js';

export const RERANK_WEIGHTS: RerankWeights | null = ${json};
`,
  );
  console.log(`wrote ${OUT.pathname}`);
}
