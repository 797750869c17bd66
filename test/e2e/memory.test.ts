/**
 * Team memory end to end (issue 15): the real bot and discord.js against the fake Discord, the real
 * store on SQLite in a throwaway folder (the harness's DATA_DIR). Consent first (nothing is kept
 * before it, only Manage Server may turn it on or wipe a server), then what is kept and how it is
 * used: /history with its page buttons, /show, /compare by ids, /best, autocomplete, /export, and the
 * controls: /forget run|me|server and the retention purge.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { triage } from '../../src/pipeline.js';
import { parseConfig } from '../../src/train/index.js';
import type { NewRun, Scope } from '../../src/memory/index.js';
import {
  callbackFor,
  componentProblems,
  decodePng,
  embedProblems,
  finalFor,
  startHarness,
  textsFor,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000' });
});
afterAll(async () => {
  await h?.close();
});

const EPHEMERAL = 64;
let seq = 0;
const snowflake = () => String(BigInt(Date.now() - 1420070400000) * 4194304n + BigInt(++seq));
const OVERFIT = { name: 'fixtures/demo/lstm-overfitting.csv' };
const MANAGER = '222222222222222222'; // the fake's default user: every permission
const MEMBER = '666666666666666666';
const OTHER_GUILD = '777777777777777777';
const MANAGE_GUILD = 1n << 5n;

/** a member of the default server with only these permissions (no Manage Server unless given) */
function as(userId: string, permissions = '0', guildId?: string) {
  const user = { id: userId, username: `u${userId.slice(-3)}`, discriminator: '0', global_name: null, avatar: null };
  return {
    partial: {
      member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, permissions, flags: 0 },
    },
    opts: { user, ...(guildId ? { guildId } : {}) },
  };
}

/** a chat-input command with subcommand / focused options given as raw option objects */
function raw(name: string, options: any[], extra: { partial?: any; opts?: any } = {}, type = 2) {
  return h.fake.interact(
    { type, data: { id: snowflake(), name, type: 1, options }, ...(extra.partial ?? {}) },
    extra.opts ?? {},
  );
}

async function final(token: string) {
  return finalFor(h.fake, token);
}

/** the text of an answer (ephemeral refusals come as a callback, deferred answers as the edit) */
async function answer(token: string): Promise<string> {
  await h.fake.waitFor(
    (r) =>
      r.token === token &&
      r.status < 300 &&
      ((r.route === '/webhooks/:app/:token/messages/:msg' && r.method === 'PATCH') ||
        (r.route === '/webhooks/:app/:token' && r.method === 'POST') ||
        (r.route === '/interactions/:id/:token/callback' && r.json?.type === 4)),
  );
  return textsFor(h.fake, token).join('\n');
}

const savedId = (content: string) => /saved as #([0-9a-f]+)/.exec(content)?.[1];

async function diagnose(where: { dm?: boolean; guildId?: string; user?: any } = {}, file = OVERFIT) {
  const { token } = h.fake.command('diagnose', { file }, where);
  return final(token);
}

const memory = () => h.bot.ctx.memory!;
const GUILD: Scope = { kind: 'guild', guildId: '333333333333333333' };

/** a run recorded straight into the store (for the tests that need many or old ones) */
function stored(scope: Scope, over: Partial<NewRun> = {}): NewRun {
  const r = triage(readFileSync(OVERFIT.name), {});
  return {
    scope,
    userId: MANAGER,
    channelId: null,
    source: 'upload',
    title: 'seeded.csv',
    log: r.log,
    diagnosis: r.diagnosis,
    ...over,
  };
}

