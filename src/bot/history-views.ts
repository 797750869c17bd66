/**
 * What the team-memory commands show: /settings, the /history page with Prev/Next buttons, /best's
 * leaderboard, the config diff of /compare by id, and the CSV/JSON of /export. Pure builders of View
 * objects and files; the commands (commands/settings.ts, history.ts, ...) do the I/O.
 *
 * Paging is stateless: a page button carries the query (user, pattern, the `since` frozen to a time,
 * limit), the page number it shows, and the store's keyset cursor of the page it came from (older or
 * newer than it) in its custom id. One click is one indexed query however deep the page, and the
 * buttons survive restarts and work in every bot process.
 */
import type { APIEmbed } from 'discord.js';
import {
  configChanges,
  formatRunId,
  type BestEntry,
  type Page,
  type RunSummary,
  type ScopeSettings,
} from '../memory/index.js';
import { PATTERNS, patternLabel, type Pattern } from '../diagnose/schema.js';
import { sigOrDash } from '../util/format.js';
import { customId, type View } from './present.js';
import { clip, clipText, line, quote } from './text.js';
import { keptText, settingsLine, who } from './memory.js';

type Row = View['components'][number];
const g = (v: number | null | undefined) => sigOrDash(v ?? undefined, 4);
/** Discord renders <t:SECONDS:R> as "3 hours ago" in the reader's own language and time zone */
const when = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;

// ---------------------------------------------------------------- /settings

export function settingsView(s: ScopeSettings | undefined, where: 'server' | 'dm', changed: boolean): View {
  const head = changed
    ? s?.enabled
      ? `History is now **on** ${where === 'server' ? 'for this server' : 'for your DMs with me'}, kept for ${s.retentionDays} day${s.retentionDays === 1 ? '' : 's'}.`
      : `History is now **off** ${where === 'server' ? 'for this server' : 'for your DMs with me'}: nothing new is kept. Runs already kept stay until they expire; \`/forget\` deletes them now.`
    : settingsLine(s);
  return {
    embeds: [
      {
        title: 'Team memory',
        color: s?.enabled ? 0x2ecc71 : 0x95a5a6,
        description: clip([head, '', keptText(s?.enabled ? s.retentionDays : undefined, where)].join('\n'), 4096),
        footer: {
          text:
            where === 'server'
              ? 'Only members with Manage Server can change this. /history, /show, /compare, /best, /forget, /export.'
              : 'In DMs each person decides for themselves. /history, /show, /compare, /best, /forget, /export.',
        },
      },
    ],
    components: [],
  };
}

// ---------------------------------------------------------------- /history

/** The query a /history page answers, as it travels in a page button's custom id. */
export interface HistoryQuery {
  userId?: string;
  pattern?: Pattern;
  /** ms since the epoch (frozen when /history ran, so every page reads the same window) */
  since?: number;
  limit: number;
}

export const HISTORY_OP = 'hp';

/** Where a page starts: the runs older than a cursor (Older), or just newer than one (Newer). Page 0 needs none. */
export interface PageAt {
  dir: 'older' | 'newer';
  cursor: string;
}

/** the store's cursors are base64url; anything else in a custom id is not one of ours */
const CURSOR = /^[A-Za-z0-9_-]{1,64}$/;
/** a page number only labels the page (the cursor finds it); this bounds what a forged id can print */
const MAX_PAGE_NO = 10_000_000;

export function pageId(q: HistoryQuery, page: number, at?: PageAt): string | undefined {
  return customId(
    '-',
    HISTORY_OP,
    String(page),
    q.userId ?? '',
    q.pattern ? String(PATTERNS.indexOf(q.pattern)) : '',
    q.since !== undefined ? q.since.toString(36) : '',
    String(q.limit),
    ...(at ? [at.dir === 'older' ? 'o' : 'n', at.cursor] : []),
  );
}

/** The query, page and cursor of a page button (args after the op); undefined for anything malformed. */
export function readPageId(args: string[]): { q: HistoryQuery; page: number; at?: PageAt } | undefined {
  const [p, user, pat, since, limit, dir, cursor] = args;
  const page = Number(p);
  const lim = Number(limit);
  if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE_NO) return undefined;
  if (!Number.isInteger(lim) || lim < 1 || lim > 25) return undefined;
  if (user && !/^\d{1,25}$/.test(user)) return undefined;
  const pattern = pat ? PATTERNS[Number(pat)] : undefined;
  if (pat && !pattern) return undefined;
  const s = since ? parseInt(since, 36) : undefined;
  if (since && !Number.isSafeInteger(s)) return undefined;
  if (dir !== undefined && !((dir === 'o' || dir === 'n') && cursor !== undefined && CURSOR.test(cursor)))
    return undefined;
  return {
    page,
    q: {
      limit: lim,
      ...(user ? { userId: user } : {}),
      ...(pattern ? { pattern } : {}),
      ...(s !== undefined ? { since: s } : {}),
    },
    ...(dir ? { at: { dir: dir === 'o' ? ('older' as const) : ('newer' as const), cursor: cursor! } } : {}),
  };
}

/** One run as a /history line: id, who, when, verdict, best validation value, what it was. */
export function runLine(r: RunSummary): string {
  const best =
    r.bestValue !== null && r.valKey
      ? ` · best ${line(r.valKey, 30)} ${g(r.bestValue)}${(r.bestLabel ?? r.bestX) !== null ? ` @${r.xUnit === 'epoch' ? 'ep' : r.xUnit} ${g(r.bestLabel ?? r.bestX)}` : ''}`
      : '';
  return `\`${formatRunId(r.id)}\` ${who(r.userId)} ${when(r.createdAt)} · **${patternLabel(r.pattern)}** ${Math.round(r.confidence * 100)}%${best}\n-# ${r.source.replace('_', '-')} · ${line(r.title, 160)}`;
}

