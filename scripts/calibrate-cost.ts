/**
 * Calibrate src/train/cost.ts on this machine: train a dozen configurations for a few epochs each in
 * the real training pool (trainInWorker: fused engine, the peer thread), take each one's fastest epoch
 * (the least disturbed by other load, as timeit does), and fit A, B, C of
 *   seconds/epoch = A*params*n_steps*windows + B*n_steps*windows + C*params*batches
 * by least squares. Prints the fit and each configuration's measured vs estimated time.
 * Run: `npx tsx scripts/calibrate-cost.ts`
 */
import { parseConfig, countParams, type TrainConfig } from '../src/train/config.js';
import { trainInWorker, closePool } from '../src/train/index.js';
import { epochSeconds, COST } from '../src/train/cost.js';
import { loadavg } from 'node:os';

const grid: { lstm: number[]; bs: number; T: number; samples: number }[] = [
  { lstm: [8], bs: 32, T: 10, samples: 1000 },
  { lstm: [32], bs: 32, T: 10, samples: 1000 },
  { lstm: [64], bs: 32, T: 10, samples: 1000 },
  { lstm: [128], bs: 32, T: 10, samples: 1000 },
  { lstm: [32], bs: 4, T: 10, samples: 400 },
  { lstm: [128], bs: 4, T: 10, samples: 200 },
  { lstm: [32], bs: 128, T: 10, samples: 2000 },
  { lstm: [64], bs: 32, T: 30, samples: 600 },
  { lstm: [128, 64], bs: 32, T: 10, samples: 800 },
  { lstm: [64, 32], bs: 32, T: 10, samples: 1000 },
  { lstm: [256], bs: 32, T: 10, samples: 400 },
  { lstm: [16], bs: 8, T: 20, samples: 1000 },
];

const EPOCHS = 6;
const rows: { c: TrainConfig; s: number; x: [number, number, number] }[] = [];
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const g of grid) {
  const c = parseConfig({
    data: { dataset: 'noisy_sine', samples: g.samples, n_steps: g.T, seed: 1 },
    model: { lstm: g.lstm.map((units) => ({ units })) },
    fit: { epochs: EPOCHS, batch_size: g.bs },
  });
  const times: number[] = [];
  let last = 0;
  await trainInWorker(c, {
    progressMs: 0,
    onProgress: (e) => {
      times.push(e.elapsed_ms - last);
      last = e.elapsed_ms;
    },
  });
  const s = Math.min(...times.slice(1)) / 1000;
  const P = countParams(c.model);
  const N = c.data.samples;
  const nTrain = Math.floor(N * (1 - c.fit.validation_split));
  const batches = Math.ceil(nTrain / Math.min(c.fit.batch_size, nTrain));
  rows.push({ c, s, x: [P * g.T * N, g.T * N, P * batches] });
}
await closePool();

// least squares on relative error (divide each row by its measurement): small configs count as much as big ones
const XtX = [0, 1, 2].map(() => [0, 0, 0]);
const Xty = [0, 0, 0];
for (const r of rows) {
  const x = r.x.map((v) => v / r.s);
  for (let i = 0; i < 3; i++) {
    Xty[i] += x[i];
    for (let j = 0; j < 3; j++) XtX[i][j] += x[i] * x[j];
  }
}
function solve(A: number[][], b: number[]): number[] {
  const M = A.map((row, i) => [...row, b[i]]);
  const n = b.length;
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let k = i + 1; k < n; k++) if (Math.abs(M[k][i]) > Math.abs(M[p][i])) p = k;
    [M[i], M[p]] = [M[p], M[i]];
    for (let k = i + 1; k < n; k++) {
      const f = M[k][i] / M[i][i];
      for (let j = i; j <= n; j++) M[k][j] -= f * M[i][j];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--)
    x[i] = (M[i][n] - M[i].slice(i + 1, n).reduce((a, v, k) => a + v * x[i + 1 + k], 0)) / M[i][i];
  return x;
}
const [a, b, c] = solve(XtX, Xty).map((v) => Math.max(0, v));
const fit = { aNs: a * 1e9, bNs: b * 1e9, cNs: c * 1e9, runOverheadS: COST.runOverheadS };
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `fit: aNs ${fit.aNs.toPrecision(3)}, bNs ${fit.bNs.toPrecision(3)}, cNs ${fit.cNs.toPrecision(3)}   (in use: ${JSON.stringify(COST)})`,
);
console.log(
  '| model | batch | n_steps | windows | params | measured ms/epoch | fit ms/epoch | in-use model ms/epoch |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| LSTM(${r.c.model.lstm.map((l) => l.units).join('-')}) | ${r.c.fit.batch_size} | ${r.c.data.n_steps} | ${r.c.data.samples} | ${countParams(r.c.model)} | ${(r.s * 1000).toFixed(1)} | ${(epochSeconds(r.c, fit) * 1000).toFixed(1)} | ${(epochSeconds(r.c) * 1000).toFixed(1)} |`,
  );
}
process.exit(0);
