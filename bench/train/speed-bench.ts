/**
 * ms/epoch of our TF.js trainer vs PyTorch CPU on the seed config (noisy sine, T=10, 1,000 windows,
 * 800 train / 200 val, batch 32), for LSTM(32), LSTM(64), LSTM(128), LSTM(64)->LSTM(32).
 * Also: tf.layers' LSTM + model.fit (what we replaced) and batch 128, to show what each change did.
 *
 *   npx tsx bench/train/speed-bench.ts            # or runTrainBench() from a top-level runner
 *   SPEED_EPOCHS=5 SPEED_SKIP_LAYERS=1 ...
 *
 * PyTorch runs with /usr/bin/python3 (Debian python3-torch); the python3 first on PATH may lack torch.
 * The numbers depend on machine load: note it (uptime is printed) when comparing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig, type TrainConfig } from '../../src/train/config.js';
import { train } from '../../src/train/trainer.js';
import { loadTf } from '../../src/train/engine/backend.js';
import { buildDataset } from '../../src/train/data.js';
import { parallelThreads } from '../../src/train/threads/parallel.js';

export const MODELS: { label: string; units: number[] }[] = [
  { label: 'LSTM(32)', units: [32] },
  { label: 'LSTM(64)', units: [64] },
  { label: 'LSTM(128)', units: [128] },
  { label: 'LSTM(64)->LSTM(32)', units: [64, 32] },
];

const PY = String.raw`
import json, sys, time
import torch
from torch import nn
cfg = json.loads(sys.argv[1])
torch.set_num_threads(cfg["threads"])
torch.manual_seed(0)
x = torch.tensor(cfg["x"], dtype=torch.float32).reshape(-1, cfg["T"], 1)
y = torch.tensor(cfg["y"], dtype=torch.float32)
xv = torch.tensor(cfg["xv"], dtype=torch.float32).reshape(-1, cfg["T"], 1)
yv = torch.tensor(cfg["yv"], dtype=torch.float32)
class M(nn.Module):
    def __init__(self, units):
        super().__init__()
        self.layers = nn.ModuleList()
        inp = 1
        for u in units:
            self.layers.append(nn.LSTM(inp, u, batch_first=True))
            inp = u
        self.out = nn.Linear(inp, 1)
    def forward(self, s):
        for l in self.layers:
            s, _ = l(s)
        return self.out(s[:, -1, :]).squeeze(-1)
res = {}
for units in cfg["models"]:
    m = M(units)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
    times = []
    for ep in range(cfg["epochs"]):
        t0 = time.perf_counter()
        m.train()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), cfg["bs"]):
            idx = perm[i:i + cfg["bs"]]
            loss = torch.mean((m(x[idx]) - y[idx]) ** 2)
            opt.zero_grad(); loss.backward(); opt.step()
            float(loss)
        m.eval()
        with torch.no_grad():
            float(torch.mean((m(xv) - yv) ** 2))
        times.append((time.perf_counter() - t0) * 1000)
    res["-".join(map(str, units))] = times
print(json.dumps(res))
`;

/** The fastest epoch after the first (warm-up): on a shared machine the least disturbed by other processes (as timeit does). */
const median = (a: number[]) => (a.length ? Math.min(...a) : NaN);

function seedConfig(units: number[], batch = 32, epochs = 4): TrainConfig {
  return parseConfig({
    data: { dataset: 'noisy_sine', samples: 1000, n_steps: 10, noise: 0.1, scaling: 'standard' },
    model: { lstm: units.map((u) => ({ units: u })) },
    fit: { epochs, batch_size: batch, validation_split: 0.2 },
  });
}

/** ms/epoch of our trainer (epoch 1 excluded: warm-up); `threads` sets CURVE_TRIAGE_TRAIN_PARALLEL for the run */
async function ours(units: number[], batch: number, epochs: number, threads?: number): Promise<number> {
  const times: number[] = [];
  let last = 0;
  const before = process.env.CURVE_TRIAGE_TRAIN_PARALLEL;
  if (threads !== undefined) process.env.CURVE_TRIAGE_TRAIN_PARALLEL = String(threads);
  try {
    await train(seedConfig(units, batch, epochs), {
      onEpoch: (e) => {
        times.push(e.elapsed_ms - last);
        last = e.elapsed_ms;
      },
    });
  } finally {
    if (before === undefined) delete process.env.CURVE_TRIAGE_TRAIN_PARALLEL;
    else process.env.CURVE_TRIAGE_TRAIN_PARALLEL = before;
  }
  return median(times.slice(1));
}

