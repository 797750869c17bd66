/**
 * Runs that printed to one log at the same time (print-interleaved.ts): each line continues the run whose epoch it
 * follows, instead of a run cut at every turn. Relaunches one after another, and lines that no run continues, keep
 * their reading.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';

const line = (e: number, loss: number, acc: number) =>
  `Tue Dec 13 14:00:22 2022 Epoch ${e}, lr: 0.0001000, val loss: ${loss.toFixed(5)}, acc: ${acc.toFixed(5)}`;
/** a run's epoch values: a falling validation loss from `from`, and a rising accuracy */
const run = (from: number, n: number) =>
  Array.from({ length: n }, (_, e) => ({ e, loss: from * (0.5 + 0.5 / (1 + e / 4)), acc: 40 + (50 * e) / n }));
/** merge runs' lines by when each would be printed: run i prints epoch e at (e + 1) * period[i] + offset[i] */
function interleave(runs: ReturnType<typeof run>[], period: number[], offset: number[] = []): string {
  const timed = runs.flatMap((r, i) =>
    r.map((p) => ({ t: (p.e + 1) * period[i] + (offset[i] ?? i * 0.01), text: line(p.e, p.loss, p.acc) })),
  );
  return timed
    .sort((a, b) => a.t - b.t)
    .map((x) => x.text)
    .join('\n');
}
const valLoss = (log: ReturnType<typeof ingest>, i: number) =>
  log.runs[i].series.find((s) => s.key === 'val_loss')!.y.map((v) => +v.toFixed(3));

describe('runs printed to one log at the same time', () => {
  it('two runs in turns that drift apart are two runs, the one that finished last diagnosed', () => {
    const [a, b] = [run(200, 40), run(160, 40)];
    // b is the faster one (19 s an epoch against 21.6 s): by its 40th epoch it is five ahead, and a finishes last
    const log = ingest(interleave([a, b], [21.6, 19]), { fileName: 'log_vit_patch4.txt' });
    expect(log.runs).toHaveLength(2);
    expect(valLoss(log, 0)).toEqual(b.map((p) => +p.loss.toFixed(3)));
    expect(valLoss(log, 1)).toEqual(a.map((p) => +p.loss.toFixed(3)));
    expect(log.warnings.find((w) => w.code === 'multiple_runs')?.message).toMatch(
      /^2 runs printed to this log at the same time, their epochs in turns \(40 \+ 40 lines\)/,
    );
    expect(diagnose(log).series.val).toBe('val_loss');
  });

  it('three runs side by side too', () => {
    const runs = [run(300, 12), run(100, 12), run(30, 12)];
    // their turns drift: now one, now another prints an epoch first
    const log = ingest(interleave(runs, [10, 11, 12]), { fileName: 'log.txt' });
    expect(log.runs).toHaveLength(3);
    const firsts = [0, 1, 2].map((i) => valLoss(log, i)[0]).sort((x, y) => x - y);
    expect(firsts).toEqual([30, 100, 300]);
    for (let i = 0; i < 3; i++) {
      const y = valLoss(log, i);
      expect(y).toHaveLength(12);
      expect(y).toEqual(runs.find((r) => +r[0].loss.toFixed(3) === y[0])!.map((p) => +p.loss.toFixed(3)));
    }
  });

  it('a run started later that overtakes: at the same epoch, the values say whose line it is', () => {
    // a prints first, b (9 s an epoch against 10 s, 1.5 s later) overtakes it at epoch 1: b's "Epoch 1" comes while
    // both runs are at epoch 0, and the first run to print epoch 0 was a
    const [a, b] = [run(0.9, 20), run(1.8, 20)];
    const log = ingest(interleave([a, b], [10, 9], [0, 1.5]), { fileName: 'log.txt' });
    expect(log.runs).toHaveLength(2);
    const runs = [valLoss(log, 0), valLoss(log, 1)];
    expect(runs).toContainEqual(a.map((p) => +p.loss.toFixed(3)));
    expect(runs).toContainEqual(b.map((p) => +p.loss.toFixed(3)));
  });

  it('relaunches one after another, a run that no line continues, and a run too short keep the sequential reading', () => {
    const [a, b] = [run(200, 10), run(160, 10)];
    const text = (ps: ReturnType<typeof run>) => ps.map((p) => line(p.e, p.loss, p.acc));
    // one after another: two runs, as read in order, and no word of runs at the same time
    const after = ingest([...text(a), ...text(b)].join('\n'), { fileName: 'log.txt' });
    expect(after.runs.map((r) => r.series[0].x.length)).toEqual([10, 10]);
    expect(after.warnings.map((w) => w.message).join(' ')).not.toMatch(/at the same time/);
    // in turns, but one line skips an epoch (no run it continues): not read as interleaved runs
    const skipped = interleave([a, b], [10, 10]).split('\n');
    skipped.splice(9, 1);
    expect(
      ingest(skipped.join('\n'), { fileName: 'log.txt' })
        .warnings.map((w) => w.message)
        .join(' '),
    ).not.toMatch(/at the same time/);
    // a training line and a validation line per epoch, or every line printed twice (a tee): one run
    const twoLines = a.flatMap((p) => [`Epoch ${p.e}, train loss: ${p.loss / 2}`, `Epoch ${p.e}, val loss: ${p.loss}`]);
    expect(ingest(twoLines.join('\n'), { fileName: 'log.txt' }).runs).toHaveLength(1);
    const tee = text(a).flatMap((l) => [l, l]);
    expect(ingest(tee.join('\n'), { fileName: 'log.txt' }).runs).toHaveLength(1);
    // each epoch printed three times in a row, in the same order every time: an epoch's parts as likely as runs
    const parts = interleave([run(300, 12), run(100, 12), run(30, 12)], [10, 10, 10]);
    expect(
      ingest(parts, { fileName: 'log.txt' })
        .warnings.map((w) => w.message)
        .join(' '),
    ).not.toMatch(/at the same time/);
    // two ranks of one run (the same losses and accuracies, their own throughput): not two runs
    const ranks = interleave([a, a], [10, 8])
      .split('\n')
      .map((l, i) => `${l}, Images/sec: ${700 + 50 * (i % 2)}`);
    expect(
      ingest(ranks.join('\n'), { fileName: 'log.txt' })
        .warnings.map((w) => w.message)
        .join(' '),
    ).not.toMatch(/at the same time/);
    // drifting turns, but runs of 4 epochs (too short to be curves), or five runs (more than we guess at): not read
    // as interleaved runs
    const short = ingest(interleave([run(200, 4), run(160, 4)], [10, 7]), { fileName: 'log.txt' });
    expect(short.warnings.map((w) => w.message).join(' ')).not.toMatch(/at the same time/);
    const five = [300, 200, 100, 50, 25].map((v) => run(v, 12));
    const many = ingest(interleave(five, [10, 11, 12, 13, 14]), { fileName: 'log.txt' });
    expect(many.warnings.map((w) => w.message).join(' ')).not.toMatch(/at the same time/);
  });
});
