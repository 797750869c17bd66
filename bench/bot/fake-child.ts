/**
 * The fake Discord in its own process for the bench, so the bot's process measures only the bot.
 * IPC: parent sends {type:'run', n, concurrency, epochs}; we dispatch /diagnose interactions,
 * time each from INTERACTION_CREATE to the final webhook edit, and reply {type:'done', lat, wall}.
 */
import { FakeDiscord } from '../../test/e2e/fake-discord.js';
import { makeLog } from './bot-bench.js';

const fake = await new FakeDiscord().start();
const logs = Array.from({ length: 64 }, (_, i) => Buffer.from(makeLog(i + 1)));
let seq = 0;

async function one(): Promise<number> {
  const i = seq++;
  const t0 = performance.now();
  const { token } = fake.command(
    'diagnose',
    { file: { name: `run-${i}.csv`, data: logs[i % logs.length], contentType: 'text/csv' } },
    { user: { id: String(900000000000000000n + BigInt(i)) } },
  );
  const fin = await fake.waitFor((r) => r.token === token && r.method === 'PATCH' && r.status < 300, 60_000);
  if (fin.files.length !== 1) throw new Error('no chart in the answer');
  return fin.at - t0;
}

process.on('message', async (m: { type: string; n?: number; concurrency?: number }) => {
  if (m.type === 'ready?') {
    await fake.nextSession();
    process.send!({ type: 'ready' });
  } else if (m.type === 'run') {
    const lat: number[] = [];
    let failed = 0;
    let left = m.n ?? 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: m.concurrency ?? 1 }, async () => {
        while (left-- > 0) {
          try {
            lat.push(await one());
          } catch {
            failed++;
          }
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    fake.requests.length = 0;
    process.send!({
      type: 'done',
      lat,
      failed,
      wall: performance.now() - t0,
      fakeCpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (m.type === 'stop') {
    await fake.stop();
    process.exit(0);
  }
});
process.send!({ type: 'port', apiUrl: fake.apiUrl });
