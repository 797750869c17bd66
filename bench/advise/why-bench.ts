/**
 * why() speed: the text search alone (before query understanding) side by side with understand(),
 * search() (text + concepts) and why() (the whole reply), per question, over every phrasing in
 * test/advise (the user-voiced sets and the first question set).
 *
 *   npx tsx bench/advise/why-bench.ts
 *   import { runWhyBench, formatTable } from './advise/why-bench.js'
 *
 * Target: why() < 5 ms per question on average (the p95 is shown too; on a loaded machine it is mostly GC and scheduling).
 */
import { pathToFileURL } from 'node:url';
import { search, textSearch, understand, why } from '../../src/advise/index.js';
import { PHRASINGS, PHRASINGS_2, PHRASINGS_3 } from '../../test/advise/questions-users.js';
import { ERRORS, FRESH, FRESH2, HOLDOUT, QUESTIONS } from '../../test/advise/questions.js';

/** per-question budget for why() */
const TARGET_MS = 5;
/** timed passes over all questions (after one warm-up pass) */
const PASSES = 5;

export interface Row {
  step: string;
  questions: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  /** mean time / the text search's mean time */
  ratio: number;
  target?: string;
  pass?: boolean;
}

export async function runWhyBench(): Promise<Row[]> {
  const qs = [...PHRASINGS, ...PHRASINGS_2, ...PHRASINGS_3]
    .map(([q]) => q)
    .concat([...QUESTIONS, ...HOLDOUT, ...FRESH, ...FRESH2, ...ERRORS].map(([q]) => q));
  const steps: [string, (q: string) => unknown][] = [
    ['text search only (before)', (q) => textSearch(q, 4)],
    ['understand()', (q) => understand(q)],
    ['search() = text + concepts', (q) => search(q, 4)],
    ['why() (whole reply)', (q) => why(q)],
  ];
  const rows: Row[] = [];
  for (const [step, fn] of steps) {
    for (const q of qs) fn(q); // warm-up: index build, typo memo, JIT
    const times: number[] = [];
    for (let p = 0; p < PASSES; p++)
      for (const q of qs) {
        const t0 = performance.now();
        fn(q);
        times.push(performance.now() - t0);
      }
    times.sort((a, b) => a - b);
    const at = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    rows.push({
      step,
      questions: qs.length,
      mean_ms: mean,
      p50_ms: at(0.5),
      p95_ms: at(0.95),
      max_ms: times[times.length - 1],
      ratio: rows.length ? mean / rows[0].mean_ms : 1,
    });
  }
  const w = rows[rows.length - 1];
  w.target = `mean < ${TARGET_MS} ms`;
  w.pass = w.mean_ms < TARGET_MS;
  return rows;
}

export function formatTable(rows: Row[]): string {
  const f = (v: number, d = 3) => v.toFixed(d);
  const head = ['step', 'questions', 'mean ms', 'p50 ms', 'p95 ms', 'max ms', 'x text search', 'target'];
  const body = rows.map((r) => [
    r.step,
    String(r.questions),
    f(r.mean_ms),
    f(r.p50_ms),
    f(r.p95_ms),
    f(r.max_ms),
    f(r.ratio, 2),
    r.target ? `${r.pass ? 'PASS' : 'MISS'} ${r.target}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), '|' + widths.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...body.map(line)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runWhyBench();
  console.log(formatTable(rows));
  process.exitCode = rows.every((r) => r.pass !== false) ? 0 : 1;
}
