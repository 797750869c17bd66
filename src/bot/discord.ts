/**
 * Reply -> Discord-ready pieces (plain JSON shapes of the API's embed, button and message objects).
 * Every piece is within Discord's budgets, cut at line/word boundaries by priority, so present.ts
 * never has to cut text blindly. Long code goes behind "show code" buttons.
 *
 * Text policy (text.ts): an advice reply is built from the user's log (column names, run labels in
 * its title, summary, evidence and whys), so those parts are user text (`prose`); the knowledge base
 * (strategy titles, notes, teaching replies) is our own Markdown (`ours`). Code goes through `code`.
 */
import { RL_CODE_LABEL, type DialectId, type Reply } from '../advise/index.js';
import { clip, code as inCode, DISCORD_LIMITS, label, ours, prose, quote } from './text.js';

export { clip, DISCORD_LIMITS };

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}
export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: DiscordEmbedField[];
  image?: { url: string };
  footer?: { text: string };
}
export interface DiscordButton {
  type: 2;
  style: 1 | 2;
  label: string;
  custom_id: string;
}
export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}
export interface DiscordCodeBlock {
  id: string;
  title: string;
  dialect: DialectId;
  /** message contents, each <= 2,000 chars, each a complete ```python fence */
  messages: string[];
}
export interface DiscordPieces {
  content?: string;
  embeds: DiscordEmbed[];
  components: DiscordActionRow[];
  /** attachment file names the embed refers to (attachment://name) */
  attachments: string[];
  codeBlocks: DiscordCodeBlock[];
}

/** OURS: evidence lines in the description when none is marked key. */
const DESCRIPTION_EVIDENCE_FALLBACK = 8;

/** OURS: embed colours per pattern (green, red, amber, purple, orange, grey). */
const COLORS: Record<string, number> = {
  good_fit: 0x2ecc71,
  overfitting: 0xe74c3c,
  underfitting: 0xf1c40f,
  high_variance: 0x9b59b6,
  unstable: 0xe67e22,
  not_assessable: 0x95a5a6,
};

/** User text or our Markdown, by who wrote it; clipped. */
function md(reply: Reply, s: string, max: number): string {
  return clip(quotesLog(reply) ? prose(s) : ours(s), max);
}

/** advice replies quote the user's log; teaching replies (explain, why) are the knowledge base alone */
function quotesLog(reply: Reply): boolean {
  return reply.kind === 'advice';
}

export interface DiscordOptions {
  dialect?: DialectId;
  /** max strategies shown as fields (default: all, up to 20) */
  maxFields?: number;
}

/** Embed length as Discord counts it: title + description + field names/values + footer + author. */
export function embedLength(e: DiscordEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((a, f) => a + f.name.length + f.value.length, 0)
  );
}

export function toDiscord(reply: Reply, options: DiscordOptions = {}): DiscordPieces {
  const dialect = options.dialect ?? reply.dialect;
  const embed: DiscordEmbed = {
    title: md(reply, reply.title.replace(/\s+/g, ' '), DISCORD_LIMITS.embedTitle),
    color: COLORS[reply.pattern ?? ''] ?? 0x3498db,
    footer: { text: footerText(reply, dialect) },
  };
  if (reply.image) embed.image = { url: `attachment://${reply.image.attachment}` };
  fitEmbed(embed, reply, strategyFields(reply, options.maxFields), notesField(reply));
  return {
    embeds: [embed],
    components: buttonRows(reply),
    attachments: reply.image ? [reply.image.attachment] : [],
    codeBlocks: codeBlocksOf(reply, dialect),
  };
}

/** The footer: the code's dialect and where it came from, and the /why topic matched. Footers are plain text (no Markdown rendered): nothing to escape. */
function footerText(reply: Reply, dialect: DialectId): string {
  // an agent's code (a reinforcement-learning run) is the same in every dialect
  const source =
    reply.dialectSource === 'log' ? ' (from your log)' : reply.dialectSource === 'override' ? ' (your choice)' : '';
  const code = reply.rl ? RL_CODE_LABEL : `${dialect}${source}`;
  return label(
    `Code: ${code}${reply.match ? ` · matched ${reply.match.id} (${reply.match.score})` : ''}`,
    DISCORD_LIMITS.footer,
  );
}

