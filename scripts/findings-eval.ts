// Findings vs the labels: ours against findings_both (recall) and findings_either (precision).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../src/ingest/index.js';
import { diagnose } from '../src/diagnose/index.js';
import { corpusPath } from './diagnoser/data.js';
const root = '../shared/corpus/real';
const rows = readFileSync(join(root, 'LABELS.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'));
const stat = new Map<string, { tp: number; fp: number; fn: number; fps: string[]; fns: string[] }>();
const get = (f: string) => {
  if (!stat.has(f)) stat.set(f, { tp: 0, fp: 0, fn: 0, fps: [], fns: [] });
  return stat.get(f)!;
};
for (const [file, , , , , both, either] of rows) {
  const path = corpusPath(root, file)!;
  const d = diagnose(ingest(readFileSync(path), { fileName: file }));
  const B = new Set((both ?? '').split(',').filter(Boolean));
  const E = new Set((either ?? '').split(',').filter(Boolean));
  for (const f of d.findings) {
    if (E.has(f)) get(f).tp++;
    else {
      get(f).fp++;
      get(f).fps.push(file.slice(0, 40));
    }
  }
  for (const f of B)
    if (!d.findings.includes(f as never)) {
      get(f).fn++;
      get(f).fns.push(file.slice(0, 40));
    }
}
for (const [f, s] of stat)
  console.log(
    `${f.padEnd(22)} tp ${s.tp} fp ${s.fp} fn ${s.fn}   FP: ${s.fps.slice(0, 4).join(' | ')}   FN: ${s.fns.slice(0, 4).join(' | ')}`,
  );
