/**
 * The CLI's history commands through the real bin in a child process: diagnose --save, history
 * (--json contract), show, compare by ids and files, against DATA_DIR (SQLite) and DATABASE_URL
 * (a throwaway PostgreSQL). Clear refusals for an unknown id, an empty history, a database that
 * cannot be opened.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS, PATTERNS } from '../../src/diagnose/schema.js';
import { csvLog } from '../memory/helpers.js';
import { startPostgres, type ThrowawayPostgres } from '../services/postgres.js';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/curve-triage.js');
const tmp = mkdtempSync(join(tmpdir(), 'ct-cli-mem-'));

async function cli(args: string[], env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.DATA_DIR;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...clean, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const overfit = join(tmp, 'overfit.csv');
writeFileSync(overfit, csvLog(40));
const smooth = join(tmp, 'smooth.csv');
writeFileSync(smooth, csvLog(40, { rise: 0 }));

describe('curve-triage history / show / compare on SQLite (DATA_DIR)', () => {
  const env = { DATA_DIR: join(tmp, 'data') };

  it('an empty history says so, in text and as []', async () => {
    const r = await cli(['history'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No saved runs yet');
    expect(r.stdout).toContain('--save');
    expect(JSON.parse((await cli(['history', '--json'], env)).stdout)).toEqual([]);
  });

  it('diagnose --save records a run; history lists it newest first; show and compare read it back', async () => {
    const a = await cli(['diagnose', overfit, '--save', '--json'], env);
    expect(a.code).toBe(0);
    const aj = JSON.parse(a.stdout);
    expect(aj.saved_id).toMatch(/^[0-9a-f]{4,}$/);
    const b = await cli(['diagnose', smooth, '--save', '--brief'], env);
    expect(b.code).toBe(0);
    const bid = /saved as #([0-9a-f]+)/.exec(b.stdout)![1];
    expect(statSync(join(env.DATA_DIR, 'memory.sqlite')).size).toBeGreaterThan(0);

    const h = JSON.parse((await cli(['history', '--json'], env)).stdout);
    expect(h.map((x: { id: string }) => x.id)).toEqual([bid, aj.saved_id]);
    for (const row of h) {
      expect(PATTERNS).toContain(row.pattern);
      for (const f of row.findings) expect(FINDINGS).toContain(f);
      expect(row.source).toBe('cli');
      expect(Number.isNaN(Date.parse(row.created_at))).toBe(false);
      expect(row.confidence).toBeGreaterThan(0);
    }
    expect(h[1]).toMatchObject({ pattern: aj.pattern, title: 'overfit.csv', format: 'keras-csv' });
    const text = await cli(['history'], env);
    expect(text.stdout.split('\n')[0]).toContain(`#${bid}`);
    const only = JSON.parse((await cli(['history', '--json', '--pattern', 'overfitting', '--limit', '5'], env)).stdout);
    expect(only.every((x: { pattern: string }) => x.pattern === 'overfitting')).toBe(true);
    expect(only.map((x: { id: string }) => x.id)).toContain(aj.saved_id);

    const show = await cli(['show', `#${aj.saved_id}`, '--json'], env);
    expect(show.code).toBe(0);
    const sj = JSON.parse(show.stdout);
    expect(sj).toMatchObject({ id: aj.saved_id, pattern: aj.pattern, findings: aj.findings, format: 'keras-csv' });
    expect(sj.evidence.best_x).toBe(aj.evidence.best_x);
    const chart = join(tmp, 'show.png');
    const shown = await cli(['show', aj.saved_id, '--chart', chart, '--brief'], env);
    expect(shown.stdout).toContain(`#${aj.saved_id} · overfit.csv`);
    expect(statSync(chart).size).toBeGreaterThan(1000);

    const cmpOut = join(tmp, 'cmp.png');
    const cmp = await cli(['compare', aj.saved_id, `#${bid}`, '--out', cmpOut], env);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toMatch(/^A: #[0-9a-f]+ overfit\.csv: Overfitting/);
    expect(statSync(cmpOut).size).toBeGreaterThan(1000);
    // an id and a file, side by side
    const mixed = JSON.parse((await cli(['compare', aj.saved_id, smooth, '--json'], env)).stdout);
    expect(mixed.a.id).toBe(aj.saved_id);
    expect(mixed.b.label).toBe('smooth.csv');
    expect(mixed.config_changes).toEqual([]);
  });

  it('an unknown id, a bad id and bad flags are refused in one line', async () => {
    const r = await cli(['show', 'beef'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^curve-triage: no run #beef in .* \(curve-triage history lists the saved runs\)\n$/);
    expect((await cli(['show', 'not-an-id'], env)).stderr).toContain('is not a run id');
    expect((await cli(['compare', 'beef', 'nope.csv'], env)).stderr).toContain('no run #beef');
    expect((await cli(['compare', 'nope.csv', 'x'], env)).stderr).toContain('no such file or saved run: nope.csv');
    expect((await cli(['history', '--pattern', 'great'], env)).stderr).toContain('--pattern takes good_fit');
    expect((await cli(['history', '--limit', '0'], env)).code).toBe(2);
  });

  it('several CLI processes saving into one SQLite file at once all succeed', async () => {
    const shared = { DATA_DIR: join(tmp, 'shared') };
    const saves = await Promise.all([0, 1, 2, 3].map(() => cli(['diagnose', overfit, '--save', '--json'], shared)));
    expect(saves.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const ids = saves.map((r) => JSON.parse(r.stdout).saved_id as string);
    const listed = JSON.parse((await cli(['history', '--json'], shared)).stdout).map((x: { id: string }) => x.id);
    expect([...listed].sort()).toEqual([...ids].sort());
  });

  it('a database that cannot be opened is a clear refusal', async () => {
    writeFileSync(join(tmp, 'a-file'), 'x');
    const r = await cli(['history'], { DATA_DIR: join(tmp, 'a-file', 'sub') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^curve-triage: cannot open the history database .*memory\.sqlite/);
    const save = await cli(['diagnose', overfit, '--save'], { DATA_DIR: join(tmp, 'a-file', 'sub') });
    expect(save.code).toBe(2);
  });

  it('--help lists the history commands', async () => {
    const r = await cli(['--help'], env);
    for (const w of ['history [--json]', 'show ID', 'compare A B', '--save', 'DATA_DIR', 'DATABASE_URL'])
      expect(r.stdout).toContain(w);
  });
});

describe('curve-triage history on PostgreSQL (DATABASE_URL)', () => {
  let pg: ThrowawayPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('saves and lists through DATABASE_URL, never printing it', async () => {
    const env = { DATABASE_URL: pg.url, DATA_DIR: join(tmp, 'unused') };
    const s = JSON.parse((await cli(['diagnose', overfit, '--save', '--json'], env)).stdout);
    const h = JSON.parse((await cli(['history', '--json'], env)).stdout);
    expect(h.map((x: { id: string }) => x.id)).toEqual([s.saved_id]);
    const bad = await cli(['history'], { DATABASE_URL: 'postgres://someone:hunter2@127.0.0.1:1/x' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot open the PostgreSQL database (DATABASE_URL)');
    expect(bad.stderr).not.toContain('hunter2');
  });
});
