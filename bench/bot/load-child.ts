/**
 * The fake Discord in its own process for the load bench (so the bot's RSS is the bot's alone).
 * IPC from the parent:
 *   {type:'big', n, bytes}          n users at once each send a maximum-size CSV to /diagnose
 *   {type:'diagnose', n, concurrency} ordinary 200-epoch /diagnose requests, timed (dispatch to final edit)
 *   {type:'train', preset, epochs}  one /train; replies 'train-started' once it runs, 'train-done' at its end
 * Replies {type:'done', ...} with per-request outcomes and latencies.
 */
import { FakeDiscord, type Recorded } from '../../test/e2e/fake-discord.js';
import { bigCsv, makeLog } from './bot-bench.js';

const fake = await new FakeDiscord().start();
const logs = Array.from({ length: 64 }, (_, i) => Buffer.from(makeLog(i + 1)));
let seq = 0;
const user = (i: number) => String(900000000000000000n + BigInt(i));

type Outcome = 'ok' | 'busy' | 'other';

/** The end of one /diagnose: the final edit with a chart, or a private notice (busy or anything else). */
async function outcome(token: string, timeoutMs: number): Promise<{ outcome: Outcome; at: number; text?: string }> {
  const isEnd = (r: Recorded) =>
    r.token === token &&
    r.status < 300 &&
    ((r.method === 'PATCH' && r.files.length > 0) ||
      (r.method === 'POST' && r.route.startsWith('/webhooks/')) ||
      (r.method === 'PATCH' && /busy|try again|too long/i.test(r.json?.content ?? '')));
  const r = await fake.waitFor(isEnd, timeoutMs);
  if (r.files.length > 0) return { outcome: 'ok', at: r.at };
  const text = String(r.json?.content ?? '');
  return { outcome: /busy/i.test(text) ? 'busy' : 'other', at: r.at, text: text.slice(0, 200) };
}

async function one(data: Buffer, name: string, timeoutMs = 120_000) {
  const i = seq++;
  const t0 = performance.now();
  const { token } = fake.command(
    'diagnose',
    { file: { name, data, contentType: 'text/csv' } },
    { user: { id: user(i) } },
  );
  const o = await outcome(token, timeoutMs).catch(() => ({
    outcome: 'other' as Outcome,
    at: performance.now(),
    text: 'timeout',
  }));
  return { ...o, ms: o.at - t0 };
}

let trainToken: string | undefined;

process.on(
  'message',
  async (m: { type: string; n?: number; bytes?: number; concurrency?: number; preset?: string; epochs?: number }) => {
    if (m.type === 'ready?') {
      await fake.nextSession();
      process.send!({ type: 'ready' });
    } else if (m.type === 'big') {
      const data = bigCsv(m.bytes ?? 8 * 1024 * 1024);
      const rows = data.toString('latin1').split('\n').length - 2;
      const t0 = performance.now();
      const res = await Promise.all(Array.from({ length: m.n ?? 10 }, (_, k) => one(data, `big-${k}.csv`)));
      fake.requests.length = 0;
      process.send!({ type: 'done', rows, bytes: data.length, results: res, wall: performance.now() - t0 });
    } else if (m.type === 'diagnose') {
      const lat: number[] = [];
      let failed = 0;
      let left = m.n ?? 0;
      await Promise.all(
        Array.from({ length: m.concurrency ?? 1 }, async () => {
          while (left-- > 0) {
            const r = await one(logs[seq % logs.length], `run-${seq}.csv`, 60_000);
            if (r.outcome === 'ok') lat.push(r.ms);
            else failed++;
          }
        }),
      );
      fake.requests.length = 0;
      process.send!({ type: 'done', lat, failed });
    } else if (m.type === 'train') {
      const { token } = fake.command(
        'train',
        { preset: m.preset ?? 'overfit', ...(m.epochs ? { epochs: m.epochs } : {}) },
        { user: { id: '800000000000000001' } },
      );
      trainToken = token;
      // the first progress edit: the run is training
      await fake.waitFor(
        (r) => r.token === token && r.method === 'PATCH' && /epoch \d+/.test(r.json?.content ?? ''),
        120_000,
      );
      process.send!({ type: 'train-started' });
      const fin = await fake
        .waitFor((r) => r.token === trainToken && r.method === 'PATCH' && r.files.length > 0, 600_000)
        .catch(() => undefined);
      process.send!({ type: 'train-done', ok: !!fin });
    } else if (m.type === 'stop') {
      await fake.stop();
      process.exit(0);
    }
  },
);
process.send!({ type: 'port', apiUrl: fake.apiUrl });
