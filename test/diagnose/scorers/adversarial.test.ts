/** A GAN's discriminator and generator losses (scorers/adversarial.ts): a level they hold is the two networks in
 * balance, never underfitting; the same numbers under other names, or an actor-critic's losses, stay underfitting. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { diagnoseDetailed } from '../../../src/diagnose/index.js';
import { canonicalName } from '../../../src/ingest/names.js';

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

  it('the same numbers under other names are read as before: underfitting; an actor and a critic are an agent', () => {
    // an actor-critic's losses, no reward logged: not a GAN, and not judged (diagnose/agent.ts)
    const agent = held('actor_loss', 'critic_loss')();
    expect(agent.adversarial).toBe(false);
    expect(agent.diagnosis.pattern).toBe('not_assessable');
    expect(agent.diagnosis.reasons.join(' ')).not.toMatch(/GAN/);
    for (const [a, b] of [
      ['loss_a', 'loss_b'],
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

describe('a GAN that logs a score of its samples (gan.ts)', () => {
  const rising = (i: number) => 18 + 4 * (1 - Math.exp(-i / 10)) + 0.05 * jitter(i);
  const collapsing = (i: number) => (i < 4 ? 18 + i : 21 - 0.16 * (i - 4)) + 0.05 * jitter(i);

  it('is judged on that score, not its two losses, and the reply says why', () => {
    const r = held('Loss_D', 'Loss_G', { extra: [['PSNR', rising]] })();
    expect(r.diagnosis.series.train).toBe('psnr');
    expect(r.diagnosis.pattern).toBe('good_fit');
    expect(r.diagnosis.headline).toMatch(/^Good fit \(judged on the generator's samples\): psnr rose/);
    expect(r.diagnosis.reasons.join(' ')).toContain(
      "Loss_D and Loss_G are a GAN's discriminator and generator losses: they pull against each other and say little about the generated samples, so the run is judged on PSNR",
    );
    // the score is one quantity: the reading of two losses in balance is not what decided
    expect(r.adversarial).toBe(false);
  });

  it('samples that got worse while the losses held are no good fit', () => {
    const scored = held('Loss_D', 'Loss_G', { extra: [['PSNR', collapsing]] })();
    expect(scored.diagnosis.pattern).toBe('unstable');
    // the same losses without the score: the GAN's losses in balance
    expect(held('Loss_D', 'Loss_G')().diagnosis.pattern).toBe('good_fit');
  });

  it('a distance (FID, KID, LPIPS, as their tools name them) is lower-is-better; a score (IS, SSIM) higher', () => {
    const falling = (i: number) => 80 * Math.exp(-i / 12) + 20 + 0.3 * jitter(i);
    for (const name of ['FID', 'fid_score', 'fid50k_full', 'frechet_inception_distance', 'KID', 'LPIPS']) {
      const r = held('d_loss', 'g_loss', { extra: [[name, falling]] })();
      expect(r.diagnosis.series.train, name).toBe(canonicalName(name).key);
      expect(r.diagnosis.pattern, name).toBe('good_fit');
    }
    for (const name of ['IS', 'is_mean', 'inception_score_mean', 'MS-SSIM', 'psnr_y']) {
      const r = held('d_loss', 'g_loss', { extra: [[name, rising]] })();
      expect(r.diagnosis.series.train, name).toBe(canonicalName(name).key);
      expect(r.diagnosis.pattern, name).toBe('good_fit');
    }
    // `fid_score` is no higher-is-better score wherever it is read
    expect(canonicalName('fid_score').kind).not.toBe('score');
  });

  it('a score measured every few epochs, with 0 or NaN between, is read at the epochs it was measured', () => {
    const every5 = (gap: number) => (i: number) => (i % 5 === 4 ? 60 * Math.exp(-i / 20) + 25 : gap);
    for (const gap of [NaN, 0]) {
      const r = held('d_loss', 'g_loss', { extra: [['fid', every5(gap)]] })();
      expect(r.diagnosis.series.train, String(gap)).toBe('fid');
      expect(r.diagnosis.pattern, String(gap)).toBe('good_fit');
      expect(r.diagnosis.findings, String(gap)).not.toContain('nan_inf');
      expect(r.diagnosis.evidence.points, String(gap)).toBe(12);
    }
    // never measured (all 0): the losses are judged
    expect(held('d_loss', 'g_loss', { extra: [['fid', () => 0]] })().adversarial).toBe(true);
  });

  it("a test split's score is not taken for training's; losses that blew up are judged as they are", () => {
    const r = held('d_loss', 'g_loss', {
      extra: [
        ['test_psnr', rising],
        ['val_psnr', rising],
      ],
    })();
    expect(r.diagnosis.series).toMatchObject({ val: 'val_psnr' });
    expect(r.diagnosis.series.train).toBeUndefined();
    const broken = held('d_loss', 'g_loss', { nanAt: 40, extra: [['psnr', rising]] })();
    expect(broken.diagnosis.pattern).toBe('unstable');
    expect(broken.diagnosis.series.train).not.toBe('psnr');
  });

  it('the reply names the score it judged, never "the loss"; the discriminator outputs are not shown beside it', () => {
    const jumpy = (i: number) => 40 * (1 + 0.9 * Math.sin(2.1 * i));
    const r = held('Loss_D', 'Loss_G', {
      extra: [
        ['Score_D', () => 0.5],
        ['FID', jumpy],
      ],
    })();
    expect(r.diagnosis.series.train).toBe('fid');
    expect(r.diagnosis.pattern).toBe('unstable');
    expect([r.diagnosis.headline, ...r.diagnosis.reasons].join(' ')).not.toMatch(/the (?:training )?loss/i);
    expect(r.diagnosis.headline).toMatch(/^Unstable: fid /);
    expect(r.diagnosis.series.metric).toBeUndefined();
  });

  it('a score that turns NaN for good has broken; NaN after its last evaluation, within its spacing, has not', () => {
    const untilForty = (i: number) => (i < 40 ? rising(i) : NaN);
    expect(held('d_loss', 'g_loss', { extra: [['psnr', untilForty]] })().diagnosis.findings).toContain('nan_inf');
    const every5 = (i: number) => (i % 5 === 0 && i <= 55 ? rising(i) : NaN);
    const pending = held('d_loss', 'g_loss', { extra: [['psnr', every5]] })();
    expect(pending.diagnosis.series.train).toBe('psnr');
    expect(pending.diagnosis.findings).not.toContain('nan_inf');
  });

  it('the names are read as before outside a GAN: a real pair is judged, not the distance', () => {
    const pair = (cols: [string, (i: number) => number][]) => {
      const rows = [['epoch', ...cols.map(([n]) => n)].join(',')];
      for (let i = 0; i < 40; i++) rows.push([i + 1, ...cols.map(([, f]) => f(i).toFixed(4))].join(','));
      return diagnoseDetailed(ingest(rows.join('\n'), { fileName: 'history.csv' })).diagnosis.series;
    };
    const acc = (i: number) => 0.9 - 0.4 * Math.exp(-i / 6);
    expect(
      pair([
        ['accuracy', acc],
        ['val_accuracy', acc],
        ['fid', (i) => 50 - i],
      ]),
    ).toMatchObject({
      train: 'accuracy',
      val: 'val_accuracy',
    });
    const mse = (i: number) => 0.2 + Math.exp(-i / 8);
    // FID, also under torch-fidelity's own name, which calls it a distance
    for (const fid of ['fid', 'frechet_inception_distance'])
      expect(
        pair([
          [fid, (i) => 50 - i],
          ['mse', mse],
          ['val_mse', mse],
        ]),
        fid,
      ).toMatchObject({ train: 'mse', val: 'val_mse' });
  });

  it('the losses are judged when the score is too short, a validation loss is logged, or the losses are no GAN', () => {
    const sparse = (i: number) => (i % 15 === 0 ? rising(i) : NaN);
    expect(held('d_loss', 'g_loss', { extra: [['fid', sparse]] })().adversarial).toBe(true);
    const withVal = held('d_loss', 'g_loss', {
      extra: [
        ['psnr', rising],
        ['val_l1_loss', (i) => 0.5 - 0.002 * i],
      ],
    })();
    expect(withVal.diagnosis.series.val).toBe('val_l1_loss');
    const plain = held('loss_a', 'loss_b', { extra: [['psnr', rising]] })();
    expect(plain.diagnosis.series.train).not.toBe('psnr');
    expect(plain.diagnosis.reasons.join(' ')).not.toMatch(/GAN/);
  });
});
