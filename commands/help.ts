/** /help — what the bot does, what it reads, its limits, and what it keeps (nothing). */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { helpView } from '../src/bot/help.js';

export default {
  data: { name: 'help', description: 'What curve-triage does, accepted formats, limits and privacy', ...EVERYWHERE },
  async execute(i: ChatInputCommandInteraction, ctx) {
    const v = helpView(ctx.config);
    await i.reply({ embeds: v.embeds, flags: MessageFlags.Ephemeral });
  },
} satisfies Command<ChatInputCommandInteraction>;
