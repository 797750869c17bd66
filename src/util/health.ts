/**
 * Health endpoints for every long-running process that listens on HTTP (the HTTP interactions front,
 * workers): `GET /healthz` answers 200 while the process runs (liveness: restart it when this fails);
 * `GET /readyz` runs the process's readiness checks (Redis reachable, queue depth, ...) and answers 200
 * when all pass, 503 with the failing ones otherwise (readiness: send it no traffic). Each check has
 * a time limit so a hung dependency reads as "not ready", never as a hung probe. Bodies are small
 * JSON and never carry configuration or secrets, only the checks' own short details.
 */
import type { FastifyInstance } from 'fastify';

export interface CheckResult {
  ok: boolean;
  /** a short, public detail: "pong in 1 ms", "queue depth 3" (never a URL, a password or a token) */
  detail?: string;
}

export type HealthCheck = () => Promise<CheckResult>;

export interface HealthOptions {
  /** what this process is ("worker", "http-front"), echoed in the bodies */
  role: string;
  /** readiness checks by name */
  checks: Record<string, HealthCheck>;
  /** a check slower than this fails as "timed out" (default 2000 ms) */
  timeoutMs?: number;
}

/** Runs every check at once, each bounded by `timeoutMs`; a throw or a timeout is a failed check. */
export async function runChecks(
  checks: Record<string, HealthCheck>,
  timeoutMs = 2000,
): Promise<{ ok: boolean; checks: Record<string, CheckResult> }> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: `timed out after ${timeoutMs} ms` }), timeoutMs);
      });
      try {
        return [name, await Promise.race([check(), timeout])];
      } catch (e) {
        return [name, { ok: false, detail: e instanceof Error ? publicDetail(e.message) : 'failed' }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const results = Object.fromEntries(entries);
  return { ok: entries.every(([, r]) => r.ok), checks: results };
}

/** Adds GET /healthz and GET /readyz to a fastify app. */
export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  const started = Date.now();
  app.get('/healthz', async () => ({
    ok: true,
    role: options.role,
    uptime_s: Math.round((Date.now() - started) / 1000),
  }));
  app.get('/readyz', async (_req, reply) => {
    const r = await runChecks(options.checks, options.timeoutMs);
    return reply.code(r.ok ? 200 : 503).send({ ok: r.ok, role: options.role, checks: r.checks });
  });
}

/** an error's message as a public detail: short, with anything shaped like a URL (which may carry a password) cut out */
export function publicDetail(message: string): string {
  return message.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').slice(0, 200);
}
