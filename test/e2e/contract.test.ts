/**
 * The fake Discord enforces Discord's own contract (discord-contract.ts): the spec is pinned, every
 * route the bot uses is in it, the validator refuses what Discord refuses with Discord's error shape,
 * deploy-commands' output fits the registration route, and a bot request that breaks the contract
 * gets the 400 and is handled like any other failure (logged with context, the user told).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { loadCommands } from '../../src/bot/loader.js';
import { startHarness, type Harness } from './harness.js';
import { contractCommands, LONG_LABEL, TOO_MANY_FIELDS } from './contract-commands.js';
import { BOT_ROUTES, discordContract } from './discord-contract.js';
import { APP_ID, FAKE_TOKEN } from './fake-discord.js';

const ROOT = new URL('../../', import.meta.url);
const EPHEMERAL = 64;
/** discord/discord-api-spec at commit 74fda0fad044407ea280043a03ffc9bc64c4e49e (test/e2e/discord-api/README.md) */
const PINNED = {
  openapi: '3.1.0',
  version: '10',
  sha256: '8c1d0707ccdf8e380a86dfba04058820a66435c1b69d5ed82e04dd8c0520dd73',
};
const SHARED_COPY = new URL('../shared/discord-api/openapi.json', ROOT);
const contract = discordContract();

describe("Discord's spec", () => {
  test('is the pinned version (a new spec is a reviewed change, not a silent one)', () => {
    expect(contract.spec.openapi).toBe(PINNED.openapi);
    expect(contract.spec.info.version).toBe(PINNED.version);
    expect(contract.sha256).toBe(PINNED.sha256);
  });

  test.skipIf(!existsSync(SHARED_COPY))('the vendored copy is the shared one, unchanged', () => {
    expect(createHash('sha256').update(readFileSync(SHARED_COPY)).digest('hex')).toBe(PINNED.sha256);
  });

  test('has every route the bot uses, with a JSON body where the bot sends one', () => {
    const missing = BOT_ROUTES.filter((r) => !contract.has(r.method, r.path, r.body)).map(
      (r) => `${r.method.toUpperCase()} ${r.path}${r.body ? ' (with a JSON body)' : ''}`,
    );
    expect(missing, `routes the bot uses that Discord's spec lacks: ${missing.join(', ')}`).toEqual([]);
  });

  test('request paths map to their templates, a literal segment before a parameter', () => {
    expect(contract.template('/webhooks/1/tok/messages/@original')).toBe(
      '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
    );
    expect(contract.template('/webhooks/1/tok/messages/99')).toBe(
      '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}',
    );
    expect(contract.template('/interactions/1/tok/callback')).toBe(
      '/interactions/{interaction_id}/{interaction_token}/callback',
    );
    expect(contract.check('POST', '/no/such/route', {})).toMatchObject({ ok: false, kind: 'route' });
  });
});

const row = (...components: object[]) => ({ type: 1, components });
const button = (label: string) => ({ type: 2, style: 1, custom_id: 'ct|k|op', label });
const select = (n: number) => ({
  type: 3,
  custom_id: 'ct|k|code',
  options: Array.from({ length: n }, (_, k) => ({ label: `option ${k}`, value: String(k) })),
});
const command = (description: string) => ({
  name: 'x',
  description: 'a command',
  options: [{ type: 3, name: 'text', description }],
});

describe('the validator refuses what Discord refuses', () => {
  test('valid bodies pass: a reply, a defer, an edit with a full select, a registration', () => {
    const ok = (method: string, path: string, body: unknown, multipart = false) =>
      expect(contract.check(method, path, body, multipart)).toMatchObject({ ok: true });
    ok('POST', '/interactions/1/tok/callback', { type: 4, data: { content: 'hi', flags: EPHEMERAL } });
    ok('POST', '/interactions/1/tok/callback', { type: 5, data: { flags: EPHEMERAL } });
    ok('PATCH', '/webhooks/1/tok/messages/@original', { embeds: [{ fields: TOO_MANY_FIELDS.slice(0, 25) }] });
    ok('POST', '/webhooks/1/tok', { content: 'x', components: [row(select(25)), row(button('L'.repeat(80)))] }, true);
    ok('PUT', `/applications/${APP_ID}/commands`, [command('d'.repeat(100))]);
  });

  test("26 embed fields: 400 in Discord's shape, nested by the body's path", () => {
    const v = contract.check('POST', '/interactions/1/tok/callback', {
      type: 4,
      data: { embeds: [{ title: 't', fields: TOO_MANY_FIELDS }] },
    });
    expect(v).toMatchObject({ ok: false, kind: 'body' });
    expect(v.ok === false && v.kind === 'body' && v.error).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        data: {
          embeds: {
            0: { fields: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } },
          },
        },
      },
    });
  });

  test.each([
    [
      'a 101-character option description',
      'PUT',
      `/applications/${APP_ID}/commands`,
      [command('d'.repeat(101))],
      '0.options.0.description: BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a select menu with 26 options',
      'PATCH',
      '/webhooks/1/tok/messages/@original',
      { components: [row(select(26))] },
      'components.0.components.0.options: BASE_TYPE_MAX_LENGTH',
    ],
    [
      'an 81-character button label',
      'POST',
      '/webhooks/1/tok',
      { components: [row(button(LONG_LABEL))] },
      'components.0.components.0.label: BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a 4001-character channel message (the spec allows 4000 there)',
      'POST',
      `/channels/1/messages`,
      { content: 'x'.repeat(4001) },
      'content: BASE_TYPE_MAX_LENGTH',
    ],
    [
      'a callback type Discord does not have',
      'POST',
      '/interactions/1/tok/callback',
      { type: 99 },
      'type: BASE_TYPE_CHOICES',
    ],
  ])('%s', (_what, method, path, body, problem) => {
    const v = contract.check(method, path, body);
    // only the branch the body's `type` picks is reported, not every other branch of Discord's unions
    expect(v.ok === false && v.problems).toEqual([expect.stringContaining(problem)]);
  });

  test('multipart requests: the payload_json part is what is validated', () => {
    const v = contract.check(
      'PATCH',
      '/webhooks/1/tok/messages/@original',
      { embeds: [{ fields: TOO_MANY_FIELDS }] },
      true,
    );
    expect(v.ok === false && v.problems).toEqual([expect.stringContaining('embeds.0.fields: BASE_TYPE_MAX_LENGTH')]);
  });
});

