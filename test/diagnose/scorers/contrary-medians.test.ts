/** A whole-run change is measured between two levels (measure.ts relDrop: the median of the first points, of the
 * last ones). When the file's first and last values went the other way, the sentence quotes those levels too, so it
 * never contradicts its own numbers ("ended 29% worse ... 7.26 at epoch 1, 6.65 at epoch 25"). */
import { describe, expect, it } from 'vitest';
import { scoreUnderfitting, underfittingFallback } from '../../../src/diagnose/scorers/underfitting.js';
import { scoreValWorse } from '../../../src/diagnose/scorers/val-worse.js';
import { unstableFallback } from '../../../src/diagnose/scorers/unstable.js';
import { median } from '../../../src/diagnose/stats.js';
import { diagnose } from '../../../src/diagnose/index.js';
import { ingest } from '../../../src/ingest/index.js';
import { num, pct, reasonsFor, scoring, series } from './synthetic.js';

// a loss far above the rest at its first point, then a slow rise: it ends below where it started, yet its level
// (first 4 points: 4.1 to 4.25) ended higher (its last 3: ~5)
const rising = [7, ...series(24, (t) => 4.1 + 0.9 * t)];
// the last points a level reads: 12% of the run, at least 3 (rules.ts TAIL_FRACTION; 3 of 25 points, 4 of 30)
const levels = (y: number[], last = 3) => ({ start: median(y.slice(0, 4)), end: median(y.slice(-last)) });

