/** The end-to-end view's boundaries: between runs, and between the sessions of a joined run, each named by the file's run. */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/render/series/runs.js';
import { logFromRuns } from '../../src/render/synthetic.js';
import { joinRuns } from '../../src/ingest/resume.js';

const run = (from: number, n = 10) => ({
  columns: { loss: Array.from({ length: n }, (_, i) => from * Math.pow(0.97, i)) },
});

describe('run boundaries', () => {
  // four runs in the file; runs 2-3 are one resumed training
  const file = logFromRuns([run(1), run(0.7), run(0.7 * Math.pow(0.97, 10)), run(1)]);
  const log = joinRuns(file, 1, 2);

  it('labels every boundary with the run of the file that starts there, across a joined run', () => {
    expect(log.runs).toHaveLength(3);
    const all = assemble(log, 2, 'all');
    expect(all.boundaries.map((b) => b.label)).toEqual(['run 2', 'run 3', 'run 4']);
    const xs = all.boundaries.map((b) => b.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b)); // in order along the axis
  });

  it('the diagnosed joined run alone shows where its second session starts', () => {
    const one = assemble(log, 1, 'diagnosed');
    expect(one.boundaries).toEqual([{ x: 10.5, label: 'run 3' }]);
  });

  it('a run with no points inside a joined training keeps the later numbers right', () => {
    const gap = logFromRuns([run(1), { columns: { loss: [] } }, run(1 * Math.pow(0.97, 10))]);
    const joined = joinRuns(gap, 0, 2);
    expect(joined.runs[0].sessions?.map((s) => s.run)).toEqual([2]);
    expect(assemble(joined, 0, 'diagnosed').boundaries.map((b) => b.label)).toEqual(['run 3']);
  });
});
