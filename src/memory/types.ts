/**
 * Team memory's public interface: what is kept of each run a server (or a DM user, or the local CLI)
 * diagnoses or trains, and the one store every surface reads and writes it through. Core: it uses the
 * ingest and diagnose types and never a surface. Two backends implement MemoryStore (SQLite in DATA_DIR,
 * PostgreSQL when DATABASE_URL is set), both through Kysely; openMemory() in index.ts picks one.
 *
 * Times are milliseconds since the epoch (numbers), the same in both backends.
 * Run ids are short lowercase hex (`a3f9`, shown as `#a3f9`), unique within a scope; they start at 4
 * characters and grow when a scope's ids get crowded.
 *
 * CONSENT IS ENFORCED HERE: record() refuses (MemoryError code `no_consent`) unless the scope has
 * history turned on (setSettings enabled: true). The `local` scope (the CLI's own database) is the one
 * exception: running `diagnose --save` is the consent.
 */
import type { Format, Run, TrainingLog } from '../ingest/schema.js';
import type { Diagnosis, Finding, Pattern } from '../diagnose/schema.js';

/** Whose memory: a Discord server, one user's DMs with the bot, or the CLI's local database. */
export type Scope = { kind: 'guild'; guildId: string } | { kind: 'dm'; userId: string } | { kind: 'local' };

/** Where a run came from. */
export const RUN_SOURCES = ['upload', 'train', 'sweep', 'apply_fix', 'cli'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];
/** The sources whose runs curve-triage's own engine trained: diagnosed with origin 'trained' (DiagnoseOptions). */
export const ENGINE_SOURCES: readonly RunSource[] = ['train', 'sweep', 'apply_fix'];

/** OURS (issue 15): retention a scope gets when it turns history on without a number, and the cap. */
export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 365;
export const MIN_RETENTION_DAYS = 1;

/** A scope's history settings (consent). No row = never enabled = nothing is kept. */
export interface ScopeSettings {
  scope: Scope;
  enabled: boolean;
  /** runs older than this are purged by purgeExpired() (1..365) */
  retentionDays: number;
  /** who last turned history on (user id), and when; null when it was never on */
  enabledBy: string | null;
  enabledAt: number | null;
  /** who changed the settings last, and when */
  updatedBy: string;
  updatedAt: number;
}

export interface SettingsChange {
  enabled: boolean;
  /** default: the current value, or DEFAULT_RETENTION_DAYS; must be an integer in 1..365 */
  retentionDays?: number;
  /** the user making the change (the bot checks Manage Server before calling) */
  by: string;
  /** default: now */
  at?: number;
}

/** What the caller hands record(): the diagnosed run as the pipeline produced it. */
export interface NewRun {
  scope: Scope;
  /** who ran it (Discord user id; 'local' or the OS user for the CLI) */
  userId: string;
  /** the channel it was posted in (null: the CLI, or unknown) */
  channelId: string | null;
  source: RunSource;
  /** e.g. the uploaded file's name, "preset noisy_sine", "sweep lr=3e-3"; capped at 200 characters */
  title: string;
  /** the parsed log; only the diagnosed run's series are kept (never the raw file) */
  log: TrainingLog;
  /** the diagnosis of that run (diagnosis.run.index says which of log.runs it is) */
  diagnosis: Diagnosis;
  /** runs found in the file before any joining (a resumed training read as one: TriageResult.runsFound); default log.runs.length */
  runsFound?: number;
  /** the series the person focused on (--metric / metric option), if any */
  metric?: string;
  /** server-side runs: the training config (JSON-serialisable; capped at 16 KiB as JSON) and backend */
  config?: Record<string, unknown>;
  backend?: string;
  /** default: now */
  createdAt?: number;
  /**
   * the request this run answers (the bot: the interaction id). Recording the same request again in the
   * same scope keeps the first row and returns it, so a result delivered twice is kept once.
   */
  requestId?: string;
}

/** One run as /history lists it (no series). */
export interface RunSummary {
  /** short id without the '#' */
  id: string;
  scope: Scope;
  userId: string;
  channelId: string | null;
  createdAt: number;
  source: RunSource;
  title: string;
  format: Format;
  pattern: Pattern;
  confidence: number;
  findings: Finding[];
  /** runner-up patterns (diagnosis.alternatives) */
  alternatives: { pattern: Pattern; probability: number }[];
  /** the diagnosis headline, one sentence */
  headline: string;
  /** key evidence: the validation series read (e.g. val_loss), its best value and where (x in the run's axis;
   * turn into the file's label with xLabel(evidence, x) from diagnose/schema) and the final gap ratio */
  valKey: string | null;
  bestX: number | null;
  /** bestX as the user's file labels it (a 0-based epoch column says 12 where bestX is 13) */
  bestLabel: number | null;
  bestValue: number | null;
  gap: number | null;
  /** points on the x axis (epochs or steps) */
  points: number;
  xAxis: 'epoch' | 'step';
  /** what one x counts, as replies say it: the axis, or 'episode' for an agent's run numbered by episode */
  xUnit: 'epoch' | 'step' | 'episode';
  config: Record<string, unknown> | null;
  backend: string | null;
}

/** One run with everything needed to re-run the pipeline and re-render it (/show, /compare by id). */
export interface StoredRun extends RunSummary {
  /** the diagnosed run as ingest produced it (index 0), y values at float32 precision (NaN/inf kept) */
  run: Run;
  /** a TrainingLog holding just that run (format, dialect, warnings as recorded): feed it to diagnose()/render */
  log: TrainingLog;
  /** the diagnosis as it was recorded */
  diagnosis: Diagnosis;
  /** how many runs the original file held */
  runsFound: number;
  metric: string | null;
}

