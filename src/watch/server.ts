/**
 * The live-watch HTTP endpoint (fastify): `POST /v1/watch/epochs` (a bearer run token, one report or
 * a batch, <= 64 KB) and `GET /healthz`. Knows nothing of Discord: a valid batch goes to a
 * `WatchSink` (the bot's live message, or the bench's headless sessions) whose answer says whether
 * someone pressed "Stop training". The token is checked and the per-token rate limit taken before
 * the body is read; every refusal is a JSON `{"error": ...}` with a 4xx status and stores nothing.
 * Wire contract: docs/watch-server.md#wire-format.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseJsonWithNonFinite, parseReports, WIRE, type ReportBatch } from './schema.js';
import type { TokenRecord, TokenStore } from './tokens.js';

export interface WatchSink {
  /** a validated batch for this token's run; resolves with whether the run should stop */
  onReports(record: TokenRecord, batch: ReportBatch): Promise<{ stop: boolean }>;
}

export interface WatchServerOptions {
  tokens: TokenStore;
  sink: WatchSink;
  /** requests per second per token, and the burst (the contract: 10/s, burst 20) */
  rate?: { perSecond: number; burst: number };
  /** failures of the sink (never the token) */
  onError?: (err: unknown, tokenId: string) => void;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `take` answers 0 (allowed) or the seconds to wait. */
export class Buckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.sweep(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  /** forget buckets that have refilled (they are equal to a new one) */
  private sweep(t: number): void {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
  }
}

type Authed = FastifyRequest & { watchToken?: TokenRecord };

const bearer = (h: string | undefined) => {
  const m = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i.exec(h ?? '');
  return m?.[1];
};

/** The fastify app (not listening yet: `app.listen` or `app.inject`). */
export function createWatchServer(opts: WatchServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: WIRE.bodyBytes, return503OnClosing: true });
  const limits = new Buckets(opts.rate?.perSecond ?? 10, opts.rate?.burst ?? 20, opts.now);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (!(body as string).trim()) return done(null, undefined);
    try {
      done(null, parseJsonWithNonFinite(body as string));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    void reply.code(status).send({ error: errorText(err, status) });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: `no such endpoint: ${req.method} ${req.url.split('?')[0].slice(0, 100)}` });
  });
  app.get('/healthz', async () => ({ ok: true }));
  app.post('/v1/watch/epochs', {
    onRequest: async (req: Authed, reply) => authorize(req, reply, opts.tokens, limits),
    handler: async (req: Authed, reply) => receive(req, reply, opts),
  });
  return app;
}

function errorText(err: { code?: string; message?: string }, status: number): string {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the body is larger than ${WIRE.bodyBytes / 1024} KB: send fewer reports per request`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the body as JSON with the header "Content-Type: application/json"';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty: send {"run": ..., "epoch": ..., "metrics": {...}}';
  }
  if (status === 400 && err.message === 'the body is not valid JSON') return err.message;
  return status < 500 ? 'bad request' : 'something went wrong on the server; the report was not stored';
}

/** 401/403 for the token, 429 for its bucket; on success the record rides on the request. */
async function authorize(req: Authed, reply: FastifyReply, tokens: TokenStore, limits: Buckets): Promise<void> {
  const v = tokens.verify(bearer(req.headers.authorization));
  if (!v.ok) return void (await reply.code(v.status).send({ error: v.error }));
  const wait = limits.take(v.record.id);
  if (wait > 0)
    return void (await reply
      .code(429)
      .header('Retry-After', String(wait))
      .send({
        error: `too many requests for this token (at most 10 per second): retry in ${wait} s, or batch reports`,
      }));
  req.watchToken = v.record;
}

async function receive(req: Authed, reply: FastifyReply, opts: WatchServerOptions) {
  const record = req.watchToken!;
  if (req.body === undefined)
    return reply.code(400).send({ error: 'the body is empty: send {"run": ..., "epoch": ..., "metrics": {...}}' });
  const r = parseReports(req.body);
  if (!r.ok) return reply.code(400).send({ error: r.error });
  try {
    const { stop } = await opts.sink.onReports(record, r.batch);
    return { ok: true, stop };
  } catch (e) {
    opts.onError?.(e, record.id);
    return reply.code(500).send({ error: 'something went wrong on the server; the report was not stored' });
  }
}
