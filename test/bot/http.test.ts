/**
 * The HTTP interactions front's pieces without Discord: the signature check (against the test
 * signer, which signs as Discord does) and the relay that turns a handler's callbacks into the HTTP
 * response or, once deferred, into edits of the original response. The transport the relay edits
 * through stands in for Discord's REST API (the edge) and records what would be sent.
 */
import { describe, expect, test } from 'vitest';
import { Writable } from 'node:stream';
import { discordSigner } from '../e2e/discord-signature.js';
import { CallbackRelay, publicKeyFrom, verifySignature, MAX_SKEW_S } from '../../src/bot/http.js';
import { createLogger } from '../../src/bot/logger.js';
import type { MakeRequest } from '../../src/bot/rest.js';

const logger = createLogger('silent', [], new Writable({ write: (_c, _e, cb) => cb() }));
const API = 'http://127.0.0.1:1/api/v10';

describe('signature', () => {
  const s = discordSigner();
  const key = publicKeyFrom(s.publicKey);
  const body = Buffer.from('{"type":1}');
  test('a Discord signature verifies; a changed body, timestamp or key does not', () => {
    const h = s.headers(body);
    expect(verifySignature(key, h['x-signature-ed25519'], h['x-signature-timestamp'], body)).toBe(true);
    expect(verifySignature(key, h['x-signature-ed25519'], h['x-signature-timestamp'], Buffer.from('{"type":2}'))).toBe(
      false,
    );
    expect(verifySignature(key, h['x-signature-ed25519'], String(Number(h['x-signature-timestamp']) + 1), body)).toBe(
      false,
    );
    const other = publicKeyFrom(discordSigner().publicKey);
    expect(verifySignature(other, h['x-signature-ed25519'], h['x-signature-timestamp'], body)).toBe(false);
  });
  test('missing, malformed or stale headers fail without throwing', () => {
    const h = s.headers(body);
    expect(verifySignature(key, undefined, h['x-signature-timestamp'], body)).toBe(false);
    expect(verifySignature(key, h['x-signature-ed25519'], undefined, body)).toBe(false);
    expect(verifySignature(key, 'zz'.repeat(64), h['x-signature-timestamp'], body)).toBe(false);
    expect(verifySignature(key, h['x-signature-ed25519'], '1e9', body)).toBe(false);
    const old = Math.floor(Date.now() / 1000) - MAX_SKEW_S - 5;
    const hs = s.headers(body, old);
    expect(verifySignature(key, hs['x-signature-ed25519'], hs['x-signature-timestamp'], body)).toBe(false);
  });
});

function relay(deferMs: number) {
  const sent: { url: string; method?: string; body: unknown }[] = [];
  const transport: MakeRequest = async (url, init) => {
    sent.push({ url, method: init.method, body: init.body });
    return new Response(JSON.stringify({ id: '1' }), { status: 200 }) as never;
  };
  return { sent, relay: new CallbackRelay(transport, deferMs, '42', logger) };
}

const callback = (id: string, token: string) => `${API}/interactions/${id}/${token}/callback`;
const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: {} }) as never;

describe('relay', () => {
  test('the first callback is the HTTP response; nothing goes to REST', async () => {
    const { sent, relay: r } = relay(10_000);
    const response = r.expect({ id: '7', token: 'tok', type: 2 }, Promise.resolve());
    const res = await r.intercept(callback('7', 'tok'), post({ type: 4, data: { content: 'hi', flags: 64 } }));
    expect(res?.status).toBe(204);
    expect(await response).toEqual({ type: 4, data: { content: 'hi', flags: 64 } });
    expect(sent).toEqual([]);
    expect(r.size).toBe(0);
    // a callback for an interaction it does not hold (gateway, another token) is not its business
    expect(await r.intercept(callback('7', 'tok'), post({ type: 4 }))).toBeUndefined();
    r.clear();
  });

  test('a slow handler is deferred (commands: 5, components: 6, autocomplete: no choices); its reply becomes an edit', async () => {
    const { sent, relay: r } = relay(5);
    expect(await r.expect({ id: '1', token: 'a', type: 2 }, Promise.resolve())).toEqual({ type: 5 });
    expect(await r.expect({ id: '2', token: 'b', type: 3 }, Promise.resolve())).toEqual({ type: 6 });
    expect(await r.expect({ id: '3', token: 'c', type: 4 }, Promise.resolve())).toEqual({
      type: 8,
      data: { choices: [] },
    });
    // the handler's own defer is then a no-op, its reply an edit of @original (no ephemeral flag: too late)
    expect((await r.intercept(callback('1', 'a'), post({ type: 5, data: { flags: 64 } })))?.status).toBe(204);
    const res = await r.intercept(
      callback('1', 'a'),
      post({ type: 4, data: { content: 'done', flags: 64, tts: false } }),
    );
    expect(res?.status).toBe(204);
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('PATCH');
    expect(sent[0].url).toBe(`${API}/webhooks/42/a/messages/@original`);
    expect(JSON.parse(String(sent[0].body))).toEqual({ content: 'done' });
    // an update after a deferred component click edits the message too
    await r.intercept(callback('2', 'b'), post({ type: 7, data: { content: 'new' } }));
    expect(sent[1].url).toBe(`${API}/webhooks/42/b/messages/@original`);
    // a modal cannot follow a deferral: Discord's refusal
    const modal = await r.intercept(callback('1', 'a'), post({ type: 9, data: {} }));
    expect(modal?.status).toBe(400);
    r.clear();
  });

  test('a first answer with files: deferred (privately if asked), then the files edited in once the response is out', async () => {
    const { sent, relay: r } = relay(10_000);
    let markSent!: () => void;
    const out = new Promise<void>((res) => (markSent = res));
    const response = r.expect({ id: '9', token: 't', type: 2 }, out);
    const form = new FormData();
    form.append('files[0]', new Blob([Buffer.from('png')]), 'curve.png');
    form.append('payload_json', JSON.stringify({ type: 4, data: { content: 'chart', flags: 64 } }));
    const pending = r.intercept(callback('9', 't'), { method: 'POST', body: form, headers: {} } as never);
    expect(await response).toEqual({ type: 5, data: { flags: 64 } });
    await Promise.resolve();
    expect(sent).toHaveLength(0); // waits for the HTTP response to go out
    markSent();
    expect((await pending)?.status).toBe(204);
    expect(sent).toHaveLength(1);
    const body = sent[0].body as FormData;
    expect(JSON.parse(String(body.get('payload_json')))).toEqual({ content: 'chart' });
    expect((body.get('files[0]') as File).name).toBe('curve.png');
    r.clear();
  });
});
