/**
 * Several runs in one file drawn end to end: each run's x offset (a restarted run is shifted after
 * the previous one, a resumed run keeps its x), the boundaries between runs (and between the sessions of
 * a run joined from several), and a series' pieces from every run with their offsets applied.
 */
import type { Run, TrainingLog } from '../../ingest/schema.js';
import { followOnOffset, xStride } from '../../ingest/resume.js';

export interface Boundary {
  x: number;
  /** "run 3": the file's run that starts here (`--run 3` reads it alone) */
  label: string;
}

export interface Assembly {
  runs: Run[];
  offsets: number[];
  /** boundaries between runs and between a joined run's sessions, each named by the file's run that starts there */
  boundaries: Boundary[];
  /** offset of the diagnosed run */
  diagOffset: number;
  xAxis: 'epoch' | 'step';
  joined: boolean;
}

function runExtent(run: Run): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of run.series) {
    if (s.x.length === 0) continue;
    lo = Math.min(lo, s.x[0]);
    hi = Math.max(hi, s.x[s.x.length - 1]);
  }
  return [lo, hi];
}

/** Last x of a run (its own axis, no offset), or undefined for an empty run. */
export function runEnd(run: Run): number | undefined {
  const hi = runExtent(run)[1];
  return Number.isFinite(hi) ? hi : undefined;
}

export function assemble(log: TrainingLog, diagIndex: number, mode: 'all' | 'diagnosed'): Assembly {
  const diagRun = log.runs[diagIndex];
  const sameAxis = log.runs.every((r) => r.xAxis === diagRun.xAxis);
  // the file's number of each run (a joined run: of its first session), counting the runs joined before it
  const fileNo: number[] = [];
  log.runs.reduce((n, r) => {
    fileNo.push(n);
    return Math.max(n, ...(r.sessions ?? []).map((x) => x.run + 1)) + 1;
  }, 1);
  const sessionsOf = (i: number, offset: number): Boundary[] =>
    (log.runs[i].sessions ?? []).map((b) => ({ x: b.x + offset, label: `run ${b.run + 1}` }));
  if (mode === 'diagnosed' || log.runs.length < 2 || !sameAxis) {
    const boundaries = sessionsOf(diagIndex, 0);
    return { runs: [diagRun], offsets: [0], boundaries, diagOffset: 0, xAxis: diagRun.xAxis, joined: false };
  }
  const offsets: number[] = [];
  const boundaries: Boundary[] = [];
  let prevEnd = -Infinity;
  log.runs.forEach((run, i) => {
    const [lo, hi] = runExtent(run);
    if (!Number.isFinite(lo)) {
      offsets.push(0);
      return;
    }
    let offset = 0;
    if (Number.isFinite(prevEnd)) {
      // a resumed run that continues the count keeps its x; a restart is shifted after the previous one
      offset = followOnOffset(prevEnd, lo, xStride(run.series.flatMap((s) => s.x)));
      boundaries.push({ x: (prevEnd + lo + offset) / 2, label: `run ${fileNo[i]}` });
    }
    boundaries.push(...sessionsOf(i, offset));
    offsets.push(offset);
    prevEnd = hi + offset;
  });
  return { runs: log.runs, offsets, boundaries, diagOffset: offsets[diagIndex], xAxis: diagRun.xAxis, joined: true };
}

/** One contiguous piece of a plotted series (one run's part). */
export interface Segment {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** The series with this key from every run, each shifted by its run's offset (no copy at offset 0). */
export function joinedSeries(a: Assembly, key: string): Segment[] | undefined {
  const parts: Segment[] = [];
  a.runs.forEach((r, i) => {
    const s = r.series.find((x) => x.key === key);
    if (!s || s.x.length === 0) return;
    const off = a.offsets[i];
    parts.push({ x: off === 0 ? s.x : s.x.map((v) => v + off), y: s.y });
  });
  return parts.length > 0 ? parts : undefined;
}
