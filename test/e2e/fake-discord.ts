/**
 * A fake Discord for end-to-end tests and the bench: REST (`/api/v10/...`) and a WebSocket gateway
 * on 127.0.0.1 only. The real discord.js Client logs in against it through `rest.api`; the gateway
 * URL comes from our `GET /gateway/bot`. It records every REST call (JSON and multipart files), serves
 * attachments (from fixtures or memory, with slow/oversized variants), injects faults (429s, dropped
 * connections), and dispatches INTERACTION_CREATE payloads. It enforces Discord's contract
 * (discord-contract.ts): every request body is validated against the request schema of its route in
 * Discord's OpenAPI spec, and an invalid one is answered as Discord does (400, code 50035, `errors`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { discordContract } from './discord-contract.js';
import type { DiscordSigner } from './discord-signature.js';

export const APP_ID = '111111111111111111';
export const BOT_USER = {
  id: APP_ID,
  username: 'curve-triage',
  discriminator: '0',
  global_name: null,
  avatar: null,
  bot: true,
};
/** a syntactically valid but fake token (never a real one) */
export const FAKE_TOKEN = `MTExMTExMTExMTExMTExMTEx.${'G'.repeat(6)}.${'x'.repeat(38)}`;

export interface Recorded {
  method: string;
  path: string;
  /** path with ids/tokens replaced: /interactions/:id/:token/callback */
  route: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  interactionId?: string;
  token?: string;
  json: any;
  files: { field: string; name: string; contentType: string; data: Buffer }[];
  at: number;
  status: number;
  /** what breaks Discord's contract in this request (see FakeDiscord.violations) */
  violations?: string[];
}

/** A request that broke Discord's contract: an invalid body, unparsable JSON, or a route Discord does not have. */
export interface Violation {
  method: string;
  route: string;
  problems: string[];
}

export interface Fault {
  match: (r: { method: string; route: string }) => boolean;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
}

export interface AttachmentSpec {
  name: string;
  data?: Buffer | string;
  /** read from this path instead */
  file?: string;
  /** declared size (defaults to the real one) */
  size?: number;
  contentType?: string;
  /** 'slow': headers then nothing; 'lie': declares less than it sends */
  mode?: 'normal' | 'slow' | 'lie';
  /** answer the download only after this many ms */
  delayMs?: number;
}

let seq = 0n;
function snowflake(): string {
  seq += 1n;
  return ((BigInt(Date.now() - 1420070400000) << 22n) | (seq & 0xfffn)).toString();
}