describe('consent', () => {
  test('nothing is kept before history is on: no id in the reply, nothing in the store', async () => {
    const fin = await diagnose();
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.json.content).not.toMatch(/saved as/);
    expect((await memory().list({ scope: GUILD })).items).toHaveLength(0);
    const { token } = h.fake.command('history');
    expect(await answer(token)).toMatch(/No runs kept yet/);
  });

  test('a member without Manage Server cannot turn it on (refused privately), and it stays off', async () => {
    const m = as(MEMBER);
    const { token } = raw('settings', [{ name: 'history', type: 3, value: 'on' }], m);
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.json.data.content).toMatch(/Manage Server/);
    expect(await memory().getSettings(GUILD)).toBeUndefined();
  });

  test('the command declares Manage Server for Discord too', () => {
    const data = h.bot.commands.get('settings')!.data as any;
    expect(BigInt(data.default_member_permissions)).toBe(MANAGE_GUILD);
  });

  test('Manage Server turns it on; the reply says exactly what is kept and for how long', async () => {
    const { token } = raw(
      'settings',
      [
        { name: 'history', type: 3, value: 'on' },
        { name: 'retention-days', type: 4, value: 14 },
      ],
      as(MANAGER, String(MANAGE_GUILD)),
    );
    const fin = await final(token);
    const text = textsFor(h.fake, token).join('\n');
    expect(text).toMatch(/now \*\*on\*\*/);
    expect(text).toMatch(/14 days/);
    for (const kept of [
      /who ran it/,
      /server and channel/,
      /when/,
      /parsed series/,
      /not the file/,
      /verdict/,
      /evidence/,
      /training config/,
    ])
      expect(text).toMatch(kept);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect((await memory().getSettings(GUILD))?.retentionDays).toBe(14);
  });

  test("out-of-range retention is refused by Discord's own bounds and again by the bot", async () => {
    const { token } = raw('settings', [{ name: 'retention-days', type: 4, value: 366 }]);
    expect(await answer(token)).toMatch(/1 to 365/);
  });

  test('/help says what history keeps', async () => {
    const { token } = h.fake.command('help');
    const text = (await answer(token)) + textsFor(h.fake, token).join('\n');
    expect(text).toMatch(/parsed series/);
    expect(text).toMatch(/30 days by default/);
  });
});

