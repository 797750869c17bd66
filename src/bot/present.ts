/**
 * How things look on Discord. What to say comes from src/advise (Reply -> toDiscord pieces, budgeted);
 * this file only arranges it: the chart as an attachment, the embed, a "show code" select, a dialect
 * select under the code, and the teaching buttons. Custom ids are `ct|<key>|<op>|<arg>`, where key
 * points into the in-memory ReplyStore (`-` for stateless ones).
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { DIALECTS, DIALECT_LABELS, discordCode, toDiscord, type DialectId, type Reply } from '../advise/index.js';
import { patternLabel } from '../diagnose/schema.js';
import type { Diagnosed } from './work/task.js';
import type { ReplyStore } from './store.js';

export const IMAGE_NAME = 'curve.png';
export const COMPARE_IMAGE_NAME = 'compare.png';
const LIMITS = { content: 2000, optionLabel: 100, optionDesc: 100, buttonLabel: 80, customId: 100, selectOptions: 25 } as const;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;
export interface View {
  content?: string;
  embeds: APIEmbed[];
  components: Row[];
  files?: { attachment: Buffer; name: string; description?: string }[];
}

export function clipText(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)).trimEnd() + '…';
}

/**
 * User-controlled text (column names, run labels, parser warnings quoting the file, user names) shown
 * in our own lines: one line, no markdown links or formatting, no mentions, bounded.
 */
export function plain(s: string, max = 120): string {
  return clipText(
    s
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[\\`*_~|>#\[\]()<]/g, (c) => `\\${c}`)
      .replace(/@/g, '@\u200b')
      .replace(/https?:\/\//gi, (m) => m.replace('//', '/\u200b/')),
    max,
  );
}

export function customId(key: string, op: string, ...args: string[]): string | undefined {
  const id = ['ct', key, op, ...args].join('|');
  return id.length <= LIMITS.customId ? id : undefined;
}

export function parseCustomId(id: string): { key: string; op: string; args: string[] } | undefined {
  const p = id.split('|');
  if (p[0] !== 'ct' || p.length < 3) return undefined;
  return { key: p[1], op: p[2], args: p.slice(3) };
}

/** The reply's actions as components: one "show code" select, then teaching buttons. */
export function actionRows(reply: Reply, key: string): Row[] {
  const rows: Row[] = [];
  const code = reply.actions.filter((a) => a.kind === 'show_code' && a.arg);
  if (code.length) {
    const id = customId(key, 'code');
    if (id)
      rows.push({
        type: 1,
        components: [
          {
            type: 3,
            custom_id: id,
            placeholder: 'Show the code for a fix…',
            min_values: 1,
            max_values: 1,
            options: code.slice(0, LIMITS.selectOptions).map((a) => ({
              label: clipText(a.label.replace(/^Code:\s*/, ''), LIMITS.optionLabel),
              value: a.arg!.slice(0, 100),
              description: clipText(`${reply.dialect} · tap to see runnable code`, LIMITS.optionDesc),
            })),
          },
        ],
      });
  }
  const buttons = reply.actions
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.kind !== 'show_code' && a.kind !== 'switch_dialect')
    .map(({ a, i }) => {
      const id = a.kind === 'explain_pattern' || a.kind === 'explain_finding' ? customId('-', 'ex', a.arg ?? '', reply.dialect) : customId(key, 'a', String(i));
      return id ? { type: 2 as const, style: 2 as const, label: clipText(a.label, LIMITS.buttonLabel), custom_id: id } : undefined;
    })
    .filter((b): b is NonNullable<typeof b> => !!b)
    .slice(0, 5);
  if (buttons.length) rows.push({ type: 1, components: buttons });
  return rows;
}

/** A Reply (advice, explain, why) as an embed with its components; the reply is kept for its buttons. */
export function replyView(reply: Reply, store: ReplyStore, options: { dialect?: DialectId; packed?: Uint8Array } = {}): View {
  const pieces = toDiscord(reply, options.dialect ? { dialect: options.dialect } : {});
  const key = store.put(options.dialect ? { ...reply, dialect: options.dialect } : (options.packed ?? reply));
  return { embeds: pieces.embeds as APIEmbed[], components: actionRows(reply, key) };
}

function footnotes(r: Diagnosed): string[] {
  const lines: string[] = [];
  const run = r.diagnosis.run;
  lines.push(`-# read as ${plain(r.format, 40)}${run.count > 1 ? ` · run ${run.index + 1} of ${run.count}${run.label ? ` (${plain(run.label, 60)})` : ''}` : ''} · ${r.diagnosis.evidence.points} ${r.diagnosis.evidence.x_axis}s`);
  if (r.perRun && r.perRun.length > 1)
    for (const p of r.perRun.slice(0, 10)) lines.push(`-# run ${p.run.index + 1}: ${patternLabel(p.pattern)} (${Math.round(p.confidence * 100)}%)`);
  if (r.metricNotFound) {
    const used = [r.diagnosis.series.val, r.diagnosis.series.train].filter(Boolean).join(' / ') || 'the default series';
    lines.push(`-# ⚠ no series named \`${r.metricNotFound.replace(/[`\n]/g, '').slice(0, 60)}\`; read ${plain(used, 80)} instead. In this log: ${r.seriesNames.slice(0, 12).map((n) => plain(n, 40)).join(', ')}`);
  }
  for (const w of r.warnings.slice(0, 3)) lines.push(`-# ⚠ ${plain(w, 300)}`);
  return lines;
}