/** the tf.layers LSTM + model.fit baseline (what we replaced) */
async function layersBaseline(units: number[], batch: number, epochs: number): Promise<number> {
  const { tf } = await loadTf();
  const ds = buildDataset(seedConfig(units));
  const x = tf.tensor3d(ds.xTrain, [ds.nTrain, 10, 1]);
  const y = tf.tensor2d(ds.yTrain, [ds.nTrain, 1]);
  const xv = tf.tensor3d(ds.xVal, [ds.nVal, 10, 1]);
  const yv = tf.tensor2d(ds.yVal, [ds.nVal, 1]);
  const m = tf.sequential();
  units.forEach((u, i) =>
    m.add(
      tf.layers.lstm({ units: u, returnSequences: i < units.length - 1, ...(i === 0 ? { inputShape: [10, 1] } : {}) }),
    ),
  );
  m.add(tf.layers.dense({ units: 1 }));
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const times: number[] = [];
  let t = performance.now();
  await m.fit(x, y, {
    epochs,
    batchSize: batch,
    validationData: [xv, yv],
    verbose: 0,
    callbacks: {
      onEpochEnd: async () => {
        const now = performance.now();
        times.push(now - t);
        t = now;
      },
    },
  });
  m.dispose();
  tf.dispose([x, y, xv, yv]);
  return median(times.slice(1));
}

function torchTimes(batch: number, epochs: number, threads: number): Record<string, number> | string {
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0)
    return 'PyTorch not available (/usr/bin/python3 -c "import torch" failed)';
  const ds = buildDataset(seedConfig([32]));
  const dir = mkdtempSync(join(tmpdir(), 'ct-speed-'));
  const script = join(dir, 'torch_speed.py');
  writeFileSync(script, PY);
  const arg = JSON.stringify({
    threads,
    T: 10,
    bs: batch,
    epochs,
    models: MODELS.map((m) => m.units),
    x: Array.from(ds.xTrain),
    y: Array.from(ds.yTrain),
    xv: Array.from(ds.xVal),
    yv: Array.from(ds.yVal),
  });
  const argFile = join(dir, 'cfg.json');
  writeFileSync(argFile, arg);
  const out = execFileSync(
    py,
    [
      '-c',
      `import sys; sys.argv=[sys.argv[0], open(${JSON.stringify(argFile)}).read()]; exec(open(${JSON.stringify(script)}).read())`,
    ],
    { maxBuffer: 1 << 24 },
  ).toString();
  const res = JSON.parse(out) as Record<string, number[]>;
  return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, median(v.slice(1))]));
}

export interface SpeedRow {
  model: string;
  ours_ms: number;
  ours_b128_ms: number;
  /** the same run on one thread (CURVE_TRIAGE_TRAIN_PARALLEL=1) */
  ours_1t_ms: number;
  layers_ms?: number;
  torch_ms?: number;
  torch_1t_ms?: number;
  ratio?: number;
}

export async function runTrainBench(log: (s: string) => void = console.log): Promise<SpeedRow[]> {
  const epochs = Number(process.env.SPEED_EPOCHS ?? 4);
  const { backend, wasm } = await loadTf();
  log(
    `# training speed: ms/epoch, seed config (T=10, 1,000 windows: 800 train + 200 val, batch 32), fastest of epochs 2..${epochs} (the least disturbed by other load)`,
  );
  log(
    `backend: ${backend}${wasm ? ` (simd ${wasm.simd}, threads ${wasm.threads})` : ''}; training threads per run: ${parallelThreads()}; ${cpus().length} cores; load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} (shared machine: other sessions were busy)`,
  );
  const torch2 = torchTimes(32, epochs, 2);
  const torch1 = torchTimes(32, epochs, 1);
  const rows: SpeedRow[] = [];
  for (const m of MODELS) {
    const key = m.units.join('-');
    const row: SpeedRow = {
      model: m.label,
      ours_ms: await ours(m.units, 32, epochs),
      ours_1t_ms: await ours(m.units, 32, epochs, 1),
      ours_b128_ms: await ours(m.units, 128, epochs),
    };
    if (!process.env.SPEED_SKIP_LAYERS) row.layers_ms = await layersBaseline(m.units, 32, Math.min(epochs, 3));
    if (typeof torch2 === 'object') row.torch_ms = torch2[key];
    if (typeof torch1 === 'object') row.torch_1t_ms = torch1[key];
    // compare with PyTorch's better setting: on a loaded 2-core machine its 2-thread runs can be much slower
    const torchBest = Math.min(row.torch_ms ?? Infinity, row.torch_1t_ms ?? Infinity);
    if (Number.isFinite(torchBest)) row.ratio = row.ours_ms / torchBest;
    rows.push(row);
  }
  if (typeof torch2 === 'string') log(torch2);
  const f = (v?: number) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(0));
  log('');
  log(
    '| model | ours, batch 32 (default: 2 threads) | ours, 1 thread | ours, batch 128 | tf.layers LSTM + fit, batch 32 | PyTorch CPU 2 threads, batch 32 | PyTorch 1 thread | ours / PyTorch (best of 1 and 2 threads) |',
  );
  log('|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    log(
      `| ${r.model} | ${f(r.ours_ms)} | ${f(r.ours_1t_ms)} | ${f(r.ours_b128_ms)} | ${f(r.layers_ms)} | ${f(r.torch_ms)} | ${f(r.torch_1t_ms)} | ${r.ratio ? r.ratio.toFixed(1) + 'x' : '-'} |`,
    );
  log(
    `after: load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTrainBench();
}
