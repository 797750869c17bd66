/**
 * advise(): Diagnosis (+ the log, for dialect and task) -> Reply with ranked strategies, each sized
 * from the run's evidence and citing the numbers it used; code in the user's dialect.
 */
import { FINDINGS, xLabel, xUnitOf, type Diagnosis, type Finding, type Pattern } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';
import { DIALECTS, resolveDialect, type DialectId } from './dialect.js';
import { EVIDENCE_LABELS, evidenceLabel, HIDDEN_EVIDENCE, hiddenFor, pct, showEvidence } from './format.js';
import { makeCtx, pairNames, valCurveOnly, valMetricWithoutLoss } from './knowledge/context.js';
import {
  CORRECTIONS,
  CRITICAL_FINDINGS,
  FINDING_ENTRIES,
  PATTERN_ENTRIES,
  STRATEGY_BY_ID,
  type CorrectionId,
  type Entry,
  fitsRun,
} from './knowledge/index.js';
import { actionId, type Action, type CodeBlock, type EvidenceLine, type Reply, type Strategy } from './reply.js';
import { FRAMEWORK_NOTES, RL_NOTE } from './knowledge/frameworks.js';
import { derived } from './strategy.js';

export interface AdviseOptions {
  /** 'keras2' | 'tfkeras' | 'keras3'; default: from the log's clues */
  dialect?: DialectId | string;
  /** how many strategies at most (default 6) */
  maxStrategies?: number;
  /** attachment name of the chart the surface will attach (default 'curve.png') */
  image?: string;
}

/** OURS: six strategies fit a Discord embed (25 fields) with room, and are as many as anyone will try at once. */
export const MAX_STRATEGIES = 6;

/** Strategy ids in the order they should be tried. */
/** Strategy ids in the order they should be tried; `applies` drops those the evidence rules out. */
export function rankStrategies(
  pattern: Pattern,
  findings: Finding[],
  max = MAX_STRATEGIES,
  applies: (id: string) => boolean = () => true,
): string[] {
  const present = FINDINGS.filter((f) => findings.includes(f) && FINDING_ENTRIES[f]);
  const critical = CRITICAL_FINDINGS.filter((f) => present.includes(f));
  const others = present.filter((f) => !critical.includes(f));
  const lists: string[][] = [
    ...critical.map((f) => FINDING_ENTRIES[f].strategies),
    PATTERN_ENTRIES[pattern].strategies,
    ...others.map((f) => FINDING_ENTRIES[f].strategies),
  ];
  const out: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !out.includes(id) && out.length < max && applies(id)) out.push(id);
  };
  // pass 1: the top of each list (critical findings, two from the pattern, then the other findings); the top
  // among those that apply, so a list whose first remedy is for other runs still leads with its own
  const top = (l: string[], k = 0) => l.filter((id) => applies(id))[k];
  critical.forEach((_, i) => add(top(lists[i])));
  add(top(PATTERN_ENTRIES[pattern].strategies, 0));
  add(top(PATTERN_ENTRIES[pattern].strategies, 1));
  others.forEach((_, i) => add(top(lists[critical.length + 1 + i])));
  // pass 2: everything else, in list order
  for (const l of lists) for (const id of l) add(id);
  return out;
}

