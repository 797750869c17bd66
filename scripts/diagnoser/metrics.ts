/**
 * How a diagnoser scores against labels: exact and acceptable accuracy, per-class recall, good-fit false
 * alarms, recall on blown-up runs, and calibration (reliability bins, expected calibration error).
 * Shared by the fit script and `npm run bench`.
 */
import type { Calibration } from '../../src/diagnose/model.js';

export interface Scored {
  /** the label (primary) and every acceptable label */
  label: string;
  acceptable: string[];
  /** what the diagnoser said and its confidence */
  got: string;
  confidence: number;
  /** the run has NaN/inf or a diverging loss (must be called unstable) */
  blewUp?: boolean;
  group?: string;
}

export interface Report {
  n: number;
  exact: number;
  acceptable: number;
  recall: Record<string, { n: number; hit: number; rate: number }>;
  goodFitFalseAlarms: { n: number; alarms: number; rate: number };
  blowUpRecall: { n: number; hit: number; rate: number };
  ece: number;
  bins: { lo: number; hi: number; n: number; confidence: number; accuracy: number }[];
  /** answers at confidence >= 0.9: how many, and the share right */
  high: { n: number; right: number; rate: number };
}

export const isRight = (s: Scored) => s.got === s.label || s.acceptable.includes(s.got);

export function score(rows: Scored[], classes: readonly string[]): Report {
  const n = rows.length;
  const recall: Report['recall'] = {};
  for (const c of classes) {
    const of = rows.filter((r) => r.label === c);
    const hit = of.filter(isRight).length;
    recall[c] = { n: of.length, hit, rate: of.length ? hit / of.length : NaN };
  }
  const good = rows.filter((r) => r.label === 'good_fit');
  const alarms = good.filter((r) => !isRight(r)).length;
  const blown = rows.filter((r) => r.blewUp);
  const blownHit = blown.filter((r) => r.got === 'unstable').length;
  const edges = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
  const bins: Report['bins'] = [];
  let ece = 0;
  for (let b = 0; b < edges.length - 1; b++) {
    const inBin = rows.filter((r) => r.confidence >= edges[b] && r.confidence < edges[b + 1]);
    if (!inBin.length) continue;
    const conf = inBin.reduce((a, r) => a + r.confidence, 0) / inBin.length;
    const acc = inBin.filter(isRight).length / inBin.length;
    bins.push({ lo: edges[b], hi: Math.min(1, edges[b + 1]), n: inBin.length, confidence: conf, accuracy: acc });
    ece += (inBin.length / n) * Math.abs(conf - acc);
  }
  const hi = rows.filter((r) => r.confidence >= 0.9);
  const hiRight = hi.filter(isRight).length;
  return {
    n,
    exact: rows.filter((r) => r.got === r.label).length / n,
    acceptable: rows.filter(isRight).length / n,
    recall,
    goodFitFalseAlarms: { n: good.length, alarms, rate: good.length ? alarms / good.length : 0 },
    blowUpRecall: { n: blown.length, hit: blownHit, rate: blown.length ? blownHit / blown.length : 1 },
    ece,
    bins,
    high: { n: hi.length, right: hiRight, rate: hi.length ? hiRight / hi.length : 1 },
  };
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-');

/** A Markdown summary of a report (the bench prints it). */
export function formatReport(title: string, r: Report, classes: readonly string[]): string {
  const lines = [
    `### ${title} (${r.n} runs)`,
    '',
    `| measure | value |`,
    `|---|---|`,
    `| primary verdict = label | ${pct(r.exact)} |`,
    `| primary verdict acceptable (borderline: either label) | ${pct(r.acceptable)} |`,
    ...classes.map((c) => `| recall ${c} | ${pct(r.recall[c].rate)} (${r.recall[c].hit}/${r.recall[c].n}) |`),
    `| good-fit false alarms | ${pct(r.goodFitFalseAlarms.rate)} (${r.goodFitFalseAlarms.alarms}/${r.goodFitFalseAlarms.n}) |`,
    `| NaN/divergence recall | ${pct(r.blowUpRecall.rate)} (${r.blowUpRecall.hit}/${r.blowUpRecall.n}) |`,
    `| answers at confidence >= 0.9 right | ${pct(r.high.rate)} (${r.high.right}/${r.high.n}) |`,
    `| expected calibration error | ${r.ece.toFixed(3)} |`,
    '',
    '| confidence bin | runs | mean confidence | accuracy |',
    '|---|---|---|---|',
    ...r.bins.map(
      (b) =>
        `| ${b.lo.toFixed(2)}-${b.hi.toFixed(2)} | ${b.n} | ${b.confidence.toFixed(3)} | ${b.accuracy.toFixed(3)} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * Isotonic fit of "right" on the probability: the answers sorted by probability, cut into runs of `min`
 * (the last takes the remainder), then pool-adjacent-violators merges neighbours while the left one's
 * rate is above the right one's. Each block is a knot: its mean probability -> its Laplace-smoothed rate.
 */
export function isotonic(points: { p: number; ok: boolean }[], min: number): Calibration {
  const s = [...points].sort((x, y) => x.p - y.p);
  const blocks: { n: number; hits: number; sumP: number }[] = [];
  for (let i = 0; i < s.length; i += min) {
    const part = s.slice(i, i + min);
    const b = { n: part.length, hits: part.filter((q) => q.ok).length, sumP: part.reduce((t, q) => t + q.p, 0) };
    if (part.length < min && blocks.length) {
      const last = blocks[blocks.length - 1];
      blocks[blocks.length - 1] = { n: last.n + b.n, hits: last.hits + b.hits, sumP: last.sumP + b.sumP };
    } else blocks.push(b);
  }
  const rate = (b: { n: number; hits: number }) => (b.hits + 1) / (b.n + 2);
  for (let i = 0; i + 1 < blocks.length;) {
    if (rate(blocks[i]) > rate(blocks[i + 1])) {
      const [x, y] = [blocks[i], blocks[i + 1]];
      blocks.splice(i, 2, { n: x.n + y.n, hits: x.hits + y.hits, sumP: x.sumP + y.sumP });
      i = Math.max(0, i - 1);
    } else i++;
  }
  return { x: blocks.map((b) => b.sumP / b.n), y: blocks.map(rate) };
}
