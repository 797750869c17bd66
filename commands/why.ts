/** /why question:<text> — "why is my val_loss rising?" answered from the knowledge base. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { why } from '../src/advise/index.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { DIALECT_CHOICES } from '../src/bot/options.js';
import { messageOf, replyView } from '../src/bot/present.js';

export default {
  data: {
    name: 'why',
    description: 'Ask a question about training curves, e.g. "why is my val_loss rising"',
    ...EVERYWHERE,
    options: [
      { type: 3, name: 'question', description: 'Your question', required: true, min_length: 3, max_length: 300 },
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
      why(i.options.getString('question', true), i.options.getString('dialect') ?? undefined),
      ctx.store,
    );
    await i.reply({ ...messageOf(v), ...(i.options.getBoolean('private') ? { flags: MessageFlags.Ephemeral } : {}) });
  },
} satisfies Command<ChatInputCommandInteraction>;
