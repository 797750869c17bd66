import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  advise,
  adviceJson,
  DIALECTS,
  dialectFromLog,
  ENTRIES,
  explain,
  parseDialect,
  inert,
  renderMarkdown,
  resolveDialect,
  STRATEGIES,
  STRATEGY_BY_ID,
  why,
} from '../../src/advise/index.js';
import { PATTERN_ENTRIES, FINDING_ENTRIES } from '../../src/advise/knowledge/index.js';
import { checkPython, dx, FINDINGS, log, MINIMAL, PATTERNS, RICH } from './helpers.js';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('dialect', () => {
  it('comes from the log, can be overridden, defaults to tf.keras', () => {
    expect(DIALECTS).toEqual(['keras2', 'tfkeras', 'keras3']);
    expect(dialectFromLog(log('keras2'))).toBe('keras2');
    expect(dialectFromLog(log('keras3'))).toBe('keras3');
    expect(dialectFromLog(log('unknown'))).toBe('tfkeras');
    expect(dialectFromLog(undefined)).toBe('tfkeras');
    expect(resolveDialect(log('keras2'), 'keras3')).toMatchObject({ dialect: 'keras3', source: 'override' });
    expect(resolveDialect(log('keras2'))).toMatchObject({
      dialect: 'keras2',
      source: 'log',
      clues: ['clue for keras2'],
    });
    expect(resolveDialect(log('unknown'), 'nonsense')).toMatchObject({ dialect: 'tfkeras', source: 'default' });
    expect(parseDialect('tf.keras')).toBe('tfkeras');
    expect(parseDialect('Keras 2.3.1')).toBe('keras2');
    expect(parseDialect('k3')).toBe('keras3');
  });

  it('advise() follows the log and the override', () => {
    const a = advise(dx('overfitting', []), log('keras2'));
    expect(a.dialect).toBe('keras2');
    expect(a.codeBlocks[0].code).toMatch(/from keras\.callbacks import/);
    const b = advise(dx('overfitting', []), log('keras2'), { dialect: 'keras3' });
    expect(b.dialect).toBe('keras3');
    expect(b.dialectSource).toBe('override');
    expect(b.codeBlocks[0].code).toMatch(/keras\.callbacks\.EarlyStopping/);
  });
});

describe('knowledge base', () => {
  it('has why, causes and ranked strategies for every pattern and finding; every strategy id exists', () => {
    for (const p of PATTERNS) {
      const e = PATTERN_ENTRIES[p];
      expect(e.why.length).toBeGreaterThan(40);
      expect(e.causes?.length).toBeGreaterThan(0);
      expect(e.signs?.length).toBeGreaterThan(0);
      expect(e.strategies.length).toBeGreaterThan(1);
    }
    for (const f of FINDINGS) {
      const e = FINDING_ENTRIES[f];
      expect(e.why.length).toBeGreaterThan(40);
      expect(e.strategies.length).toBeGreaterThan(0);
    }
    for (const e of ENTRIES) for (const s of e.strategies) expect(STRATEGY_BY_ID[s], `${e.id} -> ${s}`).toBeDefined();
    // every strategy is reachable from some entry
    const used = new Set(ENTRIES.flatMap((e) => e.strategies));
    for (const s of STRATEGIES) expect(used.has(s.id), s.id).toBe(true);
  });

  it("covers the guide's remedies per pattern", () => {
    const has = (p: (typeof PATTERNS)[number], ids: string[]) =>
      expect(PATTERN_ENTRIES[p].strategies).toEqual(expect.arrayContaining(ids));
    has('good_fit', ['baseline', 'train_longer']);
    has('overfitting', ['early_stopping', 'dropout', 'l2', 'smaller_model', 'noise_augmentation']);
    has('underfitting', ['more_capacity', 'raise_lr', 'train_longer']);
    has('high_variance', ['kfold', 'early_stopping', 'ensemble']);
    has('unstable', ['clip_gradients', 'scale_inputs', 'batch_size']);
  });
});

