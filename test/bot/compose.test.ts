/**
 * docker-compose.yml (a contract of issue 14). No Docker engine runs here, so its structure is
 * checked: the services the deployment needs, the HTTP front behind a profile, workers that can be
 * scaled, Redis health gating the rest, and every variable handed to the bot one its config knows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../src/bot/config.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const compose = parse(readFileSync(`${ROOT}docker-compose.yml`, 'utf8'), { merge: true }) as any;
const services = compose.services as Record<string, any>;
const known = new Set(Object.keys(ConfigSchema.shape));

describe('docker-compose.yml', () => {
  test('redis, the gateway bot, the HTTP front (profile http) and the workers', () => {
    expect(Object.keys(services).sort()).toEqual(['bot', 'http', 'postgres', 'redis', 'worker']);
    expect(services.bot.profiles).toBeUndefined();
    expect(services.worker.profiles).toBeUndefined();
    expect(services.http.profiles).toEqual(['http']);
    expect(services.redis.image).toMatch(/^redis:/);
    // BullMQ refuses to run on an evicting Redis
    expect(services.redis.command.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  test('one image for bot, front and workers, built from the Dockerfile', () => {
    for (const s of ['bot', 'http', 'worker']) {
      expect(services[s].build).toBe('.');
      expect(services[s].image).toBe('curve-triage-bot');
    }
    expect(services.bot.command).toEqual(['bot']);
    expect(services.http.command).toEqual(['bot']);
    // the image has no dev tools: the entrypoint's `worker` runs the built worker (docker/entrypoint.sh)
    expect(services.worker.command).toEqual(['worker']);
  });

  test('workers scale: no fixed name, no host port; probed on their own health port', () => {
    expect(services.worker.container_name).toBeUndefined();
    expect(services.worker.ports).toBeUndefined();
    const env = services.worker.environment;
    expect(env.WORKER_HOST).toBe('0.0.0.0');
    expect(services.worker.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${env.WORKER_PORT}/readyz`);
  });

  test('everything waits for a healthy Redis and shares it', () => {
    expect(services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const s of ['bot', 'http', 'worker']) {
      expect(services[s].depends_on.redis).toEqual({ condition: 'service_healthy' });
      expect(services[s].environment.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  test('the bot and every front share one team-memory database (a /forget reaches them all), kept in a volume', () => {
    for (const s of ['bot', 'http']) {
      expect(services[s].depends_on.postgres).toEqual({ condition: 'service_healthy' });
      expect(services[s].environment.DATABASE_URL).toBe('postgres://curve@postgres:5432/curve_triage');
    }
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.postgres.ports).toBeUndefined();
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(services.postgres.healthcheck.test).toContain('pg_isready');
  });

  test('the modes: gateway for bot, http for the front with its key, port and health probe', () => {
    expect(services.bot.environment.INTERACTIONS).toBe('gateway');
    const env = services.http.environment;
    expect(env.INTERACTIONS).toBe('http');
    expect(env.DISCORD_PUBLIC_KEY).toBe('${DISCORD_PUBLIC_KEY:-}');
    expect(env.HTTP_HOST).toBe('0.0.0.0');
    expect(services.http.ports).toEqual([`\${HTTP_FRONT_PORT:-8080}:${env.HTTP_PORT}`]);
    const probe = services.http.healthcheck.test.join(' ');
    expect(probe).toContain(`http://127.0.0.1:${env.HTTP_PORT}/readyz`);
  });

  test('every variable given to the bot and the front is one the config reads; no secret is written in', () => {
    for (const s of ['bot', 'http']) {
      const env = services[s].environment as Record<string, string>;
      for (const k of Object.keys(env)) expect(known.has(k), `${s}: ${k}`).toBe(true);
      for (const k of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']) expect(env[k]).toBe(`\${${k}:-}`);
    }
  });
});
