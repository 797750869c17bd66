/**
 * /train [preset] [units] [epochs] [learning_rate] [batch_size] [optimizer] [config] [dialect] [private]
 * Trains a small LSTM in the training worker pool with one live progress message, then the same
 * chart, verdict and advice as /diagnose, with "apply fix" and "export as Keras" buttons.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { checkAttachment, download } from '../src/bot/attachments.js';
import { prose, quote } from '../src/bot/text.js';
import { limitsFor } from '../src/bot/flow.js';
import { runLive } from '../src/bot/training.js';
import { withSaved } from '../src/bot/flow.js';
import { remember, trainedRecord } from '../src/bot/memory.js';
import { trainView, describeConfig } from '../src/bot/training-views.js';
import {
  ConfigError,
  KERAS_FLAVOURS,
  parseConfig,
  parseConfigText,
  PRESETS,
  PRESET_NAMES,
  preset,
  type KerasFlavour,
  type TrainConfig,
  type TrainOutcome,
} from '../src/train/index.js';
import { withTrainOverrides } from '../src/requests/training.js';
import { DIALECT_CHOICES } from '../src/bot/options.js';

export const PRESET_CHOICES = PRESET_NAMES.map((n) => ({ name: `${n}: ${PRESETS[n].title}`.slice(0, 100), value: n }));
const OPTIMIZER_CHOICES = ['adam', 'rmsprop', 'sgd'].map((o) => ({ name: o, value: o }));

async function buildConfig(
  i: ChatInputCommandInteraction,
  ctx: Parameters<Command['execute']>[1],
): Promise<TrainConfig> {
  const presetName = i.options.getString('preset');
  const file = i.options.getAttachment('config');
  let base: TrainConfig;
  if (file) {
    const info = { name: file.name, size: file.size, url: file.url, contentType: file.contentType };
    const limits = limitsFor(i, ctx);
    checkAttachment(info, { ...limits, maxBytes: Math.min(limits.maxBytes, 256 * 1024) });
    const bytes = await download(info, { ...limits, maxBytes: Math.min(limits.maxBytes, 256 * 1024) });
    try {
      base = parseConfigText(Buffer.from(bytes).toString('utf8'));
    } catch (e) {
      throw new UserError(`${quote(file.name)}: ${prose((e as Error).message)}`, 'bad_config'); // the message quotes the file's keys
    }
  } else {
    try {
      base = presetName ? preset(presetName) : parseConfig({});
    } catch (e) {
      // a preset outside the choices (a raw payload): name the real ones
      if (e instanceof ConfigError) throw new UserError(prose(e.message), 'bad_preset');
      throw e;
    }
  }
  const opt = (k: string) => i.options.getInteger(k) ?? undefined;
  try {
    return withTrainOverrides(base, {
      units: opt('units'),
      epochs: opt('epochs'),
      lr: i.options.getNumber('learning_rate') ?? undefined,
      batch_size: opt('batch_size'),
      optimizer: i.options.getString('optimizer') ?? undefined,
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new UserError(prose(e.message), 'bad_config');
    throw e;
  }
}

export default {
  data: {
    name: 'train',
    description: 'Train a small LSTM here and watch it: live progress, then the diagnosis, a fix and a Keras export',
    ...EVERYWHERE,
    options: [
      {
        type: 3,
        name: 'preset',
        description: "One of the guide's examples (default: the options below on a noisy sine)",
        required: false,
        choices: PRESET_CHOICES,
      },
      {
        type: 4,
        name: 'units',
        description: 'LSTM units (first layer)',
        required: false,
        min_value: 1,
        max_value: 512,
      },
      { type: 4, name: 'epochs', description: 'Epochs (at most 300)', required: false, min_value: 1, max_value: 300 },
      {
        type: 10,
        name: 'learning_rate',
        description: 'Learning rate, e.g. 0.001',
        required: false,
        min_value: 1e-7,
        max_value: 10,
      },
      { type: 4, name: 'batch_size', description: 'Batch size', required: false, min_value: 1, max_value: 4096 },
      { type: 3, name: 'optimizer', description: 'Optimizer', required: false, choices: OPTIMIZER_CHOICES },
      {
        type: 11,
        name: 'config',
        description: 'A config file (JSON or YAML; see the docs for the fields)',
        required: false,
      },
      {
        type: 3,
        name: 'dialect',
        description: 'Keras flavour for the code and the export (default tfkeras)',
        required: false,
        choices: DIALECT_CHOICES,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  async prepare(i: ChatInputCommandInteraction, ctx) {
    const config = await buildConfig(i, ctx);
    const d = i.options.getString('dialect');
    const dialect: KerasFlavour = d && (KERAS_FLAVOURS as string[]).includes(d) ? (d as KerasFlavour) : 'tfkeras';
    return { config, dialect };
  },
  rateLimit: 'work',
  // no `defer`: runLive defers after submitting, so the queue's limits are refused privately
  async execute(i: ChatInputCommandInteraction, ctx, { config, dialect }) {
    await runLive<TrainOutcome>(i, ctx, {
      kind: 'train',
      payload: { config },
      title: `Training ${describeConfig(config)}`,
      what: '/train',
      ephemeral: i.options.getBoolean('private') ?? false,
      final: async (out) =>
        withSaved(await trainView(ctx, out, dialect), await remember(ctx, i, trainedRecord(out, 'train'))),
    });
  },
} satisfies Command<ChatInputCommandInteraction, { config: TrainConfig; dialect: KerasFlavour }>;
