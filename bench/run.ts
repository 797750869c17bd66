/**
 * npm run bench: every side-by-side benchmark in one run, each printing its own table.
 * A section whose module is missing (a feature not built yet) is skipped with a note.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Section {
  title: string;
  file: string;
  run: string;
  format: string;
}

const SECTIONS: Section[] = [
  {
    title: 'diagnosis: zoo test split, holdout families, real corpus and wild logs, learned model vs rules',
    file: 'diagnose/zoo-bench.ts',
    run: 'runDiagnoseBench',
    format: 'formatDiagnoseBench',
  },
  {
    title: 'diagnosis: the training presets (the guide examples) at fresh seeds, real runs labelled by construction',
    file: 'diagnose/preset-bench.ts',
    run: 'runPresetBench',
    format: 'formatPresetBench',
  },
  {
    title: 'ingest + diagnose vs pandas.read_csv',
    file: 'ingest/ingest-bench.ts',
    run: 'runIngestBench',
    format: 'formatTable',
  },
  {
    title: 'reply pipeline (parse + diagnose + render PNG) vs matplotlib',
    file: 'render/render-bench.ts',
    run: 'runRenderBench',
    format: 'formatRows',
  },
  {
    title: 'Discord: concurrent /diagnose through the fake Discord',
    file: 'bot/bot-bench.ts',
    run: 'runBotBench',
    format: 'formatTable',
  },
  {
    title: 'Discord under load: 10 maximum-size files (memory), /diagnose p99 while a /train runs',
    file: 'bot/load-bench.ts',
    run: 'runLoadBench',
    format: 'formatLoad',
  },
  {
    title:
      'scale-out front: /diagnose via gateway vs HTTP front (state in memory / Redis), rate-limit check memory vs Redis',
    file: 'bot/front-bench.ts',
    run: 'runFrontBench',
    format: 'formatFrontBench',
  },
  {
    title: 'scale-out: Redis queue and worker processes (sweeps, remote triage, SIGKILL to rerun, p99 during /train)',
    file: 'bot/scale-bench.ts',
    run: 'runScaleBench',
    format: 'formatScaleBench',
  },
  { title: 'training: ms/epoch vs PyTorch', file: 'train/speed-bench.ts', run: 'runTrainBench', format: 'formatTable' },
  {
    title: 'training: apply-fix on broken configs',
    file: 'train/repair-bench.ts',
    run: 'runRepairBench',
    format: 'formatTable',
  },
  {
    title: 'training: TPE vs random search on the same budget, and what median-stopping pruning saves',
    file: 'train/tpe-bench.ts',
    run: 'runTpeBench',
    format: 'formatTable',
  },
  {
    title: 'why(): text search vs query understanding, per question',
    file: 'advise/why-bench.ts',
    run: 'runWhyBench',
    format: 'formatTable',
  },
  {
    title: 'live watch: Python client report() cost in the training thread vs a synchronous POST',
    file: 'watch-client.ts',
    run: 'runWatchClientBench',
    format: 'formatTable',
  },
  {
    title: '/watch: the epochs endpoint under 100 watched runs, and the alert delay on seeded runs',
    file: 'watch/watch-server-bench.ts',
    run: 'runWatchServerBench',
    format: 'formatWatchServerBench',
  },
  {
    title: 'team memory: /history and /compare-by-ids p99 with 1,000,000 stored runs, SQLite and PostgreSQL',
    file: 'memory/memory-bench.ts',
    run: 'runMemoryBench',
    format: 'formatMemoryBench',
  },
];

const only = process.argv.slice(2);
let failed = false;
for (const s of SECTIONS) {
  // a name picks sections by folder or by file: `tpe` runs train/tpe-bench.ts
  if (only.length && !only.some((o) => s.file.startsWith(o) || basename(s.file).startsWith(o))) continue;
  const path = join(HERE, s.file);
  console.log(`\n## ${s.title}\n`);
  if (!existsSync(path)) {
    console.log(`(skipped: ${s.file} is not there yet)`);
    continue;
  }
  try {
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const run = mod[s.run] as (() => Promise<unknown>) | undefined;
    if (typeof run !== 'function') {
      console.log(`(skipped: ${s.file} exports no ${s.run})`);
      continue;
    }
    const rows = await run();
    // a bench without a formatter prints its own table while it runs
    const fmt = mod[s.format] as ((r: unknown) => string) | undefined;
    if (typeof fmt === 'function') console.log(fmt(rows));
  } catch (e) {
    failed = true;
    console.log(`(failed: ${(e as Error).message})`);
  }
}
process.exitCode = failed ? 1 : 0;
