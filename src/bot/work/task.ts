/**
 * The heavy part of a request, as one pure function of plain data so it can run in a worker thread:
 * triage (ingest + diagnose) -> advise -> render. Input bytes in, a diagnosis, the advice Reply and a
 * PNG out; a bad input comes back as a user-readable refusal, never as a thrown stack.
 */
import {
  diagnoseFile,
  missingMetric,
  RunChoiceError,
  type DiagnosedFile,
  type RunChoice,
} from '../../requests/diagnose.js';
import type { TrainingLog } from '../../ingest/schema.js';
import { diagnose } from '../../diagnose/index.js';
import { isIngestError } from '../../ingest/errors.js';
import {
  render,
  renderOverlay,
  renderSearchProgress,
  renderTrend,
  type SearchCurve,
  type TrendPoint,
} from '../../render/index.js';
import type { Reply } from '../../advise/index.js';
import { adviseOrFallback } from '../../requests/advice.js';
import { packReply } from '../store.js';
import type { Diagnosis } from '../../diagnose/schema.js';

export interface LogInput {
  /** raw bytes (transferred to the worker) or pasted text */
  data: Uint8Array | string;
  fileName?: string;
  /** a log already parsed (a run rebuilt from the team memory's stored series): diagnosed as is, `data` unused */
  log?: TrainingLog;
  /** 'trained': a run of curve-triage's own engine (its confidence reads through the zoo's map, as everywhere else) */
  origin?: 'upload' | 'trained';
}

export interface TaskOptions {
  metric?: string;
  run?: RunChoice;
  dialect?: string;
  chart: { width: number; theme: 'dark' | 'light' };
  /** attachment name the embed refers to */
  imageName: string;
  /** send the parsed log back with the result (history is on for the scope: the run will be kept) */
  keepLog?: boolean;
}

export type Task =
  | { kind: 'diagnose'; input: LogInput; options: TaskOptions }
  | { kind: 'compare'; inputs: [LogInput, LogInput]; options: TaskOptions }
  /** several logs on one chart (a sweep's best run per value), labelled by their fileName */
  | { kind: 'overlay'; inputs: LogInput[]; options: TaskOptions }
  /** a search's best-so-far val_loss per trial, one line per sampler */
  | { kind: 'curves'; curves: SearchCurve[]; options: TaskOptions }
  /** the team's best value per stored run, oldest first (/best) */
  | { kind: 'trend'; points: TrendPoint[]; metric: string; lowerIsBetter: boolean; options: TaskOptions };

export interface Diagnosed {
  diagnosis: Diagnosis;
  reply: Reply;
  /** the reply deflated for the button store (packed here, off the event loop) */
  replyPacked: Uint8Array;
  format: string;
  runsFound: number;
  warnings: string[];
  /** names of the series read, for "metric not found" hints */
  seriesNames: string[];
  perRun?: Pick<Diagnosis, 'pattern' | 'confidence' | 'headline' | 'run'>[];
  /** the metric the user asked for, when the log has no series by that name (the pipeline falls back) */
  metricNotFound?: string;
  /** the parsed log, when TaskOptions.keepLog asked for it (the team memory keeps its diagnosed run's series; never the raw file) */
  log?: TrainingLog;
}

export type TaskResult =
  | { ok: true; kind: 'diagnose'; result: Diagnosed; png: Uint8Array; ms: { triage: number; render: number } }
  | {
      ok: true;
      kind: 'compare';
      results: [Diagnosed, Diagnosed];
      png: Uint8Array;
      ms: { triage: number; render: number };
    }
  | { ok: true; kind: 'overlay'; png: Uint8Array; ms: { triage: number; render: number } }
  | { ok: true; kind: 'curves'; png: Uint8Array; ms: { triage: number; render: number } }
  | { ok: true; kind: 'trend'; png: Uint8Array; ms: { triage: number; render: number } }
  /** `which`: the input at fault in a compare (0 or 1) */
  | { ok: false; code: string; message: string; which?: number };

/** A parsed log diagnosed exactly as a file would be (its last run), without reading any bytes. */
function fromLog(log: TrainingLog, metric: string | undefined, origin: LogInput['origin']): DiagnosedFile {
  const index = log.runs.length - 1;
  const diagnosis = diagnose(log, { run: index, metric, origin });
  const run = log.runs[index];
  const metricNotFound = missingMetric(run, diagnosis, metric);
  return { log, diagnosis, runsFound: log.runs.length, run, ...(metricNotFound ? { metricNotFound } : {}) };
}

