/**
 * How reproducible are the zoo's labels? Each label comes from ONE draw of the labelling experiment: one
 * seed re-run and one re-run per remedy, each with one weight/shuffle seed. `generate.ts --reseed K`
 * redoes that experiment with other seeds (same data, same base run); this script relabels the second
 * draw with the SAME rule (label.ts labelRecord, then scripts/diagnoser/data.ts guideLabel as readZoo
 * applies it) and compares it with the committed zoo's labels for the same runs:
 *
 *   (a) label agreement between the two draws (primary equal; one's primary in the other's acceptable
 *       set), by original label and by how clearly the original won, and the confusion table;
 *   (b) a two-seed label: each remedy's help averaged over the two draws, the seed noise averaged over
 *       both seed re-runs, relabelled by label.ts labelFromHelp;
 *   (c) the shipped diagnoser (diagnose() on the base history, as bench/diagnose/zoo-bench.ts) scored
 *       against the original, the reseeded and the two-seed label, and on the runs where the draws agree.
 *
 * A diagnoser cannot agree with a label more often than the label agrees with itself: (a) is the ceiling.
 *
 *   npx tsx scripts/zoo/reproducibility.ts [--raw bench/zoo/raw] [--reseed 1] [--zoo bench/zoo/zoo.jsonl.gz]
 *
 * Reads bench/zoo/raw/reseed-<K>-*.jsonl (git-ignored; docs/zoo.md "Label reproducibility" gives the
 * command that writes them). No training here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { interventionStats, labelFromHelp, labelRecord, refLoss, type RawRecord } from './label.js';
import { loadZoo, recordHistory, ZOO_PATH, type ZooLabel, type ZooRecord } from './load.js';
import type { ZooConfig } from './families.js';
import { guideLabel } from '../diagnoser/data.js';
import { isRight, type Scored } from '../diagnoser/metrics.js';
import { diagnose } from '../../src/diagnose/index.js';
import { historyToLog } from '../../src/train/history.js';

const LABELS: ZooLabel[] = ['good_fit', 'overfitting', 'underfitting', 'high_variance', 'unstable'];
const REMEDIES = ['unstable', 'underfitting', 'overfitting', 'high_variance'] as const;
type Remedy = (typeof REMEDIES)[number];

/** a label as the diagnoser is scored against it (after guideLabel) */
interface Lab {
  label: string;
  acceptable: string[];
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : def;
}

/** the raw lines of one reseed draw (a line cut by a kill is skipped; a re-done id keeps its last line) */
function readReseed(dir: string, k: number): RawRecord[] {
  if (!existsSync(dir)) return [];
  const out = new Map<string, RawRecord>();
  for (const f of readdirSync(dir)
    .filter((f) => f.startsWith(`reseed-${k}-`) && f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as RawRecord;
        out.set(r.id, r);
      } catch {
        /* a line cut by a kill */
      }
    }
  }
  return [...out.values()];
}

