/**
 * MemoryStore over Kysely: the same queries for SQLite and PostgreSQL. Every write is one transaction;
 * record() checks consent inside it, so a scope that turns history off stops new rows at once.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalName } from '../ingest/names.js';
import { MAX_ID_LENGTH, MIN_ID_LENGTH, parseRunId } from './ids.js';
import type { DB } from './schema.js';
import { settingsOf, writeSettings } from './settings.js';
import {
  checkScope,
  decodeCursor,
  encodeCursor,
  SUMMARY_COLUMNS,
  seriesBests,
  toRow,
  toStored,
  toSummary,
  diagnosedRun,
  toExport,
  exportSeries,
} from './rows.js';
import {
  MemoryError,
  type BestEntry,
  type BestQuery,
  type ExportQuery,
  type ExportRow,
  type ListQuery,
  type MemoryStore,
  type NewRun,
  type Page,
  type RunSource,
  type RunSummary,
  type Scope,
  type ScopeSettings,
  type SearchHit,
  type SettingsChange,
  type StoredRun,
  type TrendPoint,
  type TrendQuery,
} from './types.js';

/** OURS: how long a SQLite writer waits for another process's write lock (the CLI beside the bot) */
export const BUSY_TIMEOUT_MS = 5000;
/** export: series blobs read per query */
const EXPORT_CHUNK = 50;
const DAY_MS = 86_400_000;
/** the runs /best and the trend rank by default: the ones the bot trained */
const SERVER_SIDE: readonly RunSource[] = ['train', 'sweep', 'apply_fix'];
/** OURS: tries per id length before the id grows by one character */
const TRIES_PER_LENGTH = 3;

const clampLimit = (v: number | undefined, dflt: number, max: number): number =>
  v === undefined ? dflt : Math.max(1, Math.min(max, Math.floor(Number(v)) || dflt));

/** 'val_acc' -> 'val_accuracy' (the names the runs were stored under); '' -> val_loss */
function metricKey(m: string | undefined): string {
  const t = (m ?? '').trim().slice(0, 100);
  return t === '' ? 'val_loss' : canonicalName(t).key;
}

export class KyselyStore implements MemoryStore {
  /** per scope: the id length that last succeeded, so a crowded scope does not retry short ids forever */
  private readonly idLength = new Map<string, number>();

  constructor(
    readonly db: Kysely<DB>,
    readonly backend: 'sqlite' | 'postgres',
  ) {}

  getSettings(scope: Scope): Promise<ScopeSettings | undefined> {
    return settingsOf(this.db, scope, checkScope(scope));
  }

  setSettings(scope: Scope, change: SettingsChange): Promise<ScopeSettings> {
    const key = checkScope(scope);
    return this.db.transaction().execute((trx) => writeSettings(trx, scope, key, change));
  }

  async record(input: NewRun): Promise<RunSummary> {
    const key = checkScope(input.scope);
    const row = toRow(input, key, input.createdAt ?? Date.now());
    const bests = seriesBests(diagnosedRun(input));
    return this.db.transaction().execute(async (trx) => {
      // the write comes first so the transaction takes SQLite's write lock at once (waiting its busy
      // timeout behind another process) instead of upgrading a read later; a refusal rolls it back
      const inserted = await this.insertWithId(trx, key, row);
      if ('kept' in inserted) return inserted.kept; // this request's run is already kept
      const { pk, shortId } = inserted;
      if (input.scope.kind !== 'local') {
        const s = await settingsOf(trx, input.scope, key);
        if (!s?.enabled)
          throw new MemoryError(
            'no_consent',
            input.scope.kind === 'guild'
              ? 'history is off in this server (a member with Manage Server can turn it on with /settings)'
              : 'history is off in your DMs (turn it on with /settings)',
          );
      }
      if (bests.length)
        await trx
          .insertInto('run_metrics')
          .values(
            bests.map((b) => ({ run_pk: pk, scope_key: key, source: row.source, created_at: row.created_at, ...b })),
          )
          .execute();
      return toSummary({ ...row, pk, short_id: shortId });
    });
  }

