/**
 * What must not take the bot down: oversized and wrong files, a stalled download, a handler that
 * throws, a dropped gateway connection, a 429 on the webhook edit, rate limits, shutdown mid-request.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { ChatInputCommandInteraction } from 'discord.js';
import { loadCommands } from '../../src/bot/loader.js';
import type { Command } from '../../src/bot/command.js';
import { startHarness, finalFor, callbackFor, textsFor, type Harness } from './harness.js';

const EPHEMERAL = 64;
const DEMO = { name: 'fixtures/demo/lstm-overfitting.csv' };
let n = 0;
/** a fresh user per test, so the per-user rate limit only bites where we test it */
const fresh = () => ({ user: { id: String(800000000000000000n + BigInt(++n)) } });

let h: Harness;
beforeAll(async () => {
  const commands = await loadCommands();
  commands.set('boom', {
    data: { name: 'boom', description: 'throws' },
    async execute() {
      throw new Error(`kaboom with secret ${'M'.repeat(24)}.AAAAAA.${'b'.repeat(30)} at /srv/app.js:1:1`);
    },
  } satisfies Command<ChatInputCommandInteraction>);
  commands.set('boom-late', {
    data: { name: 'boom-late', description: 'throws after deferring' },
    async execute(i: ChatInputCommandInteraction) {
      await i.deferReply();
      throw new TypeError('Cannot read properties of undefined');
    },
  } satisfies Command<ChatInputCommandInteraction>);
  h = await startHarness(
    // the download limit is short enough for the stalled-download test to be quick, long enough that a
    // 9 MiB local transfer reaches the size cap before it even on a loaded machine
    { DOWNLOAD_TIMEOUT_MS: '4000', RATE_USER: '3', RATE_USER_WINDOW_S: '60', RATE_GUILD: '1000' },
    { commands },
  );
});
afterAll(async () => {
  await h?.close();
});

/** the private message a refused request ends with (callback, or follow-up after a deleted public defer) */
async function privateNotice(token: string): Promise<string> {
  const r = await h.fake.waitFor(
    (r) =>
      r.token === token &&
      r.status < 300 &&
      ((r.route === '/interactions/:id/:token/callback' && r.json?.type === 4) ||
        (r.method === 'POST' && r.route === '/webhooks/:app/:token')),
  );
  const data = r.json?.data ?? r.json;
  expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return data.content as string;
}

describe('attachments', () => {
  test('declared size over our cap: refused privately, never downloaded', async () => {
    const hits = h.fake.attachmentHits;
    const { token } = h.fake.command('diagnose', { file: { ...DEMO, size: 50 * 1024 * 1024 } }, fresh());
    expect(await privateNotice(token)).toMatch(/50\.0 MiB; the limit is 8\.0 MiB/);
    expect(h.fake.attachmentHits).toBe(hits);
  });

  test("over the interaction's own attachment_size_limit", async () => {
    const { token } = h.fake.command(
      'diagnose',
      { file: { ...DEMO, size: 3 * 1024 * 1024 } },
      { ...fresh(), attachmentSizeLimit: 1024 * 1024 },
    );
    expect(await privateNotice(token)).toMatch(/limit is 1\.0 MiB/);
  });

  test('an image by name/type: refused before download', async () => {
    const hits = h.fake.attachmentHits;
    const { token } = h.fake.command(
      'diagnose',
      { file: { name: 'curves.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' } },
      fresh(),
    );
    expect(await privateNotice(token)).toMatch(/doesn't look like a training log/);
    expect(h.fake.attachmentHits).toBe(hits);
  });

  test('a photo renamed to .csv: sniffed after download, refused privately', async () => {
    const { token } = h.fake.command('diagnose', { file: { name: 'fixtures/bad/photo-renamed.csv' } }, fresh());
    const text = await privateNotice(token);
    expect(text).toMatch(/image|binary|not a training log/i);
  });

  test('a TensorBoard event file gets the export hint', async () => {
    const { token } = h.fake.command(
      'diagnose',
      { file: { name: 'events.out.tfevents.1700000000.host', data: readFileSync('fixtures/bad/tfevents.bin') } },
      fresh(),
    );
    expect(await privateNotice(token)).toMatch(/TensorBoard/);
  });

  test('a stalled download times out with a clear message', async () => {
    const t0 = Date.now();
    const { token } = h.fake.command('diagnose', { file: { ...DEMO, mode: 'slow' } }, fresh());
    expect(await privateNotice(token)).toMatch(/took longer than/);
    expect(Date.now() - t0).toBeLessThan(20_000); // answered by the timeout, not left hanging
  });

  test('a file that sends more than it declared is cut at the cap', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 'a');
    const { token } = h.fake.command(
      'diagnose',
      { file: { name: 'big.log', data: big, size: 1000, mode: 'lie' } },
      fresh(),
    );
    expect(await privateNotice(token)).toMatch(/larger than 8\.0 MiB/);
  });
});

