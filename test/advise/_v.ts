import { readFileSync } from 'node:fs';
import { advise, renderMarkdown } from '../../src/advise/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
for (const f of process.argv.slice(2)) {
  const log = ingest(readFileSync(f)); const dx = diagnose(log);
  console.log(renderMarkdown(advise(dx, log), { code: false }));
}
