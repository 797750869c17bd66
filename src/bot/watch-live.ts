/**
 * /watch in the bot: the run tokens, the HTTP endpoint (src/watch/server.ts) and the sink it feeds.
 * Each watched run gets ONE channel message, posted and edited with the bot token (a run lasts hours;
 * an interaction token only 15 minutes), edited at most every PROGRESS_EDIT_MS, its chart redrawn
 * every CHART_EVERY epochs in the work pool. Alerts are replies to it (mentioning the owner only with
 * `notify`); the end of the run (`final`) is the full /diagnose reply. The Stop button sets the
 * run's stop flag, which the client's next report receives as `{"stop": true}`.
 * Discord calls of one run go one after another; the HTTP answer never waits for Discord.
 */
import { randomBytes } from 'node:crypto';
import { Routes, type ButtonInteraction, type Client } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import { historyJson } from '../train/history.js';
import { createWatchServer, type WatchSink } from '../watch/server.js';
import { WatchSession } from '../watch/session.js';
import type { ReportBatch } from '../watch/schema.js';
import { TokenStore, type TokenRecord } from '../watch/tokens.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { diagnosisView, IMAGE_NAME, type View } from './present.js';
import { alertText, liveView } from './watch-views.js';
import { clip } from './text.js';

/** redraw the chart every this many epochs */
export const CHART_EVERY = 5;
/** watched runs per token at once, and in all (the oldest idle one is dropped beyond) */
const RUNS_PER_TOKEN = 10;
const MAX_RUNS = 2000;
/** a run without reports for this long is forgotten */
const IDLE_MS = 24 * 3600 * 1000;

interface LiveRun {
  key: string;
  record: TokenRecord;
  session: WatchSession;
  messageId?: string;
  /** Discord calls of this run, one after another */
  chain: Promise<void>;
  timer?: NodeJS.Timeout;
  lastEdit: number;
  /** epoch count when the chart was last drawn (0: never) */
  chartAt: number;
  chart?: Buffer;
  /** chartAt of the chart the message carries */
  chartSent?: number;
  finalPosted: boolean;
  /** Discord refused the channel (403/404): the run is still taken, nothing more is posted */
  undeliverable?: boolean;
}

export class WatchHub implements WatchSink {
  readonly tokens: TokenStore;
  private readonly runs = new Map<string, LiveRun>();
  private readonly byKey = new Map<string, LiveRun>();
  private server?: FastifyInstance;
  private closed = false;
  client?: Client;

  constructor(private readonly ctx: BotContext) {
    this.tokens = new TokenStore(ctx.config.WATCH_TOKEN_DAYS * 24 * 3600 * 1000);
  }

  /** The base URL snippets print. */
  get url(): string {
    const port = this.server ? (this.server.server.address() as { port?: number } | null)?.port : undefined;
    return (this.ctx.config.WATCH_PUBLIC_URL ?? `http://127.0.0.1:${port ?? this.ctx.config.WATCH_PORT}`).replace(
      /\/+$/,
      '',
    );
  }

  get listening(): boolean {
    return !!this.server;
  }