describe('strange inputs never take the bot down', () => {
  test('random bytes, random text, deep JSON, long lines, every bad fixture: each gets an answer', async () => {
    const inputs: { name: string; data: Buffer }[] = [
      { name: 'deep.json', data: Buffer.from('['.repeat(50_000) + ']'.repeat(50_000)) },
      { name: 'long.log', data: Buffer.from('loss: 0.5 '.repeat(200_000)) },
      { name: 'nul.csv', data: Buffer.from('epoch,loss\n1,0.5\n\u0000') },
      {
        name: 'utf16.csv',
        data: Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('epoch,loss,val_loss\n1,0.9,0.95\n2,0.8,0.9\n3,0.7,0.88\n4,0.6,0.9\n5,0.5,0.95\n', 'utf16le'),
        ]),
      },
      { name: 'nan.json', data: Buffer.from('{"loss":[NaN,Infinity,-Infinity],"val_loss":[1e309,-0,1e-320]}') },
      {
        name: 'proto.json',
        data: Buffer.from('{"__proto__":{"loss":[1,2,3]},"constructor":{"prototype":{"x":1}},"loss":[3,2,1]}'),
      },
    ];
    for (const f of [
      'all-na.csv',
      'all-nan.csv',
      'empty-history.json',
      'header-only.csv',
      'hf-empty-log-history.json',
      'no-header-numbers.csv',
      'one-row.csv',
      'proto-keys-repr.txt',
      'proto-keys.json',
      'proto-only.json',
      'screenshot-renamed.log',
      'whitespace.txt',
      'garbage.bin',
    ])
      inputs.push({ name: f, data: readFileSync(`fixtures/bad/${f}`) });
    const rnd = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.string({ minLength: 1, maxLength: 2000 }).map((s) => new TextEncoder().encode(s)),
      ),
      { numRuns: 20, seed: 42 },
    );
    rnd.forEach((b, i) => inputs.push({ name: `random-${i}.txt`, data: Buffer.from(b) }));
    const tokens = inputs.map((f) => ({ f: f.name, token: h.fake.command('diagnose', { file: f }, fresh()).token }));
    for (const { f, token } of tokens) {
      // either the answer (a strange but valid log) or a private notice, and never the generic "something went wrong"
      const r = await h.fake.waitFor(
        (r) =>
          r.token === token &&
          r.status < 300 &&
          ((r.method === 'PATCH' && r.files.length > 0) ||
            (r.method === 'POST' && r.route === '/webhooks/:app/:token') ||
            (r.route.endsWith('/callback') && r.json?.type === 4)),
        30_000,
      );
      const text = (r.json?.data ?? r.json).content ?? '';
      expect(text, f).not.toMatch(/Something went wrong/);
    }
    const { token } = h.fake.command('diagnose', { file: DEMO }, fresh());
    expect((await finalFor(h.fake, token)).json.embeds[0].title).toMatch(/^Overfitting/);
  }, 120_000);
});

describe('handlers that throw', () => {
  test('before responding: a generic private message with a ref; logged with context, secrets scrubbed', async () => {
    const { token, id } = h.fake.command('boom', {}, fresh());
    const text = await privateNotice(token);
    expect(text).toMatch(/Something went wrong on my side.*ref `[0-9a-f]{8}`/);
    expect(text).not.toMatch(/kaboom|app\.js/);
    const ref = /ref `([0-9a-f]{8})`/.exec(text)![1];
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.ref === ref);
    expect(line).toMatchObject({ level: 'error', interaction: id, name: 'boom', msg: 'handler failed' });
    expect(JSON.stringify(line)).not.toMatch(/M{24}\.AAAAAA/);
  });

  test('after deferring publicly: the thinking message is replaced by a private one', async () => {
    const { token } = h.fake.command('boom-late', {}, fresh());
    expect(await privateNotice(token)).toMatch(/Something went wrong/);
    expect(h.fake.forToken(token).some((r) => r.method === 'DELETE')).toBe(true);
  });

  test('the bot keeps answering afterwards', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO }, fresh());
    expect((await finalFor(h.fake, token)).json.embeds[0].title).toMatch(/^Overfitting/);
  });
});

