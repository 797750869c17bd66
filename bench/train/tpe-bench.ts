/**
 * TPE vs random search on the same budget (issue 16's bar): per dataset, per seed, three searches of
 * the same number of trials over the guide's space (units scaled to fit the 2-core machine): random
 * search (what `sweep --random` does), TPE without pruning, TPE with median-stopping pruning. Prints
 * the mean best val_loss of each, the share of seeds where TPE beats random, and what pruning saved
 * (epochs) and cost (best val_loss, TPE with vs without pruning on the same seeds).
 *
 *   npx tsx bench/run.ts tpe              (TPE_BENCH_SEEDS=N, TPE_BENCH_TRIALS=N, TPE_BENCH_EPOCHS=N)
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseConfig, type TrainConfigInput } from '../../src/train/config.js';
import { runArm, type SearchArm } from '../../src/train/search/run.js';
import { defaultStartup } from '../../src/train/search/plan.js';
import type { SearchSpace } from '../../src/train/search/space.js';
import { train } from '../../src/train/trainer.js';

const SEEDS = Number(process.env.TPE_BENCH_SEEDS) || 10;
const TRIALS = Number(process.env.TPE_BENCH_TRIALS) || 12;
const EPOCHS = Number(process.env.TPE_BENCH_EPOCHS) || 10;

/**
 * The guide's space with units 16..96 (the guide's 32..256 takes ~5x the time per trial: 30 searches
 * x 3 arms would not finish in an hour on the shared 2-core machine).
 */
export const BENCH_SPACE: SearchSpace = {
  units: { type: 'quniform', low: 16, high: 96, q: 16 },
  lr: { type: 'loguniform', low: -5, high: -2 },
  dropout: { type: 'uniform', low: 0, high: 0.5 },
};

const DATASETS: { name: string; config: TrainConfigInput }[] = [
  {
    name: 'temperature (real)',
    config: { data: { dataset: 'temperature', samples: 200, n_steps: 10, noise: 0, scaling: 'standard', seed: 6 } },
  },
  { name: 'noisy_sine', config: { data: { dataset: 'noisy_sine', samples: 200, n_steps: 10, noise: 0.3, seed: 2 } } },
  {
    name: 'linear',
    config: {
      data: { dataset: 'linear', samples: 150, n_steps: 5, noise: 0.01, scaling: 'none', shuffle: true, seed: 1 },
    },
  },
];

export interface TpeBenchRow {
  dataset: string;
  seeds: number;
  random: number;
  tpe: number;
  tpeWins: number;
  tpePruned: number;
  epochsFull: number;
  epochsPruned: number;
  prunedTrials: number;
  pruneWorse: number;
  seconds: number;
}

const best = (a: SearchArm) => a.best_so_far[a.best_so_far.length - 1];
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

async function benchDataset(d: (typeof DATASETS)[number]): Promise<TpeBenchRow> {
  const t0 = performance.now();
  const row: TpeBenchRow = {
    dataset: d.name,
    seeds: SEEDS,
    random: 0,
    tpe: 0,
    tpeWins: 0,
    tpePruned: 0,
    epochsFull: 0,
    epochsPruned: 0,
    prunedTrials: 0,
    pruneWorse: 0,
    seconds: 0,
  };
  const r: number[] = [];
  const t: number[] = [];
  const tp: number[] = [];
  for (let seed = 0; seed < SEEDS; seed++) {
    const base = parseConfig({
      ...d.config,
      model: { lstm: [{ units: 32 }] },
      fit: { epochs: EPOCHS, batch_size: 32, seed },
    });
    const o = { trials: TRIALS, startup: defaultStartup(TRIALS), seed };
    const trainOne = (c: Parameters<typeof train>[0], pruneAbove?: (number | null)[]) => train(c, { pruneAbove });
    const random = (await runArm(base, BENCH_SPACE, { ...o, sampler: 'random', prune: false }, trainOne)).arm;
    const tpe = (await runArm(base, BENCH_SPACE, { ...o, sampler: 'tpe', prune: false }, trainOne)).arm;
    const pruned = (await runArm(base, BENCH_SPACE, { ...o, sampler: 'tpe', prune: true }, trainOne)).arm;
    r.push(best(random));
    t.push(best(tpe));
    tp.push(best(pruned));
    if (best(tpe) < best(random)) row.tpeWins++;
    if (best(pruned) > best(tpe)) row.pruneWorse++;
    row.epochsFull += tpe.epochs_run;
    row.epochsPruned += pruned.epochs_run;
    row.prunedTrials += pruned.pruned;
    process.stderr.write(
      `${d.name} seed ${seed}: random ${best(random).toPrecision(3)} tpe ${best(tpe).toPrecision(3)} tpe+prune ${best(pruned).toPrecision(3)} (${pruned.pruned} pruned, ${pruned.epochs_saved} epochs saved)\n`,
    );
  }
  return { ...row, random: mean(r), tpe: mean(t), tpePruned: mean(tp), seconds: (performance.now() - t0) / 1000 };
}

export async function runTpeBench(): Promise<TpeBenchRow[]> {
  const rows: TpeBenchRow[] = [];
  for (const d of DATASETS) rows.push(await benchDataset(d));
  return rows;
}

const g = (v: number) => v.toPrecision(3);

export function formatTable(rows: TpeBenchRow[]): string {
  const head = [
    'dataset',
    'random best',
    'TPE best',
    'TPE/random',
    'TPE wins',
    'TPE+prune best',
    'prune/full',
    'epochs saved',
    'pruned trials',
    'prune worse',
    'time',
  ];
  const body = rows.map((x) => [
    x.dataset,
    g(x.random),
    g(x.tpe),
    `${(x.tpe / x.random).toFixed(2)}x`,
    `${x.tpeWins}/${x.seeds}`,
    g(x.tpePruned),
    `${(x.tpePruned / x.tpe).toFixed(2)}x`,
    `${Math.round((100 * (x.epochsFull - x.epochsPruned)) / x.epochsFull)}% (${x.epochsFull - x.epochsPruned}/${x.epochsFull})`,
    `${x.prunedTrials}/${x.seeds * TRIALS}`,
    `${x.pruneWorse}/${x.seeds}`,
    `${Math.round(x.seconds)} s`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(w[i])).join(' | ')} |`;
  return [
    `${TRIALS} trials per search, ${EPOCHS} epochs per trial, ${SEEDS} seeds; space: units 16..96 step 16, lr e^-5..e^-2 (log), dropout 0..0.5; load average ${loadavg()[0].toFixed(1)}`,
    line(head),
    line(w.map((n) => '-'.repeat(n))),
    ...body.map(line),
    'best: the lowest best val_loss of the search (mean over seeds, scaled units); TPE wins: seeds where TPE < random; prune worse: seeds where TPE with pruning ended above TPE without (the two searches part at the first pruned trial); epochs saved: TPE with vs without pruning',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(formatTable(await runTpeBench()));
