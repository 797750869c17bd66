/** A GAN's discriminator and generator losses (scorers/adversarial.ts): a level they hold is the two networks in
 * balance, never underfitting; the same numbers under other names, or an actor-critic's losses, stay underfitting. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { diagnoseDetailed } from '../../../src/diagnose/index.js';

/** deterministic per-epoch scatter in [-1, 1] */
const jitter = (i: number) => 0.5 * Math.sin(i * 2.3) + 0.5 * Math.sin(i * 5.1);

/** Two losses that settle within a few epochs and then hold their levels for the rest of a 60-epoch run, with more
 * columns (`extra`: a name and a value per epoch) beside them. */
function held(
  a: string,
  b: string,
  opts: { nanAt?: number; frozen?: boolean; extra?: [string, (i: number) => number][] } = {},
) {
  const extra = opts.extra ?? [];
  const rows = [['epoch', a, b, ...extra.map(([n]) => n)].join(',')];
  for (let i = 0; i < 60; i++) {
    const first = opts.frozen && i >= 20 ? 0.6931 : 0.62 + 0.05 * jitter(i) - 0.1 * Math.exp(-i / 3);
    const second =
      opts.frozen && i >= 20
        ? 1.0986
        : opts.nanAt !== undefined && i >= opts.nanAt
          ? NaN
          : 1.3 + 0.08 * jitter(i + 7) + 0.2 * Math.exp(-i / 3);
    rows.push([i + 1, first.toFixed(4), second.toFixed(4), ...extra.map(([, f]) => f(i).toFixed(4))].join(','));
  }
  return (options: { rulesOnly?: boolean } = {}) =>
    diagnoseDetailed(ingest(rows.join('\n'), { fileName: 'losses.csv' }), options);
}

describe("a GAN's losses", () => {
  it('a discriminator and a generator holding their levels is no underfitting, and the reply says why', () => {
    for (const [d, g] of [
      ['d_loss', 'g_loss'],
      ['loss_D', 'loss_G'],
      ['disc_loss', 'gen_loss'],
      ['discriminator_loss', 'generator_loss'],
      ['critic_loss', 'generator_loss'],
    ]) {
      const r = held(d, g)();
      expect(r.adversarial).toBe(true);
      expect(r.diagnosis.pattern).not.toBe('underfitting');
      expect(r.diagnosis.alternatives.map((a) => a.pattern)).not.toContain('underfitting');
      if (r.diagnosis.pattern === 'good_fit')
        expect(r.diagnosis.headline).toMatch(/^Good fit \(a GAN's losses in balance\): loss /);
      expect(r.diagnosis.reasons.join(' ')).toContain(
        `${d} and ${g} are a GAN's discriminator and generator losses: they pull against each other`,
      );
    }
  });

  it('the same numbers under other names, or an actor and a critic, are read as before: underfitting', () => {
    for (const [a, b] of [
      ['loss_a', 'loss_b'],
      ['actor_loss', 'critic_loss'],
      ['d_loss', 'cls_loss'],
      ['loss_3D', 'loss_G'], // a 3-D loss, not a discriminator
      ['critic_loss', 'gen_ppl'], // a perplexity is no generator loss
    ]) {
      const r = held(a, b)();
      expect(r.adversarial).toBe(false);
      expect(r.diagnosis.pattern).toBe('underfitting');
      expect(r.diagnosis.reasons.join(' ')).not.toMatch(/GAN/);
    }
  });

  it('a GAN whose generator loss turns NaN for good is still unstable by the hard rule', () => {
    const r = held('d_loss', 'g_loss', { nanAt: 40 })();
    expect(r.diagnosis.pattern).toBe('unstable');
    expect(r.diagnosis.findings).toContain('nan_inf');
  });

  it('the rules alone answer the same, and say the run is a GAN', () => {
    const r = held('d_loss', 'g_loss')({ rulesOnly: true });
    expect(r.adversarial).toBe(true);
    expect(r.diagnosis.pattern).not.toBe('underfitting');
    expect(held('loss_a', 'loss_b')({ rulesOnly: true }).diagnosis.pattern).toBe('underfitting');
  });

  it('a supervised pair judged beside the GAN losses is read as before (pix2pix: an L1 loss, train and val)', () => {
    const l1 = (i: number) => 0.5 + 0.01 * jitter(i) - 0.002 * i;
    const r = held('d_loss', 'g_loss', {
      extra: [
        ['l1_loss', l1],
        ['val_l1_loss', (i) => l1(i) + 0.02],
      ],
    })();
    expect(r.diagnosis.series.val).toBe('val_l1_loss');
    expect(r.adversarial).toBe(false);
    expect(r.diagnosis.reasons.join(' ')).not.toMatch(/GAN/);
  });

  it('a frozen GAN loss stays underfitting by the hard rule', () => {
    const r = held('d_loss', 'g_loss', { frozen: true })();
    expect(r.frozen).toBe(true);
    expect(r.diagnosis.pattern).toBe('underfitting');
  });

  it("the model's own underfitting is dropped, not the evidence it reads: the others keep their odds", () => {
    const gan = held('d_loss', 'g_loss')();
    const same = held('loss_a', 'loss_b')();
    // the same numbers: the model read the same vector, and only the verdict's reading of it differs
    expect(Array.from(gan.features!)).toEqual(Array.from(same.features!));
    expect(gan.decided!.underfitting).toBe(0);
    expect(gan.diagnosis.pattern).toBe('good_fit');
    // the other patterns keep their odds against each other: underfitting is taken out, nothing re-weighed
    for (const c of ['overfitting', 'high_variance', 'unstable'])
      expect(gan.decided!.good_fit / gan.decided![c]).toBeCloseTo(same.decided!.good_fit / same.decided![c], 6);
  });
});