describe('Discord faults', () => {
  test('429 on the webhook edit: retried after retry_after, the answer arrives', async () => {
    h.fake.fail((r) => r.method === 'PATCH' && r.route === '/webhooks/:app/:token/messages/:msg', 429, {
      body: { message: 'You are being rate limited.', retry_after: 0.25, global: false },
      headers: {
        'retry-after': '0.25',
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.25',
        'x-ratelimit-bucket': 'b1',
      },
    });
    const { token } = h.fake.command('diagnose', { file: DEMO }, fresh());
    const fin = await finalFor(h.fake, token);
    const patches = h.fake.forToken(token).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.status)).toEqual([429, 200]);
    expect(fin.at - patches[0].at).toBeGreaterThanOrEqual(200);
    expect(fin.files).toHaveLength(1);
  });

  test('gateway connection dropped mid-session: the bot resumes and keeps answering, a request in flight completes', async () => {
    const identifies = h.fake.identifies.length;
    const slow = h.fake.command('diagnose', { file: { ...DEMO, delayMs: 400 } }, fresh());
    await callbackFor(h.fake, slow.token);
    const session = h.fake.nextSession();
    h.fake.dropConnection();
    await session;
    expect(h.fake.resumes.length).toBeGreaterThanOrEqual(1);
    expect(h.fake.identifies.length).toBe(identifies); // resumed, not re-identified
    await finalFor(h.fake, slow.token);
    const { token } = h.fake.command('diagnose', { file: DEMO }, fresh());
    expect((await finalFor(h.fake, token)).json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('an interaction dispatched while disconnected is replayed on RESUME and answered', async () => {
    const session = h.fake.nextSession();
    h.fake.dropConnection();
    const missed = h.fake.command('diagnose', { file: DEMO }, fresh()); // no socket: only in the replay buffer
    await session;
    expect((await finalFor(h.fake, missed.token)).json.embeds[0].title).toMatch(/^Overfitting/);
  });

  test('Discord asks for a reconnect (op 7): resumed, still answering', async () => {
    const session = h.fake.nextSession();
    h.fake.requestReconnect();
    await session;
    const { token } = h.fake.command('help', {}, fresh());
    await callbackFor(h.fake, token);
  });
});

describe('rate limits', () => {
  test('per user: the fourth request in a minute gets "try again in N s"; others are unaffected', async () => {
    const me = fresh();
    for (let i = 0; i < 3; i++) await finalFor(h.fake, h.fake.command('diagnose', { file: DEMO }, me).token);
    const { token } = h.fake.command('diagnose', { file: DEMO }, me);
    expect(await privateNotice(token)).toMatch(/Try again in \d+ s/);
    const other = h.fake.command('diagnose', { file: DEMO }, fresh());
    await finalFor(h.fake, other.token);
  });

  test('per guild', async () => {
    const g = await startHarness({ RATE_USER: '100', RATE_GUILD: '2' });
    try {
      const guildId = '999999999999999999';
      for (let i = 0; i < 2; i++)
        await finalFor(g.fake, g.fake.command('diagnose', { file: DEMO }, { ...fresh(), guildId }).token);
      const { token } = g.fake.command('diagnose', { file: DEMO }, { ...fresh(), guildId });
      const cb = await callbackFor(g.fake, token);
      expect(cb.json.data.content).toMatch(/This server has asked.*Try again in \d+ s/);
      // DMs have no guild: unaffected
      await finalFor(g.fake, g.fake.command('diagnose', { file: DEMO }, { ...fresh(), dm: true }).token);
    } finally {
      await g.close();
    }
  });
});

describe('overload', () => {
  test('a full queue answers "busy, try again" privately instead of queueing forever', async () => {
    const b = await startHarness({ WORKERS: '1', MAX_QUEUE: '1', RATE_USER: '100' });
    try {
      const { makeLog } = await import('../../bench/bot/bot-bench.js');
      const sent = Array.from(
        { length: 6 },
        (_, i) =>
          b.fake.command('diagnose', { file: { name: `big-${i}.csv`, data: makeLog(i + 1, 20_000) } }, fresh()).token,
      );
      const outcomes = await Promise.all(
        sent.map(async (token) => {
          const r = await b.fake.waitFor(
            (r) =>
              r.token === token &&
              r.status < 300 &&
              ((r.method === 'PATCH' && r.files.length > 0) ||
                (r.method === 'POST' && r.route === '/webhooks/:app/:token')),
            60_000,
          );
          return r.method === 'PATCH' ? 'answered' : (r.json.content as string);
        }),
      );
      expect(outcomes.filter((o) => o === 'answered').length).toBeGreaterThanOrEqual(2);
      const busy = outcomes.filter((o) => o !== 'answered');
      expect(busy.length).toBeGreaterThanOrEqual(1);
      for (const m of busy) expect(m).toMatch(/busy.*Try again in a few seconds/);
    } finally {
      await b.close();
    }
  }, 90_000);
});

describe('shutdown', () => {
  test('stop() during a request: the request completes, new ones are told to retry, then the bot disconnects', async () => {
    const s = await startHarness();
    const slow = s.fake.command('diagnose', { file: { ...DEMO, delayMs: 500 } }, fresh());
    await callbackFor(s.fake, slow.token);
    const stopping = s.bot.stop('SIGTERM');
    const late = s.fake.command('diagnose', { file: DEMO }, fresh());
    const cb = await callbackFor(s.fake, late.token);
    expect(cb.json.data.content).toMatch(/restarting/);
    await stopping;
    await finalFor(s.fake, slow.token);
    expect(s.bot.inFlight).toBe(0);
    await s.fake.stop();
  });
});

test('logs: no token, no interaction tokens, no user log content', () => {
  const logs = h.logs.join('');
  expect(logs).not.toContain(h.config.DISCORD_TOKEN);
  for (const r of h.fake.requests) if (r.token) expect(logs).not.toContain(r.token);
  const texts = h.fake.requests.flatMap((r) => (r.token ? textsFor(h.fake, r.token) : []));
  for (const t of texts) expect(t).not.toContain(h.config.DISCORD_TOKEN);
});
