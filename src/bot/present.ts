/**
 * How things look on Discord. What to say comes from src/advise (a Reply; discord.ts fits it into
 * Discord's budgets); this file only arranges it, and shows user text only through text.ts: the chart as an attachment, the embed, a "show code" select, a dialect
 * select under the code, and the teaching buttons. Custom ids are `ct|<key>|<op>|<arg>`, where key
 * points into the reply store (store.ts) (`-` for stateless ones).
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { DIALECTS, DIALECT_LABELS, type DialectId, type Reply } from '../advise/index.js';
import { codeFor, discordCode, toDiscord } from './discord.js';
import { clip, clipText, DISCORD_LIMITS, label, line, prose, quote } from './text.js';
import { patternLabel, verdictLabel, xUnitOf } from '../diagnose/schema.js';
import type { Diagnosed } from './work/task.js';
import type { Replies } from './store.js';

export const IMAGE_NAME = 'curve.png';
export const COMPARE_IMAGE_NAME = 'compare.png';
const LIMITS = DISCORD_LIMITS;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;
export interface View {
  content?: string;
  embeds: APIEmbed[];
  components: Row[];
  files?: { attachment: Buffer; name: string; description?: string }[];
}

export { clipText };

/**
 * A View as a discord.js message body: the one conversion behind every reply, edit, follow-up,
 * update and notice. Nobody is pinged, whatever the text says.
 */
export function messageOf(view: View) {
  return {
    content: view.content ?? '',
    embeds: view.embeds,
    components: view.components,
    files: view.files ?? [],
    allowedMentions: { parse: [] as [] },
  };
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
              label: label(a.label.replace(/^Code:\s*/, ''), LIMITS.optionLabel),
              value: a.arg!.slice(0, 100),
              description: clipText(`${codeFor(reply, reply.dialect)} · tap to see runnable code`, LIMITS.optionDesc),
            })),
          },
        ],
      });
  }
  const buttons = reply.actions
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => a.kind !== 'show_code' && a.kind !== 'switch_dialect')
    .map(({ a, i }) => {
      const id =
        a.kind === 'explain_pattern' || a.kind === 'explain_finding'
          ? customId('-', 'ex', a.arg ?? '', reply.dialect)
          : customId(key, 'a', String(i));
      return id
        ? { type: 2 as const, style: 2 as const, label: label(a.label, LIMITS.buttonLabel), custom_id: id }
        : undefined;
    })
    .filter((b): b is NonNullable<typeof b> => !!b)
    .slice(0, 5);
  if (buttons.length) rows.push({ type: 1, components: buttons });
  return rows;
}

/** A Reply (advice, explain, why) as an embed with its components; the reply is kept for its buttons. */
export function replyView(
  reply: Reply,
  store: Replies,
  options: { dialect?: DialectId; packed?: Uint8Array } = {},
): View {
  const pieces = toDiscord(reply, options.dialect ? { dialect: options.dialect } : {});
  const key = store.put(options.dialect ? { ...reply, dialect: options.dialect } : (options.packed ?? reply));
  return { embeds: pieces.embeds as APIEmbed[], components: actionRows(reply, key) };
}

function footnotes(r: Diagnosed): string[] {
  const lines: string[] = [];
  const run = r.diagnosis.run;
  lines.push(
    `-# read as ${line(r.format, 40)}${run.count > 1 ? ` · run ${run.index + 1} of ${run.count}${run.label ? ` (${line(run.label, 60)})` : ''}` : ''} · ${r.diagnosis.evidence.points} ${line(xUnitOf(r.diagnosis.evidence), 20)}s`,
  );
  if (r.perRun && r.perRun.length > 1)
    for (const p of r.perRun.slice(0, 10))
      lines.push(`-# run ${p.run.index + 1}: ${patternLabel(p.pattern)} (${Math.round(p.confidence * 100)}%)`);
  if (r.metricNotFound) {
    const used = [r.diagnosis.series.val, r.diagnosis.series.train].filter(Boolean).join(' / ') || 'the default series';
    lines.push(
      `-# ⚠ no series named ${quote(r.metricNotFound, 60)}; read ${line(used, 80)} instead. In this log: ${r.seriesNames
        .slice(0, 12)
        .map((n) => line(n, 40))
        .join(', ')}`,
    );
  }
  // parser warnings quote the file
  for (const w of r.warnings.slice(0, 3)) lines.push(`-# ⚠ ${line(w, 300)}`);
  return lines;
}

