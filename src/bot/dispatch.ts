/**
 * The dispatcher's part of every command and modal: what a handler declares (command.ts: prepare,
 * rateLimit, defer) is applied here, once, in the order Discord needs it: cheap checks answered
 * privately at once, then the rate limit (a refused request costs nothing), then the defer (well
 * inside Discord's 3 s), then the work. Flows never rate-check or defer on their own.
 */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Handler } from './command.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import type { RateScope } from './ratelimit.js';

export async function dispatch<I extends RepliableInteraction, P>(
  handler: Handler<I, P>,
  interaction: I,
  ctx: BotContext,
): Promise<void> {
  const prepared = handler.prepare ? await handler.prepare(interaction, ctx) : (undefined as P);
  if (handler.rateLimit) await takeRate(interaction, ctx, handler.rateLimit);
  const defer = handler.defer?.(interaction, prepared);
  if (defer) await interaction.deferReply(defer.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await handler.execute(interaction, ctx, prepared);
}

/** Count one heavy request against the person's and the server's limits; over either, a refusal saying when to try again. */
export async function takeRate(interaction: RepliableInteraction, ctx: BotContext, scope: RateScope): Promise<void> {
  const d = await ctx.limiter.take(interaction.user.id, interaction.guildId);
  if (!d.ok) {
    const who = d.scope === 'user' ? 'You have' : 'This server has';
    throw new UserError(
      `${who} asked for a lot of ${scope} in a short time. Try again in ${d.retryAfterS} s.`,
      `rate_${d.scope}`,
    );
  }
}
