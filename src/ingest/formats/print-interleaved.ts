/**
 * Runs that printed to one log at the same time: two jobs of one script appending to one file (`log_vit_patch4.txt`
 * of two ViTs trained side by side) print each epoch once per run, in turns that drift as one run is faster:
 * "Epoch 0 ... Epoch 0 ... Epoch 1 ... Epoch 1 ... Epoch 9 ... Epoch 8 ... Epoch 10". Read in order, the epoch goes
 * back at nearly every line, and splitRuns cuts the log into a run per turn (168 runs of 1 to 10 points). Read as
 * chains, each line continuing the run whose epoch it follows, they are the runs that were trained.
 */
import { MIN_CURVE_POINTS } from '../limits.js';
import { isMetricName } from '../names.js';
import type { IngestWarning } from '../schema.js';
import type { Rec } from './print-runs.js';

/** At most this many runs side by side: more is a layout we do not guess at. Ours. */
const MAX_INTERLEAVED = 4;

/**
 * The runs as chains of epochs (each line's epoch one past the last of the chain it joins; a chain starts at the
 * log's first epoch), when every line is an epoch line of the same metrics (a training line and a validation line
 * per epoch are one run's), and the chains are 2 to MAX_INTERLEAVED runs of at least MIN_CURVE_POINTS epochs that
 * started together (each before any other reached its second epoch: a relaunch starts after its run ended), drifted
 * out of step at least once (each epoch printed k times in a row may be an epoch's parts), and print other losses or
 * accuracies (every line printed twice is a tee, and two ranks of one run print the same: those are splitRuns'). A
 * line that could continue two chains at the same epoch joins the one whose last values are nearest its own (in log
 * scale; known limit: a spike to the other run's level is handed to it). In the order their last lines come, so the
 * last is the one that finished last, with a warning that says so. Undefined otherwise.
 */
export function interleavedRuns(recs: Rec[], warnings: IngestWarning[]): Rec[][] | undefined {
  const runs = chainsOf(recs);
  if (runs) warnings.push(interleavedWarning(runs));
  return runs;
}

/** interleavedRuns' chains, or undefined. */
function chainsOf(recs: Rec[]): Rec[][] | undefined {
  if (recs.length === 0) return undefined;
  const names = metricNames(recs[0]);
  if (!recs.every((r) => r.level === 'epoch' && r.marked && r.counter === undefined && metricNames(r) === names))
    return undefined;
  const start = recs[0].epoch;
  const chains: Rec[][] = [];
  for (const r of recs) {
    const open = chains.filter((c) => c[c.length - 1].epoch === r.epoch - 1);
    if (open.length > 0) {
      // runs at the same epoch: the one whose values the line continues (which run prints first changes as a run
      // started later overtakes)
      nearest(open, r).push(r);
      continue;
    }
    // a new run starts only at the first epoch, while every run so far is still at it
    if (r.epoch !== start || chains.some((c) => c.length > 1) || chains.length >= MAX_INTERLEAVED) return undefined;
    chains.push([r]);
  }
  if (chains.length < 2 || chains.some((c) => c.length < MIN_CURVE_POINTS)) return undefined;
  // each epoch printed k times in a block (0, 0, 0, 1, 1, 1) may as well be an epoch's parts ("epoch 3/0", "3/1",
  // "3/2"); runs that ran side by side drift out of step (9, 8, 10, 9)
  if (recs.every((r, i) => r.epoch === start + Math.floor(i / chains.length))) return undefined;
  if (chains.some((c, i) => chains.slice(i + 1).some((d) => sameValues(c, d)))) return undefined;
  return chains.sort((a, b) => a[a.length - 1].line - b[b.length - 1].line);
}

/** What the reading says of runs read as interleaved. */
function interleavedWarning(runs: Rec[][]): IngestWarning {
  return {
    code: 'multiple_runs',
    message: `${runs.length} runs printed to this log at the same time, their epochs in turns (${runs.map((r) => r.length).join(' + ')} lines): read as ${runs.length} runs, each line continuing the run whose epoch it follows; the one that finished last is diagnosed unless you pick another.`,
  };
}

/** A line's metric names, in order, as one string. */
const metricNames = (r: Rec) => [...r.vals.keys()].join('\u0000');

/** Do two chains print the same metrics at every epoch they share (the ranks of one run, whose throughput differs)? */
function sameValues(a: Rec[], b: Rec[]): boolean {
  return a.every((r, i) => !b[i] || [...r.vals].every(([k, v]) => !isMetricName(k) || Object.is(b[i].vals.get(k), v)));
}

/** The chain whose last line's values are nearest the line's own (the sum of |log ratio| over shared metrics). */
function nearest(chains: Rec[][], r: Rec): Rec[] {
  let best = chains[0];
  let bestDistance = Infinity;
  for (const c of chains) {
    const last = c[c.length - 1].vals;
    let d = 0;
    for (const [k, v] of r.vals) {
      const u = last.get(k);
      if (u !== undefined && u > 0 && v > 0) d += Math.abs(Math.log(v / u));
    }
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
