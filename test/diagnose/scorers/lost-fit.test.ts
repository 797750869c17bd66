/** A training loss that learned and lost it (scorers/lost-fit.ts): it fell far, then climbed back most of the way
 * and stayed. The model could fit, so it is no underfitting: unstable. Other shapes keep their readings. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { diagnoseDetailed } from '../../../src/diagnose/index.js';

/** deterministic per-epoch scatter in [-1, 1] */
const jitter = (i: number) => 0.5 * Math.sin(i * 2.3) + 0.5 * Math.sin(i * 5.1);

/** `n` epochs of loss (and val_loss, when `val` gives it) from a level function of the epoch; `names` renames the
 * two columns. */
function run(train: (i: number) => number, val?: (i: number) => number, n = 45, names = ['loss', 'val_loss']) {
  const rows = [val ? `epoch,${names[0]},${names[1]}` : `epoch,${names[0]}`];
  for (let i = 0; i < n; i++) rows.push([i + 1, train(i).toFixed(4), ...(val ? [val(i).toFixed(4)] : [])].join(','));
  return diagnoseDetailed(ingest(rows.join('\n'), { fileName: 'training.log' }));
}
/** falls from 0.44 to about 0.2 by epoch 35, then leaps to `after` and stays there */
const lost = (after: number) => (i: number) => (i < 36 ? 0.2 + 0.24 * Math.exp(-i / 8) : after) + 0.006 * jitter(i);

