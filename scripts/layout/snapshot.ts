/**
 * Behaviour snapshot for refactors (the code-layout issue's bar: "CLI JSON output identical on all
 * fixtures and on ../shared/corpus/real"). Runs the built CLI (bin/curve-triage.js, so `npm run build`
 * first) on every fixture log and every corpus log, in JSON and in Markdown, plus `why` on a set of
 * questions and `explain` on every pattern, and writes one JSON line per call.
 *
 *   npx tsx scripts/layout/snapshot.ts --out /tmp/before.jsonl
 *   ...refactor, npm run build...
 *   npx tsx scripts/layout/snapshot.ts --out /tmp/after.jsonl --compare /tmp/before.jsonl
 *
 * --compare prints every call whose stdout, stderr or exit code changed and exits 1 if any did.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus/real');

const { values } = parseArgs({
  options: { out: { type: 'string' }, compare: { type: 'string' }, jobs: { type: 'string', default: '2' } },
});
if (!values.out) {
  process.stderr.write('usage: tsx scripts/layout/snapshot.ts --out FILE [--compare BEFORE] [--jobs N]\n');
  process.exit(2);
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (!/^(EXPECTED\.json|README\.md|LABELS?\.(json|csv|md))$/i.test(name) && !name.endsWith('.yaml'))
      out.push(p);
  }
  return out;
}

const QUESTIONS = [
  'why is my val_loss rising',
  'training loss stuck at 0.693',
  'loss jumps around a lot and never decreases',
  'val loss is much noisier than train loss',
  'training acc 99% but val acc stuck at 70%',
  'loss is nan',
  'loss flat since epoch 20 nothing changes',
  'how many units should my lstm have',
  'what batch size',
  'val loss lower than training loss',
  'should i use adam or rmsprop',
  'loss explodes to 1e10',
  'asdfgh',
];
const PATTERNS = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable', 'nan', 'divergence', 'nope'];

type Call = { key: string; args: string[] };
const calls: Call[] = [];
for (const f of [...files(join(ROOT, 'fixtures')).filter((p) => !p.includes('/fixtures/train/')), ...files(CORPUS)]) {
  const rel = f.startsWith(ROOT) ? relative(ROOT, f) : 'corpus/' + relative(CORPUS, f);
  calls.push({ key: `json ${rel}`, args: ['diagnose', f, '--json'] });
  calls.push({ key: `md ${rel}`, args: ['diagnose', f] });
}
for (const f of files(join(ROOT, 'fixtures/formats')).slice(0, 12)) {
  calls.push({ key: `all ${relative(ROOT, f)}`, args: ['diagnose', f, '--json', '--run', 'all'] });
  calls.push({ key: `brief-keras3 ${relative(ROOT, f)}`, args: ['diagnose', f, '--brief', '--dialect', 'keras3'] });
}
for (const q of QUESTIONS) calls.push({ key: `why ${q}`, args: ['why', q, '--json'] });
for (const p of PATTERNS) calls.push({ key: `explain ${p}`, args: ['explain', p] });
calls.push({ key: 'formats', args: ['formats'] });
calls.push({ key: 'usage', args: ['nonsense'] });

type Result = { key: string; code: number | null; stdout: string; stderr: string };
function run(c: Call): Promise<Result> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/curve-triage.js'), ...c.args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => done({ key: c.key, code, stdout, stderr }));
  });
}

const results: Result[] = new Array(calls.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.max(1, Number(values.jobs)) }, async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await run(calls[i]!);
    }
  }),
);
writeFileSync(values.out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
process.stdout.write(`${results.length} calls written to ${values.out}\n`);

if (values.compare) {
  const before = new Map<string, Result>();
  for (const line of readFileSync(values.compare, 'utf8').split('\n'))
    if (line) {
      const r = JSON.parse(line) as Result;
      before.set(r.key, r);
    }
  let changed = 0;
  for (const r of results) {
    const b = before.get(r.key);
    if (!b) {
      process.stdout.write(`new: ${r.key}\n`);
      continue;
    }
    for (const field of ['code', 'stdout', 'stderr'] as const) {
      if (b[field] !== r[field]) {
        changed++;
        const a = String(b[field]);
        const z = String(r[field]);
        let i = 0;
        while (i < a.length && a[i] === z[i]) i++;
        process.stdout.write(
          `changed ${field}: ${r.key}\n  before: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 100))}\n  after:  ${JSON.stringify(z.slice(Math.max(0, i - 60), i + 100))}\n`,
        );
        break;
      }
    }
  }
  process.stdout.write(
    changed ? `${changed} of ${results.length} calls changed\n` : `identical: all ${results.length} calls\n`,
  );
  process.exit(changed ? 1 : 0);
}
