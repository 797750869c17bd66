import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerHealth, runChecks } from '../../src/util/health.js';

describe('health endpoints', () => {
  const apps: ReturnType<typeof Fastify>[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  function app(checks: Parameters<typeof registerHealth>[1]['checks'], timeoutMs?: number) {
    const a = Fastify();
    registerHealth(a, { role: 'worker', checks, ...(timeoutMs ? { timeoutMs } : {}) });
    apps.push(a);
    return a;
  }

  it('healthz answers 200 whatever the checks say', async () => {
    const a = app({ redis: async () => ({ ok: false }) });
    const r = await a.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, role: 'worker' });
  });

  it('readyz is 200 when every check passes and 503 naming the failing one otherwise', async () => {
    const ok = app({ redis: async () => ({ ok: true, detail: 'pong' }), queue: async () => ({ ok: true }) });
    expect((await ok.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const bad = app({
      redis: async () => ({ ok: true }),
      queue: async () => {
        throw new Error('queue depth unknown');
      },
    });
    const r = await bad.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.json().checks.queue).toEqual({ ok: false, detail: 'queue depth unknown' });
    expect(r.json().checks.redis.ok).toBe(true);
  });

  it('a failing check never shows a URL (it may carry a password)', async () => {
    const r = await runChecks({
      db: async () => {
        throw new Error('connect to postgres://curve:s3cret@db.internal:5432/x failed: ECONNREFUSED');
      },
    });
    expect(r.checks.db).toEqual({ ok: false, detail: 'connect to <url> failed: ECONNREFUSED' });
  });

  it('a hung check fails as timed out instead of hanging the probe', async () => {
    const r = await runChecks({ hung: () => new Promise(() => {}) }, 50);
    expect(r).toEqual({ ok: false, checks: { hung: { ok: false, detail: 'timed out after 50 ms' } } });
  });
});