test('deploy-commands --dry-run prints a valid PUT /applications/{application_id}/commands body', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/deploy-commands.ts', '--dry-run'],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
  );
  const body = JSON.parse(stdout);
  expect(body).toHaveLength((await loadCommands()).size);
  const v = contract.check('PUT', `/applications/${APP_ID}/commands`, body);
  expect(v.ok ? [] : v.problems).toEqual([]);
  // and the guild route, the one `--guild ID` uses
  expect(contract.check('PUT', `/applications/${APP_ID}/guilds/123456789012345678/commands`, body).ok).toBe(true);
});

describe('the bot sends a body that breaks the contract', () => {
  let h: Harness;
  beforeAll(async () => {
    const commands = await loadCommands();
    for (const c of contractCommands) commands.set(c.data.name, c);
    h = await startHarness({}, { commands });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** the bot's log lines for this interaction, and the only contract violations (then cleared) */
  const takeViolations = () =>
    h.fake.violations.splice(0).map((v) => `${v.method} ${v.route}: ${v.problems.join('; ')}`);

  test('an edit with 26 embed fields: 400, logged with the route, code and path, the user told privately', async () => {
    const { id, token } = h.fake.command('contract-fields');
    const notice = await h.fake.waitFor(
      (r) => r.token === token && r.method === 'POST' && r.route === '/webhooks/:app/:token',
    );
    const refused = h.fake.forToken(token).find((r) => r.method === 'PATCH')!;
    expect(refused.status).toBe(400);
    expect(takeViolations()).toEqual([
      'PATCH /webhooks/:app/:token/messages/:msg: embeds.0.fields: BASE_TYPE_MAX_LENGTH Must be 25 or fewer in length.',
    ]);
    // the public "thinking…" is removed and the apology is private, and itself valid
    expect(h.fake.forToken(token).some((r) => r.method === 'DELETE' && r.status === 204)).toBe(true);
    expect(notice.status).toBe(200);
    expect(notice.json.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(notice.json.content).toMatch(/went wrong on my side .*\(ref `[0-9a-f]{8}`\)/);
    const line = JSON.parse(h.logs.find((l) => l.includes(id) && l.includes('handler failed'))!);
    expect(line).toMatchObject({
      level: 'error',
      name: 'contract-fields',
      err: { code: 50035, status: 400, method: 'PATCH' },
    });
    expect(line.err.message).toContain('embeds[0].fields[BASE_TYPE_MAX_LENGTH]');
    expect(line.err.url).toMatch(/\/webhooks\/\d+\/\[token\]\/messages\/%40original$/);
    expect(h.logs.join('\n')).not.toContain(token);
  });

  test('a reply with an 81-character button label: the callback is refused, the apology is a new callback', async () => {
    const { id, token } = h.fake.command('contract-label');
    const notice = await h.fake.waitFor(
      (r) => r.token === token && r.route === '/interactions/:id/:token/callback' && r.status < 300,
    );
    expect(takeViolations()).toEqual([
      expect.stringMatching(
        /^POST \/interactions\/:id\/:token\/callback: data\.components\.0\.components\.0\.label: BASE_TYPE_MAX_LENGTH Must be 80/,
      ),
    ]);
    expect(notice.json).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(notice.json.data.content).toMatch(/ref `[0-9a-f]{8}`/);
    const line = JSON.parse(h.logs.find((l) => l.includes(id) && l.includes('handler failed'))!);
    expect(line.err).toMatchObject({ code: 50035, status: 400, method: 'POST' });
    expect(line.err.url).toContain('/interactions/');
    expect(h.logs.join('\n')).not.toContain(token);
  });

  test("discord.js reads the fake's 400 as Discord's (a registration with a 101-character description)", async () => {
    const rest = new REST({ api: h.fake.apiUrl }).setToken(FAKE_TOKEN);
    const err = await rest
      .put(Routes.applicationCommands(APP_ID), { body: [command('d'.repeat(101))] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(50035);
    expect((err as DiscordAPIError).message).toContain('0.options[0].description[BASE_TYPE_MAX_LENGTH]');
    expect(takeViolations()).toHaveLength(1);
  });
});
