/**
 * A minimal live-watch server (the contract in docs/watch.md, POST /v1/watch/epochs) on 127.0.0.1 for
 * the Python client's tests and bench: records every request, answers `stop: true` once enough reports
 * arrived, can answer given error statuses first, or be slow. Plus a runner for /usr/bin/python3.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../clients/python');
export const PYTHON = '/usr/bin/python3';

export interface FakeWatchOptions {
  /** answer stop: true once at least this many reports arrived */
  stopAfter?: number;
  /** statuses answered to the first requests, in order (then 200) */
  statuses?: number[];
  /** Retry-After header sent with a 429 */
  retryAfter?: string;
  /** wait this long before answering each request */
  delayMs?: number;
}

export interface Report {
  epoch: number;
  metrics: Record<string, number | null>;
  final?: boolean;
}

export interface Received {
  at: number;
  status: number;
  auth: string | undefined;
  contentType: string | undefined;
  raw: string;
  body: { run: string; epochs?: number; reports: Report[] } | undefined;
}

export interface FakeWatch {
  url: string;
  received: Received[];
  /** reports of the requests answered 200, in arrival order */
  accepted(): Report[];
  close(): Promise<void>;
}

/** JSON.parse that also reads Python's bare NaN / Infinity / -Infinity literals (outside strings). */
export function parsePythonJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    const word = ['-Infinity', 'Infinity', 'NaN'].find((w) => text.startsWith(w, i));
    if (word) {
      out += `"@@${word}"`;
      i += word.length - 1;
    } else out += c;
  }
  const special: Record<string, number> = { '@@NaN': NaN, '@@Infinity': Infinity, '@@-Infinity': -Infinity };
  return JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && v in special ? special[v] : v));
}

export async function startFakeWatch(opts: FakeWatchOptions = {}): Promise<FakeWatch> {
  const received: Received[] = [];
  const statuses = [...(opts.statuses ?? [])];
  let reports = 0;
  const answer = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    const status = statuses.shift() ?? 200;
    let body: Received['body'];
    try {
      body = parsePythonJson(raw) as Received['body'];
    } catch {
      body = undefined;
    }
    received.push({
      at: Date.now(),
      status,
      auth: req.headers.authorization,
      contentType: req.headers['content-type'],
      raw,
      body,
    });
    if (status !== 200) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = opts.retryAfter ?? '1';
      res.writeHead(status, headers).end(JSON.stringify({ error: `status ${status} from the fake` }));
      return;
    }
    reports += body?.reports?.length ?? 0;
    const stop = opts.stopAfter !== undefined && reports >= opts.stopAfter;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, stop }));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    accepted: () => received.filter((r) => r.status === 200).flatMap((r) => r.body?.reports ?? []),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A 127.0.0.1 URL where nothing listens (a port that was just free). */
export async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

export interface PyResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run Python code with the client importable, without proxies (everything stays on 127.0.0.1). */
export function runPython(code: string, env: Record<string, string> = {}, args: string[] = []): Promise<PyResult> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(https?|all|no)_proxy$/i.test(k) && !k.startsWith('CURVE_TRIAGE_')) clean[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [...args, '-c', code], {
      env: { ...clean, PYTHONPATH: CLIENT_DIR, PYTHONDONTWRITEBYTECODE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last line of stdout as JSON (the scripts print their findings last). */
export function lastJson<T>(r: PyResult): T {
  const lines = r.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]) as T;
  } catch {
    throw new Error(`python printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
