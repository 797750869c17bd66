/** Reply -> Markdown for the CLI (and anything that renders CommonMark). */
import { DIALECT_LABELS, RL_CODE_LABEL, type DialectId } from './dialect.js';
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
  // an advice reply's sentences quote the log (column names, run labels); the knowledge base's are ours
  const text = reply.kind === 'advice' ? inert : (s: string) => s;
  const out: string[] = [];
  out.push(`# ${text(oneLine(reply.title))}`, '');
  if (reply.match) out.push(`_Matched \`${reply.match.id}\` (score ${reply.match.score})_`, '');
  if (reply.match?.also) out.push(`also: ${oneLine(reply.match.also.title)}`, '');
  out.push(
    reply.summary
      .trim()
      .split('\n')
      .map((l) => (l.startsWith('- ') ? `- ${text(l.slice(2))}` : text(l)))
      .join('\n'),
    '',
  );
  if (reply.image && options.image !== false)
    out.push(`![${text(oneLine(reply.image.alt))}](${reply.image.attachment})`, '');
  if (reply.evidence.length) {
    out.push('## Evidence', '');
    const key = reply.evidence.filter((e) => e.key);
    const rest = reply.evidence.filter((e) => !e.key);
    for (const e of key.length ? key : reply.evidence) out.push(`- ${text(e.text)}`);
    if (key.length && rest.length) out.push('', `Other measurements: ${rest.map((e) => text(e.text)).join(' · ')}`);
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
      reply.rl
        ? `_Code for ${RL_CODE_LABEL} (a reinforcement-learning run; in your own loop, the same settings on the agent's optimizer)._`
        : `_Code for ${DIALECT_LABELS[d]} (${src})._`,
      '',
    );
    for (const s of reply.strategies) {
      out.push(`### ${s.rank}. ${oneLine(s.title)}`, '', text(s.why), '');
      if (s.cites.length)
        out.push(`_Evidence: ${s.cites.map((c) => `${text(c.label)} = ${text(c.shown)}`).join(' · ')}_`, '');
      if (withCode) out.push('```python', s.code[d].trimEnd(), '```', '');
    }
  }
  const extra = reply.codeBlocks.filter((b) => !reply.strategies.some((s) => s.id === b.id));
  if (withCode)
    for (const b of extra) out.push(`### ${oneLine(b.title)}`, '', '```python', b.code.trimEnd(), '```', '');
  if (reply.notes.length) {
    out.push(
      reply.rl ? '## Notes (the guide and reinforcement learning)' : '## Notes (where the guide is wrong or dated)',
      '',
    );
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

/**
 * Text quoted from a log, made inert in CommonMark (and GitHub's strikethrough) while it still reads as
 * written in a terminal. Escaped with a backslash: what can open a link, an image, HTML or a code span;
 * what can open or close emphasis or strikethrough (an underscore inside a word, `val_loss`, and a tilde
 * after a space, `~2x`, cannot, and stay as they are); a leading > (and # + - or "1." before a space), so
 * a name cannot start a quote, a heading or a list. Line breaks become spaces. A bare URL stays text in
 * CommonMark (GitHub's renderer may still link it).
 */
export function inert(s: string): string {
  return (
    s
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
      // at the start of a line (a list item's text) these open a quote, a heading or a list
      // (a > anywhere at the start; # + - and 1. only before a space, as CommonMark asks: -82% stays)
      .replace(/^(\s*)(>|[#+-](?=\s|$))/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
      .replace(/[`*<[\]]/g, '\\$&')
      .replace(/_/g, (m, i: number, all: string) => (word(all[i - 1]) && word(all[i + 1]) ? m : '\\_'))
      .replace(/~/g, (m, i: number, all: string) => (/\s/.test(all[i - 1] ?? ' ') && all[i + 1] !== '~' ? m : '\\~'))
  );
}

/** a letter or a digit (an underscore between two of them cannot open or close emphasis) */
function word(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
