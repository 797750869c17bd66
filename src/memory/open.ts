/**
 * The two backends. SQLite: memory.sqlite in the data folder, WAL journal with synchronous=FULL (the
 * crash-safety bar is "no acknowledged run is lost": NORMAL survives a killed process but may roll back
 * the last commits on a power cut or OS crash, FULL fsyncs the WAL at every commit, so once record()
 * resolves the run is on disk; runs arrive at human pace, so the fsync costs nothing that matters).
 * PostgreSQL: a pg pool on DATABASE_URL (its own WAL and synchronous_commit give the same guarantee).
 * The connection string is never logged nor put in an error message.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';
import { migrations, type DB, type Dialect } from './schema.js';
import { BUSY_TIMEOUT_MS, KyselyStore } from './store.js';
import { MemoryError, type MemoryStore } from './types.js';

export const SQLITE_FILE = 'memory.sqlite';
/** OURS: processes racing to create a new file: the losers retry (after a short random pause) this many times */
const MIGRATE_TRIES = 10;

async function migrate(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its Migrator would run a
 * migration statement by statement with nothing shared between processes: two CLI processes opening a
 * file of an older version both read "migration 2 pending" and both ALTER TABLE (the loser: "duplicate
 * column name"), and a crash mid-migration leaves half of one applied. Saying yes makes the Migrator run
 * the whole upgrade in one transaction: all or nothing, and a process that read the old state cannot
 * commit over the winner (SQLite refuses its write as busy; the retry below then sees the new version).
 */
class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl(): boolean {
        return true;
      }
    })();
  }
}

const reason = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 300);

/** The file opened with its pragmas (closed again when one fails). */
async function connectSqlite(dataDir: string, file: string): Promise<Kysely<DB>> {
  mkdirSync(dataDir, { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    // a forgotten run's bytes are overwritten with zeros, not left in free pages (store.ts scrubs the WAL too)
    database.pragma('secure_delete = ON');
  } catch (e) {
    database.close();
    throw e;
  }
  return new Kysely<DB>({ dialect: new TransactionalSqliteDialect({ database }) });
}

export async function openSqlite(dataDir: string): Promise<MemoryStore> {
  const file = join(dataDir, SQLITE_FILE);
  // processes opening a new (or older) file at once: switching it to WAL and migrating take the write
  // lock; a loser that finds it taken tries again after a short random pause and sees the winner's work
  // ... for at most two busy timeouts in all: a file another writer holds longer is refused, not waited on
  const deadline = Date.now() + 2 * BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    let db: Kysely<DB> | undefined;
    try {
      db = await connectSqlite(dataDir, file);
      await migrate(db, 'sqlite');
      return new KyselyStore(db, 'sqlite');
    } catch (e) {
      await db?.destroy().catch(() => undefined);
      if (attempt < MIGRATE_TRIES && Date.now() < deadline && /busy|locked|already exists/i.test(reason(e))) {
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
        continue;
      }
      throw new MemoryError('open_failed', `cannot open the history database ${file}: ${reason(e)}`);
    }
  }
}

export async function openPostgres(url: string, poolSize = 4): Promise<MemoryStore> {
  const scrub = (e: unknown) => reason(e).split(url).join('<DATABASE_URL>');
  let db: Kysely<DB> | undefined;
  try {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
    // an idle connection the server drops must not take the process down; the next query reconnects
    pool.on('error', () => undefined);
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db, 'postgres');
    return new KyselyStore(db, 'postgres');
  } catch (e) {
    await db?.destroy().catch(() => undefined);
    throw new MemoryError('open_failed', `cannot open the PostgreSQL database (DATABASE_URL): ${scrub(e)}`);
  }
}
