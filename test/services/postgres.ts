/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp dir, pg_ctl start on a free port of
 * 127.0.0.1 (socket in the same dir), trust auth for the local user, removed by stop(). Debian's
 * postgresql (scripts/setup.sh installs it). As root, the cluster runs as the `postgres` system user
 * (PostgreSQL refuses to run as root). No database mocks anywhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './redis.js';

export interface ThrowawayPostgres {
  /** postgres://USER@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Debian keeps the server binaries under /usr/lib/postgresql/<major>/bin (not on PATH). */
function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const m of majors) {
      const p = join(root, m, 'bin', name);
      if (existsSync(p)) return p;
    }
  }
  return name;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'ct-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  chmodSync(dir, 0o777);
  const run = (bin: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : pgBin(bin);
    const argv = asRoot ? ['-u', 'postgres', '--', pgBin(bin), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} failed: ${r.stderr || r.stdout}`);
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', user, '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      'start',
    ]);
    await waitForPort(port);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start (is it installed? bash scripts/setup.sh): ${String(e)}`);
  }
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when the PostgreSQL server binaries are installed (the tests then must run, not skip). */
export function postgresInstalled(): boolean {
  try {
    execFileSync(pgBin('initdb'), ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