describe('the levels a contrary change was measured between', () => {
  it('a loss whose first point sits far above the rest "ended worse" between its two levels, quoted beside its ends', () => {
    const s = scoring({ loss: rising });
    scoreUnderfitting(s);
    const { start, end } = levels(rising);
    expect(s.e.train_total_improvement).toBeCloseTo((start - end) / start, 3);
    expect(reasonsFor(s, 'underfitting')).toEqual([
      `loss's smoothed level ended ${pct(-s.e.train_total_improvement!)} worse than it started over the whole run (in the file: 7 at epoch 1, ${num(rising[24])} at epoch 25, but its typical level was ${num(start)} up to epoch 4 and ${num(end)} from epoch 23): the model is not learning much.`,
    ]);
    expect(underfittingFallback(s)).toContain(`but its typical level was ${num(start)} up to epoch 4`);
    expect(unstableFallback(s)).toContain(
      `(7 at epoch 1 -> ${num(rising[24])} at epoch 25; but its typical level was ${num(start)} up to epoch 4 and ${num(end)} from epoch 23)`,
    );
  });

  it('a val loss that ends below its first point but above its early level: val-worse quotes both', () => {
    const val = [3, ...series(29, (t) => 1 + 0.25 * t)];
    const s = scoring({ loss: series(30, (t) => Math.exp(-3 * t) + 0.1), val_loss: val });
    scoreValWorse(s);
    const { start, end } = levels(val, 4);
    expect(reasonsFor(s, 'overfitting')[0]).toContain(
      `in the file, val_loss went from 3 at epoch 1 to ${num(val[29])} at epoch 30, but its typical level was ${num(start)} up to epoch 4 and ${num(end)} from epoch 27: the model`,
    );
  });

  it('an accuracy is read as an error: its levels are shown as the file shows it, with the errors the change is of', () => {
    // from 0.1 (a first point far below the rest) to 0.75: up, though its level fell from 0.8 to 0.75
    const acc = [0.1, ...series(24, (t) => 0.8 - 0.05 * t)];
    const s = scoring({ accuracy: acc });
    scoreUnderfitting(s);
    const { start, end } = levels(acc);
    // "ended 22% worse": 1 - accuracy rose 22%, from 0.203 to 0.248
    expect(-s.e.train_total_improvement!).toBeCloseTo((1 - end) / (1 - start) - 1, 3);
    expect(underfittingFallback(s)).toContain(
      `(in the file: 0.1 at epoch 1, ${num(acc[24])} at epoch 25, but its typical level was ${num(start)} up to epoch 4 and ${num(end)} from epoch 23, that is below 1 by ${num(1 - start)}, then ${num(1 - end)})`,
    );
  });

  it('a training curve logged less often than validation: no levels where it was not logged', () => {
    // val every epoch 1..40, loss every 5th: its aligned values before epoch 5 and after 35 are borrowed
    const rows = Array.from({ length: 40 }, (_, i) => {
      const e = i + 1;
      const loss = e % 5 === 0 ? (e === 5 ? 2 : e >= 30 ? 2.5 - (e === 40 ? 0.6 : 0) : 1).toFixed(2) : '';
      return `${e},${loss},${(1.5 - 0.01 * e + 0.05 * Math.sin(e)).toFixed(3)}`;
    });
    const d = diagnose(ingest(['epoch,loss,val_loss', ...rows].join('\n') + '\n', { fileName: 'log.csv' }));
    const said = [d.headline, ...d.reasons].join(' ');
    expect(said).toContain('(in the file: 2 at epoch 5, 1.9 at epoch 40)');
    expect(said).not.toContain('typical level');
    // 7 at its first point, then a level rising from 4 to 5: quoted with its levels where logged at every epoch,
    // not where one of its first epochs or of its last ones lacks a value
    const shaped = (logged: (e: number) => boolean) => {
      const first = Array.from({ length: 40 }, (_, i) => i + 1).find(logged)!;
      const rows = Array.from({ length: 40 }, (_, i) => {
        const e = i + 1;
        const loss = !logged(e) ? '' : e === first ? '7' : (4 + e / 40).toFixed(3);
        return `${e},${loss},${(1.5 - 0.01 * e).toFixed(3)}`;
      });
      const d = diagnose(ingest(['epoch,loss,val_loss', ...rows].join('\n') + '\n', { fileName: 'log.csv' }));
      return [d.headline, ...d.reasons].join(' ');
    };
    expect(shaped(() => true)).toContain('(in the file: 7 at epoch 1, 5 at epoch 40, but its typical level was');
    expect(shaped((e) => e !== 3)).toContain('(in the file: 7 at epoch 1, 5 at epoch 40)');
    expect(shaped((e) => e <= 35 || e === 40)).toContain('(in the file: 7 at epoch 1, 5 at epoch 40)');
  });

  it("a score of no fixed top (a reward) shows its levels alone: the change's share is of a top not in the file", () => {
    const reward = [300, ...series(24, (t) => 100 + 20 * t), 60];
    const s = scoring({ reward });
    scoreUnderfitting(s);
    const said = underfittingFallback(s);
    expect(said).toContain('but its typical level was');
    expect(said).not.toContain(' below ');
  });

  it('says nothing more when the ends agree with the change, or either pair looks alike as shown', () => {
    const agree = scoring({ loss: series(25, (t) => 2 - t) });
    expect(underfittingFallback(agree)).not.toContain('typical level');
    // 7.00 at both ends as shown (though the last is lower), a level that rose between them: nothing to explain
    const ends = scoring({ loss: [7.002, ...series(23, (t) => 4 + t), 7.001] });
    expect(ends.e.train_total_improvement).toBeLessThan(0);
    expect(underfittingFallback(ends)).toContain('(in the file: 7 at epoch 1, 7 at epoch 25)');
    // from 9 to 3 in the file, a level of 4 at both ends as shown (it ended 0.03% worse): nothing to explain
    const level = scoring({ loss: [9, 4, 4, 4, ...Array<number>(20).fill(4.001), 3] });
    expect(level.e.train_total_improvement).toBeLessThan(0);
    expect(underfittingFallback(level)).toContain('(in the file: 9 at epoch 1, 3 at epoch 25)');
  });

  it('says nothing more when the file labels both levels alike (rows within one epoch)', () => {
    const rows = (last: (i: number) => number) =>
      `epoch,step,loss\n${rising.map((v, i) => `${i < last(i) ? 0 : 1},${i},${v}`).join('\n')}\n`;
    // the first level's points in epoch 0, the last level's in epoch 1: both said
    expect(diagnose(ingest(rows(() => 22))).reasons.join(' ')).toContain('up to epoch 0 and 4.96 from epoch 1');
    // the last level's first point in epoch 0 too ("up to epoch 0 and ... from epoch 0" would explain nothing)
    const alike = diagnose(ingest(rows(() => 23))).reasons.join(' ');
    expect(alike).toContain('(in the file: 7 at epoch 0, 5 at epoch 1)');
    expect(alike).not.toContain('typical level');
  });
});
