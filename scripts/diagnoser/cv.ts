/**
 * Grouped cross-validation over the zoo's train + dev splits: the way to choose between model kinds
 * (or options) that one dev split cannot. Each of K folds holds out whole config families (every run of a
 * family in one fold, assigned in a fixed order), fits on the rest (+ the corpus at its weight), takes the
 * rules' share and the temperature as fit.ts would, and scores the held-out runs. Prints each fold and the
 * mean and spread, per model kind. The test split is never read.
 *
 *   npx tsx scripts/diagnoser/cv.ts [--kinds mlp,trees,both] [--folds 5] [--corpus-weight 4] [--members 1]
 */
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES } from '../../src/diagnose/model.js';
import { calibrate, DEFAULT_FIT } from './mlp.js';
import { DEFAULT_TREES } from './gbt.js';
import { DEFAULT_FOREST_SHARE, fitModel, modelKind } from './models.js';
import { fitSets, guideExamples, guideRuleShare, verdictOf, type Labelled } from './data.js';
import { score } from './metrics.js';

const { values: a } = parseArgs({
  options: {
    kinds: { type: 'string', default: 'mlp,trees,both' },
    folds: { type: 'string', default: '5' },
    'corpus-weight': { type: 'string', default: '4' },
    members: { type: 'string', default: '1' },
  },
});
const K = Number(a.folds);
const sets = fitSets();
const guide = guideExamples();
const all = [...sets.train, ...sets.dev];
const families = [...new Set(all.map((e) => e.group))].sort();
const foldOf = new Map(families.map((f, i) => [f, i % K]));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const full = (e: Labelled) => !e.id.endsWith('/train-only');

for (const kind of a.kinds.split(',').map(modelKind)) {
  const rows: { exact: number; acceptable: number; balanced: number; share: number }[] = [];
  for (let k = 0; k < K; k++) {
    const train = all.filter((e) => foldOf.get(e.group) !== k);
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
    const r = score(
      held.map((e) => ({ label: e.labelName, acceptable: e.acceptableNames, ...verdictOf(w, e) })),
      MODEL_CLASSES,
    );
    const recalls = MODEL_CLASSES.map((c) => r.recall[c].rate).filter(Number.isFinite);
    const balanced = recalls.reduce((s, x) => s + x, 0) / recalls.length;
    rows.push({ exact: r.exact, acceptable: r.acceptable, balanced, share: w.rule_weight ?? 0 });
    console.log(
      `${kind} fold ${k + 1}/${K} (${held.length} runs): primary ${pct(r.exact)}, acceptable ${pct(r.acceptable)}, balanced recall ${pct(balanced)}, rules' share ${w.rule_weight}`,
    );
  }
  const stat = (f: (r: (typeof rows)[number]) => number) => {
    const xs = rows.map(f);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
    return `${pct(m)} ± ${pct(sd)}`;
  };
  console.log(
    `${kind}: primary ${stat((r) => r.exact)}, acceptable ${stat((r) => r.acceptable)}, balanced recall ${stat((r) => r.balanced)} (mean ± sd over ${K} folds)`,
  );
}