/** guideLabel on a label computed for a committed record (the same base run: best_val and ref_loss are the record's) */
function guided(rec: ZooRecord, l: Lab & { borderline: boolean }): Lab {
  const g = guideLabel({ ...rec, label: l.label, acceptable: l.acceptable, borderline: l.borderline } as ZooRecord & {
    label: string;
    acceptable: string[];
  });
  return { label: g.label, acceptable: [...new Set([g.label, ...g.acceptable])] };
}

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : '-');
const sameHistory = (a: (number | null)[], b: (number | null)[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function main(): void {
  const k = Number(arg('reseed', '1'));
  const raws = readReseed(arg('raw', 'bench/zoo/raw'), k);
  const zoo = new Map(loadZoo(arg('zoo', ZOO_PATH)).map((r) => [r.id, r]));
  const rows = raws
    .filter((r) => zoo.has(r.id))
    .sort((a, b) => a.family_index - b.family_index || a.id.localeCompare(b.id));
  if (!rows.length) {
    console.error(
      `no reseed-${k} runs found that are in the zoo: run scripts/zoo/generate.ts --reseed ${k} first (docs/zoo.md)`,
    );
    process.exit(1);
  }
  const splits = new Set(rows.map((r) => zoo.get(r.id)!.split));

  let baseSame = 0;
  let committedSame = 0;
  const data: {
    id: string;
    orig: Lab;
    re: Lab;
    two: Lab;
    clarity: number;
    helpOrig: Record<Remedy, number>;
    helpRe: Record<Remedy, number>;
    got: string;
  }[] = [];
  for (const raw of rows) {
    const rec = zoo.get(raw.id)!;
    // the base run is the zoo's: same config, same seeds, same engine -> the same history
    if (
      sameHistory(raw.base.history.loss, rec.history.loss) &&
      sameHistory(raw.base.history.val_loss, rec.history.val_loss)
    )
      baseSame++;
    const ref = refLoss(raw.base.config as ZooConfig);
    const base = { history: rec.history, loss_scale: rec.base.loss_scale };
    const helpOrig = Object.fromEntries(REMEDIES.map((m) => [m, rec.remedies[m].help])) as Record<Remedy, number>;
    // sanity: the committed label follows from its stored help scores (the rule as label.ts applies it)
    const again = labelFromHelp(helpOrig, rec.seed_rerun.help / 2, base, ref, rec.task);
    if (again.label === rec.label && JSON.stringify(again.acceptable) === JSON.stringify(rec.acceptable))
      committedSame++;
    const orig = guided(rec, rec);
    const reRec = labelRecord(raw, rec.split);
    const re = guided(rec, reRec);
    const st = interventionStats(raw);
    // two draws: each remedy's help averaged, the seed noise (half |seed re-run help|) averaged over both seed re-runs
    const help2 = Object.fromEntries(REMEDIES.map((m) => [m, (helpOrig[m] + st.help[m]) / 2])) as Record<
      Remedy,
      number
    >;
    const noise2 = (Math.abs(rec.seed_rerun.help) + Math.abs(st.seedS.help)) / 4;
    const two = guided(rec, labelFromHelp(help2, noise2, base, ref, rec.task));
    // how clearly the original draw's intervention picked its label (decide's margins)
    const m = rec.margins;
    const clarity = m.over_threshold < 0 ? -m.over_threshold : Math.min(m.over_threshold, m.over_runner_up);
    const d = diagnose(historyToLog(recordHistory(rec), rec.id));
    data.push({ id: raw.id, orig, re, two, clarity, helpOrig, helpRe: st.help, got: d.pattern });
  }
  const n = data.length;
  const inAcc = (a: Lab, b: Lab) => b.acceptable.includes(a.label);
  const out: string[] = [];
  out.push(
    `## Label reproducibility: reseed ${k} vs the committed zoo (${n} runs, split ${[...splits].join('+')})`,
    '',
    `Base run reproduced exactly (loss and val_loss histories equal to the zoo record's): ${baseSame}/${n}. ` +
      `Committed labels recomputed from their stored help scores: ${committedSame}/${n}.`,
    '',
    '### (a) Agreement between the two draws',
    '',
    '| measure | runs | agree |',
    '|---|---|---|',
    `| primary label equal | ${n} | ${pct(data.filter((r) => r.orig.label === r.re.label).length, n)} |`,
    `| reseeded primary within the original's acceptable set (how the bench scores a diagnoser) | ${n} | ${pct(data.filter((r) => inAcc(r.re, r.orig)).length, n)} |`,
    `| original primary within the reseeded acceptable set | ${n} | ${pct(data.filter((r) => inAcc(r.orig, r.re)).length, n)} |`,
    `| acceptable sets overlap | ${n} | ${pct(data.filter((r) => r.orig.acceptable.some((l) => r.re.acceptable.includes(l))).length, n)} |`,
    `| two-seed primary = original primary | ${n} | ${pct(data.filter((r) => r.two.label === r.orig.label).length, n)} |`,
    `| two-seed primary = reseeded primary | ${n} | ${pct(data.filter((r) => r.two.label === r.re.label).length, n)} |`,
    '',
    '| original label | runs | primary equal | reseeded within original acceptable |',
    '|---|---|---|---|',
  );
  for (const l of LABELS) {
    const rs = data.filter((r) => r.orig.label === l);
    out.push(
      `| ${l} | ${rs.length} | ${pct(rs.filter((r) => r.re.label === l).length, rs.length)} | ${pct(rs.filter((r) => inAcc(r.re, r.orig)).length, rs.length)} |`,
    );
  }
  out.push(
    '',
    '| original margin (decide: distance to the threshold / runner-up) | runs | primary equal | reseeded within original acceptable |',
    '|---|---|---|---|',
  );
  const buckets: [number, number][] = [
    [0, 0.05],
    [0.05, 0.2],
    [0.2, 0.5],
    [0.5, Infinity],
  ];
  for (const [lo, hi] of buckets) {
    const rs = data.filter((r) => r.clarity >= lo && r.clarity < hi);
    out.push(
      `| ${lo}-${hi === Infinity ? '' : hi} | ${rs.length} | ${pct(rs.filter((r) => r.re.label === r.orig.label).length, rs.length)} | ${pct(rs.filter((r) => inAcc(r.re, r.orig)).length, rs.length)} |`,
    );
  }
  out.push('', `| original \\ reseeded | ${LABELS.join(' | ')} |`, `|---|${LABELS.map(() => '---|').join('')}`);
  for (const a of LABELS)
    out.push(
      `| ${a} | ${LABELS.map((b) => data.filter((r) => r.orig.label === a && r.re.label === b).length).join(' | ')} |`,
    );
  // how far each remedy's help moves between draws
  out.push(
    '',
    '| remedy | median help (original) | median abs(help difference) between draws | correlation |',
    '|---|---|---|---|',
  );
  const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const m of REMEDIES) {
    const a = data.map((r) => r.helpOrig[m]);
    const b = data.map((r) => r.helpRe[m]);
    out.push(
      `| ${m} | ${med(a).toFixed(3)} | ${med(a.map((x, i) => Math.abs(x - b[i]))).toFixed(3)} | ${corr(a, b).toFixed(2)} |`,
    );
  }
  // (c) the shipped diagnoser
  const assessed = data.filter((r) => r.got !== 'not_assessable');
  const acc = (rs: typeof data, lab: (r: (typeof data)[number]) => Lab) => {
    const sc: Scored[] = rs.map((r) => ({
      label: lab(r).label,
      acceptable: lab(r).acceptable,
      got: r.got,
      confidence: 0,
    }));
    return [pct(sc.filter(isRight).length, sc.length), pct(sc.filter((s) => s.got === s.label).length, sc.length)];
  };
  const agree = assessed.filter((r) => r.orig.label === r.re.label);
  const agreeAcc = assessed.filter((r) => inAcc(r.re, r.orig) && inAcc(r.orig, r.re));
  out.push(
    '',
    `### (c) The shipped diagnoser (${assessed.length} assessable runs) against each label`,
    '',
    '| label | runs | diagnoser acceptable | diagnoser exact |',
    '|---|---|---|---|',
    `| original (committed zoo) | ${assessed.length} | ${acc(assessed, (r) => r.orig).join(' | ')} |`,
    `| reseeded (draw ${k}) | ${assessed.length} | ${acc(assessed, (r) => r.re).join(' | ')} |`,
    `| two-seed (helps averaged) | ${assessed.length} | ${acc(assessed, (r) => r.two).join(' | ')} |`,
    `| original, runs where both draws give the same primary | ${agree.length} | ${acc(agree, (r) => r.orig).join(' | ')} |`,
    `| original, runs where each draw's primary is acceptable to the other | ${agreeAcc.length} | ${acc(agreeAcc, (r) => r.orig).join(' | ')} |`,
    `| (ceiling) the reseeded label as the "diagnoser", against the original | ${assessed.length} | ${pct(assessed.filter((r) => inAcc(r.re, r.orig)).length, assessed.length)} | ${pct(assessed.filter((r) => r.re.label === r.orig.label).length, assessed.length)} |`,
  );
  console.log(out.join('\n'));
}

function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : NaN;
}

main();
