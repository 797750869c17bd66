/** /compare a:<file> b:<file> — both curves on one chart, both verdicts side by side. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { deferAs, planCompare, runCompare, type ComparePlan } from '../src/bot/flow.js';

const info = (a: NonNullable<ReturnType<ChatInputCommandInteraction['options']['getAttachment']>>) => ({
  name: a.name,
  size: a.size,
  url: a.url,
  contentType: a.contentType,
});

export default {
  data: {
    name: 'compare',
    description: 'Compare two training logs on one chart',
    ...EVERYWHERE,
    options: [
      { type: 11, name: 'a', description: 'First log', required: true },
      { type: 11, name: 'b', description: 'Second log', required: true },
      { type: 3, name: 'metric', description: 'Metric to focus on, e.g. val_loss', required: false, max_length: 100 },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare: (i, ctx) =>
    planCompare(i, ctx, info(i.options.getAttachment('a', true)), info(i.options.getAttachment('b', true)), {
      metric: i.options.getString('metric'),
      ephemeral: i.options.getBoolean('private') ?? false,
    }),
  rateLimit: 'diagnoses',
  defer: deferAs,
  execute: runCompare,
} satisfies Command<ChatInputCommandInteraction, ComparePlan>;
