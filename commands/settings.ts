/**
 * /settings [history:on|off] [retention-days:N] — team memory's consent. In a server only members
 * with Manage Server can change it (declared for Discord's command permissions and checked here
 * again: a server can override the default); in DMs each person decides for themselves. Without
 * options it shows the current settings and exactly what is kept.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { MANAGE_SERVER, memoryOf, needManage, scopeOf } from '../src/bot/memory.js';
import { settingsView } from '../src/bot/history-views.js';
import { messageOf } from '../src/bot/present.js';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../src/memory/index.js';

export default {
  data: {
    name: 'settings',
    description: 'Team memory: keep a history of runs here (off until turned on), and for how long',
    ...EVERYWHERE,
    // Discord's v10 spec types this as an integer (discord.js as a string; Discord accepts both)
    default_member_permissions: MANAGE_SERVER as unknown as string,
    options: [
      {
        type: 3,
        name: 'history',
        description: 'Keep a history of the runs diagnosed and trained here',
        required: false,
        choices: [
          { name: 'on', value: 'on' },
          { name: 'off', value: 'off' },
        ],
      },
      {
        type: 4,
        name: 'retention-days',
        description: `Days a run is kept (default ${DEFAULT_RETENTION_DAYS}, at most ${MAX_RETENTION_DAYS})`,
        required: false,
        min_value: MIN_RETENTION_DAYS,
        max_value: MAX_RETENTION_DAYS,
      },
    ],
  },
  prepare(i: ChatInputCommandInteraction) {
    const history = i.options.getString('history');
    const days = i.options.getInteger('retention-days');
    if (history !== null && history !== 'on' && history !== 'off')
      throw new UserError('`history` must be on or off.', 'bad_option');
    if (days !== null && (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS))
      throw new UserError(
        `\`retention-days\` must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`,
        'bad_option',
      );
    if (history !== null || days !== null) needManage(i, 'change the history settings');
    return { history, days };
  },
  defer: () => ({ ephemeral: true }),
  async execute(i: ChatInputCommandInteraction, ctx, { history, days }) {
    const memory = memoryOf(ctx);
    const scope = scopeOf(i);
    const where = i.guildId ? 'server' : 'dm';
    const current = await memory.getSettings(scope);
    if (history === null && days === null) {
      await i.editReply(messageOf(settingsView(current, where, false)));
      return;
    }
    const enabled = history === null ? (current?.enabled ?? false) : history === 'on';
    if (!enabled && history === null)
      throw new UserError(
        'History is off here: turn it on with `history:on` (and `retention-days:` if you like).',
        'history_off',
      );
    const next = await memory.setSettings(scope, {
      enabled,
      ...(days !== null ? { retentionDays: days } : {}),
      by: i.user.id,
    });
    ctx.logger.info(
      { interaction: i.id, scope: scope.kind, enabled: next.enabled, retentionDays: next.retentionDays },
      'history settings changed',
    );
    await i.editReply(messageOf(settingsView(next, where, true)));
  },
} satisfies Command<ChatInputCommandInteraction, { history: string | null; days: number | null }>;
