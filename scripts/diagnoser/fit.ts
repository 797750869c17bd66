/**
 * Fit the learned diagnoser and write src/diagnose/weights.ts.
 *
 *   npx tsx scripts/diagnoser/fit.ts [--model mlp|trees|both] [--rule-weight W] [--corpus-weight W] [--loro-from a.json,b.json] [--write]
 *     [--built-weight W] [--hidden H] [--members M] [--iterations N] [--rounds R] [--depth D] [--learning-rate L] [--balance B] [--min-leaf N] [--forest-share S]
 *
 * Fits on the zoo's train split (+ the real corpus at weight W when W > 0), picks the temperature on the
 * zoo's dev split, prints dev scores, and with --loro-from the leave-one-repository-out scores on the corpus written by loro.ts
 * (every corpus repository predicted by a fit that never saw it). The zoo's test split is never read
 * here: only `npm run bench` scores it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES } from '../../src/diagnose/vector.js';
import { MODEL_CLASSES, type Weights } from '../../src/diagnose/model.js';
import { WEIGHTS } from '../../src/diagnose/weights.js';
import { calibrate, DEFAULT_FIT, type FitOptions } from './mlp.js';
import { DEFAULT_TREES, type TreeOptions } from './gbt.js';
import { DEFAULT_FOREST_SHARE, fitModel, modelKind, type ModelOptions } from './models.js';
import {
  builtWeightArg,
  CORPUS_ROOT,
  corpusRows,
  fitSets,
  guideExamples,
  guideRuleShare,
  readCorpusLog,
  trainingSet,
  verdictOf,
  type Labelled,
} from './data.js';
import { diagnose } from '../../src/diagnose/index.js';
import { formatReport, score, type Scored } from './metrics.js';

const { values: args } = parseArgs({
  options: {
    'corpus-weight': { type: 'string', default: '4' },
    'loro-from': { type: 'string' },
    write: { type: 'boolean', default: false },
    hidden: { type: 'string' },
    members: { type: 'string' },
    iterations: { type: 'string' },
    l2: { type: 'string' },
    'train-only-weight': { type: 'string', default: '0.3' },
    'built-weight': { type: 'string' },
    zoo: { type: 'string' },
    /** fixed rules' share; default: the smallest that keeps every guide example, plus a margin */
    'rule-weight': { type: 'string' },
    model: { type: 'string' },
    'forest-share': { type: 'string' },
    rounds: { type: 'string' },
    depth: { type: 'string' },
    'learning-rate': { type: 'string' },
    balance: { type: 'string' },
    'min-leaf': { type: 'string' },
  },
});

