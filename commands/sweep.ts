/**
 * /sweep param:<units|optimizer|batch_size|lr|architecture|random> [values] [repeats] [trials] [epochs] [preset] [private]
 * Each value trained `repeats` times (mean ± std), spread over the training worker pool; one live
 * progress message, then the leaderboard and the best run of each value on one chart.
 * param:random is the guide's hyperopt example as random search: `trials` configurations sampled from
 * units x layers x learning rate (log-uniform) x batch size, `repeats` runs each (default 1).
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { prose } from '../src/bot/text.js';
import { runLive } from '../src/bot/training.js';
import { sweepView } from '../src/bot/training-views.js';
import {
  ConfigError,
  planSweep,
  SWEEP_DEFAULTS,
  SWEEP_PARAMS,
  type SweepParam,
  type SweepResult,
} from '../src/train/index.js';
import { parseValues } from '../src/requests/training.js';
import { PRESET_CHOICES } from './train.js';

const show = (v: unknown) => (Array.isArray(v) ? v.join('-') : String(v));
/** param:random: random search over this space (the guide's hyperopt space, within our caps) */
const RANDOM_SPACE = 'units 16-128, 1-2 layers, lr 1e-4..1e-2 (log-uniform), batch 16/32/64';
const PARAM_CHOICES = [
  ...SWEEP_PARAMS.map((p) => ({
    name: `${p} (default ${SWEEP_DEFAULTS[p].map(show).join(', ')})`.slice(0, 100),
    value: p,
  })),
  { name: `random search: ${RANDOM_SPACE}`.slice(0, 100), value: 'random' },
];

export default {
  data: {
    name: 'sweep',
    description: 'Train one setting over several values (mean ± std over repeats) and rank them',
    ...EVERYWHERE,
    options: [
      { type: 3, name: 'param', description: 'What to vary', required: true, choices: PARAM_CHOICES },
      {
        type: 3,
        name: 'values',
        description: "Values: 16,32,64 (architecture: 64;128-64); default: the guide's list",
        required: false,
        max_length: 200,
      },
      {
        type: 4,
        name: 'repeats',
        description: 'Runs per value with different seeds (default 3; random search: 1)',
        required: false,
        min_value: 1,
        max_value: 5,
      },
      {
        type: 4,
        name: 'trials',
        description: 'Random search: configurations to try (default 8)',
        required: false,
        min_value: 1,
        max_value: 30,
      },
      {
        type: 4,
        name: 'epochs',
        description: 'Epochs for every run (keeps it quick)',
        required: false,
        min_value: 1,
        max_value: 300,
      },
      {
        type: 3,
        name: 'preset',
        description: 'The base run (default: ideal)',
        required: false,
        choices: PRESET_CHOICES,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare(i: ChatInputCommandInteraction) {
    const param = i.options.getString('param', true);
    const values = i.options.getString('values');
    const repeats = i.options.getInteger('repeats');
    const trials = i.options.getInteger('trials');
    const epochs = i.options.getInteger('epochs');
    const random = param === 'random';
    let spec: Record<string, unknown>;
    try {
      if (random && values)
        throw new ConfigError(`values are for a sweep over one parameter; random search samples ${RANDOM_SPACE}`);
      if (!random && trials !== null)
        throw new ConfigError(
          'trials are for random search (param: random); a sweep over one parameter trains each of its values',
        );
      spec = random
        ? {
            base: i.options.getString('preset') ?? 'ideal',
            mode: 'random',
            trials: trials ?? 8,
            repeats: repeats ?? 1,
            // a new sample each time (the leaderboard lists what each trial used)
            seed: Number.parseInt(i.id.slice(-6), 10) || 0,
            ...(epochs !== null ? { epochs } : {}),
          }
        : {
            base: i.options.getString('preset') ?? 'ideal',
            mode: 'grid',
            param,
            ...(values ? { values: parseValues(param as SweepParam, values) } : {}),
            ...(repeats !== null ? { repeats } : {}),
            ...(epochs !== null ? { epochs } : {}),
          };
      planSweep(spec); // refuse a bad or oversized sweep at once, privately
    } catch (e) {
      if (e instanceof ConfigError) throw new UserError(prose(e.message), 'bad_sweep'); // it quotes the values given
      throw e;
    }
    return { spec, random, param };
  },
  rateLimit: 'work',
  // no `defer`: runLive defers after submitting, so the queue's limits are refused privately
  async execute(i: ChatInputCommandInteraction, ctx, { spec, random, param }) {
    await runLive<SweepResult>(i, ctx, {
      kind: 'sweep',
      payload: spec,
      title: random ? `Random search (${spec.trials} trials)` : `Sweep over ${param}`,
      what: '/sweep',
      ephemeral: i.options.getBoolean('private') ?? false,
      final: (s) => sweepView(ctx, s),
    });
  },
} satisfies Command<ChatInputCommandInteraction, { spec: Record<string, unknown>; random: boolean; param: string }>;
