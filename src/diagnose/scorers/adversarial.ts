/**
 * A GAN's losses: a discriminator's (or critic's) and a generator's, logged side by side. They pull against each
 * other: when the discriminator gets better the generator's loss rises, and a level both hold is the two in
 * balance, not a model that cannot fit its data. The guide's underfitting ("both losses stay high, fall slowly or
 * stall") and its remedies (more units, a higher learning rate, more epochs) are about one model fitting its
 * targets, so that reading does not apply here; the others (a run that blows up or swings, a validation loss that
 * turns) still do. Of the 27 GANs among the labelled real logs (bench/wild to wild26) two expert passes accepted
 * underfitting on 4; the diagnoser had called it on 8 (docs/diagnosis.md, "A GAN's losses").
 * Runs after the other scorers. It leaves the scores as they are (the learned model reads them); decide.ts drops
 * underfitting from the rules' verdict and from the model's probabilities, unless the loss froze (the hard rule).
 */
import type { Series } from '../../ingest/schema.js';
import { say, type Scoring } from './scoring.js';

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
const isD = (s: Series) => isLoss(s) && holds(s.base, DISCRIMINATOR) && !holds(s.base, GENERATOR);
const isG = (s: Series) => isLoss(s) && holds(s.base, GENERATOR) && !holds(s.base, DISCRIMINATOR);

/** A judged curve made of the adversarial losses: one of them, or the sum ingest derived from a split's losses
 * (its name lists the parts: `train d_loss + g_loss`) when every part is one of them. */
function adversarialCurve(s: Series | undefined, run: Series[]): boolean {
  if (!s) return true;
  if (!s.derived) return isD(s) || isG(s);
  const parts = run.filter((x) => x.split === s.split && !x.derived && x.kind === 'loss');
  return parts.length > 0 && parts.every((x) => isD(x) || isG(x));
}

/** The discriminator's and the generator's loss on the judged split, when the judged pair is made of them. */
function adversarialLosses(s: Scoring): { d: Series; g: Series } | undefined {
  const { pair, run } = s.ctx;
  if (!adversarialCurve(pair.train, run.series) || !adversarialCurve(pair.val, run.series)) return undefined;
  const on = run.series.filter((x) => x.split === (pair.train ?? pair.val)?.split);
  const d = on.find(isD);
  const g = on.find(isG);
  return d && g ? { d, g } : undefined;
}

/** Marks the run (decide.ts then never answers underfitting, unless its loss froze) and says why. */
export function scoreAdversarial(s: Scoring): void {
  const pair = adversarialLosses(s);
  if (!pair) return;
  s.adversarial = true;
  say(
    s,
    null,
    `${pair.d.name} and ${pair.g.name} are a GAN's discriminator and generator losses: they pull against each other, so a level they hold means the two networks are in balance, not underfitting. Judge the generator by its samples or a score such as FID.`,
  );
}
