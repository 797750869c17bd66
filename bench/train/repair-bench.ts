/**
 * Apply-fix on a set of broken configs (the presets plus our own): train, diagnose, repair, retrain,
 * compare. A config counts as repaired when the retrained run is good_fit or its best val_loss (in the
 * data's original units) is clearly (>= 10%) better. Prints the table and the rate.
 *
 *   npx tsx bench/train/repair-bench.ts        (REPAIR_ONLY=name,name to run a subset)
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { PRESETS } from '../../src/train/presets.js';
import { applyFix, closePool, isRepaired, type FixOutcome } from '../../src/train/index.js';
import { parseConfig, type TrainConfigInput } from '../../src/train/config.js';

export const BROKEN: { name: string; config: TrainConfigInput }[] = [
  { name: 'preset overfit', config: PRESETS.overfit.config },
  { name: 'preset underfit', config: PRESETS.underfit.config },
  { name: 'preset high_variance', config: PRESETS.high_variance.config },
  { name: 'preset unstable', config: PRESETS.unstable.config },
  {
    name: 'overfit: LSTM(128) on 150 noisy-sine windows',
    config: {
      data: { dataset: 'noisy_sine', samples: 150, n_steps: 10, noise: 0.5, scaling: 'none', seed: 4 },
      model: { lstm: [{ units: 128 }] },
      optimizer: { lr: 0.01 },
      fit: { epochs: 60, batch_size: 8, validation_split: 0.1, seed: 4 },
    },
  },
  {
    name: 'overfit: LSTM(32), lr 0.01 on 150 days of temperature',
    config: {
      data: { dataset: 'temperature', samples: 150, n_steps: 10, scaling: 'standard', noise: 0 },
      model: { lstm: [{ units: 32 }] },
      optimizer: { lr: 0.01 },
      fit: { epochs: 60, batch_size: 8, validation_split: 0.2 },
    },
  },
  {
    name: 'overfit: LSTM(64) on 80 random windows',
    config: {
      data: { dataset: 'random', samples: 80, n_steps: 10, scaling: 'none', seed: 11 },
      model: { lstm: [{ units: 64 }] },
      optimizer: { lr: 0.005 },
      fit: { epochs: 100, batch_size: 4, seed: 11 },
    },
  },
  {
    name: 'underfit: LSTM(2), lr 1e-4, unscaled temperature',
    config: {
      data: { dataset: 'temperature', samples: 600, n_steps: 10, scaling: 'none' },
      model: { lstm: [{ units: 2 }] },
      optimizer: { lr: 0.0001 },
      fit: { epochs: 20, batch_size: 32 },
    },
  },
  {
    name: 'underfit: LSTM(4), lr 3e-5, linear',
    config: {
      data: { dataset: 'linear', samples: 300, n_steps: 5, noise: 0.01, scaling: 'none', shuffle: true },
      model: { lstm: [{ units: 4 }] },
      optimizer: { lr: 0.00003 },
      fit: { epochs: 30, batch_size: 32 },
    },
  },
  {
    name: 'unstable: sgd lr 1 momentum 0.9 on unscaled temperature',
    config: {
      data: { dataset: 'temperature', samples: 600, n_steps: 10, scaling: 'none' },
      model: { lstm: [{ units: 16 }] },
      optimizer: { name: 'sgd', lr: 1, momentum: 0.9 },
      fit: { epochs: 30, batch_size: 32 },
    },
  },
  {
    name: 'underfit: LSTM(8), plain SGD lr 1e-4 on a noisy sine',
    config: {
      data: { dataset: 'noisy_sine', samples: 500, n_steps: 10, noise: 0.3, scaling: 'none', seed: 8 },
      model: { lstm: [{ units: 8 }] },
      optimizer: { name: 'sgd', lr: 0.0001 },
      fit: { epochs: 20, batch_size: 32, seed: 8 },
    },
  },
  {
    name: 'overfit: LSTM(128)->LSTM(64) on 200 days of temperature',
    config: {
      data: { dataset: 'temperature', samples: 200, n_steps: 10, scaling: 'standard', seed: 9 },
      model: { lstm: [{ units: 128 }, { units: 64 }] },
      optimizer: { lr: 0.003 },
      fit: { epochs: 60, batch_size: 8, seed: 9 },
    },
  },
  {
    name: 'unstable: sgd lr 2 on a noisy sine',
    config: {
      data: { dataset: 'noisy_sine', samples: 500, n_steps: 10, noise: 0.3, scaling: 'none' },
      model: { lstm: [{ units: 16 }] },
      optimizer: { name: 'sgd', lr: 2, momentum: 0.9 },
      fit: { epochs: 30, batch_size: 32 },
    },
  },
];

export interface RepairRow {
  name: string;
  before: string;
  after: string;
  changes: string;
  best_before: number;
  best_after: number;
  verdict: string;
  repaired: boolean;
  /** fixed or improved: a good fit without losing accuracy, or clearly better */
  strict: boolean;
  broken: boolean;
  seconds: number;
}

export async function runRepairBench(log: (s: string) => void = console.log): Promise<RepairRow[]> {
  const only = process.env.REPAIR_ONLY?.split(',').map((s) => s.trim());
  const set = only ? BROKEN.filter((b) => only.some((o) => b.name.includes(o))) : BROKEN;
  log(
    `# apply-fix on ${set.length} broken configs (load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')})`,
  );
  const t0 = performance.now();
  const outcomes = await Promise.all(
    set.map(async (b) => {
      const t = performance.now();
      const f: FixOutcome = await applyFix(parseConfig(b.config));
      return { b, f, seconds: (performance.now() - t) / 1000 };
    }),
  );
  const g = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));
  const rows: RepairRow[] = outcomes.map(({ b, f, seconds }) => {
    const v = f.comparison.verdict;
    return {
      name: b.name,
      before: `${f.before.diagnosis.pattern} ${f.before.diagnosis.confidence.toFixed(2)}`,
      after: `${f.after.diagnosis.pattern} ${f.after.diagnosis.confidence.toFixed(2)}`,
      changes: f.repair.changes
        .map((c) => `${c.path}=${typeof c.to === 'object' ? JSON.stringify(c.to) : c.to}`)
        .join(', '),
      best_before: f.comparison.before.best_val_loss_orig,
      best_after: f.comparison.after.best_val_loss_orig,
      verdict: v,
      repaired: isRepaired(f.comparison),
      strict: v === 'fixed' || v === 'improved',
      broken: f.before.diagnosis.pattern !== 'good_fit',
      seconds,
    };
  });
  log('');
  log('| config | before | fix | after | best val_loss before -> after (original units) | verdict |');
  log('|---|---|---|---|---|---|');
  for (const r of rows)
    log(
      `| ${r.name} | ${r.before} | ${r.changes || '-'} | ${r.after} | ${g(r.best_before)} -> ${g(r.best_after)} | ${r.verdict} |`,
    );
  const broken = rows.filter((r) => r.broken);
  const ok = broken.filter((r) => r.repaired).length;
  log('');
  const strict = broken.filter((r) => r.strict).length;
  log(
    `repaired ${ok}/${broken.length} broken configs (${Math.round((100 * ok) / Math.max(broken.length, 1))}%): the retrained run is a good fit or its best val_loss is >= 10% lower`,
  );
  log(
    `strictly (a good fit without a >= 10% higher best val_loss, or >= 10% lower): ${strict}/${broken.length}` +
      (rows.length > broken.length
        ? `; ${rows.length - broken.length} config(s) were diagnosed good_fit before any fix and are not counted`
        : ''),
  );
  log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await runRepairBench();
  } finally {
    await closePool();
  }
}
