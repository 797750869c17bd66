/**
 * /watch end to end: the real bot against the fake Discord, its watch endpoint on 127.0.0.1 (an
 * ephemeral port), epochs POSTed over real HTTP. We assert the private token + snippets, the one
 * live channel message (posted, then edited, with a Stop button), the overfitting alert as a reply
 * mentioning the owner who asked for it, the Stop button turning the next report's answer into
 * stop:true, the full /diagnose reply at final:true, refusals of bad tokens, escaped user text, and
 * that no token reaches the logs. Every request the bot made is checked against Discord's spec on close.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, callbackFor, componentProblems, embedProblems, decodePng, type Harness } from './harness.js';
import type { Recorded } from './fake-discord.js';
import { overfittingRun } from '../watch/synthetic.js';

const EPHEMERAL = 64;
const USER = '222222222222222222';
const CHANNEL = '444444444444444444';
const RUN = 'res*net_@everyone';

let h: Harness;
let url: string;
beforeAll(async () => {
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000', WATCH_PORT: '0', PROGRESS_EDIT_MS: '100' });
  url = h.bot.ctx.watch!.url;
});
afterAll(async () => {
  await h?.close();
});

function watch(sub: string, options: { name: string; type: number; value: unknown }[] = [], opts = {}) {
  return h.fake.interact(
    { type: 2, data: { id: '1', name: 'watch', type: 1, options: [{ type: 1, name: sub, options }] } },
    opts,
  );
}

async function post(token: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${url}/v1/watch/epochs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

const channelPosts = () =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel/messages' && r.status < 300);
const liveEdits = () =>
  h.fake.requests.filter(
    (r) => r.method === 'PATCH' && r.route === '/channels/:channel/messages/:msg' && r.status < 300,
  );
const ids = (rows: any[] = []) => rows.flatMap((r: any) => r.components.map((c: any) => c.custom_id as string));

const run = overfittingRun(1, 60, 20);
const report = (i: number) => ({ epoch: i, metrics: { loss: run.history.loss[i], val_loss: run.history.val_loss[i] } });
let token = '';

describe('/watch', () => {
  test('start: a private token and the snippets, for this channel', async () => {
    const { token: itok } = watch('start', [
      { name: 'name', type: 3, value: 'resnet' },
      { name: 'notify', type: 5, value: true },
    ]);
    const cb = await callbackFor(h.fake, itok);
    expect(cb.json.type).toBe(4);
    expect(cb.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    token = /ctw_[A-Za-z0-9_-]{22}/.exec(cb.json.data.content)![0];
    const fields = cb.json.data.embeds[0].fields.map((f: any) => f.name);
    expect(fields).toEqual(['Keras', 'PyTorch Lightning', 'Hugging Face Trainer', 'Any loop', 'curl']);
    const keras = cb.json.data.embeds[0].fields[0].value;
    expect(keras).toContain('from curve_triage_watch import CurveTriageWatch');
    expect(keras).toContain(`callbacks=[CurveTriageWatch(token="${token}", url="${url}")]`);
    expect(embedProblems(cb.json.data.embeds)).toEqual([]);
  });

  test('epochs over HTTP: one live channel message, edited, with a Stop button; escaped run name; nobody pinged', async () => {
    const first = await post(token, { run: RUN, epochs: 60, reports: [0, 1, 2, 3, 4, 5].map(report) });
    expect(first).toEqual({ status: 200, json: { ok: true, stop: false } });
    const live = await h.fake.waitFor(
      (r) => r.method === 'POST' && r.route === '/channels/:channel/messages' && /Watching/.test(r.json?.content ?? ''),
    );
    expect(live.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(live.json.content).toContain('`res*net_@everyone`');
    expect(live.json.allowed_mentions).toEqual({ parse: [] });
    expect(ids(live.json.components).some((id) => id.endsWith('|wstop'))).toBe(true);
    for (let i = 6; i < 12; i++) expect((await post(token, { run: RUN, epochs: 60, ...report(i) })).status).toBe(200);
    const edit = await h.fake.waitFor(
      (r) =>
        r.method === 'PATCH' &&
        r.route === '/channels/:channel/messages/:msg' &&
        /epoch 12\/60/.test(r.json?.content ?? ''),
    );
    expect(edit.json.embeds[0].title).toMatch(/\(so far\)/);
    expect(componentProblems(edit.json.components)).toEqual([]);
    expect(liveEdits().length).toBeGreaterThanOrEqual(1);
  });

  test('overfitting: an alert as a reply to the live message, mentioning the owner (notify), with the best epoch and the saving', async () => {
    for (let i = 12; i < 40; i += 4)
      expect((await post(token, { run: RUN, epochs: 60, reports: [i, i + 1, i + 2, i + 3].map(report) })).status).toBe(
        200,
      );
    const alert = await h.fake.waitFor(
      (r) => r.route === '/channels/:channel/messages' && /is overfitting/.test(r.json?.content ?? ''),
    );
    expect(alert.json.content).toMatch(new RegExp(`^<@${USER}> `));
    expect(alert.json.content).toMatch(/the best epoch was (19|20|21)/);
    expect(alert.json.content).toMatch(/Stopping now saves \d+ of 60 planned epochs/);
    expect(alert.json.allowed_mentions).toEqual({ parse: [], users: [USER] });
    expect(alert.json.message_reference.message_id).toBeTruthy();
    expect(channelPosts().filter((r) => /is overfitting/.test(r.json?.content ?? ''))).toHaveLength(1);
  });

  test('Stop training: the next report answers stop:true', async () => {
    const live = channelPosts().find((r) => /Watching/.test(r.json?.content ?? ''))!;
    const stopId = ids(live.json.components).find((id) => id.endsWith('|wstop'))!;
    const other = h.fake.component(stopId, 2, [], { user: { id: '999999999999999999' } });
    const refused = await callbackFor(h.fake, other.token);
    expect(refused.json.data.content).toMatch(/Only the person who started watching/);
    expect((await post(token, { run: RUN, ...report(40) })).json.stop).toBe(false);
    const click = h.fake.component(stopId, 2);
    expect((await callbackFor(h.fake, click.token)).json.type).toBe(6);
    expect(await post(token, { run: RUN, ...report(41) })).toEqual({ status: 200, json: { ok: true, stop: true } });
  });

  test('final: the full /diagnose reply (chart, verdict, buttons)', async () => {
    expect((await post(token, { run: RUN, ...report(42), final: true })).json.stop).toBe(true);
    const fin: Recorded = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' && r.files.length === 1 && /watched run/.test(r.json?.content ?? ''),
      30_000,
    );
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
    expect((await decodePng(fin.files[0].data)).format).toBe('png');
    expect(fin.json.content).toContain('res\\*net\\_@\u200beveryone');
    expect(fin.json.content).toMatch(/stopped from Discord/);
    expect(fin.json.allowed_mentions).toEqual({ parse: [] });
    expect(embedProblems(fin.json.embeds)).toEqual([]);
    expect(componentProblems(fin.json.components)).toEqual([]);
  });

  test('bad tokens: 401 forged, 403 after /watch stop; list and stop answer privately; no token in the logs', async () => {
    expect((await post(`ctw_${'x'.repeat(22)}`, { run: 'a', epoch: 0, metrics: { loss: 1 } })).status).toBe(401);
    const list = watch('list');
    const l = await callbackFor(h.fake, list.token);
    expect(l.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(l.json.data.content).toMatch(/`resnet`/);
    const stop = watch('stop');
    const s = await callbackFor(h.fake, stop.token);
    expect(s.json.data.content).toMatch(/^Revoked 1 token/);
    const r = await post(token, { run: RUN, ...report(0) });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/revoked/);
    expect(h.logs.join('')).not.toContain(token.slice(4));
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });
});