  /**
   * Insert with a fresh random id; on a clash (the unique index) try again, growing the id when crowded.
   * A clash on the request id instead means this request's run is kept already: that row comes back.
   */
  private async insertWithId(
    trx: Transaction<DB>,
    key: string,
    row: ReturnType<typeof toRow>,
  ): Promise<{ pk: number; shortId: string } | { kept: RunSummary }> {
    let length = this.idLength.get(key) ?? MIN_ID_LENGTH;
    for (let attempt = 0; ; attempt++) {
      const shortId = randomBytes(8).toString('hex').slice(0, length);
      const hit = await trx
        .insertInto('runs')
        .values({ ...row, short_id: shortId })
        .onConflict((oc) => oc.doNothing())
        .returning('pk')
        .executeTakeFirst();
      if (hit) {
        this.idLength.set(key, length);
        return { pk: Number(hit.pk), shortId };
      }
      if (row.request_id !== null) {
        const kept = await trx
          .selectFrom('runs')
          .select(SUMMARY_COLUMNS)
          .where('scope_key', '=', key)
          .where('request_id', '=', row.request_id)
          .executeTakeFirst();
        if (kept) return { kept: toSummary(kept) };
      }
      if ((attempt + 1) % TRIES_PER_LENGTH === 0) {
        if (length >= MAX_ID_LENGTH) throw new Error('no free run id in this scope');
        length++;
      }
    }
  }

  async list(q: ListQuery): Promise<Page<RunSummary>> {
    const key = checkScope(q.scope);
    const limit = clampLimit(q.limit, 20, 100);
    let sel = this.db.selectFrom('runs').select(SUMMARY_COLUMNS).where('scope_key', '=', key);
    if (q.userId !== undefined) sel = sel.where('user_id', '=', q.userId);
    if (q.pattern !== undefined) sel = sel.where('pattern', '=', q.pattern);
    if (q.source !== undefined) sel = sel.where('source', '=', q.source);
    if (q.since !== undefined) sel = sel.where('created_at', '>=', Math.floor(q.since));
    if (q.cursor && q.newer)
      throw new MemoryError('bad_input', 'a page is either older or newer than a cursor, not both');
    if (q.cursor) {
      const [c, p] = decodeCursor(q.cursor);
      sel = sel.where((eb) => eb(eb.refTuple('created_at', 'pk'), '<', eb.tuple(c, p)));
    }
    if (q.newer) {
      const [c, p] = decodeCursor(q.newer);
      sel = sel.where((eb) => eb(eb.refTuple('created_at', 'pk'), '>', eb.tuple(c, p)));
    }
    // newer: the `limit` runs just above the cursor, read upwards, then shown newest first like every page
    const order = q.newer ? 'asc' : 'desc';
    const rows = await sel
      .orderBy('created_at', order)
      .orderBy('pk', order)
      .limit(limit + 1)
      .execute();
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    if (q.newer) items.reverse();
    const at = (r: (typeof items)[number] | undefined) => r && encodeCursor(Number(r.created_at), Number(r.pk));
    const first = at(items[0]);
    const last = at(items[items.length - 1]);
    // older than a page read downwards: more rows said so; older than a page read upwards: its cursor's row at least.
    // newer than a page read upwards: more rows said so; newer than a page read downwards from a cursor: the pages
    // before it. An empty page (its runs forgotten meanwhile) has no cursor to go on from: the surface starts over.
    const next = q.newer || more ? last : undefined;
    const prev = q.newer ? (more ? first : undefined) : q.cursor ? first : undefined;
    return { items: items.map(toSummary), ...(next ? { next } : {}), ...(prev ? { prev } : {}) };
  }

