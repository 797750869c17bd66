/**
 * Team memory at scale: N stored runs (default 1,000,000; MEMORY_BENCH_RUNS for a quick run) in each
 * backend, bulk-inserted with the store's own row encoding (200-epoch runs of the real pipeline), then
 * through the real MemoryStore:
 *   - /history: one server's newest 50 (the busiest server, 10% of all runs, and a typical one)
 *   - /compare by ids: two full runs with their series, fetched and decoded
 *   - record(): one run written and committed (SQLite synchronous=FULL fsyncs each)
 * p50/p99 in ms against the targets, and the bytes a 200-epoch run takes (its blobs, and the
 * whole database with indexes divided by N). PostgreSQL is the throwaway cluster of the tests
 * (test/services/postgres.ts: fsync off, so its write numbers are optimistic; reads are unaffected).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { triage } from '../../src/pipeline.js';
import { openMemory, SQLITE_FILE, type MemoryStore, type Scope } from '../../src/memory/index.js';
import { seriesBests, toRow, diagnosedRun } from '../../src/memory/rows.js';
import type { KyselyStore } from '../../src/memory/store.js';
import { csvLog, newRun } from '../../test/memory/helpers.js';
import { startPostgres } from '../../test/services/postgres.js';

const N = Number(process.env.MEMORY_BENCH_RUNS ?? 1_000_000);
const GUILDS = 1000;
const BIG_SHARE = 0.1;
const QUERIES = Number(process.env.MEMORY_BENCH_QUERIES ?? 1000);
const TARGETS = { history: 20, compare: 50 };

export interface MemoryRow {
  backend: string;
  runs: number;
  loadS: number;
  historyBig: Stats;
  historyTypical: Stats;
  compare: Stats;
  record: Stats;
  seriesBytes: number;
  metaBytes: number;
  dbBytesPerRun: number;
}
interface Stats {
  p50: number;
  p99: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm caches and the plan cache
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Run i's guild: 10% of all runs in the busiest (guild 0), the rest spread over the others; its id: i in hex
 * (unique in every scope because unique overall). The SQL below computes the same. */
const shortId = (i: number) => i.toString(16).padStart(5, '0');
const CHUNK = 100_000;

/** Bulk-load N runs inside the database (generated rows, INSERT ... SELECT), with the store's own row
 * encoding of five real 200-epoch runs as templates; run_metrics filled the same way. */
export async function load(store: KyselyStore): Promise<{ ids: Map<number, string[]> }> {
  const pg = store.backend === 'postgres';
  const tpls = [0, 0.004, 0.012, 0.03, 0].map((rise, k) => {
    const r = newRun({ kind: 'guild', guildId: 't' }, { text: csvLog(200, { rise, scale: 1 + k / 10 }) });
    return { row: toRow({ ...r, source: 'train' }, 't', 0), bests: seriesBests(diagnosedRun(r)) };
  });
  const blob = (b: Uint8Array) => (pg ? sql`${Buffer.from(b)}::bytea` : sql`${Buffer.from(b)}`);
  const tplRows = sql.join(
    tpls.map(
      ({ row: t }, k) =>
        sql`(cast(${k} as integer), ${t.pattern}, cast(${t.confidence} as double precision), ${t.findings}, ${t.summary}, ${t.val_key}, cast(${t.best_x} as double precision), cast(${t.best_value} as double precision), cast(${t.gap} as double precision), cast(${t.points} as integer), ${blob(t.series)}, ${blob(t.meta)})`,
    ),
  );
  const metricRows = sql.join(
    tpls.flatMap(({ bests }, k) =>
      bests.map(
        (m) =>
          sql`(cast(${k} as integer), ${m.key}, cast(${m.best} as double precision), cast(${m.best_x} as double precision), cast(${m.higher} as integer), cast(${m.rank} as double precision))`,
      ),
    ),
  );
  const start = Date.now() - 365 * 86_400_000;
  const hex = pg ? sql.raw(`lpad(to_hex(i), 5, '0')`) : sql.raw(`printf('%05x', i)`);
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    const seq = pg
      ? sql`select generate_series(${from}::bigint, ${to}::bigint)`
      : sql`select ${from} union all select i + 1 from seq where i < ${to}`;
    await store.db.transaction().execute(async (trx) => {
      await sql`with recursive t(k, pattern, confidence, findings, summary, val_key, best_x, best_value, gap, points, series, meta) as (values ${tplRows}),
        seq(i) as (${seq}),
        g as (select i, case when i % 10 = 0 then 0 else 1 + i % ${GUILDS - 1} end as guild from seq)
        insert into runs (pk, scope_key, short_id, guild_id, user_id, channel_id, created_at, source, title, format, pattern, confidence, findings, summary, val_key, best_x, best_value, gap, points, x_axis, metric, backend, config, series, meta)
        select i, 'g:' || cast(guild as text), ${hex}, cast(guild as text), 'u' || cast(i % 5000 as text), 'c1',
          cast(${start} + i * ${Math.floor((365 * 86_400_000) / N)} as bigint), 'train', 'run ' || cast(i as text), 'keras-csv',
          t.pattern, t.confidence, t.findings, t.summary, t.val_key, t.best_x, t.best_value, t.gap, t.points, 'epoch', null, 'wasm',
          '{"model":{"layers":[{"units":32}]},"fit":{"epochs":200}}', t.series, t.meta
        from g join t on t.k = g.i % 5`.execute(trx);
      await sql`with m(k, key, best, best_x, higher, rank) as (values ${metricRows})
        insert into run_metrics (run_pk, scope_key, source, created_at, key, best, best_x, higher, rank)
        select r.pk, r.scope_key, r.source, r.created_at, m.key, m.best, m.best_x, m.higher, m.rank
        from runs r join m on m.k = r.pk % 5 where r.pk between ${from} and ${to}`.execute(trx);
    });
    if (to % 100_000 === 0) process.stderr.write(`  ${store.backend}: ${to} runs loaded\n`);
  }
  if (pg) await sql`select setval(pg_get_serial_sequence('runs', 'pk'), (select max(pk) from runs))`.execute(store.db);
  await sql`analyze`.execute(store.db);
  const big: string[] = [];
  for (let i = 10; i <= N; i += 10) big.push(shortId(i));
  return { ids: new Map([[0, big]]) };
}

