/**
 * Every real log in ../shared/corpus/real (outside the repo, read-only) is either read into a valid
 * TrainingLog or refused with an IngestError; nothing else escapes, and no file hangs the parser.
 * Every run of every log that parses also goes through diagnose(), which must not throw.
 * Each file runs in a worker thread with a wall-clock bound, so a hang fails that file by name.
 * Skipped when the corpus is not there (e.g. a fresh clone without shared/).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { IsolatedIngest, expectReadOrRefused } from './helpers/isolated.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const PER_FILE_MS = 5000;

function corpusFiles(): { rel: string; path: string }[] {
  if (!existsSync(CORPUS)) return [];
  const out: { rel: string; path: string }[] = [];
  for (const dir of readdirSync(CORPUS).sort()) {
    const d = join(CORPUS, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).sort()) out.push({ rel: `${dir}/${f}`, path: join(d, f) });
  }
  return out;
}

const files = corpusFiles();

describe.skipIf(files.length === 0)('real corpus (../shared/corpus/real)', () => {
  const iso = new IsolatedIngest();
  beforeAll(() => iso.ready(), 60_000);
  afterAll(() => iso.close());

  it('has the 88 files the MANIFEST lists', () => {
    const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '');
    expect(files.length).toBe(88);
    expect(manifest.length).toBe(88);
  });

  for (const { rel, path } of files) {
    it(
      `${rel} parses or is refused with an IngestError`,
      async () => {
        const bytes = readFileSync(path);
        const r = await iso.run(bytes, { fileName: rel.split('/').pop() }, PER_FILE_MS, true);
        expectReadOrRefused(r, PER_FILE_MS);
      },
      PER_FILE_MS + 5000,
    );
  }

  // Run counts stated in MANIFEST.tsv / LABELS.tsv (several fit() calls or appended CSVLogger runs in one
  // file), and the length of the last run where stated.
  const RUNS: [string, number, number | undefined][] = [
    ['keras-csv/AhmedImtiazPrio__irfanet-10__training_logs191017(5).log', 2, 200],
    ['keras-csv/AhmedImtiazPrio__irfanet-10__training_logs211017.log', 2, 96],
    ['keras-csv/BrandtKaufmann__CatClassifier__training.log', 2, 48],
    ['keras-csv/Mehdi1704__airbus-ship-detection__training_history.csv', 3, 16],
    ['fastai-csv/robeson1010__SSLRS__SegSSLoldweight.csv', 2, 186],
    ['keras-stdout/derekchen14__snippet_rnn__results_0508_results.rb', 22, undefined],
    ['keras-stdout/KyotoSunshine__CNN-for-handwritten-kanji__logs_model_training_log.txt', 4, undefined],
    ['keras-stdout/ttukei__Twitter-language-models-about-Ukraine__TCSS456_NLP_FinalProject_ReadMe.txt', 5, 100],
    ['keras-stdout/2bniera2__snimageclassification__training.txt', 11, 10],
    // 24 one-line runs joined with '>' (one of them, line 20, has a single epoch) + 9 normal runs
    ['other/derekchen14__snippet_rnn__results_0507_results.rb', 33, 10],
  ];
  for (const [rel, runs, lastLen] of RUNS) {
    it(`${rel} holds ${runs} runs${lastLen ? `, the last of ${lastLen} epochs` : ''}`, () => {
      const log = ingest(readFileSync(join(CORPUS, rel)));
      expect(log.runs.length).toBe(runs);
      if (lastLen) expect(log.runs[log.runs.length - 1].series.find((x) => x.key === 'loss')?.x.length).toBe(lastLen);
      expect(log.warnings.map((w) => w.code)).toContain('multiple_runs');
    });
  }

  it('the per-format directories are read as their format (sanity: the detector is not guessing)', async () => {
    const byDir: Record<string, string[]> = {
      'keras-csv': ['keras-csv'],
      'keras-history-json': ['keras-history-json'],
      'keras-stdout': ['keras-stdout'],
      'lightning-csv': ['lightning-csv'],
      'hf-trainer-state': ['hf-trainer-state'],
      'fastai-csv': ['fastai-csv'],
    };
    const wrong: string[] = [];
    for (const { rel, path } of files) {
      const dir = rel.split('/')[0];
      const allowed = byDir[dir];
      if (!allowed) continue;
      const r = await iso.run(readFileSync(path), { fileName: rel.split('/').pop() }, PER_FILE_MS);
      if (r.kind === 'ok' && !allowed.includes(r.format)) wrong.push(`${rel} -> ${r.format}`);
    }
    // keras-csv/Charlie839242__Unet-CityScapes__training_log.csv has no epoch column (header
    // loss,acc,...,val_loss,...; one row), i.e. what pandas to_csv(index=False) of history.history gives.
    expect(wrong.filter((w) => !w.includes('Charlie839242'))).toEqual([]);
  }, 120_000);
});
