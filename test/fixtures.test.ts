/**
 * End to end on curves whose label is not in doubt: fixtures/patterns (synthetic shapes, one or more
 * formats per pattern, labels and required findings in MANIFEST.json) and fixtures/seed (the seed
 * guide's three LSTM examples, trained for real by scripts/train_seed_examples.py) and fixtures/presets
 * (the bot's training presets, the guide's examples sized for it, trained by scripts/make-preset-fixtures.ts).
 * diagnose(ingest(file)).pattern must equal the label, and the listed findings must be present.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/diagnose/index.js';
import { ingest } from '../src/ingest/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');

interface Entry {
  pattern: string;
  findings: string[];
  about: string;
}
const MANIFEST = JSON.parse(readFileSync(join(FIX, 'patterns', 'MANIFEST.json'), 'utf8')) as Record<string, Entry>;

const SEED = JSON.parse(readFileSync(join(FIX, 'seed', 'MANIFEST.json'), 'utf8')) as Record<string, Entry>;

const PRESETS = JSON.parse(readFileSync(join(FIX, 'presets', 'MANIFEST.json'), 'utf8')) as Record<string, Entry>;

function check(path: string, e: Entry): void {
  const log = ingest(readFileSync(path), { fileName: path.split('/').pop() });
  const d = diagnose(log);
  const why = `${d.pattern} (${d.confidence.toFixed(2)}): ${d.headline}\n  ${d.reasons.join('\n  ')}`;
  expect(d.pattern, why).toBe(e.pattern);
  for (const f of e.findings) expect(d.findings, why).toContain(f);
}

describe('fixtures/patterns', () => {
  it('the manifest lists every file, and each pattern has at least two files in different formats', () => {
    const files = readdirSync(join(FIX, 'patterns'))
      .filter((f) => f !== 'MANIFEST.json')
      .sort();
    expect(Object.keys(MANIFEST).sort()).toEqual(files);
    const byPattern = new Map<string, Set<string>>();
    for (const [f, e] of Object.entries(MANIFEST)) {
      const ext = ingest(readFileSync(join(FIX, 'patterns', f))).format;
      byPattern.set(e.pattern, (byPattern.get(e.pattern) ?? new Set()).add(ext));
    }
    for (const p of ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable', 'not_assessable']) {
      expect(byPattern.get(p)?.size ?? 0, p).toBeGreaterThanOrEqual(2);
    }
  });

  for (const [file, e] of Object.entries(MANIFEST)) {
    it(`${file} -> ${e.pattern}${e.findings.length ? ` + ${e.findings.join(', ')}` : ''} (${e.about})`, () => {
      check(join(FIX, 'patterns', file), e);
    });
  }
});

describe('fixtures/seed (trained for real)', () => {
  it('has the three examples', () => {
    expect(
      readdirSync(join(FIX, 'seed'))
        .filter((f) => f !== 'MANIFEST.json')
        .sort(),
    ).toEqual(Object.keys(SEED).sort());
  });
  for (const [file, e] of Object.entries(SEED)) {
    it(`${file} -> ${e.pattern} (${e.about})`, () => {
      check(join(FIX, 'seed', file), e);
    });
  }
});

describe('fixtures/presets (the training presets, trained once by scripts/make-preset-fixtures.ts)', () => {
  it('has one history per preset', () => {
    expect(
      readdirSync(join(FIX, 'presets'))
        .filter((f) => f !== 'MANIFEST.json')
        .sort(),
    ).toEqual(Object.keys(PRESETS).sort());
    expect(Object.keys(PRESETS).length).toBeGreaterThanOrEqual(5);
  });
  for (const [file, e] of Object.entries(PRESETS)) {
    it(`${file} -> ${e.pattern} (${e.about})`, () => {
      check(join(FIX, 'presets', file), e);
    });
  }
});

describe('scripts/make-fixtures.ts', () => {
  // The committed fixtures are what the generator writes: edit the script, not the files.
  it('regenerates formats/, patterns/ and bad/ byte for byte (images excepted)', () => {
    const out = mkdtempSync(join(tmpdir(), 'fixtures-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(FIX, '..', 'scripts', 'make-fixtures.ts')], {
        cwd: join(FIX, '..'),
        env: { ...process.env, FIXTURES_OUT: out },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const drift: string[] = [];
      for (const dir of ['formats', 'patterns', 'bad']) {
        const committed = readdirSync(join(FIX, dir)).sort();
        const fresh = readdirSync(join(out, dir)).sort();
        expect(fresh, dir).toEqual(committed);
        for (const f of fresh) {
          if (/-renamed\./.test(f)) continue; // JPEG/PNG bytes depend on the libvips version
          if (!readFileSync(join(out, dir, f)).equals(readFileSync(join(FIX, dir, f)))) drift.push(`${dir}/${f}`);
        }
      }
      expect(drift, 'fixtures that differ from what scripts/make-fixtures.ts writes').toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);
});
