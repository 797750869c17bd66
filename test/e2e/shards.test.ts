/**
 * Gateway sharding (SHARDS=auto|N): the bot's one process opens one gateway connection per shard,
 * each identifying with its [id, count], and answers interactions whichever shard they arrive on
 * (the fake Discord routes a guild's events to shard (guild_id >> 22) % count, as Discord does).
 */
import { afterEach, expect, test } from 'vitest';
import { callbackFor, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** a realistic guild id (19 digits) that Discord's rule puts on this shard of `count` */
function guildOn(harness: Harness, shard: number, count: number): string {
  for (let n = 300_000_000_000n; ; n++) {
    const id = (n << 22n).toString();
    if (harness.fake.shardFor(id, count) === shard) return id;
  }
}

async function answeredOnEveryShard(harness: Harness, count: number): Promise<void> {
  for (let shard = 0; shard < count; shard++) {
    const { token } = harness.fake.command('help', {}, { guildId: guildOn(harness, shard, count) });
    expect((await callbackFor(harness.fake, token)).json.data.embeds[0].title).toMatch(/curve-triage/);
  }
}

test('SHARDS=2: two gateway connections, shard [0,2] and [1,2], both answered', async () => {
  h = await startHarness({ SHARDS: '2' }, {}, (fake) => (fake.maxConcurrency = 2));
  expect(h.fake.identifies.map((i) => i.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);
  expect(h.fake.gatewayClients).toBe(2);
  expect(h.bot.client.ws.shards.size).toBe(2);
  await answeredOnEveryShard(h, 2);
  expect(h.logs.join('')).toMatch(/"shards":2[^\n]*"msg":"ready"/);
});

test('SHARDS=auto follows the count Discord recommends', async () => {
  h = await startHarness({}, {}, (fake) => {
    fake.gatewayShards = 3;
    fake.maxConcurrency = 3;
  });
  expect(h.fake.identifies.map((i) => i.shard[0]).sort()).toEqual([0, 1, 2]);
  expect(h.fake.identifies.every((i) => i.shard[1] === 3)).toBe(true);
  await answeredOnEveryShard(h, 3);
});

test('the default stays one connection when Discord recommends one', async () => {
  h = await startHarness();
  expect(h.fake.identifies).toHaveLength(1);
  expect(h.fake.gatewayClients).toBe(1);
});

test('SHARDS must be auto or a positive number', async () => {
  const { loadConfig } = await import('../../src/bot/config.js');
  const base = { DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '111111111111111111' };
  expect(loadConfig({ ...base, SHARDS: '4' }).SHARDS).toBe(4);
  expect(loadConfig(base).SHARDS).toBe('auto');
  expect(() => loadConfig({ ...base, SHARDS: 'many' })).toThrow(/SHARDS/);
  expect(() => loadConfig({ ...base, SHARDS: '0' })).toThrow(/SHARDS/);
  expect(() => loadConfig({ ...base, INTERACTIONS: 'http' })).toThrow(/DISCORD_PUBLIC_KEY/);
});
