/**
 * Small synthetic Keras histories for the scorer tests, read by the real ingest and measured by the real
 * measure(): a scorer test builds a curve, scores it, and checks the score, the findings and the reason text.
 */
import { ingest } from '../../../src/ingest/index.js';
import { measureRun } from '../../../src/diagnose/index.js';
import { newScoring, num, pct, type Scoring } from '../../../src/diagnose/scorers/scoring.js';

export type History = Record<string, number[]>;

/** The history as a Keras history JSON file (NaN and infinities written bare, as Python's json module writes them), ingested and measured, as a fresh Scoring. */
export function scoring(history: History): Scoring {
  const text = JSON.stringify(history, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? `__${v}__` : v,
  ).replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1');
  return newScoring(measureRun(ingest(text, { format: 'keras-history-json' })));
}

/** n points of f(t) for t = 0..1. */
export function series(n: number, f: (t: number, i: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => f(i / (n - 1), i));
}

/** Deterministic +-1 wiggle (no random source: the same curve on every run). */
export const wiggle = (i: number) => Math.sin(i * 2.3) * Math.cos(i * 0.7);

/** The reasons a scorer gave for pattern p (a list tag includes it). */
export function reasonsFor(s: Scoring, p: string): string[] {
  return s.tagged
    .filter((r) => r.p !== null && (Array.isArray(r.p) ? r.p.includes(p as never) : r.p === p))
    .map((r) => r.text);
}

export { num, pct };
