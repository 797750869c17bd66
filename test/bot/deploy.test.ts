/** deploy-commands against the fake Discord: guild route with --guild, global otherwise. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { deploy, parseArgs } from '../../src/bot/deploy.js';
import { APP_ID, FAKE_TOKEN, startFakeDiscord, type FakeDiscord } from '../e2e/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.stop();
});

const env = () => ({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl });

test('--guild ID: bulk overwrite in that server, with the bot token', async () => {
  const out: string[] = [];
  expect(await deploy(['--guild', '123456789012345678'], env(), (s) => out.push(s))).toBe(16);
  const put = fake.requests.find((r) => r.method === 'PUT')!;
  expect(put.path).toBe(`/applications/${APP_ID}/guilds/123456789012345678/commands`);
  expect(put.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
  expect(put.json.map((c: any) => c.name).sort()).toEqual([
    'Diagnose training log',
    'best',
    'compare',
    'diagnose',
    'explain',
    'export',
    'forget',
    'help',
    'history',
    'paste',
    'settings',
    'show',
    'sweep',
    'train',
    'watch',
    'why',
  ]);
  expect(out.join('\n')).toMatch(/in server 123456789012345678/);
  expect(out.join('\n')).not.toContain(FAKE_TOKEN);
});

test('global without --guild', async () => {
  const out: string[] = [];
  await deploy([], env(), (s) => out.push(s));
  expect(fake.requests.filter((r) => r.method === 'PUT').at(-1)!.path).toBe(`/applications/${APP_ID}/commands`);
  expect(out.join('\n')).toMatch(/globally/);
});

test('--dry-run prints the JSON and needs no token', async () => {
  const out: string[] = [];
  await deploy(['--dry-run'], {}, (s) => out.push(s));
  const body = JSON.parse(out[0]);
  expect(body).toHaveLength(16);
  // team memory (issue 15): the commands are contracts
  for (const name of ['settings', 'history', 'show', 'best', 'forget', 'export'])
    expect(body.map((c: { name: string }) => c.name)).toContain(name);
});

test('bad arguments and missing env are explained', async () => {
  expect(() => parseArgs(['--guild', 'abc'])).toThrow(/numeric/);
  expect(() => parseArgs(['--global'])).toThrow(/usage/);
  await expect(deploy([], {})).rejects.toThrow(/DISCORD_TOKEN/);
});
