/**
 * /compare a:<file> b:<file> — both curves on one chart, both verdicts side by side. Either side may
 * instead be a run kept in the team memory: `id_a:#a3f9 id_b:#c01d` (autocompleted); two kept runs
 * also show what changed in their training config.
 */
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { deferAs, planCompare, runCompare, type CompareSide, type ComparePlan } from '../src/bot/flow.js';
import { UserError } from '../src/bot/errors.js';
import { answerRunIds, readRunId } from '../src/bot/memory.js';

const info = (a: Attachment) => ({ name: a.name, size: a.size, url: a.url, contentType: a.contentType });

function side(i: ChatInputCommandInteraction, file: 'a' | 'b', idOption: 'id_a' | 'id_b'): CompareSide {
  const f = i.options.getAttachment(file);
  const id = i.options.getString(idOption);
  if (f && id)
    throw new UserError(`Give either \`${file}\` (a file) or \`${idOption}\` (a kept run), not both.`, 'bad_option');
  if (f) return { kind: 'file', attachment: info(f) };
  if (id) return { kind: 'run', id: readRunId(id, idOption) };
  throw new UserError(
    `Give the ${file === 'a' ? 'first' : 'second'} run: a log file as \`${file}\`, or a kept run's id as \`${idOption}\` (see /history).`,
    'no_input',
  );
}

export default {
  data: {
    name: 'compare',
    description: 'Compare two training logs (files or kept runs) on one chart',
    ...EVERYWHERE,
    options: [
      { type: 11, name: 'a', description: 'First log', required: false },
      { type: 11, name: 'b', description: 'Second log', required: false },
      {
        type: 3,
        name: 'id_a',
        description: 'Or a kept run as the first, e.g. #a3f9 (see /history)',
        required: false,
        max_length: 40,
        autocomplete: true,
      },
      {
        type: 3,
        name: 'id_b',
        description: 'Or a kept run as the second, e.g. #c01d',
        required: false,
        max_length: 40,
        autocomplete: true,
      },
      { type: 3, name: 'metric', description: 'Metric to focus on, e.g. val_loss', required: false, max_length: 100 },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare: (i, ctx) =>
    planCompare(i, ctx, side(i, 'a', 'id_a'), side(i, 'b', 'id_b'), {
      metric: i.options.getString('metric'),
      ephemeral: i.options.getBoolean('private') ?? false,
    }),
  rateLimit: 'diagnoses',
  defer: deferAs,
  execute: runCompare,
  autocomplete: answerRunIds,
} satisfies Command<ChatInputCommandInteraction, ComparePlan>;