export class FakeDiscord {
  readonly requests: Recorded[] = [];
  readonly identifies: any[] = [];
  readonly resumes: any[] = [];
  readonly faults: Fault[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private socket?: WebSocket;
  private seq = 0;
  private shardSeq?: WeakMap<WebSocket, number>;
  private readonly sessionId = randomBytes(8).toString('hex');
  private readonly sent: { s: number; payload: string }[] = [];
  private readonly attachments = new Map<string, AttachmentSpec & { data: Buffer }>();
  private readonly waiters = new Set<{ pred: (r: Recorded) => boolean; resolve: (r: Recorded) => void }>();
  private readonly readyWaiters: (() => void)[] = [];
  /** every request that broke Discord's contract (invalid ones were answered with Discord's 400) */
  readonly violations: Violation[] = [];
  /** validate request bodies against Discord's OpenAPI spec (on unless a caller opts out) */
  enforceContract = true;
  /** attachment downloads served (a refused-before-download file must not add to it) */
  attachmentHits = 0;
  /** delay before answering a REST call (ms), to emulate network latency */
  latencyMs = 0;
  port = 0;
  /**
   * INTERACTIONS=http: where `interact` (and so command, component, ...) POSTs interactions, signed
   * as Discord signs them, instead of dispatching them on the gateway. The HTTP response is recorded
   * as the interaction's callback (route /interactions/:id/:token/callback, header x-via:
   * http-response) and validated against the same request schema.
   */
  httpEndpoint?: { url: string; signer: DiscordSigner };
  /** the shard count GET /gateway/bot recommends (SHARDS=auto follows it) */
  gatewayShards = 1;
  /** session_start_limit.max_concurrency: how many shards may identify at once (discord.js waits 5 s between buckets) */
  maxConcurrency = 1;
  /** sharded sessions: the open connection of each shard id (identifies with shard [id, count], count > 1) */
  readonly shards = new Map<number, WebSocket>();
  /** every HTTP interaction POST and its answer (status, body), in order of answer */
  readonly httpAnswers: { id: string; status: number; body: unknown }[] = [];

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.enforceContract) discordContract(); // parse the spec and compile its validators before any request
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Close everything; then throw if any request broke Discord's contract (see `violations`). */
  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    // every test (and bench) that used the fake fails loudly if the bot broke Discord's contract
    this.assertContract();
  }

  // ------------------------------------------------------------------ gateway

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      let msg: { op: number; d: any };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (msg.op === 2) {
        this.identifies.push(msg.d);
        const shard: [number, number] = Array.isArray(msg.d?.shard) ? msg.d.shard : [0, 1];
        if (shard[1] > 1) {
          // one of several shards: its own connection; dispatches for its guilds go there (shardFor)
          this.shards.set(shard[0], ws);
          ws.once('close', () => this.shards.get(shard[0]) === ws && this.shards.delete(shard[0]));
          ws.send(JSON.stringify({ op: 0, t: 'READY', s: 1, d: this.readyPayload(shard) }));
          this.readyWaiters.splice(0).forEach((f) => f());
          return;
        }
        this.seq = 0;
        this.sent.length = 0;
        this.send('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [],
          session_id: this.sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
          private_channels: [],
          relationships: [],
          user_settings: {},
        });
        this.readyWaiters.splice(0).forEach((f) => f());
      } else if (msg.op === 6) {
        this.resumes.push(msg.d);
        // replay what the client missed, then RESUMED
        for (const m of this.sent) if (m.s > (msg.d.seq ?? 0)) ws.send(m.payload);
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
        this.readyWaiters.splice(0).forEach((f) => f());
      }
    });
  }

  private readyPayload(shard: [number, number]) {
    return {
      v: 10,
      user: BOT_USER,
      guilds: [],
      session_id: `${this.sessionId}-${shard[0]}`,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: APP_ID, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
    };
  }

  /** Discord's rule: a guild's events go to shard (guild_id >> 22) % shard count; DMs to shard 0 */
  shardFor(guildId: string | undefined, count: number): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
  }

  private send(t: string, d: unknown): void {
    if (this.shards.size) {
      // sharded: to the guild's shard, with that connection's own sequence
      const count = Math.max(...this.shards.keys()) + 1;
      const ws = this.shards.get(this.shardFor((d as { guild_id?: string })?.guild_id, count));
      const seqs = (this.shardSeq ??= new WeakMap());
      const s = (seqs.get(ws!) ?? 1) + 1;
      if (ws) seqs.set(ws, s);
      if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ op: 0, t, s, d }));
      return;
    }
    const s = ++this.seq;
    const payload = JSON.stringify({ op: 0, t, s, d });
    this.sent.push({ s, payload });
    if (this.sent.length > 1000) this.sent.shift();
    if (this.socket && this.socket.readyState === this.socket.OPEN) this.socket.send(payload);
  }

  /** gateway connections open right now (a bot that logged out has none) */
  get gatewayClients(): number {
    let n = 0;
    for (const c of this.wss.clients) if (c.readyState === c.OPEN) n++;
    return n;
  }

  /** Resolves at the next READY or RESUMED. */
  nextSession(): Promise<void> {
    return new Promise((r) => this.readyWaiters.push(r));
  }

  /** Drop the gateway connection (abnormally, as a network failure would); the client should resume. */
  dropConnection(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** Send an op 7 Reconnect (Discord asks the client to reconnect and resume). */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
  }

  // ------------------------------------------------------------------ interactions

  /** Dispatch INTERACTION_CREATE; returns the interaction's id and token. */
  interact(
    partial: Record<string, any>,
    opts: {
      dm?: boolean;
      groupDm?: boolean;
      user?: Partial<typeof BOT_USER>;
      guildId?: string;
      attachmentSizeLimit?: number;
    } = {},
  ): { id: string; token: string } {
    const data = this.interactionPayload(partial, opts);
    if (this.httpEndpoint) void this.postInteraction(data);
    else this.send('INTERACTION_CREATE', data);
    return { id: data.id, token: data.token };
  }

  /**
   * POST an interaction payload to `httpEndpoint` as Discord does (signed; `headers` override the
   * signature headers, to forge or drop them); a 2xx answer to a non-PING is recorded as the callback.
   */
  async postInteraction(
    d: Record<string, any>,
    opts: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; body: any }> {
    const ep = this.httpEndpoint;
    if (!ep) throw new Error('fake Discord: no httpEndpoint set');
    const body = opts.body ?? JSON.stringify(d);
    const res = await fetch(ep.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ep.signer.headers(body), ...opts.headers },
      body,
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = { unparsable: text.slice(0, 200) };
    }
    this.httpAnswers.push({ id: String(d.id), status: res.status, body: json });
    if (res.ok && d.type !== 1) {
      const path = `/interactions/${d.id}/${d.token}/callback`;
      const rec: Recorded = {
        method: 'POST',
        path,
        route: '/interactions/:id/:token/callback',
        query: new URLSearchParams(),
        headers: { 'x-via': 'http-response' },
        interactionId: String(d.id),
        token: String(d.token),
        json,
        files: [],
        at: performance.now(),
        status: res.status,
      };
      if (this.enforceContract) {
        const v = discordContract().check('POST', path, json, false);
        if (!v.ok) this.violate(rec, v.problems);
      }
      this.record(rec);
    }
    return { status: res.status, body: json };
  }

  /** Dispatch an INTERACTION_CREATE payload exactly as given (malformed ones included: what Discord could send in edge cases). */
  rawInteraction(d: unknown): void {
    this.send('INTERACTION_CREATE', d);
  }

  /** The INTERACTION_CREATE payload `interact` would send (for tests that then break it). */
  interactionPayload(
    partial: Record<string, any>,
    opts: {
      dm?: boolean;
      groupDm?: boolean;
      user?: Partial<typeof BOT_USER>;
      guildId?: string;
      attachmentSizeLimit?: number;
    } = {},
  ): Record<string, any> & { id: string; token: string } {
    if (opts.groupDm) opts = { ...opts, dm: true };
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${randomBytes(24).toString('hex')}`;
    const user = {
      id: opts.user?.id ?? '222222222222222222',
      username: opts.user?.username ?? 'student',
      discriminator: '0',
      global_name: 'Student',
      avatar: null,
    };
    const guildId = opts.dm ? undefined : (opts.guildId ?? '333333333333333333');
    const channel = opts.groupDm
      ? {
          id: '444444444444444446',
          type: 3,
          name: 'study group',
          recipients: [
            user,
            { id: '555555555555555555', username: 'teammate', discriminator: '0', global_name: null, avatar: null },
          ],
        }
      : opts.dm
        ? { id: '444444444444444445', type: 1, recipients: [user] }
        : { id: '444444444444444444', type: 0, name: 'ml-help', guild_id: guildId };
    const data = {
      id,
      application_id: APP_ID,
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: '2147483647',
      entitlements: [],
      authorizing_integration_owners: opts.dm ? { 1: user.id } : { 0: guildId },
      context: opts.groupDm ? 2 : opts.dm ? 1 : 0,
      attachment_size_limit: opts.attachmentSizeLimit ?? 10 * 1024 * 1024,
      channel_id: channel.id,
      channel,
      ...(opts.dm
        ? { user }
        : {
            guild_id: guildId,
            guild_locale: 'en-US',
            member: {
              user,
              roles: [],
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              permissions: '2147483647',
              flags: 0,
            },
          }),
      ...partial,
    };
    return data;
  }

  /** A chat-input command; attachment options are given as AttachmentSpec values. */
  command(
    name: string,
    options: Record<string, string | number | boolean | AttachmentSpec> = {},
    opts: Parameters<FakeDiscord['interact']>[1] = {},
  ) {
    const resolved: Record<string, unknown> = {};
    const opt = Object.entries(options).map(([k, v]) => {
      if (typeof v === 'object') {
        const a = this.attachment(v);
        resolved[a.id] = a;
        return { name: k, type: 11, value: a.id };
      }
      return { name: k, type: typeof v === 'boolean' ? 5 : typeof v === 'number' ? 4 : 3, value: v };
    });
    return this.interact(
      {
        type: 2,
        data: {
          id: snowflake(),
          name,
          type: 1,
          options: opt,
          ...(Object.keys(resolved).length ? { resolved: { attachments: resolved } } : {}),
        },
      },
      opts,
    );
  }

  /** A message context-menu command on a message with these attachments / this content. */
  messageCommand(
    name: string,
    message: { content?: string; attachments?: AttachmentSpec[] },
    opts: Parameters<FakeDiscord['interact']>[1] = {},
  ) {
    const mid = snowflake();
    const msg = {
      id: mid,
      channel_id: opts.dm ? '444444444444444445' : '444444444444444444',
      author: { id: '555555555555555555', username: 'teammate', discriminator: '0', global_name: null, avatar: null },
      content: message.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (message.attachments ?? []).map((a) => this.attachment(a)),
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
    return this.interact(
      { type: 2, data: { id: snowflake(), name, type: 3, target_id: mid, resolved: { messages: { [mid]: msg } } } },
      opts,
    );
  }

  modalSubmit(customId: string, fields: Record<string, string>, opts: Parameters<FakeDiscord['interact']>[1] = {}) {
    return this.interact(
      {
        type: 5,
        data: {
          custom_id: customId,
          components: Object.entries(fields).map(([k, v]) => ({
            type: 1,
            components: [{ type: 4, custom_id: k, value: v }],
          })),
        },
      },
      opts,
    );
  }

  /** A button (component_type 2) or string select (3) click on a message the bot sent. */
  component(
    customId: string,
    componentType: 2 | 3,
    values: string[] = [],
    opts: Parameters<FakeDiscord['interact']>[1] & { ephemeralMessage?: boolean } = {},
  ) {
    const message = {
      id: snowflake(),
      channel_id: opts.dm ? '444444444444444445' : '444444444444444444',
      author: BOT_USER,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 20,
      flags: opts.ephemeralMessage ? 64 : 0,
      components: [],
    };
    return this.interact(
      {
        type: 3,
        message,
        data: { custom_id: customId, component_type: componentType, ...(componentType === 3 ? { values } : {}) },
      },
      opts,
    );
  }

  // ------------------------------------------------------------------ attachments

  /** Register an attachment the fake serves; returns its Discord attachment object. */
  attachment(spec: AttachmentSpec) {
    const id = snowflake();
    const data = spec.data !== undefined ? Buffer.from(spec.data) : readFileSync(spec.file ?? spec.name);
    const name = basename(spec.name);
    this.attachments.set(id, { ...spec, name, data });
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(name)}`;
    return {
      id,
      filename: name,
      size: spec.size ?? data.length,
      url,
      proxy_url: url,
      ...(spec.contentType ? { content_type: spec.contentType } : {}),
    };
  }

  // ------------------------------------------------------------------ REST

  /** Fail the next `times` requests matching with this status (e.g. 429 with retry_after). */
  fail(
    match: Fault['match'],
    status: number,
    opts: { times?: number; body?: unknown; headers?: Record<string, string> } = {},
  ): void {
    this.faults.push({ match, status, body: opts.body, headers: opts.headers, times: opts.times ?? 1 });
  }

  /** Resolve with the first recorded request (past or future) matching `pred`. */
  waitFor(pred: (r: Recorded) => boolean, timeoutMs = 15_000): Promise<Recorded> {
    const hit = this.requests.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const w = {
        pred,
        resolve: (r: Recorded) => {
          clearTimeout(t);
          resolve(r);
        },
      };
      const t = setTimeout(() => {
        this.waiters.delete(w);
        reject(
          new Error(
            `fake Discord: no matching request within ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.route}`).join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** The requests made for one interaction token (callback + webhook). */
  forToken(token: string): Recorded[] {
    return this.requests.filter((r) => r.token === token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const chunks: Buffer[] = [];
    if (url.pathname.startsWith('/attachments/')) return this.serveAttachment(url, res);
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const { route, interactionId, token } = normalise(path);
    const rec: Recorded = {
      method: req.method ?? 'GET',
      path,
      route,
      query: url.searchParams,
      headers: req.headers,
      interactionId,
      token,
      json: undefined,
      files: [],
      at: performance.now(),
      status: 200,
    };
    const ct = String(req.headers['content-type'] ?? '');
    const multipart = ct.startsWith('multipart/form-data');
    let unparsable = false;
    try {
      if (multipart) {
        for (const part of parseMultipart(body, ct)) {
          if (part.filename === undefined) {
            if (part.name === 'payload_json') rec.json = JSON.parse(part.data.toString('utf8'));
          } else
            rec.files.push({ field: part.name, name: part.filename, contentType: part.contentType, data: part.data });
        }
      } else if (body.length) rec.json = JSON.parse(body.toString('utf8'));
    } catch {
      unparsable = true;
      rec.json = { unparsable: body.toString('utf8').slice(0, 200) };
    }
    const refusal = this.enforceContract ? this.checkContract(rec, multipart, unparsable) : undefined;
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const fault = this.faults.find((f) => f.times > 0 && f.match({ method: rec.method, route }));
    if (fault) {
      fault.times--;
      rec.status = fault.status;
      this.record(rec);
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { message: 'fault', code: 0 }));
      return;
    }
    const out = refusal ?? this.respond(rec, url);
    rec.status = out.status;
    this.record(rec);
    if (out.status === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(out.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out.body));
  }

  /** Validate the request against Discord's spec; Discord's 400 for a body that breaks it. */
  private checkContract(
    rec: Recorded,
    multipart: boolean,
    unparsable: boolean,
  ): { status: number; body: unknown } | undefined {
    if (unparsable) {
      this.violate(rec, ['the body is not valid JSON']);
      return { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } };
    }
    const v = discordContract().check(rec.method, rec.path, rec.json, multipart);
    if (v.ok) return undefined;
    this.violate(rec, v.problems);
    return v.kind === 'body' ? { status: 400, body: v.error } : undefined;
  }

  private violate(rec: Recorded, problems: string[]): void {
    rec.violations = problems;
    this.violations.push({ method: rec.method, route: rec.route, problems });
  }

  /** Throw, listing them, if any request broke Discord's contract (tests that break it on purpose clear `violations` first). */
  assertContract(): void {
    if (this.violations.length)
      throw new Error(
        `the bot broke Discord's contract in ${this.violations.length} request(s):\n${this.violations
          .map((v) => `  ${v.method} ${v.route}: ${v.problems.join('; ')}`)
          .join('\n')}`,
      );
  }

  private record(r: Recorded): void {
    this.requests.push(r);
    for (const w of this.waiters) if (w.pred(r)) (this.waiters.delete(w), w.resolve(r));
  }

  private respond(r: Recorded, url: URL): { status: number; body?: unknown } {
    const m = `${r.method} ${r.route}`;
    if (m === 'GET /gateway/bot')
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.gatewayShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.maxConcurrency },
        },
      };
    if (m === 'GET /gateway') return { status: 200, body: { url: this.gatewayUrl } };
    if (m === 'GET /users/@me') return { status: 200, body: BOT_USER };
    if (m === 'POST /interactions/:id/:token/callback') {
      if (url.searchParams.get('with_response') === 'true')
        return {
          status: 200,
          body: {
            interaction: { id: r.interactionId, type: 2 },
            resource: { type: r.json?.type, message: this.message(r) },
          },
        };
      return { status: 204 };
    }
    if (
      m === 'PATCH /webhooks/:app/:token/messages/:msg' ||
      m === 'POST /webhooks/:app/:token' ||
      m === 'GET /webhooks/:app/:token/messages/:msg'
    )
      return { status: 200, body: this.message(r) };
    if (m === 'DELETE /webhooks/:app/:token/messages/:msg') return { status: 204 };
    // a bot-token message (a training result that outlived its interaction token)
    if (m === 'POST /channels/:channel/messages')
      return { status: 200, body: { ...this.message(r), channel_id: r.path.split('/')[2], webhook_id: undefined } };
    // /watch's live message is a channel message edited with the bot token
    if (m === 'PATCH /channels/:channel/messages/:msg')
      return {
        status: 200,
        body: { ...this.message(r), id: r.path.split('/')[4], channel_id: r.path.split('/')[2], webhook_id: undefined },
      };
    if (r.method === 'PUT' && /^\/applications\/:app(\/guilds\/:guild)?\/commands$/.test(r.route))
      return {
        status: 200,
        body: (r.json as any[]).map((c) => ({ id: snowflake(), application_id: APP_ID, version: '1', ...c })),
      };
    return { status: 404, body: { message: `fake Discord: no route ${m}`, code: 0 } };
  }

  private message(r: Recorded) {
    const j = r.json ?? {};
    return {
      id: snowflake(),
      channel_id: '444444444444444444',
      author: BOT_USER,
      content: j.content ?? j.data?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: r.files.map((f, i) => ({
        id: String(i),
        filename: f.name,
        size: f.data.length,
        url: `http://127.0.0.1:${this.port}/x/${f.name}`,
        proxy_url: '',
      })),
      embeds: j.embeds ?? [],
      components: j.components ?? [],
      pinned: false,
      type: 0,
      flags: j.flags ?? 0,
      webhook_id: APP_ID,
      application_id: APP_ID,
    };
  }

  private async serveAttachment(url: URL, res: ServerResponse): Promise<void> {
    const id = url.pathname.split('/')[2];
    const a = this.attachments.get(id);
    this.attachmentHits++;
    if (a?.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    if (!a) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (a.mode === 'slow') {
      res.writeHead(200, { 'content-type': a.contentType ?? 'text/plain', 'content-length': String(a.data.length) });
      res.write(a.data.subarray(0, 10));
      return; // never finishes: the bot's download timeout must fire
    }
    res.writeHead(200, {
      'content-type': a.contentType ?? 'text/plain',
      ...(a.mode === 'lie' ? {} : { 'content-length': String(a.data.length) }),
    });
    res.end(a.data);
  }
}

