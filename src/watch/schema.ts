/**
 * The body of POST /v1/watch/epochs (docs/watch-server.md#wire-format), validated with zod: one report
 * or a batch, metric values as finite numbers or the non-finite spellings Python writes. Also the
 * JSON reader that accepts Python's bare NaN / Infinity / -Infinity literals (json.dumps default).
 */
import { z } from 'zod';

/** Limits of the wire contract. */
export const WIRE = {
  bodyBytes: 64 * 1024,
  runChars: 100,
  metricChars: 64,
  metricsPerReport: 32,
  reportsPerBatch: 200,
  maxEpoch: 1_000_000,
} as const;

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

const MetricValue = z
  .union([z.number(), z.null(), z.enum(['NaN', 'Infinity', '-Infinity'])], {
    error: 'a metric value must be a number, null, "NaN", "Infinity" or "-Infinity"',
  })
  .transform((v) => (v === null ? NaN : typeof v === 'string' ? NON_FINITE[v] : v));

const Metrics = z
  .record(
    z
      .string()
      .min(1, 'a metric name is empty')
      .max(WIRE.metricChars, `a metric name is longer than ${WIRE.metricChars} characters`),
    MetricValue,
  )
  .refine((m) => Object.keys(m).length >= 1, 'metrics is empty: send at least one, e.g. {"loss": 0.5}')
  .refine((m) => Object.keys(m).length <= WIRE.metricsPerReport, `at most ${WIRE.metricsPerReport} metrics per report`);

const Epoch = z.number().int('epoch must be a whole number').min(0, 'epoch must be >= 0').max(WIRE.maxEpoch);
const Run = z
  .string()
  .min(1, 'run must not be empty')
  .max(WIRE.runChars, `run is longer than ${WIRE.runChars} characters`);
const Planned = z.number().int().min(1).max(WIRE.maxEpoch).optional();

const Report = z.object({ epoch: Epoch, metrics: Metrics, final: z.boolean().optional() });
const Single = Report.extend({ run: Run, epochs: Planned });
const Batch = z.object({
  run: Run,
  epochs: Planned,
  reports: z
    .array(Report)
    .min(1, 'reports is empty')
    .max(WIRE.reportsPerBatch, `at most ${WIRE.reportsPerBatch} reports per request`),
});

export interface EpochReport {
  epoch: number;
  metrics: Record<string, number>;
  final?: boolean;
}
export interface ReportBatch {
  run: string;
  /** planned total epochs, when the client knows it */
  epochs?: number;
  reports: EpochReport[];
}

/** The body as one batch, or a clear message naming the first problem. */
export function parseReports(body: unknown): { ok: true; batch: ReportBatch } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: 'the body must be a JSON object: {"run": ..., "epoch": ..., "metrics": {...}}' };
  const batched = 'reports' in body;
  const r = batched ? Batch.safeParse(body) : Single.safeParse(body);
  if (!r.success) {
    const top = r.error.issues[0];
    // a bad metric name is reported inside the record's key issue
    const i = top.code === 'invalid_key' && top.issues[0] ? { ...top.issues[0], path: top.path } : top;
    const path = i.path.map(String).join('.');
    const where = path ? `${path.length > 80 ? `${path.slice(0, 79)}…` : path}: ` : '';
    const msg = i.code === 'invalid_type' && /received undefined/.test(i.message) ? 'required' : i.message;
    return { ok: false, error: `${where}${msg}` };
  }
  if (batched) {
    const b = r.data as z.infer<typeof Batch>;
    return { ok: true, batch: { run: b.run, epochs: b.epochs, reports: b.reports } };
  }
  const s = r.data as z.infer<typeof Single>;
  return {
    ok: true,
    batch: {
      run: s.run,
      epochs: s.epochs,
      reports: [{ epoch: s.epoch, metrics: s.metrics, ...(s.final !== undefined ? { final: s.final } : {}) }],
    },
  };
}

/**
 * JSON.parse, with Python's bare NaN, Infinity and -Infinity (outside strings) read as the strings
 * "NaN", "Infinity", "-Infinity", which the schema accepts as metric values. One linear pass.
 */
export function parseJsonWithNonFinite(text: string): unknown {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === 'N' && text.startsWith('NaN', i)) i = swap(i, 3, '"NaN"');
    else if (c === 'I' && text.startsWith('Infinity', i)) i = swap(i, 8, '"Infinity"');
    else if (c === '-' && text.startsWith('-Infinity', i)) i = swap(i, 9, '"-Infinity"');
  }
  return JSON.parse(from === 0 ? text : out + text.slice(from));

  function swap(at: number, len: number, by: string): number {
    out += text.slice(from, at) + by;
    from = at + len;
    return at + len - 1;
  }
}
