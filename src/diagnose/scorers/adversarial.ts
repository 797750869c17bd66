/**
 * A GAN's losses: a discriminator's (or critic's) and a generator's, logged side by side. They pull against each
 * other: when the discriminator gets better the generator's loss rises, and a level both hold is the two in
 * balance, not a model that cannot fit its data. The guide's underfitting ("both losses stay high, fall slowly or
 * stall") and its remedies (more units, a higher learning rate, more epochs) are about one model fitting its
 * targets, so that reading does not apply here; the others (a run that blows up or swings, a validation loss that
 * turns) still do. Of the 27 GANs among the labelled real logs (bench/wild to wild26) two expert passes accepted
 * underfitting on 4; the diagnoser had called it on 8 (docs/diagnosis.md, "A GAN's losses").
 * A GAN that logs a score of its samples (FID, PSNR...) and no validation loss is judged on that score instead
 * (features.ts, gan.ts); this then only says why its losses were passed over.
 * Runs after the other scorers. It leaves the scores as they are (the learned model reads them); decide.ts drops
 * underfitting from the rules' verdict and from the model's probabilities, unless the loss froze (the hard rule).
 */
import type { Series } from '../../ingest/schema.js';
import { isDiscriminatorLoss as isD, isGeneratorLoss as isG } from '../gan.js';
import { say, type Scoring } from './scoring.js';

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
  if (s.ctx.pair.ganQuality) return judgedOnSamples(s);
  const pair = adversarialLosses(s);
  if (!pair) return;
  s.adversarial = true;
  say(
    s,
    null,
    `${pair.d.name} and ${pair.g.name} are a GAN's discriminator and generator losses: they pull against each other, so a level they hold means the two networks are in balance, not underfitting. Judge the generator by its samples or a score such as FID.`,
  );
}

/** A GAN judged on its samples' score (features.ts, gan.ts): say why its losses were passed over. The score is one
 * quantity, so the reading of two losses in balance does not apply to it: a score that never improves is read as
 * any curve that stays put. */
function judgedOnSamples(s: Scoring): void {
  const judged = s.ctx.pair.val ?? s.ctx.pair.train;
  const d = s.ctx.run.series.find(isD);
  const g = s.ctx.run.series.find(isG);
  if (!judged || !d || !g) return;
  say(
    s,
    null,
    `${d.name} and ${g.name} are a GAN's discriminator and generator losses: they pull against each other and say little about the generated samples, so the run is judged on ${judged.name}, the score the samples are measured by.`,
  );
}
