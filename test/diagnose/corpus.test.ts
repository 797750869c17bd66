/**
 * Agreement with the expert labels of ../shared/corpus/real (LABELS.tsv): primary equals the label on
 * >= 90% of clear rows, and is in `acceptable` on >= 90% of all rows. Skipped when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { DiagnosisSchema } from '../../src/diagnose/schema.js';

const ROOT = join(__dirname, '../../../shared/corpus/real');
const DIRS = ['keras-csv', 'keras-history-json', 'keras-stdout', 'lightning-csv', 'hf-trainer-state', 'fastai-csv', 'other'];
const BAR = 0.9;

describe.skipIf(!existsSync(join(ROOT, 'LABELS.tsv')))('agreement with LABELS.tsv', () => {
  it('meets the bar on clear rows (strict) and all rows (lenient)', () => {
    const rows = readFileSync(join(ROOT, 'LABELS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    let clear = 0;
    let clearOk = 0;
    let lenient = 0;
    const misses: string[] = [];
    for (const [file, , primary, acceptable, confidence] of rows) {
      const path = DIRS.map((d) => join(ROOT, d, file)).find(existsSync);
      expect(path, file).toBeDefined();
      const d = diagnose(ingest(readFileSync(path!), { fileName: file }));
      expect(DiagnosisSchema.safeParse(d).success).toBe(true);
      const ok = acceptable.split(',').includes(d.pattern);
      if (ok) lenient++;
      if (confidence === 'clear') {
        clear++;
        if (d.pattern === primary) clearOk++;
      }
      if (!ok || (confidence === 'clear' && d.pattern !== primary)) misses.push(`${file}: label ${primary}, got ${d.pattern}`);
    }
    const strict = clearOk / clear;
    const len = lenient / rows.length;
    console.log(`corpus agreement: strict ${clearOk}/${clear} = ${(strict * 100).toFixed(1)}% on clear rows; lenient ${lenient}/${rows.length} = ${(len * 100).toFixed(1)}% on all rows`);
    if (misses.length) console.log('misses:\n  ' + misses.join('\n  '));
    expect(strict).toBeGreaterThanOrEqual(BAR);
    expect(len).toBeGreaterThanOrEqual(BAR);
  });
});
