/**
 * A held-out score beside a training loss, with no held-out loss (held-out.ts): the training loss is judged first;
 * when it reads as a good fit, the score judged alone has the last word if it peaked and fell away while the training
 * loss's level kept falling (overfitting) or never left its no-skill level (underfitting). The training loss is quoted
 * beside it as its median level, and drawn, never compared.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose, diagnoseDetailed } from '../../src/diagnose/index.js';
import { besideLevels, levelNear, neverLeftNoSkill, noSkillLevel } from '../../src/diagnose/held-out.js';
import type { Series } from '../../src/ingest/schema.js';
import { pickLossPair, pickMetricPair } from '../../src/render/series/pick.js';
import { pairNames } from '../../src/advise/knowledge/context.js';
import { epochCsv } from './epoch-csv.js';

const n = 25;
const jitter = (i: number, by: number) => (i % 2 === 0 ? by : -by);
const loss = Array.from({ length: n }, (_, i) => +(0.04 + 0.46 / (i + 1) + jitter(i, 0.002)).toFixed(4));
/** rises to about 0.92 at epoch 11, then falls away to about 0.80 */
const peaked = Array.from(
  { length: n },
  (_, i) => +(i < 10 ? 0.8 + 0.012 * i + jitter(i, 0.004) : 0.92 - 0.008 * (i - 9) + jitter(i, 0.004)).toFixed(4),
);
const healthy = Array.from(
  { length: n },
  (_, i) => +(0.6 + 0.3 * (1 - Math.exp(-i / 5)) + jitter(i, 0.003)).toFixed(4),
);
const nothing = Array.from({ length: n }, (_, i) => +(0.01 + 0.008 * Math.abs(Math.sin(i * 1.7))).toFixed(4));
const csv = epochCsv;
const series = (base: string, y: number[]): Series =>
  ({ key: `val_${base}`, name: `val_${base}`, base, split: 'val', kind: 'score', x: y.map((_, i) => i), y }) as Series;
const median3 = (a: number, b: number, c: number) => [a, b, c].sort((p, q) => p - q)[1];

