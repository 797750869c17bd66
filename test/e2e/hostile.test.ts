/**
 * The hardening issue's findings, each replayed against the real bot through the fake Discord:
 * (1) a column name or /diagnose metric that would post a masked link publicly, (2) a /sweep value
 * closing the leaderboard's code block, (3) private refusals echoing raw input, (8) payloads Discord
 * could send in edge cases, preset:__proto__, /explain outside its choices. What the bot sends is
 * read with a small model of Discord's Markdown (test/bot/markdown.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, finalFor, callbackFor, textsFor, type Harness } from './harness.js';
import type { FakeDiscord, Recorded } from './fake-discord.js';
import { messageProblems } from '../bot/markdown.js';

const EPHEMERAL = 64;
const LINK = '[Free Nitro](https://example.invalid/claim)';
const HOSTILE = `loss ${LINK} \`\`\``;
const DEMO = readFileSync('fixtures/demo/lstm-overfitting.csv', 'utf8');

let h: Harness;
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000' });
});
afterAll(async () => {
  await h?.close();
  process.off('unhandledRejection', onRejection);
});

/** every message body the bot sent for this interaction (callback data, edits, follow-ups) */
function bodies(fake: FakeDiscord, token: string): any[] {
  return fake
    .forToken(token)
    .filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && r.json)
    .map((r) => (r.route === '/interactions/:id/:token/callback' ? (r.json.data ?? {}) : r.json));
}

function problems(fake: FakeDiscord, token: string): string[] {
  return bodies(fake, token).flatMap((b) => messageProblems(b));
}

/** A private refusal: answered at once (type 4) or, after a public defer, as an ephemeral follow-up. */
async function refusal(fake: FakeDiscord, token: string): Promise<Recorded> {
  return fake.waitFor(
    (r) =>
      r.token === token &&
      r.status < 300 &&
      ((r.json?.type === 4 && ((r.json?.data?.flags ?? 0) & EPHEMERAL) > 0) ||
        (r.method === 'POST' && r.route === '/webhooks/:app/:token' && ((r.json?.flags ?? 0) & EPHEMERAL) > 0)),
    30_000,
  );
}
const content = (r: Recorded) => (r.json?.data?.content ?? r.json?.content ?? '') as string;

describe('1: user text never becomes a link the bot posts', () => {
  test('"Diagnose training log" on another member\'s CSV whose loss column holds a masked link and a fence', async () => {
    const csv = DEMO.replace(/^epoch,accuracy,loss,/, `epoch,accuracy,${HOSTILE},`);
    expect(csv).toContain(HOSTILE);
    const { token } = h.fake.messageCommand('Diagnose training log', { attachments: [{ name: 'run.csv', data: csv }] });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.flags ?? 0).toBe(0); // public, as the bot itself
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    // the name is shown (as ingest normalised it, escaped: it reads as written) ...
    expect(textsFor(h.fake, token).join('\n')).toMatch(/free\\_nitro\\\]\\\(https:\/\u200b\//);
    // ... but forms no link, and every code fence pairs up
    expect(problems(h.fake, token)).toEqual([]);
  });

  test('/diagnose metric: naming a column that holds a masked link and a fence', async () => {
    const csv = DEMO.replace(/^epoch,accuracy,/, `epoch,${HOSTILE},`);
    const { token } = h.fake.command('diagnose', { file: { name: 'run.csv', data: csv }, metric: HOSTILE });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.embeds[0].title).toBeTruthy();
    expect(problems(h.fake, token)).toEqual([]);
  });

  test('/diagnose metric: with a masked link and a fence, not in the log', async () => {
    const { token } = h.fake.command('diagnose', { file: { name: 'run.csv', data: DEMO }, metric: `${LINK} \`\`\`` });
    const fin = await finalFor(h.fake, token);
    expect(fin.json.content).toMatch(/no series named/);
    expect(problems(h.fake, token)).toEqual([]);
  });
});