export function historyView(page: Page<RunSummary>, q: HistoryQuery, pageNo: number, where: 'server' | 'dm'): View {
  const filters = [
    q.userId ? `by ${who(q.userId)}` : '',
    q.pattern ? patternLabel(q.pattern).toLowerCase() : '',
    q.since !== undefined ? `since <t:${Math.floor(q.since / 1000)}:f>` : '',
  ].filter(Boolean);
  const lines = page.items.map(runLine);
  const embed: APIEmbed = {
    title: clipText(
      `History${where === 'server' ? ' of this server' : ''}${filters.length ? ' (filtered)' : ''} · page ${pageNo + 1}`,
      256,
    ),
    color: 0x3498db,
    description: clip(
      [
        ...(filters.length ? [`-# ${filters.join(' · ')}`] : []),
        lines.length ? lines.join('\n') : pageNo === 0 ? 'No runs kept yet.' : 'No more runs.',
      ].join('\n'),
      4096,
    ),
    footer: { text: '/show id: re-renders a run · /compare id_a: id_b: · /forget run id:' },
  };
  // one page back to the first is the newest page (it may have gained runs since); deeper, just newer than this one
  const prev =
    pageNo === 0
      ? undefined
      : pageNo === 1 || !page.prev
        ? pageId(q, 0)
        : pageId(q, pageNo - 1, { dir: 'newer', cursor: page.prev });
  const next = page.next ? pageId(q, pageNo + 1, { dir: 'older', cursor: page.next }) : undefined;
  const buttons = [
    { label: '◀ Newer', id: prev ?? pageId(q, 0)!, disabled: !prev, key: 'prev' },
    { label: 'Older ▶', id: next ?? `${pageId(q, pageNo)!}|x`, disabled: !next, key: 'next' },
  ];
  const row: Row = {
    type: 1,
    components: buttons.map((b) => ({
      type: 2 as const,
      style: 2 as const,
      label: b.label,
      custom_id: b.id.slice(0, 100),
      disabled: b.disabled,
    })),
  };
  return { embeds: [embed], components: prev || next ? [row] : [] };
}

// ---------------------------------------------------------------- /best

export function bestView(entries: BestEntry[], metric: string, chartName: string | undefined, runs: number): View {
  const rows = entries.map(
    (e, k) =>
      `${k + 1}. \`${formatRunId(e.run.id)}\` **${g(e.value)}** @${e.run.xUnit} ${g(e.x)} · ${patternLabel(e.run.pattern)} · ${who(e.run.userId)} ${when(e.run.createdAt)}\n-# ${line(e.run.title, 180)}`,
  );
  return {
    embeds: [
      {
        title: clipText(`Best ${metric} of this team's training runs`, 256),
        color: 0x9b59b6,
        description: clip(
          rows.length
            ? rows.join('\n')
            : `No training run with ${quote(metric, 60)} is kept yet. /train, /sweep and apply-fix runs are kept once /settings history:on.`,
          4096,
        ),
        ...(chartName ? { image: { url: `attachment://${chartName}` } } : {}),
        footer: {
          text: chartName
            ? `The chart: each run's best ${metric} over the last ${runs} runs, and the team's best so far.`
            : 'Runs trained here (/train, /sweep best, apply-fix).',
        },
      },
    ],
    components: [],
  };
}

/** Lower is better for losses and errors, higher for accuracies and scores (by the series name). */
export function lowerIsBetter(metric: string): boolean {
  return !/acc|auc|f1|precision|recall|score|iou|map|bleu|rouge|r2/i.test(metric);
}

// ---------------------------------------------------------------- /compare by id: the config diff

/** What changed between two kept runs' training configs (the store's configChanges), as lines. */
export function configDiffText(a: RunSummary, b: RunSummary): string {
  if (!a.config && !b.config) return 'Neither run was trained here, so there is no training config to compare.';
  if (!a.config || !b.config)
    return `Only ${a.config ? formatRunId(a.id) : formatRunId(b.id)} was trained here: no config to compare with.`;
  const d = configChanges(a.config, b.config);
  if (!d.length) return 'The training configs are identical (the difference is the seed or chance).';
  const val = (v: unknown) => (v === undefined ? 'unset' : quote(JSON.stringify(v) ?? String(v), 60));
  const shown = d.slice(0, 15).map((c) => `• ${quote(c.path, 60)}: ${val(c.a)} → ${val(c.b)}`);
  return [...shown, ...(d.length > 15 ? [`…and ${d.length - 15} more`] : [])].join('\n');
}

// ---------------------------------------------------------------- /export

// ---------------------------------------------------------------- /history since:

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `since` as people type it: a span back from now (`30m`, `24h`, `7d`, `2w`) or a date
 * (`2026-11-30`, or an ISO date-time). Undefined when it is neither (the command says what it accepts).
 */
export function parseSince(text: string, now = Date.now()): number | undefined {
  const t = text.trim().toLowerCase();
  if (t.length > 40) return undefined;
  const span = /^(\d{1,5})\s*([mhdw])$/.exec(t);
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]];
  if (/^\d{4}-\d\d-\d\d([t ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?(z|[+-]\d\d:\d\d)?)?$/.test(t)) {
    const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t.replace(' ', 'T').toUpperCase());
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}
