/**
 * Agreement with the expert labels of ../shared/corpus/real (LABELS.tsv): primary equals the label on
 * >= 95% of clear rows, and is in `acceptable` on >= 95% of all rows. Skipped when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { DiagnosisSchema } from '../../src/diagnose/schema.js';
import { corpusPath } from '../../scripts/diagnoser/data.js';

const ROOT = join(__dirname, '../../../shared/corpus/real');
// the diagnosis issue's bar (strict on clear rows and lenient on all rows)
const BAR = 0.95;

describe.skipIf(!existsSync(join(ROOT, 'LABELS.tsv')))('agreement with LABELS.tsv', () => {
  it('meets the bar on clear rows (strict) and all rows (lenient)', () => {
    const rows = readFileSync(join(ROOT, 'LABELS.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    let clear = 0;
    let clearOk = 0;
    let lenient = 0;
    const misses: string[] = [];
    for (const [file, , primary, acceptable, confidence] of rows) {
      const path = corpusPath(ROOT, file);
      expect(path, file).toBeDefined();
      const d = diagnose(ingest(readFileSync(path!), { fileName: file }));
      expect(DiagnosisSchema.safeParse(d).success).toBe(true);
      const ok = acceptable.split(',').includes(d.pattern);
      if (ok) lenient++;
      if (confidence === 'clear') {
        clear++;
        if (d.pattern === primary) clearOk++;
      }
      if (!ok || (confidence === 'clear' && d.pattern !== primary))
        misses.push(`${file}: label ${primary}, got ${d.pattern}`);
    }
    const strict = clearOk / clear;
    const len = lenient / rows.length;
    console.log(
      `corpus agreement: strict ${clearOk}/${clear} = ${(strict * 100).toFixed(1)}% on clear rows; lenient ${lenient}/${rows.length} = ${(len * 100).toFixed(1)}% on all rows`,
    );
    if (misses.length) console.log('misses:\n  ' + misses.join('\n  '));
    expect(strict).toBeGreaterThanOrEqual(BAR);
    expect(len).toBeGreaterThanOrEqual(BAR);
  });
});

describe('review regressions', () => {
  it('an accuracy pair with train at 1.0 gives a finite gap and is not a confident good fit', () => {
    const rows = ['epoch,accuracy,val_accuracy'];
    for (let i = 0; i < 30; i++)
      rows.push(`${i},${Math.min(1, 0.5 + i * 0.03).toFixed(3)},${(0.8 + 0.002 * Math.sin(i)).toFixed(3)}`);
    const d = diagnose(ingest(rows.join('\n')));
    expect(d.evidence.gap_ratio_last!).toBeLessThan(100);
    expect(d.pattern).not.toBe('good_fit');
    expect(d.headline).not.toMatch(/fell 0\.0 points/);
  });

  it('NaN only in val_loss is a broken validation, not an unstable run', () => {
    const rows = ['epoch,loss,val_loss'];
    for (let i = 0; i < 20; i++) rows.push(`${i},${(1 / (1 + i * 0.3)).toFixed(4)},nan`);
    const d = diagnose(ingest(rows.join('\n')));
    expect(d.pattern).not.toBe('unstable');
    // the training did not blow up: no nan_inf (its remedies are a lower learning rate and clipping), the validation
    // is named as broken
    expect(d.findings).not.toContain('nan_inf');
    expect(
      d.reasons.some((r) => r.startsWith('val_loss is never a number (NaN/inf at all 20 points): what measures')),
    ).toBe(true);
  });

  it('a percent F1 focused with --metric is not read as an exploding loss', () => {
    const rows = ['epoch,loss,val_loss,val_f1'];
    for (let i = 0; i < 20; i++)
      rows.push(
        `${i},${(1 / (1 + i * 0.3)).toFixed(4)},${(1.1 / (1 + i * 0.25)).toFixed(4)},${(5 + i * 4).toFixed(1)}`,
      );
    const d = diagnose(ingest(rows.join('\n')), { metric: 'val_f1' });
    expect(d.pattern).not.toBe('unstable');
    expect(d.findings).not.toContain('diverging');
  });

  it('a negative loss that falls and flattens (NLL of a density, negative ELBO) is learning, not diverging', () => {
    const rows = ['epoch,loss,val_loss'];
    for (let i = 0; i < 40; i++) {
      const l = -100 - 1100 * (1 - Math.exp(-i / 10)) + 5 * Math.sin(i * 1.7);
      rows.push(`${i},${l.toFixed(2)},${(l + 30 + 8 * Math.cos(i * 1.3)).toFixed(2)}`);
    }
    const d = diagnose(ingest(rows.join('\n')));
    expect(d.pattern).not.toBe('unstable');
    expect(d.findings).not.toContain('diverging');
    expect(d.evidence.growth_factor!).toBeLessThan(1);
  });

  it('a negative loss running away faster and faster, or rising through zero, is diverging', () => {
    const runaway = ['epoch,loss,val_loss'];
    for (let i = 0; i < 30; i++)
      runaway.push(`${i},${(-(10 ** (i / 10))).toFixed(3)},${(-0.9 * 10 ** (i / 10)).toFixed(3)}`);
    const a = diagnose(ingest(runaway.join('\n')));
    expect(a.pattern).toBe('unstable');
    expect(a.findings).toContain('diverging');
    const rising = ['epoch,loss'];
    for (let i = 0; i < 30; i++) rising.push(`${i},${(-1000 + i * 80).toFixed(1)}`);
    const b = diagnose(ingest(rising.join('\n')));
    expect(b.findings).toContain('diverging');
  });
});

describe('loss spikes', () => {
  const xs = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  it('a blip over a calm stretch, one or two points wide, that comes back', async () => {
    const { spikes } = await import('../../src/diagnose/features.js');
    const base = Array.from({ length: 30 }, (_, i) => 1 / (1 + i * 0.1));
    const one = [...base];
    one[15] = 3;
    expect(spikes(xs(30), one)).toEqual([16]);
    const two = [...base];
    two[15] = 3;
    two[16] = 2.8;
    expect(spikes(xs(30), two)).toEqual([16]);
  });
  it('not the steep first epochs, not a jump in an already jumpy curve, not a step to a new level', async () => {
    const { spikes } = await import('../../src/diagnose/features.js');
    expect(spikes(xs(8), [17, 3.6, 0.79, 0.28, 0.19, 0.19, 0.18, 0.25])).toEqual([]);
    expect(spikes(xs(8), [0.4, 0.97, 0.4, 0.38, 1.26, 0.38, 0.5, 0.4])).toEqual([]);
    expect(spikes(xs(8), [0.5, 0.5, 0.5, 2, 2, 2, 2, 2])).toEqual([]);
  });
});
