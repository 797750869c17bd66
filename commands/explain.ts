/** /explain pattern:<choice> — what a learning-curve pattern means and what to do about it. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { PATTERN_CHOICES, DIALECT_CHOICES } from '../src/bot/options.js';
import { messageOf, replyView } from '../src/bot/present.js';
import { teach } from '../src/bot/components.js';

export default {
  data: {
    name: 'explain',
    description: 'Learn a learning-curve pattern: signs, causes, remedies with code',
    ...EVERYWHERE,
    options: [
      { type: 3, name: 'pattern', description: 'Which pattern', required: true, choices: PATTERN_CHOICES },
      {
        type: 3,
        name: 'dialect',
        description: 'Keras flavour for the code',
        required: false,
        choices: DIALECT_CHOICES,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  async execute(i: ChatInputCommandInteraction, ctx) {
    const v = replyView(
      teach(i.options.getString('pattern', true), i.options.getString('dialect') ?? undefined),
      ctx.store,
    );
    await i.reply({ ...messageOf(v), ...(i.options.getBoolean('private') ? { flags: MessageFlags.Ephemeral } : {}) });
  },
} satisfies Command<ChatInputCommandInteraction>;
