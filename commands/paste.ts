/** /paste: a form with a big text box (up to 4,000 characters) for logs too long for a slash option. */
import type { ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { EVERYWHERE, type Command, type Handler } from '../src/bot/command.js';
import { deferAs, planDiagnose, runDiagnose, type DiagnosePlan } from '../src/bot/flow.js';
import { extractPasted } from '../src/bot/attachments.js';

export const MODAL_ID = 'paste:log';

export default {
  data: {
    name: 'paste',
    description: 'Paste a training log into a form (up to 4,000 characters) and diagnose it',
    ...EVERYWHERE,
    options: [{ type: 5, name: 'private', description: 'Only you see the answer', required: false }],
  },
  async execute(i: ChatInputCommandInteraction) {
    // a modal must be the first response (it cannot follow a defer); remember "private" in its id
    await i.showModal({
      custom_id: `${MODAL_ID}:${i.options.getBoolean('private') ? 'p' : 'o'}`,
      title: 'Paste a training log',
      components: [
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'log',
              label: 'Training log',
              style: 2,
              min_length: 1,
              max_length: 4000,
              required: true,
              placeholder: 'Epoch 1/50 ... loss: 0.69 - val_loss: 0.70\nor a CSV / history JSON',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'metric',
              label: 'Metric to focus on (optional)',
              style: 1,
              required: false,
              max_length: 100,
              placeholder: 'val_loss',
            },
          ],
        },
      ],
    });
  },
  modal: {
    prepare(i, ctx) {
      const text = extractPasted(i.fields.getTextInputValue('log'));
      const metric = i.fields.fields.has('metric') ? i.fields.getTextInputValue('metric') : undefined;
      return planDiagnose(
        i,
        ctx,
        { kind: 'text', text, name: 'pasted.txt' },
        { metric, ephemeral: i.customId.endsWith(':p') },
      );
    },
    rateLimit: 'diagnoses',
    defer: deferAs,
    execute: runDiagnose,
  } satisfies Handler<ModalSubmitInteraction, DiagnosePlan>,
} satisfies Command<ChatInputCommandInteraction>;