/** A small multipart/form-data parser (the fake must stay cheap: the bench runs it in-process). */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): { name: string; filename?: string; contentType: string; data: Buffer }[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return [];
  const delim = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: { name: string; filename?: string; contentType: string; data: Buffer }[] = [];
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing --boundary--
    const headEnd = body.indexOf('\r\n\r\n', start);
    if (headEnd < 0) break;
    const next = body.indexOf(delim, headEnd + 4);
    if (next < 0) break;
    const head = body.subarray(start, headEnd).toString('utf8');
    const data = body.subarray(headEnd + 4, next - 2); // strip the CRLF before the delimiter
    const disp = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(head);
    const type = /content-type:\s*([^\r\n]+)/i.exec(head);
    if (disp)
      parts.push({
        name: disp[1],
        filename: disp[2],
        contentType: type ? type[1].trim() : '',
        data: Buffer.from(data),
      });
    pos = next;
  }
  return parts;
}

function normalise(path: string): { route: string; interactionId?: string; token?: string } {
  let m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
  if (m) return { route: '/interactions/:id/:token/callback', interactionId: m[1], token: m[2] };
  m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/[^/]+)?$/.exec(path);
  if (m) return { route: `/webhooks/:app/:token${m[3] ? '/messages/:msg' : ''}`, token: m[2] };
  const route = path
    .replace(/\/applications\/\d+/, '/applications/:app')
    .replace(/\/guilds\/\d+/, '/guilds/:guild')
    .replace(/\/channels\/\d+/, '/channels/:channel')
    .replace(/\/messages\/\d+$/, '/messages/:msg');
  return { route };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  return new FakeDiscord().start();
}
