import { describe, expect, it } from 'vitest';
import { ENTRIES, ENTRY_BY_ID, search, why } from '../../src/advise/index.js';
import { ERRORS, FRESH, FRESH2, HOLDOUT, QUESTIONS } from './questions.js';

/** the bar: >= 90% of realistic phrasings map to the right entry top-1 */
const BAR = 0.9;

describe('why(question) finds the right knowledge entry', () => {
  function rate(set: [string, string][]): { rate: number; misses: string[] } {
    const misses: string[] = [];
    for (const [q, id] of set) {
      const r = why(q);
      if (r.match?.id !== id) misses.push(`  "${q}" -> ${r.match?.id} (want ${id})`);
    }
    return { rate: (set.length - misses.length) / set.length, misses };
  }

  it(`maps >= ${BAR * 100}% of ${QUESTIONS.length + HOLDOUT.length + FRESH.length + FRESH2.length + ERRORS.length} realistic phrasings top-1`, () => {
    const all = [...QUESTIONS, ...HOLDOUT, ...FRESH, ...FRESH2, ...ERRORS];
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const [, id] of all) expect(ENTRY_BY_ID[id], id).toBeDefined();
    const a = rate(QUESTIONS);
    const h = rate(HOLDOUT);
    const f = rate(FRESH);
    const f2 = rate(FRESH2);
    const er = rate(ERRORS);
    const t = rate(all);
    const p = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `why() top-1: first set ${p(a.rate)} of ${QUESTIONS.length}, second set ${p(h.rate)} of ${HOLDOUT.length}, third set ${p(f.rate)} of ${FRESH.length}, never-tuned set ${p(f2.rate)} of ${FRESH2.length}, pasted errors ${p(er.rate)} of ${ERRORS.length}, all ${p(t.rate)} of ${all.length} (bar ${p(BAR)})` +
        (t.misses.length ? '\n' + t.misses.join('\n') : ''),
    );
    expect(t.rate).toBeGreaterThanOrEqual(BAR);
  });

  it('covers every DIAGNOSIS.md (c) question and every guide topic with an entry', () => {
    const ids = new Set(ENTRIES.map((e) => e.id));
    for (const id of [
      'finding:val_better_than_train',
      'pattern:overfitting',
      'topic:overconfidence',
      'finding:nan_inf',
      'finding:noisy_validation',
      'finding:stuck_at_chance',
      'topic:accuracy_zero',
      'finding:possible_leakage',
      'topic:reading_curves',
      'topic:units',
      'topic:optimizer',
      'topic:learning_rate',
      'topic:lr_schedule',
      'topic:batch_size',
      'topic:epochs',
      'topic:hyperopt',
      'topic:arch_search',
      'topic:multi_run',
      'topic:case_study',
      'topic:early_stopping',
      'topic:dropout',
      'topic:regularization',
      'topic:gradient_clipping',
      'topic:scaling',
      'topic:kfold',
      'topic:ensemble',
      'topic:sequence_length',
    ])
      expect(ids.has(id), id).toBe(true);
    // the knowledge base is consistent: every entry's own questions find that entry
    for (const e of ENTRIES) for (const q of e.questions) expect(search(q)[0]?.id, q).toBe(e.id);
  });

  it('returns the match id, a score, alternatives and code', () => {
    const r = why('loss becomes nan', 'keras3');
    expect(r.kind).toBe('answer');
    expect(r.match?.id).toBe('finding:nan_inf');
    expect(r.match?.score).toBeGreaterThan(0);
    expect(r.match?.alternatives.length).toBeGreaterThan(0);
    expect(r.dialect).toBe('keras3');
    expect(r.strategies.length).toBeGreaterThan(0);
    expect(r.strategies[0].code.keras3).toMatch(/import keras|import numpy/);
  });

  it('falls back to reading curves on nonsense', () => {
    const r = why('zzqx qqqq');
    expect(r.match?.id).toBe('topic:reading_curves');
    expect(r.match?.score).toBe(0);
  });
});
