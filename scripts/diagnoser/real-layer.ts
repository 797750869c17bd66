/**
 * The labelled real logs as the real-log layer (src/diagnose/adapt.ts, real-calibration.ts) sees them, and the
 * adapter's leave-one-batch-out read: shared by scripts/diagnoser/calibrate-real.ts (the fit) and `npm run bench`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseDetailed } from '../../src/diagnose/index.js';
import { settle } from '../../src/diagnose/decide.js';
import type { Adapter } from '../../src/diagnose/adapt.js';
import { MODEL_CLASSES, type Probabilities } from '../../src/diagnose/model.js';
import { corpusPath, corpusRows, readCorpusLog, type CorpusRow } from './data.js';
import { isRight, type Scored } from './metrics.js';
import { DEFAULT_ADAPTER, fitAdapter, type AdapterExample, type AdapterOptions } from './adapter.js';

/** The labelled wild batches under `bench` (those with a LABELS.tsv), in order, but the ones `held` names. */
export function wildBatches(bench: string, held: ReadonlySet<string> = new Set()): string[] {
  return readdirSync(bench)
    .filter((d) => /^wild\d*$/.test(d) && existsSync(join(bench, d, 'LABELS.tsv')) && !held.has(d))
    .sort((x, y) => Number(x.slice(4) || 1) - Number(y.slice(4) || 1));
}

/** One labelled log: what is shipped now said, and what the adapter needs to settle it again. */
export interface Row extends Scored {
  group: string;
  clear: boolean;
  /** the learned model's answer (absent: refused, or the rules' own answer on an accuracy pair) */
  fit?: AdapterExample & { hard: { blewUp: boolean; frozen: boolean; adversarial: boolean } };
}

/** Every labelled log under `root` read and diagnosed as shipped now. */
export function rows(root: string, group: string): Row[] {
  return corpusRows(root)
    .filter((row) => corpusPath(root, row.file))
    .map((row) => {
      let r;
      try {
        r = diagnoseDetailed(readCorpusLog(root, row.file)!);
      } catch {
        r = undefined;
      }
      return rowOf(row, group, r);
    });
}

/** One labelled log's row from its diagnosis (undefined: the log was refused), for a caller that has diagnosed it
 * already (`npm run bench` scores each batch first). */
export function rowOf(row: CorpusRow, group: string, r: ReturnType<typeof diagnoseDetailed> | undefined): Row {
  const base = { label: row.primary, acceptable: row.acceptable, group, clear: row.clear };
  if (!r) return { ...base, got: 'not_assessable', confidence: 0 };
  const { pattern, confidence } = r.diagnosis;
  const idx = (c: string) => (MODEL_CLASSES as readonly string[]).indexOf(c);
  const fit =
    r.model && r.features
      ? {
          x: r.features,
          model: r.model as Probabilities,
          acceptable: row.acceptable.map(idx).filter((k) => k >= 0),
          label: idx(row.primary),
          hard: { blewUp: r.hardUnstable, frozen: r.frozen, adversarial: r.adversarial },
        }
      : undefined;
  return { ...base, got: pattern, confidence, ...(fit ? { fit } : {}) };
}

/** An answer of the model settled by an adapter: the verdict and its probability before any map. */
export interface Answer extends Row {
  p: number;
}
export function settled(rs: Row[], adapter: Adapter | null): (Row | Answer)[] {
  return rs.map((r) => {
    if (!r.fit) return r;
    const { pattern, probabilities } = settle(r.fit.model, r.fit.x, r.fit.hard, adapter);
    // a blown-up run's verdict is a rule: it has no probability for the map to read
    return r.fit.hard.blewUp ? { ...r, got: pattern } : { ...r, got: pattern, p: probabilities[pattern] };
  });
}
export const answered = (rs: (Row | Answer)[]) => rs.filter((r): r is Answer => 'p' in r);
/** What the adapter is fitted on: the model's answers, but not a run a hard rule decides whatever the adapter says
 * (a blown-up or frozen training loss): those would only pull it towards verdicts the rules already give. */
export const examples = (rs: Row[]) =>
  rs.flatMap((r) => (r.fit && !r.fit.hard.blewUp && !r.fit.hard.frozen ? [r.fit] : []));

/** Strict (clear rows, the primary) and lenient (all rows, any acceptable label) counts. */
export function agreement(rs: (Scored & { clear?: boolean })[]): {
  strict: [number, number];
  lenient: [number, number];
} {
  const clear = rs.filter((r) => r.clear);
  return {
    strict: [clear.filter((r) => r.got === r.label).length, clear.length],
    lenient: [rs.filter(isRight).length, rs.length],
  };
}

/** Each batch settled by an adapter fitted on the other batches (the adapter's honest read on labelled logs). */
export function leaveOneBatchOut(wild: Row[], o: AdapterOptions = DEFAULT_ADAPTER): (Row | Answer)[] {
  const batches = [...new Set(wild.map((r) => r.group))];
  return batches.flatMap((b) =>
    settled(
      wild.filter((r) => r.group === b),
      fitAdapter(examples(wild.filter((r) => r.group !== b)), o),
    ),
  );
}
