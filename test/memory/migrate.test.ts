/**
 * Upgrading a database written before a migration: a SQLite file with only the first migration (as the
 * first release wrote it) opens, gains the later ones, and keeps its runs; several processes opening it at
 * once all succeed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { openMemory, SQLITE_FILE, type Scope } from '../../src/memory/index.js';
import { migrations, type DB } from '../../src/memory/schema.js';
import { toRow } from '../../src/memory/rows.js';
import { newRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ct-mem-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A SQLite file as the first release wrote it: migration 0001 only. */
async function firstRelease(folder: string): Promise<Kysely<unknown>> {
  const old = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new Database(join(folder, SQLITE_FILE)) }),
  });
  const first = { '0001_initial': migrations('sqlite')['0001_initial'] };
  const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => first } }).migrateToLatest();
  expect(error).toBeUndefined();
  return old;
}

test('a first-release database opens, migrates to the latest schema and keeps its runs', async () => {
  const G: Scope = { kind: 'guild', guildId: '42' };
  const old = await firstRelease(dir);
  // a run as the first release stored it: every column but the later ones
  const { request_id: _later, ...v1 } = toRow(newRun(G, { title: 'from the first release' }), 'g:42', 1_000);
  await (old as unknown as Kysely<DB>)
    .insertInto('runs')
    .values({ ...v1, short_id: 'abcd' } as never)
    .execute();
  await old.destroy();
  const store = await openMemory({ dataDir: dir });
  const applied = new Database(join(dir, SQLITE_FILE), { readonly: true });
  const names = applied.prepare('select name from kysely_migration order by name').all() as { name: string }[];
  expect(names.map((n) => n.name)).toEqual(Object.keys(migrations('sqlite')).sort());
  const columns = applied.prepare('pragma table_info(runs)').all() as { name: string }[];
  expect(columns.map((c) => c.name)).toContain('request_id');
  applied.close();
  await store.setSettings(G, { enabled: true, by: 'a' });
  const a = await store.record(newRun(G, { requestId: 'r1' }));
  expect((await store.record(newRun(G, { requestId: 'r1' }))).id).toBe(a.id);
  await store.close();
  const again = await openMemory({ dataDir: dir }); // nothing left to migrate: opens as is
  expect((await again.list({ scope: G })).items.map((r) => r.id)).toEqual([a.id, 'abcd']);
  const kept = await again.get(G, 'abcd');
  expect(kept?.title).toBe('from the first release');
  expect(kept?.run.series.length).toBeGreaterThan(0);
  await again.close();
});

test('stores upgrading one first-release file at once all open it (the upgrade is one transaction)', async () => {
  // before, each statement of a migration ran on its own: two openers both read "0002 pending" and the
  // second ALTER TABLE failed with "duplicate column name". Kysely awaits between statements, so openers
  // in one process interleave as processes do (the old code failed about 3 rounds in 5 here)
  for (let round = 0; round < 8; round++) {
    const folder = join(dir, `race-${round}`);
    mkdirSync(folder);
    await (await firstRelease(folder)).destroy();
    const opened = await Promise.allSettled([0, 1, 2].map(() => openMemory({ dataDir: folder })));
    expect(opened.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual(['ok', 'ok', 'ok']);
    for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
    expect(appliedMigrations(folder)).toEqual(Object.keys(migrations('sqlite')).sort());
  }
  // and as separate processes (the CLI)
  const folder = join(dir, 'race-processes');
  mkdirSync(folder);
  await (await firstRelease(folder)).destroy();
  const bin = join(__dirname, '../../bin/curve-triage.js');
  const env = { ...process.env, DATA_DIR: folder };
  const runs = await Promise.allSettled(
    [0, 1, 2].map(() => promisify(execFile)(process.execPath, [bin, 'history', '--json'], { env })),
  );
  expect(runs.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).toEqual(['ok', 'ok', 'ok']);
  expect(appliedMigrations(folder)).toEqual(Object.keys(migrations('sqlite')).sort());
}, 60_000);

function appliedMigrations(folder: string): string[] {
  const applied = new Database(join(folder, SQLITE_FILE), { readonly: true });
  const names = applied.prepare('select name from kysely_migration order by name').all() as { name: string }[];
  applied.close();
  return names.map((n) => n.name);
}
