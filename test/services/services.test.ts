import { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type ThrowawayPostgres } from './postgres.js';
import { startRedis, type ThrowawayRedis } from './redis.js';

/** Sends one inline Redis command and returns the first reply line. */
function redisCommand(port: number, cmd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    s.once('error', reject);
    s.connect(port, '127.0.0.1', () => s.write(`${cmd}\r\n`));
    s.once('data', (b) => {
      s.destroy();
      resolve(b.toString().split('\r\n')[0] ?? '');
    });
  });
}

describe('throwaway services for tests', () => {
  let redis: ThrowawayRedis;
  let postgres: ThrowawayPostgres;
  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), postgres?.stop()]);
  });

  it('starts a redis-server that answers and keeps data', async () => {
    expect(await redisCommand(redis.port, 'SET k v')).toBe('+OK');
    expect(await redisCommand(redis.port, 'GET k')).toBe('$1');
  });

  it('starts a PostgreSQL cluster that runs queries', async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const r = await client.query<{ n: number }>('select 1 + 1 as n');
    await client.end();
    expect(r.rows[0]?.n).toBe(2);
  });

  it('stop() ends the servers so their ports refuse connections', async () => {
    const r = await startRedis();
    await r.stop();
    await expect(redisCommand(r.port, 'PING')).rejects.toThrow();
  });
});
