/** The dispatcher applies what a handler declares, in order: prepare, rate limit, defer, execute. */
import { expect, test } from 'vitest';
import type { RepliableInteraction } from 'discord.js';
import { dispatch } from '../../src/bot/dispatch.js';
import { RateLimiter } from '../../src/bot/ratelimit.js';
import { UserError } from '../../src/bot/errors.js';
import type { BotContext } from '../../src/bot/context.js';
import type { Handler } from '../../src/bot/command.js';

function setup(max: number) {
  const steps: string[] = [];
  const interaction = {
    user: { id: 'u1' },
    guildId: 'g1',
    deferReply: async (o: unknown) => void steps.push(`defer ${JSON.stringify(o)}`),
  } as unknown as RepliableInteraction;
  const ctx = {
    limiter: new RateLimiter({ max, windowMs: 60_000 }, { max: 100, windowMs: 60_000 }),
  } as unknown as BotContext;
  return { steps, interaction, ctx };
}

const handler = (steps: string[], fail?: string): Handler<RepliableInteraction, { ephemeral: boolean }> => ({
  prepare() {
    steps.push('prepare');
    if (fail) throw new UserError(fail, 'bad');
    return { ephemeral: true };
  },
  rateLimit: 'diagnoses',
  defer: (_i, p) => ({ ephemeral: p.ephemeral }),
  async execute(_i, _c, p) {
    steps.push(`execute ${p.ephemeral}`);
  },
});

test('prepare, rate, defer (privately when asked), execute', async () => {
  const { steps, interaction, ctx } = setup(5);
  await dispatch(handler(steps), interaction, ctx);
  expect(steps).toEqual(['prepare', 'defer {"flags":64}', 'execute true']);
});

test('a refusal in prepare neither defers nor costs a request of the rate limit', async () => {
  const { steps, interaction, ctx } = setup(1);
  await expect(dispatch(handler(steps, 'no file'), interaction, ctx)).rejects.toThrow('no file');
  await dispatch(handler(steps), interaction, ctx);
  await expect(dispatch(handler(steps), interaction, ctx)).rejects.toThrow(/a lot of diagnoses in a short time/);
  expect(steps).toEqual(['prepare', 'prepare', 'defer {"flags":64}', 'execute true', 'prepare']);
});

test('a handler without declarations just executes', async () => {
  const { steps, interaction, ctx } = setup(1);
  await dispatch({ execute: async () => void steps.push('execute') }, interaction, ctx);
  await dispatch({ execute: async () => void steps.push('execute') }, interaction, ctx);
  expect(steps).toEqual(['execute', 'execute']);
});
