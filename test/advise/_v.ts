import { readFileSync, readdirSync } from 'node:fs';
import { advise } from '../../src/advise/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
const dirs = process.argv.slice(2);
for (const d of dirs) for (const f of readdirSync(d).filter(f => /unstable|spike|nan/.test(f) || d.includes('corpus'))) {
  let log; try { log = ingest(readFileSync(d + '/' + f)); } catch { continue; }
  const dx = diagnose(log);
  const r = advise(dx, log);
  console.log(`\n## ${f}: ${dx.pattern} [${dx.findings}] dialect=${r.dialect}/${r.dialectSource}`);
  for (const s of r.strategies) console.log(`  ${s.rank}. ${s.title}\n     ${s.why}`);
}
