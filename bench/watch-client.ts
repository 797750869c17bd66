/**
 * What the Python live-watch client (clients/python/curve_triage_watch.py) costs the training thread:
 * the time of one report() call, p50 / p99 / max over 5,000 calls, with the watch server answering at
 * once or 50 ms late, between simulated training steps (a 1 ms sleep: frameworks release the GIL while
 * they compute) and in a tight loop (the worst case: the sender competes for the GIL). Beside it, what a
 * naive client costs: one synchronous urllib POST per report. Target (issue 17): p99 < 1 ms.
 *
 *   npx tsx bench/run.ts watch-client        # or: npx tsx bench/watch-client.ts
 *
 * Runs /usr/bin/python3 against the test's 127.0.0.1 server (test/clients/fake-watch.ts); the numbers
 * depend on machine load (printed).
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { lastJson, runPython, startFakeWatch } from '../test/clients/fake-watch.js';

const CALLS = 5000;
const NAIVE_CALLS = 100;

export interface Row {
  client: string;
  server: string;
  step: string;
  calls: number;
  p50us: number;
  p99us: number;
  maxUs: number;
  sent: number;
  dropped: number;
}

const SCRIPT = (calls: number, stepS: number, naive: boolean) => String.raw`
import json, time, urllib.request
from curve_triage_watch import CurveTriageWatch
watch = CurveTriageWatch(run="bench", epochs=${calls})
def naive(epoch, **metrics):
    body = json.dumps({"run": "bench", "epoch": epoch, "metrics": metrics}).encode()
    req = urllib.request.Request(watch.endpoint, data=body, method="POST")
    req.add_header("Authorization", "Bearer " + watch.token)
    req.add_header("Content-Type", "application/json")
    urllib.request.urlopen(req, timeout=10).read()
report = naive if ${naive ? 'True' : 'False'} else watch.report
costs = []
for epoch in range(${calls}):
    if ${stepS} > 0:
        time.sleep(${stepS})
    t = time.perf_counter()
    report(epoch, loss=0.5, val_loss=0.6, accuracy=0.81, val_accuracy=0.78)
    costs.append(time.perf_counter() - t)
watch.close(timeout=60)
costs.sort()
q = lambda p: costs[min(len(costs) - 1, int(len(costs) * p))] * 1e6
print(json.dumps({"p50": q(0.5), "p99": q(0.99), "max": costs[-1] * 1e6, "sent": watch.sent, "dropped": watch.dropped}))`;

async function measure(client: 'ours' | 'naive', delayMs: number, stepS: number): Promise<Row> {
  const server = await startFakeWatch({ delayMs });
  const calls = client === 'naive' ? NAIVE_CALLS : CALLS;
  try {
    const r = await runPython(SCRIPT(calls, stepS, client === 'naive'), {
      CURVE_TRIAGE_URL: server.url,
      CURVE_TRIAGE_TOKEN: 'ctw_BENCHBENCHBENCHBENCH00',
    });
    const out = lastJson<{ p50: number; p99: number; max: number; sent: number; dropped: number }>(r);
    return {
      client: client === 'ours' ? 'CurveTriageWatch.report' : 'naive sync POST',
      server: delayMs ? `slow (${delayMs} ms)` : 'prompt',
      step: stepS ? `${stepS * 1000} ms step` : 'tight loop',
      calls,
      p50us: out.p50,
      p99us: out.p99,
      maxUs: out.max,
      sent: client === 'naive' ? server.received.length : out.sent,
      dropped: out.dropped,
    };
  } finally {
    await server.close();
  }
}

export async function runWatchClientBench(): Promise<Row[]> {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const rows: Row[] = [];
  for (const delay of [0, 50]) {
    rows.push(await measure('ours', delay, 0.001));
    rows.push(await measure('ours', delay, 0));
    rows.push(await measure('naive', delay, 0.001));
  }
  return rows;
}

export function formatTable(rows: Row[]): string {
  const us = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} ms` : `${n.toFixed(1)} us`);
  const lines = [
    '| client | server | between calls | calls | p50 | p99 | max | p99 vs naive | sent | dropped |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const naive = rows.find((n) => n.client.startsWith('naive') && n.server === r.server);
    const ratio = naive ? `${(r.p99us / naive.p99us).toFixed(4)}x` : '';
    const cells = [
      r.client,
      r.server,
      r.step,
      r.calls,
      us(r.p50us),
      us(r.p99us),
      us(r.maxUs),
      ratio,
      r.sent,
      r.dropped,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const worst = Math.max(...rows.filter((r) => !r.client.startsWith('naive')).map((r) => r.p99us));
  lines.push('', `worst p99 of report(): ${us(worst)} (target < 1 ms: ${worst < 1000 ? 'met' : 'NOT met'})`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runWatchClientBench()));
}
