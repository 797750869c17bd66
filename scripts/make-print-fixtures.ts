/**
 * Regenerates fixtures/prints deterministically: one printed training log per style in
 * test/ingest/helpers/print-styles.ts (hand-written loops' print()/logging output, five families), and
 * fixtures/prints/EXPECTED.json with, per file, the family, the run count, and every run's series as
 * printed (1-based epochs; batch values spread inside their epoch), and the warning codes ingest must give.
 * The expectations come from the strings the styles printed, not from ingest.
 *
 *   npx tsx scripts/make-print-fixtures.ts        # FIXTURES_OUT=dir writes elsewhere (drift check)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/util/random.js';
import { Printer, STYLES, makeTruth } from '../test/ingest/helpers/print-styles.js';

const ROOT = process.env.FIXTURES_OUT ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const DIR = join(ROOT, 'prints');

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
const num = (x: number): Num =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : x;

mkdirSync(DIR, { recursive: true });
for (const f of readdirSync(DIR)) rmSync(join(DIR, f));

const expected: Record<string, unknown> = {};
const shapes = ['good', 'overfit', 'underfit'] as const;
STYLES.forEach((style, k) => {
  const rand = mulberry32(9000 + k);
  const n = 8 + Math.floor(rand() * 17);
  const truth = makeTruth(n, rand, shapes[k % 3]);
  const p = new Printer();
  style.render(truth, p, rand);
  const { text, runs } = p.done(style.eol ?? '\n');
  const ext = style.family === 3 ? 'log' : 'txt';
  const file = `f${style.family}-${style.name}.${ext}`;
  writeFileSync(join(DIR, file), text);
  expected[file] = {
    family: style.family,
    about: style.about,
    format: 'text',
    runs: runs.length,
    series: runs.map((r) =>
      Object.fromEntries(
        [...r].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, s]) => [key, { x: s.x, y: s.y.map(num) }]),
      ),
    ),
    ...(style.warnings ? { warnings: style.warnings } : {}),
  };
});
writeFileSync(join(DIR, 'EXPECTED.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`fixtures/prints: ${STYLES.length} printed logs -> ${DIR}`);
