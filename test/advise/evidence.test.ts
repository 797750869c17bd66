import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise, adviceJson, DIALECTS } from '../../src/advise/index.js';
import { EvidenceSchema } from '../../src/diagnose/schema.js';
import { fmt } from '../../src/advise/format.js';
import { combos, dx, FINDINGS, log, MINIMAL, PATTERNS, RICH } from './helpers.js';

const EVIDENCE_KEYS = new Set(Object.keys(EvidenceSchema.shape));

/** partial evidence sets: what a train-only log, an accuracy-free log, a loss-only log would give */
const PARTIAL = [
  RICH,
  MINIMAL,
  { points: 40, x_axis: 'epoch' as const, last_x: 40, best_x: 31, best_val: 0.52, train_last: 0.31 },
  { points: 300, x_axis: 'step' as const, last_x: 3000, val_volatility: 0.22, first_non_finite_x: 1200 },
  { points: 8, x_axis: 'epoch' as const, train_last: 0.69, metric_val_last: 0.5, chance_level: 0.5 },
];

describe('every strategy in a reply cites the evidence numbers it derives from', () => {
  it('for every pattern x finding, with rich, minimal and partial evidence', () => {
    let checked = 0;
    for (const [p, f] of combos())
      for (const ev of PARTIAL) {
        const d = dx(p, f, ev);
        const r = advise(d, log('tfkeras'));
        expect(r.strategies.length).toBeGreaterThan(0);
        for (const s of r.strategies) {
          expect(s.cites.length, `${p}+${f} ${s.id}`).toBeGreaterThan(0);
          for (const c of s.cites) {
            // the cite names a real evidence number (or the run count) and carries its value
            if (c.name === 'run.count') expect(c.value).toBe(d.run.count);
            else {
              expect(EVIDENCE_KEYS.has(c.name), c.name).toBe(true);
              expect(c.value).toBe((ev as Record<string, unknown>)[c.name]);
            }
            // and the sentence quotes it
            const text = `${s.title} ${s.why}`;
            const quoted = text.includes(c.shown) || text.includes(fmt(c.value));
            expect(quoted, `${s.id} should quote ${c.name}=${c.shown}: ${text}`).toBe(true);
          }
          checked++;
        }
      }
    console.log(`${checked} strategies checked, each citing >= 1 evidence number quoted in its text`);
  });

  it('property: with any evidence values, every cite is a real, finite evidence number quoted in the text', () => {
    const evArb = fc.record(
      Object.fromEntries(
        Object.keys(RICH)
          .filter((k) => k !== 'x_axis' && k !== 'points')
          .map((k) => [k, fc.oneof(fc.double({ min: -1e6, max: 1e6 }), fc.constantFrom(0, 1e-9, NaN, Infinity))]),
      ),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.subarray([...FINDINGS]),
        evArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('epoch', 'step'),
        (p, f, ev, points, axis) => {
          const evidence = { ...(ev as object), points, x_axis: axis } as typeof RICH;
          const r = advise(dx(p, f, evidence), null);
          expect(r.strategies.length).toBeGreaterThan(0);
          for (const s of r.strategies) {
            expect(s.cites.length).toBeGreaterThan(0);
            for (const c of s.cites) {
              expect(Number.isFinite(c.value)).toBe(true);
              if (c.name !== 'run.count') expect(c.value).toBe((evidence as Record<string, unknown>)[c.name]);
              const text = `${s.title} ${s.why}`;
              expect(text.includes(c.shown) || text.includes(fmt(c.value)), `${s.id} ${c.name}: ${text}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('multi-run logs cite the run count', () => {
    const r = advise(
      dx('good_fit', ['multiple_runs'], RICH, { run: { index: 2, count: 3, label: 'run 3 of 3' } }),
      log('keras3'),
    );
    const s = r.strategies.find((x) => x.id === 'multi_run')!;
    expect(s.cites.map((c) => c.name)).toContain('run.count');
    expect(s.why).toContain('3 runs');
  });

  it('adviceJson keeps the cites and one dialect of code', () => {
    const r = advise(dx('overfitting', []), log('keras2'));
    for (const d of DIALECTS) {
      const j = adviceJson(r, d);
      expect(j.length).toBe(r.strategies.length);
      for (const a of j) {
        expect(a.cites.length).toBeGreaterThan(0);
        expect(typeof a.code).toBe('string');
        expect(a.title && a.why).toBeTruthy();
      }
    }
  });
});

describe('parameters are derived from the run and explained', () => {
  const strat = (r: ReturnType<typeof advise>, id: string) => r.strategies.find((s) => s.id === id)!;

  it('early stopping: best epoch 23 of 100, saved share and patience from the evidence', () => {
    const ev = { points: 100, x_axis: 'epoch' as const, first_x: 1, last_x: 100, best_x: 23, best_val: 0.231 };
    const s = strat(advise(dx('overfitting', [], ev), null), 'early_stopping');
    expect(s.why).toContain('Best val_loss 0.231 at epoch 23 (of 100 epochs)');
    // no suggested patience: max(3, 100/15) = 7, stop at 30, saves 70%
    expect(s.why).toContain('patience=7');
    expect(s.why).toContain('max(3, 100 points / 15)');
    expect(s.why).toMatch(/stopped at epoch 30 and saved 70% of the run/);
    expect(s.code.tfkeras).toContain(
      "EarlyStopping(monitor='val_loss', mode='min', patience=7, restore_best_weights=True)",
    );
    // with diagnose's numbers
    const s2 = strat(
      advise(dx('overfitting', [], { ...ev, suggested_patience: 12, epochs_saved_fraction: 0.77 }), null),
      'early_stopping',
    );
    expect(s2.why).toContain('patience=12');
    expect(s2.why).toContain('saved 77% of the run');
  });

  it('noisy validation gets more patience', () => {
    const s = strat(
      advise(dx('high_variance', [], { points: 60, x_axis: 'epoch', val_volatility: 0.12 }), null),
      'early_stopping',
    );
    expect(s.why).toContain('x1.5 = 6 because validation noise is 12%');
  });

  it('learning-rate cut sized to the instability', () => {
    const nan = strat(
      advise(dx('unstable', ['nan_inf'], { points: 30, x_axis: 'epoch', first_non_finite_x: 14, lr_last: 0.01 }), null),
      'lower_lr',
    );
    expect(nan.why).toContain('NaN/Inf at epoch 14');
    expect(nan.why).toContain('x0.1');
    expect(nan.code.tfkeras).toContain('learning_rate=0.001');
    const noisy = strat(
      advise(
        dx('unstable', ['noisy_validation'], { points: 30, x_axis: 'epoch', val_volatility: 0.3, lr_last: 0.001 }),
        null,
      ),
      'lower_lr',
    );
    expect(noisy.why).toContain('x0.3');
    expect(noisy.code.keras2).toContain('Adam(lr=0.0003)');
    const mild = strat(
      advise(dx('unstable', ['noisy_validation'], { points: 30, x_axis: 'epoch', val_volatility: 0.08 }), null),
      'lower_lr',
    );
    expect(mild.why).toContain('x0.5');
    expect(mild.why).toContain("Adam's default 0.001");
    expect(mild.code.keras3).toContain('learning_rate=0.0005');
  });

  it('still improving: X% over the last quarter -> N more epochs', () => {
    const r = advise(
      dx('good_fit', ['still_improving'], {
        points: 50,
        x_axis: 'epoch',
        last_x: 50,
        val_improvement_last_quarter: 0.042,
      }),
      null,
    );
    const s = strat(r, 'train_longer');
    expect(s.why).toContain('Still improving by 4.2% over the last quarter');
    expect(s.why).toContain('~26 more epochs'); // 2 quarters of 50 (13 each)
    expect(s.code.tfkeras).toContain('epochs=76, batch_size=32, callbacks=[early], initial_epoch=50');
    const s2 = strat(
      advise(
        dx('underfitting', ['still_improving'], {
          points: 50,
          x_axis: 'epoch',
          last_x: 50,
          train_improvement_last_quarter: 0.08,
          remaining_epochs_estimate: 60,
        }),
        null,
      ),
      'train_longer',
    );
    expect(s2.why).toContain('~60 more epochs (the measured estimate)');
  });

  it('drops strategies the evidence rules out', () => {
    const worse = advise(
      dx('good_fit', [], { points: 20, x_axis: 'epoch', val_improvement_last_quarter: -0.04 }),
      null,
    );
    expect(worse.strategies.map((s) => s.id)).not.toContain('train_longer');
    const better = advise(
      dx('good_fit', [], { points: 20, x_axis: 'epoch', val_improvement_last_quarter: 0.04 }),
      null,
    );
    expect(better.strategies.map((s) => s.id)).toContain('train_longer');
  });

  it('leakage wording depends on how suspicious validation is', () => {
    const mild = advise(
      dx('good_fit', ['val_better_than_train'], {
        points: 20,
        x_axis: 'epoch',
        val_below_train_fraction: 0.8,
        metric_val_last: 0.74,
      }),
      null,
    );
    expect(strat(mild, 'leakage_check').why).toContain('probably dropout and averaging');
    const hot = advise(
      dx('good_fit', ['possible_leakage'], { points: 20, x_axis: 'epoch', metric_val_last: 0.99 }),
      null,
    );
    expect(strat(hot, 'leakage_check').why).toContain('validation looks too good');
  });

  it('dropout and L2 sized by the gap', () => {
    const wide = advise(dx('overfitting', [], { points: 50, x_axis: 'epoch', gap_ratio_last: 0.8 }), null);
    expect(strat(wide, 'dropout').code.tfkeras).toContain('dropout=0.5');
    expect(strat(wide, 'l2').code.tfkeras).toContain('l2(0.001)');
    const small = advise(dx('overfitting', [], { points: 50, x_axis: 'epoch', gap_ratio_last: 0.15 }), null);
    expect(strat(small, 'dropout').code.tfkeras).toContain('dropout=0.2');
    expect(strat(small, 'l2').code.tfkeras).toContain('l2(0.0001)');
  });

  it('stuck at chance quotes the constant-guess loss and matches the head to the task', () => {
    const r = advise(
      dx('underfitting', ['stuck_at_chance'], {
        points: 20,
        x_axis: 'epoch',
        metric_val_last: 0.5,
        chance_level: 0.5,
        train_last: 0.693,
      }),
      null,
    );
    const s = strat(r, 'output_loss_check');
    expect(s.rank).toBe(1);
    expect(s.why).toContain('ln(1/0.5) = 0.693; your last loss is 0.693');
    expect(s.why).toContain('predicts a constant');
    expect(s.code.tfkeras).toContain("Dense(1, activation='sigmoid')");
  });

  it('critical findings come first', () => {
    const r = advise(dx('overfitting', ['nan_inf']), null);
    expect(r.strategies[0].id).toBe('check_data');
    expect(r.strategies.map((s) => s.id)).toContain('early_stopping');
  });
});
