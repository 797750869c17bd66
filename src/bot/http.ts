/**
 * INTERACTIONS=http: Discord POSTs each interaction to our Interactions Endpoint URL instead of
 * sending it over the gateway. This module is only the door; the command logic is the gateway's:
 *
 * 1. `POST /interactions` checks the Ed25519 signature (X-Signature-Ed25519 over
 *    X-Signature-Timestamp + the raw body, DISCORD_PUBLIC_KEY) before anything else: a bad, missing
 *    or stale one is answered 401 and nothing else happens (no parsing, no log of the body). A
 *    verified interaction whose id was delivered before (a replay inside the signed window) is
 *    answered 409 and not handled again (http-replay.ts).
 * 2. PING (type 1) is answered PONG (type 1).
 * 3. Anything else is handed to the same discord.js Client the gateway mode uses (it never logs in
 *    here): `client.actions.InteractionCreate.handle` is exactly what discord.js runs for a gateway
 *    INTERACTION_CREATE, so the router, dispatcher, flows and components in bot.ts run unchanged,
 *    behind the same guard (guard.ts) for payloads discord.js cannot build.
 * 4. Discord wants the first answer as the HTTP response. The handlers answer through discord.js'
 *    REST callback; `CallbackRelay` (installed as the REST transport's `intercept`) catches that
 *    first callback and returns it as the HTTP response. A handler that has not answered after
 *    HTTP_DEFER_MS is deferred for it (type 5; 6 for buttons and selects); its later reply becomes
 *    an edit of the original response through the webhook routes, as every follow-up already is.
 *    A first answer with files cannot travel in the HTTP response: it is deferred, then edited in.
 *
 * Nothing is kept between requests except what the stores keep (Redis when REDIS_URL is set), so
 * any number of these can run behind a load balancer.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';
import type { MakeRequest } from './rest.js';
import { registerHealth, type HealthCheck } from '../util/health.js';
import { memoryFirstSeen, type FirstSeen } from './http-replay.js';

/** OURS: a signed timestamp older (or newer) than this is refused as a replay; Discord signs at send time */
export const MAX_SKEW_S = 300;
/** how long an interaction id is remembered against replays: the whole signed window, both sides */
export const REPLAY_MEMORY_MS = 2 * MAX_SKEW_S * 1000;
/** OURS: Discord's interaction payloads are a few KB; a message context menu with a long message stays far below */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Discord: an interaction token can be used for 15 minutes */
const TOKEN_LIFE_MS = 15 * 60 * 1000;

/** InteractionType and InteractionResponseType numbers (docs/bot.md#interaction-payloads) */
const PING = 1;
const COMPONENT = 3;
const AUTOCOMPLETE = 4;
const R = { PONG: 1, MESSAGE: 4, DEFER: 5, DEFER_UPDATE: 6, UPDATE: 7, CHOICES: 8, MODAL: 9 } as const;
const EPHEMERAL = 64;

type Raw = Record<string, any>;
type ResponseLike = Awaited<ReturnType<MakeRequest>>;
type Init = Parameters<MakeRequest>[1];

/** The application's public key (64 hex characters, as the Developer Portal shows it) as a KeyObject. */
export function publicKeyFrom(hex: string): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

/** Discord's request signature: Ed25519 over timestamp + raw body; a timestamp more than MAX_SKEW_S away fails too. */
export function verifySignature(
  key: KeyObject,
  signature: unknown,
  timestamp: unknown,
  body: Buffer,
  nowS = Date.now() / 1000,
): boolean {
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowS - Number(timestamp)) > MAX_SKEW_S) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}

interface Open {
  id: string;
  token: string;
  type: number;
  state: 'waiting' | 'deferred';
  /** send the HTTP response (once) */
  answer(body: object): void;
  /** resolves once the HTTP response has gone out */
  sent: Promise<void>;
  timer: NodeJS.Timeout;
}

