/**
 * npm run gallery [-- --theme light] [-- --width 800] [-- --corpus DIR] [-- --docs]
 *
 * One chart per pattern into ./gallery/ (gitignored), plus an overlay of several runs and a long
 * (1M-step) log. Sources, in order: the bundled fixtures/patterns/<pattern>-* files, then a
 * synthetic log built in code; the first whose real diagnose() verdict matches the pattern wins.
 * --corpus DIR adds the real-corpus files named below (e.g. /work/shared/corpus/real) as first choice.
 * --docs also writes the README images into docs/gallery/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingest } from '../src/ingest/index.js';
import { diagnose } from '../src/diagnose/index.js';
import type { Diagnosis, Pattern } from '../src/diagnose/schema.js';
import type { TrainingLog } from '../src/ingest/schema.js';
import { writeChart, writeOverlayChart, type ThemeName } from '../src/render/index.js';
import { logFromColumns, rng, sampleLog, sketchDiagnosis } from '../src/render/synthetic.js';

const PATTERNS: Pattern[] = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable', 'not_assessable'];
const CORPUS: Partial<Record<Pattern, string>> = {
  good_fit: 'keras-csv/MatPatCarry__Flowers_Classification_Project__models_history.csv',
  overfitting: 'keras-csv/DanielLin94144__DM2020-Lab2-Homework__training_log.csv',
  unstable: 'keras-csv/Agusbs98__Interface_of_automatic-ecg-diagnosis__training.log',
  high_variance: 'keras-history-json/matty-gg__dogbreedai__history.json',
  underfitting: 'keras-history-json/065010-AmanMalhi__hdfc-lstm-predictor__training_history.json',
};

interface Candidate {
  source: string;
  log: () => TrainingLog;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fileCandidate(path: string): Candidate {
  return { source: path, log: () => ingest(readFileSync(path), { fileName: path }) };
}

function candidates(pattern: Pattern, corpus: string | undefined): Candidate[] {
  const out: Candidate[] = [];
  const c = CORPUS[pattern];
  if (corpus && c && existsSync(join(corpus, c))) out.push(fileCandidate(join(corpus, c)));
  const dir = 'fixtures/patterns';
  if (existsSync(dir))
    for (const f of readdirSync(dir).sort()) if (f.startsWith(`${pattern}-`)) out.push(fileCandidate(join(dir, f)));
  if (pattern === 'not_assessable')
    out.push({
      source: 'synthetic (3 epochs)',
      log: () => logFromColumns({ loss: [1.2, 0.9, 0.8], val_loss: [1.3, 1.0, 0.95] }),
    });
  else out.push({ source: `synthetic ${pattern}`, log: () => sampleLog(pattern) });
  return out;
}

/** A 1M-step log: noisy decaying loss with a few NaN steps and an lr schedule. */
export function longLog(n = 1_000_000): TrainingLog {
  const r = rng(3);
  const x = new Array<number>(n);
  const loss = new Array<number>(n);
  const lr = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = i / n;
    x[i] = i + 1;
    loss[i] = 0.3 + 2.2 * Math.exp(-5 * t) + (r() - 0.5) * 0.4 * (1 - 0.6 * t);
    lr[i] = 3e-4 * 0.5 * (1 + Math.cos(Math.PI * t));
    if (i % 99_991 === 5_000) loss[i] = NaN;
  }
  return logFromColumns({ loss, lr }, { xAxis: 'step', x });
}

async function main() {
  const theme = (arg('--theme') as ThemeName | undefined) ?? 'dark';
  const width = arg('--width') ? Number(arg('--width')) : undefined;
  const corpus = arg('--corpus');
  const outDir = 'gallery';
  const suffix = theme === 'dark' ? '' : `-${theme}`;
  await mkdir(outDir, { recursive: true });
  const written: Record<string, string> = {};
  const chosen: { label: string; log: TrainingLog; diagnosis: Diagnosis }[] = [];
  for (const pattern of PATTERNS) {
    let pick: { c: Candidate; log: TrainingLog; d: Diagnosis } | undefined;
    let fallback: typeof pick;
    for (const c of candidates(pattern, corpus)) {
      try {
        const log = c.log();
        const d = diagnose(log);
        if (d.pattern === pattern) {
          pick = { c, log, d };
          break;
        }
        fallback ??= { c, log, d };
      } catch (e) {
        console.warn(`  skip ${c.source}: ${(e as Error).message}`);
      }
    }
    const p = pick ?? fallback;
    if (!p) continue;
    const file = join(outDir, `${pattern}${suffix}.png`);
    const t = performance.now();
    const r = await writeChart(file, p.log, p.d, { theme, width });
    written[pattern] = file;
    if (pattern !== 'not_assessable') chosen.push({ label: pattern.replace('_', ' '), log: p.log, diagnosis: p.d });
    const note = pick ? '' : `  (diagnosed as ${p.d.pattern}: no source matched)`;
    console.log(
      `${file.padEnd(28)} ${String(r.width)}x${r.height} ${(r.bytes / 1024).toFixed(0).padStart(4)} KB ${(performance.now() - t).toFixed(0).padStart(4)} ms  ${p.c.source}${note}`,
    );
  }
  // overlay: several runs on one chart
  const overlay = join(outDir, `compare${suffix}.png`);
  const sweep = [0.3, 1, 3].map((k, i) => {
    const log = sampleLog(i === 2 ? 'overfitting' : 'good_fit', 80, 11 + i);
    const s = log.runs[0].series.find((x) => x.key === 'val_loss')!;
    s.y = s.y.map((v) => v * (0.8 + 0.15 * k));
    return { label: `lr=${k}e-3`, log, diagnosis: diagnose(log) };
  });
  let r = await writeOverlayChart(overlay, sweep, { theme, width, title: 'Learning-rate sweep' });
  console.log(`${overlay.padEnd(28)} ${r.width}x${r.height} ${(r.bytes / 1024).toFixed(0).padStart(4)} KB`);
  written.compare = overlay;
  // a 1M-step log
  const long = longLog();
  const longFile = join(outDir, `long-1M-steps${suffix}.png`);
  let longDiagnosis: Diagnosis;
  try {
    longDiagnosis = diagnose(long);
  } catch (e) {
    // (diagnose on 1M points may hit engine limits; the chart must not depend on it)
    console.warn(`  diagnose failed on the 1M-step log (${(e as Error).message}); using a sketch diagnosis`);
    longDiagnosis = sketchDiagnosis(long, 'good_fit', 0.5);
  }
  const t = performance.now();
  r = await writeChart(longFile, long, longDiagnosis, { theme, width });
  console.log(
    `${longFile.padEnd(28)} ${r.width}x${r.height} ${(r.bytes / 1024).toFixed(0).padStart(4)} KB ${(performance.now() - t).toFixed(0).padStart(4)} ms (render only)`,
  );
  written.long = longFile;

  if (process.argv.includes('--docs')) {
    await mkdir('docs/gallery', { recursive: true });
    const keys =
      theme === 'dark' ? ['overfitting', 'unstable', 'good_fit', 'high_variance', 'compare'] : ['overfitting'];
    for (const k of keys) {
      if (written[k]) await copyFile(written[k], join('docs/gallery', `${k}${suffix}.png`));
    }
    console.log('README images copied to docs/gallery/');
  }
}

if (process.argv[1]?.endsWith('gallery.ts')) await main();
