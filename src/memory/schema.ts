/**
 * The tables (as Kysely types) and their versioned migrations, the same for SQLite and PostgreSQL (the
 * few column types that differ are picked by dialect). Kysely's Migrator runs them at open, in order,
 * under its own lock (several bot processes may start at once against one PostgreSQL), and records
 * each in the kysely_migration table. Add a migration, never edit one that has shipped.
 */
import { sql, type Generated, type Kysely, type Migration } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface SettingsTable {
  scope_key: string;
  enabled: number;
  retention_days: number;
  enabled_by: string | null;
  enabled_at: number | string | null;
  updated_by: string;
  updated_at: number | string;
}

export interface RunsTable {
  pk: Generated<number | string>;
  scope_key: string;
  short_id: string;
  guild_id: string | null;
  user_id: string;
  channel_id: string | null;
  created_at: number | string;
  source: string;
  title: string;
  format: string;
  pattern: string;
  confidence: number;
  /** comma-joined finding names */
  findings: string;
  /** JSON: { headline, alternatives } */
  summary: string;
  val_key: string | null;
  best_x: number | null;
  best_value: number | null;
  gap: number | null;
  points: number;
  x_axis: string;
  metric: string | null;
  backend: string | null;
  /** JSON text */
  config: string | null;
  /** codec.encodeRun */
  series: Uint8Array;
  /** codec.encodeMeta */
  meta: Uint8Array;
  /** migration 2: the request the run answers (NewRun.requestId); unique per scope when set */
  request_id: string | null;
}

/** One row per run and finite series (learning rates aside): its best value, for /best and the trend. */
export interface RunMetricsTable {
  run_pk: number | string;
  scope_key: string;
  source: string;
  created_at: number | string;
  key: string;
  best: number;
  best_x: number;
  /** 1 when higher is better (accuracies, scores) */
  higher: number;
  /** best for lower-is-better, -best for higher-is-better: ORDER BY rank ASC ranks both */
  rank: number;
}

export interface DB {
  settings: SettingsTable;
  runs: RunsTable;
  run_metrics: RunMetricsTable;
}

/** Migration 1: the three tables and the indexes behind every query of the store. */
function initial(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('scope_key', 'text', (c) => c.primaryKey())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('retention_days', 'integer', (c) => c.notNull())
        .addColumn('enabled_by', 'text')
        .addColumn('enabled_at', 'bigint')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('runs')
        .addColumn('pk', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('scope_key', 'text', (c) => c.notNull())
        .addColumn('short_id', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('confidence', 'double precision', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('val_key', 'text')
        .addColumn('best_x', 'double precision')
        .addColumn('best_value', 'double precision')
        .addColumn('gap', 'double precision')
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('x_axis', 'text', (c) => c.notNull())
        .addColumn('metric', 'text')
        .addColumn('backend', 'text')
        .addColumn('config', 'text')
        .addColumn('series', sql.raw(blob), (c) => c.notNull())
        .addColumn('meta', sql.raw(blob), (c) => c.notNull())
        .execute();
      // ids people type are unique per scope; the autocomplete's prefix search reads this index too
      await db.schema.createIndex('runs_scope_id').on('runs').columns(['scope_key', 'short_id']).unique().execute();
      // /history: one scope, newest first (keyset on created_at, pk); by user; by pattern
      await db.schema.createIndex('runs_scope_time').on('runs').columns(['scope_key', 'created_at', 'pk']).execute();
      await db.schema
        .createIndex('runs_scope_user_time')
        .on('runs')
        .columns(['scope_key', 'user_id', 'created_at', 'pk'])
        .execute();
      await db.schema
        .createIndex('runs_scope_pattern_time')
        .on('runs')
        .columns(['scope_key', 'pattern', 'created_at', 'pk'])
        .execute();
      // /forget me and /export of a user, across scopes
      await db.schema.createIndex('runs_user').on('runs').columns(['user_id', 'created_at']).execute();
      await createMetrics(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('run_metrics').execute();
      await db.schema.dropTable('runs').execute();
      await db.schema.dropTable('settings').execute();
    },
  };
}

async function createMetrics(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('run_metrics')
    .addColumn('run_pk', 'bigint', (c) => c.notNull().references('runs.pk').onDelete('cascade'))
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('best', 'double precision', (c) => c.notNull())
    .addColumn('best_x', 'double precision', (c) => c.notNull())
    .addColumn('higher', 'integer', (c) => c.notNull())
    .addColumn('rank', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_metrics_pk', ['run_pk', 'key'])
    .execute();
  // /best: rank a scope's runs by one metric; the trend: that metric over time
  await db.schema.createIndex('metrics_scope_rank').on('run_metrics').columns(['scope_key', 'key', 'rank']).execute();
  await db.schema
    .createIndex('metrics_scope_time')
    .on('run_metrics')
    .columns(['scope_key', 'key', 'created_at'])
    .execute();
}

/**
 * Migration 2: the request a run answers (a Discord interaction id), unique per scope, so a result
 * delivered again (a retry after a failed post, another bot process adopting the job) keeps one row.
 * NULLs are distinct in a unique index on both backends: runs without a request never clash.
 */
const requestIds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('request_id', 'text').execute();
    await db.schema
      .createIndex('runs_scope_request')
      .unique()
      .on('runs')
      .columns(['scope_key', 'request_id'])
      .execute();
  },
};

/** Every migration, by name; names sort in the order they run. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return { '0001_initial': initial(dialect), '0002_request_id': requestIds };
}
