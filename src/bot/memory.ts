/**
 * Team memory on Discord (issue 15): whose memory an interaction belongs to (the server, or the
 * user's own DMs), who may change or wipe it (Manage Server), whether it is on, and `remember`, the
 * one call every diagnose/train path makes after it has answered: it records the run when the scope
 * consented and returns the short id for the reply's footer. Recording never breaks a reply: a
 * failure is logged and the reply goes out without an id.
 *
 * The store itself (what is kept, consent enforced again, ids, retention) is src/memory.
 */
import { PermissionFlagsBits, type AutocompleteInteraction, type BaseInteraction } from 'discord.js';
import {
  DEFAULT_RETENTION_DAYS,
  formatRunId,
  MemoryError,
  parseRunId,
  type MemoryStore,
  type NewRun,
  type Scope,
  type ScopeSettings,
  type StoredRun,
} from '../memory/index.js';
import type { TrainingLog } from '../ingest/schema.js';
import { diagnoseHistory, type SweepResult, type TrainOutcome } from '../train/index.js';
import { describeConfig } from './training-views.js';
import type { Diagnosis } from '../diagnose/schema.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { label, quote } from './text.js';
import { patternLabel } from '../diagnose/schema.js';

/** The memory an interaction reads and writes: the server's, or (DMs, group DMs) the user's own. */
export function scopeOf(i: BaseInteraction | Origin): Scope {
  const o = asOrigin(i);
  return o.guildId ? { kind: 'guild', guildId: o.guildId } : { kind: 'dm', userId: o.userId };
}

/**
 * Who and where a run came from, without the interaction object: a training job's result may be
 * delivered by another bot process (one that adopted the job from its reply reference).
 */
export interface Origin {
  guildId: string | null;
  channelId: string | null;
  userId: string;
  /** the interaction's id, for the logs */
  ref: string;
}

function asOrigin(i: BaseInteraction | Origin): Origin {
  if ('ref' in i && typeof i.ref === 'string') return i;
  const x = i as BaseInteraction;
  return { guildId: x.guildId, channelId: x.channelId ?? null, userId: x.user.id, ref: x.id };
}

/** May this person change the settings of, or wipe, the interaction's memory? In DMs it is their own. */
export function canManage(i: BaseInteraction): boolean {
  if (!i.guildId) return true;
  return i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** Manage Server as a command's default_member_permissions (the bit set; Discord's v10 spec types it as an integer) */
export const MANAGE_SERVER = Number(PermissionFlagsBits.ManageGuild);

export function needManage(i: BaseInteraction, what: string): void {
  if (!canManage(i))
    throw new UserError(
      `Only members with the **Manage Server** permission can ${what} in this server.`,
      'not_manager',
    );
}

export const NO_MEMORY = new UserError(
  'History is not available on this bot right now (its storage could not be opened). Diagnosing still works.',
  'memory_off',
);

/** The store, or the refusal a history command answers when the bot runs without one. */
export function memoryOf(ctx: BotContext): MemoryStore {
  if (!ctx.memory) throw NO_MEMORY;
  return ctx.memory;
}

/** An id typed by a person ('#a3f9', 'a3f9', an autocomplete value), or a clear refusal. */
export function readRunId(text: string, option = 'id'): string {
  const id = parseRunId(text);
  if (!id)
    throw new UserError(
      `\`${option}\` must be a run id like \`#a3f9\` (see /history); got ${quote(text, 40)}.`,
      'bad_run_id',
    );
  return id;
}

export function notFound(id: string, i: BaseInteraction): UserError {
  return new UserError(
    `There is no run ${formatRunId(id)} in ${i.guildId ? "this server's" : 'your'} history (it may have been forgotten or expired). /history lists the runs kept.`,
    'run_not_found',
  );
}

/** A kept run of this interaction's scope, or "no such run". */
export async function loadRun(ctx: BotContext, i: BaseInteraction, id: string): Promise<StoredRun> {
  const run = await memoryOf(ctx).get(scopeOf(i), id);
  if (!run) throw notFound(id, i);
  return run;
}

/** Is history on for this interaction's scope? False without a store, or on any storage error (logged). */
export async function historyOn(ctx: BotContext, i: BaseInteraction | Origin): Promise<boolean> {
  if (!ctx.memory) return false;
  try {
    return (await ctx.memory.getSettings(scopeOf(i)))?.enabled ?? false;
  } catch (e) {
    ctx.logger.warn({ err: e, interaction: asOrigin(i).ref }, 'history settings could not be read');
    return false;
  }
}

/** What remember() needs besides who/where: the diagnosed log and how the run came about. */
export type RunRecord = Omit<NewRun, 'scope' | 'userId' | 'channelId' | 'log' | 'diagnosis'> & {
  log: TrainingLog;
  diagnosis: Diagnosis;
};

/**
 * Keep the run when the scope has history on; the short id, or undefined when nothing was kept
 * (history off, no store, or a storage failure: logged at warn, never shown as an error).
 */
