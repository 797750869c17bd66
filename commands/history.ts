/**
 * /history [user] [pattern] [since] [limit] — the runs this server (or, in DMs, you) kept, newest
 * first: id, who, when, verdict, best validation value, what it was; Newer/Older buttons page through.
 * Answered privately: a list is for the person asking.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { memoryOf } from '../src/bot/memory.js';
import { parseSince, type HistoryQuery } from '../src/bot/history-views.js';
import { historyPage } from '../src/bot/history-page.js';
import { messageOf } from '../src/bot/present.js';
import { quote } from '../src/bot/text.js';
import { PATTERNS, patternLabel, type Pattern } from '../src/diagnose/schema.js';

export default {
  data: {
    name: 'history',
    description: 'The runs kept here (diagnosed and trained), newest first, with their ids',
    ...EVERYWHERE,
    options: [
      { type: 6, name: 'user', description: 'Only the runs of this person', required: false },
      {
        type: 3,
        name: 'pattern',
        description: 'Only runs with this verdict',
        required: false,
        choices: PATTERNS.map((p) => ({ name: patternLabel(p), value: p })),
      },
      {
        type: 3,
        name: 'since',
        description: 'Only runs since then: 24h, 7d, 2w or a date like 2026-11-30',
        required: false,
        max_length: 40,
      },
      {
        type: 4,
        name: 'limit',
        description: 'Runs per page (default 10)',
        required: false,
        min_value: 1,
        max_value: 25,
      },
    ],
  },
  prepare(i: ChatInputCommandInteraction, ctx): HistoryQuery {
    memoryOf(ctx);
    const user = i.options.getUser('user');
    const pattern = i.options.getString('pattern');
    const since = i.options.getString('since');
    const limit = i.options.getInteger('limit') ?? 10;
    if (pattern !== null && !(PATTERNS as readonly string[]).includes(pattern))
      throw new UserError(`\`pattern\` must be one of ${PATTERNS.join(', ')}.`, 'bad_option');
    if (!Number.isInteger(limit) || limit < 1 || limit > 25)
      throw new UserError('`limit` must be a whole number from 1 to 25.', 'bad_option');
    const sinceMs = since === null ? undefined : parseSince(since);
    if (since !== null && sinceMs === undefined)
      throw new UserError(
        `\`since\` must be a span like 24h, 7d or 2w, or a date like 2026-11-30; got ${quote(since, 40)}.`,
        'bad_since',
      );
    return {
      limit,
      ...(user ? { userId: user.id } : {}),
      ...(pattern ? { pattern: pattern as Pattern } : {}),
      ...(sinceMs !== undefined ? { since: sinceMs } : {}),
    };
  },
  defer: () => ({ ephemeral: true }),
  async execute(i: ChatInputCommandInteraction, ctx, q) {
    await i.editReply(messageOf(await historyPage(ctx, i, q, 0)));
  },
} satisfies Command<ChatInputCommandInteraction, HistoryQuery>;