describe('advise()', () => {
  it("raise_lr says how many points the loss barely moved over, not the learning rate, when the last quarter's change is missing", () => {
    const ev = { points: 40, first_x: 1, last_x: 40, x_axis: 'epoch' as const, lr_first: 0.0008 };
    const r = advise(dx('underfitting', [], ev), log('tfkeras'));
    const why = r.strategies.find((x) => x.id === 'raise_lr')?.why ?? '';
    expect(why).toMatch(
      /^Over 40 points the loss barely moved; from your starting learning rate 8e-4, try learning_rate=/,
    );
  });

  it('a held-out score that never left no skill beside a falling loss: check the data and the score, not the capacity', () => {
    const n = 20;
    const rows = Array.from(
      { length: n },
      (_, i) => `${i + 1},${(0.05 + 0.9 / (i + 1)).toFixed(4)},${(0.01 + 0.005 * (i % 3)).toFixed(3)}`,
    );
    const d = diagnose(ingest(['epoch,loss,val_dice', ...rows].join('\n')));
    expect([d.pattern, d.series.beside]).toEqual(['underfitting', 'loss']);
    const ids = advise(d, log('tfkeras')).strategies.map((x) => x.id);
    expect(ids[0]).toBe('held_out_check');
    for (const id of ['more_capacity', 'raise_lr', 'optimizer_compare']) expect(ids).not.toContain(id);
    // an underfitting training loss keeps the guide's remedies, and no held-out check
    const slow = Array.from(
      { length: n },
      (_, i) => `${i + 1},${(1 - 0.004 * i).toFixed(4)},${(1.02 - 0.004 * i).toFixed(4)}`,
    );
    const u = diagnose(ingest(['epoch,loss,val_loss', ...slow].join('\n')));
    const uids = advise(u, log('tfkeras')).strategies.map((x) => x.id);
    expect(u.pattern).toBe('underfitting');
    expect(uids).toContain('more_capacity');
    expect(uids).not.toContain('held_out_check');
  });

  it('builds a complete reply', () => {
    const r = advise(dx('overfitting', ['noisy_validation']), log('tfkeras'));
    expect(r.kind).toBe('advice');
    expect(r.title).toContain('Overfitting');
    expect(r.evidence.find((e) => e.name === 'best_val')?.text).toBe('best val_loss: 0.231');
    expect(r.evidence.find((e) => e.name === 'best_x')?.text).toBe('best val at: epoch 23');
    expect(r.strategies.map((s) => s.rank)).toEqual(r.strategies.map((_, i) => i + 1));
    expect(r.actions.some((a) => a.kind === 'show_code' && a.arg === 'early_stopping')).toBe(true);
    expect(r.actions.some((a) => a.kind === 'explain_pattern' && a.arg === 'overfitting')).toBe(true);
    expect(r.actions.filter((a) => a.kind === 'switch_dialect').map((a) => a.arg)).toEqual(['keras2', 'keras3']);
    expect(r.image?.attachment).toBe('curve.png');
    expect(r.notes.some((n) => /restore_best_weights/.test(n))).toBe(true);
  });

  it('a validation metric logged without its loss: no "no validation series", but "log the validation loss"', () => {
    const rows = (val: boolean) => [
      `epoch,loss${val ? ',val_accuracy' : ''}`,
      ...Array.from(
        { length: 20 },
        (_, i) => `${i + 1},${(1 / (1 + i * 0.3)).toFixed(4)}${val ? `,${(0.6 + i * 0.01).toFixed(3)}` : ''}`,
      ),
    ];
    const withMetric = ingest(rows(true).join('\n'), { fileName: 'log.csv' });
    const d = diagnose(withMetric);
    const r = advise(d, withMetric);
    expect(r.summary).toMatch(/no validation loss beside val_accuracy/);
    expect(r.summary).not.toMatch(/no validation series/i);
    // a validation curve is there (the score): not "training curve only", and the why points to what the score shows
    expect(r.title).toMatch(/^Good fit \(no validation loss\) · confidence/);
    expect(r.summary).toMatch(/\(the reasons below say what val_accuracy itself shows\)/);
    // ... which holds where the score was not read alone too (a bare `val_score`: which way is better?)
    const bareScore = ingest(rows(true).join('\n').replace('val_accuracy', 'val_score'), { fileName: 'log.csv' });
    const ds = diagnose(bareScore);
    expect(advise(ds, bareScore).summary).toMatch(/\(the reasons below say what val_score itself shows\)/);
    expect(ds.reasons[0]).toMatch(
      /val_score is logged: best [\d.]+, typical end level [\d.]+; a metric alone does not show the gap\), so generalisation cannot be judged\.$/,
    );
    // the reason quotes what the metric did
    expect(d.reasons.join(' ')).toMatch(
      /val_accuracy, judged alone, ends near its best \(best 0\.79, typical end level/,
    );
    const first = r.strategies.find((s) => s.id === 'add_validation')!;
    expect(first.title).toBe('Log the validation loss');
    expect(first.why).toMatch(/val_accuracy but no validation loss/);
    for (const c of checkPython(DIALECTS.map((dl) => first.code[dl])))
      expect(c).toMatchObject({ ok: true, undefined: [] });
    // the finding's lesson (validation_split) is not this run's: no button for it
    expect(r.actions.some((a) => a.kind === 'explain_finding' && a.arg === 'no_validation')).toBe(false);
    // without the metric, the log has no validation at all
    const bare = ingest(rows(false).join('\n'), { fileName: 'log.csv' });
    const rb = advise(diagnose(bare), bare);
    expect(rb.summary).toMatch(/no validation series/);
    expect(rb.strategies.find((s) => s.id === 'add_validation')!.title).toBe('Add a validation set');
    // a validation loss with too few points to read (every 5th epoch of 20) is set aside: the reply speaks of the
    // training curve only, not of "train and validation losses fall together"
    const sparse = ingest(
      [
        'epoch,loss,val_loss',
        ...Array.from(
          { length: 20 },
          (_, i) => `${i + 1},${(1 / (1 + i * 0.3)).toFixed(4)},${i % 5 === 4 ? (1.1 / (1 + i * 0.3)).toFixed(4) : ''}`,
        ),
      ].join('\n'),
      { fileName: 'log.csv' },
    );
    const dsparse = diagnose(sparse);
    expect(dsparse.findings).toContain('no_validation');
    const rs = advise(dsparse, sparse);
    expect(rs.title).toMatch(/^Good fit \(training curve only\)/);
    expect(rs.summary).not.toMatch(/Train and validation losses fall together/);
    expect(rb.actions.some((a) => a.kind === 'explain_finding' && a.arg === 'no_validation')).toBe(true);
  });

  it('notes the framework of non-Keras logs', () => {
    const hf = { ...log('unknown'), format: 'hf-trainer-state' as const };
    expect(advise(dx('overfitting', []), hf).notes[0]).toMatch(/Hugging Face Trainer.*EarlyStoppingCallback/);
    expect(advise(dx('overfitting', []), log('keras2')).notes.join(' ')).not.toMatch(/Hugging Face/);
  });

  it('high variance: says how the patience differs from the guide', () => {
    const r = advise(
      dx('high_variance', [], { points: 30, x_axis: 'epoch', best_x: 20, last_x: 30, best_val: 0.4 }),
      null,
    );
    expect(r.strategies[0].why).toContain('The guide uses a fixed patience=10; this one is sized to your run.');
  });

  it('lists the telling evidence first', () => {
    const o = advise(dx('overfitting', []), null).evidence;
    expect(o.slice(0, 3).map((e) => e.name)).toEqual(['best_val', 'best_x', 'last_x']);
    expect(o.every((e, i) => i === 0 || !e.key || o[i - 1].key)).toBe(true); // key lines form a prefix
    const u = advise(dx('unstable', ['nan_inf']), null).evidence;
    expect(u[0].name).toBe('first_non_finite_x');
    const md = renderMarkdown(advise(dx('overfitting', []), null));
    expect(md).toContain('Other measurements: ');
  });

  it('a schedule that ends at lr 0 still gets a sensible learning rate', () => {
    const r = advise(
      dx('unstable', ['noisy_validation'], {
        points: 20,
        x_axis: 'step',
        lr_first: 2e-5,
        lr_last: 0,
        val_volatility: 0.3,
      }),
      null,
    );
    const s = r.strategies.find((x) => x.id === 'lower_lr')!;
    expect(s.why).toContain('your starting learning rate 2e-5');
    expect(s.code.tfkeras).toContain('learning_rate=6e-6');
  });

  it('check_data claims a NaN only where the log has one', () => {
    const why = (ev: typeof MINIMAL) =>
      advise(dx('unstable', [], ev), log('tfkeras')).strategies.find((x) => x.id === 'check_data')!.why;
    expect(why({ ...MINIMAL, first_non_finite_x: 7, non_finite_count: 3 })).toMatch(
      /^First NaN\/Inf at epoch 7 \(3 non-finite values\)/,
    );
    const clean = why(MINIMAL);
    expect(clean).toMatch(/^The 12 points read are all numbers, but a few extreme or corrupt values in X or y/);
    expect(clean).not.toMatch(/not finite|NaN at|First NaN/);
  });

  it('adviceJson gives { title, why, code } per strategy', () => {
    const r = advise(dx('unstable', ['nan_inf']), log('keras3'));
    const j = adviceJson(r, 'keras2');
    expect(j[0]).toMatchObject({
      id: 'check_data',
      title: expect.any(String),
      why: expect.any(String),
      code: expect.any(String),
    });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it('makes text quoted from a log inert in Markdown, leaving our own val_loss, -> and ~2x as written', () => {
    expect(inert('>loss fell')).toBe('\\>loss fell'); // no quote
    expect(inert('# loss')).toBe('\\# loss'); // no heading
    expect(inert('1. loss')).toBe('1\\. loss'); // no list
    expect(inert('- loss')).toBe('\\- loss');
    expect([inert('0.44'), inert('-82%'), inert('+38%'), inert('#3')]).toEqual(['0.44', '-82%', '+38%', '#3']); // not markers
    expect(inert('[x](https://e) *a* `b` <i> _c_ ~d~')).toBe('\\[x\\](https://e) \\*a\\* \\`b\\` \\<i> \\_c\\_ ~d\\~');
    expect(inert('\\*')).toBe('\\\\\\*'); // a backslash stays a backslash, the star a star
    expect(inert('val_loss 0.2 -> 0.1, ~2x\nnext')).toBe('val_loss 0.2 -> 0.1, ~2x next');
  });

  it('renders Markdown with evidence, cites and code', () => {
    const md = renderMarkdown(advise(dx('overfitting', []), log('keras2')));
    expect(md).toMatch(/^# Overfitting/);
    expect(md).toContain('## Evidence');
    expect(md).toContain('- best val_loss: 0.231');
    expect(md).toMatch(/### 1\. Stop at the best epoch/);
    expect(md).toContain('_Evidence: best val_loss = 0.231');
    expect(md).toContain('```python\nfrom keras.callbacks import EarlyStopping, ModelCheckpoint');
    expect(md).toContain('## Notes');
    expect((md.match(/```/g) ?? []).length % 2).toBe(0);
    const short = renderMarkdown(advise(dx('overfitting', []), log('keras2')), { code: false });
    expect(short).not.toContain('```');
  });
});

describe('explain() and why()', () => {
  it('explains every pattern with why, signs, remedies, code and an example fixture path', () => {
    for (const p of PATTERNS) {
      const r = explain(p, 'keras3');
      expect(r.kind).toBe('explain');
      expect(r.summary).toContain(PATTERN_ENTRIES[p].why);
      expect(r.summary).toContain('Signs:');
      expect(r.example).toMatch(new RegExp(`^fixtures/patterns/${p}-`));
      expect(r.summary).toContain(`Example chart: ${r.example} (more: fixtures/patterns/${p}-*)`);
      expect(existsSync(join(ROOT, r.example!)), r.example).toBe(true);
      expect(r.strategies.length).toBeGreaterThan(1);
      expect(r.strategies.some((s) => s.id === 'plot_curves')).toBe(true);
      expect(r.dialect).toBe('keras3');
      expect(renderMarkdown(r)).toContain('## Remedies');
    }
    for (const e of ENTRIES) if (e.example) expect(existsSync(join(ROOT, e.example)), e.example).toBe(true);
    expect(explain('nan_inf').title).toMatch(/NaN/);
    expect(explain('topic:hyperopt').strategies[0].id).toBe('hyperopt');
    expect(() => explain('nope')).toThrow(/unknown/);
    expect(explain('overfit').pattern).toBe('overfitting');
    expect(explain('High Variance').pattern).toBe('high_variance');
    expect(explain('nan').findings).toEqual(['nan_inf']);
    expect(explain('hyperopt').title).toMatch(/hyperopt/);
  });

  it('quotes the guide and its corrections', () => {
    expect(explain('overfitting').summary).toContain('The guide: Dropout/recurrent_dropout, L2 0.01');
    expect(explain('overfitting').notes.join(' ')).toMatch(/1e-4 to 1e-3/);
    expect(why('hyperopt fmin').notes.join(' ')).toMatch(/STATUS_OK/);
    expect(why('recurrent dropout slow').notes.join(' ')).toMatch(/cuDNN/);
    expect(why('lr or learning_rate').notes.join(' ')).toMatch(/Keras 3 rejects `lr`/);
    expect(why('temperature forecasting example').strategies[0].code.keras2).toContain('Adam(lr=0.0005)');
  });

  it('why() uses the dialect named in the question', () => {
    expect(why('early stopping example in keras 3').dialect).toBe('keras3');
    expect(why('how to clip gradients with tf.keras').dialect).toBe('tfkeras');
    expect(why('Adam(lr=...) in keras 2.3.1').dialect).toBe('keras2');
    expect(why('early stopping in keras 3', 'keras2').dialect).toBe('keras2');
    expect(why('early stopping').dialect).toBe('tfkeras');
  });

  it('why() renders with the matched entry', () => {
    const md = renderMarkdown(why('accuracy stuck at 0.5'));
    expect(md).toContain('Matched `finding:stuck_at_chance`');
  });
});
