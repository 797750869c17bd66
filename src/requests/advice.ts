/**
 * The advice step of a diagnose request, and its seam to src/advise: when advise() cannot build a
 * reply (a new pattern it does not know yet, a bug), the answer is the diagnosis itself. Everything the user reads comes from the
 * Diagnosis (headline, reasons, evidence); nothing here decides what to advise.
 */
import { advise, DEFAULT_DIALECT, isDialect, type Reply } from '../advise/index.js';
import type { Diagnosis } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';
import { patternLabel, verdictLabel, xLabel, xUnitOf } from '../diagnose/schema.js';
import { HIDDEN_EVIDENCE, labelOf, showEvidence } from '../advise/format.js';

export function adviseOrFallback(
  diagnosis: Diagnosis,
  log: TrainingLog,
  options: { dialect?: string; image: string },
): { reply: Reply; fallback: boolean } {
  try {
    return { reply: advise(diagnosis, log, options), fallback: false };
  } catch {
    return { reply: minimalReply(diagnosis, options), fallback: true };
  }
}

export function minimalReply(d: Diagnosis, options: { dialect?: string; image?: string }): Reply {
  const ev = Object.entries(d.evidence)
    .filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && !HIDDEN_EVIDENCE.has(e[0]),
    )
    .slice(0, 12)
    .map(([name, value]) => ({
      name,
      value,
      text: `${labelOf(name)}: ${showEvidence(name, value, xUnitOf(d.evidence), (x) => xLabel(d.evidence, x))}`,
      key: true,
    }));
  return {
    kind: 'advice',
    title: `${verdictLabel(d)} · confidence ${Math.round(d.confidence * 100)}%`,
    summary: [d.headline, ...d.reasons.map((r) => `- ${r}`)].join('\n'),
    evidence: ev,
    strategies: [],
    codeBlocks: [],
    actions: [
      {
        kind: 'explain_pattern',
        label: `Explain: ${patternLabel(d.pattern)}`,
        arg: d.pattern,
        id: `explain_pattern:${d.pattern}`,
      },
    ],
    notes: [],
    dialect: isDialect(options.dialect) ? options.dialect : DEFAULT_DIALECT,
    dialectSource: isDialect(options.dialect) ? 'override' : 'default',
    dialectClues: [],
    pattern: d.pattern,
    findings: d.findings,
    ...(options.image ? { image: { attachment: options.image, alt: d.headline } } : {}),
  };
}
