/**
 * One wrapper around every handler: nothing escapes, the user always gets a useful message, and the
 * error is logged with context (ids, command, code) but never the token or the user's log.
 */
import { randomBytes } from 'node:crypto';
import {
  MessageFlags,
  type BaseInteraction,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { BusyError, JobMemoryError, JobTimeoutError } from './work/pool.js';
import { messageOf, noticeView, type View } from './present.js';
import { formatBytes } from '../util/format.js';

/** Send `view` in whatever state the interaction is in, ephemeral when we still can choose. */
export async function tell(interaction: RepliableInteraction, view: View, ctx: BotContext): Promise<void> {
  const eph = { flags: MessageFlags.Ephemeral as const };
  const body = messageOf(view);
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...body, ...eph } as InteractionReplyOptions);
    } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
      await interaction.editReply(body);
    } else if (interaction.deferred && !interaction.replied) {
      // a public "thinking…" cannot turn private: remove it, then answer privately
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...body, ...eph });
    } else {
      await interaction.followUp({ ...body, ...eph });
    }
  } catch (e) {
    ctx.logger.warn({ err: e, interaction: interaction.id }, 'could not deliver a notice');
  }
}

export function describe(i: BaseInteraction): Record<string, unknown> {
  const name = i.isCommand()
    ? i.commandName
    : i.isMessageComponent() || i.isModalSubmit()
      ? i.customId.split('|').slice(0, 3).join('|')
      : undefined;
  return {
    interaction: i.id,
    type: i.type,
    name,
    user: i.user.id,
    guild: i.guildId ?? null,
    channel: i.channelId ?? null,
  };
}

const GENERIC = (ref: string) =>
  `Something went wrong on my side while handling that (ref \`${ref}\`). Nothing you sent was kept. Please try again; if it keeps happening, share the ref with the bot's maintainers.`;

/** Run a handler; convert every failure into a message for the user and a log line for us. */
export async function safely(interaction: BaseInteraction, ctx: BotContext, fn: () => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await fn();
    ctx.logger.info({ ...describe(interaction), ms: Math.round(performance.now() - t0) }, 'handled');
  } catch (e) {
    const ms = Math.round(performance.now() - t0);
    let text: string;
    if (e instanceof UserError) {
      ctx.logger.info({ ...describe(interaction), code: e.code, ms }, 'refused');
      text = e.message;
    } else if (e instanceof BusyError) {
      ctx.logger.warn({ ...describe(interaction), ms, inputBytes: e.inputBytes }, 'busy');
      text =
        e.inputBytes === undefined
          ? 'I am busy with a lot of logs right now. Try again in a few seconds.'
          : `I am busy reading other large logs right now (yours is ${formatBytes(e.inputBytes)}). Try again in a minute.`;
    } else if (e instanceof JobMemoryError) {
      ctx.logger.warn({ ...describe(interaction), ms }, 'job over its memory limit');
      text =
        'That log needs more memory to read than I give one file. Try a smaller file (e.g. only the per-epoch lines).';
    } else if (e instanceof JobTimeoutError) {
      ctx.logger.warn({ ...describe(interaction), ms }, 'job timeout');
      text = 'That log took too long to read. Try a smaller file (e.g. only the per-epoch lines).';
    } else {
      const ref = randomBytes(4).toString('hex');
      ctx.logger.error({ ...describe(interaction), err: e, ref, ms }, 'handler failed');
      text = GENERIC(ref);
    }
    if (interaction.isRepliable()) await tell(interaction, noticeView(text), ctx);
  }
}
