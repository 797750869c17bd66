/** The underfitting scorer: a loss flat at ln(K) (stuck at chance), one that started there and barely left,
 * a frozen training loss, a small fall over the whole run, and a slow straight-line fall with val alongside
 * fire with sentences that quote the numbers; a curve that learned does not. */
import { describe, expect, it } from 'vitest';
import { scoreUnderfitting, underfittingHeadline } from '../../../src/diagnose/scorers/underfitting.js';
import { scoreOverfitting } from '../../../src/diagnose/scorers/overfitting.js';
import { ingest } from '../../../src/ingest/index.js';
import { diagnose, measureRun } from '../../../src/diagnose/index.js';
import { newScoring } from '../../../src/diagnose/scorers/scoring.js';
import * as R from '../../../src/diagnose/rules.js';
import { num, pct, reasonsFor, scoring, series, wiggle } from './synthetic.js';

describe('underfitting scorer', () => {
  it('finds a loss flat at ln(10) stuck at chance and records the chance accuracy', () => {
    const ln10 = Math.log(10);
    const s = scoring({
      loss: series(20, (_t, i) => ln10 * (1 + 0.002 * wiggle(i))),
      val_loss: series(20, (_t, i) => ln10 * (1 + 0.002 * wiggle(i + 3))),
    });
    scoreUnderfitting(s);
    expect(s.findings.has('stuck_at_chance')).toBe(true);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.CHANCE_SCORE);
    expect(s.e.chance_level).toBe(0.1);
    expect(
      reasonsFor(s, 'underfitting').some((r) =>
        /^The loss's median over the second half is 2\.3\d* ≈ ln\(10\) = 2\.3, flat: the output is what a uniform guess over 10 classes gives \(chance level\)\.$/.test(
          r,
        ),
      ),
    ).toBe(true);
  });

  it("a score beside a loss at chance is said by its own name, not as the accuracy's", () => {
    const ln10 = Math.log(10);
    const s = scoring({
      loss: series(20, (_t, i) => ln10 * (1 + 0.002 * wiggle(i))),
      val_loss: series(20, (_t, i) => ln10 * (1 + 0.002 * wiggle(i + 3))),
      val_f1: series(20, (_t, i) => 0.05 + 0.002 * wiggle(i)),
    });
    scoreUnderfitting(s);
    expect(s.findings.has('stuck_at_chance')).toBe(true);
    const said = reasonsFor(s, 'underfitting').join(' ');
    expect(said).toMatch(/≈ ln\(10\) = 2\.3, flat and val_f1's median over its last points is 0\.0\d*: /);
    expect(said).not.toMatch(/accuracy's/);
  });

  it('a loss at ln(3) beside an accuracy far above 1/3 is not chance; beside an accuracy at 1/3 it is', () => {
    const ln3 = Math.log(3);
    const run = (acc: number) => {
      const s = scoring({
        loss: series(12, (_t, i) => ln3 * 0.75 * (1 + 0.002 * wiggle(i))),
        val_loss: series(12, (_t, i) => ln3 * (1 + 0.002 * wiggle(i + 3))),
        accuracy: series(12, (_t, i) => acc + 0.02 + 0.002 * wiggle(i)),
        val_accuracy: series(12, (_t, i) => acc + 0.002 * wiggle(i + 1)),
      });
      scoreUnderfitting(s);
      return s;
    };
    const learned = run(0.85);
    expect(learned.findings.has('stuck_at_chance')).toBe(false);
    expect(learned.e.chance_level).toBeUndefined();
    const guessing = run(0.34);
    expect(guessing.findings.has('stuck_at_chance')).toBe(true);
    expect(guessing.e.chance_level).toBe(0.333);
  });

  it("a language model's loss flat near ln(100) is no guess over 100 classes: its perplexity says it is a vocabulary's", () => {
    const ln100 = Math.log(100);
    const run = (withPpl: boolean) => {
      const loss = series(30, (_t, i) => 0.985 * ln100 * (1 + 0.001 * wiggle(i)));
      const s = scoring({ val_loss: loss, ...(withPpl ? { val_ppl: series(30, (_t, i) => Math.exp(loss[i])) } : {}) });
      scoreUnderfitting(s);
      return reasonsFor(s, 'underfitting').join(' ');
    };
    expect(run(false)).toMatch(/a uniform guess over 100 classes/);
    expect(run(true)).not.toMatch(/uniform guess/);
  });

  it('a loss at ln(9) beside a score that climbed (val Dice 0 -> 74) is not chance; beside a flat score it is', () => {
    const ln9 = Math.log(9);
    const run = (dice: (i: number) => number) => {
      const s = scoring({
        loss: series(30, (_t, i) => ln9 * (1 + 0.002 * wiggle(i))),
        val_loss: series(30, (_t, i) => ln9 * (1 + 0.002 * wiggle(i + 3))),
        val_DSC: series(30, (_t, i) => dice(i)),
      });
      scoreUnderfitting(s);
      return s;
    };
    const learned = run((i) => 74 * (1 - Math.exp(-i / 4)));
    expect(learned.findings.has('stuck_at_chance')).toBe(false);
    expect(reasonsFor(learned, 'underfitting').join(' ')).not.toMatch(/uniform guess/);
    const flat = run((i) => 11 + 0.3 * wiggle(i));
    expect(flat.findings.has('stuck_at_chance')).toBe(true);
  });

  it('a val accuracy identical at every evaluation is a constant prediction (the majority class), whatever the loss does', () => {
    const run = (acc: (i: number) => number) => {
      const s = scoring({
        loss: series(9, (_t, i) => 1.79 * Math.exp(-0.05 * i)),
        val_loss: series(9, (_t, i) => 1.21 - 0.02 * Math.min(i, 4)),
        val_accuracy: series(9, (_t, i) => acc(i)),
      });
      scoreUnderfitting(s);
      return s;
    };
    const frozen = run(() => 0.6698);
    expect(frozen.findings.has('stuck_at_chance')).toBe(true);
    expect(frozen.scores.underfitting).toBeGreaterThanOrEqual(R.CHANCE_SCORE);
    expect(
      reasonsFor(frozen, 'underfitting').some((r) =>
        /^val_accuracy is 0\.67 at every one of its 9 evaluations/.test(r),
      ),
    ).toBe(true);
    // one sample of a 1,000-sample val set changing its prediction moves it by 0.001: not frozen
    const moving = run((i) => 0.6698 + (i % 2) * 0.001);
    expect(moving.findings.has('stuck_at_chance')).toBe(false);
    // saturated (1.0), or 0 (a regression model compiled with metrics=['accuracy']): not a constant guess
    expect(run(() => 1).findings.has('stuck_at_chance')).toBe(false);
    expect(run(() => 0).findings.has('stuck_at_chance')).toBe(false);
    // a train accuracy that climbs far above it: the model learned its training data
    const s = scoring({
      loss: series(9, (_t, i) => 1.79 * Math.exp(-0.3 * i)),
      val_loss: series(9, (_t, i) => 1.21 - 0.02 * Math.min(i, 4)),
      accuracy: series(9, (_t, i) => 0.5 + 0.06 * i),
      val_accuracy: series(9, () => 0.8),
    });
    scoreUnderfitting(s);
    expect(s.findings.has('stuck_at_chance')).toBe(false);
  });

  it('with no accuracy logged, a val loss flat at ln(6) beside a train loss far below it is not chance (an LLM eval plateau)', () => {
    const ln6 = Math.log(6);
    const run = (trainShare: number) => {
      const s = scoring({
        loss: series(12, (_t, i) => ln6 * trainShare * (1 + 0.002 * wiggle(i))),
        val_loss: series(12, (_t, i) => ln6 * (1 + 0.002 * wiggle(i + 3))),
      });
      scoreUnderfitting(s);
      return s;
    };
    // train 20% below ln 6: the model fits its training data better than a guess
    expect(run(0.8).findings.has('stuck_at_chance')).toBe(false);
    expect(run(0.8).e.chance_level).toBeUndefined();
    // train at ln 6 too: both outputs are a guess
    expect(run(0.97).findings.has('stuck_at_chance')).toBe(true);
  });

  it('a val loss that falls steadily through ln(4) is learning, not a guess; the same level without a trend is', () => {
    const ln4 = Math.log(4);
    // the first half falls from 1.62 to 1.45, the second sits within 2% of ln 4 (flat enough for the rule)
    const run = (second: (i: number) => number) => {
      const s = scoring({
        loss: series(12, (_t, i) => ln4 * (0.99 - 0.002 * i) * (1 + 0.002 * wiggle(i))),
        val_loss: series(12, (_t, i) => (i < 6 ? ln4 * (1.17 - 0.025 * i) : second(i - 6))),
      });
      scoreUnderfitting(s);
      return s;
    };
    // 1.398 -> 1.378, down at every step, past ln 4 = 1.386 (a LoRA fine-tune's eval loss)
    const through = run((j) => ln4 * (1.009 - 0.003 * j));
    expect(through.a.v.at(-1)!).toBeLessThan(ln4);
    expect(through.findings.has('stuck_at_chance')).toBe(false);
    expect(through.e.chance_level).toBeUndefined();
    // the same level wobbling without a trend: stuck at chance
    const flat = run((j) => ln4 * (1 + 0.003 * wiggle(j)));
    expect(flat.findings.has('stuck_at_chance')).toBe(true);
    // falling steadily but still above ln 4 (a model learning the class prior): stuck at chance
    const above = run((j) => ln4 * (1.025 - 0.003 * j));
    expect(above.findings.has('stuck_at_chance')).toBe(true);
  });

  it('a 5-point run that fell a third reads its fall from its first point (the start and end windows do not overlap)', () => {
    const s = scoring({
      loss: [0.504, 0.383, 0.392, 0.392, 0.331],
      val_loss: [0.429, 0.536, 0.448, 0.416, 0.399],
    });
    scoreUnderfitting(s);
    // start = the first point alone; end = the median of the last three (0.392). With a 4-point start
    // window the start was 0.392 too, and the run read "improved only 0.0% ... not learning much".
    expect(s.e.train_total_improvement).toBeCloseTo(1 - 0.392 / 0.504, 3);
    expect(reasonsFor(s, 'underfitting').join(' ')).not.toMatch(/not learning much/);
  });

  it('finds a loss that started at ln(2) and is still 90% of it barely trained', () => {
    const s = scoring({
      loss: series(20, (t) => Math.log(2) * (1 - 0.1 * t)),
      val_loss: series(20, (t) => Math.log(2) * (1 - 0.09 * t)),
    });
    scoreUnderfitting(s);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.START_CHANCE_SCORE);
    expect(reasonsFor(s, 'underfitting')[0]).toMatch(
      /^The loss started at 0\.693 ≈ ln\(2\) \(a uniform guess over 2 classes\) and the median of its last two points is still 9\d% of it: barely trained\.$/,
    );
  });

  it('a regression error near ln(2) is no uniform guess: no chance level is claimed for it, started or flat', () => {
    // a CatBoost RMSE of 0.69, an MAE of 0.68: the same numbers as a cross-entropy's, by coincidence
    const fall = (t: number) => Math.log(2) * (1 - 0.1 * t);
    const flat = (_t: number, i: number) => Math.log(2) * (1 + 0.002 * wiggle(i));
    for (const [train, val] of [
      ['rmse', 'val_rmse'],
      ['mae_norm', 'val_mae_norm'],
      ['mse_loss', 'val_mse_loss'],
      ['train_MSELoss', 'val_MSELoss'],
      ['train_nmse', 'val_nmse'],
    ]) {
      const started = scoring({ [train]: series(20, fall), [val]: series(20, (t) => fall(t) * 1.01) });
      scoreUnderfitting(started);
      expect(reasonsFor(started, 'underfitting').join(' '), train).not.toMatch(/ln\(2\)|uniform guess/);
      const stuck = scoring({ [train]: series(20, flat), [val]: series(20, (t, i) => flat(t, i + 3)) });
      scoreUnderfitting(stuck);
      expect(stuck.findings.has('stuck_at_chance'), train).toBe(false);
      expect(reasonsFor(stuck, 'underfitting').join(' '), train).not.toMatch(/chance level|uniform guess/);
    }
    // a log loss may be a cross-entropy, and a level-2 classifier's loss is one: still read at ln(K)
    const log = scoring({ logloss: series(20, fall), val_logloss: series(20, (t) => fall(t) * 1.01) });
    scoreUnderfitting(log);
    expect(reasonsFor(log, 'underfitting')[0]).toMatch(/^The loss started at 0\.693 ≈ ln\(2\)/);
    const ln3 = (_t: number, i: number) => Math.log(3) * (1 + 0.002 * wiggle(i));
    const level2 = scoring({ l2_cls_loss: series(20, ln3), val_l2_cls_loss: series(20, (t, i) => ln3(t, i + 3)) });
    scoreUnderfitting(level2);
    expect(level2.findings.has('stuck_at_chance')).toBe(true);
  });

  it('a loss that started at ln(2), fell far below it and rose back trained: it is not "barely trained"', () => {
    // an evaluation-only log (a Trainer's eval_loss beside eval_accuracy 0.5 -> 0.9): 0.68 -> 0.41 -> 0.76
    const eval_loss = [0.678, 0.411, 0.635, 0.582, 0.758, 0.821, 0.896, 0.775, 0.756, 0.757];
    const s = scoring({ val_loss: eval_loss });
    scoreUnderfitting(s);
    expect(reasonsFor(s, 'underfitting').join(' ')).not.toMatch(/barely trained/);
    // one lucky batch of a per-step log stuck at ln(2) is no level it reached: still barely trained
    const stuck = scoring({ loss: series(150, (_t, i) => (i === 70 ? 0.47 : Math.log(2) + 0.045 * wiggle(i))) });
    scoreUnderfitting(stuck);
    expect(reasonsFor(stuck, 'underfitting').join(' ')).toMatch(/ln\(2\).*barely trained/);
  });

  it('finds a frozen training loss and calls it a plateau', () => {
    const s = scoring({
      loss: series(20, (t) => (t < 0.3 ? 1.5 - t : 1.2)),
      val_loss: series(20, (t) => (t < 0.3 ? 1.6 - t : 1.3)),
    });
    scoreUnderfitting(s);
    expect(s.findings.has('plateau')).toBe(true);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.FROZEN_SCORE);
    expect(reasonsFor(s, 'underfitting')).toContain(
      `The training loss is frozen at 1.2 for its last 12 points: the network stopped learning (dead units, zero gradients, or a constant prediction).`,
    );
  });

  it('a frozen training loss is underfitting whatever the model says; one frozen at 0 fits its data', () => {
    // printed identical for all 50 epochs, val below train (nothing is updated): the model alone had called
    // this a good fit
    const history = {
      loss: series(50, () => 6.641395),
      accuracy: series(50, () => 0.5834),
      val_loss: series(50, () => 1.026231),
      val_accuracy: series(50, () => 0.9356),
    };
    const d = diagnose(ingest(JSON.stringify(history)));
    expect(d.pattern).toBe('underfitting');
    expect(d.headline).toMatch(
      /the training loss is frozen at 6\.64 for its last 30 points; the network stopped learning\.$/,
    );
    // down to 0 and staying there (printed 0.0000): no dead network
    const zero = scoring({
      loss: series(20, (t) => (t < 0.3 ? 0.3 - t : 0)),
      val_loss: series(20, (t) => (t < 0.3 ? 1.6 - t : 1.3)),
    });
    scoreUnderfitting(zero);
    expect(zero.frozen).toBe(false);
    expect(reasonsFor(zero, 'underfitting').join(' ')).not.toMatch(/frozen/);
    // an accuracy pair that stops moving is no frozen loss (saturated, or the chance rules' to call)
    const acc = scoring({
      accuracy: series(20, (t) => Math.min(0.71, 0.6 + t)),
      val_accuracy: series(20, () => 0.7),
    });
    scoreUnderfitting(acc);
    expect(acc.frozen).toBe(false);
  });

  it('an accuracy that ends low beside a loss that fell far: the fall is said as a fall, never "improved only 98%"', () => {
    const s = scoring({
      loss: series(40, (t) => 0.49 * Math.exp(-4 * t)),
      accuracy: series(40, (_t, i) => 0.27 + 0.005 * wiggle(i)),
    });
    scoreUnderfitting(s);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.UNDER_ACC_SCORE);
    expect(s.lowAccuracy).toBe(true);
    const reasons = reasonsFor(s, 'underfitting').join(' ');
    expect(reasons).toMatch(
      /^loss's smoothed level fell 9\d% over the whole run .*, yet accuracy's median over its last points is 0\.2[67]\d*: the model is not learning much\.$/,
    );
    expect(reasons).not.toMatch(/improved only/);
    expect(underfittingHeadline(s)).toMatch(
      /^Underfitting: accuracy ends at 0\.2[67]\d* though loss's smoothed level fell 9\d%/,
    );
    // a score beside the loss is said by its own name (a BLEU was called "accuracy")
    const bleu = scoring({
      loss: series(40, (t) => 0.49 * Math.exp(-4 * t)),
      bleu: series(40, (_t, i) => 0.27 + 0.005 * wiggle(i)),
    });
    scoreUnderfitting(bleu);
    expect(reasonsFor(bleu, 'underfitting').join(' ')).toMatch(/, yet bleu's median over its last points is 0\.2/);
    expect(underfittingHeadline(bleu)).toMatch(/^Underfitting: bleu ends at 0\.2/);
  });

  it('a reward that ends below the best it began at is "far worse", never a share of a start near 0', () => {
    // an agent's reward from 0 to about -3: its distance below a best of 0 starts near 0, and 3 / 1e-9 is no share
    const reward = scoring({ episode_reward: series(60, (t, i) => (i < 12 ? 0 : -0.5 - 3 * t + 0.4 * wiggle(i))) });
    scoreUnderfitting(reward);
    const said = [...reasonsFor(reward, 'underfitting'), underfittingHeadline(reward)].join(' ');
    expect(said).toMatch(/ended far worse than it started/);
    expect(said).not.toMatch(/\d{5,}%/);
    // a loss that ended 20% worse keeps its share
    const s = scoring({ loss: series(40, (t, i) => 1 + 0.2 * t + 0.01 * wiggle(i)) });
    scoreUnderfitting(s);
    expect(reasonsFor(s, 'underfitting').join(' ')).toMatch(/ended 1\d(\.\d)?% worse than it started/);
  });

  it('a loss that reaches 0 at its second point is no slow fall ("improved only 0.0%")', () => {
    // a fine-tune whose loss is printed 0.0 from its second log on: the smoothed level starts at 0 too
    const history = { loss: series(37, (_t, i) => (i === 0 ? 122.14 : 0)) };
    const s = scoring(history);
    scoreUnderfitting(s);
    expect(s.scores.underfitting ?? 0).toBe(0);
    expect(reasonsFor(s, 'underfitting')).toEqual([]);
    const d = diagnose(ingest(JSON.stringify(history)));
    expect(d.pattern).not.toBe('underfitting');
    expect(d.headline).not.toMatch(/improved only/);
    // at 0 beside an accuracy flat at 27%: the accuracy still says underfitting, and the loss is said to reach 0
    const lowAcc = scoring({ ...history, accuracy: series(37, (_t, i) => 0.27 + 0.001 * wiggle(i)) });
    scoreUnderfitting(lowAcc);
    expect(lowAcc.scores.underfitting).toBeGreaterThanOrEqual(R.UNDER_ACC_SCORE);
    expect(underfittingHeadline(lowAcc)).toMatch(/though loss's smoothed level came down to 0;/);
    // one diverged first batch, then a loss flat at 5: no loss at 0
    const spike = scoring({ loss: series(40, (_t, i) => (i === 0 ? 1e5 : 5 + 0.005 * wiggle(i))) });
    scoreUnderfitting(spike);
    expect(spike.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    // the same shape ending at 0.3 of a start of 0.31 is still a slow fall
    const slow = scoring({ loss: series(37, (_t, i) => (i === 0 ? 0.31 : 0.3)) });
    scoreUnderfitting(slow);
    expect(slow.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
  });

  it('a held-out loss alone that fell to a minimum and climbed far out of it is no slow fall; one that only climbed, or ended a little worse in its noise, is', () => {
    // an eval-only Trainer log: the loss is best at its third evaluation and climbs 70% (no training loss logged)
    const climbed = [1.33, 1.14, 1.07, 1.17, 1.07, 1.34, 1.57, 1.76, 1.79, 1.83, 1.85, 1.86];
    const judged = (val_loss: number[]) => {
      const s = scoring({ val_loss });
      scoreOverfitting(s);
      scoreUnderfitting(s);
      return s;
    };
    const out = judged(climbed);
    expect(out.valRise).toBeGreaterThan(0.9);
    expect(out.scores.underfitting).toBeLessThan(R.REASON_MIN_SCORE);
    expect(reasonsFor(out, 'underfitting')).toEqual([]);
    expect(diagnose(ingest(JSON.stringify({ val_loss: climbed }), { format: 'keras-history-json' })).pattern).toBe(
      'overfitting',
    );
    // the same climb from its first point: it never got better than it started
    const only = judged(series(12, (t, i) => (1.07 + 0.8 * t) * (1 + 0.01 * wiggle(i))));
    expect(only.valRise).toBeGreaterThan(0.9);
    expect(only.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(reasonsFor(only, 'underfitting').join(' ')).toMatch(/ended \d+(\.\d+)?% worse than it started/);
    // a dip and a small drift back up inside the noise: no clear climb, so the small change still reads as slow
    const drift = judged(series(30, (t, i) => (1 - 0.03 * Math.sin(Math.PI * t) + 0.01 * t) * (1 + 0.03 * wiggle(i))));
    expect(drift.valRise).toBeLessThan(0.5);
    expect(drift.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    // beside a training loss that fell 4%, the training loss's own fall is the one judged, whatever val did
    const s = scoring({ loss: series(12, (t, i) => (1.0 - 0.04 * t) * (1 + 0.003 * wiggle(i))), val_loss: climbed });
    scoreOverfitting(s);
    scoreUnderfitting(s);
    expect(s.valRise).toBeGreaterThan(0.9);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
  });

  it('a short held-out curve alone that dipped out of its noise before it climbed is no slow fall, though its smoothing hides the dip', () => {
    // ten evaluations: best at the second, then a climb to 80% above it; smoothed, its minimum sits above its start
    const dipped = [0.9, 0.55, 0.8, 0.74, 0.95, 1.02, 1.1, 0.98, 0.97, 0.99];
    const s = scoring({ val_loss: dipped });
    scoreOverfitting(s);
    scoreUnderfitting(s);
    const { V } = s.ctx.curves!;
    expect(V.min).toBeGreaterThan(V.first);
    expect(s.valRise).toBeGreaterThan(R.REASON_MIN_SCORE);
    expect(s.scores.underfitting).toBeLessThan(1 - s.valRise + 1e-9);
    const d = diagnose(ingest(JSON.stringify({ val_loss: dipped }), { format: 'keras-history-json' }));
    expect(d.pattern).toBe('overfitting');
    // the headline says the rise it measured, not "stopped improving"
    expect(d.headline).toMatch(
      /val_loss was best at epoch 2 \(0\.55\) and rose 80% after it; there is no training curve/,
    );
    // a curve that only rose, with one early point low by 2.3 noise sigmas: within what a rising curve's noise makes
    // (CLIMB_FALL_NOISE is 2.5), so its climb still reads as a slow fall; by 2.8 sigmas it fell before it climbed
    const wobble = [0, 0.03, -0.02, 0.025, -0.03, 0.02, -0.025, 0.03, -0.02, 0.015];
    const rising = (dip: number) => wobble.map((w, i) => +(1 + 0.05 * i + w - (i === 1 ? dip : 0)).toFixed(4));
    const judged = (v: number[]) => {
      const j = scoring({ val_loss: v });
      scoreOverfitting(j);
      scoreUnderfitting(j);
      const sigmas = (v[0] - Math.min(...v.slice(0, 5))) / j.ctx.curves!.V.noise;
      return { under: j.scores.underfitting, sigmas };
    };
    const small = judged(rising(0.22));
    expect(small.sigmas).toBeGreaterThan(2);
    expect(small.sigmas).toBeLessThan(R.CLIMB_FALL_NOISE);
    expect(small.under).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    const clear = judged(rising(0.25));
    expect(clear.sigmas).toBeGreaterThan(R.CLIMB_FALL_NOISE);
    expect(clear.under).toBeLessThan(R.VERDICT_MIN_SCORE);
    // the same low point in the second half of a curve that only rose: no fall before the climb
    const late = rising(0).map((v, i) => (i === 7 ? 0.8 : v));
    expect(judged(late).under).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
  });

  it('fires on a loss that fell 5% with val on train, quoting the fall and the gap', () => {
    const s = scoring({
      loss: series(30, (t, i) => (0.82 - 0.04 * t) * (1 + 0.003 * wiggle(i))),
      val_loss: series(30, (t, i) => (0.83 - 0.04 * t) * (1 + 0.003 * wiggle(i + 2))),
    });
    scoreUnderfitting(s);
    expect(s.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    const raw = s.ctx.pair.train!.y;
    expect(reasonsFor(s, 'underfitting')).toEqual([
      `loss's smoothed level improved only ${pct(s.e.train_total_improvement)} over the whole run (in the file: ${num(raw[0])} at epoch 1, ${num(raw[29])} at epoch 30); the smoothed gap to loss is ${pct(s.e.gap_ratio_last)} of loss: the model is not learning much.`,
    ]);
  });

  // the underfit preset's shape at another seed (LSTM(4), tiny learning rate): a straight line down 17%, val 12% above
  const straight = (t: number, i: number) => (0.64 - 0.11 * t) * (1 + 0.002 * wiggle(i));
  const alongside = (t: number, i: number) => (0.7 - 0.12 * t) * (1 + 0.002 * wiggle(i + 2));

  it('fires on both losses falling slowly in a straight line, in one sentence quoting both paces and the gap', () => {
    const s = scoring({ loss: series(40, straight), val_loss: series(40, alongside) });
    scoreUnderfitting(s);
    expect(s.steady).toBe(true);
    expect(s.scores.underfitting).toBeCloseTo(R.STEADY_WEIGHT, 2);
    const raw = s.ctx.pair.train!.y;
    expect(reasonsFor(s, 'underfitting')).toEqual([
      `loss falls slowly and steadily: its smoothed level improved ${pct(s.e.train_total_improvement)} over the whole run (in the file: ${num(raw[0])} at epoch 1, ${num(raw[39])} at epoch 40) and still ${pct(s.e.train_improvement_last_quarter)} in its last quarter, and val_loss falls alongside (its smoothed level ${pct(s.e.val_improvement_last_quarter)} lower over the last quarter; the smoothed gap is ${pct(s.e.gap_ratio_last)}): the model learns, but slowly (a learning rate or a model too small), and it has not levelled off.`,
    ]);
    expect(underfittingHeadline(s)).toBe(
      `Underfitting: both losses fall slowly and steadily (loss's smoothed level improved ${pct(s.e.train_total_improvement)} over the run) and have not levelled off.`,
    );
  });

  it('says a straight fall of 11% once: the small-fall sentence or the steady one, not both', () => {
    const s = scoring({
      loss: series(40, (t, i) => (0.64 - 0.075 * t) * (1 + 0.002 * wiggle(i))),
      val_loss: series(40, (t, i) => (0.7 - 0.08 * t) * (1 + 0.002 * wiggle(i + 2))),
    });
    scoreUnderfitting(s);
    expect(s.e.train_total_improvement).toBeGreaterThan(R.UNDER_TOTAL_IMPROVEMENT);
    expect(s.steady).toBe(true);
    expect(reasonsFor(s, 'underfitting')).toHaveLength(1);
    expect(reasonsFor(s, 'underfitting')[0]).toMatch(/^loss falls slowly and steadily: /);
  });

  it('does not call the same fall slow when it came early and levelled off', () => {
    const s = scoring({
      loss: series(40, (t, i) => (0.5 + 0.16 * Math.exp(-8 * t)) * (1 + 0.002 * wiggle(i))),
      val_loss: series(40, (t, i) => (0.57 + 0.17 * Math.exp(-8 * t)) * (1 + 0.002 * wiggle(i + 2))),
    });
    scoreUnderfitting(s);
    expect(s.e.train_total_improvement).toBeGreaterThan(0.15);
    expect(s.e.train_total_improvement).toBeLessThan(R.STEADY_IMPROVEMENT_HI);
    expect(s.scores.underfitting).toBe(0);
  });

  it('does not fire when val does not follow: far above train, rising, or levelled off while train falls', () => {
    const vals = [
      (t: number, i: number) => 1.3 * alongside(t, i),
      (t: number, i: number) => (0.5 + 0.08 * t) * (1 + 0.002 * wiggle(i + 2)),
      (t: number, i: number) => (0.6 + 0.08 * Math.exp(-10 * t)) * (1 + 0.002 * wiggle(i + 2)),
    ];
    for (const val of vals) {
      const s = scoring({ loss: series(40, straight), val_loss: series(40, val) });
      scoreUnderfitting(s);
      expect(s.steady).toBe(false);
      expect(s.scores.underfitting).toBe(0);
    }
  });

  it('does not fire on a straight fall of 60%: fast enough to be learning', () => {
    const s = scoring({
      loss: series(40, (t, i) => (1 - 0.6 * t) * (1 + 0.002 * wiggle(i))),
      val_loss: series(40, (t, i) => (1.05 - 0.6 * t) * (1 + 0.002 * wiggle(i + 2))),
    });
    scoreUnderfitting(s);
    expect(s.scores.underfitting).toBe(0);
  });

  it('leaves an accuracy pair to the other rules (how slow is slow differs near 100%)', () => {
    const s = scoring({
      accuracy: series(40, (t, i) => 0.95 + 0.01 * t + 0.0002 * wiggle(i)),
      val_accuracy: series(40, (t, i) => 0.945 + 0.01 * t + 0.0002 * wiggle(i + 2)),
    });
    scoreUnderfitting(s);
    expect(s.steady).toBe(false);
  });

  it('does not fire when train was logged before the first evaluation (its early fall is not in the pace)', () => {
    // HF Trainer: train every 10 steps from step 10, eval every 100 from step 100; a fast early fall, then slow
    const log_history: Record<string, number>[] = [];
    for (let step = 10; step <= 2000; step += 10) {
      const base = 0.6 * Math.exp(-step / 60) + 0.64 - 0.11 * (step / 2000);
      log_history.push({ loss: base, step, epoch: step / 100 });
      if (step % 100 === 0) log_history.push({ eval_loss: base * 1.05, step, epoch: step / 100 });
    }
    const s = newScoring(measureRun(ingest(JSON.stringify({ log_history }))));
    scoreUnderfitting(s);
    expect(s.steady).toBe(false);
  });

  it('does not fire on a loss that fell 90%', () => {
    const s = scoring({
      loss: series(30, (t) => Math.exp(-3 * t) + 0.05),
      val_loss: series(30, (t) => Math.exp(-3 * t) + 0.08),
    });
    scoreUnderfitting(s);
    expect(s.scores.underfitting).toBe(0);
    expect(s.tagged).toEqual([]);
  });
  it('does not call an accuracy that holds a high level underfitting; the same small gain at a low level it does', () => {
    // no loss logged: val accuracy alone, gaining ~1 point over 15 epochs (a fine-tuning stage that starts high)
    const run = (start: number, scale: number) => {
      const s = scoring({ val_accuracy: series(15, (t, i) => (start + 0.01 * t + 0.003 * wiggle(i)) * scale) });
      scoreUnderfitting(s);
      return s.scores.underfitting;
    };
    expect(run(0.92, 1)).toBe(0);
    expect(run(0.92, 100)).toBe(0); // the same as a percentage
    expect(run(0.42, 1)).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
  });

  it('a loss that fell little beside an accuracy at 99.9% is at its floor, not underfitting; beside 90% it is', () => {
    // a smoothed cross-entropy (DGCNN's) that holds at 0.87 after its first epoch while the model classifies its
    // data all but perfectly
    const run = (acc: number, side: 'accuracy' | 'val_accuracy') => {
      const s = scoring({
        loss: series(40, (t, i) => (t === 0 ? 1.06 : 0.9 - 0.03 * t) * (1 + 0.002 * wiggle(i))),
        val_loss: series(40, (t, i) => (t === 0 ? 0.95 : 0.89 - 0.03 * t) * (1 + 0.002 * wiggle(i + 2))),
        [side]: series(40, (t, i) => Math.min(1, acc - 0.05 * (1 - t) ** 8 + 0.0005 * wiggle(i))),
      });
      scoreUnderfitting(s);
      return s.scores.underfitting;
    };
    expect(run(0.9, 'accuracy')).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
    expect(run(0.9995, 'accuracy')).toBe(0);
    // the validation accuracy says so when no training accuracy is logged
    expect(run(0.9995, 'val_accuracy')).toBe(0);
    // an accuracy near 1 from its first epoch (a binary accuracy over many labels, all negatives predicted) did not
    // climb there: it says nothing of a fit
    const flat = scoring({
      loss: series(40, (t, i) => (0.031 - 0.001 * t) * (1 + 0.002 * wiggle(i))),
      val_loss: series(40, (t, i) => (0.032 - 0.001 * t) * (1 + 0.002 * wiggle(i + 2))),
      accuracy: series(40, (_t, i) => 0.995 + 0.0002 * wiggle(i)),
    });
    scoreUnderfitting(flat);
    expect(flat.scores.underfitting).toBeGreaterThanOrEqual(R.VERDICT_MIN_SCORE);
  });
});
