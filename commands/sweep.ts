/**
 * /sweep param:<units|optimizer|batch_size|lr|architecture> [values] [repeats] [epochs] [preset] [private]
 * Each value trained `repeats` times (mean ± std), spread over the training worker pool; one live
 * progress message, then the leaderboard and the best run of each value on one chart.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { runLive, sweepView } from '../src/bot/training.js';
import { ConfigError } from '../src/train/config.js';
import { planSweep, SWEEP_DEFAULTS, SWEEP_PARAMS, type SweepParam, type SweepResult } from '../src/train/sweep.js';
import { parseValues } from '../src/train/cli.js';
import { PRESET_CHOICES } from './train.js';

const show = (v: unknown) => (Array.isArray(v) ? v.join('-') : String(v));
const PARAM_CHOICES = SWEEP_PARAMS.map((p) => ({ name: `${p} (default ${SWEEP_DEFAULTS[p].map(show).join(', ')})`.slice(0, 100), value: p }));

export default {
  data: {
    name: 'sweep',
    description: 'Train one setting over several values (mean ± std over repeats) and rank them',
    ...EVERYWHERE,
    options: [
      { type: 3, name: 'param', description: 'What to vary', required: true, choices: PARAM_CHOICES },
      { type: 3, name: 'values', description: 'Values: 16,32,64 (architecture: 64;128-64); default: the guide\'s list', required: false, max_length: 200 },
      { type: 4, name: 'repeats', description: 'Runs per value with different seeds (default 3)', required: false, min_value: 1, max_value: 5 },
      { type: 4, name: 'epochs', description: 'Epochs for every run (keeps it quick)', required: false, min_value: 1, max_value: 300 },
      { type: 3, name: 'preset', description: 'The base run (default: ideal)', required: false, choices: PRESET_CHOICES },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  async execute(i: ChatInputCommandInteraction, ctx) {
    const param = i.options.getString('param', true) as SweepParam;
    const values = i.options.getString('values');
    const repeats = i.options.getInteger('repeats');
    const epochs = i.options.getInteger('epochs');
    let spec: Record<string, unknown>;
    try {
      spec = {
        base: i.options.getString('preset') ?? 'ideal',
        mode: 'grid',
        param,
        ...(values ? { values: parseValues(param, values) } : {}),
        ...(repeats !== null ? { repeats } : {}),
        ...(epochs !== null ? { epochs } : {}),
      };
      planSweep(spec); // refuse a bad or oversized sweep at once, privately
    } catch (e) {
      if (e instanceof ConfigError) throw new UserError(e.message, 'bad_sweep');
      throw e;
    }
    await runLive<SweepResult>(i, ctx, {
      kind: 'sweep',
      payload: spec,
      title: `Sweep over ${param}`,
      what: '/sweep',
      ephemeral: i.options.getBoolean('private') ?? false,
      final: (s) => sweepView(ctx, s),
    });
  },
} satisfies Command<ChatInputCommandInteraction>;
