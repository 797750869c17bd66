/**
 * A GAN's curves by their names: the discriminator's (or critic's) loss, the generator's loss, and the score its
 * samples are measured by. features.ts judges a GAN on that score when it logs one; scorers/adversarial.ts reads
 * the two losses when they are what is judged.
 */
import type { Run, Series } from '../ingest/schema.js';
import * as R from './rules.js';

/** A word naming the discriminator (or WGAN's critic) in a loss's canonical name: `d_loss`, `loss_D`, `disc_loss`,
 * `discriminator_loss`, `critic_loss`, `Loss/D`. */
const DISCRIMINATOR = /^(?:d|dis|disc|discriminator|critic)$/;
/** A word naming the generator: `g_loss`, `loss_G`, `gen_loss`, `generator_loss`, `loss_g_gan`. */
const GENERATOR = /^(?:g|gen|generator)$/;

/** Does a canonical name hold such a word (not a letter after a number: `loss_3D` is a 3-D loss)? */
function holds(base: string, word: RegExp): boolean {
  const words = base.split(/[_/.-]/);
  return words.some((w, i) => word.test(w) && !(w.length === 1 && /\d$/.test(words[i - 1] ?? '')));
}

/** A logged loss (`d_loss`; pix2pix's `D_real` and `G_GAN`, which its format prints as losses; not `gen_ppl`)
 * naming the discriminator, or the generator (never both). */
const isLoss = (s: Series) => !s.derived && (s.kind === 'loss' || /loss/.test(s.base));
export const isDiscriminatorLoss = (s: Series) =>
  isLoss(s) && holds(s.base, DISCRIMINATOR) && !holds(s.base, GENERATOR);
export const isGeneratorLoss = (s: Series) => isLoss(s) && holds(s.base, GENERATOR) && !holds(s.base, DISCRIMINATOR);

/**
 * What a generator's samples are measured by, in the order one is preferred, by name (not by kind: ingest reads
 * most of these names as no metric, since they measure no model's fit in its generic readings), with whether higher
 * is better: Fréchet and kernel inception distance (StyleGAN's `fid50k_full`, torch-fidelity's
 * `frechet_inception_distance`), the inception score (`IS`, `is_mean`, `inception_score_mean`), then the
 * image-restoration scores PSNR and (MS-)SSIM, and the perceptual distance LPIPS. Not `Score_D` / `Score_G` (the
 * discriminator's outputs), not `G_SSIM` (a generator's loss term).
 */
const QUALITY: { name: RegExp; higher: boolean }[] = [
  { name: /^(?:fid|frechet_inception_distance)(?:_?\d{1,3}k(?:_full)?)?(?:_score)?$/, higher: false },
  { name: /^(?:kid|kernel_inception_distance)(?:_?\d{1,3}k(?:_full)?)?(?:_mean|_score)?$/, higher: false },
  { name: /^(?:is|inception|inception_score)(?:_?\d{1,3}k)?(?:_mean)?$/, higher: true },
  { name: /^(?:avg_|mean_)?psnr(?:_y)?$/, higher: true },
  { name: /^(?:ms[-_]?)?ssim$/, higher: true },
  { name: /^lpips$/, higher: false },
];

/**
 * The points a score was measured at: a 0 or a NaN between evaluations is an epoch it was not (no real FID, inception
 * score, PSNR or SSIM is exactly 0; a loop that fills the cells in between writes 0 or NaN), and so is one after
 * the last evaluation when fewer follow than the evaluations' usual spacing. A longer NaN or inf tail is the score
 * breaking, kept so the diagnosis reads it.
 */
function measured(s: Series): Series {
  const at = s.y.flatMap((v, i) => (Number.isFinite(v) && v !== 0 ? [i] : []));
  const last = at.length > 0 ? at[at.length - 1] : -1;
  const gaps = at.slice(1).map((i, k) => i - at[k]);
  const spacing = gaps.length > 0 ? gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] : 1;
  const broke = s.y.length - 1 - last >= spacing;
  const keep = s.y.map((v, i) => (i <= last ? Number.isFinite(v) && v !== 0 : broke && !Number.isFinite(v)));
  return { ...s, x: s.x.filter((_, i) => keep[i]), y: s.y.filter((_, i) => keep[i]) };
}

/**
 * The score a GAN's generator is measured by, on the train and validation splits it was logged on, and whether
 * higher is better, when the run logs a discriminator's and a generator's loss that stayed finite (one that blew up
 * is the verdict), no validation loss, and the score was measured at MIN_POINTS points or more: the two losses pull
 * against each other and say little about the samples; the score does.
 */
export function ganQuality(run: Run): { train?: Series; val?: Series; higher: boolean } | undefined {
  const own = run.series.filter((s) => !s.derived);
  if (own.some((s) => s.split === 'val' && s.kind === 'loss')) return undefined;
  const d = own.filter(isDiscriminatorLoss);
  const g = own.filter(isGeneratorLoss);
  if (d.length === 0 || g.length === 0) return undefined;
  if ([...d, ...g].some((s) => !s.y.every(Number.isFinite))) return undefined;
  const enough = (s: Series) => s.y.filter(Number.isFinite).length >= R.MIN_POINTS;
  for (const { name, higher } of QUALITY) {
    const found = own
      .filter((s) => name.test(s.base) && s.kind !== 'loss' && s.kind !== 'lr')
      .map(measured)
      .filter(enough);
    const train = found.find((s) => s.split === 'train' || s.split === 'none');
    const val = found.find((s) => s.split === 'val');
    if (train || val) return { train, val, higher };
  }
  return undefined;
}
