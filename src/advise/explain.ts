/** Teaching replies: explain(pattern | finding | topic) with the guide's defaults, no run needed. */
import { FINDINGS, PATTERNS, type Finding, type Pattern } from '../diagnose/schema.js';
import { actionsFor, codeBlocksFor, notesFor } from './advise.js';
import { DEFAULT_DIALECT, isDialect, type DialectId } from './dialect.js';
import { entryFor, fitsRun, STRATEGY_BY_ID, type Entry } from './knowledge/index.js';
import type { Reply } from './reply.js';
import { taught } from './strategy.js';

/** OURS: a teaching reply shows the top four remedies; the rest are one "explain" away. */
export const TEACH_STRATEGIES = 4;

export function entryReply(entry: Entry, dialect: DialectId, kind: Reply['kind']): Reply {
  // the guide's remedies, as for a supervised run: those only for a reinforcement-learning agent wait for one, and
  // those a run's evidence must call for (forRunsOnly) for a run
  const ids = entry.strategies
    .filter((id) => fitsRun(STRATEGY_BY_ID[id], false) && !STRATEGY_BY_ID[id].forRunsOnly)
    .slice(0, TEACH_STRATEGIES);
  if (entry.kind === 'pattern' && !ids.includes('plot_curves')) ids.push('plot_curves');
  const strategies = ids.map((id, i) => taught(STRATEGY_BY_ID[id], i + 1));
  const parts = [entry.why];
  if (entry.signs?.length) parts.push(`Signs: ${entry.signs.join('; ')}.`);
  if (entry.causes?.length) parts.push(`Likely causes: ${entry.causes.join('; ')}.`);
  if (entry.guide) parts.push(`The guide: ${entry.guide}`);
  if (entry.example)
    parts.push(
      `Example chart: ${entry.example}${entry.kind === 'pattern' ? ` (more: ${entry.example.replace(/[^/]*$/, '')}${entry.id.slice('pattern:'.length)}-*)` : ''}`,
    );
  const pattern = entry.kind === 'pattern' ? (entry.id.slice('pattern:'.length) as Pattern) : undefined;
  const finding = entry.kind === 'finding' ? (entry.id.slice('finding:'.length) as Finding) : undefined;
  return {
    kind,
    title: entry.title,
    summary: parts.join('\n\n'),
    evidence: [],
    strategies,
    codeBlocks: codeBlocksFor(strategies, dialect),
    actions: actionsFor(strategies, dialect, pattern, finding ? [finding] : []).filter(
      (a) =>
        !(a.kind === 'explain_pattern' && a.arg === pattern) && !(a.kind === 'explain_finding' && a.arg === finding),
    ),
    notes: notesFor([entry], dialect),
    dialect,
    dialectSource: 'default',
    dialectClues: [],
    pattern,
    findings: finding ? [finding] : undefined,
    example: entry.example,
  };
}

/** explain('overfitting') -> why, signs, causes, the guide's remedies, code, an example fixture path. */
export function explain(what: Pattern | Finding | string, dialect?: DialectId | string): Reply {
  const entry = entryFor(what);
  if (!entry)
    throw new Error(
      `unknown pattern/finding/topic '${what}'; patterns: ${PATTERNS.join(', ')}; findings: ${FINDINGS.join(', ')}`,
    );
  const d = isDialect(dialect) ? dialect : DEFAULT_DIALECT;
  const r = entryReply(entry, d, 'explain');
  return { ...r, dialectSource: isDialect(dialect) ? 'override' : 'default' };
}
