/** The knowledge base in one place: every entry (patterns, findings, topics), strategies, corrections. */
import { FINDINGS, PATTERNS, type Finding, type Pattern } from '../../diagnose/schema.js';
import { FINDING_ENTRIES } from './findings.js';
import { PATTERN_ENTRIES } from './patterns.js';
import { TOPIC_ENTRIES } from './topics.js';
import type { Entry } from './types.js';

export { CORRECTIONS, type CorrectionId } from './corrections.js';
export { fitsRun, STRATEGIES, STRATEGY_BY_ID, type StrategyDef } from './strategies.js';
export { PATTERN_ENTRIES, FINDING_ENTRIES, TOPIC_ENTRIES };
export type { Entry };

export const ENTRIES: Entry[] = [
  ...PATTERNS.map((p) => PATTERN_ENTRIES[p]),
  ...FINDINGS.map((f) => FINDING_ENTRIES[f]),
  ...TOPIC_ENTRIES,
];
export const ENTRY_BY_ID: Record<string, Entry> = Object.fromEntries(ENTRIES.map((e) => [e.id, e]));

/** Findings that change what to do first (a NaN run needs fixing before any tuning). */
export const CRITICAL_FINDINGS: Finding[] = [
  'nan_inf',
  'diverging',
  'stuck_at_chance',
  'possible_leakage',
  'no_validation',
];

/** An entry by id, bare name ('overfitting', 'nan_inf', 'units'), or typed loosely ('high variance', 'overfit', 'nan'). */
export function entryFor(x: Pattern | Finding | string): Entry | undefined {
  // own properties only: 'constructor' or '__proto__' typed by a user is no entry
  const byId = (id: string) => (Object.hasOwn(ENTRY_BY_ID, id) ? ENTRY_BY_ID[id] : undefined);
  const exact = (k: string) => byId(k) ?? byId(`pattern:${k}`) ?? byId(`finding:${k}`) ?? byId(`topic:${k}`);
  const norm = x
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const hit = exact(x) ?? exact(norm);
  if (hit || norm.length < 3) return hit;
  // a unique prefix of a pattern, finding or topic name: 'overfit' -> overfitting, 'nan' -> nan_inf
  const names = ENTRIES.map((e) => [e.id.slice(e.id.indexOf(':') + 1), e] as const);
  const prefixed = names.filter(([n]) => n.startsWith(norm));
  return prefixed.length === 1 ? prefixed[0][1] : undefined;
}