export async function remember(
  ctx: BotContext,
  i: BaseInteraction | Origin,
  run: RunRecord,
): Promise<string | undefined> {
  if (!ctx.memory) return undefined;
  const o = asOrigin(i);
  try {
    const scope = scopeOf(o);
    const settings = await ctx.memory.getSettings(scope);
    if (!settings?.enabled) return undefined;
    const saved = await ctx.memory.record({
      ...run,
      scope,
      userId: o.userId,
      channelId: o.channelId,
      title: run.title.slice(0, 200),
      // one run per interaction: a result posted again (a retry, an adopting process) keeps the first row
      requestId: o.ref,
    });
    ctx.logger.info({ interaction: o.ref, run: saved.id, source: run.source }, 'run kept in history');
    return saved.id;
  } catch (e) {
    if (e instanceof MemoryError && e.code === 'no_consent') return undefined;
    ctx.logger.warn({ err: e, interaction: o.ref, source: run.source }, 'run could not be kept in history');
    return undefined;
  }
}

/** The footer line of a reply whose run was kept. */
export function savedLine(id: string | undefined): string | undefined {
  return id ? `-# saved as ${formatRunId(id)} · \`/show id:${id}\` · \`/history\`` : undefined;
}

/** Exactly what is kept, and for how long: /help, /settings and the reply after enabling say this. */
export function keptText(days: number | undefined, where: 'server' | 'dm' | 'generic'): string {
  const span = days === undefined ? `${DEFAULT_RETENTION_DAYS} days by default (at most 365)` : `${days} days`;
  const scope =
    where === 'server'
      ? 'for each log diagnosed and each /train, /sweep (its best run) and apply-fix run in this server'
      : where === 'dm'
        ? 'for each log you diagnose and each /train, /sweep (its best run) and apply-fix run in your DMs with me'
        : 'for each log diagnosed and each /train, /sweep (its best run) and apply-fix run, once history is on';
  return [
    `**What is kept** ${scope}: who ran it (user id), where (server and channel), when, the parsed series (the numbers per epoch, not the file you sent), the format, the verdict, confidence and findings, the key evidence (best validation value and where, the train/val gap), and for runs trained here the training config and backend.`,
    `**Never kept**: answers you asked for privately (\`private:true\`), and logs read from someone else's message.`,
    `**For how long**: ${span}; older runs are deleted automatically. \`/forget\` deletes a run, all of yours (\`/forget me\`) or, with Manage Server, the whole server's; \`/export\` gives you a copy. Deletion is real: the rows are gone.`,
  ].join('\n');
}

export function settingsLine(s: ScopeSettings | undefined): string {
  if (!s?.enabled) return 'History is **off**: nothing is kept.';
  return `History is **on**: runs are kept for ${s.retentionDays} day${s.retentionDays === 1 ? '' : 's'}.`;
}

/** A short text for "who": a mention (never pinged: every reply sets allowedMentions none). */
export const who = (userId: string) => (/^\d{1,25}$/.test(userId) ? `<@${userId}>` : 'someone');

/** A run trained here (/train, apply-fix): its history as diagnosed, the config and the backend. */
export function trainedRecord(out: TrainOutcome, source: 'train' | 'apply_fix'): RunRecord {
  return {
    source,
    title: `${source === 'apply_fix' ? 'fix: ' : ''}${describeConfig(out.config)}`,
    log: out.log,
    diagnosis: out.diagnosis,
    config: out.config as unknown as Record<string, unknown>,
    backend: out.result.backend,
  };
}

/**
 * A sweep keeps ONE run: its best (the leaderboard's first row, its best repeat), so a 30-trial
 * search is one line of history, not 30; the leaderboard itself is in the sweep's reply.
 */
export function sweepRecord(s: SweepResult): RunRecord | undefined {
  const best = s.leaderboard[0];
  if (!best?.best_history) return undefined;
  const { log, diagnosis } = diagnoseHistory(best.best_history);
  return {
    source: 'sweep',
    title: `sweep best: ${best.label} (${describeConfig(best.config)})`,
    log,
    diagnosis,
    config: best.config as unknown as Record<string, unknown>,
    backend: s.backend,
  };
}

/** OURS: autocomplete suggestions per answer (Discord allows 25). */
const SUGGESTIONS = 25;

/**
 * Autocomplete for every id option: the scope's runs whose id starts with what was typed, then
 * recent runs whose title contains it (empty: the most recent). Answers [] when there is nothing to
 * suggest, history is off, or the store fails (logged): Discord then shows "no options".
 */
export async function answerRunIds(i: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  let choices: { name: string; value: string }[] = [];
  if (ctx.memory) {
    try {
      const typed = String(i.options.getFocused() ?? '')
        .trim()
        .replace(/^#/, '')
        .slice(0, 40);
      const hits = await ctx.memory.search(scopeOf(i), typed, SUGGESTIONS);
      choices = hits.slice(0, SUGGESTIONS).map((h) => ({
        name: label(`${formatRunId(h.id)} · ${patternLabel(h.pattern)} · ${h.title}`, 100),
        value: h.id,
      }));
    } catch (e) {
      ctx.logger.warn({ err: e, interaction: i.id }, 'run id autocomplete failed');
    }
  }
  await i.respond(choices);
}
