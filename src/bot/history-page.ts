/**
 * /history's pages: the query run against the store, page N found by walking the keyset cursor from
 * the newest run (history-views.ts explains why the buttons carry no cursor), and the page button.
 */
import type { BaseInteraction, ButtonInteraction } from 'discord.js';
import type { Page, RunSummary } from '../memory/index.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { historyView, readPageId, type HistoryQuery } from './history-views.js';
import { memoryOf, scopeOf } from './memory.js';
import { messageOf, type View } from './present.js';

/** OURS: the deepest page a button may ask for (each page walks the ones before it). */
export const MAX_HISTORY_PAGES = 400;

export async function historyPage(ctx: BotContext, i: BaseInteraction, q: HistoryQuery, pageNo: number): Promise<View> {
  if (pageNo > MAX_HISTORY_PAGES)
    throw new UserError(
      `That is more than ${MAX_HISTORY_PAGES} pages back: narrow it with \`since\`, \`user\` or \`pattern\`.`,
      'too_deep',
    );
  const memory = memoryOf(ctx);
  const base = {
    scope: scopeOf(i),
    limit: q.limit,
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.pattern ? { pattern: q.pattern } : {}),
    ...(q.since !== undefined ? { since: q.since } : {}),
  };
  let page: Page<RunSummary> = await memory.list(base);
  let at = 0;
  while (at < pageNo && page.next) {
    page = await memory.list({ ...base, cursor: page.next });
    at++;
  }
  return historyView(page, q, at, i.guildId ? 'server' : 'dm');
}

/** A Newer/Older button: the message turns into that page. */
export async function historyButton(i: ButtonInteraction, ctx: BotContext, args: string[]): Promise<void> {
  const p = readPageId(args);
  if (!p) throw new UserError('That button is not one of mine any more. Run /history again.', 'unknown_component');
  const view = await historyPage(ctx, i, p.q, p.page);
  await i.update(messageOf(view));
}
