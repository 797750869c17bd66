/**
 * The pipeline every surface uses: ingest -> diagnose (-> advise -> render, added by their modules).
 * Pure: bytes in, typed results out; the CLI and the bot only do I/O around it.
 */
import { ingest, type IngestOptions } from './ingest/index.js';
import type { TrainingLog } from './ingest/schema.js';
import { diagnose, type DiagnoseOptions, type Diagnosis } from './diagnose/index.js';
import { joinRuns, restartsInside, trainingStart, xRange } from './ingest/resume.js';
import { listed } from './advise/format.js';
import { shownLabel, unitOf } from './diagnose/quote.js';

export type RunChoice = 'last' | 'all' | 'joined' | number;

export interface TriageOptions extends IngestOptions {
  /**
   * which run: 'last' (default: the last training, i.e. the last run with the runs it resumes), 'all' (each
   * run as found), 'joined' (every run concatenated), or a 0-based index (that run alone)
   */
  run?: RunChoice;
  metric?: string;
  /** 'trained' for a run of curve-triage's own engine read back from its history (DiagnoseOptions.origin) */
  origin?: DiagnoseOptions['origin'];
}

export interface TriageResult {
  log: TrainingLog;
  /** the diagnosed run's diagnosis (for 'all': the last run) */
  diagnosis: Diagnosis;
  /** for run 'all': one diagnosis per run */
  perRun?: Diagnosis[];
  /** runs found in the file (before any joining) */
  runsFound: number;
}

export class RunChoiceError extends Error {}

export function triage(input: Uint8Array | string, options: TriageOptions = {}): TriageResult {
  let log = ingest(input, options);
  const runsFound = log.runs.length;
  const choice = options.run ?? 'last';
  if (choice === 'joined') log = joinAll(log);
  else if (choice === 'last') log = lastTraining(log);
  if (typeof choice === 'number' && (!Number.isInteger(choice) || choice < 0 || choice >= log.runs.length)) {
    throw new RunChoiceError(
      `There is no run ${choice + 1}: the log holds ${log.runs.length} run(s). Use --run last, all, joined or 1..${log.runs.length}.`,
    );
  }
  const runIndex = typeof choice === 'number' ? choice : log.runs.length - 1;
  const { metric, origin } = options;
  const diagnosis = diagnose(log, { run: runIndex, metric, origin });
  const perRun =
    choice === 'all'
      ? log.runs.map((_, i) => (i === runIndex ? diagnosis : diagnose(log, { run: i, metric, origin })))
      : undefined;
  return { log, diagnosis, runsFound, ...(perRun ? { perRun } : {}) };
}

/** Every run concatenated as one continuous training (`--run joined`: append-mode CSVLogger after a resume without initial_epoch). */
export function joinAll(log: TrainingLog): TrainingLog {
  if (log.runs.length <= 1) return log;
  return {
    ...joinRuns(log, 0, log.runs.length - 1, `${log.runs.length} runs joined`),
    warnings: [
      // every run is in the reading: "the last one is diagnosed" no longer holds
      ...log.warnings.filter((w) => w.code !== 'multiple_runs'),
      { code: 'joined_runs', message: `${log.runs.length} runs read as one continuous training.` },
    ],
  };
}

/** Past this many relaunches the note names how many and the first and last, not each. */
const RELAUNCHES_NAMED = 4;

/** How the joined sessions' counters were laid end to end: whether a session's counter started again from the
 * start (counted on), and which sessions a relaunch from a checkpoint replaced from where it starts, at the
 * point the file writes (its own numbering: an epoch counted from 0 is quoted as written). */
function counted(log: TrainingLog, from: number, to: number): { countedOn: boolean; relaunched: string } {
  const unit = unitOf(log.runs[to]);
  const relaunched: { run: number; at: string }[] = [];
  let countedOn = false;
  for (let i = from + 1; i <= to; i++) {
    const run = log.runs[i];
    const { lo } = xRange(run);
    if (restartsInside(log.runs.slice(from, i), run)) relaunched.push({ run: i + 1, at: shownLabel(run, lo) });
    else if (lo <= xRange(log.runs[i - 1]).hi) countedOn = true;
  }
  if (relaunched.length === 0) return { countedOn, relaunched: '' };
  if (relaunched.length === 1) {
    const [r] = relaunched;
    return {
      countedOn,
      relaunched:
        `run ${r.run} starts again at ${unit} ${r.at} of the file, inside the runs before it (a relaunch from a ` +
        `checkpoint): its ${unit}s replace theirs from there`,
    };
  }
  const which =
    relaunched.length <= RELAUNCHES_NAMED
      ? `runs ${listed(relaunched.map((r) => String(r.run)))} start again inside the runs before them (relaunches ` +
        `from checkpoints, at ${unit}s ${listed(relaunched.map((r) => r.at))} of the file)`
      : `${relaunched.length} runs start again inside the runs before them (relaunches from checkpoints, the first, ` +
        `run ${relaunched[0].run}, at ${unit} ${relaunched[0].at} of the file, the last, run ` +
        `${relaunched[relaunched.length - 1].run}, at ${unit} ${relaunched[relaunched.length - 1].at})`;
  return { countedOn, relaunched: `${which}: each one's ${unit}s replace the earlier ones from there` };
}

/** The resumed_runs note: how the runs were read as one training, and how to read the last alone. */
function resumedNote(log: TrainingLog, from: number, to: number): string {
  const n = log.runs.length;
  const { countedOn, relaunched } = counted(log, from, to);
  const unit = `${unitOf(log.runs[to])}s`;
  const how = relaunched
    ? 'each carries on the training before it (resumed, or relaunched from a checkpoint it saved)'
    : 'each starts where the one before it ended (a resumed run)';
  const then = [countedOn ? `${unit} are counted on across them` : '', relaunched].filter(Boolean).join('; ');
  return (
    `Runs ${from + 1}-${to + 1} of ${n} are read as one training: ${how}${then ? `, and ${then}` : ''}. ` +
    `To read the last run alone, pick run ${to + 1} (--run ${to + 1}, or run: ${to + 1} in Discord).`
  );
}

/**
 * The last training: the last run, joined with the runs it resumes (each starting where the one before it
 * ended; src/ingest/resume.ts). A run that starts afresh stays alone, as before; so do the rows of a table of
 * curves (each row is another model, never a resume).
 */
export function lastTraining(log: TrainingLog): TrainingLog {
  const to = log.runs.length - 1;
  if (log.warnings.some((w) => w.code === 'curves_in_cells')) return log;
  const from = trainingStart(log, to);
  if (from === to) return log;
  const n = log.runs.length;
  return {
    ...joinRuns(log, from, to, `runs ${from + 1}-${to + 1} of ${n} (one resumed training)`, true),
    warnings: [
      // the whole file is one training: "several runs, the last one is diagnosed" no longer holds
      ...(from === 0 ? log.warnings.filter((w) => w.code !== 'multiple_runs') : log.warnings),
      {
        code: 'resumed_runs',
        message: resumedNote(log, from, to),
      },
    ],
  };
}