describe('recording and using it', () => {
  let first: string;
  let second: string;

  test('a diagnosed upload is kept and its reply says the id', async () => {
    const fin = await diagnose();
    first = savedId(fin.json.content)!;
    expect(first).toMatch(/^[0-9a-f]{4,}$/);
    const run = await memory().get(GUILD, first);
    expect(run?.pattern).toBe('overfitting');
    expect(run?.title).toBe('lstm-overfitting.csv');
    expect(run?.channelId).toBe('444444444444444444');
    const log = triage(readFileSync('fixtures/patterns/underfitting-console.txt'), {});
    expect(log.diagnosis.pattern).toBe('underfitting');
    const { token } = h.fake.command('diagnose', {
      text: readFileSync('fixtures/patterns/underfitting-console.txt', 'utf8').slice(0, 5900),
    });
    second = savedId((await final(token)).json.content)!;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  test("a private answer and a log read from someone else's message are never kept", async () => {
    const before = (await memory().list({ scope: GUILD })).items.length;
    const priv = h.fake.command('diagnose', { file: OVERFIT, private: true });
    expect((await final(priv.token)).json.content ?? '').not.toMatch(/saved as/);
    // the fake's target message is a teammate's, not the invoker's
    const menu = h.fake.messageCommand('Diagnose training log', { attachments: [OVERFIT] });
    const fin = await final(menu.token);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.json.content).not.toMatch(/saved as/);
    expect((await memory().list({ scope: GUILD })).items).toHaveLength(before);
  });

  test('/history lists both, newest first, with who, verdict and best val_loss', async () => {
    const { token } = h.fake.command('history');
    const fin = await final(token);
    const d = fin.json.embeds[0].description as string;
    expect(d.indexOf(`#${second}`)).toBeGreaterThanOrEqual(0);
    expect(d.indexOf(`#${second}`)).toBeLessThan(d.indexOf(`#${first}`));
    expect(d).toMatch(/<@222222222222222222>/);
    expect(d).toMatch(/\*\*Overfitting\*\*/);
    expect(d).toMatch(/best val\\_loss \d/); // Markdown-escaped: Discord shows val_loss
    expect(fin.json.allowed_mentions).toEqual({ parse: [] });
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  test('/history pattern: filters; a bad since is a clear refusal', async () => {
    const { token } = h.fake.command('history', { pattern: 'underfitting' });
    const d = (await final(token)).json.embeds[0].description as string;
    expect(d).toContain(`#${second}`);
    expect(d).not.toContain(`#${first}`);
    const bad = h.fake.command('history', { since: 'last tuesday' });
    expect(await answer(bad.token)).toMatch(/`since` must be a span like 24h/);
  });

  test('/show re-renders the chart and the verdict from the stored series', async () => {
    const { token } = h.fake.command('show', { id: `#${first}` });
    const fin = await final(token);
    expect(fin.files[0].name).toBe('curve.png');
    expect((await decodePng(fin.files[0].data)).width).toBe(h.config.CHART_WIDTH);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.json.content).toContain(`#${first}`);
    expect(fin.json.content).toMatch(/read as keras-csv/);
    expect(componentProblems(fin.json.components)).toEqual([]);
  });

  test('/show of an id that is not here, and of garbage, answer clearly', async () => {
    const missing = h.fake.command('show', { id: '#ffffff' });
    expect(await answer(missing.token)).toMatch(/There is no run #ffffff in this server's history/);
    const junk = h.fake.command('show', { id: 'DROP TABLE' });
    expect(await answer(junk.token)).toMatch(/must be a run id like `#a3f9`/);
  });

  test('/compare by ids: overlay chart and both diagnoses', async () => {
    const { token } = h.fake.command('compare', { id_a: `#${first}`, id_b: second });
    const fin = await final(token);
    expect(fin.files[0].name).toBe('compare.png');
    const [e] = fin.json.embeds;
    expect(e.fields[0].value).toMatch(/Overfitting/);
    expect(e.fields[1].value).toMatch(/Underfitting/);
    expect(e.fields[2].name).toBe('What changed in the training config');
    expect(e.fields[2].value).toMatch(/Neither run was trained here/);
    expect(embedProblems(fin.json.embeds)).toEqual([]);
  });

  test('/compare still takes files, and a file against an id', async () => {
    const { token } = h.fake.command('compare', { a: OVERFIT, id_b: `#${second}` });
    const fin = await final(token);
    expect(fin.json.embeds[0].fields[1].value).toMatch(/Underfitting/);
    const none = h.fake.command('compare', { a: OVERFIT });
    expect(await answer(none.token)).toMatch(/Give the second run/);
  });

  test('/compare of two trained runs says what changed in the config', async () => {
    const base = parseConfig({});
    const faster = { ...base, optimizer: { ...base.optimizer, lr: base.optimizer.lr * 10 } };
    const a = await memory().record(
      stored(GUILD, { source: 'train', title: 'train a', config: base as any, backend: 'wasm' }),
    );
    const b = await memory().record(
      stored(GUILD, { source: 'train', title: 'train b', config: faster as any, backend: 'wasm' }),
    );
    const { token } = h.fake.command('compare', { id_a: a.id, id_b: b.id });
    const v = (await final(token)).json.embeds[0].fields[2].value as string;
    expect(v).toMatch(/optimizer\.lr/);
    expect(v).toContain(String(base.optimizer.lr * 10));
  });

  test('autocomplete answers the ids of this server, starting with what was typed', async () => {
    const { token } = raw('show', [{ name: 'id', type: 3, value: first.slice(0, 2), focused: true }], {}, 4);
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(8);
    const values = cb.json.data.choices.map((c: any) => c.value);
    expect(values).toContain(first);
    expect(cb.json.data.choices.every((c: any) => c.name.length <= 100)).toBe(true);
    // another server sees none of them
    const other = raw(
      'compare',
      [{ name: 'id_a', type: 3, value: '', focused: true }],
      { opts: { guildId: OTHER_GUILD } },
      4,
    );
    expect((await callbackFor(h.fake, other.token)).json.data.choices).toEqual([]);
  });

  test('/best ranks the trained runs and draws the trend chart', async () => {
    const { token } = h.fake.command('best');
    const fin = await final(token);
    expect(fin.files[0].name).toBe('trend.png');
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    const d = fin.json.embeds[0].description as string;
    expect(d).toMatch(/^1\. `#[0-9a-f]+` \*\*/);
    expect(d).toMatch(/train a|train b/);
    expect(d).not.toMatch(/lstm-overfitting/); // uploads are not training runs
  });

  test('/export: the runs as CSV and JSON attachments', async () => {
    const { token } = h.fake.command('export');
    const fin = await final(token);
    const names = fin.files.map((f) => f.name).sort();
    expect(names).toEqual([`history-${MANAGER}.csv`, `history-${MANAGER}.json`]);
    const csv = fin.files
      .find((f) => f.name.endsWith('.csv'))!
      .data.toString('utf8')
      .trim()
      .split('\r\n');
    const json = JSON.parse(fin.files.find((f) => f.name.endsWith('.json'))!.data.toString('utf8'));
    expect(csv[0]).toMatch(/^id,guild_id,/);
    expect(csv).toHaveLength(json.length + 1);
    expect(json.map((r: any) => r.id)).toContain(first);
    expect(json.find((r: any) => r.id === first).series.length).toBeGreaterThan(0);
  });
});

describe('pagination', () => {
  test('Older and Newer buttons page through the history and keep working', async () => {
    const scope: Scope = { kind: 'guild', guildId: OTHER_GUILD };
    await memory().setSettings(scope, { enabled: true, by: MANAGER });
    const ids: string[] = [];
    for (let k = 0; k < 5; k++)
      ids.push(
        (await memory().record(stored(scope, { createdAt: Date.now() - (5 - k) * 60_000, title: `run ${k}` }))).id,
      );
    const newest = [...ids].reverse();
    const where = { guildId: OTHER_GUILD };
    const { token } = h.fake.command('history', { limit: 2 }, where);
    const p1 = await final(token);
    const page = (m: any) => [...(m.embeds[0].description as string).matchAll(/`#([0-9a-f]+)`/g)].map((x) => x[1]);
    expect(page(p1.json)).toEqual(newest.slice(0, 2));
    const buttons = () => (msg: any) => msg.components[0].components;
    const [newer1, older1] = buttons()(p1.json);
    expect(newer1.disabled).toBe(true);
    expect(older1.disabled).toBe(false);
    const c2 = h.fake.component(older1.custom_id, 2, [], { ...where, ephemeralMessage: true });
    const p2 = await callbackFor(h.fake, c2.token);
    expect(p2.json.type).toBe(7); // UPDATE_MESSAGE
    expect(page(p2.json.data)).toEqual(newest.slice(2, 4));
    const older2 = buttons()(p2.json.data)[1];
    const c3 = h.fake.component(older2.custom_id, 2, [], { ...where, ephemeralMessage: true });
    const p3 = await callbackFor(h.fake, c3.token);
    expect(page(p3.json.data)).toEqual(newest.slice(4));
    expect(buttons()(p3.json.data)[1].disabled).toBe(true);
    const back = h.fake.component(buttons()(p3.json.data)[0].custom_id, 2, [], { ...where, ephemeralMessage: true });
    expect(page((await callbackFor(h.fake, back.token)).json.data)).toEqual(newest.slice(2, 4));
    expect(componentProblems(p2.json.data.components)).toEqual([]);
  });
});

describe('DMs', () => {
  test('each user turns it on for themselves; DM runs stay out of the server', async () => {
    const dmUser = { id: '888888888888888888', username: 'solo' };
    const before = await diagnose({ dm: true, user: dmUser });
    expect(before.json.content).not.toMatch(/saved as/);
    const on = h.fake.command('settings', { history: 'on' }, { dm: true, user: dmUser });
    await final(on.token);
    expect(textsFor(h.fake, on.token).join('\n')).toMatch(/your DMs/);
    const fin = await diagnose({ dm: true, user: dmUser });
    const id = savedId(fin.json.content)!;
    expect(id).toBeDefined();
    const list = h.fake.command('history', {}, { dm: true, user: dmUser });
    expect((await final(list.token)).json.embeds[0].description).toContain(`#${id}`);
    // the default DM user has not opted in: nothing of theirs
    expect((await memory().list({ scope: { kind: 'dm', userId: dmUser.id } })).items.map((r) => r.id)).toEqual([id]);
    const server = h.fake.command('show', { id });
    expect(await answer(server.token)).toMatch(/There is no run/);
  });
});

describe('forgetting', () => {
  test("/forget run: not someone else's without Manage Server; your own, yes", async () => {
    const theirs = await memory().record(stored(GUILD, { userId: MANAGER, title: 'theirs' }));
    const mine = await memory().record(stored(GUILD, { userId: MEMBER, title: 'mine' }));
    const m = as(MEMBER);
    const refused = raw('forget', [{ name: 'run', type: 1, options: [{ name: 'id', type: 3, value: theirs.id }] }], m);
    expect(await answer(refused.token)).toMatch(/someone else's run/);
    expect(await memory().get(GUILD, theirs.id)).toBeDefined();
    const ok = raw(
      'forget',
      [{ name: 'run', type: 1, options: [{ name: 'id', type: 3, value: `#${mine.id}` }] }],
      as(MEMBER),
    );
    expect(await answer(ok.token)).toMatch(new RegExp(`Deleted #${mine.id}`));
    expect(await memory().get(GUILD, mine.id)).toBeUndefined();
    // a manager may delete anyone's
    const mgr = raw('forget', [{ name: 'run', type: 1, options: [{ name: 'id', type: 3, value: theirs.id }] }]);
    expect(await answer(mgr.token)).toMatch(/Deleted/);
    expect(await memory().get(GUILD, theirs.id)).toBeUndefined();
  });

  test('/forget server: refused without Manage Server', async () => {
    const before = (await memory().list({ scope: GUILD, limit: 100 })).items.length;
    expect(before).toBeGreaterThan(0);
    const { token } = raw('forget', [{ name: 'server', type: 1 }], as(MEMBER));
    expect(await answer(token)).toMatch(/Manage Server/);
    expect((await memory().list({ scope: GUILD, limit: 100 })).items.length).toBe(before);
    const exp = raw('export', [{ name: 'what', type: 3, value: 'server' }], as(MEMBER));
    expect(await answer(exp.token)).toMatch(/Manage Server/);
  });

  test("/forget me removes my runs everywhere (servers and DMs), and nobody else's", async () => {
    const me = '999999999999999999';
    const user = { id: me, username: 'leaver' };
    const other = await memory().record(stored(GUILD, { userId: MANAGER, title: 'stays' }));
    await memory().record(stored(GUILD, { userId: me, title: 'in server' }));
    await memory().record(stored({ kind: 'guild', guildId: OTHER_GUILD }, { userId: me, title: 'elsewhere' }));
    await memory().setSettings({ kind: 'dm', userId: me }, { enabled: true, by: me });
    await memory().record(stored({ kind: 'dm', userId: me }, { userId: me, title: 'in dm' }));
    const { token } = raw('forget', [{ name: 'me', type: 1 }], as(me, '0'));
    expect(await answer(token)).toMatch(/Deleted 3 runs of yours/);
    const exported = await memory().exportRuns({ userId: me });
    expect(exported).toEqual([]);
    expect(await memory().get(GUILD, other.id)).toBeDefined();
    const dm = h.fake.command('history', {}, { dm: true, user });
    expect((await final(dm.token)).json.embeds[0].description).toMatch(/No runs kept yet/);
  });

  test('retention: runs older than the server keeps are purged by the scheduled purge', async () => {
    // this server keeps 14 days (set above)
    const old = await memory().record(stored(GUILD, { title: 'old', createdAt: Date.now() - 20 * 86_400_000 }));
    const fresh = await memory().record(stored(GUILD, { title: 'fresh' }));
    expect(await h.bot.ctx.purge!.tick()).toBeGreaterThanOrEqual(1);
    expect(await memory().get(GUILD, old.id)).toBeUndefined();
    expect(await memory().get(GUILD, fresh.id)).toBeDefined();
    const { token } = h.fake.command('history', { limit: 25 });
    const d = (await final(token)).json.embeds[0].description as string;
    expect(d).toContain(`#${fresh.id}`);
    expect(d).not.toContain(`#${old.id}`);
  });

  test('/forget server with Manage Server deletes every run of the server, and only of it', async () => {
    const elsewhere = (await memory().list({ scope: { kind: 'guild', guildId: OTHER_GUILD } })).items.length;
    const { token } = raw('forget', [{ name: 'server', type: 1 }]);
    expect(await answer(token)).toMatch(/Deleted \d+ runs? this server kept/);
    expect((await memory().list({ scope: GUILD })).items).toEqual([]);
    expect((await memory().list({ scope: { kind: 'guild', guildId: OTHER_GUILD } })).items.length).toBe(elsewhere);
  });
});

test("the bot sent nothing that breaks Discord's contract", () => {
  expect(h.fake.violations).toEqual([]);
});