describe('a training loss that learned and lost it', () => {
  it('fell far, then climbed back to its start and stayed: unstable, with the levels quoted', () => {
    for (const d of [run(lost(0.47)), run(lost(0.47), (i) => lost(0.46)(i) - 0.01)]) {
      expect(d.diagnosis.pattern).toBe('unstable');
      expect(d.diagnosis.headline).toBe('Unstable: loss fell far, then climbed back; the model learned and lost it.');
      expect(d.diagnosis.reasons[0]).toMatch(
        /^loss learned and lost it: from a level of 0\.\d+ at the start it fell to 0\.2\d* \(smoothed\) by epoch \d+, then climbed back to where it started or above \(it ends at a level of 0\.4[67]\d*(, and val_loss lost its gains too)?\)/,
      );
      expect(d.diagnosis.reasons.join(' ')).not.toMatch(/not fitting the data|improved only/);
    }
    // giving back most of the fall, not all of it, says how much
    expect(run(lost(0.38)).diagnosis.reasons[0]).toMatch(/then gave back \d+% of that fall/);
  });

  it('leaves the other shapes to their rules', () => {
    // a fall that holds
    expect(run((i) => 0.2 + 0.24 * Math.exp(-i / 8) + 0.006 * jitter(i)).diagnosis.pattern).not.toBe('unstable');
    // a small fall given back (less than 40% below the start): no fit was ever reached
    const small = run((i) => (i < 36 ? 0.36 + 0.08 * Math.exp(-i / 8) : 0.44) + 0.006 * jitter(i));
    expect(small.diagnosis.headline).not.toMatch(/learned and lost it/);
    // a validation loss that falls and rises while training keeps falling is overfitting's, not this rule's
    const over = run(
      (i) => 0.1 + 0.4 * Math.exp(-i / 8),
      (i) => (i < 15 ? 0.3 + 0.2 * Math.exp(-i / 5) : 0.3 + 0.012 * (i - 15)),
    );
    expect(over.diagnosis.pattern).toBe('overfitting');
    expect(over.diagnosis.headline).not.toMatch(/learned and lost it/);
  });

  it('needs the rise to hold, the validation loss to lose its gains too, and no GAN or agent', () => {
    const noRule = (d: ReturnType<typeof run>) =>
      expect(d.diagnosis.reasons.join(' ')).not.toMatch(/learned and lost it/);
    const falling = (i: number) => 0.2 + 0.24 * Math.exp(-i / 8) + 0.006 * jitter(i);
    // a spike in the last two points is no level
    noRule(run((i) => (i >= 18 ? 0.6 : falling(i)), undefined, 20));
    // the training loss rises while validation keeps improving (augmentation switched on): nothing was lost
    noRule(
      run(
        (i) => (i < 25 ? falling(i) : 0.45 + 0.006 * jitter(i)),
        (i) => 0.3 + 0.2 * Math.exp(-i / 10),
      ),
    );
    // a GAN's discriminator falls and rises as its generator catches up
    noRule(
      run(
        (i) => (i < 36 ? falling(i) : 0.47),
        (i) => 1.2 + 0.01 * jitter(i),
        45,
        ['d_loss', 'g_loss'],
      ),
    );
    // an agent's value loss rises as its returns grow
    noRule(
      run(
        (i) => (i < 36 ? falling(i) : 0.47),
        (i) => 10 + i,
        45,
        ['value_loss', 'episode_reward'],
      ),
    );
    // the same rise, held, is read
    expect(run((i) => (i < 36 ? falling(i) : 0.47)).diagnosis.reasons.join(' ')).toMatch(/learned and lost it/);
  });

  it('a small fall, then a climb past the start that holds: diverging, whatever the late-over-early growth says', () => {
    // falls 12% to a low by epoch 14 (a first point high above the rest), then climbs every epoch to 1.6x the low
    const climb = (i: number) =>
      (i === 0 ? 0.53 : i <= 14 ? 0.46 - 0.003 * i : 0.418 + 0.04 * (i - 14)) + 0.004 * jitter(i);
    const d = run(climb, undefined, 22);
    expect(d.diagnosis.pattern).toBe('unstable');
    expect(d.diagnosis.findings).toContain('diverging');
    expect(d.diagnosis.headline).toBe('Unstable: the loss is diverging.');
    expect(d.diagnosis.reasons[0]).toMatch(
      /^loss turned and climbed: it fell only to 0\.4\d* \(smoothed\) by epoch \d+, then rose to a level of 0\.[67]\d* at the end, \d+% above its low and above its start of 0\.4\d*; its last 4 points all stay well above the low\./,
    );
    expect(d.diagnosis.reasons.join(' ')).not.toMatch(/not learning much|not fitting the data/);
    // with a validation loss that climbs too, the same; one that keeps improving leaves the training loss's rise alone
    const both = run(climb, (i) => climb(i) + 0.02, 22);
    expect(both.diagnosis.pattern).toBe('unstable');
    expect(both.diagnosis.reasons.join(' ')).toMatch(/turned and climbed: .*\(val_loss climbed too\)/);
    const valDown = run(climb, (i) => 0.3 + 0.2 * Math.exp(-i / 6), 22);
    expect(valDown.diagnosis.reasons.join(' ')).not.toMatch(/turned and climbed/);
  });

  it('a climb back to about the start (under 1.25x the low), or one spike at the end, is not read as one', () => {
    const noClimb = (d: ReturnType<typeof run>) =>
      expect(d.diagnosis.reasons.join(' ')).not.toMatch(/turned and climbed/);
    // back to 1.15x the low: the start level again, no run-away
    noClimb(run((i) => (i <= 14 ? 0.46 - 0.004 * i : 0.404 * 1.15) + 0.002 * jitter(i), undefined, 22));
    // 1.3x the low, but below where it started (a high first epoch): not past the start
    noClimb(run((i) => (i < 3 ? 0.6 : i <= 14 ? 0.46 - 0.004 * i : 0.404 * 1.3) + 0.002 * jitter(i), undefined, 22));
    // a loss that rises from its first point never fell: the growth rule's, not this one
    noClimb(run((i) => 1 + 0.05 * i + 0.002 * jitter(i), undefined, 22));
    // one spike in the last point
    noClimb(run((i) => (i === 21 ? 0.9 : 0.46 - 0.004 * Math.min(i, 14)) + 0.002 * jitter(i), undefined, 22));
  });

  it('a loss term whose weight the run logs rising (KL annealing) changed its objective: neither reading', () => {
    // the reconstruction falls all along; the KL term's weight ramps from 0 to 1, and the total climbs past its start
    const rows = ['epoch,loss,reconstruction_loss,kl_loss,kl_weight'];
    for (let i = 0; i < 60; i++) {
      const [rec, kl, w] = [100 + 40 * Math.exp(-i / 2.5), 60 - 10 * Math.exp(-i / 10), Math.min(1, i / 30)];
      rows.push([i + 1, (rec + w * kl).toFixed(3), rec.toFixed(3), kl.toFixed(3), w.toFixed(4)].join(','));
    }
    const annealed = diagnoseDetailed(ingest(rows.join('\n'), { fileName: 'training.log' }));
    expect(annealed.diagnosis.reasons.join(' ')).not.toMatch(/turned and climbed|learned and lost it/);
    // the same losses without the weight column climb as any loss would
    const unweighted = rows.map((r) => r.split(',').slice(0, 4).join(',')).join('\n');
    expect(diagnoseDetailed(ingest(unweighted, { fileName: 'training.log' })).diagnosis.reasons.join(' ')).toMatch(
      /turned and climbed/,
    );
  });
});
