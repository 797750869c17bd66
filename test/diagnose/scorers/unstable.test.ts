/** The unstable scorer: NaN/inf (at once, persisting, recovered, validation only), divergence, a negative
 * loss running away, jumps and oscillation without a trend; a healthy curve scores 0 and says nothing. */
import { describe, expect, it } from 'vitest';
import { blewUpAtOnce, negativeRunaway, scoreUnstable } from '../../../src/diagnose/scorers/unstable.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';
import { ingest } from '../../../src/ingest/index.js';
import { diagnose, measureRun } from '../../../src/diagnose/index.js';
import { newScoring } from '../../../src/diagnose/scorers/scoring.js';

const healthy = () => ({
  loss: series(30, (t, i) => (Math.exp(-3 * t) + 0.1) * (1 + 0.01 * wiggle(i))),
  val_loss: series(30, (t, i) => (Math.exp(-3 * t) + 0.15) * (1 + 0.02 * wiggle(i + 5))),
});

describe('unstable scorer', () => {
  it('a validation accuracy alone that turns NaN is named as itself, never "train"', () => {
    const acc = series(40, (_t, i) => (i === 30 ? NaN : 0.5 + 0.4 * (1 - Math.exp(-i / 8))));
    const text = JSON.stringify({ val_accuracy: acc }).replace(/null/g, 'NaN');
    const d = diagnose(ingest(text));
    expect(d.pattern).toBe('unstable');
    expect(d.headline).toMatch(/: val_accuracy became NaN\/inf at epoch 31\.$/);
  });

  it('does not fire on a loss that falls smoothly', () => {
    const s = scoring(healthy());
    scoreUnstable(s);
    expect(s.scores.unstable).toBe(0);
    expect(s.tagged).toEqual([]);
    expect(s.findings.has('diverging')).toBe(false);
  });

  it('calls a loss that grows 5x diverging and quotes the growth factor', () => {
    const s = scoring({
      loss: series(30, (t) => 0.5 * Math.exp(1.8 * t)),
      val_loss: series(30, (t) => 0.6 * Math.exp(1.8 * t)),
    });
    scoreUnstable(s);
    expect(s.e.growth_factor).toBeGreaterThan(R.DIVERGE_GROWTH * R.DIVERGE_RAMP_TO);
    expect(s.scores.unstable).toBe(1);
    expect(s.findings.has('diverging')).toBe(true);
    expect(reasonsFor(s, 'unstable')).toContain(
      `The training loss's median over the last tenth of the run is ${num(s.e.growth_factor)}x its median over the first tenth (0.5 at epoch 1 -> ${num(0.5 * Math.exp(1.8))} at epoch 30): it is diverging.`,
    );
  });

  it('scores a training loss that rises 1.25x-2x over the run in proportion, without the diverging finding', () => {
    const s = scoring({ loss: series(40, (t, i) => (2.9 + 1.5 * t) * (1 + 0.03 * wiggle(i))) });
    scoreUnstable(s);
    const g = s.e.growth_factor as number;
    expect(g).toBeGreaterThan(R.RISE_GROWTH_LO);
    expect(g).toBeLessThan(R.DIVERGE_GROWTH);
    expect(s.scores.unstable).toBeCloseTo((g - R.RISE_GROWTH_LO) / (R.RISE_GROWTH_HI - R.RISE_GROWTH_LO), 6);
    expect(s.findings.has('diverging')).toBe(false);
    expect(reasonsFor(s, 'unstable')[0]).toMatch(/it rose over the run instead of falling\.$/);
    // a rise under 1.25x says nothing
    const flat = scoring({ loss: series(40, (t, i) => (2.9 + 0.3 * t) * (1 + 0.03 * wiggle(i))) });
    scoreUnstable(flat);
    expect(reasonsFor(flat, 'unstable')).toEqual([]);
  });

  it('a slow rise inside the noise of the two tenths it compares says nothing', () => {
    // a converged per-batch loss around 0.006 that moves ~100% from point to point, 11 points: its first and last
    // tenths are single points, 0.0033 and 0.0059 (1.8x)
    const noisy = [0.0033, 0.012, 0.0004, 0.009, 0.0011, 0.0072, 0.0002, 0.011, 0.0025, 0.008, 0.0059];
    const s = scoring({ loss: noisy, val_loss: noisy.map((_, i) => 0.0316 - 0.0001 * i) });
    scoreUnstable(s);
    expect(s.e.growth_factor).toBeGreaterThan(R.RISE_GROWTH_LO);
    expect(s.e.growth_factor).toBeLessThan(R.DIVERGE_GROWTH);
    expect(reasonsFor(s, 'unstable').join(' ')).not.toMatch(/rose over the run/);
    // the same rise on a smooth curve is one
    const smooth = scoring({ loss: series(11, (t) => 0.0033 + 0.0026 * t), val_loss: series(11, () => 0.03) });
    scoreUnstable(smooth);
    expect(reasonsFor(smooth, 'unstable').join(' ')).toMatch(/rose over the run/);
  });

  it('a faster rise never scores less: just past 2x it scores as much as just below', () => {
    const at = (slope: number) => {
      const s = scoring({ loss: series(40, (t) => 1 + slope * t) });
      scoreUnstable(s);
      return { g: s.e.growth_factor as number, score: s.scores.unstable };
    };
    const below = at(0.95);
    const above = at(1.15);
    expect(below.g).toBeLessThan(R.DIVERGE_GROWTH);
    expect(above.g).toBeGreaterThanOrEqual(R.DIVERGE_GROWTH);
    expect(above.score).toBeGreaterThanOrEqual(below.score);
  });

  it('a negative loss that rises toward 0 (an ELBO) is not read as a ratio of medians', () => {
    const s = scoring({ loss: series(40, (t) => -100 + 60 * t) });
    scoreUnstable(s);
    expect(reasonsFor(s, 'unstable').join(' ')).not.toMatch(/rose over the run/);
  });

  /** The unstable score and first reason of a healthy run with its training loss NaN at `at`. */
  const withNaN = (at: number[], h: { loss: number[]; val_loss?: number[] } = healthy()) => {
    for (const i of at) h.loss[i] = NaN;
    const s = scoring(h);
    scoreUnstable(s);
    return { score: s.scores.unstable, reason: reasonsFor(s, 'unstable')[0] };
  };

  it('scores NaN that lasts to the end as a blow-up and a recovered one as a warning', () => {
    expect(withNaN([27, 28, 29])).toEqual({
      score: R.NAN_PERSISTENT_SCORE,
      reason: 'NaN/inf at 3 of the points, first at epoch 28, up to the end.',
    });
    expect(withNaN([10])).toEqual({
      score: R.NAN_RECOVERED_SCORE,
      reason: 'NaN/inf at 1 of the points, first at epoch 11.',
    });
    // NaN on most of the last part of the run, between finite points, recurs: a blow-up, but not "up to the end"
    expect(withNaN([0, 21, 22, 24, 25, 26, 28])).toEqual({
      score: R.NAN_PERSISTENT_SCORE,
      reason: 'NaN/inf at 7 of the points, first at epoch 1, recurring until epoch 29.',
    });
    // NaN epochs scattered among finite ones that go on (mixed precision's overflowing batches in an epoch's mean):
    // two in the last part of the run, most of it finite, recovered each time
    expect(withNaN([0, 23, 26])).toEqual({
      score: R.NAN_RECOVERED_SCORE,
      reason: 'NaN/inf at 3 of the points, first at epoch 1.',
    });
  });

  it('counts the share of NaN in the tail over the points logged there, with or without a validation curve', () => {
    // a third of the last 30% NaN (epochs 22, 25, 28 of the 9 from 22 on): recovered, whether val was logged or not
    expect(withNaN([21, 24, 27]).score).toBe(R.NAN_RECOVERED_SCORE);
    expect(withNaN([21, 24, 27], { loss: healthy().loss }).score).toBe(R.NAN_RECOVERED_SCORE);
    // more than half of them (5 of 9): persisting
    expect(withNaN([21, 23, 24, 26, 27]).score).toBe(R.NAN_PERSISTENT_SCORE);
    expect(withNaN([21, 23, 24, 26, 27], { loss: healthy().loss }).score).toBe(R.NAN_PERSISTENT_SCORE);
  });

  it('a per-step loss with a NaN step now and then beside a finite validation loss recovered', () => {
    const steps = Array.from({ length: 2000 }, (_, i) => i + 1);
    const rows = steps.map((st) => {
      const loss = st % 97 === 0 ? 'nan' : (Math.exp(-st / 500) + 0.1).toFixed(4);
      const val = st % 100 === 0 ? (Math.exp(-st / 500) + 0.15).toFixed(4) : '';
      return `${st},${loss},${val}`;
    });
    const d = diagnose(ingest(['step,train_loss,val_loss', ...rows].join('\n')));
    expect(d.pattern).not.toBe('unstable');
    expect(d.findings).toContain('nan_inf');
  });

  it('blames the validation data, not the training, when only val is NaN', () => {
    const h = healthy();
    h.val_loss[20] = NaN;
    const s = scoring(h);
    scoreUnstable(s);
    expect(s.valOnlyNaN).toBe(true);
    expect(s.scores.unstable).toBe(0);
    expect(s.tagged).toHaveLength(1);
    expect(s.tagged[0].p).toBeNull();
    expect(s.tagged[0].text).toMatch(/^val_loss is NaN\/inf at 1 of the points from epoch 21 while loss stays finite/);
  });

  it('a validation loss that is never a number is passed over and named broken; a held-out accuracy beside it is judged', () => {
    const h = healthy();
    const nan = h.val_loss.map(() => NaN);
    const broken = JSON.stringify({ loss: h.loss, val_loss: nan }).replace(/null/g, 'NaN');
    const d = diagnose(ingest(broken));
    // the training curve alone, said as such: no NaN blamed on the training, no validation claimed
    expect(d.series).toEqual({ train: 'loss' });
    expect(d.headline).toMatch(/^Good fit \(train only\): /);
    expect(d.findings).not.toContain('nan_inf');
    expect(d.reasons).toContain(
      'val_loss is never a number (NaN/inf at all 30 points): what measures the held-out data is broken (NaN in the validation labels, the log of zero, an empty validation batch or evaluation), so the run is judged without it.',
    );
    // an accuracy logged on both splits is a held-out curve: that pair is judged
    const acc = series(30, (t) => 0.5 + 0.4 * (1 - Math.exp(-4 * t)));
    const withAcc = JSON.stringify({
      loss: h.loss,
      val_loss: nan,
      accuracy: acc,
      val_accuracy: acc.map((v) => v - 0.02),
    });
    expect(diagnose(ingest(withAcc.replace(/null/g, 'NaN'))).series).toMatchObject({
      train: 'accuracy',
      val: 'val_accuracy',
    });
    // a training loss that is NaN too is a blow-up, not a broken validation
    const both = JSON.stringify({ loss: h.loss.map(() => NaN), val_loss: nan });
    expect(diagnose(ingest(both.replace(/null/g, 'NaN'))).pattern).toBe('unstable');
  });

  it('says the run blew up at once when nothing is finite', () => {
    const s = scoring({ loss: [NaN, NaN, NaN] });
    expect(blewUpAtOnce(s)).toBe(true);
    expect(s.tagged[0].text).toBe('The loss is non-finite (NaN/inf) from epoch 1 on: training blew up.');
    expect(blewUpAtOnce(scoring(healthy()))).toBe(false);
  });

  it('scores a train loss that jumps +-60% without a trend, quoting the typical jump', () => {
    const s = scoring({
      loss: series(30, (_t, i) => (i % 2 ? 1.6 : 0.8) * (1 + 0.05 * wiggle(i))),
      val_loss: series(30, (_t, i) => 1.2 + 0.05 * wiggle(i)),
    });
    scoreUnstable(s);
    const T = s.ctx.curves!.T!;
    expect(s.scores.unstable).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(reasonsFor(s, 'unstable')).toContain(
      `The training loss jumps by a typical ${pct(Math.exp(T.logJump) - 1)} from one point to the next, with no downward trend.`,
    );
  });

  it('says a jump past SHARE_QUOTED_MAX as "more than tenfold", never thousands of percent', () => {
    const s = scoring({
      loss: series(30, (_t, i) => (i % 2 ? 40 : 0.5) * (1 + 0.05 * wiggle(i))),
      val_loss: series(30, (_t, i) => 3 + 0.05 * wiggle(i)),
    });
    scoreUnstable(s);
    expect(Math.exp(s.ctx.curves!.T!.logJump) - 1).toBeGreaterThan(R.SHARE_QUOTED_MAX);
    expect(reasonsFor(s, 'unstable')).toContain(
      'The training loss jumps more than tenfold from one point to the next, with no downward trend.',
    );
  });

  it("does not call a training curve unstable for its batches' noise beside a far calmer validation curve", () => {
    // Lightning's on_step logging: a single batch's loss every 50 steps (twice in the first epoch), jumping +-60%, and
    // the epoch's validation loss, measured on the whole held-out set, falling calmly: its batches are noisy, the run
    // is not unstable
    const batch = (i: number) => ((i % 2 ? 1.6 : 0.8) * (1 + 0.05 * wiggle(i))).toFixed(4);
    const rows = Array.from({ length: 30 }, (_, e) => [
      ...(e === 0 ? [`0,24,${batch(99)},`] : []),
      `${e},${100 * e + 49},${batch(e)},`,
      `${e},${100 * e + 99},,${((1.3 - 0.01 * e) * (1 + 0.01 * wiggle(e))).toFixed(4)}`,
    ]).flat();
    const lightning = (text: string) => newScoring(measureRun(ingest(text, { fileName: 'metrics.csv' })));
    const calm = lightning(['epoch,step,train_loss,val_loss', ...rows].join('\n'));
    expect(calm.q.train!.x.length).toBeGreaterThan(calm.a.x.length);
    scoreUnstable(calm);
    expect(calm.ctx.curves!.V.relNoise / calm.ctx.curves!.T!.relNoise).toBeLessThan(R.VAL_CALM_SHARE_LO);
    expect(calm.scores.unstable).toBe(0);
    expect(reasonsFor(calm, 'unstable')).toEqual([]);
    // the same jumps in an epoch's mean, logged once per evaluation, are the run's: still unstable (the test above)
  });

  it('does not call the same jumps unstable when the loss falls through them', () => {
    const s = scoring({
      loss: series(30, (t, i) => (i % 2 ? 1.3 : 0.8) * Math.exp(-3 * t)),
      val_loss: series(30, (t) => Math.exp(-3 * t) + 0.1),
    });
    scoreUnstable(s);
    expect(s.scores.unstable).toBe(0);
  });

  it('scores a big transient jump in both losses after they came down, and quotes it', () => {
    // a learning rate far too high: both losses leap 10x at epoch 16 and come back over a few epochs
    const leap = (i: number) => (i === 15 ? 10 : i === 16 ? 4 : i === 17 ? 1.8 : 1);
    const s = scoring({
      loss: series(40, (t, i) => (Math.exp(-3 * t) + 0.1) * leap(i) * (1 + 0.01 * wiggle(i))),
      val_loss: series(40, (t, i) => (Math.exp(-3 * t) + 0.15) * leap(i) * (1 + 0.02 * wiggle(i + 5))),
    });
    scoreUnstable(s);
    expect(s.scores.unstable).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(s.leapt).toBe(true);
    const [reason] = reasonsFor(s, 'unstable');
    expect(reason).toMatch(
      /^The training loss jumped after it had come down: it rose [\d.]+% \([\d.]+ -> [\d.]+\) from epoch 15 to epoch 16, and val_loss rose [\d.]+% \([\d.]+ -> [\d.]+\) from epoch 15 to epoch 16\./,
    );
  });

  it('scores both losses swinging around a flat level (unscaled targets, lr far too high) and quotes both noises', () => {
    // +-30% swings around 2,500 for 40 epochs, no trend: the guide's "fluctuate violently with no clear
    // downward trend"; the first and last points differ by chance, which the old measure read as a fall
    const swing = (i: number, k: number) => 2500 * (1 + 0.3 * wiggle(i * 1.7 + k)) * (i < 3 ? 1.25 : 1);
    const s = scoring({
      loss: series(40, (_t, i) => swing(i, 0)),
      val_loss: series(40, (_t, i) => 1.05 * swing(i, 4)),
    });
    scoreUnstable(s);
    const { T, V } = s.ctx.curves!;
    expect(s.scores.unstable).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(s.flat).toBe(true);
    expect(reasonsFor(s, 'unstable').join(' ')).toContain(
      `Both losses swing around a flat level: loss moves ${pct(T!.relNoise)} and val_loss ${pct(V.relNoise)} from point to point around their smoothed trend (their noise), and neither has a clear downward trend (`,
    );
  });

  it('leaves noisy curves that fall clearly, a smooth plateau and noisy val over a smooth train to other rules', () => {
    const fallsThroughNoise = {
      loss: series(40, (t, i) => (Math.exp(-3 * t) + 0.1) * (1 + 0.15 * wiggle(i))),
      val_loss: series(40, (t, i) => (Math.exp(-3 * t) + 0.15) * (1 + 0.15 * wiggle(i + 4))),
    };
    const plateau = {
      loss: series(40, (_t, i) => 0.5 * (1 + 0.01 * wiggle(i))),
      val_loss: series(40, (_t, i) => 0.55 * (1 + 0.01 * wiggle(i + 4))),
    };
    // high variance: train smooth, val jumping
    const jumpyVal = {
      loss: series(40, (t) => Math.exp(-2 * t) + 0.2),
      val_loss: series(40, (t, i) => (Math.exp(-2 * t) + 0.3) * (1 + 0.4 * wiggle(i))),
    };
    for (const h of [fallsThroughNoise, plateau, jumpyVal]) {
      const s = scoring(h);
      scoreUnstable(s);
      expect(s.flat).toBe(false);
      expect(reasonsFor(s, 'unstable').join(' ')).not.toMatch(/swing around a flat level/);
    }
  });

  it('leaves a jump of val alone, a small bump, converged noise near zero and a train-only log to other rules', () => {
    const base = healthy();
    const valOnly = { ...base, val_loss: base.val_loss.map((v, i) => (i === 15 ? v * 10 : v)) };
    const bump = {
      loss: base.loss.map((v, i) => (i === 15 ? v * 1.5 : v)),
      val_loss: base.val_loss.map((v, i) => (i === 15 ? v * 1.5 : v)),
    };
    // falls 1 -> 1e-4, then alternates 1e-4 / 4e-4: fourfold, but nothing against how far it came down
    const tiny = (t: number, i: number) => Math.max(Math.exp(-12 * t), i % 2 ? 4e-4 : 1e-4);
    const converged = { loss: series(40, tiny), val_loss: series(40, (t, i) => tiny(t, i + 3) * 1.1) };
    // a train curve alone may be per-step losses, whose batches jump like this all the time
    const trainOnly = { loss: base.loss.map((v, i) => (i === 15 ? v * 10 : v)) };
    for (const h of [valOnly, bump, converged, trainOnly]) {
      const s = scoring(h);
      scoreUnstable(s);
      expect(s.leapt).toBe(false);
      expect(reasonsFor(s, 'unstable').join(' ')).not.toMatch(/jumped after it had come down/);
    }
  });

  it('says "after it had come down" only when it had: a leap in the first epochs is worded as a leap', () => {
    // both losses rise from the start (0.3 -> 1 over 3 epochs) before they fall
    const warm = [0.3, 0.3, 0.6, 0.9, 1];
    const s = scoring({
      loss: series(30, (t, i) => (i < 5 ? warm[i] : Math.exp(-3 * t) + 0.1)),
      val_loss: series(30, (t, i) => 1.1 * (i < 5 ? warm[i] : Math.exp(-3 * t) + 0.1)),
    });
    scoreUnstable(s);
    const [reason] = reasonsFor(s, 'unstable');
    expect(reason).toMatch(/^The training loss leapt up: it rose 233% \(0\.3 -> 1\) from epoch 2 to epoch 5, /);
  });

  it('speaks of a jump only when the file shows it at the points it names (train logged between evals)', () => {
    // HF Trainer: train loss every 10 steps, eval every 50; one train log spikes 10x between two evals
    // (the rule reads train averaged over each interval), and eval_loss jumps 3x at the next eval
    const log_history: Record<string, number>[] = [];
    for (let step = 10; step <= 1000; step += 10) {
      const base = Math.exp(-step / 300) + 0.1;
      log_history.push({ loss: step === 620 ? 10 * base : base, step, epoch: step / 100 });
      if (step % 50 === 0)
        log_history.push({ eval_loss: (step === 650 ? 3 : 1) * (base + 0.05), step, epoch: step / 100 });
    }
    const s = newScoring(measureRun(ingest(JSON.stringify({ log_history }))));
    scoreUnstable(s);
    expect(s.leapt).toBe(false);
    expect(reasonsFor(s, 'unstable').join(' ')).not.toMatch(/jumped after it had come down/);
  });

  it('tells a negative loss running away from one converging', () => {
    expect(negativeRunaway([-1, -2, -5, -10, -100, -1000])).toBe(true);
    expect(negativeRunaway([-100, -700, -1000, -1150, -1190, -1200])).toBe(false);
    expect(negativeRunaway([-1, -2])).toBe(false);
  });
});
