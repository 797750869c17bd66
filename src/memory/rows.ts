/**
 * Between the store's types and its rows: validation of what record() is handed, the row it becomes,
 * the per-series bests, and rows back into RunSummary / StoredRun / ExportRow. Pure; no database here.
 */
import type { Run, Series } from '../ingest/schema.js';
import { xLabel, xUnitOf, type Finding, type Pattern } from '../diagnose/schema.js';
import { decodeMeta, decodeRun, encodeMeta, encodeRun } from './codec.js';
import { scopeFromKey, scopeKey } from './ids.js';
import type { RunsTable } from './schema.js';
import {
  MemoryError,
  RUN_SOURCES,
  type ExportRow,
  type NewRun,
  type RunSource,
  type RunSummary,
  type Scope,
  type StoredRun,
} from './types.js';

/** OURS: caps on what one record may carry (Discord ids are <= 20 digits; titles are file names). */
export const MAX_ID_CHARS = 64;
export const MAX_TITLE_CHARS = 200;
export const MAX_CONFIG_BYTES = 16 * 1024;

/** The summary columns (everything but the two blobs): what /history and /best read. */
export const SUMMARY_COLUMNS = [
  'pk',
  'scope_key',
  'short_id',
  'user_id',
  'channel_id',
  'created_at',
  'source',
  'title',
  'format',
  'pattern',
  'confidence',
  'findings',
  'summary',
  'val_key',
  'best_x',
  'best_value',
  'gap',
  'points',
  'x_axis',
  'metric',
  'backend',
  'config',
] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
export type SummaryRow = Pick<RunsTable, Exclude<SummaryColumn, 'pk'>> & { pk: number | string };
export type FullRow = SummaryRow & { series: Uint8Array; meta: Uint8Array };

export function checkId(what: string, v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ID_CHARS)
    throw new MemoryError('bad_input', `${what} must be a non-empty id of at most ${MAX_ID_CHARS} characters`);
  return v;
}

export function checkScope(scope: Scope): string {
  if (scope?.kind === 'guild') checkId('guild id', scope.guildId);
  else if (scope?.kind === 'dm') checkId('user id', scope.userId);
  else if (scope?.kind !== 'local') throw new MemoryError('bad_input', 'scope must be a guild, a DM user or local');
  return scopeKey(scope);
}

const finite = (v: number | undefined | null): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** The run record() keeps: the diagnosed one, renumbered 0 (the stored log holds only it). */
export function diagnosedRun(input: NewRun): Run {
  const runs = input.log?.runs;
  if (!Array.isArray(runs) || runs.length === 0) throw new MemoryError('bad_input', 'the log holds no run');
  const i = input.diagnosis?.run?.index;
  const run = Number.isInteger(i) && i >= 0 && i < runs.length ? runs[i] : runs[runs.length - 1];
  return { ...run, index: 0 };
}

/** The runs row for a NewRun (short_id and pk are the store's). */
export function toRow(input: NewRun, key: string, now: number): Omit<RunsTable, 'pk' | 'short_id'> {
  checkId('user id', input.userId);
  if (input.channelId !== null && input.channelId !== undefined) checkId('channel id', input.channelId);
  if (!RUN_SOURCES.includes(input.source))
    throw new MemoryError('bad_input', `source must be one of ${RUN_SOURCES.join(', ')}`);
  const config = input.config === undefined || input.config === null ? null : JSON.stringify(input.config);
  if (config !== null && Buffer.byteLength(config) > MAX_CONFIG_BYTES)
    throw new MemoryError('too_big', `the training config is over ${MAX_CONFIG_BYTES} bytes as JSON`);
  const d = input.diagnosis;
  const run = diagnosedRun(input);
  const e = d.evidence;
  return {
    scope_key: key,
    guild_id: input.scope.kind === 'guild' ? input.scope.guildId : null,
    user_id: input.userId,
    channel_id: input.channelId ?? null,
    created_at: now,
    source: input.source,
    title: String(input.title ?? '').slice(0, MAX_TITLE_CHARS),
    format: input.log.format,
    pattern: d.pattern,
    confidence: d.confidence,
    findings: d.findings.join(','),
    summary: JSON.stringify({
      headline: d.headline,
      bestLabel: finite(e.best_x) === null ? null : xLabel(e, e.best_x!),
      alternatives: d.alternatives.map((a) => ({ pattern: a.pattern, probability: a.probability })),
      // the x_axis column says epoch for an episode-numbered run: its unit rides here (no schema change)
      ...(e.x_unit ? { xUnit: xUnitOf(e) } : {}),
    }),
    val_key: d.series.val ?? null,
    best_x: finite(e.best_x),
    best_value: finite(e.best_val),
    gap: finite(e.gap_ratio_last),
    points: e.points,
    x_axis: e.x_axis,
    metric: input.metric?.slice(0, MAX_ID_CHARS) ?? null,
    backend: input.backend?.slice(0, MAX_ID_CHARS) ?? null,
    config,
    request_id: input.requestId === undefined ? null : checkId('request id', input.requestId),
    series: encodeRun(run),
    meta: encodeMeta({
      diagnosis: { ...d, run: { ...d.run, index: 0 } },
      format: input.log.format,
      detectedBy: input.log.detectedBy,
      dialect: input.log.dialect,
      warnings: input.log.warnings.slice(0, 50),
      stats: input.log.stats,
      runsFound: input.runsFound ?? input.log.runs.length,
    }),
  };
}

