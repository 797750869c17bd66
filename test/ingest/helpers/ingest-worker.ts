/**
 * Runs ingest() in a worker thread so the test side can enforce a wall-clock bound (a synchronous hang
 * in the parser cannot be interrupted in-process). Each reply classifies the outcome.
 */
import { parentPort } from 'node:worker_threads';
import { ingest, isIngestError, type IngestOptions } from '../../../src/ingest/index.js';
import { TrainingLogSchema, type TrainingLog } from '../../../src/ingest/schema.js';
import { diagnose } from '../../../src/diagnose/index.js';
import { DiagnosisSchema } from '../../../src/diagnose/schema.js';
import { joinAll, lastTraining } from '../../../src/pipeline.js';

export interface WorkerRequest {
  id: number;
  input: Uint8Array | string;
  options?: IngestOptions;
  /** also run diagnose() on every run of a successful log and check DiagnosisSchema */
  diagnose?: boolean;
}

export type WorkerReply =
  | {
      id: number;
      kind: 'ok';
      valid: boolean;
      problems: string[];
      format: string;
      runs: number;
      points: number;
      ms: number;
      diagnoseProblems?: string[];
    }
  | { id: number; kind: 'ingest_error'; code: string; message: string; ms: number }
  | { id: number; kind: 'other_error'; name: string; message: string; stack: string; ms: number };

/** Invariants beyond the zod shape that every later stage relies on. */
export function checkLog(log: TrainingLog): string[] {
  const problems: string[] = [];
  const parsed = TrainingLogSchema.safeParse(log);
  if (!parsed.success)
    problems.push(
      `schema: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  for (const run of log.runs) {
    if (run.series.length === 0) problems.push(`run ${run.index} has no series`);
    const keys = new Set<string>();
    for (const s of run.series) {
      if (keys.has(s.key)) problems.push(`run ${run.index}: duplicate key ${s.key}`);
      keys.add(s.key);
      if (s.x.length !== s.y.length)
        problems.push(`run ${run.index} ${s.key}: x has ${s.x.length} values, y ${s.y.length}`);
      if (s.x.length === 0) problems.push(`run ${run.index} ${s.key}: empty series`);
      for (let i = 0; i < s.x.length; i++) {
        if (!Number.isFinite(s.x[i])) {
          problems.push(`run ${run.index} ${s.key}: x[${i}] = ${s.x[i]}`);
          break;
        }
        if (i > 0 && s.x[i] < s.x[i - 1]) {
          problems.push(`run ${run.index} ${s.key}: x not ascending at ${i} (${s.x[i - 1]} then ${s.x[i]})`);
          break;
        }
      }
    }
  }
  return problems;
}

/** diagnose() must answer one run of a log with a Diagnosis that passes its schema. */
function diagnoseProblems(log: TrainingLog, i: number, tag: string): string[] {
  try {
    const d = diagnose(log, { run: i });
    const parsed = DiagnosisSchema.safeParse(d);
    if (parsed.success) return [];
    return [
      `${tag}: Diagnosis schema: ${parsed.error.issues
        .slice(0, 3)
        .map((x) => `${x.path.join('.')}: ${x.message}`)
        .join('; ')}`,
    ];
  } catch (e) {
    const err = e as Error;
    return [
      `${tag}: diagnose threw ${err?.name}: ${err?.message}\n${String(err?.stack ?? '')
        .split('\n')
        .slice(1, 5)
        .join('\n')}`,
    ];
  }
}

/**
 * diagnose() must answer every run of every valid log, and the runs as the pipeline joins them (the last
 * training by default, every run for --run joined) must still be a valid log it answers.
 */
export function checkDiagnose(log: TrainingLog): string[] {
  const problems: string[] = [];
  for (let i = 0; i < log.runs.length; i++) problems.push(...diagnoseProblems(log, i, `run ${i}`));
  for (const [tag, joined] of [
    ['last training', lastTraining(log)],
    ['joined', joinAll(log)],
  ] as const) {
    const invalid = checkLog(joined);
    problems.push(...invalid.map((p) => `${tag}: ${p}`));
    if (!invalid.length) problems.push(...diagnoseProblems(joined, joined.runs.length - 1, tag));
  }
  return problems;
}

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    const t0 = performance.now();
    try {
      const log = ingest(req.input, req.options);
      const problems = checkLog(log);
      const points = log.runs.reduce((a, r) => a + r.series.reduce((b, s) => b + s.x.length, 0), 0);
      const diagnoseProblems = req.diagnose && problems.length === 0 ? checkDiagnose(log) : undefined;
      port.postMessage({
        id: req.id,
        kind: 'ok',
        valid: problems.length === 0,
        problems,
        format: log.format,
        runs: log.runs.length,
        points,
        ms: performance.now() - t0,
        ...(diagnoseProblems ? { diagnoseProblems } : {}),
      } satisfies WorkerReply);
    } catch (e) {
      const ms = performance.now() - t0;
      if (isIngestError(e)) {
        port.postMessage({
          id: req.id,
          kind: 'ingest_error',
          code: e.code,
          message: e.message,
          ms,
        } satisfies WorkerReply);
      } else {
        const err = e as Error;
        port.postMessage({
          id: req.id,
          kind: 'other_error',
          name: err?.name ?? typeof e,
          message: String(err?.message ?? e),
          stack: String(err?.stack ?? ''),
          ms,
        } satisfies WorkerReply);
      }
    }
  });
}
