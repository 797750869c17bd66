/**
 * Team memory (issue 15): openMemory() picks the backend (PostgreSQL when a database URL is given,
 * else SQLite in a data folder), runs the migrations and hands back a MemoryStore. See types.ts for
 * what is kept and docs/memory.md for the schema.
 */
import type { MemoryStore, OpenOptions } from './types.js';
import { defaultDataDir } from './ids.js';
import { openPostgres, openSqlite } from './open.js';

export * from './types.js';
export { SQLITE_FILE } from './open.js';
export { csvCell, exportCsv, CSV_COLUMNS } from './csv.js';
export { configChanges, MAX_CHANGES, type ConfigChange } from './diff.js';
export { MAX_STORED_VALUES } from './codec.js';
export { parseRunId, formatRunId, scopeKey, scopeFromKey, defaultDataDir } from './ids.js';

/** Open (and migrate) the store: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export async function openMemory(options: OpenOptions = {}): Promise<MemoryStore> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize);
  return openSqlite(options.dataDir ?? defaultDataDir());
}

/** The store the environment asks for: DATABASE_URL, else DATA_DIR, else the per-user default folder. */
export function memoryOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const dataDir = env.DATA_DIR?.trim() || undefined;
  return { ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}) };
}
