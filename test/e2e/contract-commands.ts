/**
 * Commands that exist only in the contract tests: each makes the real bot send a body that breaks
 * Discord's contract (the request itself is invalid, not a fault the fake injects), so the tests see
 * the fake answer Discord's 400 and the bot handle it like any other failure.
 */
import { ButtonStyle, ComponentType, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../../src/bot/command.js';

/** one field more than Discord's 25 per embed */
export const TOO_MANY_FIELDS = Array.from({ length: 26 }, (_, k) => ({ name: `field ${k + 1}`, value: 'x' }));
/** one character over Discord's 80 for a button label */
export const LONG_LABEL = 'L'.repeat(81);

export const contractCommands: Command<ChatInputCommandInteraction>[] = [
  {
    // a public "thinking…", then an edit of @original with 26 embed fields (the webhook edit is refused)
    data: { name: 'contract-fields', description: 'edits its deferred reply with 26 embed fields' },
    async execute(i: ChatInputCommandInteraction) {
      await i.deferReply();
      await i.editReply({ embeds: [{ title: 'Too many fields', fields: TOO_MANY_FIELDS }] });
    },
  },
  {
    // answers at once with a button whose label is 81 characters (the interaction callback is refused)
    data: { name: 'contract-label', description: 'replies with an over-long button label' },
    async execute(i: ChatInputCommandInteraction) {
      await i.reply({
        content: 'A button',
        components: [
          {
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'x', label: LONG_LABEL }],
          },
        ],
      });
    },
  },
];
