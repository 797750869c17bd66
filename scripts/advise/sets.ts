/**
 * The labelled question sets the re-ranker is fitted and measured on (test/advise/questions*.ts), named
 * once. Each line is [question, fitting entry ids]; any listed id counts as a fitting answer.
 *
 *  - BASE: always training data (the users' phrasings and their holdout, the first question sets, and
 *    each knowledge entry's own title, questions and keywords as examples of that entry).
 *  - HELD_OUT_SETS: the later, independently written passes. Leave-one-set-out (loso.ts) predicts each
 *    of them with a model fitted on every OTHER set plus BASE.
 *
 * A new pass (questions-pass8.ts, ...) is one more line in HELD_OUT_SETS.
 */
import { ENTRIES } from '../../src/advise/index.js';
import { PHRASINGS, PHRASINGS_2, PHRASINGS_3, type Phrasing } from '../../test/advise/questions-users.js';
import {
  FINAL_SET,
  FINAL_SET_2,
  FINAL_SET_3,
  FRESH_SET,
  FRESH_SET_2,
  FRESH_SET_3,
  FRESH_SET_4,
  FRESH_SET_5,
} from '../../test/advise/questions-fresh.js';
import { FINAL_4 } from '../../test/advise/questions-final4.js';
import { PASS_6, PASS_7 } from '../../test/advise/questions-pass6.js';
import { ERRORS, FRESH, FRESH2, HOLDOUT, QUESTIONS } from '../../test/advise/questions.js';

export type { Phrasing };

export interface NamedSet {
  name: string;
  set: Phrasing[];
  /** the hand-written understanding was tuned on this set (its why() rate is in-sample) */
  tunedOn: boolean;
}

const single = (s: [string, string][]): Phrasing[] => s.map(([q, id]) => [q, [id]]);

/** Each entry's own text as examples of that entry: its title, every question, its keywords line. */
export function entryExamples(): Phrasing[] {
  return ENTRIES.flatMap((e): Phrasing[] => [
    [e.title, [e.id]],
    ...e.questions.map((q): Phrasing => [q, [e.id]]),
    ...(e.keywords.length ? [[e.keywords.join(' '), [e.id]] as Phrasing] : []),
  ]);
}

export const BASE: NamedSet[] = [
  { name: 'users 1 (questions-users.ts)', set: PHRASINGS, tunedOn: true },
  { name: 'users 2', set: PHRASINGS_2, tunedOn: true },
  { name: 'users 3', set: PHRASINGS_3, tunedOn: true },
  {
    name: 'first sets (questions.ts)',
    set: single([...QUESTIONS, ...HOLDOUT, ...FRESH, ...FRESH2, ...ERRORS]),
    tunedOn: true,
  },
];

/**
 * The later passes, in the order they were written. tunedOn: the hand rules were changed after
 * scoring them (fresh 1-5, pass 6-7); FINAL_SET..FINAL_4 were never tuned on (FINAL_SET and
 * FINAL_SET_2 share families with the fifth fresh pass written after them, docs/advice.md).
 */
export const HELD_OUT_SETS: NamedSet[] = [
  { name: 'FRESH_SET', set: FRESH_SET, tunedOn: true },
  { name: 'FRESH_SET_2', set: FRESH_SET_2, tunedOn: true },
  { name: 'FRESH_SET_3', set: FRESH_SET_3, tunedOn: true },
  { name: 'FRESH_SET_4', set: FRESH_SET_4, tunedOn: true },
  { name: 'FRESH_SET_5', set: FRESH_SET_5, tunedOn: true },
  { name: 'FINAL_SET', set: FINAL_SET, tunedOn: false },
  { name: 'FINAL_SET_2', set: FINAL_SET_2, tunedOn: false },
  { name: 'FINAL_SET_3', set: FINAL_SET_3, tunedOn: false },
  { name: 'PASS_6', set: PASS_6, tunedOn: true },
  { name: 'PASS_7', set: PASS_7, tunedOn: true },
  { name: 'FINAL_4', set: FINAL_4, tunedOn: false },
];
