/**
 * Leave-one-set-out for the re-ranker: each later, independently written question set (sets.ts
 * HELD_OUT_SETS) is predicted by a model fitted on every OTHER set plus BASE (the users' phrasings,
 * the first sets, the entries' own text), never on itself. Beside it, the hand ranking's rate (why()
 * today) on the same set. Deterministic.
 *
 * The model's text weights are fitted; how much the hand ranking counts (the PAIR_FEATURES weights) is
 * chosen from a small grid, for each held-out set S, by the other sets' held-out predictions (each
 * predicted by its own fold's model, which did see S as training data: one number chosen, never on S's
 * own answers).
 *
 *   npx tsx scripts/advise/loso.ts [--candidates 5] [--lambda 0.001] [--iterations 150] [--misses]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RerankWeights } from '../../src/advise/rerank.js';
import { DEFAULT_FIT, PAIR_GRID, example, fit, top1, type Example, type FitOptions } from './model.js';
import { BASE, HELD_OUT_SETS, entryExamples } from './sets.js';

const { values: a } = parseArgs({
  options: {
    candidates: { type: 'string', default: String(DEFAULT_FIT.candidates) },
    lambda: { type: 'string', default: String(DEFAULT_FIT.lambda) },
    iterations: { type: 'string', default: String(DEFAULT_FIT.iterations) },
    'learning-rate': { type: 'string', default: String(DEFAULT_FIT.learningRate) },
    'min-count': { type: 'string', default: String(DEFAULT_FIT.minCount) },
    misses: { type: 'boolean', default: false },
    // which other folds choose the hand weight: 'clean' = only the sets the hand rules were never
    // tuned on (there the hand ranking's rate is out-of-sample too); 'all' = every other set
    'choose-on': { type: 'string', default: 'clean' },
    // write each fold's right answers per grid point here (JSON), to read without refitting
    dump: { type: 'string' },
  },
});
const o: FitOptions = {
  ...DEFAULT_FIT,
  candidates: Number(a.candidates),
  lambda: Number(a.lambda),
  iterations: Number(a.iterations),
  learningRate: Number(a['learning-rate']),
  minCount: Number(a['min-count']),
};

const base = [...BASE.flatMap((s) => s.set), ...entryExamples()].map(example);
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)}%`;
const t0 = Date.now();

interface Fold {
  name: string;
  tunedOn: boolean;
  test: Example[];
  w: RerankWeights;
  /** right answers per grid point */
  right: number[];
  hand: number;
}
const folds: Fold[] = HELD_OUT_SETS.map((held) => {
  const train = [...base, ...HELD_OUT_SETS.filter((s) => s !== held).flatMap((s) => s.set.map(example))];
  const w = fit(train, o);
  const test = held.set.map(example);
  const right = PAIR_GRID.map((pair) => test.filter((ex) => ex.fits.includes(top1(ex, { ...w, pair }))).length);
  const hand = test.filter((ex) => ex.fits.includes(top1(ex, null))).length;
  process.stderr.write(`${held.name}: ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return { name: held.name, tunedOn: held.tunedOn, test, w, right, hand };
});

if (a.dump)
  writeFileSync(
    a.dump,
    JSON.stringify({
      options: o,
      grid: PAIR_GRID,
      folds: folds.map((f) => ({ name: f.name, tunedOn: f.tunedOn, n: f.test.length, hand: f.hand, right: f.right })),
    }),
  );

/**
 * The grid point the OTHER folds' held-out predictions like best (ties: the later, more hand-trusting
 * point). By default only the clean folds vote: on the sets the hand rules were tuned on, the hand
 * ranking is right in-sample, so they would always vote to trust it fully.
 */
function choose(f: Fold): number {
  let best = 0,
    bestRight = -1;
  PAIR_GRID.forEach((_, g) => {
    const r = folds
      .filter((x) => x !== f && (a['choose-on'] === 'all' || !x.tunedOn))
      .reduce((s, x) => s + x.right[g], 0);
    if (r >= bestRight) [best, bestRight] = [g, r];
  });
  return best;
}

console.log(
  `options ${JSON.stringify(o)}, hand weight chosen on ${a['choose-on']} folds; ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
);
console.log('| held-out set | n | hand rules tuned on it? | why() now | re-ranker (LOSO) | hand weight chosen |');
console.log('|---|---|---|---|---|---|');
const tot = { n: 0, hand: 0, re: 0, cn: 0, ch: 0, cr: 0 };
for (const f of folds) {
  const g = choose(f);
  const re = f.right[g];
  const n = f.test.length;
  console.log(
    `| ${f.name} | ${n} | ${f.tunedOn ? 'yes' : 'no (clean)'} | ${pct(f.hand, n)} (${f.hand}) | ${pct(re, n)} (${re}) | ${JSON.stringify(PAIR_GRID[g])} |`,
  );
  tot.n += n;
  tot.hand += f.hand;
  tot.re += re;
  if (!f.tunedOn) [tot.cn, tot.ch, tot.cr] = [tot.cn + n, tot.ch + f.hand, tot.cr + re];
  if (a.misses)
    for (const ex of f.test) {
      const h = ex.fits.includes(top1(ex, null));
      const got = top1(ex, { ...f.w, pair: PAIR_GRID[g] });
      if (h !== ex.fits.includes(got))
        console.log(
          `    ${h ? 'BROKE' : 'FIXED'} "${ex.question.slice(0, 100)}" hand ${top1(ex, null)} -> ${got} (fits ${ex.fits.join('|')})`,
        );
    }
}
console.log(`| pooled | ${tot.n} | | ${pct(tot.hand, tot.n)} (${tot.hand}) | ${pct(tot.re, tot.n)} (${tot.re}) | |`);
console.log(
  `| pooled clean | ${tot.cn} | | ${pct(tot.ch, tot.cn)} (${tot.ch}) | ${pct(tot.cr, tot.cn)} (${tot.cr}) | |`,
);
console.log('\nevery grid point, pooled over all held-out sets (for reading, not choosing):');
PAIR_GRID.forEach((p, g) => {
  const r = folds.reduce((s, f) => s + f.right[g], 0);
  const c = folds.filter((f) => !f.tunedOn).reduce((s, f) => s + f.right[g], 0);
  console.log(`  pair ${JSON.stringify(p).padEnd(10)} all ${pct(r, tot.n)} (${r}), clean ${pct(c, tot.cn)} (${c})`);
});