async function measure(
  store: MemoryStore,
  ids: Map<number, string[]>,
): Promise<Omit<MemoryRow, 'backend' | 'runs' | 'loadS' | 'dbBytesPerRun'>> {
  const big: Scope = { kind: 'guild', guildId: '0' };
  const typical = (i: number): Scope => ({ kind: 'guild', guildId: String(1 + (i % (GUILDS - 1))) });
  const bigIds = ids.get(0)!;
  const pick = (i: number) => bigIds[(i * 7919) % bigIds.length];
  const historyBig = stats(await timed(QUERIES, () => store.list({ scope: big, limit: 50 })));
  const historyTypical = stats(await timed(QUERIES, (i) => store.list({ scope: typical(i), limit: 50 })));
  const compare = stats(
    await timed(QUERIES, async (i) => {
      const [a, b] = await Promise.all([store.get(big, pick(i)), store.get(big, pick(i + 1))]);
      if (!a || !b) throw new Error('a bench id is missing');
    }),
  );
  await store.setSettings(big, { enabled: true, by: 'bench' });
  const one = newRun(big, { text: csvLog(200), source: 'train' });
  const record = stats(await timed(Math.min(200, QUERIES), () => store.record(one)));
  const sample = (await store.get(big, pick(0)))!;
  void sample;
  const row = toRow(one, 'x', 0);
  return { historyBig, historyTypical, compare, record, seriesBytes: row.series.length, metaBytes: row.meta.length };
}

async function benchSqlite(): Promise<MemoryRow> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-mem-bench-'));
  try {
    const store = (await openMemory({ dataDir: dir })) as KyselyStore;
    const t = Date.now();
    // loading only: a 256 MiB page cache so index pages do not thrash; measured with SQLite's default again
    await sql`pragma cache_size = -262144`.execute(store.db);
    const { ids } = await load(store);
    await sql`pragma cache_size = -2000`.execute(store.db);
    const loadS = (Date.now() - t) / 1000;
    const m = await measure(store, ids);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    await store.close();
    const bytes = statSync(join(dir, SQLITE_FILE)).size;
    return { backend: 'sqlite', runs: N, loadS, ...m, dbBytesPerRun: bytes / N };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<MemoryRow> {
  const pg = await startPostgres();
  try {
    const store = (await openMemory({ databaseUrl: pg.url })) as KyselyStore;
    const t = Date.now();
    const { ids } = await load(store);
    const loadS = (Date.now() - t) / 1000;
    const m = await measure(store, ids);
    const size = await sql<{
      n: string;
    }>`select (pg_total_relation_size('runs') + pg_total_relation_size('run_metrics'))::text as n`.execute(store.db);
    await store.close();
    return { backend: 'postgres', runs: N, loadS, ...m, dbBytesPerRun: Number(size.rows[0].n) / N };
  } finally {
    await pg.stop();
  }
}

/** MEMORY_BENCH_BACKENDS=sqlite or =postgres runs one (default both) */
export async function runMemoryBench(): Promise<MemoryRow[]> {
  const want = (process.env.MEMORY_BENCH_BACKENDS ?? 'sqlite,postgres').split(',');
  const rows = want.includes('sqlite') ? [await benchSqlite()] : [];
  if (want.includes('postgres'))
    try {
      rows.push(await benchPostgres());
    } catch (e) {
      process.stderr.write(`(postgres skipped: ${(e as Error).message.slice(0, 200)})\n`);
    }
  return rows;
}

const ms = (s: Stats) => `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}`;
const vs = (v: number, target: number) => `${(v / target).toFixed(2)}x of ${target}`;

export function formatMemoryBench(rows: MemoryRow[]): string {
  const lines = [
    '| backend | runs | load (s) | /history busiest p50/p99 ms | /history typical p50/p99 ms | p99 vs target | /compare ids p50/p99 ms | p99 vs target | record() p50/p99 ms | series + meta bytes (200 epochs) | db bytes/run |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.backend} | ${r.runs.toLocaleString('en')} | ${r.loadS.toFixed(0)} | ${ms(r.historyBig)} | ${ms(r.historyTypical)} | ${vs(Math.max(r.historyBig.p99, r.historyTypical.p99), TARGETS.history)} | ${ms(r.compare)} | ${vs(r.compare.p99, TARGETS.compare)} | ${ms(r.record)} | ${r.seriesBytes} + ${r.metaBytes} | ${r.dbBytesPerRun.toFixed(0)} |`,
    );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatMemoryBench(await runMemoryBench()));
}
