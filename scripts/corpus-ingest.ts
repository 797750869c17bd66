import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, isIngestError } from '../src/ingest/index.js';
const root = process.argv[2] ?? '../shared/corpus/real';
for (const dir of readdirSync(root)) {
  const d = join(root, dir);
  if (!statSync(d).isDirectory()) continue;
  for (const f of readdirSync(d)) {
    const t0 = performance.now();
    try {
      const log = ingest(readFileSync(join(d, f)), { fileName: f });
      const last = log.runs[log.runs.length - 1];
      const ser = last.series.map((s) => `${s.key}(${s.x.length})`).join(' ');
      console.log(
        `${dir}/${f.slice(0, 60)}\t${log.format}\truns=${log.runs.length}\t${last.xAxis}\t${ser.slice(0, 150)}\t${log.dialect.flavour}\tW:${log.warnings.map((w) => w.code).join(',')}\t${(performance.now() - t0).toFixed(0)}ms`,
      );
    } catch (e) {
      console.log(
        `${dir}/${f.slice(0, 60)}\tERROR\t${isIngestError(e) ? e.code + ': ' + e.message : (e as Error).stack}`,
      );
    }
  }
}