/** One field per strategy: its why and the numbers it cites (in italics). */
function strategyFields(reply: Reply, max = 20): DiscordEmbedField[] {
  const L = DISCORD_LIMITS;
  const maxFields = Math.min(max, L.embedFields - 1);
  return reply.strategies.slice(0, maxFields).map((s) => {
    const text = (t: string) => (quotesLog(reply) ? prose(t) : ours(t));
    // the cited numbers in italics: our underscores around escaped text
    const cites = s.cites.length ? `\n_${text(s.cites.map((c) => `${c.label}: ${c.shown}`).join(' · '))}_` : '';
    const why = text(s.why);
    const value =
      cites.length < L.fieldValue / 2
        ? clip(why, L.fieldValue - cites.length) + cites
        : clip(why + cites, L.fieldValue);
    // strategy titles are the knowledge base's
    return { name: clip(ours(`${s.rank}. ${s.title}`), L.fieldName), value: value || '…' };
  });
}

/** The notes, as one field (the knowledge base's text). */
function notesField(reply: Reply): DiscordEmbedField | undefined {
  return reply.notes.length
    ? { name: 'Notes', value: clip(ours(reply.notes.map((n) => `• ${n}`).join('\n')), DISCORD_LIMITS.fieldValue) }
    : undefined;
}

/** The description: summary, then the telling evidence lines (all lines are behind "All measurements"), within the two budgets. */
function description(reply: Reply, summaryMax: number, descMax: number): string {
  const keyLines = reply.evidence.filter((e) => e.key);
  const shown = keyLines.length ? keyLines : reply.evidence.slice(0, DESCRIPTION_EVIDENCE_FALLBACK);
  const hidden = reply.evidence.length - shown.length;
  const evidence = shown.map((e) => `• ${e.text}`);
  const summary = clip(summaryText(reply), summaryMax);
  // the runner-up topic of a /why answer is the knowledge base's own title
  let desc = summary + (reply.match?.also ? `\n\nalso: ${ours(reply.match.also.title)}` : '');
  if (evidence.length) {
    const head = '\n\n**Evidence**\n';
    const lines: string[] = [];
    let used = desc.length + head.length;
    for (let i = 0; i < evidence.length; i++) {
      const line = md(reply, evidence[i], Infinity);
      const moreNote = `\n… +${evidence.length - i} more`;
      const need = line.length + 1 + (i < evidence.length - 1 ? moreNote.length : 0);
      if (used + need > descMax) {
        lines.push(`… +${evidence.length - i} more`);
        break;
      }
      lines.push(line);
      used += line.length + 1;
    }
    if (hidden > 0 && !lines[lines.length - 1]?.startsWith('…')) {
      const more = `… +${hidden} more (All measurements)`;
      if (used + more.length + 1 <= descMax) lines.push(more);
    }
    if (lines.length) desc += head + lines.join('\n');
  }
  return clip(desc, descMax);
}

/** Description and fields into the embed, shrunk by priority until the whole embed fits 6,000: notes, then description, then the whys. */
function fitEmbed(
  embed: DiscordEmbed,
  reply: Reply,
  strategies: DiscordEmbedField[],
  notes: DiscordEmbedField | undefined,
): void {
  const L = DISCORD_LIMITS;
  let fields = [...strategies, ...(notes ? [notes] : [])];
  let summaryMax = 1500;
  let descMax: number = L.embedDescription;
  embed.description = description(reply, summaryMax, descMax);
  embed.fields = fields;
  for (let guard = 0; embedLength(embed) > L.embedTotal && guard < 60; guard++) {
    const over = embedLength(embed) - L.embedTotal;
    if (notes && fields.includes(notes)) {
      fields = fields.filter((f) => f !== notes);
    } else if ((embed.description?.length ?? 0) > 600) {
      descMax = Math.max(600, (embed.description?.length ?? 0) - over - 10);
      summaryMax = Math.min(summaryMax, Math.max(300, descMax - 300));
      embed.description = description(reply, summaryMax, descMax);
    } else {
      const longest = fields.reduce((a, f, i) => (f.value.length > fields[a].value.length ? i : a), 0);
      const f = fields[longest];
      fields = fields.map((x, i) =>
        i === longest ? { ...f, value: clip(f.value, Math.max(40, f.value.length - over - 10)) } : x,
      );
    }
    embed.fields = fields;
  }
  if (!embed.fields?.length) delete embed.fields;
}

/** Buttons, 25 at most: the first ten "show code", then evidence, explain, dialects, then the rest; in rows of five. */
function buttonRows(reply: Reply): DiscordActionRow[] {
  const L = DISCORD_LIMITS;
  const maxButtons = L.buttonsPerRow * L.rowsPerMessage;
  const code = reply.actions.filter((a) => a.kind === 'show_code');
  const prio = [
    ...code.slice(0, 10),
    ...reply.actions.filter((a) => a.kind === 'show_evidence' || a.kind === 'explain_pattern'),
    ...reply.actions.filter((a) => a.kind === 'switch_dialect'),
    ...reply.actions.filter((a) => a.kind === 'explain_finding' || a.kind === 'why'),
    ...code.slice(10),
  ];
  const chosen = new Set(prio.slice(0, maxButtons));
  const buttons: DiscordButton[] = reply.actions
    .filter((a) => chosen.has(a))
    .map((a) => ({
      type: 2,
      style: a.kind === 'show_code' ? 1 : 2,
      label: clip(a.label, L.buttonLabel),
      custom_id: a.id.slice(0, L.customId),
    }));
  const components: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length; i += L.buttonsPerRow)
    components.push({ type: 1, components: buttons.slice(i, i + L.buttonsPerRow) });
  return components;
}

