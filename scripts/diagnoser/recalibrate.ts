/**
 * A reliability map for the verdict's probability, fitted on out-of-fold answers: each run of the zoo's
 * train + dev splits is answered by a model fitted without its whole config family (cv.ts's grouped
 * folds, the shipped kind and rules' share), so the map learns how right the model is on families it
 * never saw, which is what a user's run is. An isotonic fit (pool-adjacent-violators, blocks of at
 * least MIN_BLOCK answers, Laplace-smoothed rates) of "the verdict is acceptable" on its probability.
 *
 * The map's own honesty is measured the same way: nested, each fold's answers recalibrated by a map
 * fitted on the other folds' answers. The test split is never read here.
 *
 *   npx tsx scripts/diagnoser/recalibrate.ts [--folds 5] [--members 5] [--corpus-weight 4] [--built-weight W] [--write]
 *
 * --write stores the map in src/diagnose/weights.ts (`calibration`), which decide() applies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES, recalibrated } from '../../src/diagnose/model.js';
import { WEIGHTS } from '../../src/diagnose/weights.js';
import { calibrate, DEFAULT_FIT } from './mlp.js';
import { DEFAULT_TREES } from './gbt.js';
import { DEFAULT_FOREST_SHARE, fitModel } from './models.js';
import { builtWeightArg, fitSets, verdictOf, type Labelled } from './data.js';
import { isotonic, score } from './metrics.js';

const { values: a } = parseArgs({
  options: {
    folds: { type: 'string', default: '5' },
    members: { type: 'string', default: String(DEFAULT_FIT.members) },
    'corpus-weight': { type: 'string', default: '4' },
    'min-block': { type: 'string', default: '25' },
    write: { type: 'boolean', default: false },
    /** default: the weight the shipped weights were fitted with (their provenance) */
    'built-weight': { type: 'string' },
  },
});
if (!WEIGHTS) throw new Error('no shipped weights to recalibrate');
const shipped = WEIGHTS;
const K = Number(a.folds);
const MIN_BLOCK = Number(a['min-block']);
const sets = fitSets(
  undefined,
  undefined,
  builtWeightArg(a['built-weight'], Number(shipped.provenance?.built_weight ?? 1)),
);
const all = [...sets.train, ...sets.dev];
const families = [...new Set(all.map((e) => e.group))].sort();
const foldOf = new Map(families.map((f, i) => [f, i % K]));
const full = (e: Labelled) => !e.id.endsWith('/train-only');
const right = (e: Labelled, got: string) => got === e.labelName || e.acceptableNames.includes(got);

/** One out-of-fold answer: its fold, probability, whether it was acceptable, and the run for scoring. */
interface Answer {
  fold: number;
  e: Labelled;
  got: string;
  confidence: number;
  ok: boolean;
}

function outOfFold(): Answer[] {
  const out: Answer[] = [];
  for (let k = 0; k < K; k++) {
    const train = all.filter((e) => foldOf.get(e.group) !== k);
    const corpus = sets.corpus.map((c) => ({ ...c, weight: Number(a['corpus-weight']) }));
    const w = fitModel([...train, ...corpus], FEATURE_NAMES, MODEL_CLASSES, {
      kind: 'mlp',
      trees: DEFAULT_TREES,
      mlp: { ...DEFAULT_FIT, members: Number(a.members) },
      forestShare: DEFAULT_FOREST_SHARE,
    });
    // the shipped rules' share; the temperature as fit.ts picks it, on data the fold's model was not fitted on
    Object.assign(w, calibrate(w, train.filter(full), [shipped.rule_weight ?? 0]));
    for (const e of all.filter((x) => foldOf.get(x.group) === k && full(x))) {
      const v = verdictOf(w, e);
      out.push({ fold: k, e, got: v.got, confidence: v.confidence, ok: right(e, v.got) });
    }
    process.stderr.write(`fold ${k + 1}/${K}: ${out.length} answers\n`);
  }
  return out;
}

function report(label: string, rows: { e: Labelled; got: string; confidence: number }[]): void {
  const r = score(
    rows.map((x) => ({ label: x.e.labelName, acceptable: x.e.acceptableNames, got: x.got, confidence: x.confidence })),
    MODEL_CLASSES,
  );
  const bins = r.bins.map((b) => `${b.lo}-${b.hi}: ${b.n} at ${b.confidence.toFixed(2)} -> ${b.accuracy.toFixed(2)}`);
  console.log(
    `${label}: ECE ${r.ece.toFixed(3)}, >= 0.9 right ${(r.high.rate * 100).toFixed(1)}% of ${r.high.n}, acceptable ${(r.acceptable * 100).toFixed(1)}%`,
  );
  console.log(`  ${bins.join(' | ')}`);
}

const oof = outOfFold();
report('out of fold, as fitted', oof);
// nested: each fold's answers through a map fitted on the other folds' answers
const nested = oof.map((x) => {
  const map = isotonic(
    oof.filter((y) => y.fold !== x.fold).map((y) => ({ p: y.confidence, ok: y.ok })),
    MIN_BLOCK,
  );
  return { ...x, confidence: recalibrated(x.confidence, map) };
});
report('out of fold, recalibrated (nested)', nested);
const map = isotonic(
  oof.map((y) => ({ p: y.confidence, ok: y.ok })),
  MIN_BLOCK,
);
console.log(
  `map on every answer (${oof.length}): ${map.x.map((x, i) => `${x.toFixed(3)}->${map.y[i].toFixed(3)}`).join(', ')}`,
);
// the shipped model's own answers on the corpus, before and after (the corpus is in its fit: in-sample)
const corpusRows = sets.corpus.map((e) => ({ e, ...verdictOf(shipped, e) }));
report('corpus, shipped', corpusRows);
report(
  'corpus, recalibrated',
  corpusRows.map((x) => ({ ...x, confidence: recalibrated(x.confidence, map) })),
);

if (a.write) {
  const file = join(import.meta.dirname, '..', '..', 'src', 'diagnose', 'weights.ts');
  const text = readFileSync(file, 'utf8');
  const head = text.slice(0, text.indexOf('export const WEIGHTS'));
  const round = (v: number) => Number(v.toFixed(4));
  const weights = { ...shipped, calibration: { x: map.x.map(round), y: map.y.map(round) } };
  writeFileSync(file, `${head}export const WEIGHTS: Weights | null = ${JSON.stringify(weights)};\n`);
  console.log('wrote the calibration into src/diagnose/weights.ts');
}
