/**
 * The endpoint through fastify's inject: the contract's statuses and messages, Python's NaN literals,
 * batches, the rate limit, and that nothing reaches the sink on any 4xx.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createWatchServer, type WatchSink } from '../../src/watch/server.js';
import { TokenStore, type TokenRecord } from '../../src/watch/tokens.js';
import { parseJsonWithNonFinite, type ReportBatch } from '../../src/watch/schema.js';

let app: FastifyInstance;
let tokens: TokenStore;
let got: { record: TokenRecord; batch: ReportBatch }[];
let stop: boolean;
let token: string;
let now: number;

beforeEach(() => {
  now = 1_000_000;
  tokens = new TokenStore(3600_000, () => now);
  got = [];
  stop = false;
  const sink: WatchSink = { onReports: async (record, batch) => (got.push({ record, batch }), { stop }) };
  app = createWatchServer({ tokens, sink, now: () => now });
  token = tokens.create({ userId: 'u', channelId: 'c' }).token;
});
afterEach(async () => {
  await app.close();
});

const post = (payload: string | object, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/v1/watch/epochs',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('POST /v1/watch/epochs', () => {
  test('one report: 200 {ok, stop}, the sink gets it; stop:true once the sink says so', async () => {
    const r = await post({ run: 'a', epoch: 0, metrics: { loss: 1, val_loss: 1.2 }, epochs: 10 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, stop: false });
    expect(got[0].batch).toEqual({
      run: 'a',
      epochs: 10,
      reports: [{ epoch: 0, metrics: { loss: 1, val_loss: 1.2 } }],
    });
    stop = true;
    expect((await post({ run: 'a', epoch: 1, metrics: { loss: 1 } })).json()).toEqual({ ok: true, stop: true });
  });

  test("Python's bare NaN / Infinity / -Infinity literals, null and the strings are all non-finite values", async () => {
    const body =
      '{"run": "NaN run", "reports": [{"epoch": 0, "metrics": {"loss": NaN, "a": Infinity, "b": -Infinity, "c": null, "d": "NaN", "e": "-Infinity"}, "final": true}]}';
    const r = await post(body);
    expect(r.statusCode).toBe(200);
    const m = got[0].batch.reports[0].metrics;
    expect(got[0].batch.run).toBe('NaN run');
    expect([m.loss, m.a, m.b, m.c, m.d, m.e]).toEqual([NaN, Infinity, -Infinity, NaN, NaN, -Infinity]);
    expect(got[0].batch.reports[0].final).toBe(true);
  });

  test('a batch of 200 reports is one request; 201 is refused', async () => {
    const reports = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i, metrics: { loss: 1 / (i + 1) } }));
    expect((await post({ run: 'b', reports: reports(200) })).statusCode).toBe(200);
    expect(got[0].batch.reports).toHaveLength(200);
    const r = await post({ run: 'b', reports: reports(201) });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatch(/at most 200 reports/);
  });

  test.each([
    ['no Authorization header', { authorization: '' }, 401, /missing token/],
    ['not a bearer token', { authorization: `Basic ${'x'.repeat(20)}` }, 401, /missing token/],
    ['a forged token', { authorization: `Bearer ctw_${'A'.repeat(22)}` }, 401, /unknown token/],
    ['garbage', { authorization: 'Bearer <script>' }, 401, /unknown token/],
  ])('%s: %s', async (_n, headers, status, msg) => {
    const r = await post({ run: 'a', epoch: 0, metrics: { loss: 1 } }, headers);
    expect(r.statusCode).toBe(status);
    expect(r.json().error).toMatch(msg);
    expect(got).toEqual([]);
  });

  test('revoked and expired tokens: 403, nothing stored', async () => {
    tokens.revokeAll('u');
    const r = await post({ run: 'a', epoch: 0, metrics: { loss: 1 } });
    expect([r.statusCode, r.json().error]).toEqual([403, expect.stringMatching(/revoked/)]);
    token = tokens.create({ userId: 'u', channelId: 'c' }).token;
    now += 3600_000;
    expect((await post({ run: 'a', epoch: 0, metrics: { loss: 1 } })).statusCode).toBe(403);
    expect(got).toEqual([]);
  });

  test.each([
    ['malformed JSON', '{"run": "a", "epoch": 0, "metrics": {"loss": 1}', /not valid JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['no run', { epoch: 0, metrics: { loss: 1 } }, /^run: required/],
    ['a negative epoch', { run: 'a', epoch: -1, metrics: { loss: 1 } }, /epoch must be >= 0/],
    ['a fractional epoch', { run: 'a', epoch: 1.5, metrics: { loss: 1 } }, /whole number/],
    ['a string value', { run: 'a', epoch: 0, metrics: { loss: 'high' } }, /metrics\.loss: a metric value must be/],
    ['no metrics', { run: 'a', epoch: 0, metrics: {} }, /metrics is empty/],
    [
      '33 metrics',
      { run: 'a', epoch: 0, metrics: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`m${i}`, 1])) },
      /at most 32 metrics/,
    ],
    ['a 65-char metric name', { run: 'a', epoch: 0, metrics: { ['m'.repeat(65)]: 1 } }, /longer than 64/],
    ['a 101-char run', { run: 'r'.repeat(101), epoch: 0, metrics: { loss: 1 } }, /run is longer than 100/],
    ['empty body', '', /body is empty/],
  ])('%s: 400 with a clear message, nothing stored', async (_n, body, msg) => {
    const r = await post(body as string | object);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatch(msg);
    expect(r.body).not.toMatch(/at .*\.ts|node_modules/);
    expect(got).toEqual([]);
  });

  test('over 64 KB: 413; not JSON: 415', async () => {
    const big = JSON.stringify({ run: 'a', epoch: 0, metrics: { loss: 1 }, pad: 'x'.repeat(70_000) });
    const r = await post(big);
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatch(/larger than 64 KB/);
    const t = await post('run=a', { 'content-type': 'text/plain' });
    expect(t.statusCode).toBe(415);
    expect(t.json().error).toMatch(/Content-Type: application\/json/);
    expect(got).toEqual([]);
  });

  test('a flood from one token: 20 pass (the burst), then 429 with Retry-After; another token is not affected; the bucket refills', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await post({ run: 'a', epoch: i, metrics: { loss: 1 } })).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(20);
    const r = await post({ run: 'a', epoch: 99, metrics: { loss: 1 } });
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(got).toHaveLength(20);
    const other = tokens.create({ userId: 'v', channelId: 'c' }).token;
    expect(
      (await post({ run: 'a', epoch: 0, metrics: { loss: 1 } }, { authorization: `Bearer ${other}` })).statusCode,
    ).toBe(200);
    now += 1000;
    expect((await post({ run: 'a', epoch: 100, metrics: { loss: 1 } })).statusCode).toBe(200);
  });

  test('GET /healthz; unknown routes are JSON 404s', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    const r = await app.inject({ method: 'GET', url: '/v1/nope' });
    expect([r.statusCode, r.json().error]).toEqual([404, expect.stringMatching(/no such endpoint/)]);
  });

  test('a failing sink is a 500 without a stack trace', async () => {
    const bad = createWatchServer({
      tokens,
      sink: { onReports: async () => Promise.reject(new Error('secret detail')) },
    });
    const r = await bad.inject({
      method: 'POST',
      url: '/v1/watch/epochs',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"run":"a","epoch":0,"metrics":{"loss":1}}',
    });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/secret detail|at /);
    await bad.close();
  });
});

describe('parseJsonWithNonFinite', () => {
  test('literals inside strings are left alone; escaped quotes do not confuse it; linear on hostile input', () => {
    expect(parseJsonWithNonFinite('{"a": "NaN \\" Infinity", "b": [NaN, -Infinity, Infinity]}')).toEqual({
      a: 'NaN " Infinity',
      b: ['NaN', '-Infinity', 'Infinity'],
    });
    const hostile = '['.repeat(1) + 'NaN,'.repeat(15_000) + '1]';
    const t0 = performance.now();
    expect((parseJsonWithNonFinite(hostile) as unknown[]).length).toBe(15_001);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
