/**
 * How a run's series and its diagnosis are kept compactly: one binary blob per run for the series
 * (y as float32, byte-shuffled, then deflated; x as a range when it is one, else float32 or float64 so
 * positions stay exact) and one deflated JSON blob for the diagnosis and the log's metadata. NaN and
 * +-Infinity survive both (float32 keeps them; the JSON writes them as tagged strings).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Run, Series, TrainingLog } from '../ingest/schema.js';
import type { Diagnosis } from '../diagnose/schema.js';
import { MemoryError } from './types.js';

/** OURS: the most values one stored run may hold (all series, x and y): 4 million, 16 MB as float32 before
 * compression; a 10 MiB upload (Discord's cap) holds well under that. */
export const MAX_STORED_VALUES = 4_000_000;
/** OURS: largest blob we inflate (a corrupt or hostile row must not blow up memory): 64 MiB */
const MAX_INFLATED = 64 * 1024 * 1024;
const VERSION = 1;

type XCode = { range: [number, number] } | { f32: true } | { f64: true };
interface SeriesHead {
  key: string;
  name: string;
  base: string;
  split: Series['split'];
  kind: Series['kind'];
  derived?: boolean;
  n: number;
  x: XCode;
}
interface Head {
  v: number;
  index: number;
  label: string;
  xAxis: Run['xAxis'];
  xUnit?: Run['xUnit'];
  epochNumbering?: Run['epochNumbering'];
  rowsWithinEpochs?: boolean;
  epochAtStep?: number;
  series: SeriesHead[];
}

/** x as a range (start + i * step, exactly) when it is one, else the narrowest exact float array. */
function xCode(x: number[]): XCode {
  if (x.length >= 2) {
    const step = x[1] - x[0];
    let ok = Number.isFinite(step);
    for (let i = 2; ok && i < x.length; i++) ok = x[0] + i * step === x[i];
    if (ok) return { range: [x[0], step] };
  } else if (x.length === 1 && Number.isFinite(x[0])) return { range: [x[0], 0] };
  return x.every((v) => Math.fround(v) === v) ? { f32: true } : { f64: true };
}

/** Byte-shuffle a typed array's bytes into planes (all byte 0s, then all byte 1s, ...): floats' exponent
 * bytes repeat, so the planes deflate far better than the interleaved bytes. */
function shuffle(bytes: Uint8Array, width: number): Buffer {
  const n = bytes.length / width;
  const out = Buffer.allocUnsafe(bytes.length);
  for (let b = 0; b < width; b++) for (let i = 0; i < n; i++) out[b * n + i] = bytes[i * width + b];
  return out;
}
function unshuffle(src: Uint8Array, width: number): Uint8Array {
  const n = src.length / width;
  const out = new Uint8Array(src.length);
  for (let b = 0; b < width; b++) for (let i = 0; i < n; i++) out[i * width + b] = src[b * n + i];
  return out;
}

const f32Bytes = (v: number[]) => new Uint8Array(Float32Array.from(v).buffer);
const f64Bytes = (v: number[]) => new Uint8Array(Float64Array.from(v).buffer);

