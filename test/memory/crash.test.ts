/**
 * Crash safety: a child process writing runs (four records in flight) is SIGKILLed mid-writes; on
 * reopen the database is consistent and every run whose record() had resolved (printed `ack ID`) is
 * there. Both backends, for real.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemory, SQLITE_FILE } from '../../src/memory/index.js';
import { newRun, postgresBackend, sqliteBackend, type Backend } from './helpers.js';

const CHILD = join(__dirname, 'crash-child.ts');
const ACKS_BEFORE_KILL = 40;

/** Run the writer until it has acknowledged `acks` runs, SIGKILL it mid-write, return the acknowledged ids. */
function writeThenKill(env: Record<string, string>, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    delete clean.DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...clean, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ids: string[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) ids.push(line.slice(4));
        if (ids.length >= acks && !child.killed) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(ids);
      else reject(new Error(`the writer exited by itself (${code}): ${err.slice(0, 2000)}`));
    });
  });
}

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', postgresBackend],
] as const)('a writer killed mid-writes (%s)', (name, make) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('loses no acknowledged run and leaves the database consistent', async () => {
    const first = await backend.open(); // a fresh, migrated database
    await first.close();
    const { options: opts, env } = backend.where();
    const acked = await writeThenKill(env, ACKS_BEFORE_KILL);
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const store = await openMemory(opts);
    try {
      const scope = { kind: 'guild' as const, guildId: 'crash' };
      for (const id of acked) {
        const r = await store.get(scope, id);
        expect(r?.id, `acknowledged run #${id}`).toBe(id);
        expect(r!.run.series.length).toBeGreaterThan(0);
      }
      const all = await store.list({ scope, limit: 100 });
      expect(all.items.length).toBeGreaterThanOrEqual(Math.min(100, acked.length));
      // the store still writes after the crash
      await store.record(newRun(scope));
    } finally {
      await store.close();
    }
    if (name === 'sqlite') {
      const db = new Database(join(opts.dataDir!, SQLITE_FILE), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    } else {
      const c = new pg.Client({ connectionString: opts.databaseUrl });
      await c.connect();
      const orphans = await c.query(
        'select count(*)::int as n from run_metrics m left join runs r on r.pk = m.run_pk where r.pk is null',
      );
      await c.end();
      expect(orphans.rows[0].n).toBe(0);
    }
  });
});
