/**
 * The crash test's writer (run with `node --import tsx`): opens the store named by DATA_DIR or
 * DATABASE_URL and records runs with several in flight, printing `ack <id>` once each record() has
 * resolved, until it is killed.
 */
import { triage } from '../../src/pipeline.js';
import { memoryOptionsFromEnv, openMemory, type Scope } from '../../src/memory/index.js';
import { csvLog } from './helpers.js';

const scope: Scope = { kind: 'guild', guildId: 'crash' };
const store = await openMemory(memoryOptionsFromEnv(process.env));
await store.setSettings(scope, { enabled: true, by: 'admin' });
const logs = [0, 0.005, 0.012, 0.03].map((rise) => triage(csvLog(200, { rise })));
process.stdout.write('ready\n');
let n = 0;
async function writer(): Promise<void> {
  for (;;) {
    const r = logs[n++ % logs.length];
    const s = await store.record({
      scope,
      userId: `u${n % 7}`,
      channelId: 'c',
      source: 'train',
      title: `run ${n}`,
      log: r.log,
      diagnosis: r.diagnosis,
      config: { n, lr: 0.001 * (n % 5) },
    });
    process.stdout.write(`ack ${s.id}\n`);
  }
}
await Promise.all([writer(), writer(), writer(), writer()]);
