/**
 * bench/wild and wild2-wild78 (real logs from public repositories, labelled by two independent passes; their README.md):
 * the manifest and the labels list exactly the files there, and every file is read into a valid TrainingLog
 * (whose every run diagnose() answers) or refused with an IngestError, in a worker with a wall-clock bound.
 * How well they are diagnosed is the benchmark's business (npm run bench), not a test's.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsolatedIngest, expectReadOrRefused } from './helpers/isolated.js';
import { sentName } from '../../scripts/diagnoser/data.js';

const BENCH = join(import.meta.dirname, '..', '..', 'bench');
const PER_FILE_MS = 5000;

/** one labelled set: its files (in format folders), its manifest and labels */
function describeSet(name: string, minFiles: number): void {
  const root = join(BENCH, name);
  const files: { rel: string; path: string }[] = [];
  for (const dir of readdirSync(root).sort()) {
    const d = join(root, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d).sort()) files.push({ rel: `${dir}/${f}`, path: join(root, dir, f) });
  }
  const column = (tsv: string) =>
    readFileSync(join(root, tsv), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t')[0])
      .sort();

  describe(`bench/${name}`, () => {
    const iso = new IsolatedIngest();
    beforeAll(() => iso.ready(), 60_000);
    afterAll(() => iso.close());

    it('MANIFEST.tsv and LABELS.tsv list exactly the files in its format folders', () => {
      const names = files.map((f) => f.rel.split('/')[1]).sort();
      expect(names.length).toBeGreaterThanOrEqual(minFiles);
      expect(column('MANIFEST.tsv')).toEqual(names);
      expect(column('LABELS.tsv')).toEqual(names);
    });

    for (const { rel, path } of files) {
      it(
        `${rel} parses or is refused with an IngestError`,
        async () => {
          const r = await iso.run(
            readFileSync(path),
            { fileName: sentName(root, rel.split('/')[1]) },
            PER_FILE_MS,
            true,
          );
          expectReadOrRefused(r, PER_FILE_MS);
        },
        PER_FILE_MS + 5000,
      );
    }
  });
}

describeSet('wild', 90);
describeSet('wild2', 60);
describeSet('wild3', 60);
describeSet('wild4', 60);
describeSet('wild5', 55);
describeSet('wild6', 49);
describeSet('wild7', 58);
describeSet('wild8', 53);
describeSet('wild9', 60);
describeSet('wild10', 52);
describeSet('wild11', 43);
describeSet('wild12', 52);
describeSet('wild13', 47);
describeSet('wild14', 42);
describeSet('wild15', 40);
describeSet('wild16', 42);
describeSet('wild17', 49);
describeSet('wild18', 47);
describeSet('wild19', 32);
describeSet('wild20', 37);
describeSet('wild21', 41);
describeSet('wild22', 40);
describeSet('wild23', 40);
describeSet('wild24', 42);
describeSet('wild25', 39);
describeSet('wild26', 43);
describeSet('wild27', 41);
describeSet('wild28', 40);
describeSet('wild29', 34);
describeSet('wild30', 42);
describeSet('wild31', 40);
describeSet('wild32', 40);
describeSet('wild33', 34);
describeSet('wild34', 38);
describeSet('wild35', 40);
describeSet('wild36', 40);
describeSet('wild37', 40);
describeSet('wild38', 40);
describeSet('wild39', 34);
describeSet('wild40', 40);
describeSet('wild41', 40);
describeSet('wild42', 37);
describeSet('wild43', 37);
describeSet('wild44', 28);
describeSet('wild45', 28);
describeSet('wild46', 32);
describeSet('wild47', 28);
describeSet('wild48', 30);
describeSet('wild49', 25);
describeSet('wild50', 29);
describeSet('wild51', 13);
describeSet('wild52', 30);
describeSet('wild53', 31);
describeSet('wild54', 28);
describeSet('wild55', 31);
describeSet('wild56', 37);
describeSet('wild57', 33);
describeSet('wild58', 32);
describeSet('wild59', 29);
describeSet('wild60', 29);
describeSet('wild61', 31);
describeSet('wild62', 32);
describeSet('wild63', 36);
describeSet('wild64', 39);
describeSet('wild65', 30);
describeSet('wild66', 38);
describeSet('wild67', 29);
describeSet('wild68', 32);
describeSet('wild69', 31);
describeSet('wild70', 37);
describeSet('wild71', 28);
describeSet('wild72', 30);
describeSet('wild73', 28);
describeSet('wild74', 28);
describeSet('wild75', 17);
describeSet('wild76', 27);
describeSet('wild77', 15);
describeSet('wild78', 15);
