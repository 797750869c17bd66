/**
 * Grouped cross-validation over the zoo's train + dev splits: the way to choose between model kinds
 * (or options) that one dev split cannot. Each of K folds holds out whole config families (every run of a
 * family in one fold, assigned in a fixed order), fits on the rest (+ the corpus at its weight), takes the
 * rules' share and the temperature as fit.ts would, and scores the held-out runs. Prints each fold and the
 * mean and spread, per model kind. The test split is never read.
 *
 *   npx tsx scripts/diagnoser/cv.ts [--kinds mlp,trees,both] [--folds 5] [--corpus-weight 4] [--members 1]
 *     [--extra FILE] [--built-weight W]
 *
 * --extra: labelled runs from another zoo file (families of another --seed, labelled with label.ts; every
 * split but holdout) joined to every fold's fitting runs, never scored: does more data help on the same
 * held-out families?
 * --built-weight: the weight of runs whose family was built to show the label the intervention gave (two
 * independent signals agree), not borderline (data.ts BUILT_WEIGHT). Each fold also prints its score on
 * such runs ("by construction").
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES } from '../../src/diagnose/model.js';
import { calibrate, DEFAULT_FIT } from './mlp.js';
import { DEFAULT_TREES } from './gbt.js';
import { DEFAULT_FOREST_SHARE, fitModel, modelKind } from './models.js';
import {
  builtAsLabelled,
  builtWeightArg,
  fitSets,
  guideExamples,
  guideRuleShare,
  readZoo,
  verdictOf,
  zooExamples,
  type Labelled,
} from './data.js';
import { score, type Report, type Scored } from './metrics.js';

const { values: a } = parseArgs({
  options: {
    kinds: { type: 'string', default: 'mlp,trees,both' },
    folds: { type: 'string', default: '5' },
    'corpus-weight': { type: 'string', default: '4' },
    members: { type: 'string', default: '1' },
    extra: { type: 'string' },
    'built-weight': { type: 'string' },
  },
});
const K = Number(a.folds);
const guide = guideExamples();
const builtWeight = builtWeightArg(a['built-weight']);
const sets = fitSets(undefined, 0.3, builtWeight);
const all = [...sets.train, ...sets.dev];
const zoo = readZoo();
const zooRuns = zoo.filter((r) => r.split === 'train' || r.split === 'dev');
const extra = a.extra ? extraExamples(a.extra) : [];
// scored apart: the held-out runs built to show their label, not borderline (ids as the examples carry them)
const built = new Set(zooRuns.filter(builtAsLabelled).map((r) => r.id));

/** Another zoo file's runs (every split but the holdout), as fitting examples; refuses families the zoo holds. */
function extraExamples(file: string): Labelled[] {
  if (!existsSync(file)) throw new Error(`--extra: no file ${file} (a zoo file labelled by scripts/zoo/label.ts)`);
  const runs = readZoo(file).filter((r) => r.split !== 'holdout');
  // every split's family names (names only): an extra family that is a test family would leak it
  const known = new Set(zoo.map((r) => r.family));
  const clash = runs.find((r) => known.has(r.family));
  if (clash) throw new Error(`--extra: family ${clash.family} is already in the zoo`);
  if (!runs.length) throw new Error(`--extra: no runs in ${file} outside the holdout split`);
  const ex = zooExamples(runs, { trainOnlyCopies: true, builtWeight });
  const families = new Set(runs.map((r) => r.family)).size;
  console.log(
    `--extra: ${runs.length} runs of ${families} families from ${file} (${ex.length} examples with their train-only copies) join every fold's fit`,
  );
  return ex;
}
const families = [...new Set(all.map((e) => e.group))].sort();
const foldOf = new Map(families.map((f, i) => [f, i % K]));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const full = (e: Labelled) => !e.id.endsWith('/train-only');

for (const kind of a.kinds.split(',').map(modelKind)) {
  const rows: { exact: number; acceptable: number; balanced: number; share: number; built: number }[] = [];
  const pooled: Scored[] = [];
  const pooledBuilt: Scored[] = [];
  for (let k = 0; k < K; k++) {
    const train = [...all.filter((e) => foldOf.get(e.group) !== k), ...extra];
    const held = all.filter((e) => foldOf.get(e.group) === k && full(e));
    const corpus = sets.corpus.map((c) => ({ ...c, weight: Number(a['corpus-weight']) }));
    const w = fitModel([...train, ...corpus], FEATURE_NAMES, MODEL_CLASSES, {
      kind,
      trees: DEFAULT_TREES,
      mlp: { ...DEFAULT_FIT, members: Number(a.members) },
      forestShare: DEFAULT_FOREST_SHARE,
    });
    // the temperature on the other folds' full runs (it does not move the verdict; the share does)
    Object.assign(w, calibrate(w, train.filter(full), [guideRuleShare(w, guide)]));
    const answers = held.map((e) => ({ label: e.labelName, acceptable: e.acceptableNames, ...verdictOf(w, e) }));
    const r = score(answers, MODEL_CLASSES);
    const builtAnswers = answers.filter((_, i) => built.has(held[i].id));
    pooled.push(...answers);
    pooledBuilt.push(...builtAnswers);
    const recalls = MODEL_CLASSES.map((c) => r.recall[c].rate).filter(Number.isFinite);
    const balanced = recalls.reduce((s, x) => s + x, 0) / recalls.length;
    const builtRate = score(builtAnswers, MODEL_CLASSES).exact;
    rows.push({ exact: r.exact, acceptable: r.acceptable, balanced, share: w.rule_weight ?? 0, built: builtRate });
    console.log(
      `${kind} fold ${k + 1}/${K} (${held.length} runs): primary ${pct(r.exact)}, acceptable ${pct(r.acceptable)}, balanced recall ${pct(balanced)}, by construction ${pct(builtRate)} (${builtAnswers.length}), rules' share ${w.rule_weight}`,
    );
  }
  const stat = (f: (r: (typeof rows)[number]) => number) => {
    const xs = rows.map(f);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
    return `${pct(m)} ± ${pct(sd)}`;
  };
  console.log(
    `${kind}: primary ${stat((r) => r.exact)}, acceptable ${stat((r) => r.acceptable)}, balanced recall ${stat((r) => r.balanced)}, by construction ${stat((r) => r.built)} (mean ± sd over ${K} folds)`,
  );
  const recall = (rep: Report) => MODEL_CLASSES.map((c) => `${c} ${pct(rep.recall[c].rate)}`).join(', ');
  console.log(`${kind} pooled recall: ${recall(score(pooled, MODEL_CLASSES))}`);
  console.log(`${kind} pooled recall, by construction: ${recall(score(pooledBuilt, MODEL_CLASSES))}`);
}
