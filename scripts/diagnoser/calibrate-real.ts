/**
 * The real-log layer for logs people send (an upload, a watched run): the adapter (src/diagnose/adapt.ts) and the
 * reliability map (real-calibration.ts), both fitted on the labelled wild batches (bench/wild*: real logs from
 * public repositories, two blind expert labelling passes each). The zoo's model and map say what held on runs of
 * curve-triage's own engine, labelled by intervention; on real logs the model misread some shapes (adapt.ts) and
 * the same probability was right far more often (session 24: answers at 0.5-0.6 were acceptable 92% of the time).
 *
 * 1. The adapter (scripts/diagnoser/adapter.ts) on every answer of the learned model (not the rules' own answers
 *    on accuracy pairs, nor a refusal). Its honesty: leave-one-batch-out (each batch settled by an adapter fitted
 *    on the others), and ../shared/corpus/real, which nothing here reads for a fit.
 * 2. The map: an isotonic fit (metrics.ts) of "acceptable" on the verdict's probability before any map, over the
 *    adapter's out-of-fold answers (a blown-up run's hard verdict aside). Its honesty: each batch through a map
 *    fitted on the other batches' out-of-fold answers, and the corpus.
 *
 * Batches named by --hold-out stay out of both fits (the newest, until its first read is taken).
 *
 *   npx tsx scripts/diagnoser/calibrate-real.ts [--min-block 25] [--l2 0.1] [--primary-weight 0.5] [--hold-out wild20,...] [--write]
 *
 * --write stores the adapter in src/diagnose/real-adapter.ts and the map in src/diagnose/real-calibration.ts;
 * decide() applies both to every log but the runs of curve-triage's own training engine.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { MODEL_CLASSES, recalibrated, type Calibration } from '../../src/diagnose/model.js';
import { REAL_CALIBRATION } from '../../src/diagnose/real-calibration.js';
import { REAL_ADAPTER } from '../../src/diagnose/real-adapter.js';
import { CORPUS_ROOT } from './data.js';
import { isotonic, isRight, score, type Scored } from './metrics.js';
import { DEFAULT_ADAPTER, fitAdapter } from './adapter.js';
import {
  agreement,
  answered,
  examples,
  leaveOneBatchOut,
  rows,
  settled,
  wildBatches,
  type Answer,
  type Row,
} from './real-layer.js';

const OPTION_SPEC = {
  'min-block': { type: 'string', default: '25' },
  l2: { type: 'string', default: String(DEFAULT_ADAPTER.l2) },
  'primary-weight': { type: 'string', default: String(DEFAULT_ADAPTER.primaryWeight) },
  'hold-out': { type: 'string', default: '' },
  write: { type: 'boolean', default: false },
} as const;
/** The flags, or one line saying what is wrong with them (an unknown flag, a missing value) and exit 2. */
function flags() {
  try {
    return parseArgs({ options: OPTION_SPEC }).values;
  } catch (e) {
    console.error(
      `${(e as Error).message.split('\n')[0]} (flags: --min-block N --l2 X --primary-weight X --hold-out wildN,... --write)`,
    );
    process.exit(2);
  }
}
const a = flags();
const MIN_BLOCK = Number(a['min-block']);
const OPTIONS = { ...DEFAULT_ADAPTER, l2: Number(a.l2), primaryWeight: Number(a['primary-weight']) };
// a mistyped number would fit an adapter of NaNs (which decide() then ignores): say so instead
for (const [flag, v, ok] of [
  ['--min-block', MIN_BLOCK, Number.isInteger(MIN_BLOCK) && MIN_BLOCK >= 1],
  ['--l2', OPTIONS.l2, Number.isFinite(OPTIONS.l2) && OPTIONS.l2 >= 0],
  ['--primary-weight', OPTIONS.primaryWeight, Number.isFinite(OPTIONS.primaryWeight) && OPTIONS.primaryWeight >= 0],
] as const)
  if (!ok) {
    console.error(`${flag} must be a number ${flag === '--min-block' ? '(a whole number >= 1)' : '>= 0'}, not ${v}`);
    process.exit(2);
  }
const BENCH = join(import.meta.dirname, '..', '..', 'bench');
const held = new Set(a['hold-out'].split(',').filter(Boolean));
const batches = wildBatches(BENCH, held);
// a misspelt batch would leave the newest batch in the fit without a word
const unknown = [...held].filter((b) => !wildBatches(BENCH).includes(b));
if (unknown.length) {
  console.error(`--hold-out names no labelled batch: ${unknown.join(', ')} (they are bench/wild, bench/wild2, ...)`);
  process.exit(2);
}