  async listen(): Promise<void> {
    const { config, logger } = this.ctx;
    const app = createWatchServer({
      tokens: this.tokens,
      sink: this,
      onError: (err, tokenId) => logger.error({ err, token: tokenId }, 'watch report failed'),
    });
    await app.listen({ port: config.WATCH_PORT ?? 0, host: config.WATCH_HOST });
    this.server = app;
    logger.info({ url: this.url }, 'watch endpoint listening');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.runs.values()) clearTimeout(r.timer);
    await this.server?.close();
    await Promise.allSettled([...this.runs.values()].map((r) => r.chain));
    this.runs.clear();
    this.byKey.clear();
  }

  /** run names this token is watching now */
  runsOf(record: TokenRecord): string[] {
    return [...this.runs.values()].filter((r) => r.record === record && !r.session.finished).map((r) => r.session.run);
  }

  async onReports(record: TokenRecord, batch: ReportBatch): Promise<{ stop: boolean }> {
    const run = this.runFor(record, batch.run);
    const alerts = run.session.add(batch);
    for (const a of alerts)
      this.enqueue(run, () =>
        this.postAlert(run, alertText(a, run.session, record.notify ? record.userId : undefined)),
      );
    if (run.session.finished) this.finish(run);
    else this.schedule(run);
    return { stop: run.session.stopRequested };
  }

  /** The Stop button: only the run's owner; the next report answers stop. */
  async stopButton(i: ButtonInteraction, key: string): Promise<void> {
    const run = this.byKey.get(key);
    if (!run || run.session.finished)
      throw new UserError('That run has finished or is no longer watched.', 'watch_gone');
    if (run.record.userId !== i.user.id)
      throw new UserError('Only the person who started watching this run can stop it.', 'not_owner');
    run.session.stopRequested = true;
    await i.deferUpdate();
    this.ctx.logger.info({ token: run.record.id, run: run.key }, 'watch stop requested');
    this.schedule(run, true);
  }

  private runFor(record: TokenRecord, name: string): LiveRun {
    const id = `${record.id}\u0000${name}`;
    const had = this.runs.get(id);
    if (had && !had.session.finished) return had;
    if (had) this.drop(id, had);
    this.evict(record);
    const run: LiveRun = {
      key: randomBytes(6).toString('base64url'),
      record,
      session: new WatchSession(name),
      chain: Promise.resolve(),
      lastEdit: 0,
      chartAt: 0,
      finalPosted: false,
    };
    this.runs.set(id, run);
    this.byKey.set(run.key, run);
    return run;
  }

  /** keep within RUNS_PER_TOKEN / MAX_RUNS and forget idle runs */
  private evict(record: TokenRecord): void {
    const now = Date.now();
    const mine = [...this.runs.entries()].filter(([, r]) => r.record === record);
    const oldest = (xs: [string, LiveRun][]) =>
      xs.sort((a, b) => a[1].session.lastReportAt - b[1].session.lastReportAt)[0];
    if (mine.length >= RUNS_PER_TOKEN) this.drop(...oldest(mine));
    for (const [id, r] of this.runs) if (now - r.session.lastReportAt > IDLE_MS) this.drop(id, r);
    if (this.runs.size >= MAX_RUNS) this.drop(...oldest([...this.runs.entries()]));
  }

  private drop(id: string, r: LiveRun): void {
    clearTimeout(r.timer);
    this.runs.delete(id);
    this.byKey.delete(r.key);
  }

  private enqueue(run: LiveRun, op: () => Promise<void>): void {
    if (this.closed) return;
    run.chain = run.chain
      .then(() => (run.undeliverable ? undefined : op()))
      .catch((e: unknown) => {
        // no access to the channel (a user-installed app where the bot is not a member), or it is gone: stop trying
        const status = (e as { status?: number }).status;
        if (status === 403 || status === 404) run.undeliverable = true;
        this.ctx.logger.warn({ err: e, token: run.record.id, status }, 'watch message failed');
      });
  }

  /** an edit at most every PROGRESS_EDIT_MS (the first at once) */
  private schedule(run: LiveRun, now = false): void {
    if (run.timer) return;
    const wait = now ? 0 : Math.max(0, run.lastEdit + this.ctx.config.PROGRESS_EDIT_MS - Date.now());
    run.timer = setTimeout(() => {
      run.timer = undefined;
      run.lastEdit = Date.now();
      this.enqueue(run, () => this.show(run));
    }, wait);
    run.timer.unref?.();
  }

  private finish(run: LiveRun): void {
    clearTimeout(run.timer);
    run.timer = undefined;
    this.enqueue(run, async () => {
      await this.show(run, true);
      if (!run.finalPosted) {
        run.finalPosted = true;
        await this.postFinal(run);
      }
    });
  }

  /** post or edit the live message (with a fresh chart every CHART_EVERY epochs) */
  private async show(run: LiveRun, force = false): Promise<void> {
    const s = run.session;
    if (s.count >= 2 && (force || run.chartAt === 0 || s.count - run.chartAt >= CHART_EVERY)) {
      const png = await this.render(s.history());
      if (png) ((run.chart = png), (run.chartAt = s.count));
    }
    const v = liveView(s, run.key, { chart: !!run.chart, now: Date.now(), owner: run.record.userId });
    const body = this.body(v, false);
    // the chart is uploaded only when redrawn; other edits keep the message's attachment
    const fresh = run.chart && run.chartSent !== run.chartAt;
    const files = fresh ? [{ name: IMAGE_NAME, data: run.chart!, contentType: 'image/png' }] : [];
    const withFiles = fresh ? { ...body, attachments: [{ id: '0', filename: IMAGE_NAME }] } : body;
    const rest = this.rest();
    if (!run.messageId) {
      const m = (await rest.post(Routes.channelMessages(run.record.channelId), { body: withFiles, files })) as {
        id: string;
      };
      run.messageId = m.id;
      this.ctx.logger.info({ token: run.record.id, run: run.key, message: m.id }, 'watch message posted');
    } else await rest.patch(Routes.channelMessage(run.record.channelId, run.messageId), { body: withFiles, files });
    if (fresh) run.chartSent = run.chartAt;
  }

  private async postAlert(run: LiveRun, text: string): Promise<void> {
    if (!run.messageId) await this.show(run);
    await this.rest().post(Routes.channelMessages(run.record.channelId), {
      body: {
        content: clip(text, 2000),
        allowed_mentions: run.record.notify ? { parse: [], users: [run.record.userId] } : { parse: [] },
        ...(run.messageId ? { message_reference: { message_id: run.messageId, fail_if_not_exists: false } } : {}),
      },
    });
    this.ctx.logger.info({ token: run.record.id, run: run.key }, 'watch alert posted');
  }

  /** the end: the same answer /diagnose gives for these epochs */
  private async postFinal(run: LiveRun): Promise<void> {
    const { pool, config, store } = this.ctx;
    const r = await pool.run({
      kind: 'diagnose',
      input: { data: historyJson(run.session.history()), fileName: 'history.json' },
      options: { chart: { width: config.CHART_WIDTH, theme: config.CHART_THEME }, imageName: IMAGE_NAME },
    });
    if (!r.ok || r.kind !== 'diagnose') {
      await this.postAlert(run, `The run ended, but its epochs could not be diagnosed: ${r.ok ? r.kind : r.message}`);
      return;
    }
    const s = run.session;
    const v = diagnosisView(
      r.result,
      r.png,
      store,
      `watched run ${s.run} · ${s.count} epochs${s.stopRequested ? ' · stopped from Discord' : ''}`,
    );
    const files = (v.files ?? []).map((f) => ({ name: f.name, data: f.attachment, contentType: 'image/png' }));
    await this.rest().post(Routes.channelMessages(run.record.channelId), {
      body: {
        ...this.body(v, true),
        ...(run.messageId ? { message_reference: { message_id: run.messageId, fail_if_not_exists: false } } : {}),
        attachments: (v.files ?? []).map((f, i) => ({ id: String(i), filename: f.name, description: f.description })),
      },
      files,
    });
    this.ctx.logger.info({ token: run.record.id, run: run.key }, 'watch final diagnosis posted');
  }

  private body(v: View, _final: boolean) {
    return { content: v.content ?? '', embeds: v.embeds, components: v.components, allowed_mentions: { parse: [] } };
  }

  private async render(history: Record<string, number[]>): Promise<Buffer | undefined> {
    const { pool, config } = this.ctx;
    const r = await pool
      .run({
        kind: 'diagnose',
        input: { data: historyJson(history), fileName: 'history.json' },
        options: { chart: { width: config.CHART_WIDTH, theme: config.CHART_THEME }, imageName: IMAGE_NAME },
      })
      .catch(() => undefined);
    return r?.ok && r.kind === 'diagnose' ? Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength) : undefined;
  }

  private rest() {
    if (!this.client) throw new Error('watch: no Discord client');
    return this.client.rest;
  }
}