/** The /diagnose answer: chart, advice embed, code select, teaching buttons. */
export function diagnosisView(r: Diagnosed, png: Uint8Array, store: Replies, source?: string): View {
  const v = replyView(r.reply, store, { packed: r.replyPacked });
  const head = source ? [`-# ${line(source, 120)}`] : [];
  const content = clip([...head, ...footnotes(r)].join('\n'), LIMITS.content);
  return {
    ...v,
    content,
    files: [
      {
        attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength),
        name: IMAGE_NAME,
        description: label(r.diagnosis.headline, 1000),
      },
    ],
  };
}

/** /compare: the overlay chart and both verdicts side by side; each full advice one click away. `names` are the user's file names. */
export function compareView(
  names: [string, string],
  rs: [Diagnosed, Diagnosed],
  png: Uint8Array,
  store: Replies,
): View {
  const keys = rs.map((r) => store.put(r.replyPacked));
  const field = (name: string, r: Diagnosed) => ({
    name: clip(name, 256),
    value: clip(
      // the headline quotes the log's column names
      [
        `**${verdictLabel(r.diagnosis)}** · ${Math.round(r.diagnosis.confidence * 100)}%`,
        prose(r.diagnosis.headline),
        `-# ${line(r.format, 40)} · ${r.diagnosis.evidence.points} ${line(xUnitOf(r.diagnosis.evidence), 20)}s`,
      ].join('\n'),
      1024,
    ),
    inline: true,
  });
  const embed: APIEmbed = {
    title: clip(`${line(names[0], 110)} vs ${line(names[1], 110)}`, 256),
    color: 0x3498db,
    fields: [field(`A: ${line(names[0], 200)}`, rs[0]), field(`B: ${line(names[1], 200)}`, rs[1])],
    image: { url: `attachment://${COMPARE_IMAGE_NAME}` },
  };
  const buttons = (['A', 'B'] as const)
    .map((l, i) => {
      const id = customId(keys[i], 'full');
      return id
        ? {
            type: 2 as const,
            style: 1 as const,
            label: label(`Advice for ${l}: ${names[i]}`, LIMITS.buttonLabel),
            custom_id: id,
          }
        : undefined;
    })
    .filter((b): b is NonNullable<typeof b> => !!b);
  return {
    embeds: [embed],
    components: buttons.length ? [{ type: 1, components: buttons }] : [],
    files: [{ attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength), name: COMPARE_IMAGE_NAME }],
  };
}

/** The code of one strategy in one dialect, with a dialect select to switch (first message; the rest follow). */
export function codeView(
  reply: Reply,
  key: string,
  strategyId: string,
  dialect: DialectId,
): { first: View; rest: string[] } {
  const msgs = discordCode(reply, strategyId, dialect).map((m) => clip(m, LIMITS.content));
  // an agent's code is the same in every dialect: nothing to switch
  const id = reply.rl ? undefined : customId(key, 'dia', strategyId);
  const components: Row[] = id
    ? [
        {
          type: 1,
          components: [
            {
              type: 3,
              custom_id: id,
              placeholder: 'Keras dialect',
              options: DIALECTS.map((d) => ({
                label: d,
                value: d,
                description: label(DIALECT_LABELS[d].replace(/`/g, ''), LIMITS.optionDesc),
                default: d === dialect,
              })),
            },
          ],
        },
      ]
    : [];
  return { first: { content: msgs[0] ?? 'No code for that.', embeds: [], components }, rest: msgs.slice(1) };
}

/** The evidence lines of a reply (the "show evidence" action). */
export function evidenceView(reply: Reply): View {
  // evidence lines name the log's columns
  const lines = reply.evidence.map((e) => `• ${line(e.text, 300)}`);
  return {
    embeds: [
      {
        title: clip(`Evidence · ${line(reply.title, 240)}`, 256),
        description: clip(lines.join('\n') || 'No evidence lines.', 4096),
      },
    ],
    components: [],
  };
}

/** A message for refusals and errors: `text` is our Markdown, any user text in it already through text.ts. */
export function noticeView(text: string): View {
  return { content: clip(text, LIMITS.content), embeds: [], components: [] };
}
