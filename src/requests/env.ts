/**
 * The environment schema for every CURVE_TRIAGE_* variable, in one zod object with a comment per
 * variable: what it tunes, its default and its bounds. The bot's configuration (bot/config.ts) is
 * this schema plus the Discord settings; `readEnv` parses it for any other caller. The training
 * engine's variables are read by the training threads themselves (src/train): they are listed here
 * with the same lenient reading (an unusable value means the default), so this is the one place
 * that names them all.
 */
import { z } from 'zod';
import { DEFAULT_TRAIN_NICE } from '../train/index.js';

/**
 * Peak memory of one triage (ingest + diagnose + render) per byte of input, measured on this machine
 * (Node 20, 2 cores) with a warm worker and a two-column CSV of short numbers, the densest log a file
 * of a given size can hold (bench/bot/bot-bench.ts `bigCsv`): peak RSS over the worker's idle RSS was
 * 56 MB for 1 MiB, 93 MB for 2 MiB, 168 MB for 4 MiB and 316 MB for 8 MiB (1.2M rows): 38-53 bytes per
 * input byte. 40 covers the large files the budget is for; CURVE_TRIAGE_PARSE_BYTES_PER_BYTE overrides.
 */
export const PARSE_BYTES_PER_INPUT_BYTE = 40;

/**
 * Default budget: the bot idles at ~0.5 GB RSS (TF.js for training, canvas, two workers) and the
 * target is a peak under 900 MB, so ~384 MB for parses in flight: one maximum-size (8 MiB) file, or
 * hundreds of ordinary (10-100 KB) logs. CURVE_TRIAGE_PARSE_BUDGET_MB overrides.
 */
export const DEFAULT_PARSE_BUDGET_MB = 384;

/** How long a task waits for room before "busy, try again" (CURVE_TRIAGE_PARSE_WAIT_MS overrides). */
export const DEFAULT_PARSE_WAIT_MS = 10_000;

/**
 * Inputs at least this large run in a worker of their own that is ended as soon as they are done,
 * so the ~300 MB its heap grew to goes back to the system instead of staying with an idle thread
 * (V8 keeps a grown heap until it next collects, and an idle worker never does).
 * CURVE_TRIAGE_RECYCLE_INPUT_KB overrides.
 */
export const DEFAULT_RECYCLE_INPUT_KB = 1024;

/** a whole number with a default and bounds (as text in the environment) */
export const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
/** an optional whole number >= min; anything else reads as unset (the training threads' own rule) */
const lenientInt = (min: number) => z.coerce.number().int().min(min).optional().catch(undefined);
/** an optional keyword, trimmed and lower-cased; anything else reads as unset */
const lenientWord = <T extends string>(words: readonly [T, ...T[]]) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(words).optional()).catch(undefined);

export const CURVE_TRIAGE_ENV = {
  /**
   * memory admission for the triage pool (src/bot/work/budget.ts): the estimated parse memory of the
   * jobs in flight (input bytes x CURVE_TRIAGE_PARSE_BYTES_PER_BYTE) stays under this many MB; a job
   * that does not fit waits up to CURVE_TRIAGE_PARSE_WAIT_MS, then gets "busy, try again". 0 = off
   */
  CURVE_TRIAGE_PARSE_BUDGET_MB: int(DEFAULT_PARSE_BUDGET_MB, 0, 64 * 1024),
  CURVE_TRIAGE_PARSE_WAIT_MS: int(DEFAULT_PARSE_WAIT_MS, 0, 120_000),
  /** peak parse memory per input byte (measured: 38-53; see PARSE_BYTES_PER_INPUT_BYTE above) */
  CURVE_TRIAGE_PARSE_BYTES_PER_BYTE: int(PARSE_BYTES_PER_INPUT_BYTE, 1, 1000),
  /** inputs of at least this many KiB run in a worker that is ended afterwards (its heap goes back to the system) */
  CURVE_TRIAGE_RECYCLE_INPUT_KB: int(DEFAULT_RECYCLE_INPUT_KB, 1, 1024 * 1024),
  /**
   * OS nice value of the training threads (0-19; 0 = same as the bot): they yield the cores to the
   * triage workers so /diagnose stays quick while a /train runs (src/train/threads/priority.ts). Read by the
   * training threads from the environment
   */
  CURVE_TRIAGE_TRAIN_NICE: int(DEFAULT_TRAIN_NICE, 0, 19),
  /**
   * Compute limits for /train, /sweep and apply-fix, in minutes of a training slot, from each job's
   * worst-case estimate before it starts (src/train/cost.ts: parameters x windows x steps x epochs,
   * calibrated on a 2-core machine): a job over CURVE_TRIAGE_JOB_LIMIT_MIN is refused with its estimate;
   * so is one that would take a person past CURVE_TRIAGE_USER_HOURLY_MIN in the last hour (finished
   * jobs count what they really ran). 0 = no limit
   */
  CURVE_TRIAGE_JOB_LIMIT_MIN: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  CURVE_TRIAGE_USER_HOURLY_MIN: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(20),
  /** multiplies every cost estimate: 0.5 on a machine twice as fast as the calibration's, 2 on one half as fast */
  CURVE_TRIAGE_COST_SCALE: z.coerce.number().positive().max(100).default(1),
  /** training worker threads (src/train/threads/pool.ts; default: half the cores with two threads per run, else cores - 1) */
  CURVE_TRIAGE_TRAIN_THREADS: lenientInt(1),
  /** threads per training run, 1 or 2 (src/train/threads/parallel.ts; default 2 on a machine with 2+ cores) */
  CURVE_TRIAGE_TRAIN_PARALLEL: lenientInt(1),
  /** training engine: `fused` (default, our WebAssembly kernels) or `tf` (TF.js ops with autodiff; regression only) */
  CURVE_TRIAGE_TRAIN_ENGINE: lenientWord(['fused', 'tf']),
  /** `js` turns off the SIMD gate kernel of the fused engine (src/train/engine/fused.ts) */
  CURVE_TRIAGE_GATES: lenientWord(['js', 'simd']),
  /** force a TF.js backend: node (alias tensorflow), wasm or cpu (default: the first that loads, in that order) */
  CURVE_TRIAGE_TF_BACKEND: lenientWord(['node', 'tensorflow', 'wasm', 'cpu']),
  /** threads of the TF.js wasm backend (default: its own choice) */
  CURVE_TRIAGE_WASM_THREADS: lenientInt(1),
};

export const CurveTriageEnvSchema = z.object(CURVE_TRIAGE_ENV);
export type CurveTriageEnv = z.infer<typeof CurveTriageEnvSchema>;

export class EnvError extends Error {}

/** The lines of a failed parse, by variable name, never by value (a value could be a secret pasted in the wrong place). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
}

/** Parse the CURVE_TRIAGE_* variables; an invalid one throws EnvError naming it. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): CurveTriageEnv {
  const r = CurveTriageEnvSchema.safeParse(env);
  if (!r.success) throw new EnvError(`Invalid configuration:\n${issueLines(r.error).join('\n')}`);
  return r.data;
}