/** The run's series as one compressed blob. */
export function encodeRun(run: Run): Buffer {
  let values = 0;
  const parts: Buffer[] = [];
  const heads: SeriesHead[] = run.series.map((s) => {
    const x = xCode(s.x);
    values += s.y.length + ('range' in x ? 0 : s.x.length);
    if ('f32' in x) parts.push(shuffle(f32Bytes(s.x), 4));
    if ('f64' in x) parts.push(shuffle(f64Bytes(s.x), 8));
    parts.push(shuffle(f32Bytes(s.y), 4));
    const h: SeriesHead = { key: s.key, name: s.name, base: s.base, split: s.split, kind: s.kind, n: s.y.length, x };
    if (s.derived !== undefined) h.derived = s.derived;
    if (s.x.length !== s.y.length)
      throw new MemoryError('bad_input', `series ${s.key} has ${s.x.length} x and ${s.y.length} y values`);
    return h;
  });
  if (run.epochAtStep) {
    values += run.epochAtStep.step.length * 2;
    parts.push(shuffle(f64Bytes(run.epochAtStep.step), 8), shuffle(f64Bytes(run.epochAtStep.epoch), 8));
  }
  if (values > MAX_STORED_VALUES)
    throw new MemoryError(
      'too_big',
      `this run holds ${values} values; the memory keeps runs of up to ${MAX_STORED_VALUES}`,
    );
  const head: Head = { v: VERSION, index: run.index, label: run.label, xAxis: run.xAxis, series: heads };
  if (run.xUnit) head.xUnit = run.xUnit;
  if (run.epochNumbering) head.epochNumbering = run.epochNumbering;
  if (run.rowsWithinEpochs !== undefined) head.rowsWithinEpochs = run.rowsWithinEpochs;
  if (run.epochAtStep) head.epochAtStep = run.epochAtStep.step.length;
  const headBytes = Buffer.from(JSON.stringify(head), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headBytes.length);
  return deflateRawSync(Buffer.concat([len, headBytes, ...parts]), { level: 6 });
}

function inflate(blob: Uint8Array): Buffer {
  try {
    return inflateRawSync(blob, { maxOutputLength: MAX_INFLATED });
  } catch (e) {
    throw new Error(`a stored run could not be read (${(e as Error).message})`);
  }
}

/** The run back from its blob (y at float32 precision). */
export function decodeRun(blob: Uint8Array): Run {
  const buf = inflate(blob);
  const headLen = buf.readUInt32LE(0);
  const head = JSON.parse(buf.subarray(4, 4 + headLen).toString('utf8')) as Head;
  let off = 4 + headLen;
  const take = (n: number, width: 4 | 8): number[] => {
    const bytes = unshuffle(buf.subarray(off, off + n * width), width);
    off += n * width;
    if (bytes.length !== n * width) throw new Error('a stored run is truncated');
    return Array.from(width === 4 ? new Float32Array(bytes.buffer) : new Float64Array(bytes.buffer));
  };
  const series: Series[] = head.series.map((h) => {
    const x =
      'range' in h.x
        ? Array.from(
            { length: h.n },
            (_, i) => (h.x as { range: [number, number] }).range[0] + i * (h.x as { range: [number, number] }).range[1],
          )
        : take(h.n, 'f32' in h.x ? 4 : 8);
    const y = take(h.n, 4);
    const s: Series = { key: h.key, name: h.name, base: h.base, split: h.split, kind: h.kind, x, y };
    if (h.derived !== undefined) s.derived = h.derived;
    return s;
  });
  const run: Run = { index: head.index, label: head.label, xAxis: head.xAxis, series };
  if (head.epochAtStep !== undefined) {
    const step = take(head.epochAtStep, 8);
    run.epochAtStep = { step, epoch: take(head.epochAtStep, 8) };
  }
  if (head.xUnit === 'episode') run.xUnit = head.xUnit;
  if (head.epochNumbering) run.epochNumbering = head.epochNumbering;
  if (head.rowsWithinEpochs !== undefined) run.rowsWithinEpochs = head.rowsWithinEpochs;
  return run;
}

/** What else /show needs besides the series: the diagnosis and the log's own metadata. */
export interface RunMeta {
  diagnosis: Diagnosis;
  format: TrainingLog['format'];
  detectedBy: TrainingLog['detectedBy'];
  dialect: TrainingLog['dialect'];
  warnings: TrainingLog['warnings'];
  stats: TrainingLog['stats'];
  runsFound: number;
}

const TAG = '\u0000num:';
const replacer = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? TAG + String(v) : v);
const reviver = (_k: string, v: unknown) =>
  typeof v === 'string' && v.startsWith(TAG) ? Number(v.slice(TAG.length)) : v;

export function encodeMeta(meta: RunMeta): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(meta, replacer), 'utf8'), { level: 6 });
}

export function decodeMeta(blob: Uint8Array): RunMeta {
  return JSON.parse(inflate(blob).toString('utf8'), reviver) as RunMeta;
}