function verdicts(title: string, rs: (Row | Answer)[]): void {
  const { strict, lenient } = agreement(rs);
  console.log(`${title}: strict ${strict.join('/')}, lenient ${lenient.join('/')}`);
}
const through = (rs: Answer[], map: Calibration) => rs.map((x) => ({ ...x, confidence: recalibrated(x.p, map) }));
function show(title: string, rs: Scored[]): void {
  const r = score(rs, MODEL_CLASSES);
  const bins = r.bins
    .filter((b) => b.n > 0)
    .map((b) => `${b.lo}-${b.hi}: ${b.n} at ${b.confidence.toFixed(2)} -> ${b.accuracy.toFixed(2)}`);
  console.log(
    `${title}: ECE ${r.ece.toFixed(3)}, >= 0.9 right ${r.high.right}/${r.high.n}, acceptable ${(100 * r.acceptable).toFixed(1)}%`,
  );
  console.log(`  ${bins.join(' | ')}`);
}

const wild = batches.flatMap((b) => rows(join(BENCH, b), b));
const corpus = rows(CORPUS_ROOT, 'corpus');
console.log(`${wild.length} logs from ${batches.length} batches (${batches.join(', ')}); corpus ${corpus.length}`);
console.log(`adapter options: ${JSON.stringify(OPTIONS)}`);
// 1. the adapter: each batch settled by one fitted on the others, then one fitted on them all
const outOfFold = leaveOneBatchOut(wild, OPTIONS);
const adapter = fitAdapter(examples(wild), OPTIONS);
verdicts('wild batches, as shipped now', wild);
verdicts('wild batches, without an adapter', settled(wild, null));
verdicts('wild batches, leave-one-batch-out adapter', outOfFold);
verdicts('corpus (never in the adapter or map fit), as shipped now', corpus);
verdicts('corpus (never in the adapter or map fit), without an adapter', settled(corpus, null));
verdicts('corpus (never in the adapter or map fit), through the adapter', settled(corpus, adapter));
// 2. the map, on the adapter's out-of-fold answers
const fitOn = (rs: Answer[]) =>
  isotonic(
    rs.map((x) => ({ p: x.p, ok: isRight(x) })),
    MIN_BLOCK,
  );
const oof = answered(outOfFold);
const lobo = batches.flatMap((b) =>
  through(
    oof.filter((x) => x.group === b),
    fitOn(oof.filter((x) => x.group !== b)),
  ),
);
const map = fitOn(oof);
const corpusAnswers = answered(settled(corpus, adapter));
show(
  'wild batches, as shipped now',
  answered(settled(wild, REAL_ADAPTER)).map((x) => ({ ...x, confidence: recalibrated(x.p, REAL_CALIBRATION) })),
);
show('wild batches, leave-one-batch-out adapter and map', lobo);
show('corpus (never in the adapter or map fit), through the adapter and the map', through(corpusAnswers, map));
const round = (v: number) => Number(v.toFixed(4));
console.log(`map: ${map.x.map((x, i) => `${x.toFixed(3)}->${map.y[i].toFixed(3)}`).join(', ')}`);
console.log(`adapter: scale ${adapter.scale}, bias ${adapter.bias.join(' ')}`);
console.log(`shipped: ${REAL_CALIBRATION.x.length} knots from ${REAL_CALIBRATION.provenance.batches.length} batches`);

async function write(name: string, doc: string[], head: string, data: unknown): Promise<void> {
  const file = join(import.meta.dirname, '..', '..', 'src', 'diagnose', name);
  const text = ['/**', ...doc.map((l) => ` * ${l}`), ' */', ...head.split('\n'), `= ${JSON.stringify(data)};`, ''];
  writeFileSync(file, await format(text.join('\n'), { ...(await resolveConfig(file)), filepath: file }));
  console.log(`wrote ${file}`);
}

if (a.write) {
  const provenance = { batches, answers: oof.length, min_block: MIN_BLOCK };
  await write(
    'real-calibration.ts',
    [
      "The reliability map for logs people send (uploads, watched runs): the verdict's probability (after the real-log",
      'adapter) -> how often such verdicts were acceptable to two expert labelling passes on the labelled wild batches.',
      'Written by scripts/diagnoser/calibrate-real.ts --write (its honesty: leave-one-batch-out and the real corpus,',
      'printed there and in docs/diagnosis.md); not edited by hand.',
    ],
    "import type { Calibration } from './model.js';\n\nexport const REAL_CALIBRATION: Calibration & {\n  provenance: { batches: string[]; answers: number; min_block: number };\n}",
    { x: map.x.map(round), y: map.y.map(round), provenance },
  );
  await write(
    'real-adapter.ts',
    [
      "The real-log adapter's weights (adapt.ts), fitted on the labelled wild batches. Written by",
      'scripts/diagnoser/calibrate-real.ts --write (its honesty: leave-one-batch-out and the real corpus, printed there',
      'and in docs/diagnosis.md); not edited by hand.',
    ],
    "import type { FittedAdapter } from './adapt.js';\n\nexport const REAL_ADAPTER: FittedAdapter | null",
    { ...adapter, provenance: { batches, examples: examples(wild).length, options: OPTIONS } },
  );
}
