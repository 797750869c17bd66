/** Unit tests of the bot's pieces that need no Discord: config, limits, sniffing, ids, store, logs. */
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ConfigError, loadConfig } from '../../src/bot/config.js';
import { RateLimiter } from '../../src/bot/ratelimit.js';
import { checkAttachment, extractPasted, safeName, sniff } from '../../src/bot/attachments.js';
import { UserError } from '../../src/bot/errors.js';
import { ReplyStore } from '../../src/bot/store.js';
import { createLogger, scrub } from '../../src/bot/logger.js';
import { actionRows, customId, parseCustomId } from '../../src/bot/present.js';
import { parseRun } from '../../src/bot/flow.js';
import { explain, PATTERNS_FOR_TEST } from './helpers.js';
import { minimalReply } from '../../src/requests/advice.js';
import { triage } from '../../src/pipeline.js';
import { readFileSync } from 'node:fs';

const TOKEN = `MTExMTExMTExMTExMTExMTEx.GGGGGG.${'x'.repeat(38)}`;
const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '111111111111111111' };

describe('config', () => {
  test('defaults and coercion', () => {
    const c = loadConfig({ ...base, RATE_USER: '3', ATTACHMENT_HOSTS: 'a.example, B.example' });
    expect(c.RATE_USER).toBe(3);
    expect(c.ATTACHMENT_HOSTS).toEqual(['a.example', 'b.example']);
    expect(c.LOG_LEVEL).toBe('info');
    expect(c.MAX_FILE_BYTES).toBe(8 * 1024 * 1024);
  });
  test('errors name the variables, never their values', () => {
    const secret = 'short-secret';
    let err: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: secret, DISCORD_APPLICATION_ID: 'x', DISCORD_API_URL: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/DISCORD_TOKEN/);
    expect(msg).toMatch(/DISCORD_APPLICATION_ID/);
    expect(msg).toMatch(/DISCORD_API_URL/);
    expect(msg).not.toContain(secret);
  });
  test('missing token', () => {
    expect(() => loadConfig({ DISCORD_APPLICATION_ID: '111111111111111111' })).toThrow(/DISCORD_TOKEN/);
  });
});

describe('rate limiter', () => {
  test('per user, then per guild, with retry-after', () => {
    let t = 0;
    const rl = new RateLimiter({ max: 2, windowMs: 10_000 }, { max: 3, windowMs: 60_000 }, () => t);
    expect(rl.take('u1', 'g').ok).toBe(true);
    expect(rl.take('u1', 'g').ok).toBe(true);
    const r = rl.take('u1', 'g');
    expect(r).toEqual({ ok: false, retryAfterS: 10, scope: 'user' });
    expect(rl.take('u2', 'g').ok).toBe(true);
    expect(rl.take('u3', 'g')).toMatchObject({ ok: false, scope: 'guild' });
    expect(rl.take('u3', null).ok).toBe(true); // DMs: no guild limit
    t = 10_001;
    expect(rl.take('u1', null).ok).toBe(true);
  });
  test('a refused request costs nothing', () => {
    let t = 0;
    const rl = new RateLimiter({ max: 1, windowMs: 1000 }, { max: 100, windowMs: 1000 }, () => t);
    rl.take('u', 'g');
    for (let i = 0; i < 5; i++) rl.take('u', 'g');
    t = 1001;
    expect(rl.take('u', 'g').ok).toBe(true);
  });
});

describe('attachments', () => {
  const limits = { maxBytes: 1000, interactionLimit: 500, timeoutMs: 100, allowedHosts: ['cdn.discordapp.com'] };
  test('declared size: the smaller of our cap and the interaction limit', () => {
    expect(() => checkAttachment({ name: 'a.csv', size: 600, url: '' }, limits)).toThrow(/limit is 500 bytes/);
    expect(() => checkAttachment({ name: 'a.csv', size: 400, url: '' }, limits)).not.toThrow();
    expect(() =>
      checkAttachment({ name: 'a.csv', size: 900, url: '' }, { ...limits, interactionLimit: null }),
    ).not.toThrow();
  });
  test('types refused before download', () => {
    for (const name of ['a.png', 'model.h5', 'w.pt', 'x.zip', 'events.out.tfevents.123.host'])
      expect(() => checkAttachment({ name, size: 10, url: '' }, limits), name).toThrow(UserError);
    expect(() => checkAttachment({ name: 'log', size: 10, url: '', contentType: 'image/jpeg' }, limits)).toThrow(
      UserError,
    );
    expect(() =>
      checkAttachment(
        { name: 'history.json', size: 10, url: '', contentType: 'application/json; charset=utf-8' },
        limits,
      ),
    ).not.toThrow();
  });
  test('sniffing', () => {
    expect(() => sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'x.csv')).toThrow(/PNG/);
    expect(() => sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'x.csv')).toThrow(/ZIP/);
    expect(() => sniff(Buffer.from('epoch,loss\n1,0.5\n'), 'x.csv')).not.toThrow();
    expect(() => sniff(Buffer.from('\ufeffepoch,loss\n', 'utf16le'), 'x.csv')).not.toThrow();
    expect(() => sniff(Buffer.from([0x41, 0, 0x42, 0x43]), 'x.csv')).toThrow(/binary/);
  });
  test('sniff only ever refuses with a UserError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          sniff(b, 'f');
        } catch (e) {
          return e instanceof UserError;
        }
        return true;
      }),
    );
  });
  test('pasted text: code blocks win, otherwise the whole message', () => {
    expect(extractPasted('look:\n```csv\nepoch,loss\n1,2\n```\nthanks')).toBe('epoch,loss\n1,2');
    expect(extractPasted('```a```  ```\nb\n```')).toBe('a\nb');
    expect(extractPasted('  epoch,loss\n1,2 ')).toBe('epoch,loss\n1,2');
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => typeof extractPasted(s) === 'string'));
  });
  test('names shown in code spans cannot break out or mention', () => {
    // inside a code span a mention never renders; the backtick that would close the span is a lookalike
    expect(safeName('a`b@everyone\n.csv')).toBe('aˋb@everyone .csv');
    expect(safeName('x'.repeat(500)).length).toBe(80);
  });
});

