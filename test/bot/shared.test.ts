/**
 * The Redis-backed state (REDIS_URL) against a real, throwaway redis-server: two independent
 * instances (two processes' worth of stores and limiters, each with its own connection) see the same
 * entries and count against the same limits, with the in-memory variants' refusals.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type ThrowawayRedis } from '../services/redis.js';
import { RedisReplyStore, RedisRunStore, WriteBarrier } from '../../src/bot/store.js';
import { SharedRateLimiter } from '../../src/bot/ratelimit.js';
import { explain } from '../../src/advise/index.js';
import { sealerFor } from '../../src/jobs/seal.js';
import { inflateRawSync } from 'node:zlib';

let server: ThrowawayRedis;
let a: Redis;
let b: Redis;
beforeAll(async () => {
  server = await startRedis();
  a = new Redis(server.url);
  b = new Redis(server.url);
});
afterAll(async () => {
  await a?.quit();
  await b?.quit();
  await server?.stop();
});

describe('reply and run stores', () => {
  test('what one process stores, another reads; gone after the TTL', async () => {
    const barrier = new WriteBarrier();
    const mine = new RedisReplyStore(a, 60_000, barrier, 't1:');
    const theirs = new RedisReplyStore(b, 60_000, new WriteBarrier(), 't1:');
    const r = explain('overfitting');
    const key = mine.put(r);
    expect(key).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(barrier.size).toBe(1);
    await barrier.settled();
    expect(barrier.size).toBe(0);
    expect(await theirs.get(key)).toEqual(r);
    expect(await theirs.get('nope')).toBeUndefined();
    expect(await theirs.get('../../etc')).toBeUndefined();
    const short = new RedisReplyStore(a, 30, barrier, 't1:');
    const k2 = short.put(r);
    await barrier.settled();
    expect(await a.pttl(`t1:${k2}`)).toBeLessThanOrEqual(30);
    await new Promise((res) => setTimeout(res, 60));
    expect(await theirs.get(k2)).toBeUndefined();
  });

  test('runs keep non-finite numbers (a diverged run)', async () => {
    const barrier = new WriteBarrier();
    const mine = new RedisRunStore(a, 60_000, barrier, 't2:');
    const theirs = new RedisRunStore(b, 60_000, barrier, 't2:');
    const outcome = { config: { lr: 0.1 }, log: { loss: [1, Number.NaN, Number.POSITIVE_INFINITY] } } as never;
    const key = mine.put(outcome, 'keras3');
    await barrier.settled();
    const back = await theirs.get(key);
    expect(back?.dialect).toBe('keras3');
    expect((back?.outcome as any).log.loss).toEqual([1, Number.NaN, Number.POSITIVE_INFINITY]);
  });

  test('QUEUE_KEY: the entries sit in Redis encrypted, open with the key, and read as expired without it', async () => {
    const barrier = new WriteBarrier();
    const sealer = sealerFor('a-shared-state-key-of-32-characters!');
    const replies = new RedisReplyStore(a, 60_000, barrier, 't4:', sealer);
    const runs = new RedisRunStore(a, 60_000, barrier, 't5:', sealer);
    const r = explain('overfitting');
    const outcome = { config: { lr: 0.123456789, units: 77 }, log: { loss: [1, 0.5] } } as never;
    const rk = replies.put(r);
    const uk = runs.put(outcome, 'tfkeras');
    await barrier.settled();
    // each entry as its bytes and a text the plain (deflated JSON) entry would hold
    const raw: [Buffer | null, string][] = [
      [await a.getBuffer(`t4:${rk}`), 'overfitting'],
      [await a.getBuffer(`t5:${uk}`), '0.123456789'],
    ];
    // what inflating the bytes shows; random ciphertext sometimes happens to be a valid deflate stream
    const inflated = (bytes: Buffer) => {
      try {
        return inflateRawSync(bytes).toString('latin1');
      } catch {
        return '';
      }
    };
    for (const [bytes, text] of raw) {
      expect(bytes!.subarray(0, 4).toString()).toBe('ctS1');
      expect(bytes!.toString('latin1')).not.toContain(text);
      expect(inflated(bytes!)).not.toContain(text); // not the plain deflated entry
    }
    expect(await new RedisReplyStore(b, 60_000, barrier, 't4:', sealer).get(rk)).toEqual(r);
    expect((await new RedisRunStore(b, 60_000, barrier, 't5:', sealer).get(uk))?.outcome).toEqual(outcome);
    // no key, or another: nothing to show (the button says it expired), never a crash
    expect(await new RedisReplyStore(b, 60_000, barrier, 't4:').get(rk)).toBeUndefined();
    const other = sealerFor('another-key-of-at-least-32-characters');
    expect(await new RedisRunStore(b, 60_000, barrier, 't5:', other).get(uk)).toBeUndefined();
    // entries written before the key was set still read
    const plainKey = new RedisReplyStore(a, 60_000, barrier, 't4:').put(r);
    await barrier.settled();
    expect(inflated((await a.getBuffer(`t4:${plainKey}`))!)).toContain('overfitting'); // what a sealed entry must not show
    expect(await new RedisReplyStore(b, 60_000, barrier, 't4:', sealer).get(plainKey)).toEqual(r);
  });
});

describe('shared rate limits', () => {
  test('per user then per guild across two processes, with the same refusals as in memory', async () => {
    const user = { max: 2, windowMs: 60_000 };
    const guild = { max: 3, windowMs: 60_000 };
    const p1 = new SharedRateLimiter(a, user, guild, 't3');
    const p2 = new SharedRateLimiter(b, user, guild, 't3');
    expect((await p1.take('u1', 'g')).ok).toBe(true);
    expect((await p2.take('u1', 'g')).ok).toBe(true);
    const r = await p1.take('u1', 'g');
    expect(r).toMatchObject({ ok: false, scope: 'user' });
    expect(r.ok === false && r.retryAfterS).toBeGreaterThan(55);
    expect(r.ok === false && r.retryAfterS).toBeLessThanOrEqual(60);
    expect((await p2.take('u2', 'g')).ok).toBe(true);
    // the server's budget (3) is spent: refused for the server, and u3's own budget is untouched
    expect(await p1.take('u3', 'g')).toMatchObject({ ok: false, scope: 'guild' });
    expect(await a.get('t3:u:u3')).toBe('0');
    expect((await p2.take('u3', null)).ok).toBe(true); // DMs: no server limit
    expect((await p2.take('u3', null)).ok).toBe(true);
    expect(await p1.take('u3', null)).toMatchObject({ ok: false, scope: 'user' });
  });

  test('Redis gone: each process still limits, in memory', async () => {
    const lost = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    lost.on('error', () => undefined);
    const p = new SharedRateLimiter(lost, { max: 1, windowMs: 60_000 }, { max: 10, windowMs: 60_000 }, 't4');
    expect((await p.take('u', 'g')).ok).toBe(true);
    expect(await p.take('u', 'g')).toMatchObject({ ok: false, scope: 'user' });
    lost.disconnect();
  });
});
