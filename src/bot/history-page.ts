/**
 * /history's pages: the query run against the store, from the keyset cursor a page button carries
 * (history-views.ts), and the page button itself.
 */
import type { BaseInteraction, ButtonInteraction } from 'discord.js';
import { MemoryError } from '../memory/index.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { historyView, readPageId, type HistoryQuery, type PageAt } from './history-views.js';
import { memoryOf, scopeOf } from './memory.js';
import { messageOf, type View } from './present.js';

const STALE = new UserError('That button is not one of mine any more. Run /history again.', 'unknown_component');

/** Page `pageNo` of the query: the newest runs, or those older / just newer than `at`'s cursor (one query). */
export async function historyPage(
  ctx: BotContext,
  i: BaseInteraction,
  q: HistoryQuery,
  pageNo: number,
  at?: PageAt,
): Promise<View> {
  // a deeper page without a cursor is a button from before pages carried one
  if (pageNo > 0 && !at) throw STALE;
  const memory = memoryOf(ctx);
  const query = {
    scope: scopeOf(i),
    limit: q.limit,
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.pattern ? { pattern: q.pattern } : {}),
    ...(q.since !== undefined ? { since: q.since } : {}),
    ...(at ? (at.dir === 'older' ? { cursor: at.cursor } : { newer: at.cursor }) : {}),
  };
  try {
    return historyView(await memory.list(query), q, pageNo, i.guildId ? 'server' : 'dm');
  } catch (e) {
    if (e instanceof MemoryError && e.code === 'bad_input') throw STALE; // a forged or mangled cursor
    throw e;
  }
}

/** A Newer/Older button: the message turns into that page. */
export async function historyButton(i: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const p = readPageId(args);
  if (!p) throw STALE;
  await i.update(messageOf(await historyPage(ctx, i, p.q, p.page, p.at)));
}
