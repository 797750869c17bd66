/** Shared by the memory tests: real logs through the real pipeline, and both backends opened for real. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { triage } from '../../src/pipeline.js';
import { openMemory, type MemoryStore, type NewRun, type Scope } from '../../src/memory/index.js';
import { startPostgres, type ThrowawayPostgres } from '../services/postgres.js';

/** A CSVLogger file: overfitting when `rise` > 0 (val turns up after epoch 12), NaN cells where asked. */
export function csvLog(epochs: number, opts: { rise?: number; scale?: number; nanAt?: number } = {}): string {
  const rise = opts.rise ?? 0.012;
  const k = opts.scale ?? 1;
  const rows = ['epoch,accuracy,loss,val_accuracy,val_loss'];
  for (let i = 0; i < epochs; i++) {
    const train = k * (1.2 * Math.exp(-i / 8) + 0.05);
    const val = k * (0.6 + 0.7 * Math.exp(-i / 4) + rise * Math.max(0, i - 12));
    const acc = 0.5 + 0.45 * (1 - Math.exp(-i / 8));
    const vacc = 0.5 + 0.3 * (1 - Math.exp(-i / 6));
    const v = i === opts.nanAt ? 'nan' : val.toFixed(6);
    rows.push(`${i},${acc.toFixed(4)},${train.toFixed(6)},${vacc.toFixed(4)},${v}`);
  }
  return rows.join('\n') + '\n';
}

export function newRun(scope: Scope, over: Partial<NewRun> & { text?: string } = {}): NewRun {
  const { text, ...rest } = over;
  const r = triage(text ?? csvLog(40));
  return {
    scope,
    userId: 'u1',
    channelId: scope.kind === 'guild' ? 'c1' : null,
    source: 'upload',
    title: 'overfit.csv',
    log: r.log,
    diagnosis: r.diagnosis,
    ...rest,
  };
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** a fresh, empty store */
  open(): Promise<MemoryStore>;
  /** the same database again (a restart) */
  reopen(): Promise<MemoryStore>;
  /** how to reach the database open() made last: the options and the environment a child would get */
  where(): { options: { dataDir?: string; databaseUrl?: string }; env: Record<string, string> };
  stop(): Promise<void>;
}

export async function sqliteBackend(): Promise<Backend> {
  const root = mkdtempSync(join(tmpdir(), 'ct-mem-'));
  let n = 0;
  return {
    name: 'sqlite',
    open: () => openMemory({ dataDir: join(root, String(++n)) }),
    reopen: () => openMemory({ dataDir: join(root, String(n)) }),
    where: () => ({ options: { dataDir: join(root, String(n)) }, env: { DATA_DIR: join(root, String(n)) } }),
    stop: async () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function postgresBackend(): Promise<Backend & { pg: ThrowawayPostgres }> {
  const pg = await startPostgres();
  let n = 0;
  const url = (i: number) => pg.url.replace(/\/postgres$/, `/db${i}`);
  const admin = await import('pg');
  return {
    name: 'postgres',
    pg,
    async open() {
      const c = new admin.default.Client({ connectionString: pg.url });
      await c.connect();
      await c.query(`create database db${++n}`);
      await c.end();
      return openMemory({ databaseUrl: url(n) });
    },
    reopen: () => openMemory({ databaseUrl: url(n) }),
    where: () => ({ options: { databaseUrl: url(n) }, env: { DATABASE_URL: url(n) } }),
    stop: () => pg.stop(),
  };
}
