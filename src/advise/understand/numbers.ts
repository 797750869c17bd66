/** Numbers that mean something: a loss at ln K, an accuracy at 1/K, the class count a question names. */
import type { Metric, Side } from './curves.js';
import { ACC_WORDS, isTrainWord, isValWord, LOSS_WORDS, NOT_A_VALUE_BEFORE } from './words.js';

/** (curves.ts' sideOf, here so that the two modules do not import each other) */
const sideOf = (t: string): Side | undefined => (isValWord(t) ? 'val' : isTrainWord(t) ? 'train' : undefined);

export interface Num {
  v: number;
  decimals: number;
  pct: boolean;
}

export function parseNum(t: string): Num | undefined {
  const m = /^(\d*\.?\d+)(e[+-]?\d+)?(%?)$/.exec(t);
  if (!m) return undefined;
  const v = Number(m[1] + (m[2] ?? ''));
  if (!Number.isFinite(v)) return { v: Infinity, decimals: 0, pct: false };
  const dot = m[1].indexOf('.');
  return { v: m[3] ? v / 100 : v, decimals: m[2] ? 0 : dot < 0 ? 0 : m[1].length - dot - 1, pct: m[3] === '%' };
}

/** chance-level losses: cross-entropy of a uniform guess over K classes is ln K */
export const CHANCE_CLASSES = [2, 3, 4, 5, 10, 100, 1000];

export function lossAtChance(n: Num, classes?: number): boolean {
  const tol = 0.6 * 10 ** -n.decimals + 0.0015;
  // with one decimal ("loss 4.6, 100 classes") only the class count the question names is compared
  if (n.decimals === 1 && classes) return Math.abs(n.v - Math.log(classes)) <= tol;
  if (n.decimals < 2) return false;
  return [...CHANCE_CLASSES, ...(classes ? [classes] : [])].some((k) => Math.abs(n.v - Math.log(k)) <= tol);
}

export function accAtChance(n: Num, classes?: number): boolean {
  const ks = classes ? [classes] : [2, 3, 4, 5, 10, 100];
  return ks.some((k) => Math.abs(n.v - 1 / k) <= Math.min(0.01, 0.2 / k) + 0.002);
}

export function classCount(s: string): number | undefined {
  const m = /\b(\d{1,4}) ?(classes|class|categories|labels|way)\b/.exec(s);
  if (m) return Number(m[1]);
  if (/\b(binary|cats? (vs|and|or) dogs?|yes ?no|two classes)\b/.test(s)) return 2;
  if (/\b(mnist|cifar10|cifar 10|digits)\b/.test(s)) return 10;
  if (/\bcifar ?100\b/.test(s)) return 100;
  return undefined;
}

/** The metric (and curve) a number belongs to: named up to five words before it, or right after it. */
export function numberSubject(all: string[], i: number, pct: boolean): { metric?: Metric; side?: Side } {
  let metric: Metric | undefined;
  let side: Side | undefined;
  for (let j = i - 1; j >= Math.max(0, i - 5) && !parseNum(all[j]); j--) {
    metric ??= LOSS_WORDS.has(all[j]) ? 'loss' : ACC_WORDS.has(all[j]) ? 'acc' : undefined;
    side ??= sideOf(all[j]);
  }
  // "0 validation loss": the metric (and curve) named after the number
  if (!metric)
    for (let j = i + 1; j < Math.min(all.length, i + 3) && !metric; j++) {
      side ??= sideOf(all[j]);
      metric = LOSS_WORDS.has(all[j]) ? 'loss' : ACC_WORDS.has(all[j]) ? 'acc' : undefined;
    }
  return { metric: metric ?? (pct ? 'acc' : undefined), side };
}

/** Metric values said, each metric once at most, no epoch in sight: a single point ("accuracy 0.73"). */
export function onePointValues(all: string[]): boolean {
  const said = new Map<string, number>();
  all.forEach((t, i) => {
    const n = parseNum(t);
    if (!n || NOT_A_VALUE_BEFORE.has(all[i - 1] ?? '')) return;
    const { metric, side } = numberSubject(all, i, n.pct);
    if (metric && (n.decimals > 0 || n.pct))
      said.set(`${side ?? ''}:${metric}`, (said.get(`${side ?? ''}:${metric}`) ?? 0) + 1);
  });
  return said.size > 0 && [...said.values()].every((k) => k === 1) && !all.some((t) => t.startsWith('epoch'));
}
