/**
 * The CLI's side of team memory: `history`, `show ID`, `compare A B` (ids or files) and the
 * `diagnose --save` hook, against DATABASE_URL when set, else DATA_DIR, else the per-user data folder
 * (defaultDataDir). Local runs live in the `local` scope; running the command is the consent.
 * Loaded only when one of these commands runs (main.ts imports it lazily).
 */
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { UsageError, parseArgs } from './args.js';
import { PATTERNS, verdictLabel, type Pattern } from '../diagnose/schema.js';
import type { TrainingLog } from '../ingest/schema.js';
import type { Diagnosis } from '../diagnose/schema.js';
import { jsonLine, toJson } from '../requests/json.js';
import { compact } from '../util/format.js';
import {
  MemoryError,
  configChanges,
  defaultDataDir,
  formatRunId,
  memoryOptionsFromEnv,
  openMemory,
  parseRunId,
  type MemoryStore,
  type RunSummary,
  type Scope,
  type StoredRun,
} from '../memory/index.js';

const LOCAL: Scope = { kind: 'local' };
type Out = NodeJS.WritableStream;

/** Where the history lives, as the messages name it (never the DATABASE_URL itself). */
export function whereStored(env = process.env): string {
  const o = memoryOptionsFromEnv(env);
  return o.databaseUrl ? 'the PostgreSQL database in DATABASE_URL' : (o.dataDir ?? defaultDataDir(env));
}

/** Open the store for one command, run `fn`, close it; the store's refusals become usage errors (exit 2). */
export async function withMemory<T>(fn: (m: MemoryStore) => Promise<T>): Promise<T> {
  let m: MemoryStore;
  try {
    m = await openMemory(memoryOptionsFromEnv(process.env));
  } catch (e) {
    throw new UsageError(e instanceof MemoryError ? e.message : `cannot open the history: ${String(e)}`);
  }
  try {
    return await fn(m);
  } catch (e) {
    if (e instanceof MemoryError) throw new UsageError(e.message);
    throw e;
  } finally {
    await m.close();
  }
}

const localUser = (): string => {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
};

/** `diagnose FILE --save`: keep the diagnosed run in the local history; returns its id. */
export async function saveLocal(input: {
  file: string;
  log: TrainingLog;
  diagnosis: Diagnosis;
  metric?: string;
  /** runs found in the file before any joining */
  runsFound?: number;
}): Promise<string> {
  const r = await withMemory((m) =>
    m.record({
      scope: LOCAL,
      userId: localUser(),
      channelId: null,
      source: 'cli',
      title: input.file === '-' ? 'standard input' : basename(input.file),
      log: input.log,
      diagnosis: input.diagnosis,
      ...(input.metric ? { metric: input.metric } : {}),
      ...(input.runsFound !== undefined ? { runsFound: input.runsFound } : {}),
    }),
  );
  return r.id;
}

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The --json shape of one history row: the contract's fields first (id, pattern, confidence, findings, source, created_at). */
export function historyJson(r: RunSummary): Record<string, unknown> {
  return {
    id: r.id,
    pattern: r.pattern,
    confidence: r.confidence,
    findings: r.findings,
    source: r.source,
    created_at: new Date(r.createdAt).toISOString(),
    title: r.title,
    format: r.format,
    user_id: r.userId,
    headline: r.headline,
    val_key: r.valKey,
    best_x: r.bestX,
    best_label: r.bestLabel,
    best_value: r.bestValue,
    gap: r.gap,
    points: r.points,
    x_axis: r.xAxis,
    ...(r.xUnit === 'episode' ? { x_unit: r.xUnit } : {}),
    backend: r.backend,
    config: r.config,
  };
}

function historyLine(r: RunSummary): string {
  const best =
    r.bestValue === null ? '' : `best ${r.valKey ?? 'val'} ${compact(r.bestValue, 4)} at ${r.xUnit} ${r.bestLabel}`;
  const verdict = `${verdictLabel({ pattern: r.pattern, borderline: false, alternatives: [] })} ${Math.round(r.confidence * 100)}%`;
  return [formatRunId(r.id).padEnd(7), when(r.createdAt), verdict.padEnd(18), best, `(${r.source}) ${r.title}`]
    .filter(Boolean)
    .join('  ');
}

export async function cmdHistory(argv: string[], out: Out, usage: string): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json', 'help'], value: ['pattern', 'limit'] });
  if (args.flags.has('help')) {
    out.write(usage);
    return 0;
  }
  if (args.positionals.length) throw new UsageError('history takes no file or id (try: curve-triage show ID)');
  const pattern = args.flags.get('pattern');
  if (pattern !== undefined && !PATTERNS.includes(pattern as Pattern))
    throw new UsageError(`--pattern takes ${PATTERNS.join(', ')} (got "${String(pattern).slice(0, 40)}")`);
  const limitText = args.flags.get('limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new UsageError(`--limit takes a whole number from 1 to 100 (got "${String(limitText).slice(0, 40)}")`);
  const page = await withMemory((m) =>
    m.list({ scope: LOCAL, limit, ...(pattern ? { pattern: pattern as Pattern } : {}) }),
  );
  if (args.flags.get('json')) {
    out.write(jsonLine(page.items.map(historyJson)));
    return 0;
  }
  if (page.items.length === 0) {
    out.write(
      pattern
        ? `No saved runs with the pattern ${pattern} in ${whereStored()}.\n`
        : `No saved runs yet in ${whereStored()}. Save one with: curve-triage diagnose FILE --save\n`,
    );
    return 0;
  }
  for (const r of page.items) out.write(historyLine(r) + '\n');
  if (page.next) out.write(`(newest ${limit} shown; --limit up to 100)\n`);
  return 0;
}

/** A run of the local history by id, or a usage error saying it is not there. */
export async function findRun(m: MemoryStore, text: string): Promise<StoredRun> {
  const id = parseRunId(text);
  if (!id)
    throw new UsageError(
      `"${text.slice(0, 40)}" is not a run id (ids look like #a3f9; curve-triage history lists them)`,
    );
  const run = await m.get(LOCAL, id);
  if (!run)
    throw new UsageError(`no run ${formatRunId(id)} in ${whereStored()} (curve-triage history lists the saved runs)`);
  return run;
}

/** A compare argument: an existing file, else a run id ('#a3f9' is always an id). */
export function isRunIdArg(text: string): boolean {
  if (text.startsWith('#')) return true;
  if (existsSync(text) && statSync(text).isFile()) return false;
  return parseRunId(text) !== undefined;
}

export function storedAsResult(r: StoredRun) {
  return { log: r.log, diagnosis: r.diagnosis, runsFound: r.runsFound };
}

export function savedHeader(r: StoredRun): string {
  return `${formatRunId(r.id)} · ${r.title} · saved ${when(r.createdAt)} UTC (${r.source})`;
}

export function showJson(r: StoredRun): Record<string, unknown> {
  return toJson(storedAsResult(r), { ...historyJson(r), saved: true });
}

export { configChanges };
