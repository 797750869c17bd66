/**
 * A resumed run (the counter starts again, the losses carry on) is read with the runs it resumes; a fresh
 * run (the losses start again) is read alone, as before. Real files: a CSVLogger in append mode after
 * fit() was called again, a relaunch from a checkpoint, a sweep appended to one log.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { joinRuns, restartsInside, resumes, trainingStart } from '../../src/ingest/resume.js';
import { triage } from '../../src/pipeline.js';

/** one session of CSVLogger rows (epoch from 0): loss and val_loss falling geometrically from `from` */
function session(epochs: number, from: number, rate: number, jitter = 0): string[] {
  const rows: string[] = [];
  for (let e = 0; e < epochs; e++) {
    const loss = from * Math.exp(-rate * e) * (1 + jitter * Math.sin(7 * e));
    rows.push(`${e},${loss.toFixed(5)},${(loss * 1.08).toFixed(5)}`);
  }
  return rows;
}
const csv = (...sessions: string[][]) => ['epoch,loss,val_loss', ...sessions.flat()].join('\n') + '\n';
/** where a session of `epochs` epochs at `rate` ends, so the next can start there */
const endOf = (from: number, rate: number, epochs: number) => from * Math.exp(-rate * epochs);

describe('a run that resumes the one before it', () => {
  // 12 epochs 1.0 -> 0.30, then fit() called again: 12 more from where it stopped, then 10 more
  const resumed = csv(
    session(12, 1.0, 0.1),
    session(12, endOf(1.0, 0.1, 12), 0.02),
    session(10, endOf(endOf(1.0, 0.1, 12), 0.02, 12), 0.02),
  );

  it('is told from the losses: each session starts where the last ended', () => {
    const log = ingest(resumed, { fileName: 'history.csv' });
    expect(log.runs).toHaveLength(3);
    expect(resumes(log.runs[0], log.runs[1])).toBe(true);
    expect(resumes(log.runs[1], log.runs[2])).toBe(true);
    expect(trainingStart(log, 2)).toBe(0);
  });

  it('is diagnosed as one training by default, says so, and any run can still be read alone', () => {
    const whole = triage(resumed, { fileName: 'history.csv' });
    expect(whole.runsFound).toBe(3);
    expect(whole.log.runs).toHaveLength(1);
    expect(whole.diagnosis.evidence.points).toBe(34);
    expect(whole.diagnosis.run.label).toBe('runs 1-3 of 3 (one resumed training)');
    const note = whole.log.warnings.find((w) => w.code === 'resumed_runs');
    expect(note?.message).toMatch(
      /Runs 1-3 of 3 are read as one training.*pick run 3 \(--run 3, or run: 3 in Discord\)/,
    );
    // one training is not "several runs of the same code" (the multi-run advice), and no note says "the last one is diagnosed"
    expect(whole.diagnosis.findings).not.toContain('multiple_runs');
    expect(whole.log.warnings.map((w) => w.code)).not.toContain('multiple_runs');
    // CSVLogger counts epochs from 0: the joined run keeps that, so quotes count on across sessions (0..33)
    expect(whole.log.runs[0].epochNumbering).toBe('from0');
    expect(whole.diagnosis.evidence.last_x).toBe(34);

    const alone = triage(resumed, { fileName: 'history.csv', run: 2 });
    expect(alone.diagnosis.evidence.points).toBe(10);
    expect(alone.log.warnings.map((w) => w.code)).not.toContain('resumed_runs');
    // the other run choices are as they were: each run as found, or every run joined
    const all = triage(resumed, { fileName: 'history.csv', run: 'all' });
    expect(all.perRun?.map((d) => d.evidence.points)).toEqual([12, 12, 10]);
    const joined = triage(resumed, { fileName: 'history.csv', run: 'joined' });
    expect(joined.diagnosis.run.label).toBe('3 runs joined');
    expect(joined.log.warnings.map((w) => w.code)).toContain('joined_runs');
  });

  it('a counter that carries on across a repeated header keeps its numbers (no gap, no double shift)', () => {
    const rows = (from: number, start: number) =>
      Array.from({ length: 10 }, (_, i) => {
        const loss = start * Math.exp(-0.1 * i);
        return `${from + i},${loss.toFixed(5)},${(loss * 1.08).toFixed(5)}`;
      });
    const text = ['epoch,loss,val_loss', ...rows(0, 1.0), 'epoch,loss,val_loss', ...rows(10, Math.exp(-1))].join('\n');
    const log = ingest(text + '\n', { fileName: 'history.csv' });
    const x = joinRuns(log).runs[0].series[0].x;
    expect(x).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('only the runs it resumes join: an earlier fresh run stays apart', () => {
    const text = csv(session(15, 2.0, 0.15), session(12, 1.0, 0.1), session(12, endOf(1.0, 0.1, 12), 0.02));
    const r = triage(text, { fileName: 'history.csv' });
    expect(r.log.runs).toHaveLength(2);
    expect(r.log.runs[1].label).toBe('runs 2-3 of 3 (one resumed training)');
    expect(r.diagnosis.evidence.points).toBe(24);
    expect(r.diagnosis.findings).toContain('multiple_runs');
  });
});

describe('a training relaunched from its checkpoints, with sessions cut after an epoch or two', () => {
  // 30 epochs 1.0 -> 0.05 (converged), then relaunched: 2 epochs, again 2 epochs, then 20 more, all flat
  const end = endOf(1.0, 0.1, 30);
  const relaunched = csv(
    session(30, 1.0, 0.1),
    session(2, end, 0.001),
    session(2, end, 0.001),
    session(20, end, 0.002),
  );

  it('joins them: a flat session too short to tell a step ends the training that travelled', () => {
    const log = ingest(relaunched, { fileName: 'history.csv' });
    expect(log.runs).toHaveLength(4);
    // alone, a two-point flat session tells no step, and a flat one cannot be told from a fresh copy
    expect(resumes(log.runs[2], log.runs[3])).toBe(false);
    expect(trainingStart(log, 3)).toBe(0);
    const r = triage(relaunched, { fileName: 'history.csv' });
    expect(r.log.runs[0].label).toBe('runs 1-4 of 4 (one resumed training)');
    expect(r.diagnosis.evidence.points).toBe(54);
  });

  it('a two-epoch session still falling with the training passes it on too', () => {
    // one training falling 5% an epoch, logged in sessions of 20, 2 and 10 epochs (each counter from 0)
    let e = 0;
    const rows = [20, 2, 10].flatMap((n) =>
      Array.from({ length: n }, (_, k) => {
        const l = Math.exp(-0.05 * e++);
        return `${k},${l.toFixed(5)},${(l * 1.1 + 0.05).toFixed(5)}`;
      }),
    );
    const log = ingest(csv(rows), { fileName: 'history.csv' });
    expect(log.runs).toHaveLength(3);
    expect(trainingStart(log, 2)).toBe(0);
  });

  it('but a session started again from where the one before it started stays apart', () => {
    // the training 1.0 -> 0.05, a session 0.05 -> 0.042 (two epochs), then that session again from 0.05
    const again = csv(session(30, 1.0, 0.1), session(2, end, 0.17), session(2, end, 0.17));
    const log = ingest(again, { fileName: 'history.csv' });
    expect(trainingStart(log, 1)).toBe(0);
    expect(trainingStart(log, 2)).toBe(2);
    // fresh restarts cut after two epochs, each from the same start: none resumes another
    const restarts = csv(session(30, 1.0, 0.1), ...Array.from({ length: 3 }, () => session(2, 0.5, 0.3)));
    expect(trainingStart(ingest(restarts, { fileName: 'history.csv' }), 3)).toBe(3);
    // a flat run after another training, then a fresh copy of it: the earlier training's travel is not theirs
    const copies = csv(session(30, 1.0, 0.1), session(12, 0.5, 0.001, 0.01), session(12, 0.5, 0.001, 0.01));
    expect(trainingStart(ingest(copies, { fileName: 'history.csv' }), 2)).toBe(2);
  });

  it('a session of 3 points tells its steps alone, as before: the steps of the training before it are not its own', () => {
    // a training falling ~7% an epoch, a 3-point session resumed nearly flat, then one starting 10% lower: its own
    // steps (~1%) call that no resume; the training's last steps (the fall before the session) would have
    const sessions = [
      [
        0.5319, 0.5012, 0.4705, 0.4392, 0.408, 0.3785, 0.3519, 0.3289, 0.3091, 0.2914, 0.2744, 0.2572, 0.2398, 0.2226,
        0.2066, 0.1923, 0.18, 0.1693, 0.1596, 0.1502, 0.1406, 0.1309, 0.1215,
      ],
      [0.1262, 0.1269, 0.1248],
      [0.1118, 0.09932, 0.08814, 0.07828],
    ];
    const text = `epoch,loss\n${sessions.map((s) => s.map((v, e) => `${e},${v}`).join('\n')).join('\n')}\n`;
    const log = ingest(text, { fileName: 'history.csv' });
    expect(trainingStart(log, 1)).toBe(0);
    expect(trainingStart(log, 2)).toBe(2);
  });

  it('a flat session that moved more than the training before it is measured on its own travel, as before', () => {
    // three noisy sessions about 0.57-0.59 (a review's case): the second moved 2.5%, the whole training 0.1%
    const sessions = [
      [0.5718, 0.5882, 0.5962, 0.5916, 0.5765, 0.558, 0.5449, 0.5434, 0.5539, 0.571, 0.5859],
      [0.587, 0.5887, 0.583, 0.5726],
      [0.572, 0.5735, 0.5712, 0.5728, 0.5709, 0.5721],
    ];
    const text = `epoch,loss\n${sessions.map((s) => s.map((v, e) => `${e},${v}`).join('\n')).join('\n')}\n`;
    const log = ingest(text, { fileName: 'history.csv' });
    expect(resumes(log.runs[1], log.runs[2])).toBe(true);
    expect(trainingStart(log, 2)).toBe(0);
  });

  it('a loss below 0 (a log-likelihood) is compared on its own scale: resumed where it ended, it joins', () => {
    // -0.1 -> -2.1 over 21 epochs, relaunched for two epochs, then 10 more, each where the last ended
    const nll = (from: number, epochs: number) =>
      Array.from({ length: epochs }, (_, e) => `${e},${(from - 0.1 * e).toFixed(3)},${(from - 0.09 * e).toFixed(3)}`);
    const log = ingest(csv(nll(-0.1, 21), nll(-2.1, 2), nll(-2.2, 10)), { fileName: 'history.csv' });
    expect(log.runs).toHaveLength(3);
    expect(trainingStart(log, 2)).toBe(0);
  });
});

describe('runs that start afresh stay apart', () => {
  it('a second seed or config starts near where the first started, not where it ended', () => {
    const text = csv(session(12, 1.0, 0.1), session(12, 0.97, 0.12));
    const log = ingest(text, { fileName: 'history.csv' });
    expect(resumes(log.runs[0], log.runs[1])).toBe(false);
    const r = triage(text, { fileName: 'history.csv' });
    expect(r.diagnosis.evidence.points).toBe(12);
    expect(r.log.warnings.map((w) => w.code)).not.toContain('resumed_runs');
  });

  it('a flat run and a fresh copy of it look alike, so they are not joined', () => {
    const text = csv(session(12, 0.5, 0.001, 0.01), session(12, 0.5, 0.001, 0.01));
    const log = ingest(text, { fileName: 'history.csv' });
    expect(resumes(log.runs[0], log.runs[1])).toBe(false);
  });

  it('a run that starts far below where the last ended is another model, not a resume', () => {
    const text = csv(session(12, 1.0, 0.02), session(12, 0.4, 0.01));
    const log = ingest(text, { fileName: 'history.csv' });
    expect(resumes(log.runs[0], log.runs[1])).toBe(false);
  });

  it('both losses must carry on: a val_loss that starts afresh keeps the runs apart', () => {
    const second = session(12, endOf(1.0, 0.1, 12), 0.02).map((row) => {
      const [e, loss] = row.split(',');
      return `${e},${loss},${(1.1 * Math.exp(-0.1 * Number(e))).toFixed(5)}`;
    });
    const log = ingest(csv(session(12, 1.0, 0.1), second), { fileName: 'history.csv' });
    expect(resumes(log.runs[0], log.runs[1])).toBe(false);
  });
});

describe('a run relaunched from the epoch the last one ended on (the epoch written twice)', () => {
  /** rows `e,loss,val_loss` for these epochs, losses from `at(e)` */
  const rows = (epochs: number[], at: (e: number) => [number, number]) =>
    epochs.map(
      (e) =>
        `${e},${at(e)
          .map((v) => v.toFixed(5))
          .join(',')}`,
    );
  const range = (from: number, to: number, step = 1) =>
    Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

  it("a fresh start at that epoch is its own run, read alone (it was one epoch's two rows, spread inside it)", () => {
    // a short try (5, 10), then a fresh run logged every 10 epochs from 10 whose validation bottoms out and rises
    const text = csv(
      rows([5, 10], (e) => [2.3 - 0.02 * e, 3.4 - 0.05 * e]),
      rows(range(10, 100, 10), (e) => [2.4 - 0.016 * e, 2.3 - 0.016 * Math.min(e, 60) + 0.008 * Math.max(0, e - 60)]),
    );
    const log = ingest(text, { fileName: 'train_log.csv' });
    expect(log.runs.map((r) => r.series[0].x)).toEqual([[5, 10], range(10, 100, 10)]);
    expect(log.warnings.find((w) => w.code === 'multiple_runs')?.message).toMatch(
      /^The epoch number is written twice 1 time\(s\) \(a relaunch from the epoch the run before ended on\): 2 runs/,
    );
    const r = triage(text, { fileName: 'train_log.csv' });
    expect(r.diagnosis.evidence.points).toBe(10);
    expect(r.diagnosis.pattern).toBe('overfitting');
  });

  it("Keras's fine-tune from initial_epoch=history.epoch[-1] continues the first phase: one training again", () => {
    const text = csv(
      rows(range(0, 9), (e) => [0.9 * Math.exp(-0.1 * e), 0.95 * Math.exp(-0.1 * e)]),
      rows(range(9, 19), (e) => [0.9 * Math.exp(-0.1 * e), 0.95 * Math.exp(-0.1 * e)]),
    );
    const whole = triage(text, { fileName: 'history.csv' });
    expect(whole.runsFound).toBe(2);
    expect(whole.diagnosis.evidence.points).toBe(21);
    expect(whole.log.warnings.map((w) => w.code)).toContain('resumed_runs');
  });

  it('rows of one epoch logged per iteration, a last epoch written again, or two repeats, stay in their run', () => {
    const perIteration = csv(rows([1, 1, 2, 2, 3, 3, 4, 4], (e) => [1 / e, 1.1 / e]));
    expect(ingest(perIteration, { fileName: 'log.csv' }).runs).toHaveLength(1);
    // the repeated row and two after it: too few to be a run of their own
    const finalAgain = csv(rows([1, 2, 3, 4, 5, 5, 6, 7], (e) => [1 / e, 1.1 / e]));
    expect(ingest(finalAgain, { fileName: 'log.csv' }).runs).toHaveLength(1);
    const twice = csv(rows([1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9], (e) => [1 / e, 1.1 / e]));
    expect(ingest(twice, { fileName: 'log.csv' }).runs).toHaveLength(1);
  });

  it('nor do a validation row tagged by its phase, a blank epoch cell read as the next, or fractional epochs', () => {
    const phase = [
      'epoch,phase,loss,acc',
      ...range(1, 15).flatMap((e) => [
        `${e},train,${(1 / e).toFixed(4)},${(0.5 + e / 40).toFixed(4)}`,
        ...(e === 10 ? ['10,val,0.8278,0.7188'] : []),
      ]),
    ];
    expect(ingest(phase.join('\n'), { fileName: 'log.csv' }).runs).toHaveLength(1);
    const blank = csv(rows(range(1, 20), (e) => [1 / e, 1.1 / e]).map((r, i) => (i === 7 ? r.replace(/^\d+/, '') : r)));
    expect(ingest(blank, { fileName: 'log.csv' }).runs).toHaveLength(1);
    const fractional = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9].map((e) => ({ epoch: e, loss: 1 / e }));
    expect(ingest(JSON.stringify(fractional), { fileName: 'log.json' }).runs).toHaveLength(1);
    // with the same columns filled and no phase, the same file is a relaunch
    const relaunch = csv(rows([1, 2, 3, 4, 5, 5, 6, 7, 8], (e) => [1 / e, 1.1 / e]));
    expect(ingest(relaunch, { fileName: 'log.csv' }).runs).toHaveLength(2);
  });
});

describe('a relaunch from an earlier checkpoint (the counter starts again inside the training)', () => {
  /** rows `epoch,loss,val_loss` for epochs `from..to`: the loss falls, the validation loss bottoms at 12 and rises,
   *  with a noisy wobble of its own (4% every other epoch) */
  const rows = (from: number, to: number, shift = 0) =>
    Array.from({ length: to - from + 1 }, (_, i) => {
      const e = from + i;
      const loss = 4 * Math.exp(-0.012 * e);
      const val = (3.2 + 0.02 * Math.abs(e - 12)) * (1 + (e % 2 ? 0.04 : 0) + shift);
      return `${e},${loss.toFixed(4)},${val.toFixed(4)}`;
    });
  // epochs 1..89, then the run relaunched from its checkpoint of epoch 86: epochs 87..122, the first
  // validation a noisy draw 6% off the level it left
  const text = ['epoch,loss,val_loss', ...rows(1, 89), ...rows(87, 87, 0.06), ...rows(88, 122)].join('\n') + '\n';

  it("is one training, read in the file's own epochs: the relaunch replaces the epochs it ran again", () => {
    const log = ingest(text, { fileName: 'log.csv' });
    expect(log.runs).toHaveLength(2);
    // its first validation is one noisy draw off (more than a few steps): a relaunch is checked on its training loss
    expect(resumes(log.runs[0], log.runs[1])).toBe(true);
    expect(restartsInside([log.runs[0]], log.runs[1])).toBe(true);
    const r = triage(text, { fileName: 'log.csv' });
    expect(r.log.runs[0].label).toBe('runs 1-2 of 2 (one resumed training)');
    expect(r.diagnosis.evidence.points).toBe(122);
    expect(r.diagnosis.evidence.last_x).toBe(122);
    expect(r.log.runs[0].series[0].x).toEqual(Array.from({ length: 122 }, (_, i) => i + 1));
    expect(r.log.runs[0].sessions).toEqual([{ x: 86.5, run: 1 }]);
    expect(r.log.warnings.find((w) => w.code === 'resumed_runs')?.message).toMatch(
      /^Runs 1-2 of 2 are read as one training: each carries on the training before it \(resumed, or relaunched from a checkpoint it saved\), and run 2 starts again at epoch 87 of the file, inside the runs before it \(a relaunch from a checkpoint\): its epochs replace theirs from there\./,
    );
    expect(r.diagnosis.pattern).toBe('overfitting');
  });

  it('sessions relaunched again and again from one checkpoint leave the last one', () => {
    // 1..40; a crash after 2 epochs relaunched from 30, again from 30, then a long session 30..60
    const many = ['epoch,loss,val_loss', ...rows(1, 40), ...rows(30, 31), ...rows(30, 31), ...rows(30, 60)].join('\n');
    const r = triage(many + '\n', { fileName: 'log.csv' });
    expect(r.log.runs[0].label).toBe('runs 1-4 of 4 (one resumed training)');
    expect(r.log.runs[0].series[0].x).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // the sessions replaced whole leave no boundary
    expect(r.log.runs[0].sessions).toEqual([{ x: 29.5, run: 3 }]);
    expect(r.log.warnings.find((w) => w.code === 'resumed_runs')?.message).toMatch(
      /runs 2, 3 and 4 start again inside the runs before them \(relaunches from checkpoints, at epochs 30, 30 and 30 of the file\)/,
    );
  });

  it('a fresh run that logs less often, or one at the last point, is no relaunch', () => {
    const at = (xs: number[]) => ({
      index: 0,
      label: '',
      xAxis: 'epoch' as const,
      series: [
        {
          key: 'loss',
          name: 'loss',
          base: 'loss',
          split: 'train' as const,
          kind: 'loss' as const,
          x: xs,
          y: xs.map(() => 1),
        },
      ],
    });
    const every = (step: number) =>
      Array.from({ length: Math.round(1 / step) }, (_, i) => +((i + 1) * step).toFixed(4));
    // every 0.01 epoch, then a fresh run every 0.04: its first point sits one of its strides in
    expect(restartsInside([at(every(0.01))], at(every(0.04)))).toBe(false);
    // Keras's initial_epoch=history.epoch[-1]: the last epoch written twice
    expect(restartsInside([at([1, 2, 3, 4, 5])], at([5, 6, 7, 8]))).toBe(false);
    expect(restartsInside([at([1, 2, 3, 4, 5])], at([4, 5, 6, 7]))).toBe(true);
    expect(restartsInside([], at([4, 5, 6, 7]))).toBe(false);
  });

  it('joined, a series only the replaced points held is gone, and the rest keep their order', () => {
    const run = (index: number, series: [string, number[]][]) => ({
      index,
      label: `run ${index + 1}`,
      xAxis: 'epoch' as const,
      series: series.map(([key, x]) => ({
        key,
        name: key,
        base: key,
        split: 'train' as const,
        kind: 'loss' as const,
        x,
        y: x.map((v) => 1 / v),
      })),
    });
    const log = {
      format: 'csv',
      warnings: [],
      runs: [
        run(0, [
          ['loss', [1, 2, 3, 4, 5, 6]],
          ['spike', [5, 6]],
        ]),
        run(1, [['loss', [4, 5, 6, 7, 8]]]),
      ],
    } as unknown as Parameters<typeof joinRuns>[0];
    const joined = joinRuns(log, 0, 1, undefined, true).runs[0];
    expect(joined.series.map((s) => s.key)).toEqual(['loss']);
    expect(joined.series[0].x).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(joined.series[0].y[3]).toBe(1 / 4);
  });
});

describe('a relaunch joined: its note, the epoch-at-step pairs, and the runs joined on request', () => {
  /** CSVLogger rows (epochs from 0) falling by 1.2% an epoch, for epochs `from..to` */
  const rows = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => {
      const loss = 4 * Math.exp(-0.012 * (from + i));
      return `${from + i},${loss.toFixed(4)},${(loss * 1.1).toFixed(4)}`;
    });

  it('quotes where each relaunch starts as the file writes it, and names many by count', () => {
    // epochs 0..88, then relaunched from 85: the file says 86 (x is 87, one more than a 0-based epoch)
    const once = triage(['epoch,loss,val_loss', ...rows(0, 88), ...rows(86, 121)].join('\n'), { fileName: 'log.csv' });
    expect(once.log.warnings.find((w) => w.code === 'resumed_runs')?.message).toMatch(
      /run 2 starts again at epoch 86 of the file/,
    );
    expect(once.diagnosis.evidence.points).toBe(122);
    // a preemptible job requeued from its latest checkpoint, again and again
    const many = ['epoch,loss,val_loss', ...rows(0, 9)];
    for (let k = 1; k <= 6; k++) many.push(...rows(10 * k - 2, 10 * k + 9));
    const r = triage(many.join('\n'), { fileName: 'log.csv' });
    expect(r.log.runs[0].label).toBe('runs 1-7 of 7 (one resumed training)');
    expect(r.log.runs[0].series[0].x).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(r.log.warnings.find((w) => w.code === 'resumed_runs')?.message).toMatch(
      /6 runs start again inside the runs before them \(relaunches from checkpoints, the first, run 2, at epoch 8 of the file, the last, run 7, at epoch 58\)/,
    );
  });

  it('keeps the epoch-at-step pairs of the points kept, on either axis', () => {
    type Run = Parameters<typeof joinRuns>[0]['runs'][number];
    const run = (index: number, xAxis: 'epoch' | 'step', xs: number[], epochOf: (x: number) => number): Run => ({
      index,
      label: `run ${index + 1}`,
      xAxis,
      series: [
        { key: 'loss', name: 'loss', base: 'loss', split: 'train', kind: 'loss', x: xs, y: xs.map((x) => 1 / (1 + x)) },
      ],
      epochAtStep: { step: xs.map((x) => (xAxis === 'epoch' ? x * 100 - 1 : x)), epoch: xs.map(epochOf) },
    });
    const of = (runs: Run[]) =>
      joinRuns({ format: 'csv', warnings: [], runs } as never, 0, runs.length - 1, undefined, true).runs[0];
    // Lightning's epoch axis: relaunched from epoch 6's checkpoint; the pairs of epochs 1..6 stay
    const range = (a: number, b: number, d = 1) => Array.from({ length: (b - a) / d + 1 }, (_, i) => a + d * i);
    const lightning = of([run(0, 'epoch', range(1, 10), (e) => e), run(1, 'epoch', range(7, 12), (e) => e)]);
    expect(lightning.epochAtStep).toEqual({ step: range(99, 1199, 100), epoch: range(1, 12) });
    // a step axis: a session counted on (its steps from 0 again), then relaunched from its own step 300: the
    // relaunch keeps that session's epochs too (10 more than its own count)
    const steps = of([
      run(0, 'step', range(0, 1000, 100), (x) => x / 100),
      run(1, 'step', range(0, 500, 100), (x) => x / 100),
      run(2, 'step', range(300, 900, 100), (x) => x / 100),
    ]);
    expect(steps.epochAtStep!.step).toEqual(range(0, 2000, 100));
    expect(steps.epochAtStep!.epoch).toEqual([...range(0, 10), ...range(10, 19)]);
  });

  it('--run joined lays every run end to end, as before: a relaunch is cut only in the training it resumes', () => {
    const text = ['epoch,loss,val_loss', ...rows(0, 39), ...rows(30, 59)].join('\n');
    const joined = triage(text, { fileName: 'log.csv', run: 'joined' });
    expect(joined.diagnosis.evidence.points).toBe(70);
    expect(triage(text, { fileName: 'log.csv' }).diagnosis.evidence.points).toBe(60);
  });
});