/** The /diagnose answer: chart, advice embed, code select, teaching buttons. */
export function diagnosisView(r: Diagnosed, png: Uint8Array, store: ReplyStore, source?: string): View {
  const v = replyView(r.reply, store, { packed: r.replyPacked });
  const head = source ? [`-# ${plain(source, 120)}`] : [];
  const content = clipText([...head, ...footnotes(r)].join('\n'), LIMITS.content);
  return {
    ...v,
    content,
    files: [{ attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength), name: IMAGE_NAME, description: clipText(r.diagnosis.headline, 1000) }],
  };
}

/** /compare: the overlay chart and both verdicts side by side; each full advice one click away. */
export function compareView(names: [string, string], rs: [Diagnosed, Diagnosed], png: Uint8Array, store: ReplyStore): View {
  const keys = rs.map((r) => store.put(r.replyPacked));
  const field = (name: string, r: Diagnosed) => ({
    name: clipText(`${name}`, 256),
    value: clipText(
      [`**${patternLabel(r.diagnosis.pattern)}** · ${Math.round(r.diagnosis.confidence * 100)}%`, r.diagnosis.headline, `-# ${r.format} · ${r.diagnosis.evidence.points} ${r.diagnosis.evidence.x_axis}s`].join('\n'),
      1024,
    ),
    inline: true,
  });
  const embed: APIEmbed = {
    title: clipText(`${names[0]} vs ${names[1]}`, 256),
    color: 0x3498db,
    fields: [field(`A: ${names[0]}`, rs[0]), field(`B: ${names[1]}`, rs[1])],
    image: { url: `attachment://${COMPARE_IMAGE_NAME}` },
  };
  const buttons = (['A', 'B'] as const)
    .map((l, i) => {
      const id = customId(keys[i], 'full');
      return id ? { type: 2 as const, style: 1 as const, label: clipText(`Advice for ${l}: ${names[i]}`, LIMITS.buttonLabel), custom_id: id } : undefined;
    })
    .filter((b): b is NonNullable<typeof b> => !!b);
  return {
    embeds: [embed],
    components: buttons.length ? [{ type: 1, components: buttons }] : [],
    files: [{ attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength), name: COMPARE_IMAGE_NAME }],
  };
}

/** The code of one strategy in one dialect, with a dialect select to switch (first message; the rest follow). */
export function codeView(reply: Reply, key: string, strategyId: string, dialect: DialectId): { first: View; rest: string[] } {
  const msgs = discordCode(reply, strategyId, dialect).map((m) => clipText(m, LIMITS.content));
  const id = customId(key, 'dia', strategyId);
  const components: Row[] = id
    ? [
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: id,
              placeholder: 'Keras dialect',
              options: DIALECTS.map((d) => ({ label: d, value: d, description: clipText(DIALECT_LABELS[d].replace(/`/g, ''), LIMITS.optionDesc), default: d === dialect })),
            },
          ],
        },
      ]
    : [];
  return { first: { content: msgs[0] ?? 'No code for that.', embeds: [], components }, rest: msgs.slice(1) };
}

/** The evidence lines of a reply (the "show evidence" action). */
export function evidenceView(reply: Reply): View {
  const lines = reply.evidence.map((e) => `• ${e.text}`);
  return { embeds: [{ title: clipText(`Evidence · ${reply.title}`, 256), description: clipText(lines.join('\n') || 'No evidence lines.', 4096) }], components: [] };
}

/** A plain message for refusals and errors. */
export function noticeView(text: string): View {
  return { content: clipText(text, LIMITS.content), embeds: [], components: [] };
}