describe('a held-out score beside a training loss', () => {
  it('a val accuracy that peaked and fell away while the loss kept falling is overfitting, the loss quoted and drawn', () => {
    const log = ingest(csv({ loss, val_accuracy: peaked }));
    const { diagnosis: d, quotes } = diagnoseDetailed(log);
    expect(d.pattern).toBe('overfitting');
    expect(d.series).toEqual({ val: 'val_accuracy', beside: 'loss' });
    const best = peaked.indexOf(Math.max(...peaked));
    expect(d.evidence.best_x).toBe(best + 1); // the file's epoch column
    // the loss's median level around the score's best epoch (3 points of 25) and over its last 3
    const around = median3(loss[best - 1], loss[best], loss[best + 1]);
    const end = median3(loss[n - 3], loss[n - 2], loss[n - 1]);
    expect(d.headline).toContain(
      `after it; loss's median level fell ${Math.round((100 * (around - end)) / around)}% meanwhile (from ${around} around epoch ${best + 1} to ${end} at the end).`,
    );
    expect(d.reasons.join('\n')).toContain(
      `No validation loss is logged: val_accuracy, a held-out score, is judged alone (a score and a loss share no scale, so no gap between them is measured); loss's median level fell`,
    );
    expect(d.reasons.join('\n')).not.toMatch(/no training curve/);
    const claims = [...quotes.headline, ...quotes.reasons.flatMap((c) => c ?? [])];
    expect(claims.filter((c) => c.kind === 'stat' && c.name === 'beside_level_from').length).toBe(2);
  });

  it('the chart draws the training loss under the score, and the advice names it as the training curve', () => {
    const log = ingest(csv({ ce_loss: loss, val_accuracy: peaked }));
    const d = diagnose(log);
    expect(d.series).toEqual({ val: 'val_accuracy', beside: 'ce_loss' });
    expect(pickLossPair(log.runs[0], d)).toEqual({
      train: undefined,
      val: expect.objectContaining({ key: 'val_accuracy' }),
    });
    expect(pickMetricPair(log.runs[0], d).train?.key).toBe('ce_loss');
    expect(pairNames(d)).toEqual({ train: 'ce_loss', val: 'val_accuracy', higher: true });
  });

  it('a val accuracy that rises and holds keeps the training loss judged: a good fit, the loss the judged curve', () => {
    const d = diagnose(ingest(csv({ loss, val_accuracy: healthy })));
    expect(d.pattern).toBe('good_fit');
    expect(d.series).toEqual({ train: 'loss', val_metric: 'val_accuracy' });
    // the score was read: the reply says what it shows, not that generalisation cannot be judged
    expect(d.headline).toMatch(
      /^Good fit \(no validation loss\): loss fell \d+% .*; val_accuracy ends near its best\.$/,
    );
    expect(d.reasons[0]).toContain(
      `no validation loss to set against loss, but val_accuracy, judged alone, ends near its best (best ${+Math.max(...healthy).toPrecision(3)}, typical end level `,
    );
    expect(d.reasons[0]).toMatch(/: it shows no overfitting, though a score alone does not show the gap\.$/);
    expect(d.reasons.join('\n')).not.toMatch(/cannot be judged/);
  });

  it('"ends near its best" only when it does: not for a score that slipped from its best, nor one that turns NaN', () => {
    // rises to 0.90 by epoch 13, then slips about 6% by the end (the loss keeps falling, so no overfitting verdict
    // either way): judged alone, no plain good fit
    const slipped = healthy.map((v, i) => (i < 12 ? v : +(v - 0.0045 * (i - 11)).toFixed(4)));
    // a Dice that turns NaN for its last 8 epochs (an empty mask each time): it ends nowhere
    const nanTail = healthy.map((v, i) => (i >= n - 8 ? 'nan' : v));
    for (const cols of [
      { loss, val_accuracy: slipped },
      { loss, val_dice: nanTail },
    ] as Record<string, (number | string)[]>[]) {
      const d = diagnose(ingest(csv(cols)));
      expect(d.pattern).toBe('good_fit');
      expect(d.headline).not.toMatch(/ends near its best/);
      expect(d.reasons[0]).toMatch(/a metric alone does not show the gap\), so generalisation cannot be judged\.$/);
    }
    // a Dice that jumps between 0.37 and 0.73 and ends 17% below its smoothed best reads as a good fit alone (a
    // segmentation's, 15 epochs), but not one that ends near its best
    const jumps = [
      0.37, 0.487, 0.437, 0.432, 0.701, 0.5, 0.575, 0.514, 0.634, 0.647, 0.731, 0.586, 0.541, 0.695, 0.471,
    ];
    const falling = [
      1.02, 0.795, 0.661, 0.59, 0.541, 0.543, 0.499, 0.472, 0.472, 0.465, 0.476, 0.433, 0.392, 0.407, 0.398,
    ];
    const d = diagnose(ingest(csv({ loss: falling, val_dice_mean: jumps })));
    expect(d.pattern).toBe('good_fit');
    expect(d.reasons[0]).toMatch(/best 0\.731, typical end level [\d.]+; a metric alone does not show the gap\)/);
    // a val accuracy on a plateau near 0.80 with one epoch at 0.95: the best the reply names is 0.95, far above the end
    const spike = healthy.map((v, i) => (i === 20 ? 0.95 : v));
    expect(diagnose(ingest(csv({ loss, val_accuracy: spike }))).headline).not.toMatch(/ends near its best/);
    // a val accuracy jumping between 0.41 and 1 over 12 epochs: judged alone, a good fit only borderline
    const jumpy = [0.71, 0.414, 0.762, 0.598, 0.73, 0.964, 0.691, 0.863, 0.655, 0.681, 1, 0.683];
    const down = [0.971, 0.814, 0.6, 0.543, 0.498, 0.45, 0.444, 0.266, 0.383, 0.181, 0.199, 0.133];
    expect(diagnose(ingest(csv({ loss: down, val_accuracy: jumpy }))).headline).not.toMatch(/ends near its best/);
    // a val accuracy still climbing slowly at its last point (0.35 -> 0.43): judged alone, a good fit or underfitting
    // (borderline), so nothing is said of where it ends
    const slow = [0.3469, 0.3609, 0.3734, 0.3839, 0.3934, 0.4019, 0.4092, 0.4156, 0.4211, 0.4261, 0.4301];
    const quick = [0.95, 0.5, 0.35, 0.275, 0.23, 0.2, 0.1786, 0.1625, 0.15, 0.14, 0.1318];
    expect(diagnose(ingest(csv({ loss: quick, val_accuracy: slow }))).headline).not.toMatch(/ends near its best/);
  });

  it('a score that is not read alone (a bare `score`, one that reads as a problem the loss does not confirm) is only quoted', () => {
    // a bare score is not judged; a Dice that barely moved from 0.6 reads as underfitting alone, not at no skill
    const flat = Array.from({ length: n }, (_, i) => +(0.6 + jitter(i, 0.002)).toFixed(4));
    for (const cols of [
      { loss, val_score: healthy },
      { loss, val_dice: flat },
    ] as Record<string, number[]>[]) {
      const d = diagnose(ingest(csv(cols)));
      expect(d.pattern).toBe('good_fit');
      expect(d.headline).toMatch(
        /^Good fit \(no validation loss\): loss fell \d+% \([\d.]+ -> [\d.]+\) and is still falling\.$/,
      );
      expect(d.reasons[0]).toMatch(/; a metric alone does not show the gap\), so generalisation cannot be judged\.$/);
    }
    const alone = diagnose(ingest(csv({ loss })));
    expect(alone.headline).toMatch(/^Good fit \(train only\): /);
    expect(alone.reasons[0]).toMatch(/; no validation curve, so generalisation cannot be judged\.$/);
  });

  it('a score that fell away while the training loss rose with it is no overfitting of the training data', () => {
    // the loss falls to epoch 11, then climbs back a little: the score's fall goes with it
    const back = loss.map((v, i) => (i <= 10 ? v : +(loss[10] + 0.004 * (i - 10) + jitter(i, 0.001)).toFixed(4)));
    const d = diagnose(ingest(csv({ loss: back, val_accuracy: peaked })));
    expect(d.pattern).not.toBe('overfitting');
    expect(d.series.beside).toBeUndefined();
  });

  it('a training loss that stops before the score peaks says so, and does not carry an overfitting verdict', () => {
    const short = loss.map((v, i) => (i < 8 ? v : ''));
    const d = diagnose(ingest(csv({ loss: short, val_accuracy: peaked })));
    expect(d.pattern).not.toBe('overfitting');
  });

  it('a Dice that never left no skill while the loss fell is underfitting, and says why (a percentage too)', () => {
    for (const y of [nothing, nothing.map((v) => +(v * 100).toFixed(2))]) {
      const d = diagnose(ingest(csv({ loss, val_dice: y })));
      expect(d.pattern).toBe('underfitting');
      expect(d.series).toEqual({ val: 'val_dice', beside: 'loss' });
      const best = Math.max(...y);
      expect(d.headline).toMatch(
        new RegExp(
          `^Underfitting: val_dice never left its no-skill level \\(its best is ${best}, at epoch \\d+\\); loss's median level fell \\d+% over the run \\(from [\\d.]+ at the start to [\\d.]+ at the end\\): nothing the model learns carries over to held-out data\\.$`,
        ),
      );
      // the shape rules' "improved only 0.0%" of a score read as an error is not said
      expect(d.reasons.join('\n')).not.toMatch(/smoothed level/);
      expect(d.reasons.join('\n')).toMatch(
        /^val_dice stays where a model with no skill would be, whatever the training loss does: check/m,
      );
    }
  });

  it("a score's NaN (a Dice over an empty mask) is no blow-up of the run", () => {
    const d = diagnose(ingest(csv({ loss, val_dice: nothing.map((v, i) => (i === 12 ? 'nan' : v)) })));
    expect(d.pattern).toBe('underfitting');
    expect(d.findings).not.toContain('nan_inf');
    expect(d.marks.non_finite_x).toEqual([]);
  });

  it('an accuracy has no known no-skill level: one flat at 0.3 beside a falling loss is not called underfitting', () => {
    const flat = Array.from({ length: n }, (_, i) => 0.3 + jitter(i, 0.002));
    expect(diagnose(ingest(csv({ loss, val_accuracy: flat }))).pattern).toBe('good_fit');
  });

  it("a bare `score` (which way is better?) is not judged in the loss's place", () => {
    const d = diagnose(ingest(csv({ loss, val_score: peaked })));
    expect(d.pattern).toBe('good_fit');
    expect(d.series.train).toBe('loss');
  });

  it('--metric judges the series named, as asked: the score without the loss beside it, or the loss alone', () => {
    const loss0 = diagnose(ingest(csv({ loss, val_accuracy: peaked })), { metric: 'loss' });
    expect([loss0.pattern, loss0.series.train, loss0.series.val]).toEqual(['good_fit', 'loss', undefined]);
    const d = diagnose(ingest(csv({ loss, val_accuracy: peaked })), { metric: 'val_accuracy' });
    expect(d.pattern).toBe('overfitting');
    expect(d.series).toEqual({ val: 'val_accuracy' });
    // the loss is logged, not compared: the headline names it rather than saying there is no training curve
    expect(d.headline).toMatch(
      /; no training counterpart of val_accuracy is logged to compare it with \(the log has loss\)\.$/,
    );
  });

  it('a training loss that itself shows a problem keeps its verdict, whatever the score does', () => {
    const frozen = Array.from({ length: n }, () => 0.693);
    const d = diagnose(ingest(csv({ loss: frozen, val_accuracy: peaked })));
    expect(d.pattern).toBe('underfitting');
    expect(d.series.train).toBe('loss');
    // a loss that falls with a spike every fifth epoch: unstable, though its level fell while the score fell away
    const spiky = loss.map((v, i) => +(v + (i % 5 === 4 ? 0.3 : 0)).toFixed(4));
    const u = diagnose(ingest(csv({ loss: spiky, val_accuracy: peaked })));
    expect([u.pattern, u.series.train]).toEqual(['unstable', 'loss']);
  });

  it('no-skill levels by name: 0 for overlap, agreement, correlation and mAP, 0.5 for a ROC AUC, none by class shares', () => {
    expect(noSkillLevel(series('dice_mean', [0]))).toBe(0);
    expect(noSkillLevel(series('coco/bbox_m_ap', [0]))).toBe(0);
    expect(noSkillLevel(series('pccs', [0]))).toBe(0);
    expect(noSkillLevel(series('roc_auc', [0]))).toBe(0.5);
    expect(noSkillLevel(series('pr_auc', [0]))).toBeUndefined();
    expect(noSkillLevel(series('ap', [0]))).toBeUndefined();
    expect(noSkillLevel(series('accuracy', [0]))).toBeUndefined();
    expect(noSkillLevel(series('precision', [0]))).toBeUndefined();
    expect(neverLeftNoSkill(series('auc', [0.5, 0.53, 0.55]))).toBe(true);
    expect(neverLeftNoSkill(series('auc', [0.5, 0.56, 0.52]))).toBe(false);
    expect(neverLeftNoSkill(series('dice', [0.01, 0.05, 0.02]))).toBe(true);
    expect(neverLeftNoSkill(series('dice', [0.01, 0.052, 0.02]))).toBe(false);
    expect(neverLeftNoSkill(series('iou', [1, 4, 6]))).toBe(false);
    expect(neverLeftNoSkill(series('iou', [1, 4, 5]))).toBe(true);
  });

  it("the loss's level is the median of 12% of its points, at least 3: at the start, around a point, at the end", () => {
    const b = series(
      'loss',
      Array.from({ length: 50 }, (_, i) => 50 - i),
    );
    // 12% of 50 points: 6
    expect(levelNear(b, 0, 'start')).toBe(47.5); // points 0..5 -> 50..45
    expect(levelNear(b, 20, 'around')).toBe(30.5); // points 17..22 -> 33..28
    expect(levelNear(b, 49, 'end')).toBe(3.5); // points 44..49 -> 6..1
    expect(levelNear(series('loss', [3, 2, 1]), 1, 'around')).toBe(2);
    // 12% of 10 points is 2: the window keeps 3
    expect(levelNear(series('loss', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), 9, 'end')).toBe(2);
    // no point after the score's best: no level to compare
    expect(besideLevels(series('loss', [5, 4, 3]), 2, 6)).toBeUndefined();
    expect(besideLevels(series('loss', [5, 4, 3, 2]), 1, 3)).toEqual({ before: 4, after: 3 });
  });
});
