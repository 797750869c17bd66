/**
 * /sweep param:<units|optimizer|batch_size|lr|architecture|random> [search] [values] [repeats] [trials] [epochs] [preset] [private]
 * Each value trained `repeats` times (mean ± std), spread over the training worker pool; one live
 * progress message, then the leaderboard and the best run of each value on one chart.
 * param:random (or search:random) is the guide's hyperopt example as random search: `trials`
 * configurations sampled from units x layers x learning rate (log-uniform) x batch size, `repeats`
 * runs each (default 1). search:tpe is the guide's own method: TPE over its space (units 32..256 step
 * 32, lr e^-5..e^-2, dropout 0..0.5) for `trials` trials with median-stopping pruning, the top 2
 * re-run with `repeats` new seeds (default 3); the reply has the best-so-far chart and the scripts.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { prose } from '../src/bot/text.js';
import { runLive } from '../src/bot/training.js';
import { withSaved } from '../src/bot/flow.js';
import { historyOn, remember, sweepRecord } from '../src/bot/memory.js';
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
/** search:tpe: the guide's space, what the reply and the refusals call it */
const TPE_SPACE = 'units 32..256 step 32, lr e^-5..e^-2 (log), dropout 0..0.5';
const SEARCH_CHOICES = [
  { name: 'grid: each value of param (the default)', value: 'grid' },
  { name: `random search: ${RANDOM_SPACE}`.slice(0, 100), value: 'random' },
  { name: `TPE (Bayesian, pruned): ${TPE_SPACE}`.slice(0, 100), value: 'tpe' },
];
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
      { type: 3, name: 'param', description: 'What to vary (a grid sweep)', required: false, choices: PARAM_CHOICES },
      {
        type: 3,
        name: 'search',
        description: 'How to search: grid, random or TPE',
        required: false,
        choices: SEARCH_CHOICES,
      },
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
        description: 'Runs per value with different seeds (default 3; random: 1; TPE: validation seeds)',
        required: false,
        min_value: 1,
        max_value: 5,
      },
      {
        type: 4,
        name: 'trials',
        description: 'Random search / TPE: configurations to try (default 8; TPE 12)',
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
      {
        type: 5,
        name: 'vs_random',
        description: 'TPE: also run random search on the same budget (both on the best-so-far chart)',
        required: false,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare(i: ChatInputCommandInteraction) {
    const param = i.options.getString('param');
    const search = i.options.getString('search');
    let spec: Record<string, unknown>;
    let mode: string;
    try {
      mode = sweepMode(param, search);
      if (mode !== 'tpe' && i.options.getBoolean('vs_random') !== null)
        throw new ConfigError('vs_random is for a TPE search (search: tpe): it runs random search beside it');
      spec = mode === 'tpe' ? tpeSpec(i) : mode === 'random' ? randomSpec(i) : gridSpec(i, param!);
      planSweep(spec); // refuse a bad or oversized sweep at once, privately
    } catch (e) {
      if (e instanceof ConfigError) throw new UserError(prose(e.message), 'bad_sweep'); // it quotes the values given
      throw e;
    }
    return { spec, mode, param: param ?? '' };
  },
  rateLimit: 'work',
  // no `defer`: runLive defers after submitting, so the queue's limits are refused privately
  async execute(i: ChatInputCommandInteraction, ctx, { spec, mode, param }) {
    await runLive<SweepResult>(i, ctx, {
      kind: 'sweep',
      payload: spec,
      title:
        mode === 'tpe'
          ? `TPE search (${String(spec.trials)} trials, pruned)`
          : mode === 'random'
            ? `Random search (${String(spec.trials)} trials)`
            : `Sweep over ${param}`,
      what: '/sweep',
      ephemeral: i.options.getBoolean('private') ?? false,
      final: async (s) => {
        const view = await sweepView(ctx, s);
        // the best run is diagnosed for the record only when it will be kept
        const record = (await historyOn(ctx, i)) ? sweepRecord(s) : undefined;
        return withSaved(view, record ? await remember(ctx, i, record) : undefined);
      },
    });
  },
} satisfies Command<ChatInputCommandInteraction, { spec: Record<string, unknown>; mode: string; param: string }>;

/** grid, random or tpe from the two options; param:random keeps meaning random search. */
function sweepMode(param: string | null, search: string | null): string {
  if (search === 'tpe' || (search === 'random' && (param === null || param === 'random'))) {
    if (search === 'tpe' && param !== null)
      throw new ConfigError(`param is for a grid sweep; search:tpe samples the guide's space (${TPE_SPACE})`);
    return search;
  }
  if (search === 'random') throw new ConfigError(`param is for a grid sweep; search:random samples ${RANDOM_SPACE}`);
  if (param === null) throw new ConfigError('give param (what a grid sweep varies) or search (random or tpe)');
  return param === 'random' ? 'random' : 'grid';
}

/** The seed of a search: a new sample each time (the leaderboard lists what each trial used). */
const seedOf = (i: ChatInputCommandInteraction) => Number.parseInt(i.id.slice(-6), 10) || 0;

function common(i: ChatInputCommandInteraction): Record<string, unknown> {
  const epochs = i.options.getInteger('epochs');
  return { base: i.options.getString('preset') ?? 'ideal', ...(epochs !== null ? { epochs } : {}) };
}

function noValues(i: ChatInputCommandInteraction, what: string): void {
  if (i.options.getString('values')) throw new ConfigError(`values are for a sweep over one parameter; ${what}`);
}

function tpeSpec(i: ChatInputCommandInteraction): Record<string, unknown> {
  noValues(i, `search:tpe samples the guide's space (${TPE_SPACE})`);
  const repeats = i.options.getInteger('repeats');
  return {
    ...common(i),
    mode: 'tpe',
    trials: i.options.getInteger('trials') ?? 12,
    seed: seedOf(i),
    tpe: {
      ...(repeats !== null ? { validate_seeds: repeats } : {}),
      compare_random: i.options.getBoolean('vs_random') ?? false,
    },
  };
}

function randomSpec(i: ChatInputCommandInteraction): Record<string, unknown> {
  noValues(i, `random search samples ${RANDOM_SPACE}`);
  return {
    ...common(i),
    mode: 'random',
    trials: i.options.getInteger('trials') ?? 8,
    repeats: i.options.getInteger('repeats') ?? 1,
    seed: seedOf(i),
  };
}

function gridSpec(i: ChatInputCommandInteraction, param: string): Record<string, unknown> {
  const values = i.options.getString('values');
  const repeats = i.options.getInteger('repeats');
  if (i.options.getInteger('trials') !== null)
    throw new ConfigError(
      'trials are for random search (param: random); a sweep over one parameter trains each of its values',
    );
  return {
    ...common(i),
    mode: 'grid',
    param,
    ...(values ? { values: parseValues(param as SweepParam, values) } : {}),
    ...(repeats !== null ? { repeats } : {}),
  };
}
