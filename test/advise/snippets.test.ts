import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINDINGS, PATTERNS } from './helpers.js';
import { advise, DIALECTS, ENTRIES, explain, STRATEGIES, why } from '../../src/advise/index.js';
import { Py } from '../../src/advise/python.js';
import { codeFor } from '../../src/advise/strategy.js';
import { checkPython, combos, dx, log, MINIMAL, RICH } from './helpers.js';

describe('every emitted snippet is valid, complete Python', () => {
  it('parses for every pattern x finding x dialect (rich and minimal evidence), explain() and why()', () => {
    const snippets = new Map<string, string>(); // code -> where
    let emitted = 0;
    for (const [p, f] of combos())
      for (const d of DIALECTS)
        for (const [evName, ev] of [
          ['rich', RICH],
          ['minimal', MINIMAL],
        ] as const) {
          const r = advise(dx(p, f, ev), log(d));
          expect(r.dialect).toBe(d);
          for (const s of r.strategies)
            for (const dd of DIALECTS) {
              emitted++;
              snippets.set(s.code[dd], `${p} + [${f.join(',')}] ${evName} ${dd} ${s.id}`);
            }
          for (const b of r.codeBlocks) snippets.set(b.code, `${p} ${b.id} block`);
        }
    for (const e of ENTRIES)
      for (const d of DIALECTS) {
        const r = explain(e.id, d);
        for (const s of r.strategies) snippets.set(s.code[d], `explain ${e.id} ${d} ${s.id}`);
      }
    for (const s of STRATEGIES)
      for (const [d, code] of Object.entries(codeFor(s, s.defaults))) snippets.set(code, `defaults ${s.id} ${d}`);
    for (const d of DIALECTS) for (const s of why('loss is nan', d).strategies) snippets.set(s.code[d], `why ${d}`);

    const list = [...snippets.keys()];
    const res = checkPython(list);
    const bad = res
      .map((r, i) => ({ r, where: snippets.get(list[i])!, code: list[i] }))
      .filter((x) => !x.r.ok || x.r.undefined.length);
    const rate = (res.length - bad.length) / res.length;
    console.log(
      `python3 ast.parse: ${res.length - bad.length}/${res.length} distinct snippets OK (${(rate * 100).toFixed(1)}%), from ${emitted} emitted`,
    );
    for (const b of bad.slice(0, 5)) console.log(b.where, b.r, '\n' + b.code);
    expect(bad).toEqual([]);
  });

  it('property: random evidence values (negative, huge, tiny, NaN) still give valid Python', () => {
    const evArb = fc.record(
      Object.fromEntries(
        Object.keys(RICH)
          .filter((k) => k !== 'x_axis' && k !== 'points')
          .map((k) => [k, fc.oneof(fc.double({ min: -1e9, max: 1e9 }), fc.constantFrom(0, -1, 1e-12, 1e300, NaN))]),
      ),
      { requiredKeys: [] },
    );
    const codes = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.subarray([...FINDINGS]),
        evArb,
        fc.integer({ min: 0, max: 1e5 }),
        fc.constantFrom(...DIALECTS),
        (p, f, ev, points, d) => {
          const r = advise(dx(p, f, { ...(ev as object), points, x_axis: 'epoch' } as typeof RICH), log(d));
          for (const s of r.strategies) codes.add(s.code[d]);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    const res = checkPython([...codes]);
    const bad = res.filter((r) => !r.ok || r.undefined.length);
    console.log(`random evidence: ${codes.size} distinct snippets, ${bad.length} bad`);

    expect(bad).toEqual([]);
    for (const c of codes) expect(c).not.toMatch(/\bNaN\b|Infinity|undefined/);
  });

  it('uses user-controlled metric names safely', () => {
    const weird = [
      "val_loss'); import os; os.system('x') #",
      'val loss\nx',
      'val_précision',
      '',
      'val_mean_absolute_error',
    ];
    const codes: string[] = [];
    for (const v of weird)
      for (const d of DIALECTS) {
        const r = advise(dx('overfitting', ['still_improving'], RICH, { series: { train: 'loss', val: v } }), log(d));
        for (const s of r.strategies) codes.push(s.code[d]);
      }
    const res = checkPython(codes);
    expect(res.filter((r) => !r.ok || r.undefined.length)).toEqual([]);
    expect(codes.join('\n')).not.toContain('os.system');
  });

  it('writes each dialect idiomatically', () => {
    for (const s of STRATEGIES) {
      const c = codeFor(s, s.defaults);
      expect(c.keras3).not.toMatch(/from (tensorflow\.)?keras[.\w]* import/);
      expect(c.keras3).not.toMatch(/\blr=/);
      expect(c.tfkeras).not.toMatch(/^from keras\./m);
      expect(c.tfkeras).not.toMatch(/\blr=/);
      expect(c.keras2).not.toMatch(/tensorflow\.keras/);
      expect(c.keras2).not.toMatch(/learning_rate=/);
      if (/Adam\(/.test(c.keras2)) expect(c.keras2).toMatch(/Adam\(lr=/);
      if (/LSTM\(/.test(c.tfkeras)) expect(c.tfkeras).toMatch(/from tensorflow\.keras\.layers import .*LSTM/);
      if (/LSTM\(/.test(c.keras3)) expect(c.keras3).toMatch(/^import keras$/m);
    }
    const py = new Py('keras3');
    expect(py.k('LSTM')).toBe('keras.layers.LSTM');
  });

  it('corrects the guide: return_sequences in stacks, hyperopt objective, restore_best_weights', () => {
    const a = codeFor(
      STRATEGIES.find((s) => s.id === 'arch_search')!,
      {},
    );
    expect(a.tfkeras).toMatch(/return_sequences=i < len\(stack\) - 1/);
    const h = codeFor(
      STRATEGIES.find((s) => s.id === 'hyperopt')!,
      { evals: 30, task: 'regression', epochs: 10 },
    );
    expect(h.tfkeras).toMatch(/'status': STATUS_OK/);
    expect(h.tfkeras).toMatch(/hp\.loguniform\('lr', np\.log\(1e-4\), np\.log\(1e-2\)\)/);
    expect(h.tfkeras).toMatch(/space_eval/);
    for (const d of DIALECTS) {
      expect(h[d]).toContain("LSTM(params['units'])");
      expect(h[d]).toContain("Dropout(params['dropout'])");
      expect(h[d]).toMatch(/Adam\((lr|learning_rate)=params\['lr'\]\)/);
      expect(
        codeFor(
          STRATEGIES.find((x) => x.id === 'units_compare')!,
          { task: 'regression', epochs: 5 },
        )[d],
      ).toContain('LSTM(units)');
    }
    const c = codeFor(
      STRATEGIES.find((s) => s.id === 'case_study')!,
      { nSteps: 30 },
    );
    expect(c.keras2).toMatch(/Adam\(lr=0\.0005\)/);
    expect(c.keras3).toMatch(/keras\.optimizers\.Adam\(learning_rate=0\.0005\)/);
    expect(c.keras3).toMatch(/best_model\.keras/);
    expect(c.tfkeras).toMatch(/patience=20, restore_best_weights=True/);
  });
});

describe('the Python checker itself', () => {
  it('catches syntax errors and undefined names', () => {
    const [a, b, c] = checkPython([
      'x = (',
      'from keras.layers import LSTM\nmodel = Sequential([LSTM(3)])',
      'import numpy as np\nprint(np.mean(X_train))',
    ]);
    expect(a.ok).toBe(false);
    expect(b.undefined).toEqual(['Sequential']);
    expect(c).toEqual({ ok: true, error: null, undefined: [] });
  });
});