const opts: FitOptions = {
  ...DEFAULT_FIT,
  ...(args.hidden ? { hidden: Number(args.hidden) } : {}),
  ...(args.members ? { members: Number(args.members) } : {}),
  ...(args.iterations ? { iterations: Number(args.iterations) } : {}),
  ...(args.l2 ? { l2: Number(args.l2) } : {}),
};
const treeOpts: TreeOptions = {
  ...DEFAULT_TREES,
  ...(args.rounds ? { rounds: Number(args.rounds) } : {}),
  ...(args.depth ? { depth: Number(args.depth) } : {}),
  ...(args['learning-rate'] ? { learningRate: Number(args['learning-rate']) } : {}),
  ...(args.balance ? { balance: Number(args.balance) } : {}),
  ...(args['min-leaf'] ? { minLeaf: Number(args['min-leaf']) } : {}),
};
const corpusWeight = Number(args['corpus-weight']);
const t0 = performance.now();
const builtWeight = builtWeightArg(args['built-weight']);
const sets = fitSets(args.zoo, Number(args['train-only-weight']), builtWeight);
const { train, dev, corpus } = sets;
console.log(
  `zoo: ${train.length} train + ${dev.length} dev examples (with train-only copies); corpus: ${corpus.length}; features in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const withCorpus = (skip?: string): Labelled[] => trainingSet(sets, corpusWeight, skip);

function rowsFor(w: Weights, set: Labelled[]): Scored[] {
  return set.map((e) => ({
    label: e.labelName,
    acceptable: e.acceptableNames,
    ...verdictOf(w, e),
    blewUp: e.blewUp,
    group: e.group,
  }));
}

const guide = guideExamples();

function describe(o: ModelOptions): string {
  const trees = `${o.trees.rounds} rounds of depth-${o.trees.depth} trees`;
  const nets = `${o.mlp.members} networks x ${o.mlp.iterations} iterations, hidden ${o.mlp.hidden}`;
  return o.kind === 'trees' ? trees : o.kind === 'mlp' ? nets : `${trees} and ${nets}, forest share ${o.forestShare}`;
}

const t1 = performance.now();
const modelOpts: ModelOptions = {
  kind: modelKind(args.model),
  trees: treeOpts,
  mlp: opts,
  forestShare: args['forest-share'] ? Number(args['forest-share']) : DEFAULT_FOREST_SHARE,
};
const weights = fitModel(withCorpus(), FEATURE_NAMES, MODEL_CLASSES, modelOpts);
Object.assign(
  weights,
  calibrate(
    weights,
    dev.filter((e) => !e.id.endsWith('/train-only')),
    [args['rule-weight'] ? Number(args['rule-weight']) : guideRuleShare(weights, guide)],
  ),
);
console.log(
  `fit ${modelOpts.kind} (${describe(modelOpts)}) in ${((performance.now() - t1) / 1000).toFixed(1)} s; temperature ${weights.temperature}, rule weight ${weights.rule_weight}`,
);
const wrongAt = (rw: number) =>
  guide.filter((e) => verdictOf({ ...weights, rule_weight: rw }, e).got !== e.labelName).map((e) => e.id);
const guideWrong = wrongAt(weights.rule_weight ?? 0);
console.log(
  `guide examples (fixtures/patterns, seed and presets, never fitted on): ${guide.length - guideWrong.length}/${guide.length}${guideWrong.length ? ` (wrong: ${guideWrong.join(', ')})` : ''}; ` +
    `the model without the rules gets wrong: ${wrongAt(0).join(', ') || 'none'}`,
);
const devFull = dev.filter((e) => !e.id.endsWith('/train-only'));
const trainFit = score(
  rowsFor(
    weights,
    train.filter((e) => !e.id.endsWith('/train-only')),
  ),
  MODEL_CLASSES,
);
console.log(`zoo train split (fitted on): acceptable ${(trainFit.acceptable * 100).toFixed(1)}%`);
console.log(formatReport('zoo dev split', score(rowsFor(weights, devFull), MODEL_CLASSES), MODEL_CLASSES));
if (!WEIGHTS) {
  const rules = score(
    devFull.map((e) => ({
      label: e.labelName,
      acceptable: e.acceptableNames,
      got: e.diagnosis.pattern,
      confidence: e.diagnosis.confidence,
      blewUp: e.blewUp,
    })),
    MODEL_CLASSES,
  );
  console.log(
    `rules alone on the dev split: exact ${(rules.exact * 100).toFixed(1)}%, acceptable ${(rules.acceptable * 100).toFixed(1)}%, recall ${MODEL_CLASSES.map((c) => `${c} ${(rules.recall[c].rate * 100).toFixed(0)}%`).join(', ')}`,
  );
}
console.log(
  formatReport(
    'zoo dev split, train-only copies',
    score(
      rowsFor(
        weights,
        dev.filter((e) => e.id.endsWith('/train-only')),
      ),
      MODEL_CLASSES,
    ),
    MODEL_CLASSES,
  ),
);
const corpusRowsScored = rowsFor(weights, corpus);
const strict = corpus.filter((c) => c.row.clear);
const strictOk = corpus.filter((c, i) => c.row.clear && corpusRowsScored[i].got === c.labelName).length;
const lenientOk = corpusRowsScored.filter((r) => r.acceptable.includes(r.got)).length;
console.log(
  `corpus (${corpusWeight > 0 ? 'IN the fit: optimistic' : 'never seen by the fit'}): strict ${strictOk}/${strict.length}, lenient ${lenientOk}/${corpus.length}`,
);

let loroSummary: Record<string, unknown> | undefined;
if (args['loro-from']) {
  const rows = args['loro-from'].split(',').flatMap(
    (f) =>
      JSON.parse(readFileSync(f, 'utf8')) as {
        file: string;
        repo: string;
        clear: boolean;
        label: string;
        acceptable: string[];
        got: string;
        confidence: number;
      }[],
  );
  const clear = rows.filter((r) => r.clear);
  const s = clear.filter((r) => r.got === r.label).length;
  const l = rows.filter((r) => r.acceptable.includes(r.got)).length;
  const hi = rows.filter((r) => r.confidence >= 0.9);
  // every log the model decides must have its leave-one-out answer (a missing shard file would otherwise
  // be scored in-sample below)
  const decided = new Set(rows.map((r) => r.file));
  const missing = corpus.filter((c) => !decided.has(c.id));
  if (missing.length)
    throw new Error(`--loro-from lacks ${missing.length} corpus logs (e.g. ${missing[0].id}): pass every shard's file`);
  // the corpus bar counts every log. The ones no fit learns from (labelled not assessable, or read as not
  // assessable, or unreadable) are answered by the product as shipped: for the not-assessable and
  // unreadable ones that answer is the rules', the same in every fit
  const inFit = new Set(corpus.map((c) => c.id));
  const rest = corpusRows(CORPUS_ROOT)
    .filter((r) => !inFit.has(r.file))
    .map((r) => ({ ...r, got: productVerdict(r.file) }));
  const restClear = rest.filter((r) => r.clear);
  loroSummary = {
    repositories: new Set(rows.map((r) => r.repo)).size,
    strict_assessable: `${s}/${clear.length}`,
    lenient_assessable: `${l}/${rows.length}`,
    strict_all_clear: `${s + restClear.filter((r) => r.got === r.primary).length}/${clear.length + restClear.length}`,
    lenient_all: `${l + rest.filter((r) => r.acceptable.includes(r.got)).length}/${rows.length + rest.length}`,
    at_0_9_right: `${hi.filter((r) => r.acceptable.includes(r.got)).length}/${hi.length}`,
  };
  console.log(`corpus leave-one-repository-out: ${JSON.stringify(loroSummary)}`);
}

if (args.write) {
  weights.provenance = {
    fitted: 'scripts/diagnoser/fit.ts',
    zoo_train_examples: train.length,
    corpus_weight: corpusWeight,
    built_weight: builtWeight,
    ...(loroSummary ? { corpus_loro: loroSummary } : {}),
    model: modelOpts.kind,
    options: modelOpts,
  };
  const body = `/**
 * Data table: the learned diagnoser's weights, written by \`npx tsx scripts/diagnoser/fit.ts --write\` (do not edit
 * by hand; docs/diagnosis.md says how they were fitted). null = none shipped: classify() uses the rule scores.
 */
import type { Weights } from './model.js';

export const WEIGHTS: Weights | null = ${JSON.stringify(weights)};
`;
  writeFileSync(join(import.meta.dirname, '..', '..', 'src', 'diagnose', 'weights.ts'), body);
  console.log('wrote src/diagnose/weights.ts');
}

/** The product's verdict on a corpus log ('ERROR' when it cannot be read). */
function productVerdict(file: string): string {
  try {
    const log = readCorpusLog(CORPUS_ROOT, file);
    return log ? diagnose(log).pattern : 'ERROR';
  } catch {
    return 'ERROR';
  }
}