/** Every strategy's code (and the reply's other code blocks) as ready messages. */
function codeBlocksOf(reply: Reply, dialect: DialectId): DiscordCodeBlock[] {
  const codeBlocks = reply.strategies.map((s) => ({
    id: s.id,
    title: s.title,
    dialect,
    messages: codeMessages(s.title, s.code[dialect], codeFor(reply, dialect)),
  }));
  for (const b of reply.codeBlocks)
    if (!codeBlocks.some((c) => c.id === b.id))
      codeBlocks.push({
        id: b.id,
        title: b.title,
        dialect,
        messages: codeMessages(b.title, b.code, codeFor(reply, dialect)),
      });
  return codeBlocks;
}

/** The summary; in an advice reply our "- " list markers stay lists and the rest of each line is user text. */
function summaryText(reply: Reply): string {
  if (!quotesLog(reply)) return ours(reply.summary);
  return reply.summary
    .split('\n')
    .map((l) => (l.startsWith('- ') ? `- ${prose(l.slice(2))}` : prose(l)))
    .join('\n');
}

/** Split code into <= 2,000-char messages, each a complete ```python fence, cut at line ends. */
export function codeMessages(title: string, code: string, dialect: DialectId | typeof RL_CODE_LABEL): string[] {
  const L = DISCORD_LIMITS.content;
  const open = '```python\n';
  const close = '\n```';
  const header = (i: number, n: number) =>
    `**${clip(ours(title.replace(/\s+/g, ' ')), 150)}** (${dialect}${n > 1 ? `, part ${i}/${n}` : ''})\n`;
  const budget = L - open.length - close.length - 220; // room for the header
  // the snippets can quote a column name (monitor='...'): it must not close the block
  const lines = inCode(code).trimEnd().split('\n');
  const chunks: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (let line of lines) {
    while (line.length > budget) {
      // a single over-long line (never in our snippets): hard-split it
      if (cur.length) (chunks.push(cur.join('\n')), (cur = []), (len = 0));
      chunks.push(line.slice(0, budget));
      line = line.slice(budget);
    }
    if (len + line.length + 1 > budget && cur.length) {
      chunks.push(cur.join('\n'));
      cur = [];
      len = 0;
    }
    cur.push(line);
    len += line.length + 1;
  }
  if (cur.length) chunks.push(cur.join('\n'));
  return chunks.map((c, i) => header(i + 1, chunks.length) + open + c + close);
}

/** The messages for a "show evidence" click: every measurement, <= 2,000 chars per message, split at lines. */
export function discordEvidence(reply: Reply): string[] {
  const lines = reply.evidence.map((e) => `• ${md(reply, e.text, Infinity)}`);
  if (!lines.length) return ['No measurements.'];
  const out: string[] = [];
  let cur = '**Measurements**';
  for (const l of lines) {
    const line = clip(l, DISCORD_LIMITS.content - 20);
    if (cur.length + 1 + line.length > DISCORD_LIMITS.content) {
      out.push(cur);
      cur = line;
    } else cur += '\n' + line;
  }
  out.push(cur);
  return out;
}

/** What a reply's code is written for: its dialect, or an agent's libraries (the same code in every dialect). */
export function codeFor(reply: Reply, dialect: DialectId): DialectId | typeof RL_CODE_LABEL {
  return reply.rl ? RL_CODE_LABEL : dialect;
}

/** The messages for one "show code" click (strategy id, optional dialect). */
export function discordCode(reply: Reply, strategyId: string, dialect: DialectId = reply.dialect): string[] {
  const s = reply.strategies.find((x) => x.id === strategyId);
  if (s) return codeMessages(s.title, s.code[dialect], codeFor(reply, dialect));
  const b = reply.codeBlocks.find((x) => x.id === strategyId);
  return b
    ? codeMessages(b.title, b.code, codeFor(reply, b.dialect))
    : [
        clip(
          `No code named ${quote(strategyId)}; available: ${reply.strategies.map((x) => x.id).join(', ')}`,
          DISCORD_LIMITS.content,
        ),
      ];
}
