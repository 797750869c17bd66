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
import { interventionStats, labelFromHelp, labelRecord, readDraw, refLoss } from './label.js';
import { loadZoo, recordHistory, ZOO_PATH, type ZooLabel, type ZooRecord } from './load.js';
import type { ZooConfig } from './families.js';
import { guideLabel } from '../diagnoser/data.js';
import { labelFromDraws } from './average-draws.js';
import { mulberry32 } from '../../src/util/random.js';
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

/** guideLabel on a label computed for a committed record (the same base run: best_val and ref_loss are the record's) */
function guided(rec: ZooRecord, l: Lab & { borderline: boolean }): Lab {
  const g = guideLabel({ ...rec, label: l.label, acceptable: l.acceptable, borderline: l.borderline } as ZooRecord & {
    label: string;
    acceptable: string[];
  });
  return { label: g.label, acceptable: [...new Set([g.label, ...g.acceptable])] };
}

/** bootstrap resamples (by family) for the 95% intervals */
const BOOT = 2000;

/**
 * The share of rows where `hit` holds, with a 95% interval from a bootstrap over FAMILIES (the 4 members
 * of a family are near-identical configs, so runs are not independent; a per-run interval would be too
 * narrow). Seeded: the same rows give the same interval.
 */
function share<R extends { family: string }>(rows: R[], hit: (r: R) => boolean): string {
  if (!rows.length) return '-';
  const fams = new Map<string, [number, number]>();
  for (const r of rows) {
    const f = fams.get(r.family) ?? [0, 0];
    f[0] += hit(r) ? 1 : 0;
    f[1]++;
    fams.set(r.family, f);
  }
  const cells = [...fams.values()];
  const all = cells.reduce((a, c) => a + c[0], 0);
  const rnd = mulberry32(12345);
  const rates: number[] = [];
  for (let b = 0; b < BOOT; b++) {
    let h = 0,
      n = 0;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[Math.floor(rnd() * cells.length)];
      h += c[0];
      n += c[1];
    }
    rates.push(h / n);
  }
  rates.sort((a, b) => a - b);
  const q = (p: number) => (100 * rates[Math.floor(p * (BOOT - 1))]).toFixed(0);
  return `${pct(all, rows.length)} (${q(0.025)}-${q(0.975)})`;
}

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : '-');
const sameHistory = (a: (number | null)[], b: (number | null)[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function main(): void {
  // the draws to compare with the committed one (draw 0): the first is compared in detail
  const draws = arg('reseed', '1')
    .split(',')
    .map(Number)
    .filter((k) => Number.isInteger(k) && k > 0);
  if (!draws.length) throw new Error('--reseed takes draw numbers > 0, e.g. 1 or 1,2');
  const dir = arg('raw', 'bench/zoo/raw');
  const zoo = new Map(loadZoo(arg('zoo', ZOO_PATH)).map((r) => [r.id, r]));
  const byDraw = draws.map((k) => readDraw(dir, k));
  // the runs every draw holds
  const ids = [...zoo.keys()].filter((id) => byDraw.every((m) => m.has(id)));
  if (!ids.length) {
    console.error(
      `no runs found in every draw ${draws.join(', ')} that are in the zoo: run scripts/zoo/generate.ts --reseed K first (docs/zoo.md)`,
    );
    process.exit(1);
  }
  const k = draws[0];
  const names = ['original', ...draws.map((d) => `reseed ${d}`)];
  const splits = new Set(ids.map((id) => zoo.get(id)!.split));

  let baseSame = 0;
  let committedSame = 0;
  const data: {
    id: string;
    family: string;
    /** the label of each draw: [committed, ...draws] */
    labs: Lab[];
    /** two-seed label: the committed draw and the first reseed, helps averaged */
    two: Lab;
    /** every draw's helps averaged */
    allAvg: Lab;
    clarity: number;
    helps: Record<Remedy, number>[];
    got: string;
  }[] = [];
  for (const id of ids) {
    const rec = zoo.get(id)!;
    const raws = byDraw.map((m) => m.get(id)!);
    // the base run is the zoo's: same config, same seeds, same engine -> the same history
    if (
      raws.every(
        (raw) =>
          sameHistory(raw.base.history.loss, rec.history.loss) &&
          sameHistory(raw.base.history.val_loss, rec.history.val_loss),
      )
    )
      baseSame++;
    const ref = refLoss(rec.config as ZooConfig);
    const base = { history: rec.history, loss_scale: rec.base.loss_scale };
    const help0 = Object.fromEntries(REMEDIES.map((m) => [m, rec.remedies[m].help])) as Record<Remedy, number>;
    // the first draw's own label, from its stored help scores (the rule as label.ts applies it); a zoo
    // relabelled by average-draws.ts holds the average of its draws, recomputed from them as a check
    const again = labelFromHelp(help0, rec.seed_rerun.help / 2, base, ref, rec.task);
    const stored = rec.draws ? labelFromDraws(rec, rec.draws) : again;
    if (stored.label === rec.label && JSON.stringify(stored.acceptable) === JSON.stringify(rec.acceptable))
      committedSame++;
    const st = raws.map((raw) => interventionStats(raw));
    const helps = [help0, ...st.map((x) => x.help)];
    const seedHelps = [rec.seed_rerun.help, ...st.map((x) => x.seedS.help)];
    const labs = [guided(rec, again), ...raws.map((raw) => guided(rec, labelRecord(raw, rec.split)))];
    // several draws: each remedy's help averaged, the seed noise (half |seed re-run help|) averaged over the seed re-runs
    const averaged = (which: number[]) => {
      const h = Object.fromEntries(
        REMEDIES.map((m) => [m, which.reduce((a, i) => a + helps[i][m], 0) / which.length]),
      ) as Record<Remedy, number>;
      const noise = which.reduce((a, i) => a + Math.abs(seedHelps[i]), 0) / which.length / 2;
      return guided(rec, labelFromHelp(h, noise, base, ref, rec.task));
    };
    // how clearly the committed draw's intervention picked its label (decide's margins)
    const m = rec.margins;
    const clarity = m.over_threshold < 0 ? -m.over_threshold : Math.min(m.over_threshold, m.over_runner_up);
    const d = diagnose(historyToLog(recordHistory(rec), rec.id), { origin: 'trained' });
    data.push({
      id,
      family: rec.family,
      labs,
      two: averaged([0, 1]),
      allAvg: averaged(labs.map((_, i) => i)),
      clarity,
      helps,
      got: d.pattern,
    });
  }
  const n = data.length;
  /** a's primary is within b's acceptable set */
  const inAcc = (a: Lab, b: Lab) => b.acceptable.includes(a.label);
  const out: string[] = [];
  out.push(
    `## Label reproducibility: draws ${names.join(', ')} (${n} runs, split ${[...splits].join('+')})`,
    '',
    `Base run reproduced exactly (loss and val_loss histories equal to the zoo record's) in every draw: ${baseSame}/${n}. ` +
      `Committed labels recomputed from their stored help scores: ${committedSame}/${n}.`,
    '',
    `### (a) Agreement between the committed draw and reseed ${k}`,
    '',
    '| measure | runs | agree (95% interval, bootstrap over families) |',
    '|---|---|---|',
    `| primary label equal | ${n} | ${share(data, (r) => r.labs[0].label === r.labs[1].label)} |`,
    `| reseeded primary within the original's acceptable set (how the bench scores a diagnoser) | ${n} | ${share(data, (r) => inAcc(r.labs[1], r.labs[0]))} |`,
    `| original primary within the reseeded acceptable set | ${n} | ${share(data, (r) => inAcc(r.labs[0], r.labs[1]))} |`,
    `| acceptable sets overlap | ${n} | ${share(data, (r) => r.labs[0].acceptable.some((l) => r.labs[1].acceptable.includes(l)))} |`,
    `| two-seed primary = original primary | ${n} | ${share(data, (r) => r.two.label === r.labs[0].label)} |`,
    `| two-seed primary = reseeded primary | ${n} | ${share(data, (r) => r.two.label === r.labs[1].label)} |`,
    '',
    '| original label | runs | primary equal | reseeded within original acceptable |',
    '|---|---|---|---|',
  );
  for (const l of LABELS) {
    const rs = data.filter((r) => r.labs[0].label === l);
    out.push(
      `| ${l} | ${rs.length} | ${pct(rs.filter((r) => r.labs[1].label === l).length, rs.length)} | ${pct(rs.filter((r) => inAcc(r.labs[1], r.labs[0])).length, rs.length)} |`,
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
      `| ${lo}-${hi === Infinity ? '' : hi} | ${rs.length} | ${pct(rs.filter((r) => r.labs[1].label === r.labs[0].label).length, rs.length)} | ${pct(rs.filter((r) => inAcc(r.labs[1], r.labs[0])).length, rs.length)} |`,
    );
  }
  out.push('', `| original \\ reseed ${k} | ${LABELS.join(' | ')} |`, `|---|${LABELS.map(() => '---|').join('')}`);
  for (const a of LABELS)
    out.push(
      `| ${a} | ${LABELS.map((b) => data.filter((r) => r.labs[0].label === a && r.labs[1].label === b).length).join(' | ')} |`,
    );
  // how far each remedy's help moves between draws
  out.push(
    '',
    `| remedy | median help (original) | median abs(help difference), original vs reseed ${k} | correlation |`,
    '|---|---|---|---|',
  );
  const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const m of REMEDIES) {
    const a = data.map((r) => r.helps[0][m]);
    const b = data.map((r) => r.helps[1][m]);
    out.push(
      `| ${m} | ${med(a).toFixed(3)} | ${med(a.map((x, i) => Math.abs(x - b[i]))).toFixed(3)} | ${corr(a, b).toFixed(2)} |`,
    );
  }
  // every pair of draws. The committed draw ran each remedy with the BASE run's weight/shuffle seed (like
  // for like); a reseeded draw runs them with another seed, so two reseeded draws are the exchangeable pair
  if (draws.length > 1) {
    out.push(
      '',
      '### Every pair of draws',
      '',
      '| draws A vs B | primary equal | B within A acceptable | A within B acceptable |',
      '|---|---|---|---|',
    );
    for (let a = 0; a < names.length; a++)
      for (let b = a + 1; b < names.length; b++)
        out.push(
          `| ${names[a]} vs ${names[b]} | ${share(data, (r) => r.labs[a].label === r.labs[b].label)} | ${share(data, (r) => inAcc(r.labs[b], r.labs[a]))} | ${share(data, (r) => inAcc(r.labs[a], r.labs[b]))} |`,
        );
    out.push(
      `| all ${names.length} draws, same primary | ${share(data, (r) => r.labs.every((l) => l.label === r.labs[0].label))} | | |`,
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
    const right = new Set(rs.filter((_, i) => isRight(sc[i])).map((r) => r.id));
    return [share(rs, (r) => right.has(r.id)), pct(sc.filter((s) => s.got === s.label).length, sc.length)];
  };
  const agree = assessed.filter((r) => r.labs.every((l) => l.label === r.labs[0].label));
  const agreeAcc = assessed.filter((r) => r.labs.every((l) => inAcc(l, r.labs[0]) && inAcc(r.labs[0], l)));
  const row = (name: string, rs: typeof data, lab: (r: (typeof data)[number]) => Lab) =>
    `| ${name} | ${rs.length} | ${acc(rs, lab).join(' | ')} |`;
  out.push(
    '',
    `### (c) The shipped diagnoser (${assessed.length} assessable runs) against each label`,
    '',
    '| label | runs | diagnoser acceptable (95% interval) | diagnoser exact |',
    '|---|---|---|---|',
    row('original (committed zoo)', assessed, (r) => r.labs[0]),
    ...draws.map((d, i) => row(`reseed ${d}`, assessed, (r) => r.labs[i + 1])),
    row(`two-seed (original + reseed ${k}, helps averaged)`, assessed, (r) => r.two),
    ...(draws.length > 1 ? [row(`all ${names.length} draws, helps averaged`, assessed, (r) => r.allAvg)] : []),
    row(`original, runs where all ${names.length} draws give the same primary`, agree, (r) => r.labs[0]),
    row(`original, runs where every draw's primary is acceptable to the original and back`, agreeAcc, (r) => r.labs[0]),
    ...draws.map(
      (d, i) =>
        `| (ceiling) reseed ${d}'s label as the "diagnoser", against the original | ${assessed.length} | ${share(assessed, (r) => inAcc(r.labs[i + 1], r.labs[0]))} | ${pct(assessed.filter((r) => r.labs[i + 1].label === r.labs[0].label).length, assessed.length)} |`,
    ),
  );
  // a diagnoser sees one base run; the label is a draw from P(label | run). No diagnoser agrees with ONE
  // draw more often than E[max_l P(l)] <= sqrt(p), p = E[sum_l P(l)^2] the two draws' agreement (Jensen);
  // one that knew P(label | run) exactly would score between p and sqrt(p)
  const bounds = (a: number, b: number) => {
    const p = data.filter((r) => r.labs[a].label === r.labs[b].label).length / n;
    const pa = data.filter((r) => inAcc(r.labs[b], r.labs[a])).length / n;
    const pc = (v: number) => `${(100 * v).toFixed(1)}%`;
    return (
      `${names[a]} vs ${names[b]}: exact at most sqrt(p) = ${pc(Math.sqrt(p))} (p = ${pc(p)}: what a diagnoser ` +
      `that knew P(label | run) would score at least); acceptable ${pc(pa)} to ${pc(Math.sqrt(pa))} (the same argument applied loosely)`
    );
  };
  out.push(
    '',
    "Ceiling for a diagnoser's agreement with one draw's label, from two draws' agreement p:",
    '',
    `- ${bounds(0, 1)}`,
    ...(draws.length > 1 ? [`- ${bounds(1, 2)}`] : []),
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
