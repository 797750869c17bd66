/** A run that logs its validation curve alone (an eval-only log, a saved val_losses list): whether the model fits its
 * training data cannot be seen, so the reply never says how the training loss moved, says what an underfitting verdict
 * cannot be told from, and names the training loss it lacks as what tells them apart. A run with any training-side
 * curve (an accuracy, a GAN's or an agent's losses) is not one. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { advise, explain } from '../../src/advise/index.js';
import { series, wiggle } from './scorers/synthetic.js';

/** A loss that falls about 11% and levels off, with a little noise: what a validation curve of a model that fits and
 * one of a model too small to fit both look like. */
const slow = (shift = 0) => series(20, (t, i) => 2.7 + 0.35 * Math.exp(-4 * t) + 0.01 * wiggle(i + shift));

function read(text: string) {
  const log = ingest(text);
  const d = diagnose(log);
  const reply = advise(d, log);
  return { d, reply, all: [d.headline, ...d.reasons].join('\n'), whys: reply.strategies.map((s) => s.why).join('\n') };
}
const json = (h: Record<string, number[]>) => JSON.stringify(h);
const csv = (cols: Record<string, number[]>) => {
  const keys = Object.keys(cols);
  const rows = cols[keys[0]].map((_, i) => [i + 1, ...keys.map((k) => cols[k][i])].join(','));
  return [`epoch,${keys.join(',')}`, ...rows].join('\n');
};
const TELL_APART_LOSS =
  'To tell them apart, log the training loss beside the validation loss: if it sits about as high and close to it, the model cannot fit even its training data (underfitting: more capacity, a higher learning rate); if it is well below, the model fits what it trains on (a good fit).';
/** Sentences that speak of a training curve the log does not have. */
const TRAIN_CLAIMS =
  /not fitting the data|not learning much|both losses (stay|fall|swing|jump|leapt)|both curves (sit|stay|swing|jump)|Training keeps improving|fits the training set|the training loss (is|fell|rose|kept)/;

