/** Reply -> Markdown for the CLI (and anything that renders CommonMark). */
import { DIALECT_LABELS, type DialectId } from './dialect.js';
import type { Reply } from './reply.js';

export interface MarkdownOptions {
  /** include the code of every strategy (default true) */
  code?: boolean;
  /** code dialect (default: the reply's) */
  dialect?: DialectId;
  /** include the image reference (default true) */
  image?: boolean;
}

export function renderMarkdown(reply: Reply, options: MarkdownOptions = {}): string {
  const d = options.dialect ?? reply.dialect;
  const withCode = options.code ?? true;
  const out: string[] = [];
  out.push(`# ${oneLine(reply.title)}`, '');
  if (reply.match) out.push(`_Matched \`${reply.match.id}\` (score ${reply.match.score})_`, '');
  if (reply.match?.also) out.push(`also: ${oneLine(reply.match.also.title)}`, '');
  out.push(reply.summary.trim(), '');
  if (reply.image && options.image !== false) out.push(`![${oneLine(reply.image.alt)}](${reply.image.attachment})`, '');
  if (reply.evidence.length) {
    out.push('## Evidence', '');
    const key = reply.evidence.filter((e) => e.key);
    const rest = reply.evidence.filter((e) => !e.key);
    for (const e of key.length ? key : reply.evidence) out.push(`- ${e.text}`);
    if (key.length && rest.length) out.push('', `Other measurements: ${rest.map((e) => e.text).join(' · ')}`);
    out.push('');
  }
  if (reply.strategies.length) {
    const src =
      reply.dialectSource === 'log'
        ? `from your log${reply.dialectClues.length ? ': ' + reply.dialectClues.join('; ') : ''}`
        : reply.dialectSource;
    out.push(
      reply.kind === 'advice' ? '## What to change' : '## Remedies',
      '',
      `_Code for ${DIALECT_LABELS[d]} (${src})._`,
      '',
    );
    for (const s of reply.strategies) {
      out.push(`### ${s.rank}. ${oneLine(s.title)}`, '', s.why, '');
      if (s.cites.length) out.push(`_Evidence: ${s.cites.map((c) => `${c.label} = ${c.shown}`).join(' · ')}_`, '');
      if (withCode) out.push('```python', s.code[d].trimEnd(), '```', '');
    }
  }
  const extra = reply.codeBlocks.filter((b) => !reply.strategies.some((s) => s.id === b.id));
  if (withCode)
    for (const b of extra) out.push(`### ${oneLine(b.title)}`, '', '```python', b.code.trimEnd(), '```', '');
  if (reply.notes.length) {
    out.push('## Notes (where the guide is wrong or dated)', '');
    for (const n of reply.notes) out.push(`- ${n}`);
    out.push('');
  }
  if (reply.match?.alternatives.length) {
    out.push(`_Also related: ${reply.match.alternatives.map((a) => `${a.title} (\`${a.id}\`)`).join(', ')}_`, '');
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