/** Interactions received over HTTP and not answered yet (or deferred for their handler). */
export class CallbackRelay {
  private readonly open = new Map<string, Open>();
  constructor(
    private readonly transport: MakeRequest,
    private readonly deferMs: number,
    /** DISCORD_APPLICATION_ID: the webhook routes take it */
    private readonly applicationId: string,
    private readonly logger: Logger,
  ) {}

  /** Register an interaction; resolves with the body of its HTTP response (the handler's first answer, or a deferral). */
  expect(d: Raw, sent: Promise<void>): Promise<object> {
    return new Promise((resolve) => {
      const e: Open = {
        id: String(d.id),
        token: String(d.token),
        type: Number(d.type),
        state: 'waiting',
        answer: (body) => {
          e.answer = () => undefined;
          resolve(body);
        },
        sent,
        timer: setTimeout(() => this.deferFor(e), this.deferMs),
      };
      e.timer.unref();
      this.open.set(e.id, e);
    });
  }

  /** HTTP_DEFER_MS passed without an answer: defer, and turn the handler's answer into an edit later */
  private deferFor(e: Open): void {
    if (e.state !== 'waiting') return;
    e.state = 'deferred';
    e.answer(
      e.type === COMPONENT
        ? { type: R.DEFER_UPDATE }
        : e.type === AUTOCOMPLETE
          ? { type: R.CHOICES, data: { choices: [] } }
          : { type: R.DEFER },
    );
    this.logger.debug({ interaction: e.id }, 'deferred for a slow handler');
    this.keepUntilTokenExpires(e);
  }

  private keepUntilTokenExpires(e: Open): void {
    clearTimeout(e.timer);
    e.timer = setTimeout(() => this.open.delete(e.id), TOKEN_LIFE_MS);
    e.timer.unref();
  }

  /** The REST transport's hook: an interaction callback for an open HTTP interaction is answered here. */
  intercept = async (url: string, init: Init): Promise<ResponseLike | undefined> => {
    if (init.method !== 'POST' || !url.includes('/interactions/')) return undefined;
    const m = /\/interactions\/(\d+)\/([^/?]+)\/callback(?:\?|$)/.exec(url);
    const e = m ? this.open.get(m[1]) : undefined;
    if (!m || !e || e.token !== m[2]) return undefined;
    const { json, form } = await callbackBody(init.body);
    if (!json) return undefined;
    const type = Number(json.type);
    if (e.state === 'waiting') {
      if (!form) {
        clearTimeout(e.timer);
        this.open.delete(e.id);
        e.answer(json);
        return noContent();
      }
      // files cannot travel in the HTTP response: defer (keeping the privacy asked for), then edit them in
      e.state = 'deferred';
      const flags = Number(json.data?.flags ?? 0) & EPHEMERAL;
      e.answer(type === R.UPDATE ? { type: R.DEFER_UPDATE } : { type: R.DEFER, ...(flags ? { data: { flags } } : {}) });
      this.keepUntilTokenExpires(e);
      await e.sent;
      return this.edit(url, e, json.data ?? {}, form, init);
    }
    // already deferred: a deferral is done; a reply or update becomes an edit of the original response
    if (type === R.DEFER || type === R.DEFER_UPDATE || type === R.CHOICES) return noContent();
    if (type === R.MESSAGE || type === R.UPDATE) return this.edit(url, e, json.data ?? {}, form, init);
    // a modal cannot follow a deferral: what Discord answers
    return jsonResponse(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
  };

  private async edit(url: string, e: Open, data: Raw, form: FormData | undefined, init: Init): Promise<ResponseLike> {
    const target = url.replace(
      /\/interactions\/\d+\/[^/?]+\/callback(?:\?.*)?$/,
      `/webhooks/${this.applicationId}/${e.token}/messages/@original`,
    );
    const body = editBody(data);
    const headers = { ...(init.headers as Record<string, string>) };
    delete headers['Content-Type'];
    delete headers['content-type'];
    let payload: string | FormData;
    if (form) {
      payload = new FormData();
      for (const [k, v] of form.entries()) if (k !== 'payload_json') payload.append(k, v);
      payload.append('payload_json', JSON.stringify(body));
    } else {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await this.transport(target, { ...init, method: 'PATCH', headers, body: payload });
    return res.ok ? noContent() : res;
  }

  get size(): number {
    return this.open.size;
  }

  clear(): void {
    for (const e of this.open.values()) clearTimeout(e.timer);
    this.open.clear();
  }
}

/** The callback request's JSON (and its FormData when it carries files). */
async function callbackBody(body: unknown): Promise<{ json?: Raw; form?: FormData }> {
  try {
    if (typeof body === 'string') return { json: JSON.parse(body) as Raw };
    if (body instanceof FormData) {
      const p = body.get('payload_json');
      const hasFiles = [...body.keys()].some((k) => k !== 'payload_json');
      return { json: typeof p === 'string' ? (JSON.parse(p) as Raw) : undefined, form: hasFiles ? body : undefined };
    }
  } catch {
    return {};
  }
  return {};
}

/** what an interaction callback's message data may carry into an edit of the original response */
function editBody(data: Raw): Raw {
  const out: Raw = {};
  for (const k of ['content', 'embeds', 'allowed_mentions', 'components', 'attachments', 'poll'])
    if (data[k] !== undefined) out[k] = data[k];
  const flags = Number(data.flags ?? 0) & ~EPHEMERAL;
  if (flags) out.flags = flags;
  return out;
}

function noContent(): ResponseLike {
  return new Response(null, { status: 204 }) as unknown as ResponseLike;
}

function jsonResponse(status: number, body: unknown): ResponseLike {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  }) as unknown as ResponseLike;
}

