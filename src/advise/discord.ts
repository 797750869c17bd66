/**
 * Reply -> Discord-ready pieces (plain JSON shapes of the API's embed, button and message objects;
 * no discord.js). Every piece is within Discord's budgets, cut at line/word boundaries by priority,
 * so the Discord layer never has to cut text blindly. Long code goes behind "show code" buttons.
 */
import type { DialectId } from './dialect.js';
import type { Reply } from './reply.js';

/** Discord limits (DISCORD.md section 5, api-docs resources/message.mdx "Embed Limits"). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
} as const;

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

/** Shorten to at most `max` chars, at a line or word boundary when one is near, with an ellipsis. */
export function clip(s: string, max: number): string {
  if (max <= 0) return '';
  if (s.length <= max) return s;
  if (max <= 1) return '…'.slice(0, max);
  const room = max - 1;
  const cut = s.slice(0, room);
  const nl = cut.lastIndexOf('\n');
  const sp = cut.lastIndexOf(' ');
  const at = nl > room * 0.6 ? nl : sp > room * 0.6 ? sp : room;
  let head = cut.slice(0, at).trimEnd();
  // never leave an odd number of backticks (an open code span)
  if ((head.match(/`/g) ?? []).length % 2 === 1) head = head.slice(0, head.lastIndexOf('`')).trimEnd();
  return head + '…';
}

/** Escape Discord markdown (_ * ~ | >) outside `code spans`. */
export function escapeDiscord(s: string): string {
  return s
    .split(/(`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([_*~|\\])/g, '\\$1')))
    .join('');
}

function safe(s: string, max: number): string {
  // escape first, then clip; clip never cuts inside an escape pair because it cuts at spaces when it can
  let e = clip(escapeDiscord(s), max);
  if (/(^|[^\\])(\\\\)*\\…$/.test(e)) e = e.slice(0, -2) + '…';
  return e;
}

export interface DiscordOptions {
  dialect?: DialectId;
  /** max strategies shown as fields (default: all, up to 20) */
  maxFields?: number;
}

/** Embed length as Discord counts it: title + description + field names/values + footer + author. */
export function embedLength(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((a, f) => a + f.name.length + f.value.length, 0);
}

export function toDiscord(reply: Reply, options: DiscordOptions = {}): DiscordPieces {
  const L = DISCORD_LIMITS;
  const dialect = options.dialect ?? reply.dialect;
  const title = safe(reply.title.replace(/\s+/g, ' '), L.embedTitle);
  const footer = safe(
    `Code: ${dialect}${reply.dialectSource === 'log' ? ' (from your log)' : reply.dialectSource === 'override' ? ' (your choice)' : ''}${reply.match ? ` · matched ${reply.match.id} (${reply.match.score})` : ''}`,
    L.footer,
  );

  // fields: one per strategy (why + cited numbers), then notes
  const maxFields = Math.min(options.maxFields ?? 20, L.embedFields - 1);
  const strategyFields: DiscordEmbedField[] = reply.strategies.slice(0, maxFields).map((s) => {
    const cites = s.cites.length ? `\n_${s.cites.map((c) => `${c.label}: ${c.shown}`).join(' · ')}_` : '';
    const why = escapeDiscord(s.why);
    const citesE = cites ? escapeDiscordKeepItalics(cites) : '';
    const value = citesE.length < L.fieldValue / 2 ? clip(why, L.fieldValue - citesE.length) + citesE : clip(why + citesE, L.fieldValue);
    return { name: safe(`${s.rank}. ${s.title}`, L.fieldName), value: value || '…' };
  });
  const notesField: DiscordEmbedField | undefined = reply.notes.length
    ? { name: 'Notes', value: safe(reply.notes.map((n) => `• ${n}`).join('\n'), L.fieldValue) }
    : undefined;

  // description: summary, then the telling evidence lines (all lines are behind "All measurements")
  const keyLines = reply.evidence.filter((e) => e.key);
  const shown = keyLines.length ? keyLines : reply.evidence.slice(0, DESCRIPTION_EVIDENCE_FALLBACK);
  const hidden = reply.evidence.length - shown.length;
  const evidence = shown.map((e) => `• ${e.text}`);
  const buildDescription = (summaryMax: number, descMax: number): string => {
    const summary = safe(reply.summary, summaryMax);
    let desc = summary + (reply.match?.also ? `\n\nalso: ${escapeDiscord(reply.match.also.title)}` : '');
    if (evidence.length) {
      const head = '\n\n**Evidence**\n';
      const lines: string[] = [];
      let used = desc.length + head.length;
      for (let i = 0; i < evidence.length; i++) {
        const line = escapeDiscord(evidence[i]);
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
  };

  const embed: DiscordEmbed = { title, color: COLORS[reply.pattern ?? ''] ?? 0x3498db, footer: { text: footer } };
  if (reply.image) embed.image = { url: `attachment://${reply.image.attachment}` };
  let fields = [...strategyFields, ...(notesField ? [notesField] : [])];
  let summaryMax = 1500;
  let descMax: number = L.embedDescription;
  embed.description = buildDescription(summaryMax, descMax);
  embed.fields = fields;
  // shrink by priority until the whole embed fits 6,000: notes, then description, then the whys
  for (let guard = 0; embedLength(embed) > L.embedTotal && guard < 60; guard++) {
    const over = embedLength(embed) - L.embedTotal;
    if (notesField && fields.includes(notesField)) {
      fields = fields.filter((f) => f !== notesField);
    } else if ((embed.description?.length ?? 0) > 600) {
      descMax = Math.max(600, (embed.description?.length ?? 0) - over - 10);
      summaryMax = Math.min(summaryMax, Math.max(300, descMax - 300));
      embed.description = buildDescription(summaryMax, descMax);
    } else {
      const longest = fields.reduce((a, f, i) => (f.value.length > fields[a].value.length ? i : a), 0);
      const f = fields[longest];
      fields = fields.map((x, i) => (i === longest ? { ...f, value: clip(f.value, Math.max(40, f.value.length - over - 10)) } : x));
    }
    embed.fields = fields;
  }
  if (!embed.fields?.length) delete embed.fields;

  // buttons: show code per strategy first, then explain, then switch dialect
  // 25 buttons at most: the first ten "show code", then evidence, explain, dialects, then the rest
  const maxButtons = L.buttonsPerRow * L.rowsPerMessage;
  const code = reply.actions.filter((a) => a.kind === 'show_code');
  const prio = [...code.slice(0, 10), ...reply.actions.filter((a) => a.kind === 'show_evidence' || a.kind === 'explain_pattern'), ...reply.actions.filter((a) => a.kind === 'switch_dialect'), ...reply.actions.filter((a) => a.kind === 'explain_finding' || a.kind === 'why'), ...code.slice(10)];
  const chosen = new Set(prio.slice(0, maxButtons));
  const buttons: DiscordButton[] = reply.actions.filter((a) => chosen.has(a)).map((a) => ({
    type: 2,
    style: a.kind === 'show_code' ? 1 : 2,
    label: clip(a.label, L.buttonLabel),
    custom_id: a.id.slice(0, L.customId),
  }));
  const components: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length; i += L.buttonsPerRow) components.push({ type: 1, components: buttons.slice(i, i + L.buttonsPerRow) });

  const codeBlocks = reply.strategies.map((s) => ({ id: s.id, title: s.title, dialect, messages: codeMessages(s.title, s.code[dialect], dialect) }));
  for (const b of reply.codeBlocks) if (!codeBlocks.some((c) => c.id === b.id)) codeBlocks.push({ id: b.id, title: b.title, dialect, messages: codeMessages(b.title, b.code, dialect) });

  return {
    embeds: [embed],
    components,
    attachments: reply.image ? [reply.image.attachment] : [],
    codeBlocks,
  };
}

function escapeDiscordKeepItalics(s: string): string {
  // the cites line is wrapped in _..._ for italics: escape the inside only
  const m = /^\n_(.*)_$/s.exec(s);
  return m ? `\n_${escapeDiscord(m[1])}_` : escapeDiscord(s);
}

/** Split code into <= 2,000-char messages, each a complete ```python fence, cut at line ends. */
export function codeMessages(title: string, code: string, dialect: DialectId): string[] {
  const L = DISCORD_LIMITS.content;
  const open = '```python\n';
  const close = '\n```';
  const header = (i: number, n: number) => `**${clip(escapeDiscord(title.replace(/\s+/g, ' ')), 150)}** (${dialect}${n > 1 ? `, part ${i}/${n}` : ''})\n`;
  const budget = L - open.length - close.length - 220; // room for the header
  const lines = code.replace(/```/g, "'''").trimEnd().split('\n');
  const chunks: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (let line of lines) {
    while (line.length > budget) {
      // a single over-long line (never in our snippets): hard-split it
      if (cur.length) chunks.push(cur.join('\n')), (cur = []), (len = 0);
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
  const lines = reply.evidence.map((e) => escapeDiscord(`• ${e.text}`));
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

/** The messages for one "show code" click (strategy id, optional dialect). */
export function discordCode(reply: Reply, strategyId: string, dialect: DialectId = reply.dialect): string[] {
  const s = reply.strategies.find((x) => x.id === strategyId);
  if (s) return codeMessages(s.title, s.code[dialect], dialect);
  const b = reply.codeBlocks.find((x) => x.id === strategyId);
  return b ? codeMessages(b.title, b.code, b.dialect) : [clip(`No code named ${strategyId}; available: ${reply.strategies.map((x) => x.id).join(', ')}`, DISCORD_LIMITS.content)];
}

