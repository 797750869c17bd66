/**
 * Curve zoo, step 2b: relabel the committed zoo with more draws of the labelling experiment. A label from
 * one draw (one seed re-run, one re-run per remedy) reproduces on ~80% of runs (docs/zoo.md, "Label
 * reproducibility"); each remedy's help averaged over the draws halves its variance per doubling. This
 * reads the committed records (draw 0: their stored help scores) and the raw lines of `generate.ts
 * --reseed K` (draw K), averages each remedy's help and the seed noise over every draw a run has, and
 * relabels by the same rule (label.ts labelFromHelp). Splits, histories and draw 0's per-remedy evidence
 * are kept; each record gains `draws` (every draw's helps and seed-re-run help, and the label each draw
 * alone gives), so the label can be recomputed (test/train/zoo.test.ts does).
 *
 *   npx tsx scripts/zoo/average-draws.ts --raw bench/zoo/raw --reseed 1 [--out bench/zoo/zoo.jsonl.gz]
 *
 * Runs of the zoo missing from a draw keep the draws they have. No training here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { interventionStats, labelFromHelp, readDraw, refLoss } from './label.js';
import { loadZoo, ZOO_PATH, type ZooLabel, type ZooRecord } from './load.js';
import type { ZooConfig } from './families.js';

const REMEDIES = ['unstable', 'underfitting', 'overfitting', 'high_variance'] as const;
type Remedy = (typeof REMEDIES)[number];
type Help = Record<Remedy, number>;

/** What each draw of the experiment said about one run. */
export interface Draws {
  /** draw numbers: 0 = the committed zoo, K = generate.ts --reseed K */
  ids: number[];
  /** each draw's help per remedy (the rule's input) */
  help: Help[];
  /** each draw's seed re-run help (its half is that draw's seed noise) */
  seed_help: number[];
  /** the label each draw alone gives */
  labels: ZooLabel[];
}

const r4 = (v: number) => Number(v.toFixed(4));

/** The label from several draws: helps averaged, seed noise (half |seed re-run help|) averaged. */
export function labelFromDraws(rec: Pick<ZooRecord, 'history' | 'base' | 'config' | 'task'>, d: Draws) {
  const n = d.help.length;
  const help = Object.fromEntries(REMEDIES.map((m) => [m, d.help.reduce((a, h) => a + h[m], 0) / n])) as Help;
  const noise = d.seed_help.reduce((a, s) => a + Math.abs(s), 0) / n / 2;
  const base = { history: rec.history, loss_scale: rec.base.loss_scale };
  return labelFromHelp(help, noise, base, refLoss(rec.config as ZooConfig), rec.task);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      raw: { type: 'string', default: 'bench/zoo/raw' },
      reseed: { type: 'string', default: '1' },
      zoo: { type: 'string', default: ZOO_PATH },
      out: { type: 'string', default: ZOO_PATH },
    },
  });
  const ks = values.reseed.split(',').map(Number);
  if (!ks.every((k) => Number.isInteger(k) && k > 0)) throw new Error('--reseed takes draw numbers > 0, e.g. 1 or 1,2');
  if (!existsSync(values.raw)) throw new Error(`no raw directory ${values.raw}: run generate.ts --reseed K first`);
  const drawMaps = ks.map((k) => readDraw(values.raw, k));
  const zoo = loadZoo(values.zoo);
  const changed: Record<string, number> = {};
  const byN: Record<number, number> = {};
  const out = zoo.map((rec) => {
    const help0 = Object.fromEntries(REMEDIES.map((m) => [m, rec.remedies[m].help])) as Help;
    // draw 0 as committed (a zoo relabelled before keeps its first draw's evidence in remedies/seed_rerun)
    const d: Draws = { ids: [0], help: [help0], seed_help: [rec.seed_rerun.help], labels: [firstLabel(rec)] };
    ks.forEach((k, i) => {
      const raw = drawMaps[i].get(rec.id);
      if (!raw) return;
      const st = interventionStats(raw);
      const one = labelFromHelp(st.help, st.seedS.help / 2, raw.base, st.ref, raw.task);
      d.ids.push(k);
      d.help.push(Object.fromEntries(REMEDIES.map((m) => [m, r4(st.help[m])])) as Help);
      d.seed_help.push(r4(st.seedS.help));
      d.labels.push(one.label);
    });
    byN[d.ids.length] = (byN[d.ids.length] ?? 0) + 1;
    const { nonFinite: _nf, diverged: _dv, ...lab } = labelFromDraws(rec, d);
    const key = `${firstLabel(rec)} -> ${lab.label}`;
    if (firstLabel(rec) !== lab.label) changed[key] = (changed[key] ?? 0) + 1;
    return { ...rec, ...lab, draws: d };
  });
  writeFileSync(values.out, gzipSync(out.map((r) => JSON.stringify(r)).join('\n') + '\n', { level: 9 }));
  console.log(`${out.length} runs -> ${values.out}; runs by number of draws: ${JSON.stringify(byN)}`);
  console.log(`labels changed from draw 0: ${Object.values(changed).reduce((a, b) => a + b, 0)}`);
  for (const [k, v] of Object.entries(changed).sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(v).padStart(4)}  ${k}`);
}

/** the label draw 0 alone gives */
function firstLabel(rec: ZooRecord & { draws?: Draws }): ZooLabel {
  return rec.draws?.labels[0] ?? rec.label;
}

if (process.argv[1]?.endsWith('average-draws.ts')) main();