export interface ListQuery {
  scope: Scope;
  /** only this user's runs */
  userId?: string;
  pattern?: Pattern;
  source?: RunSource;
  /** only runs created at or after this time (ms) */
  since?: number;
  /** 1..100, default 20 */
  limit?: number;
  /** the `next` of the previous page: the page of runs older than it */
  cursor?: string;
  /** the `prev` of a page: the page of runs just newer than it (still listed newest first) */
  newer?: string;
}

export interface Page<T> {
  items: T[];
  /** pass as `cursor` for the next (older) page; absent on the last page */
  next?: string;
  /** pass as `newer` for the page before (newer runs); absent on the newest page */
  prev?: string;
}

export interface BestQuery {
  scope: Scope;
  /** series key, default 'val_loss' (lower is better for losses/errors, higher for accuracies/scores) */
  metric?: string;
  /** default: the server-side runs (train, sweep, apply_fix); pass all of RUN_SOURCES to include uploads */
  sources?: readonly RunSource[];
  /** 1..100, default 10 */
  limit?: number;
}

export interface BestEntry {
  run: RunSummary;
  metric: string;
  /** the best value of that series in the run, and where */
  value: number;
  x: number;
}

export interface TrendQuery {
  scope: Scope;
  /** default 'val_loss' */
  metric?: string;
  since?: number;
  /** default the server-side runs, as in BestQuery */
  sources?: readonly RunSource[];
  /** the newest N runs (1..1000, default 200), returned oldest first */
  limit?: number;
}

export interface TrendPoint {
  id: string;
  createdAt: number;
  /** the run's best value of the metric */
  value: number;
  /** the best so far over the runs up to this one (the team's progress line) */
  bestSoFar: number;
}

/** A flat row for CSV / JSON export (findings joined by ';' in CSV; config as JSON text). */
export interface ExportRow {
  id: string;
  guild_id: string | null;
  dm_user_id: string | null;
  channel_id: string | null;
  user_id: string;
  created_at: string;
  source: RunSource;
  title: string;
  format: string;
  pattern: Pattern;
  confidence: number;
  findings: Finding[];
  val_key: string | null;
  best_x: number | null;
  best_value: number | null;
  gap: number | null;
  points: number;
  backend: string | null;
  config: Record<string, unknown> | null;
  /** with `series: true`: every series of the run (x, y; non-finite y as null in JSON) */
  series?: { key: string; name: string; x: number[]; y: (number | null)[] }[];
}

export type ExportQuery = ({ scope: Scope } | { userId: string }) & {
  series?: boolean;
  limit?: number;
  /**
   * with `series`: the most bytes the series may take as JSON, all rows together. The series are read a
   * few runs at a time and decoded one by one; past the budget none is returned (every row without
   * `series`), so an export of many long runs never holds more than this in memory.
   */
  seriesBudget?: number;
};

export interface SearchHit {
  id: string;
  title: string;
  pattern: Pattern;
  createdAt: number;
}

export interface MemoryStore {
  readonly backend: 'sqlite' | 'postgres';

  getSettings(scope: Scope): Promise<ScopeSettings | undefined>;
  /** turn history on/off and set retention (validated); returns the new settings */
  setSettings(scope: Scope, change: SettingsChange): Promise<ScopeSettings>;

  /** keep a run; resolves once it is durably committed. Refuses (`no_consent`) unless the scope opted in. */
  record(run: NewRun): Promise<RunSummary>;

  /** newest first, keyset-paginated */
  list(q: ListQuery): Promise<Page<RunSummary>>;
  /** one run of the scope by id ('a3f9', '#A3F9' and ' a3f9 ' all work); undefined when there is none */
  get(scope: Scope, id: string): Promise<StoredRun | undefined>;
  /** autocomplete: ids starting with `text`, then recent runs whose title contains it (text '' = the most recent) */
  search(scope: Scope, text: string, limit?: number): Promise<SearchHit[]>;
  best(q: BestQuery): Promise<BestEntry[]>;
  trend(q: TrendQuery): Promise<TrendPoint[]>;

  /** real DELETEs; each returns how many runs went */
  forgetRun(scope: Scope, id: string): Promise<number>;
  /** every run this user recorded, in every scope (and their DM settings) */
  forgetUser(userId: string): Promise<number>;
  /** every run of the scope (its settings stay: turning history off is setSettings) */
  forgetScope(scope: Scope): Promise<number>;
  /** delete runs older than their scope's retention; returns how many */
  purgeExpired(now?: number): Promise<number>;

  /** newest first; at most `limit` (default 10,000) */
  exportRuns(q: ExportQuery): Promise<ExportRow[]>;

  close(): Promise<void>;
}

export type MemoryErrorCode = 'no_consent' | 'bad_input' | 'open_failed' | 'too_big';

/** The store's refusals, worded for people (never carrying DATABASE_URL). */
export class MemoryError extends Error {
  constructor(
    readonly code: MemoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MemoryError';
  }
}

export interface OpenOptions {
  /** SQLite: the folder holding memory.sqlite (created if missing); default defaultDataDir() */
  dataDir?: string;
  /** PostgreSQL connection string; wins over dataDir when set */
  databaseUrl?: string;
  /** PostgreSQL pool size (default 4) */
  poolSize?: number;
}
