/**
 * The replay guard of the HTTP front: an interaction id is let through once, per front in memory and
 * across fronts in a real Redis; with Redis gone each front still refuses its own replays.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { memoryFirstSeen, redisFirstSeen } from '../../src/bot/http-replay.js';
import { startRedis, type ThrowawayRedis } from '../services/redis.js';

const quiet = { warn: () => undefined } as never;
let server: ThrowawayRedis;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

test('in memory: once per id, again after the window', async () => {
  const seen = memoryFirstSeen(60);
  expect(await seen('111')).toBe(true);
  expect(await seen('111')).toBe(false);
  expect(await seen('222')).toBe(true);
  await new Promise((r) => setTimeout(r, 120));
  expect(await seen('111')).toBe(true);
});

test('in Redis: a replay sent to another front is refused; Redis gone, each front keeps its own', async () => {
  const a = new Redis(server.url, { maxRetriesPerRequest: 0 });
  const b = new Redis(server.url, { maxRetriesPerRequest: 0 });
  try {
    const frontA = redisFirstSeen(a, 10_000, quiet);
    const frontB = redisFirstSeen(b, 10_000, quiet);
    expect(await frontA('333')).toBe(true);
    expect(await frontB('333')).toBe(false);
    expect(await frontA('333')).toBe(false);
    expect(await a.pttl('ct:seen:333')).toBeGreaterThan(9_000);
    b.disconnect();
    expect(await frontB('444')).toBe(true); // Redis unreachable for B: its memory decides
    expect(await frontB('444')).toBe(false);
  } finally {
    a.disconnect();
    b.disconnect();
  }
});

test('a Redis that does not answer: the front decides from memory within the wait, never holding the interaction', async () => {
  const hung = { set: () => new Promise(() => undefined) } as unknown as Redis;
  const seen = redisFirstSeen(hung, 10_000, quiet);
  const t0 = Date.now();
  expect(await seen('555')).toBe(true);
  expect(await seen('555')).toBe(false);
  expect(Date.now() - t0).toBeLessThan(2_000); // two checks, each bounded at 250 ms
});