describe('2: /sweep values cannot close the leaderboard block', () => {
  test('a skipped value with fences and a link stays inside the block, literally', async () => {
    const { token } = h.fake.command('sweep', {
      param: 'optimizer',
      values: 'adam,```[click](https://example.invalid)```',
      repeats: 1,
      epochs: 2,
    });
    const fin = await h.fake.waitFor((r) => r.token === token && r.method === 'PATCH' && r.files.length > 0, 90_000);
    const desc: string = fin.json.embeds[0].description;
    expect(desc).toMatch(/skipped/);
    expect((desc.match(/```/g) ?? []).length).toBe(2);
    expect(problems(h.fake, token)).toEqual([]);
  }, 120_000);
});

describe('3: private refusals do not echo raw input', () => {
  test('/sweep values', async () => {
    const { token } = h.fake.command('sweep', { param: 'units', values: '[x](https://example.invalid)```,@everyone' });
    const r = await refusal(h.fake, token);
    expect(content(r).length).toBeGreaterThan(0);
    expect(problems(h.fake, token)).toEqual([]);
  });

  test('/train config keys', async () => {
    const config = JSON.stringify({
      model: { lstm: [{ units: 8 }] },
      '[x](https://example.invalid)```': 1,
      '<@123456789012345678>': 2,
    });
    const { token } = h.fake.command('train', {
      config: { name: 'cfg [x](example.invalid) `@everyone`.json', data: config, contentType: 'application/json' },
    });
    const r = await refusal(h.fake, token);
    expect(content(r)).toMatch(/cfg/);
    expect(problems(h.fake, token)).toEqual([]);
  });

  test("a CSV header error, through the context menu on another member's file", async () => {
    const { token } = h.fake.messageCommand('Diagnose training log', {
      attachments: [{ name: 'h.csv', data: `epoch,${HOSTILE},@everyone\n` }],
    });
    const r = await refusal(h.fake, token);
    expect(content(r)).toMatch(/header/);
    expect(content(r)).toMatch(/Free Nitro/);
    expect(problems(h.fake, token)).toEqual([]);
  });

  test('the explain button with a forged topic', async () => {
    const { token } = h.fake.component('ct|-|ex|[x](https://example.invalid)```|tfkeras', 2);
    const r = await refusal(h.fake, token);
    expect(content(r)).toMatch(/no explanation for/);
    expect(problems(h.fake, token)).toEqual([]);
  });
});

describe('8: every interaction gets an answer, even a malformed one', () => {
  const cases: [string, (p: Record<string, any>) => void][] = [
    ['a context-menu command without its resolved message', (p) => delete p.data.resolved],
    ['data: null', (p) => (p.data = null)],
    ['no user or member', (p) => (delete p.member, delete p.user)],
    ['options that are not a list', (p) => (p.data.options = 'x')],
  ];
  for (const [what, breakIt] of cases)
    test(what, async () => {
      const p = h.fake.interactionPayload({
        type: 2,
        data: {
          id: '1',
          name: 'Diagnose training log',
          type: 3,
          target_id: '9',
          resolved: { messages: { 9: { id: '9', content: 'x', attachments: [] } } },
        },
      });
      if (what.startsWith('options')) p.data = { id: '1', name: 'diagnose', type: 1 };
      breakIt(p);
      h.fake.rawInteraction(p);
      const cb = await callbackFor(h.fake, p.token);
      expect(cb.json.type).toBe(4);
      expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(cb.json.data.content).toMatch(/incomplete|could not read/);
      expect(cb.json.data.allowed_mentions).toEqual({ parse: [] });
    });

  test('a button without its message, and an interaction type discord.js does not know', async () => {
    const a = h.fake.interactionPayload({
      type: 3,
      data: { custom_id: 'ct|-|ex|overfitting|tfkeras', component_type: 2 },
    });
    h.fake.rawInteraction(a);
    expect((await callbackFor(h.fake, a.token)).json.data.content).toMatch(/incomplete/);
    // discord.js skips it silently; the watchdog answers within Discord's 3 s
    const b = h.fake.interactionPayload({ type: 42, data: { id: '1', name: 'help', type: 1 } });
    const t0 = Date.now();
    h.fake.rawInteraction(b);
    const cb = await callbackFor(h.fake, b.token);
    expect(cb.json.data.content).toMatch(/could not read/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  test('preset:__proto__ and preset:constructor are refused by name, not trained as the default', async () => {
    for (const preset of ['__proto__', 'constructor', 'toString']) {
      const { token } = h.fake.command('train', { preset });
      const cb = await callbackFor(h.fake, token);
      expect(cb.json.type, preset).toBe(4);
      expect(cb.json.data.content).toMatch(/unknown preset/);
      expect(cb.json.data.content).toMatch(/ideal/);
      const sw = h.fake.command('sweep', { param: 'units', values: '4', preset });
      expect((await callbackFor(h.fake, sw.token)).json.data.content).toMatch(/unknown preset/);
    }
  });

  test('/explain with a value outside its choices gets a clear answer, not the internal-error one', async () => {
    for (const pattern of ['bogus', '__proto__', 'constructor']) {
      const { token } = h.fake.command('explain', { pattern });
      const cb = await callbackFor(h.fake, token);
      expect(cb.json.data.content, pattern).toMatch(/no explanation for/);
      expect(cb.json.data.content).not.toMatch(/went wrong on my side/);
    }
  });

  test('no unhandled rejection along the way; malformed payloads are logged without their content', () => {
    expect(rejections).toEqual([]);
    const lines = h.logs.filter((l) => /malformed interaction/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.join('\n')).not.toMatch(/Nitro|example\.invalid/);
  });
});
