/**
 * Leave-one-repository-out on the real corpus: every repository's logs are predicted by a model fitted
 * without them (same data and options as fit.ts, one member). Sharded so two processes share the work:
 *
 *   npx tsx scripts/diagnoser/loro.ts --corpus-weight W [--built-weight W] --shard 0 --of 2 --out /tmp/loro-0.json
 *
 * Writes [{ file, repo, label, acceptable, clear, got, confidence }] for fit.ts --loro-from to summarise.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES } from '../../src/diagnose/model.js';
import { calibrate, DEFAULT_FIT } from './mlp.js';
import { DEFAULT_TREES } from './gbt.js';
import { DEFAULT_FOREST_SHARE, fitModel, modelKind } from './models.js';
import { builtWeightArg, fitSets, guideExamples, guideRuleShare, trainingSet, verdictOf } from './data.js';

const { values: a } = parseArgs({
  options: {
    'corpus-weight': { type: 'string', default: '4' },
    shard: { type: 'string', default: '0' },
    of: { type: 'string', default: '1' },
    out: { type: 'string', default: '/tmp/loro.json' },
    iterations: { type: 'string', default: String(DEFAULT_FIT.iterations) },
    /** fixed rules' share; default: as fit.ts, the smallest that keeps every guide example, plus a margin */
    'rule-weight': { type: 'string' },
    zoo: { type: 'string' },
    model: { type: 'string' },
    'forest-share': { type: 'string' },
    /** weight of the runs built to show their label (data.ts BUILT_WEIGHT): use the one fit.ts will use */
    'built-weight': { type: 'string' },
  },
});
const sets = fitSets(a.zoo, undefined, builtWeightArg(a['built-weight']));
const guide = guideExamples();
const w = Number(a['corpus-weight']);
const repos = [...new Set(sets.corpus.map((c) => c.group))]
  .sort()
  .filter((_, i) => i % Number(a.of) === Number(a.shard));
const out: unknown[] = [];
for (const repo of repos) {
  const weights = fitModel(trainingSet(sets, w, repo), FEATURE_NAMES, MODEL_CLASSES, {
    kind: modelKind(a.model),
    trees: DEFAULT_TREES,
    mlp: { ...DEFAULT_FIT, members: 1, iterations: Number(a.iterations) },
    forestShare: a['forest-share'] ? Number(a['forest-share']) : DEFAULT_FOREST_SHARE,
  });
  Object.assign(
    weights,
    calibrate(
      weights,
      sets.dev.filter((e) => !e.id.endsWith('/train-only')),
      [a['rule-weight'] ? Number(a['rule-weight']) : guideRuleShare(weights, guide)],
    ),
  );
  for (const c of sets.corpus.filter((x) => x.group === repo)) {
    const { got, confidence } = verdictOf(weights, c);
    out.push({
      file: c.id,
      repo,
      label: c.labelName,
      acceptable: c.acceptableNames,
      clear: c.row.clear,
      got,
      confidence,
    });
  }
  writeFileSync(a.out, JSON.stringify(out));
}
console.log(`${repos.length} repositories -> ${a.out}`);
