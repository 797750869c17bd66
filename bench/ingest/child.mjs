// Benchmark child: one case in a fresh process, so peak RSS (maxRSS) belongs to this case alone.
//   node child.mjs <ingest-module-url> <diagnose-module-url> <file> <mode> [runs]
// mode "time": 1 warm-up + <runs> timed runs of ingest+diagnose, medians reported.
// mode "cold": exactly one run (read + ingest + diagnose), then maxRSS.
// mode "baseline": load the modules only, then maxRSS.
import { readFileSync } from 'node:fs';

const [ingestUrl, diagnoseUrl, file, mode, runsArg] = process.argv.slice(2);
const { ingest } = await import(ingestUrl);
const { diagnose } = await import(diagnoseUrl);
const limits = { maxBytes: 200 * 1024 * 1024, maxRows: 5_000_000 };
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const out = { mode };
if (mode === 'baseline') {
  // touch the code paths so lazily compiled functions count in the baseline too
  diagnose(ingest('epoch,loss,val_loss\n0,1,1.1\n1,0.5,0.6\n2,0.4,0.5\n3,0.35,0.45\n4,0.3,0.42\n5,0.28,0.41\n'));
} else if (mode === 'cold') {
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const t1 = performance.now();
  const log = ingest(bytes, { limits });
  const t2 = performance.now();
  const d = diagnose(log);
  const t3 = performance.now();
  Object.assign(out, {
    read_ms: t1 - t0,
    ingest_ms: t2 - t1,
    diagnose_ms: t3 - t2,
    total_ms: t3 - t0,
    pattern: d.pattern,
    format: log.format,
    rows: log.stats.rows,
    points: log.runs.reduce((a, r) => a + r.series.reduce((b, s) => b + s.x.length, 0), 0),
  });
} else {
  const runs = Number(runsArg ?? 5);
  const bytes = readFileSync(file);
  const ing = [];
  const dia = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const log = ingest(bytes, { limits });
    const t1 = performance.now();
    diagnose(log);
    const t2 = performance.now();
    if (i > 0) {
      ing.push(t1 - t0);
      dia.push(t2 - t1);
    }
  }
  Object.assign(out, {
    runs,
    ingest_ms: median(ing),
    diagnose_ms: median(dia),
    total_ms: median(ing.map((v, i) => v + dia[i])),
  });
}
out.max_rss_mb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out) + '\n');