describe('joining', () => {
  it('steps counted from 0 follow one stride after the last, never on top of it', () => {
    const lines = (n: number, start: number) =>
      Array.from({ length: n }, (_, i) => `step ${i * 50}: train loss ${(start * Math.exp(-0.05 * i)).toFixed(4)}`);
    const text = [...lines(10, 2.0), ...lines(10, 2.0 * Math.exp(-0.05 * 10))].join('\n') + '\n';
    const log = ingest(text, { fileName: 'train.log' });
    expect(log.runs).toHaveLength(2);
    const joined = joinRuns(log);
    const x = joined.runs[0].series.find((s) => s.key === 'loss')!.x;
    expect(x.slice(8, 12)).toEqual([400, 450, 500, 550]);
    expect(new Set(x).size).toBe(x.length);
  });

  it('the rows of a table of curves are other models, never a resume', () => {
    const list = (start: number) =>
      `"[${Array.from({ length: 6 }, (_, i) => (start * Math.exp(-0.2 * i)).toFixed(4)).join(', ')}]"`;
    const text = `Model,Loss\nA,${list(1.0)}\nB,${list(Math.exp(-1.2))}\n`;
    const r = triage(text, { fileName: 'losses.csv' });
    expect(r.log.runs).toHaveLength(2);
    expect(r.diagnosis.evidence.points).toBe(6);
  });

  it('a real resumed training (bench/wild: a CSVLogger appended over three fit() calls) reads as one', () => {
    const file = 'bench/wild/keras-csv/DanieleBaiocco__Next-Frame-Prediction__outputs_history.csv';
    const r = triage(readFileSync(file), { fileName: file });
    expect(r.runsFound).toBe(3);
    expect(r.diagnosis.evidence.points).toBe(34);
    // its last session alone (0.0128 -> 0.0118) read as "barely improving"; the training fell 0.038 -> 0.0118
    expect(r.diagnosis.pattern).toBe('good_fit');
    expect(triage(readFileSync(file), { fileName: file, run: 2 }).diagnosis.pattern).toBe('underfitting');
  });
});
