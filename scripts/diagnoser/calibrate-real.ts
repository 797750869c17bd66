/**
 * The reliability map for logs people send (an upload, a watched run): how often the verdict was acceptable to two
 * independent expert labelling passes, at each raw probability, on the labelled wild batches (bench/wild*: real
 * logs from public repositories). The zoo's map (recalibrate.ts) says how often a verdict matched the intervention
 * on runs of curve-triage's own engine; on real logs the same probability was right far more often (session 24:
 * answers at 0.5-0.6 were acceptable 92% of the time), so one map cannot serve both.
 *
 * An isotonic fit (metrics.ts) of "acceptable" on the verdict's probability before any map, over the answers the
 * learned model gave (not the rules' own answers on accuracy pairs, nor a blown-up run's hard verdict, nor a
 * refusal). Its honesty is measured leave-one-batch-out (each batch through a map fitted on the others) and on
 * ../shared/corpus/real, which the map never reads. Batches named by --hold-out stay out of the fit (the newest,
 * until its first read is taken).
 *
 *   npx tsx scripts/diagnoser/calibrate-real.ts [--min-block 25] [--hold-out wild20,...] [--write]
 *
 * --write stores the map in src/diagnose/real-calibration.ts, which decide() applies to every log but the runs of
 * curve-triage's own training engine.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { diagnoseDetailed } from '../../src/diagnose/index.js';
import { MODEL_CLASSES, recalibrated, type Calibration } from '../../src/diagnose/model.js';
import { REAL_CALIBRATION } from '../../src/diagnose/real-calibration.js';
import { CORPUS_ROOT, corpusPath, corpusRows, readCorpusLog } from './data.js';
import { isotonic, score, type Scored } from './metrics.js';

const { values: a } = parseArgs({
  options: {
    'min-block': { type: 'string', default: '25' },
    'hold-out': { type: 'string', default: '' },
    write: { type: 'boolean', default: false },
  },
});
const MIN_BLOCK = Number(a['min-block']);
const BENCH = join(import.meta.dirname, '..', '..', 'bench');
const held = new Set(a['hold-out'].split(',').filter(Boolean));
const batches = readdirSync(BENCH)
  .filter((d) => /^wild\d*$/.test(d) && existsSync(join(BENCH, d, 'LABELS.tsv')) && !held.has(d))
  .sort((x, y) => Number(x.slice(4) || 1) - Number(y.slice(4) || 1));

interface Answer extends Scored {
  /** the verdict's probability before any map */
  p: number;
}

/** The learned model's answers on one labelled set, with their raw probability and the labels. */
function answers(root: string, group: string): Answer[] {
  const out: Answer[] = [];
  for (const row of corpusRows(root)) {
    if (!corpusPath(root, row.file)) continue;
    let r;
    try {
      r = diagnoseDetailed(readCorpusLog(root, row.file)!);
    } catch {
      continue; // refused: no verdict, no probability
    }
    const { pattern, confidence } = r.diagnosis;
    const p = r.decided?.[pattern];
    if (p === undefined || r.hardUnstable || pattern === 'not_assessable') continue;
    out.push({ label: row.primary, acceptable: row.acceptable, got: pattern, confidence, p, group });
  }
  return out;
}

const through = (rows: Answer[], map: Calibration) => rows.map((x) => ({ ...x, confidence: recalibrated(x.p, map) }));
function show(title: string, rows: Scored[]): void {
  const r = score(rows, MODEL_CLASSES);
  const bins = r.bins
    .filter((b) => b.n > 0)
    .map((b) => `${b.lo}-${b.hi}: ${b.n} at ${b.confidence.toFixed(2)} -> ${b.accuracy.toFixed(2)}`);
  console.log(
    `${title}: ECE ${r.ece.toFixed(3)}, >= 0.9 right ${r.high.right}/${r.high.n}, acceptable ${(100 * r.acceptable).toFixed(1)}%`,
  );
  console.log(`  ${bins.join(' | ')}`);
}

const wild = batches.flatMap((b) => answers(join(BENCH, b), b));
const corpus = answers(CORPUS_ROOT, 'corpus');
console.log(`${wild.length} answers from ${batches.length} batches (${batches.join(', ')}); corpus ${corpus.length}`);
const fitOn = (rows: Answer[]) =>
  isotonic(
    rows.map((x) => ({ p: x.p, ok: x.got === x.label || x.acceptable.includes(x.got) })),
    MIN_BLOCK,
  );
// each batch through a map fitted on the others
const lobo = batches.flatMap((b) =>
  through(
    wild.filter((x) => x.group === b),
    fitOn(wild.filter((x) => x.group !== b)),
  ),
);
const map = fitOn(wild);
show('wild batches, as shipped now', wild);
show('wild batches, leave-one-batch-out map', lobo);
show('corpus (never in the fit), as shipped now', corpus);
show('corpus (never in the fit), through the map', through(corpus, map));
const round = (v: number) => Number(v.toFixed(4));
console.log(`map: ${map.x.map((x, i) => `${x.toFixed(3)}->${map.y[i].toFixed(3)}`).join(', ')}`);
console.log(`shipped: ${REAL_CALIBRATION.x.length} knots from ${REAL_CALIBRATION.provenance.batches.length} batches`);

if (a.write) {
  const file = join(import.meta.dirname, '..', '..', 'src', 'diagnose', 'real-calibration.ts');
  const data = {
    x: map.x.map(round),
    y: map.y.map(round),
    provenance: { batches, answers: wild.length, min_block: MIN_BLOCK },
  };
  const text = [
    '/**',
    " * The reliability map for logs people send (uploads, watched runs): the verdict's probability -> how often such",
    ' * verdicts were acceptable to two expert labelling passes on the labelled wild batches. Written by',
    ' * scripts/diagnoser/calibrate-real.ts --write (its honesty: leave-one-batch-out and the real corpus, printed',
    ' * there and in docs/diagnosis.md); not edited by hand.',
    ' */',
    "import type { Calibration } from './model.js';",
    '',
    'export const REAL_CALIBRATION: Calibration & {',
    '  provenance: { batches: string[]; answers: number; min_block: number };',
    `} = ${JSON.stringify(data)};`,
    '',
  ].join('\n');
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
  console.log(`wrote ${file}`);
}