describe('a validation curve judged alone', () => {
  it('says what the missing training curve leaves open, and offers to log it first', () => {
    const { d, reply, all, whys } = read(
      json({ val_loss: series(30, (t, i) => 1.5 * (1 - 0.08 * t) + 0.005 * wiggle(i)) }),
    );
    expect(d.pattern).toBe('underfitting');
    expect(d.series.val_alone).toBe(true);
    // not close in probability: not borderline, and the alternatives keep their order and floor
    expect(d.borderline).toBe(false);
    const probs = d.alternatives.map((a) => a.probability);
    expect(probs).toEqual([...probs].sort((a, b) => b - a));
    expect(d.headline).toMatch(
      /^Underfitting: val_loss's smoothed level improved only \d+(\.\d)?%, and no training loss is logged to show whether the model fits its training data\.$/,
    );
    expect(d.reasons).toContain(
      `No training curve is logged, so this cannot be told from a good fit. ${TELL_APART_LOSS}`,
    );
    expect(all).not.toMatch(TRAIN_CLAIMS);
    expect(reply.title).toMatch(/^Underfitting: the validation curve makes little or no progress · confidence \d+%$/);
    expect(reply.summary).not.toMatch(TRAIN_CLAIMS);
    expect(reply.strategies[0].id).toBe('log_train_loss');
    expect(reply.strategies[0].why).toMatch(
      /^The log has 30 points of val_loss \(last 1\.\d+\) and no training curve: log the training loss each epoch beside it, so the next log shows whether the model fits even its training data \(both curves poor and close together: underfitting\)\.$/,
    );
    expect(whys).toMatch(/val_loss barely improves, and if the training curve sits about as high and close to it,/);
    expect(whys).not.toMatch(TRAIN_CLAIMS);
  });

  it('a borderline with a good fit is told apart by the training loss it lacks, said once', () => {
    const { d, reply } = read(json({ val_loss: slow() }));
    expect(d.pattern).toBe('underfitting');
    expect(d.borderline).toBe(true);
    expect(d.alternatives[0].pattern).toBe('good_fit');
    expect(d.reasons).toContain(TELL_APART_LOSS);
    expect(d.reasons.filter((r) => r.includes('log the training loss'))).toHaveLength(1);
    expect(reply.title).toMatch(
      /^Underfitting: the validation curve makes little or no progress, or good fit \(validation curve only\) \(borderline\)/,
    );
  });

  it('the same validation curve beside a training loss close to it keeps the two-curve words and experiment', () => {
    const { d, reply, all } = read(json({ loss: slow(2).map((v) => v - 0.02), val_loss: slow() }));
    expect(d.pattern).toBe('underfitting');
    expect(d.series.val_alone).toBeUndefined();
    expect(d.headline).toMatch(/and the model is not fitting the data\.$/);
    expect(all).not.toMatch(/no training loss is logged|log the training loss/);
    expect(reply.title).toMatch(/^Underfitting: train and val loss both high, close together/);
    expect(reply.strategies.map((s) => s.id)).not.toContain('log_train_loss');
  });

  it('a training-side curve of any kind is a training curve: an accuracy, a GAN, an agent', () => {
    const fell = series(20, (t) => 1.2 + 1.0 * Math.exp(-4 * t));
    const runs = [
      json({ accuracy: series(20, (t) => 0.3 + 0.01 * t), val_loss: fell }),
      csv({
        d_loss: series(20, (_t, i) => 0.69 + 0.01 * wiggle(i)),
        g_loss: series(20, (_t, i) => 0.8 + 0.01 * wiggle(i + 1)),
        val_fid: series(20, (t, i) => 60 + 8 * Math.exp(-4 * t) + 0.3 * wiggle(i)),
      }),
      csv({
        actor_loss: series(20, (_t, i) => 0.1 * wiggle(i)),
        critic_loss: series(20, (_t, i) => 1 + 0.1 * wiggle(i + 2)),
        'eval/success_rate': series(20, (t, i) => 0.3 + 0.03 * t + 0.003 * wiggle(i)),
      }),
    ];
    for (const text of runs) {
      const { d, reply, all } = read(text);
      expect(d.series.val_alone, text.slice(0, 30)).toBeUndefined();
      expect(all, text.slice(0, 30)).not.toMatch(/no training (loss|curve) is logged|log the training loss/);
      expect(reply.strategies.map((s) => s.id)).not.toContain('log_train_loss');
    }
  });

  it('a validation curve judged beside a training curve of another quantity names it, never "no training curve"', () => {
    const over = series(40, (t) => 0.3 + 0.8 * Math.exp(-8 * t) + 0.6 * Math.max(0, t - 0.35));
    const beside = read(json({ accuracy: series(40, (t) => 0.6 + 0.39 * t), val_loss: over }));
    expect(beside.d.pattern).toBe('overfitting');
    expect(beside.d.headline).toMatch(
      /; no training counterpart of val_loss is logged to compare it with \(the log has accuracy\)\.$/,
    );
    const alone = read(json({ val_loss: over }));
    expect(alone.d.headline).toMatch(/; there is no training curve to compare it with\.$/);
  });

  it('no note where a good fit is not the question: a curve that never improved, or one that started at chance', () => {
    for (const val_loss of [
      series(20, (_t, i) => 2.7 + 0.01 * wiggle(i)),
      series(20, (t) => Math.log(2) * (1 - 0.1 * t)),
    ]) {
      const { d, reply } = read(json({ val_loss }));
      expect(d.pattern).toBe('underfitting');
      expect(d.reasons.some((r) => r.startsWith('No training curve is logged'))).toBe(false);
      expect(d.headline).toMatch(/no training loss is logged to show whether the model fits its training data\.$/);
      expect(reply.title).toMatch(/^Underfitting: the validation curve makes little or no progress/);
    }
  });

  it('an accuracy judged alone is told apart by the training curve, in the words of a score', () => {
    const { d, whys } = read(
      json({ val_accuracy: series(20, (t, i) => 0.52 + 0.05 * (1 - Math.exp(-4 * t)) + 0.003 * wiggle(i)) }),
    );
    expect(d.pattern).toBe('underfitting');
    expect(d.series.val_alone).toBe(true);
    expect(
      d.reasons.some((r) =>
        r.includes(
          'To tell them apart, log the training curve beside the validation curve: if it sits about as low and close to it, the model cannot fit even its training data (underfitting: more capacity, a higher learning rate); if it is well above, the model fits what it trains on (a good fit).',
        ),
      ),
    ).toBe(true);
    expect(whys).toMatch(/and no training curve: log the training accuracy \(or the loss\) each epoch beside it/);
    expect(whys).toMatch(/val_accuracy barely improves, and if the training curve sits about as low and close to it,/);
    expect(whys).not.toMatch(/training loss sits|both losses/);
  });

  it('a validation curve alone that blows up is no training loss diverging', () => {
    const { d, reply } = read(json({ val_loss: series(30, (_t, i) => 5000 * Math.exp(1.2 * wiggle(i * 5))) }));
    expect(d.series.val_alone).toBe(true);
    expect(d.findings).toContain('diverging');
    expect(reply.summary).toMatch(/Also: diverging: the validation curve blows up/);
    expect(reply.summary).not.toMatch(/training loss keeps rising/);
    expect(reply.actions.map((a) => a.label)).toContain('Explain: Diverging: the validation curve blows up');
  });

  it('a validation curve alone that turns worse is overfitting in its own words, in the advice too', () => {
    const val = series(40, (t) => 0.3 + 0.8 * Math.exp(-8 * t) + 0.6 * Math.max(0, t - 0.35));
    const { d, reply, whys } = read(json({ val_loss: val }));
    expect(d.pattern).toBe('overfitting');
    expect(reply.title).toMatch(/^Overfitting: the validation curve turns worse after its best · confidence/);
    expect(reply.summary).not.toMatch(/while training loss keeps falling/);
    expect(whys).not.toMatch(TRAIN_CLAIMS);
    expect(whys).toMatch(/Validation turns worse as training goes on/);
    const log = reply.strategies.find((s) => s.id === 'log_train_loss')!;
    expect(log.why).toMatch(/so the next log shows the gap between the two curves/);
  });

  it('teaching replies (no run) leave out the remedies only a run can call for', () => {
    for (const p of ['underfitting', 'good_fit', 'overfitting'] as const) {
      const ids = explain(p).strategies.map((s) => s.id);
      expect(ids, p).not.toContain('log_train_loss');
      expect(ids, p).not.toContain('held_out_check');
    }
    expect(explain('overfitting').strategies.map((s) => s.id)).toContain('smaller_model');
  });
});