  async get(scope: Scope, id: string): Promise<StoredRun | undefined> {
    const key = checkScope(scope);
    const shortId = parseRunId(String(id ?? ''));
    if (!shortId) return undefined;
    const row = await this.db
      .selectFrom('runs')
      .select([...SUMMARY_COLUMNS, 'series', 'meta'])
      .where('scope_key', '=', key)
      .where('short_id', '=', shortId)
      .executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  async search(scope: Scope, text: string, limit = 25): Promise<SearchHit[]> {
    const key = checkScope(scope);
    const n = clampLimit(limit, 25, 25);
    const t = String(text ?? '')
      .trim()
      .slice(0, 100);
    const prefix = parseRunId(t);
    const hit = (r: { short_id: string; title: string; pattern: string; created_at: number | string }): SearchHit => ({
      id: r.short_id,
      title: r.title,
      pattern: r.pattern as SearchHit['pattern'],
      createdAt: Number(r.created_at),
    });
    const out = new Map<string, SearchHit>();
    if (prefix) {
      // ids are lowercase hex: every id starting with the prefix sorts in [prefix, prefix + 'g')
      const rows = await this.db
        .selectFrom('runs')
        .select(['short_id', 'title', 'pattern', 'created_at'])
        .where('scope_key', '=', key)
        .where('short_id', '>=', prefix)
        .where('short_id', '<', `${prefix}g`)
        .orderBy('short_id')
        .limit(n)
        .execute();
      for (const r of rows) out.set(r.short_id, hit(r));
    }
    const recent = await this.db
      .selectFrom('runs')
      .select(['short_id', 'title', 'pattern', 'created_at'])
      .where('scope_key', '=', key)
      .orderBy('created_at', 'desc')
      .orderBy('pk', 'desc')
      .limit(200)
      .execute();
    const lower = t.replace(/^#/, '').toLowerCase();
    for (const r of recent) {
      if (out.size >= n) break;
      if (lower === '' || r.title.toLowerCase().includes(lower)) out.set(r.short_id, hit(r));
    }
    return [...out.values()].slice(0, n);
  }

  async best(q: BestQuery): Promise<BestEntry[]> {
    const key = checkScope(q.scope);
    const metric = metricKey(q.metric);
    const sources = q.sources?.length ? [...q.sources] : [...SERVER_SIDE];
    const rows = await this.db
      .selectFrom('run_metrics')
      .innerJoin('runs', 'runs.pk', 'run_metrics.run_pk')
      .select(SUMMARY_COLUMNS.map((c) => `runs.${c}` as const))
      .select(['run_metrics.best', 'run_metrics.best_x as metric_x'])
      .where('run_metrics.scope_key', '=', key)
      .where('run_metrics.key', '=', metric)
      .where('run_metrics.source', 'in', sources)
      .orderBy('run_metrics.rank')
      .orderBy('run_metrics.created_at', 'desc')
      .limit(clampLimit(q.limit, 10, 100))
      .execute();
    return rows.map((r) => ({ run: toSummary(r), metric, value: Number(r.best), x: Number(r.metric_x) }));
  }

  async trend(q: TrendQuery): Promise<TrendPoint[]> {
    const key = checkScope(q.scope);
    const sources = q.sources?.length ? [...q.sources] : [...SERVER_SIDE];
    let sel = this.db
      .selectFrom('run_metrics')
      .innerJoin('runs', 'runs.pk', 'run_metrics.run_pk')
      .select(['runs.short_id', 'run_metrics.created_at', 'run_metrics.best', 'run_metrics.higher'])
      .where('run_metrics.scope_key', '=', key)
      .where('run_metrics.key', '=', metricKey(q.metric))
      .where('run_metrics.source', 'in', sources);
    if (q.since !== undefined) sel = sel.where('run_metrics.created_at', '>=', Math.floor(q.since));
    const rows = await sel
      .orderBy('run_metrics.created_at', 'desc')
      .orderBy('run_metrics.run_pk', 'desc')
      .limit(clampLimit(q.limit, 200, 1000))
      .execute();
    let bestSoFar = NaN;
    return rows.reverse().map((r) => {
      const value = Number(r.best);
      const better = Number(r.higher) ? value > bestSoFar : value < bestSoFar;
      if (Number.isNaN(bestSoFar) || better) bestSoFar = value;
      return { id: r.short_id, createdAt: Number(r.created_at), value, bestSoFar };
    });
  }

  async forgetRun(scope: Scope, id: string): Promise<number> {
    const key = checkScope(scope);
    const shortId = parseRunId(String(id ?? ''));
    if (!shortId) return 0;
    const r = await this.db
      .deleteFrom('runs')
      .where('scope_key', '=', key)
      .where('short_id', '=', shortId)
      .executeTakeFirst();
    return this.scrubbed(Number(r.numDeletedRows));
  }

  async forgetUser(userId: string): Promise<number> {
    if (typeof userId !== 'string' || userId === '') throw new MemoryError('bad_input', 'forgetUser needs a user id');
    const [runs, settings] = await this.db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom('runs').where('user_id', '=', userId).executeTakeFirst();
      const s = await trx.deleteFrom('settings').where('scope_key', '=', `u:${userId}`).executeTakeFirst();
      return [Number(r.numDeletedRows), Number(s.numDeletedRows)];
    });
    await this.scrubbed(runs + settings);
    return runs;
  }

