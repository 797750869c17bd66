/**
 * /watch with the real Python client (clients/python/curve_triage_watch.py, run by /usr/bin/python3)
 * against the real bot and its endpoint on 127.0.0.1: a simulated training loop that overfits reports
 * every epoch, the channel gets the live message and an overfitting alert, the owner presses Stop and
 * the loop stops within an epoch or two of the press (the client learns it from its next answer), and
 * the final report brings the full diagnosis. A NaN loop alerts at once; a tiny real PyTorch loop
 * (Debian's python3-torch) gets its live message and its diagnosis.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHarness, callbackFor, type Harness } from './harness.js';
import { lastJson, runPython } from '../clients/fake-watch.js';

let h: Harness;
let url: string;
beforeAll(async () => {
  h = await startHarness({ RATE_USER: '1000', RATE_GUILD: '1000', WATCH_PORT: '0', PROGRESS_EDIT_MS: '100' });
  url = h.bot.ctx.watch!.url;
});
afterAll(async () => {
  await h?.close();
});

async function newToken(name: string): Promise<string> {
  const { token } = h.fake.interact({
    type: 2,
    data: {
      id: '1',
      name: 'watch',
      type: 1,
      options: [{ type: 1, name: 'start', options: [{ name: 'name', type: 3, value: name }] }],
    },
  });
  const cb = await callbackFor(h.fake, token);
  return /ctw_[A-Za-z0-9_-]{22}/.exec(cb.json.data.content)![0];
}

/** A training loop in Python: val falls to a minimum at epoch 15 then climbs; each epoch takes STEP s.
 * It prints each epoch's wall time and the epoch whose report() returned stop. */
const loop = (run: string, epochs: number, step: number, nanAt = -1) => `
import json, math, time
from curve_triage_watch import CurveTriageWatch
watch = CurveTriageWatch(run=${JSON.stringify(run)}, epochs=${epochs})
stopped_at, times = None, []
for e in range(${epochs}):
    loss = 1.0 * math.exp(-e / 12) + 0.05
    val = 0.6 * math.exp(-e / 6) + 0.3 + 0.012 * max(0, e - 15) + 0.004 * math.sin(e * 2.3)
    if ${nanAt} >= 0 and e >= ${nanAt}:
        loss = float('nan')
    times.append(time.time())
    if watch.report(e, loss=loss, val_loss=val):
        stopped_at = e
        break
    time.sleep(${step})
watch.close(final=True)
print(json.dumps({"stopped_at": stopped_at, "times": times}))
`;

const channelPosts = () =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.route === '/channels/:channel/messages' && r.status < 300);
const ids = (rows: any[] = []) => rows.flatMap((r: any) => r.components.map((c: any) => c.custom_id as string));

describe('/watch with the Python client', () => {
  test('an overfitting loop: live message, alert, Stop stops the loop within an epoch, final diagnosis', async () => {
    const token = await newToken('py-overfit');
    const py = runPython(loop('py-overfit', 300, 0.4), { CURVE_TRIAGE_TOKEN: token, CURVE_TRIAGE_URL: url });
    const live = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' && r.method === 'POST' && /py-overfit/.test(r.json?.content ?? ''),
      60_000,
    );
    const alert = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' &&
        r.method === 'POST' &&
        /is overfitting/.test(r.json?.content ?? ''),
      120_000,
    );
    expect(alert.json.message_reference.message_id).toBeTruthy();
    const stopId = ids(live.json.components).find((id) => id.endsWith('|wstop'))!;
    const click = h.fake.component(stopId, 2);
    expect((await callbackFor(h.fake, click.token)).json.type).toBe(6);
    const pressed = Date.now() / 1000;
    const out = lastJson<{ stopped_at: number | null; times: number[] }>(await py);
    expect(out.stopped_at).not.toBeNull();
    // the epoch running when Stop was pressed, and the one whose report() said stop: the answer comes
    // with the next report after the press, and the loop sees it at the report after that
    const running = out.times.filter((t) => t <= pressed).length - 1;
    expect(out.stopped_at! - running).toBeLessThanOrEqual(2);
    expect(out.stopped_at!).toBeLessThan(299);
    const fin = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' &&
        r.files.length === 1 &&
        /watched run/.test(r.json?.content ?? '') &&
        /py-overfit/.test(r.json?.content ?? ''),
      60_000,
    );
    expect(fin.json.embeds[0].title).toMatch(/^Overfitting/);
  }, 240_000);

  test('a loop whose loss turns NaN: the alert comes at once', async () => {
    const token = await newToken('py-nan');
    const py = runPython(loop('py-nan', 12, 0.2, 6), { CURVE_TRIAGE_TOKEN: token, CURVE_TRIAGE_URL: url });
    const alert = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' &&
        r.method === 'POST' &&
        /NaN/.test(r.json?.content ?? '') &&
        /py-nan/.test(JSON.stringify(r.json ?? {})),
      60_000,
    );
    expect(alert.json.content).toMatch(/epoch 6\b/);
    await py;
    expect(channelPosts().length).toBeGreaterThan(2);
  }, 120_000);

  test('a tiny real PyTorch loop: live message, then the full diagnosis at the end', async () => {
    const token = await newToken('py-torch');
    const code = `
import json, torch
from curve_triage_watch import CurveTriageWatch
torch.manual_seed(0)
x = torch.randn(256, 8)
y = x[:, :1] * 0.5 + 0.1 * torch.randn(256, 1)
xv = torch.randn(64, 8)
yv = xv[:, :1] * 0.5 + 0.1 * torch.randn(64, 1)
model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
watch = CurveTriageWatch(run="py-torch", epochs=15)
for e in range(15):
    model.train()
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val = torch.nn.functional.mse_loss(model(xv), yv)
    watch.report(e, loss=loss.item(), val_loss=val.item())
watch.close(final=True)
print(json.dumps({"ok": True}))
`;
    const out = lastJson<{ ok: boolean }>(await runPython(code, { CURVE_TRIAGE_TOKEN: token, CURVE_TRIAGE_URL: url }));
    expect(out.ok).toBe(true);
    await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' &&
        r.method === 'POST' &&
        /py-torch/.test(r.json?.content ?? '') &&
        /Watching/.test(r.json?.content ?? ''),
      60_000,
    );
    const fin = await h.fake.waitFor(
      (r) =>
        r.route === '/channels/:channel/messages' &&
        r.files.length === 1 &&
        /watched run/.test(r.json?.content ?? '') &&
        /py-torch/.test(r.json?.content ?? ''),
      60_000,
    );
    expect(fin.json.embeds[0].title).toBeTruthy();
  }, 120_000);
});
