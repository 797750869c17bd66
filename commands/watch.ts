/**
 * /watch start [name] [notify] · /watch stop [token] · /watch list
 * Watch a training run live from anywhere: start answers privately with a run token (for this
 * channel and this user) and ready-to-paste snippets; the client's epochs then appear here as one
 * live message with the diagnosis as it happens (src/bot/watch-live.ts). stop revokes tokens.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { UserError } from '../src/bot/errors.js';
import { messageOf, type View } from '../src/bot/present.js';
import { quote } from '../src/bot/text.js';
import type { WatchHub } from '../src/bot/watch-live.js';
import { listView, startView } from '../src/bot/watch-views.js';

function hub(ctx: BotContext): WatchHub {
  if (!ctx.watch)
    throw new UserError(
      'Live watch is not enabled on this bot: its operator has to set WATCH_PORT (see docs/watch-server.md).',
      'watch_disabled',
    );
  return ctx.watch;
}

const privately = (i: ChatInputCommandInteraction, v: View) =>
  i.reply({ ...messageOf(v), flags: MessageFlags.Ephemeral });
const text = (content: string): View => ({ content, embeds: [], components: [] });

async function start(i: ChatInputCommandInteraction, ctx: BotContext, w: WatchHub): Promise<void> {
  if (!i.channelId)
    throw new UserError('I cannot tell which channel this is: run /watch start in a channel or DM.', 'no_channel');
  const { token, record } = w.tokens.create({
    userId: i.user.id,
    channelId: i.channelId,
    guildId: i.guildId ?? undefined,
    name: i.options.getString('name') ?? '',
    notify: i.options.getBoolean('notify') ?? false,
  });
  ctx.logger.info({ token: record.id, user: i.user.id, channel: i.channelId }, 'watch token created');
  await privately(i, startView(token, w.url, record, ctx.config.WATCH_TOKEN_DAYS));
}

async function stop(i: ChatInputCommandInteraction, ctx: BotContext, w: WatchHub): Promise<void> {
  const which = i.options.getString('token');
  const gone = which ? w.tokens.revoke(i.user.id, which) : w.tokens.revokeAll(i.user.id);
  if (!gone.length)
    throw new UserError(
      which
        ? `You have no live token with the id or name ${quote(which, 60)}. \`/watch list\` shows yours.`
        : 'You have no live run tokens.',
      'watch_no_token',
    );
  ctx.logger.info({ tokens: gone.map((r) => r.id), user: i.user.id }, 'watch tokens revoked');
  await privately(
    i,
    text(
      `Revoked ${gone.length} token${gone.length === 1 ? '' : 's'}: ${gone.map((r) => `\`${r.id}\``).join(', ')}. Reports with ${gone.length === 1 ? 'it' : 'them'} are now refused (403).`,
    ),
  );
}

export default {
  data: {
    name: 'watch',
    description: 'Watch a training run live from anywhere: a callback streams epochs, this channel sees the diagnosis',
    ...EVERYWHERE,
    options: [
      {
        type: 1,
        name: 'start',
        description: 'Get a run token and ready-to-paste snippets (Keras, Lightning, Hugging Face, curl)',
        options: [
          {
            type: 3,
            name: 'name',
            description: 'A name for the run (the client can name runs too)',
            required: false,
            max_length: 100,
          },
          {
            type: 5,
            name: 'notify',
            description: 'Mention me in the alerts (NaN, divergence, overfitting, plateau)',
            required: false,
          },
        ],
      },
      {
        type: 1,
        name: 'stop',
        description: 'Revoke a run token (default: all of yours)',
        options: [
          {
            type: 3,
            name: 'token',
            description: 'The token id (from /watch list) or run name',
            required: false,
            max_length: 100,
          },
        ],
      },
      { type: 1, name: 'list', description: 'Your live run tokens' },
    ],
  },
  async execute(i: ChatInputCommandInteraction, ctx) {
    const w = hub(ctx);
    const sub = i.options.getSubcommand(false);
    if (sub === 'start') return start(i, ctx, w);
    if (sub === 'stop') return stop(i, ctx, w);
    if (sub === 'list')
      return void (await privately(
        i,
        listView(w.tokens.list(i.user.id), (r) => w.runsOf(r)),
      ));
    throw new UserError('Use /watch start, /watch stop or /watch list.', 'watch_subcommand');
  },
} satisfies Command<ChatInputCommandInteraction>;