const HIGHER_KINDS = new Set<Series['kind']>(['accuracy', 'score']);
const LOWER_KINDS = new Set<Series['kind']>(['loss', 'error']);

/** Each ranked series' best finite value and where: losses/errors lowest, accuracies/scores highest. */
export function seriesBests(run: Run): { key: string; best: number; best_x: number; higher: number; rank: number }[] {
  const out = [];
  const seen = new Set<string>();
  for (const s of run.series) {
    const higher = HIGHER_KINDS.has(s.kind);
    if ((!higher && !LOWER_KINDS.has(s.kind)) || seen.has(s.key)) continue;
    let best = NaN;
    let bestX = NaN;
    for (let i = 0; i < s.y.length; i++) {
      const y = s.y[i];
      if (Number.isFinite(y) && (Number.isNaN(best) || (higher ? y > best : y < best))) [best, bestX] = [y, s.x[i]];
    }
    if (Number.isNaN(best)) continue;
    seen.add(s.key);
    out.push({ key: s.key, best, best_x: bestX, higher: higher ? 1 : 0, rank: higher ? -best : best });
  }
  return out;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toSummary(r: SummaryRow): RunSummary {
  const extra = JSON.parse(r.summary) as Pick<RunSummary, 'headline' | 'alternatives' | 'bestLabel'> &
    Partial<Pick<RunSummary, 'xUnit'>>;
  return {
    id: r.short_id,
    scope: scopeFromKey(r.scope_key),
    userId: r.user_id,
    channelId: r.channel_id,
    createdAt: Number(r.created_at),
    source: r.source as RunSource,
    title: r.title,
    format: r.format as RunSummary['format'],
    pattern: r.pattern as Pattern,
    confidence: Number(r.confidence),
    findings: r.findings ? (r.findings.split(',') as Finding[]) : [],
    alternatives: extra.alternatives,
    headline: extra.headline,
    valKey: r.val_key,
    bestX: num(r.best_x),
    bestLabel: extra.bestLabel ?? num(r.best_x),
    bestValue: num(r.best_value),
    gap: num(r.gap),
    points: Number(r.points),
    xAxis: r.x_axis as RunSummary['xAxis'],
    xUnit: extra.xUnit ?? (r.x_axis as RunSummary['xAxis']),
    config: r.config ? (JSON.parse(r.config) as Record<string, unknown>) : null,
    backend: r.backend,
  };
}

export function toStored(r: FullRow): StoredRun {
  const run = decodeRun(r.series);
  const meta = decodeMeta(r.meta);
  const log = {
    format: meta.format,
    detectedBy: meta.detectedBy,
    runs: [run],
    dialect: meta.dialect,
    warnings: meta.warnings,
    stats: meta.stats,
  };
  return { ...toSummary(r), run, log, diagnosis: meta.diagnosis, runsFound: meta.runsFound, metric: r.metric };
}

/** A stored series blob as export JSON: every series of the run (x, y; non-finite y as null). */
export function exportSeries(blob: Uint8Array): NonNullable<ExportRow['series']> {
  return decodeRun(blob).series.map((x) => ({
    key: x.key,
    name: x.name,
    x: x.x,
    y: x.y.map((v) => (Number.isFinite(v) ? v : null)),
  }));
}

export function toExport(r: SummaryRow & { series?: Uint8Array }): ExportRow {
  const s = toSummary(r);
  const row: ExportRow = {
    id: s.id,
    guild_id: s.scope.kind === 'guild' ? s.scope.guildId : null,
    dm_user_id: s.scope.kind === 'dm' ? s.scope.userId : null,
    channel_id: s.channelId,
    user_id: s.userId,
    created_at: new Date(s.createdAt).toISOString(),
    source: s.source,
    title: s.title,
    format: s.format,
    pattern: s.pattern,
    confidence: s.confidence,
    findings: s.findings,
    val_key: s.valKey,
    best_x: s.bestX,
    best_value: s.bestValue,
    gap: s.gap,
    points: s.points,
    backend: s.backend,
    config: s.config,
  };
  if (r.series) row.series = exportSeries(r.series);
  return row;
}

/** A keyset cursor: the last row's (created_at, pk), opaque to callers. */
export function encodeCursor(createdAt: number, pk: number): string {
  return Buffer.from(`${createdAt}.${pk}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [number, number] {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor.slice(0, 64), 'base64url').toString('utf8'));
  if (!m) throw new MemoryError('bad_input', 'that page cursor is not one the store handed out');
  return [Number(m[1]), Number(m[2])];
}
