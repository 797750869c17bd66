/**
 * INTERACTIONS=http: the fake Discord POSTs signed interactions to the bot's endpoint (as Discord
 * does with an Interactions Endpoint URL) and records each HTTP response as the interaction's
 * callback, validated against Discord's spec like every other request. The same handlers answer:
 * PING -> PONG; a bad or missing signature -> 401 and nothing else; /diagnose deferred in the HTTP
 * response, then the chart edited in through the webhook route; buttons answered in the response.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { discordSigner } from './discord-signature.js';
import { callbackFor, finalFor, startHarness, type Harness } from './harness.js';
import { discordContract } from './discord-contract.js';

const EPHEMERAL = 64;
const DEMO = { name: 'fixtures/demo/lstm-overfitting.csv' };
const signer = discordSigner();
let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({
    INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: signer.publicKey,
    HTTP_PORT: '0',
    RATE_USER: '1000',
    RATE_GUILD: '1000',
  });
  base = `http://127.0.0.1:${h.bot.httpPort}`;
  h.fake.httpEndpoint = { url: `${base}/interactions`, signer };
});
afterAll(async () => {
  await h?.close();
});

/** the bot never posted a REST callback: every first answer went back in the HTTP response */
function restCallbacks(): number {
  return h.fake.requests.filter((r) => r.route === '/interactions/:id/:token/callback' && !r.headers['x-via']).length;
}

describe('the endpoint', () => {
  test('no gateway session: the bot did not connect to the gateway', () => {
    expect(h.fake.identifies).toHaveLength(0);
    expect(h.fake.gatewayClients).toBe(0);
  });

  test('a signed PING is answered PONG, in the shape Discord expects', async () => {
    const r = await h.fake.postInteraction({ id: '1', token: 'ping', type: 1, application_id: '1', version: 1 });
    expect(r).toEqual({ status: 200, body: { type: 1 } });
    expect(discordContract().check('POST', '/interactions/1/ping/callback', r.body).ok).toBe(true);
  });

  test('forged, missing, stale or tampered signatures: 401 and nothing else happens', async () => {
    const other = discordSigner();
    const payload = (name: string) => h.fake.interactionPayload({ type: 2, data: { id: '9', name, type: 1 } });
    const forged = payload('help');
    const body = JSON.stringify(forged);
    const missing = payload('help');
    const stale = payload('help');
    const tampered = payload('help');
    const tamperedBody = JSON.stringify(tampered);
    const answers = await Promise.all([
      h.fake.postInteraction(forged, { headers: other.headers(body) }),
      h.fake.postInteraction(missing, { headers: { 'x-signature-ed25519': '', 'x-signature-timestamp': '' } }),
      h.fake.postInteraction(stale, { headers: signer.headers(JSON.stringify(stale), Date.now() / 1000 - 3600) }),
      h.fake.postInteraction(tampered, {
        headers: signer.headers(tamperedBody),
        body: tamperedBody.replace('"help"', '"why "'),
      }),
      // a PING is no exception
      h.fake.postInteraction(
        { id: '2', token: 'x', type: 1 },
        { headers: other.headers(JSON.stringify({ id: '2', token: 'x', type: 1 })) },
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    // a genuine request sent after them is answered; by then nothing was done for the refused ones
    const ok = h.fake.command('help', {});
    await callbackFor(h.fake, ok.token);
    for (const p of [forged, missing, stale, tampered]) expect(h.fake.forToken(p.token)).toEqual([]);
    expect(h.logs.join('')).not.toMatch(new RegExp(`"interaction":"(${forged.id}|${tampered.id})"`));
  });

  test('a replayed interaction (the same signed request, inside the window) is refused and not run again', async () => {
    const p = h.fake.interactionPayload({ type: 2, data: { id: '9', name: 'help', type: 1 } });
    const body = JSON.stringify(p);
    const headers = signer.headers(body);
    const first = await h.fake.postInteraction(p, { headers, body });
    expect(first.status).toBe(200);
    const handled = h.fake.forToken(p.token).length;
    const again = await h.fake.postInteraction(p, { headers, body });
    expect(again).toEqual({ status: 409, body: { error: 'this interaction was delivered before' } });
    expect(h.fake.forToken(p.token)).toHaveLength(handled);
  });

  test('garbage with a valid signature: a clear 400, never a crash', async () => {
    const body = '{"not json';
    const r = await h.fake.postInteraction({ id: '3', token: 't', type: 2 }, { headers: signer.headers(body), body });
    expect(r.status).toBe(400);
    const arr = '[1,2,3]';
    expect((await h.fake.postInteraction({}, { headers: signer.headers(arr), body: arr })).status).toBe(400);
  });

  test('/healthz and /readyz', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ ok: true, role: 'http-front' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { accepting: { ok: true } } });
  });
});

describe('the same handlers', () => {
  test('/help is answered in the HTTP response itself', async () => {
    const { token } = h.fake.command('help', {});
    const cb = await callbackFor(h.fake, token);
    expect(cb.headers['x-via']).toBe('http-response');
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.embeds[0].title).toMatch(/curve-triage/);
  });

  test('/diagnose end to end: deferred in the response, then the chart and verdict edited in; a button works', async () => {
    const { token } = h.fake.command('diagnose', { file: DEMO });
    const cb = await callbackFor(h.fake, token);
    expect(cb.headers['x-via']).toBe('http-response');
    expect(cb.json.type).toBe(5);
    const fin = await finalFor(h.fake, token);
    expect(fin.path).toMatch(/\/messages\/(@|%40)original$/);
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect(fin.files.map((f) => f.name)).toContain('curve.png');
    // "show code" under that reply, answered privately in the HTTP response
    const select = fin.json.components[0].components[0];
    const click = h.fake.component(select.custom_id, 3, [select.options[0].value]);
    const cb2 = await callbackFor(h.fake, click.token);
    expect(cb2.headers['x-via']).toBe('http-response');
    expect(cb2.json.type).toBe(4);
    expect(cb2.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb2.json.data.content).toMatch(/```python\n/);
    expect(restCallbacks()).toBe(0);
  });

  test('a refusal (no file) is answered privately in the response', async () => {
    const { token } = h.fake.command('diagnose', {});
    const cb = await callbackFor(h.fake, token);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  test('a payload discord.js cannot build is still answered (the guard), privately', async () => {
    const d = h.fake.interactionPayload({ type: 3, data: { custom_id: 'ct|-|ex|x', component_type: 2 } }); // no message
    const r = await h.fake.postInteraction(d);
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(4);
    expect(r.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(r.body.data.content).toMatch(/incomplete/);
  });
});