function one(input: LogInput, o: TaskOptions): { d: Diagnosed; log: TrainingLog } {
  const r = input.log
    ? fromLog(input.log, o.metric, input.origin)
    : diagnoseFile(input.data, { metric: o.metric, run: o.run, fileName: input.fileName, origin: input.origin });
  const { reply } = adviseOrFallback(r.diagnosis, r.log, { dialect: o.dialect, image: o.imageName });
  const { run, metricNotFound } = r;
  return {
    log: r.log,
    d: {
      diagnosis: r.diagnosis,
      reply,
      replyPacked: packReply(reply),
      format: r.log.format,
      runsFound: r.runsFound,
      warnings: r.log.warnings.map((w) => w.message),
      seriesNames: run ? run.series.map((s) => s.name) : [],
      perRun: r.perRun?.map((p) => ({
        pattern: p.pattern,
        confidence: p.confidence,
        headline: p.headline,
        run: p.run,
      })),
      ...(metricNotFound ? { metricNotFound } : {}),
      ...(o.keepLog ? { log: r.log } : {}),
    },
  };
}

function refusal(e: unknown, which?: number): TaskResult {
  if (isIngestError(e)) return { ok: false, code: e.code, message: e.message, which };
  if (e instanceof RunChoiceError) return { ok: false, code: 'bad_run', message: e.message, which };
  throw e;
}

export async function runTask(task: Task): Promise<TaskResult> {
  const t0 = performance.now();
  if (task.kind === 'diagnose') {
    let r: ReturnType<typeof one>;
    try {
      r = one(task.input, task.options);
    } catch (e) {
      return refusal(e);
    }
    const t1 = performance.now();
    const png = await render(r.log, r.d.diagnosis, {
      width: task.options.chart.width,
      theme: task.options.chart.theme,
    });
    return { ok: true, kind: 'diagnose', result: r.d, png, ms: { triage: t1 - t0, render: performance.now() - t1 } };
  }
  if (task.kind === 'trend') {
    const png = await renderTrend(task.points, {
      width: task.options.chart.width,
      theme: task.options.chart.theme,
      metric: task.metric,
      lowerIsBetter: task.lowerIsBetter,
    });
    return { ok: true, kind: 'trend', png, ms: { triage: 0, render: performance.now() - t0 } };
  }
  if (task.kind === 'curves') {
    const png = await renderSearchProgress(task.curves, {
      width: task.options.chart.width,
      theme: task.options.chart.theme,
    });
    return { ok: true, kind: 'curves', png, ms: { triage: 0, render: performance.now() - t0 } };
  }
  if (task.kind === 'overlay') {
    const items = [];
    for (let i = 0; i < task.inputs.length; i++) {
      try {
        const r = diagnoseFile(task.inputs[i].data, { fileName: 'history.json', origin: task.inputs[i].origin });
        items.push({ label: task.inputs[i].fileName ?? `run ${i + 1}`, log: r.log, diagnosis: r.diagnosis });
      } catch (e) {
        return refusal(e, i);
      }
    }
    const t1 = performance.now();
    const png = await renderOverlay(items, { width: task.options.chart.width, theme: task.options.chart.theme });
    return { ok: true, kind: 'overlay', png, ms: { triage: t1 - t0, render: performance.now() - t1 } };
  }
  const rs: ReturnType<typeof one>[] = [];
  for (let i = 0; i < 2; i++) {
    try {
      rs.push(one(task.inputs[i], task.options));
    } catch (e) {
      return refusal(e, i);
    }
  }
  const t1 = performance.now();
  const png = await renderOverlay(
    rs.map((r, i) => ({
      label: task.inputs[i].fileName ?? (i === 0 ? 'A' : 'B'),
      log: r.log,
      diagnosis: r.d.diagnosis,
    })),
    { width: task.options.chart.width, theme: task.options.chart.theme },
  );
  return {
    ok: true,
    kind: 'compare',
    results: [rs[0].d, rs[1].d],
    png,
    ms: { triage: t1 - t0, render: performance.now() - t1 },
  };
}
