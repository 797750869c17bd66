/**
 * Curve zoo, step 1: train every run of the zoo with the project's engine -- the base run, a re-run with
 * another seed (the seed noise), and one re-run per remedy -- and append one raw JSON line per run.
 * Deterministic from --seed; resumable (ids already in --out are skipped), so it can run in the
 * background and be extended with a larger --families later.
 *
 *   CURVE_TRIAGE_TRAIN_PARALLEL=1 npx tsx scripts/zoo/generate.ts --seed 1 --families 0-239,300-359 --shard 0 --of 2 --out bench/zoo/raw/raw-0.jsonl
 *
 * Then scripts/zoo/label.ts turns the raw lines into bench/zoo/zoo.jsonl.gz (labels, splits).
 *
 * --reseed K (K > 0; default 0 = the zoo as committed): a second draw of the labelling experiment. The base
 * run is unchanged (it reproduces the zoo's base curve), but the seed re-run and every remedy train with
 * the weight/shuffle seed (fit.seed) offset by K x RESEED_STRIDE; the data seed is kept, so every run sees
 * the same windows. Write it to its own file (e.g. --out bench/zoo/raw/reseed-1-0.jsonl);
 * scripts/zoo/reproducibility.ts relabels it and compares with the committed labels.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { train, type TrainResult } from '../../src/train/trainer.js';
import { estSeconds, family, remedy, resolve, REMEDIES, type ZooConfig } from './families.js';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
}

/** ~4 significant digits; non-finite as null (JSON) */
export const r4 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

export interface RawRun {
  /** the config change (remedies) or seed change (seed re-run) */
  config: ZooConfig;
  history: Record<string, (number | null)[]>;
  /** val loss of the kept model (after any restore), in the data's original units (MSE x scale^2; classification: cross-entropy) */
  final_val: number | null;
  /** lowest val loss in original units */
  best_val: number | null;
  /** (original units) / (units the history is in) for losses: scale^2, or 1 */
  loss_scale: number;
  stop_reason: string;
  epochs_run: number;
  ms: number;
  est_s: number;
}

/** fit.seed offset per --reseed step: far from the members' seeds (index x 100 + j) and the seed re-run's (+500,000) */
export const RESEED_STRIDE = 1_000_003;

/** the config with its weight/shuffle seed moved by `reseed` draws (0: unchanged) */
export function reseeded(zc: ZooConfig, reseed: number): ZooConfig {
  if (reseed === 0) return zc;
  const c = structuredClone(zc);
  c.fit!.seed = (c.fit!.seed ?? 0) + reseed * RESEED_STRIDE;
  return c;
}

async function run(zc: ZooConfig): Promise<RawRun> {
  const c = resolve(zc);
  const res: TrainResult = await train(c);
  const s2 = c.task === 'classification' ? 1 : res.data.scale ** 2;
  const h: Record<string, (number | null)[]> = {};
  for (const [k, v] of Object.entries(res.history))
    if (k !== 'mae' && k !== 'val_mae' && Array.isArray(v)) h[k] = v.map(r4);
  const finiteVals = res.history.val_loss.filter(Number.isFinite);
  return {
    config: zc,
    history: h,
    final_val: r4(res.final_val_loss * s2),
    best_val: finiteVals.length ? r4(Math.min(...finiteVals) * s2) : null,
    loss_scale: Number(s2.toPrecision(6)),
    stop_reason: res.stop_reason,
    epochs_run: res.epochs_run,
    ms: res.ms_total,
    est_s: Number(estSeconds(c).toFixed(3)),
  };
}

async function main(): Promise<void> {
  const seed = Number(arg('seed', '1'));
  // family indices: "N" (0..N-1) or ranges "0-239,300-359"
  const spec = arg('families', '300');
  const indices =
    spec.includes('-') || spec.includes(',')
      ? spec.split(',').flatMap((p) => {
          const [a, b] = p.split('-').map(Number);
          return Array.from({ length: (b ?? a) - a + 1 }, (_, k) => a + k);
        })
      : Array.from({ length: Number(spec) }, (_, k) => k);
  const shard = Number(arg('shard', '0'));
  const of = Number(arg('of', '1'));
  const out = arg('out', `bench/zoo/raw/raw-${shard}.jsonl`);
  const from = Number(arg('from', '0'));
  const reseed = Number(arg('reseed', '0'));
  if (!Number.isInteger(reseed) || reseed < 0)
    throw new Error(`--reseed must be a whole number >= 0, got ${arg('reseed', '0')}`);
  mkdirSync(dirname(out), { recursive: true });
  const done = new Set<string>();
  if (existsSync(out)) {
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        done.add((JSON.parse(line) as { id: string }).id);
      } catch {
        /* a line cut by a kill: redone */
      }
    }
  }
  const t0 = Date.now();
  let n = 0;
  for (const i of indices) {
    if (i < from || i % of !== shard) continue;
    const fam = family(seed, i);
    for (const m of fam.members) {
      if (done.has(m.id)) continue;
      const t = Date.now();
      const baseRun = await run(m.config);
      const seedCfg = structuredClone(m.config);
      seedCfg.fit!.seed = m.seed + 500_000;
      const seedRun = await run(reseeded(seedCfg, reseed));
      const remedies: Record<string, RawRun> = {};
      for (const rem of REMEDIES) remedies[rem] = await run(reseeded(remedy(m.config, rem), reseed));
      const rec = {
        id: m.id,
        family: fam.family,
        family_index: i,
        intended: fam.intended,
        variant: fam.variant,
        task: fam.task,
        master_seed: seed,
        seed: m.seed,
        ...(reseed > 0 ? { reseed } : {}),
        base: baseRun,
        seed_rerun: seedRun,
        remedies,
      };
      appendFileSync(out, JSON.stringify(rec) + '\n');
      n++;
      const el = (Date.now() - t0) / 60000;
      console.log(
        `${m.id} ${fam.family} base ${baseRun.ms}ms (est ${(baseRun.est_s * 1000).toFixed(0)}) total ${Date.now() - t}ms; ${n} runs in ${el.toFixed(1)} min (${(n / el).toFixed(1)}/min)`,
      );
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
