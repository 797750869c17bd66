/**
 * Printed training logs (fixtures/prints, written by scripts/make-print-fixtures.ts from the styles in
 * helpers/print-styles.ts): every file is read as text with the run count, series keys, epochs and values
 * it printed (all of them, not samples), and the warnings listed; `--format text` reads it the same way;
 * and its last run is diagnosable (not "not assessable").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest, type TrainingLog } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'prints');

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Expected {
  family: number;
  about: string;
  format: string;
  runs: number;
  series: Record<string, { x: number[]; y: Num[] }>[];
  warnings?: string[];
}
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>;
const toNum = (v: Num) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

/** what the reader got, in the shape of EXPECTED */
function reading(log: TrainingLog) {
  return log.runs.map((r) =>
    Object.fromEntries(r.series.filter((s) => !s.derived).map((s) => [s.key, { x: s.x, y: s.y }])),
  );
}
function want(e: Expected) {
  return e.series.map((r) => Object.fromEntries(Object.entries(r).map(([k, s]) => [k, { x: s.x, y: s.y.map(toNum) }])));
}

describe('fixtures/prints', () => {
  it('every printed log has an expectation and vice versa; at least 40, every family', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'EXPECTED.json')
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(40);
    const families = new Set(Object.values(EXPECTED).map((e) => e.family));
    expect([...families].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  for (const [file, e] of Object.entries(EXPECTED)) {
    describe(`${file}: ${e.about}`, () => {
      const bytes = readFileSync(join(DIR, file));
      it(`reads ${e.runs} run(s) with every epoch and value as printed`, () => {
        const log = ingest(bytes, { fileName: file });
        expect(checkLog(log)).toEqual([]);
        expect(log.format).toBe(e.format);
        expect(log.runs.length).toBe(e.runs);
        expect(reading(log)).toEqual(want(e));
        const codes = log.warnings.map((w) => w.code);
        for (const w of e.warnings ?? []) expect(codes).toContain(w);
        if (!e.warnings?.includes('partial_last_epoch')) expect(codes).not.toContain('partial_last_epoch');
      });
      it('--format text reads it the same way', () => {
        const log = ingest(bytes, { fileName: file, format: 'text' });
        expect(log.detectedBy).toBe('override');
        expect(reading(log)).toEqual(want(e));
      });
      it('per-step values spread inside an epoch carry its number; whole epochs do not claim to', () => {
        const log = ingest(bytes, { fileName: file });
        for (const r of log.runs) {
          const spread = r.series.some((s) => s.x.some((x) => Math.abs(x - Math.round(x)) > 1e-9));
          expect(!!r.rowsWithinEpochs, `${file}: rows within epochs`).toBe(spread);
        }
      });
      it('its last run is diagnosable', () => {
        const d = diagnose(ingest(bytes, { fileName: file }));
        expect(d.pattern, d.headline).not.toBe('not_assessable');
      });
    });
  }
});