/** Evidence lines, the telling ones first: the pattern's and findings' signs, then what strategies cite, then the rest. */
export function evidenceLines(dx: Diagnosis, strategies: Strategy[] = []): EvidenceLine[] {
  const keyNames = [
    ...(PATTERN_ENTRIES[dx.pattern]?.evidence ?? []),
    ...FINDINGS.filter((f) => dx.findings.includes(f)).flatMap((f) => FINDING_ENTRIES[f].evidence ?? []),
    ...strategies.flatMap((s) => s.cites.map((c) => c.name)),
  ];
  const rank = (n: string) => {
    const i = keyNames.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return allEvidenceLines(dx, new Set(keyNames)).sort((a, b) => rank(a.name) - rank(b.name));
}

function allEvidenceLines(dx: Diagnosis, key: Set<string>): EvidenceLine[] {
  const ev = dx.evidence as Record<string, unknown>;
  const unit = dx.evidence.x_axis ? xUnitOf(dx.evidence) : 'epoch';
  const pair = pairNames(dx);
  const names = [
    ...Object.keys(EVIDENCE_LABELS),
    ...Object.keys(ev).filter((k) => !(k in EVIDENCE_LABELS) && !HIDDEN_EVIDENCE.has(k)),
  ];
  const out: EvidenceLine[] = [];
  for (const name of names) {
    const v = ev[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || noRise(name, v, dx)) continue;
    if (hiddenFor(name, pair)) continue;
    const label = evidenceLabel(name, pair, unit);
    const shown = showEvidence(name, v, unit, (x) => xLabel(dx.evidence, x));
    out.push({ name, value: v, text: `${label}: ${shown}`, key: key.has(name) });
  }
  return out;
}

/** A rise after the best is shown only when there is one: never negative, never for a curve whose best is its last point. */
function noRise(name: string, v: number, dx: Diagnosis): boolean {
  if (!RISE_FIELDS.has(name)) return false;
  return v <= 0 || dx.evidence.val_change_since_best === 0;
}
const RISE_FIELDS = new Set(['val_rise_after_best', 'val_rise_in_noise', 'val_rise_t']);

export function notesFor(entries: Entry[], dialect: DialectId): string[] {
  const ids = new Set<CorrectionId>();
  for (const e of entries) for (const n of e.notes ?? []) ids.add(n as CorrectionId);
  if (dialect === 'keras3') ids.add('keras3_checkpoint');
  if (dialect === 'keras2') ids.add('lr_kwarg'); // our keras2 snippets keep the guide's lr=
  return [...ids].filter((id) => id in CORRECTIONS).map((id) => CORRECTIONS[id]);
}

export function actionsFor(
  strategies: Strategy[],
  dialect: DialectId,
  pattern?: Pattern,
  findings: Finding[] = [],
  evidence = false,
  run: Partial<Wording> & { rl?: boolean } = {},
): Action[] {
  const { rl = false, higher = false, trainOnly = false, valOnly = false, valMetric } = run;
  const a: Action[] = [];
  for (const s of strategies)
    a.push({ kind: 'show_code', label: `Code: ${s.title}`.slice(0, 80), arg: s.id, id: actionId('show_code', s.id) });
  if (evidence) a.push({ kind: 'show_evidence', label: 'All measurements', id: actionId('show_evidence') });
  if (pattern)
    a.push({
      kind: 'explain_pattern',
      label: explainLabel(worded(PATTERN_ENTRIES[pattern], { higher, trainOnly, valOnly, valMetric }).title),
      arg: pattern,
      id: actionId('explain_pattern', pattern),
    });
  // an agent's missing evaluation curve is the first strategy (rl_evaluate), and a run with a validation metric has
  // validation data: the finding's lesson (Keras' validation_split) is for neither
  for (const f of findings.filter((f) => !((rl || valMetric) && f === 'no_validation')))
    a.push({
      kind: 'explain_finding',
      label: explainLabel(worded(FINDING_ENTRIES[f], { higher, trainOnly, valOnly, valMetric }).title),
      arg: f,
      id: actionId('explain_finding', f),
    });
  // an agent's code is the same in every Keras dialect
  for (const d of rl ? [] : DIALECTS)
    if (d !== dialect)
      a.push({ kind: 'switch_dialect', label: `Code for ${d}`, arg: d, id: actionId('switch_dialect', d) });
  return a;
}

export function codeBlocksFor(strategies: Strategy[], dialect: DialectId): CodeBlock[] {
  return strategies.map((s) => ({
    id: s.id,
    title: s.title,
    language: 'python' as const,
    dialect,
    code: s.code[dialect],
  }));
}

export function advise(diagnosis: Diagnosis, log?: TrainingLog | null, options: AdviseOptions = {}): Reply {
  const dx = diagnosis;
  const rd = resolveDialect(log, options.dialect);
  const ctx = makeCtx(dx, log);
  const ids = rankStrategies(
    dx.pattern,
    dx.findings,
    options.maxStrategies ?? MAX_STRATEGIES,
    (id) => fitsRun(STRATEGY_BY_ID[id], ctx.rl) && (STRATEGY_BY_ID[id].applies?.(ctx) ?? true),
  );
  const strategies = ids.map((id, i) => derived(STRATEGY_BY_ID[id], ctx, i + 1));
  const entry = PATTERN_ENTRIES[dx.pattern];
  const findingEntries = FINDINGS.filter((f) => dx.findings.includes(f) && FINDING_ENTRIES[f]).map(
    (f) => FINDING_ENTRIES[f],
  );
  const runNote = dx.run.count > 1 ? ` (${dx.run.label || `run ${dx.run.index + 1} of ${dx.run.count}`})` : '';
  // a borderline verdict names its runner-up too ("Overfitting, or high variance (borderline)")
  const runnerUp = dx.borderline ? dx.alternatives[0]?.pattern : undefined;
  const wording = wordingOf(dx);
  const shown = worded(entry, wording);
  const verdict = runnerUp
    ? `${shown.title}, or ${worded(PATTERN_ENTRIES[runnerUp], wording).title.toLowerCase()} (borderline)`
    : shown.title;
  const title = `${verdict}${runNote} · confidence ${pct(dx.confidence)}`;
  const summaryParts = [dx.headline && dx.headline !== 'not implemented yet' ? dx.headline : shown.why];
  if (dx.headline && dx.headline !== 'not implemented yet') summaryParts.push(shown.why);
  if (findingEntries.length)
    summaryParts.push(`Also: ${findingEntries.map((e) => lowerFirst(worded(e, wording).title)).join('; ')}.`);
  if (dx.reasons.length) summaryParts.push(dx.reasons.map((r) => `- ${r}`).join('\n'));
  return {
    kind: 'advice',
    title,
    summary: summaryParts.join('\n\n'),
    evidence: evidenceLines(dx, strategies),
    strategies,
    codeBlocks: codeBlocksFor(strategies, rd.dialect),
    image: { attachment: options.image ?? 'curve.png', alt: `${shown.title} learning curve` },
    actions: [
      ...actionsFor(strategies, rd.dialect, dx.pattern, dx.findings, true, { rl: ctx.rl, ...wording }),
      ...(runnerUp && runnerUp !== 'not_assessable'
        ? [
            {
              kind: 'explain_pattern' as const,
              label: explainLabel(worded(PATTERN_ENTRIES[runnerUp], wording).title),
              arg: runnerUp,
              id: actionId('explain_pattern', runnerUp),
            },
          ]
        : []),
    ],
    notes: ctx.rl
      ? [RL_NOTE]
      : [
          ...(log && FRAMEWORK_NOTES[log.format] ? [FRAMEWORK_NOTES[log.format]!] : []),
          ...notesFor([entry, ...findingEntries], rd.dialect),
        ],
    dialect: rd.dialect,
    dialectSource: rd.source,
    dialectClues: rd.clues,
    ...(ctx.rl ? { rl: true } : {}),
    pattern: dx.pattern,
    findings: [...dx.findings],
  };
}

/**
 * A pattern's or finding's title and why as this run reads them: its train-only wording when the run has no
 * validation series and the entry has one, its validation-only wording when the run has no training curve, its
 * curve words where higher is better (val_accuracy beside accuracy, a reward: no "loss" to speak of), else as
 * written. The reply's title, its "Also:" line and its buttons all ask it.
 */
function worded(entry: Entry, run: Wording): { title: string; why: string } {
  if (run.valMetric && entry.valMetricOnly) {
    const { title, why } = entry.valMetricOnly;
    return { title: title.replaceAll('{metric}', run.valMetric), why: why.replaceAll('{metric}', run.valMetric) };
  }
  if (run.valOnly && entry.valOnly) return entry.valOnly;
  if (run.trainOnly && entry.trainOnly) return entry.trainOnly;
  return run.higher
    ? { title: entry.higherTitle ?? entry.title, why: entry.higherWhy ?? entry.why }
    : { title: entry.title, why: entry.why };
}

/** How the reply words a run's entries: higher is better; judged on the training curve alone; on the validation curve
 * alone; the validation metric logged without a validation loss. */
interface Wording {
  higher: boolean;
  trainOnly?: boolean;
  valOnly?: boolean;
  valMetric?: string;
}

function wordingOf(dx: Diagnosis): Wording {
  const valMetric = valMetricWithoutLoss(dx);
  // (a validation series too short to read, set aside, is none: the diagnosis says no_validation)
  return {
    higher: pairNames(dx).higher,
    trainOnly: !dx.series.val || dx.findings.includes('no_validation'),
    ...(valCurveOnly(dx) ? { valOnly: true } : {}),
    ...(valMetric ? { valMetric } : {}),
  };
}

/** A button's "Explain: <title>" within Discord's 80 characters: the title's head (before its colon) when the whole
 * one is longer, never a word cut in half. */
function explainLabel(title: string): string {
  const full = `Explain: ${title}`;
  return full.length <= 80 ? full : `Explain: ${title.split(':')[0]}`.slice(0, 80);
}

/** "Loss spikes" -> "loss spikes" in a sentence, keeping "NaN" and "Inf" as written. */
const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

/** For `diagnose --json`: the strategies as { title, why, code } in one dialect. */
export function adviceJson(
  reply: Reply,
  dialect: DialectId = reply.dialect,
): { id: string; title: string; why: string; cites: { name: string; value: number }[]; code: string }[] {
  return reply.strategies.map((s) => ({
    id: s.id,
    title: s.title,
    why: s.why,
    cites: s.cites.map((c) => ({ name: c.name, value: c.value })),
    code: s.code[dialect],
  }));
}
