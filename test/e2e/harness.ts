/** Starts a fake Discord and the real bot against it; collects the bot's log lines for assertions. */
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig, type Config } from '../../src/bot/config.js';
import { createLogger } from '../../src/bot/logger.js';
import { createBot, type Bot } from '../../src/bot/bot.js';
import type { Command } from '../../src/bot/command.js';
import type { WorkPool } from '../../src/bot/work/pool.js';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord, type Recorded } from './fake-discord.js';

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  config: Config;
  logs: string[];
  close(): Promise<void>;
}

export async function startHarness(
  env: Record<string, string> = {},
  options: Parameters<typeof createBot>[2] = {},
  /** set the fake up before the bot connects (e.g. its recommended shard count) */
  prepare?: (fake: FakeDiscord) => void,
): Promise<Harness> {
  const fake = await startFakeDiscord();
  prepare?.(fake);
  // team memory: a throwaway SQLite folder per bot unless the test chose a store
  const dataDir = env.DATA_DIR || env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'ct-memory-'));
  const config = loadConfig({
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    ATTACHMENT_HOSTS: '127.0.0.1',
    LOG_LEVEL: 'debug',
    WORKERS: '2',
    SHUTDOWN_GRACE_MS: '5000',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, [config.DISCORD_TOKEN], sink);
  const bot = await createBot(config, logger, options);
  await bot.start();
  return {
    fake,
    bot,
    config,
    logs,
    /** stop both; fails if the bot sent anything that breaks Discord's contract (fake.violations) */
    async close() {
      await bot.stop('test end');
      await fake.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The final answer for an interaction: the webhook edit of @original (or the callback when replied directly). */
export async function finalFor(fake: FakeDiscord, token: string, timeoutMs = 20_000): Promise<Recorded> {
  return fake.waitFor(
    (r) =>
      r.token === token && r.method === 'PATCH' && r.route === '/webhooks/:app/:token/messages/:msg' && r.status < 300,
    timeoutMs,
  );
}

export async function callbackFor(fake: FakeDiscord, token: string, timeoutMs = 10_000): Promise<Recorded> {
  return fake.waitFor(
    (r) => r.token === token && r.route === '/interactions/:id/:token/callback' && r.status < 300,
    timeoutMs,
  );
}

/** A user-visible text, wherever it went (callback data, edit, follow-up). */
export function textsFor(fake: FakeDiscord, token: string): string[] {
  return fake.forToken(token).flatMap((r) => {
    const j = r.json?.data ?? r.json ?? {};
    return [
      j.content,
      ...(j.embeds ?? []).flatMap((e: any) => [
        e.title,
        e.description,
        ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
      ]),
    ].filter((x): x is string => typeof x === 'string' && x.length > 0);
  });
}

/** Poll until `cond` holds (for a child process's log line). */
export async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function decodePng(data: Buffer): Promise<{ width: number; height: number; format: string }> {
  const m = await sharp(data).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0, format: m.format ?? '' };
}

/** Discord's embed limits (api-docs resources/message.mdx). */
export function embedProblems(embeds: any[]): string[] {
  const p: string[] = [];
  if (embeds.length > 10) p.push('more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    const len = (s?: string) => (s ?? '').length;
    if (len(e.title) > 256) p.push('title > 256');
    if (len(e.description) > 4096) p.push('description > 4096');
    if ((e.fields ?? []).length > 25) p.push('> 25 fields');
    for (const f of e.fields ?? []) {
      if (len(f.name) > 256) p.push('field name > 256');
      if (len(f.value) > 1024) p.push('field value > 1024');
      if (len(f.name) === 0 || len(f.value) === 0) p.push('empty field');
    }
    if (len(e.footer?.text) > 2048) p.push('footer > 2048');
    if (len(e.author?.name) > 256) p.push('author > 256');
    total +=
      len(e.title) +
      len(e.description) +
      len(e.footer?.text) +
      len(e.author?.name) +
      (e.fields ?? []).reduce((a: number, f: any) => a + len(f.name) + len(f.value), 0);
  }
  if (total > 6000) p.push(`embeds total ${total} > 6000`);
  return p;
}

/** Component limits: 5 rows, 5 buttons or 1 select per row, custom_id <= 100, labels <= 80, options <= 25. */
export function componentProblems(rows: any[]): string[] {
  const p: string[] = [];
  if (rows.length > 5) p.push('> 5 rows');
  for (const r of rows) {
    if (r.type !== 1) p.push('top-level component is not an action row');
    const cs = r.components ?? [];
    if (cs.length === 0 || cs.length > 5) p.push('row with 0 or > 5 components');
    if (cs.some((c: any) => c.type === 3) && cs.length > 1) p.push('select shares a row');
    for (const c of cs) {
      if (c.custom_id && c.custom_id.length > 100) p.push('custom_id > 100');
      if (c.label && c.label.length > 80) p.push('label > 80');
      if (c.type === 3) {
        if (!c.options?.length || c.options.length > 25) p.push('select options 0 or > 25');
        for (const o of c.options ?? [])
          if (o.label.length > 100 || (o.description ?? '').length > 100 || o.value.length > 100)
            p.push('select option too long');
      }
    }
  }
  return p;
}

/** The custom ids of a message's component rows. */
export const componentIds = (rows: any[] = []): string[] =>
  rows.flatMap((r: any) => r.components.map((c: any) => c.custom_id as string));

/** A training reply's final edit: an edit of the original without a Cancel button (progress edits carry one). */
export const isTrainingFinal =
  (token: string) =>
  (r: Recorded): boolean =>
    r.token === token &&
    r.method === 'PATCH' &&
    r.route === '/webhooks/:app/:token/messages/:msg' &&
    r.status < 300 &&
    !componentIds(r.json?.components).some((id) => id.endsWith('|cancel'));