  async forgetScope(scope: Scope): Promise<number> {
    const key = checkScope(scope);
    const r = await this.db.deleteFrom('runs').where('scope_key', '=', key).executeTakeFirst();
    return this.scrubbed(Number(r.numDeletedRows));
  }

  async purgeExpired(now = Date.now()): Promise<number> {
    const scopes = await this.db.selectFrom('settings').select(['scope_key', 'retention_days']).execute();
    let gone = 0;
    for (const s of scopes) {
      const r = await this.db
        .deleteFrom('runs')
        .where('scope_key', '=', s.scope_key)
        .where('created_at', '<', now - Number(s.retention_days) * DAY_MS)
        .executeTakeFirst();
      gone += Number(r.numDeletedRows);
    }
    return this.scrubbed(gone);
  }

  /**
   * After a delete on SQLite: secure_delete (open.ts) zeroed the freed cells in the pages written to the
   * WAL, but earlier WAL frames still hold the rows as they were inserted. A TRUNCATE checkpoint copies
   * the zeroed pages into the database and empties the WAL. Best effort and without waiting: a reader
   * holding an old snapshot makes it stop early, and the next delete or SQLite's own checkpoints finish it.
   * PostgreSQL frees dead rows at its next (auto)vacuum; docs/memory.md says so.
   */
  private async scrubbed(deleted: number): Promise<number> {
    if (deleted > 0 && this.backend === 'sqlite') {
      // better-sqlite3 is synchronous: a checkpoint waiting out another process's reader (the CLI) would
      // hold the bot's event loop for the busy timeout, so this one does not wait
      await sql`pragma busy_timeout = 0`.execute(this.db).catch(() => undefined);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db).catch(() => undefined);
      await sql
        .raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`)
        .execute(this.db)
        .catch(() => undefined);
    }
    return deleted;
  }

  async exportRuns(q: ExportQuery): Promise<ExportRow[]> {
    const limit = clampLimit(q.limit, 10_000, 100_000);
    let sel = this.db.selectFrom('runs').select(SUMMARY_COLUMNS);
    if ('scope' in q) sel = sel.where('scope_key', '=', checkScope(q.scope));
    else if (typeof q.userId === 'string' && q.userId !== '') sel = sel.where('user_id', '=', q.userId);
    else throw new MemoryError('bad_input', 'export needs a scope or a user id');
    const rows = await sel.orderBy('created_at', 'desc').orderBy('pk', 'desc').limit(limit).execute();
    const out = rows.map(toExport);
    if (!q.series) return out;
    // the blobs a few runs at a time, each decoded and measured before the next is read
    const budget = q.seriesBudget ?? Infinity;
    let used = 0;
    for (let from = 0; from < rows.length; from += EXPORT_CHUNK) {
      const pks = rows.slice(from, from + EXPORT_CHUNK).map((r) => r.pk);
      const blobs = new Map(
        (await this.db.selectFrom('runs').select(['pk', 'series']).where('pk', 'in', pks).execute()).map((b) => [
          String(b.pk),
          b.series,
        ]),
      );
      for (let k = from; k < Math.min(rows.length, from + EXPORT_CHUNK); k++) {
        const blob = blobs.get(String(rows[k].pk));
        if (!blob) continue; // forgotten since the first read
        out[k].series = exportSeries(blob);
        used += JSON.stringify(out[k].series).length;
        if (used > budget) return out.map(({ series: _drop, ...row }) => row);
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
