/**
 * Which curves are judged (features.ts selectPair): losses logged as 0 throughout are no curve; a validation
 * loss logged under its function's name (val_ce, val_nll) is the validation loss; among scores, an overall
 * one (mAP, F1) is monitored before precision or recall.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { selectPair } from '../../src/diagnose/features.js';
import { epochCsv } from './epoch-csv.js';

const pairOf = (log: ReturnType<typeof ingest>) => selectPair(log.runs[0]);

const n = 20;
const falling = (a: number, b: number) => Array.from({ length: n }, (_, i) => +(b + (a - b) / (i + 1)).toFixed(4));
const csv = epochCsv;
const zeros = Array<number>(n).fill(0);

describe('the monitored pair', () => {
  it('losses that are 0 throughout say so and are not assessable, not "underfitting"', () => {
    const d = diagnose(ingest(csv({ policy_loss: zeros, value_loss: zeros, entropy: falling(1, 9) })));
    expect(d.pattern).toBe('not_assessable');
    expect(d.headline).toBe('Not assessable: the log has no training or validation curve to read.');
    expect(d.reasons.join(' ')).toMatch(
      /Every value of policy_loss, value_loss is 0: either the loop never filled it in, or the loss really is exactly 0/,
    );
  });

  it("an actor-critic's losses without a reward are not judged: the reply says why and what to log", () => {
    const policy = falling(-30, 0.1).map((v, i) => (i === n - 1 ? -12 : v));
    const value = falling(250, 0.001);
    const names = { 'train/policy_loss': policy, 'train/value_loss': value, 'train/entropy_loss': falling(-2.8, -2.7) };
    const d = diagnose(ingest(csv(names)));
    expect(d.pattern).toBe('not_assessable');
    expect(d.reasons.join(' ')).toMatch(
      /^train\/policy_loss, train\/value_loss, train\/entropy_loss: an agent's losses, and no reward or return is logged\. .*log the episode reward/,
    );
    // with the reward logged, the reward is judged
    expect(diagnose(ingest(csv({ ...names, 'rollout/ep_rew_mean': falling(1, 9) }))).series.train).toBe(
      'rollout/ep_rew_mean',
    );
    // a loss logged as 0 beside them: the agent's reason still leads
    const withZero = diagnose(ingest(csv({ ...names, 'train/aux_loss': zeros })));
    expect(withZero.reasons[0]).toMatch(/an agent's losses, and no reward or return is logged/);
    // a loss that turned NaN is the verdict (the hard rules), not "not assessable"
    const nan = diagnose(ingest(csv({ ...names, 'train/value_loss': value.map((v, i) => (i >= 15 ? NaN : v)) })));
    expect(nan.pattern).toBe('unstable');
    expect(nan.findings).toContain('nan_inf');
    // a success rate logged beside them is the agent's measure: judged
    const success = diagnose(ingest(csv({ ...names, 'eval/success_rate': falling(0.1, 0.9).map((v) => 1 - v + 0.1) })));
    expect(success.pattern).not.toBe('not_assessable');
    expect(success.series.val).toMatch(/success_rate$/);
    // a network with a policy head and a value head trained on moves (AlphaZero): cross-entropies never go below
    // 0, so those are supervised losses, read as any other
    const heads = diagnose(ingest(csv({ policy_loss: falling(3, 1), value_loss: falling(1, 0.3) })));
    expect(heads.pattern).not.toBe('not_assessable');
    expect(heads.series.train).toBe('loss');
    // an actor's loss (DDPG, SAC) is an agent's whatever its sign: -Q stays above 0 where rewards are negative
    // (falling(12, 40) climbs from 12 towards 40: an actor's -Q above 0 throughout)
    const actor = diagnose(ingest(csv({ actor_loss: falling(12, 40), critic_loss: falling(30, 2) })));
    expect(actor.pattern).toBe('not_assessable');
    expect(actor.reasons.join(' ')).toMatch(/^actor_loss, critic_loss: an agent's losses, and no reward/);
    // a WGAN's critic beside its generator is no agent: its losses are read
    const gan = diagnose(ingest(csv({ critic_loss: falling(-1, -0.2), g_loss: falling(2, 1) })));
    expect(gan.pattern).not.toBe('not_assessable');
  });

  it('losses logged as 0 beside a reward: the reward is judged, in its own words, and the zeros are named', () => {
    const rise = falling(1, 9); // climbs from 1 to ~8.6
    const d = diagnose(ingest(csv({ policy_loss: zeros, value_loss: zeros, reward: rise })));
    expect(d.series.train).toBe('reward');
    expect(d.headline).toMatch(/^Good fit \(train only\): reward rose [\d.]+% \(1 -> [\d.]+\)/);
    expect(d.headline).not.toMatch(/falling/);
    expect(d.reasons.join(' ')).toMatch(
      /Every value of policy_loss, value_loss is 0 \(the loop never filled it in, or the loss really is exactly 0\): the run is judged on reward instead\./,
    );
    // a reward that collapses is said to collapse, not to be a diverging training loss
    const collapse = diagnose(ingest(csv({ reward: rise.map((_, i) => (i < 10 ? 8 + 0.3 * (i % 3) : 0.01)) })));
    expect(collapse.pattern).toBe('unstable');
    expect(collapse.headline).toBe('Unstable: reward collapsed.');
    expect(collapse.reasons.join(' ')).toMatch(/^reward's shortfall from its best, median over the last tenth/);
    expect(collapse.reasons.join(' ')).not.toMatch(/training loss/);
  });

  it('a validation accuracy alone does not "track" a training curve it does not have', () => {
    const d = diagnose(ingest(csv({ val_accuracy: falling(0.4, 0.9).map((v) => +(1.3 - v).toFixed(4)) })));
    expect(d.headline).not.toMatch(/tracks/);
  });

  it('a loss pair logged as 0 throughout is passed over for the error pair beside it', () => {
    const d = pairOf(ingest(csv({ loss: zeros, val_loss: zeros, mae: falling(2, 0.3), val_mae: falling(2.1, 0.35) })));
    expect([d.train?.name, d.val?.name]).toEqual(['mae', 'val_mae']);
  });

  it('train_loss beside val_mean_ce / val_nll: the validation cross-entropy is the validation loss', () => {
    const rise = falling(2.2, 1.5).map((v, i) => +(v + (i > 6 ? (i - 6) * 0.03 : 0)).toFixed(4));
    const log = ingest(
      csv({ train_loss: falling(3, 0.8), val_top1: falling(0.4, 0.6), val_ppl: rise.map(Math.exp), val_mean_ce: rise }),
    );
    expect(pairOf(log).val?.name).toBe('val_mean_ce');
    expect(diagnose(log).pattern).toBe('overfitting');
    // with both sides of one cross-entropy logged, that pair is judged
    const both = pairOf(ingest(csv({ loss: falling(3, 0.8), nll: falling(2.5, 0.7), val_nll: rise })));
    expect([both.train?.name, both.val?.name]).toEqual(['nll', 'val_nll']);
    // an error that is not a cross-entropy (val_mae beside an mse loss) is not taken for the validation loss
    const mae = pairOf(ingest(csv({ loss: falling(3, 0.8), val_mae: falling(1.2, 0.5) })));
    expect(mae.val).toBeUndefined();
  });

  it('a loss of 0 is passed over, but an accuracy or score of 0 is a real failure and stays', () => {
    const d = pairOf(ingest(csv({ accuracy: falling(0.2, 0.9).map((v) => 1 - v), val_accuracy: zeros })));
    expect(d.val?.name).toBe('val_accuracy');
  });

  it('the cross-named pair makes no dropout claim when val sits below train', () => {
    const ce = falling(2, 0.4);
    const d = diagnose(
      ingest(csv({ loss: ce.map((v) => +(v + 0.6).toFixed(4)), val_ce: ce.map((v) => +(v + 0.05).toFixed(4)) })),
    );
    expect(d.findings).not.toContain('val_better_than_train');
    expect(d.reasons.join(' ')).toMatch(/different quantities/);
  });

  it('a rise from a best of exactly 0 is quoted by its values, and MAPE is an error', () => {
    const v = [...falling(1, 0.1).slice(0, 10), 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.33, 0.36, 0.38];
    const d = diagnose(ingest(csv({ loss: falling(1, 0.05), val_loss: v })));
    expect(d.headline + d.reasons.join(' ')).not.toMatch(/\d{6,}%/);
    const log = ingest(csv({ mean_absolute_percentage_error: falling(40, 5), val_mAPE: falling(42, 6) }));
    expect(log.runs[0].series.map((s) => s.kind)).toEqual(['error', 'error']);
  });

  it('mAP is a score, monitored before precision and recall; a rise from 0 is not quoted as a percentage', () => {
    const log = ingest(
      csv({ precision: falling(0.6, 0.58), recall: falling(0.2, 0.5), mAP50: [0, ...falling(0.2, 0.46).slice(1)] }),
    );
    expect(log.runs[0].series.find((s) => s.name === 'mAP50')?.kind).toBe('score');
    expect(pairOf(log).train?.name).toBe('mAP50');
    const d = diagnose(log);
    expect(d.headline).toMatch(/rose \(0 -> 0\.4/);
    expect(d.headline).not.toMatch(/%/);
  });
  it('a training loss with no validation loss beside an accuracy on both splits: the accuracy pair is judged', () => {
    // train loss falls throughout; val accuracy peaks at epoch 8 and falls: overfitting the loss alone cannot show
    const valAcc = Array.from({ length: n }, (_, i) => +(0.85 - 0.004 * Math.abs(i - 7) ** 1.3).toFixed(4));
    const accuracy = falling(0.88, 0.96); // rises from 0.88 towards 0.96
    const log = ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: accuracy, va_acc: valAcc }));
    const pair = pairOf(log);
    expect(pair.inverted).toBe(true);
    expect(pair.val?.key).toBe('val_accuracy');
    expect(diagnose(log).pattern).toBe('overfitting');
    // a loss that broke is the verdict: it stays the judged curve (NaN from epoch 9: unstable)
    const nan = falling(0.8, 0.2).map((v, i) => (i < 8 ? v : NaN));
    const broke = diagnose(ingest(csv({ tr_loss: nan, tr_acc: accuracy, va_acc: valAcc })));
    expect(broke.pattern).toBe('unstable');
    // without a training accuracy to compare with, the training loss is still what is judged
    expect(pairOf(ingest(csv({ tr_loss: falling(0.8, 0.2), va_acc: valAcc }))).train?.key).toBe('loss');
    // ... and with one printed once after training (a final evaluation, `acc = 0.97`), no training curve to pair
    const once = accuracy.map((v, i) => (i === n - 1 ? v : ''));
    expect(pairOf(ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: once, va_acc: valAcc }))).train?.key).toBe('loss');
    const mid = accuracy.map((v, i) => (i === 9 ? v : ''));
    expect(pairOf(ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: mid, va_acc: valAcc }))).train?.key).toBe('loss');
    // ... or twice, after the validation curve ended
    const after = accuracy.map((v, i) => (i >= n - 2 ? v : ''));
    const valEnds = valAcc.map((v, i) => (i < n - 2 ? v : ''));
    expect(pairOf(ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: after, va_acc: valEnds }))).train?.key).toBe('loss');
    // a training accuracy logged every 5 epochs is a curve: the pair is judged
    const sparse = accuracy.map((v, i) => (i % 5 === 4 ? v : ''));
    const p5 = pairOf(ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: sparse, va_acc: valAcc })));
    expect([p5.train?.key, p5.train?.y.length]).toEqual(['accuracy', n / 5]);
    // ... but a validation accuracy of 4 points (every 5 epochs), rising, is too few to judge: the 20 epochs of loss
    // are judged alone, not "too few points"
    const log4 = ingest(
      csv({
        tr_loss: falling(0.8, 0.2),
        tr_acc: sparse,
        va_acc: valAcc.map((v, i) => (i % 5 === 4 ? 0.6 + i / 100 : '')),
      }),
    );
    expect(pairOf(log4).train?.key).toBe('loss');
    expect(diagnose(log4).pattern).not.toBe('not_assessable');
    // ... unless those few points got worse (the last below the best): the loss alone would hide it
    const falls = valAcc.map((v, i) => (i % 5 === 4 ? +(0.8 - i / 100).toFixed(3) : ''));
    const worse = ingest(csv({ tr_loss: falling(0.8, 0.2), tr_acc: sparse, va_acc: falls }));
    expect(pairOf(worse).train?.key).toBe('accuracy');
    expect(diagnose(worse).pattern).toBe('not_assessable');
    // ... and a loss no longer than the pair leaves the pair judged
    const three = (v: (number | string)[]) => v.slice(0, 3);
    expect(
      pairOf(ingest(csv({ tr_loss: three(falling(0.8, 0.2)), tr_acc: three(accuracy), va_acc: three(valAcc) }))).train
        ?.key,
    ).toBe('accuracy');
  });

  it('... or an error on both splits (an optical-flow EPE, a MAE): the error pair is judged, not the loss alone', () => {
    // train EPE falls throughout; validation EPE bottoms at epoch 6 and climbs: overfitting
    const valEpe = Array.from({ length: n }, (_, i) => +(2 + 0.02 * (i - 5) ** 2).toFixed(4));
    const log = ingest(csv({ loss: falling(16, 1.5), epe: falling(15, 1.7), val_epe: valEpe }));
    const pair = pairOf(log);
    expect([pair.train?.key, pair.val?.key, pair.inverted]).toEqual(['epe', 'val_epe', false]);
    expect(diagnose(log).pattern).toBe('overfitting');
    // whatever the columns' order (a validation error with no training twin first)
    const first = pairOf(
      ingest(csv({ loss: falling(16, 1.5), val_mae: valEpe, epe: falling(15, 1.7), val_epe: valEpe })),
    );
    expect([first.train?.key, first.val?.key]).toEqual(['epe', 'val_epe']);
    // a validation error of 3 points beside 20 epochs of loss: the loss is judged alone; one that got worse is not
    const sparseEpe = (up: boolean) =>
      valEpe.map((v, i) => (i % 7 === 6 ? +(up ? 2 + i / 10 : 2 - i / 100).toFixed(3) : ''));
    expect(
      pairOf(ingest(csv({ loss: falling(16, 1.5), epe: falling(15, 1.7), val_epe: sparseEpe(false) }))).train?.key,
    ).toBe('loss');
    expect(
      pairOf(ingest(csv({ loss: falling(16, 1.5), epe: falling(15, 1.7), val_epe: sparseEpe(true) }))).train?.key,
    ).toBe('epe');
    // errors of different names are no pair: the training loss stays the judged curve
    expect(pairOf(ingest(csv({ loss: falling(16, 1.5), mae: falling(15, 1.7), val_epe: valEpe }))).train?.key).toBe(
      'loss',
    );
  });
});
