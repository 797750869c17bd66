/**
 * Typo correction: words that are not known are corrected to a domain word one edit away (two for
 * long words), with the same first letter ("validaiton", "plateu", "lernign rate").
 */
import { DOMAIN_WORDS } from '../knowledge/concepts.js';
import { ENTRIES } from '../knowledge/index.js';
import { SEARCH_WORDS as EXTRA_KNOWN } from '../search-words.js';
import { COMMON, fold } from './words.js';

/** typo correction: words shorter than this are left alone (too many neighbours) */
const MIN_TYPO_LENGTH = 5;
/** typo correction: from this length on, two edits are allowed */
const TWO_EDITS_FROM = 8;

let vocab: { words: Set<string>; known: Set<string>; byFirst: Map<string, string[]> } | undefined;

/**
 * Targets: the domain words and every word of the entries' titles, questions and keywords. Known
 * (never corrected, never a target): also the words of the entries' answer text.
 */
function vocabulary() {
  if (vocab) return vocab;
  const words = new Set<string>(DOMAIN_WORDS);
  const known = new Set<string>(COMMON);
  for (const e of ENTRIES) {
    for (const t of [e.title, ...e.questions, ...e.keywords])
      for (const w of fold(t.toLowerCase()).match(/[a-z]+/g) ?? []) if (w.length >= MIN_TYPO_LENGTH - 1) words.add(w);
    for (const t of [e.why, ...(e.signs ?? []), ...(e.causes ?? []), e.guide ?? ''])
      for (const w of fold(t.toLowerCase()).match(/[a-z]+/g) ?? []) known.add(w);
  }
  for (const w of EXTRA_KNOWN) known.add(w);
  for (const w of COMMON) words.add(w);
  const byFirst = new Map<string, string[]>();
  for (const w of [...words].sort()) {
    if (w.length < MIN_TYPO_LENGTH - 1) continue;
    const l = byFirst.get(w[0]) ?? [];
    l.push(w);
    byFirst.set(w[0], l);
  }
  vocab = { words, known, byFirst };
  return vocab;
}

/** neighbouring keys on a QWERTY keyboard: the substitutions typos make */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEAR = new Set<string>();
ROWS.forEach((row, r) =>
  [...row].forEach((ch, i) => {
    const around = [
      row[i - 1],
      row[i + 1],
      ROWS[r - 1]?.[i],
      ROWS[r - 1]?.[i + 1],
      ROWS[r + 1]?.[i - 1],
      ROWS[r + 1]?.[i],
    ];
    for (const o of around) if (o) NEAR.add(ch + o);
  }),
);
const VOWELS = new Set('aeiouy');

/** a substitution a person makes by accident: a neighbouring key, or one vowel for another (gradiant) */
function subCost(x: string, y: string): number {
  if (x === y) return 0;
  return NEAR.has(x + y) || (VOWELS.has(x) && VOWELS.has(y)) ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (adjacent swaps count 1, a substitution 1 only for a neighbouring
 * key or a vowel, else 2), or max+1 once it exceeds max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + subCost(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** an inflection of a known word: increasing, decreased, plateaus, jumps */
function knownForm(w: string, words: Set<string>): boolean {
  for (const suf of ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'y'])
    if (w.endsWith(suf) && (words.has(w.slice(0, -suf.length)) || words.has(w.slice(0, -suf.length) + 'e')))
      return true;
  return false;
}

/** corrections already made (bounded: the vocabulary is fixed, questions are not) */
const corrected = new Map<string, string>();
const MAX_MEMO = 10_000;

export function correct(w: string): string {
  if (w.length < MIN_TYPO_LENGTH || w.length > 20) return w;
  const memo = corrected.get(w);
  if (memo !== undefined) return memo;
  const c = correctUncached(w);
  if (corrected.size >= MAX_MEMO) corrected.clear();
  corrected.set(w, c);
  return c;
}

function correctUncached(w: string): string {
  const { words, known, byFirst } = vocabulary();
  if (words.has(w) || known.has(w) || knownForm(w, words) || knownForm(w, known)) return w;
  const max = w.length >= TWO_EDITS_FROM ? 2 : 1;
  let best = w;
  let bestD = max + 1;
  for (const c of byFirst.get(w[0]) ?? []) {
    const d = editDistance(w, c, Math.min(max, bestD));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max ? best : w;
}