describe('run option', () => {
  test('parses last/all/joined/1-based numbers', () => {
    expect(parseRun('last')).toBe('last');
    expect(parseRun(' ALL ')).toBe('all');
    expect(parseRun('2')).toBe(1);
    expect(parseRun(null)).toBeUndefined();
    expect(() => parseRun('0')).toThrow(UserError);
    expect(() => parseRun('-1')).toThrow(UserError);
  });
});

describe('custom ids and components', () => {
  test('round trip and the 100-char cap', () => {
    const id = customId('abcdefgh', 'dia', 'early_stopping')!;
    expect(parseCustomId(id)).toEqual({ key: 'abcdefgh', op: 'dia', args: ['early_stopping'] });
    expect(customId('k', 'a', 'x'.repeat(100))).toBeUndefined();
    expect(parseCustomId('other:thing')).toBeUndefined();
  });
  test('every teaching reply fits Discord component limits', () => {
    for (const p of PATTERNS_FOR_TEST) {
      const rows = actionRows(explain(p), 'abcdefgh');
      expect(rows.length).toBeLessThanOrEqual(5);
      for (const r of rows) {
        expect(r.components.length).toBeGreaterThan(0);
        expect(r.components.length).toBeLessThanOrEqual(5);
        for (const c of r.components as any[]) {
          expect(c.custom_id.length).toBeLessThanOrEqual(100);
          if (c.label) expect(c.label.length).toBeLessThanOrEqual(80);
          for (const o of c.options ?? []) expect(o.label.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });
  test('the fallback reply (advise seam) is a valid Reply with an explain action', () => {
    const d = triage(readFileSync('fixtures/demo/lstm-overfitting.csv')).diagnosis;
    const r = minimalReply(d, { image: 'curve.png' });
    expect(r.title).toMatch(/^Overfitting/);
    expect(actionRows(r, 'k')[0].components[0]).toMatchObject({ custom_id: 'ct|-|ex|overfitting|tfkeras' });
  });
});

describe('reply store', () => {
  test('expires and is bounded', async () => {
    const s = new ReplyStore(50, 3);
    const r = explain('overfitting');
    const k = s.put(r);
    expect(s.get(k)).toEqual(r);
    for (let i = 0; i < 5; i++) s.put(r);
    expect(s.size).toBe(3);
    const k2 = s.put(r);
    await new Promise((res) => setTimeout(res, 60));
    expect(s.get(k2)).toBeUndefined();
  });
});

describe('logging', () => {
  test('scrub removes bot tokens, known secrets and interaction tokens in URLs', () => {
    expect(scrub(`auth ${TOKEN} ok`)).toBe('auth [token] ok');
    expect(scrub('x my-secret-value y', ['my-secret-value'])).toBe('x [token] y');
    expect(scrub('PATCH /webhooks/111/aW50ZXJhY3Rpb246abcdefabcdefabcdef/messages/@original')).toBe(
      'PATCH /webhooks/111/[token]/messages/@original',
    );
  });
  test('the logger redacts token fields and scrubs error messages', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const log = createLogger('info', [TOKEN], sink);
    log.info({ token: 'abc', config: { DISCORD_TOKEN: TOKEN } }, `hello ${TOKEN}`);
    log.error({ err: new Error(`failed with ${TOKEN}`) }, 'boom');
    const all = lines.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('[redacted]');
    expect(all).toContain('[token]');
  });
  test("an error's other string fields are scrubbed too (a DiscordAPIError's url carries the interaction token)", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
    const interactionToken = `aW50ZXJhY3Rpb246${'ab12'.repeat(16)}`;
    const err = Object.assign(new Error('Invalid Form Body'), {
      url: `http://127.0.0.1/api/v10/webhooks/111/${interactionToken}/messages/%40original`,
      code: 50035,
    });
    createLogger('info', [TOKEN], sink).error({ err }, 'handler failed');
    const line = JSON.parse(lines[0]);
    expect(line.err.url).toBe('http://127.0.0.1/api/v10/webhooks/111/[token]/messages/%40original');
    expect(line.err.code).toBe(50035);
    expect(lines.join('')).not.toContain(interactionToken);
  });
});

test('a code block without a language line keeps its first line', () => {
  expect(extractPasted('```epoch,loss\n1,2```')).toBe('epoch,loss\n1,2');
  expect(extractPasted('```\nEpoch 1/2\n```')).toBe('Epoch 1/2');
});

test('user-controlled text in our own lines cannot link, format, mention or break lines', async () => {
  const { line: plain } = await import('../../src/bot/text.js');
  const s = plain('[click](https://evil.example) **bold** @everyone\n# heading <@123>');
  expect(s).not.toMatch(/(^|[^\\])\[/);
  expect(s).not.toContain('https://');
  expect(s).not.toContain('@everyone');
  expect(s).not.toContain('\n');
  expect(s).not.toMatch(/(^|[^\\])\*\*/);
  expect(plain('x'.repeat(500), 50).length).toBe(50);
});
