/** /diagnose file:<attachment> | text:<paste> [metric] [run] [dialect] [private] */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { deferAs, planDiagnose, runDiagnose, type DiagnosePlan } from '../src/bot/flow.js';
import { UserError } from '../src/bot/errors.js';
import { extractPasted } from '../src/bot/attachments.js';
import { DIALECT_CHOICES } from '../src/bot/options.js';

export default {
  data: {
    name: 'diagnose',
    description: 'Diagnose a training log: verdict, evidence, chart and fixes',
    ...EVERYWHERE,
    options: [
      {
        type: 11,
        name: 'file',
        description: 'The log: Keras history JSON, CSVLogger CSV, model.fit output, metrics.csv, trainer_state.json',
        required: false,
      },
      {
        type: 3,
        name: 'text',
        description: 'Or paste a short log here (for long ones use /paste)',
        required: false,
        max_length: 6000,
      },
      {
        type: 3,
        name: 'metric',
        description: 'Metric to focus on, e.g. val_loss or val_accuracy',
        required: false,
        max_length: 100,
      },
      {
        type: 3,
        name: 'run',
        description: 'Several runs in one file: last (default), all, joined, or a number',
        required: false,
        max_length: 10,
      },
      {
        type: 3,
        name: 'dialect',
        description: 'Keras flavour for the code (default: guessed from the log)',
        required: false,
        choices: DIALECT_CHOICES,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare(i: ChatInputCommandInteraction, ctx) {
    const file = i.options.getAttachment('file');
    const text = i.options.getString('text');
    const o = {
      metric: i.options.getString('metric'),
      run: i.options.getString('run'),
      dialect: i.options.getString('dialect'),
      ephemeral: i.options.getBoolean('private') ?? false,
    };
    if (file)
      return planDiagnose(
        i,
        ctx,
        {
          kind: 'attachment',
          attachment: { name: file.name, size: file.size, url: file.url, contentType: file.contentType },
        },
        o,
      );
    if (text) return planDiagnose(i, ctx, { kind: 'text', text: extractPasted(text) }, o);
    throw new UserError('Attach the log as `file`, or paste it as `text` (use /paste for long logs).', 'no_input');
  },
  rateLimit: 'diagnoses',
  defer: deferAs,
  execute: runDiagnose,
} satisfies Command<ChatInputCommandInteraction, DiagnosePlan>;