export interface EndpointOptions {
  relay: CallbackRelay;
  publicKey: string;
  logger: Logger;
  /** hand a verified interaction payload to the bot (guard + discord.js, see bot.ts) */
  deliver(d: Raw): void;
  /** readiness checks for GET /readyz */
  checks: Record<string, HealthCheck>;
  /** has this interaction id been delivered before (http-replay.ts)? default: this front's memory */
  firstSeen?: FirstSeen;
}

/** The fastify app: POST /interactions, GET /healthz, GET /readyz. */
export function interactionsEndpoint(o: EndpointOptions): FastifyInstance {
  const key = publicKeyFrom(o.publicKey);
  const firstSeen = o.firstSeen ?? memoryFirstSeen(REPLAY_MEMORY_MS);
  const app = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false });
  // the signature covers the raw bytes: keep them, parse after verifying
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  registerHealth(app, { role: 'http-front', checks: o.checks });
  app.post('/interactions', async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(key, req.headers['x-signature-ed25519'], req.headers['x-signature-timestamp'], raw)) {
      o.logger.debug({ ip: req.ip }, 'interaction refused: bad signature');
      return reply.code(401).send({ error: 'invalid request signature' });
    }
    let d: unknown;
    try {
      d = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'the body is not JSON' });
    }
    if (!d || typeof d !== 'object' || Array.isArray(d)) return reply.code(400).send({ error: 'not an interaction' });
    const i = d as Raw;
    if (i.type === PING) return reply.send({ type: R.PONG });
    if (typeof i.id !== 'string' || typeof i.token !== 'string' || !/^\d{1,25}$/.test(i.id))
      return reply.code(400).send({ error: 'not an interaction' });
    if (!(await firstSeen(i.id))) {
      o.logger.warn({ interaction: i.id, ip: req.ip }, 'interaction refused: delivered before (a replay)');
      return reply.code(409).send({ error: 'this interaction was delivered before' });
    }
    let markSent!: () => void;
    const sent = new Promise<void>((r) => (markSent = r));
    reply.raw.once('finish', markSent);
    reply.raw.once('close', markSent);
    const response = o.relay.expect(i, sent);
    o.deliver(i);
    return reply.send(await response);
  });
  return app;
}
