/**
 * The curve zoo's labelling rule (scripts/zoo/label.ts) and the committed zoo file (bench/zoo): the rule
 * on hand-made help scores, and the file's contract (every record well-formed, splits by family, every
 * history readable by the project's ingest). No training here.
 */
import { describe, expect, it } from 'vitest';
import {
  decide,
  labelFromHelp,
  logRatio,
  LOG_CAP,
  MARGIN,
  NOISE_CAP,
  refLoss,
  shapes,
  splitOf,
  TAU_MIN,
  volatility,
} from '../../scripts/zoo/label.js';
import { HOLDOUT_PATH, HOLDOUT_S3_PATH, loadZoo, recordToLog, ZOO_PATH } from '../../scripts/zoo/load.js';
import { labelFromDraws } from '../../scripts/zoo/average-draws.js';
import { builtAsLabelled, BUILT_WEIGHT, readZoo, zooExamples } from '../../scripts/diagnoser/data.js';
import { WEIGHTS } from '../../src/diagnose/weights.js';
import type { ZooConfig } from '../../scripts/zoo/families.js';

const help = (u: number, f: number, o: number, v: number) => ({
  unstable: u,
  underfitting: f,
  overfitting: o,
  high_variance: v,
});

describe('labelling by intervention', () => {
  it('labels the remedy that helps clearly most, good_fit when none helps', () => {
    expect(decide(help(0.05, 0.9, 0.1, 0), 0.01)).toMatchObject({
      label: 'underfitting',
      acceptable: ['underfitting'],
      borderline: false,
    });
    expect(decide(help(-0.3, -0.02, -0.2, -0.01), 0.01)).toMatchObject({
      label: 'good_fit',
      acceptable: ['good_fit'],
      borderline: false,
    });
  });

  it('marks ties (and near-threshold wins) borderline with both labels acceptable', () => {
    const tie = decide(help(0.6, 0, 0.6 - MARGIN / 2, 0), 0.01);
    expect(tie.borderline).toBe(true);
    expect(tie.acceptable.sort()).toEqual(['overfitting', 'unstable']);
    const near = decide(help(0, 0, TAU_MIN + MARGIN / 2, 0), 0.01);
    expect(near).toMatchObject({ label: 'overfitting', borderline: true });
    expect(near.acceptable).toContain('good_fit');
    const under = decide(help(0, 0, TAU_MIN - MARGIN / 2, 0), 0.01);
    expect(under).toMatchObject({ label: 'good_fit', borderline: true, acceptable: ['good_fit', 'overfitting'] });
  });

  it('raises the threshold with the seed noise, up to a cap', () => {
    expect(decide(help(0, 0.3, 0, 0), 0.4).label).toBe('good_fit'); // 0.3 is within seed noise
    expect(decide(help(0, 0.3, 0, 0), 0.4).margins.threshold).toBeCloseTo(0.4);
    expect(decide(help(0, 2, 0, 0), 5).margins.threshold).toBeCloseTo(NOISE_CAP);
    expect(decide(help(0, 2, 0, 0), 5).label).toBe('underfitting');
  });

  it('scores a non-finite run as worse than any finite one, within the cap', () => {
    expect(logRatio(null, 0.5)).toBe(LOG_CAP);
    expect(logRatio(0.5, null)).toBe(-LOG_CAP);
    expect(logRatio(1e9, 1e-9)).toBe(LOG_CAP);
    expect(logRatio(2, 1)).toBeCloseTo(Math.log(2));
  });

  it('measures volatility with the trend removed', () => {
    const smooth = Array.from({ length: 30 }, (_, i) => Math.exp(-i / 5));
    const jumpy = smooth.map((v, i) => v * (i % 2 ? 1.5 : 0.7));
    expect(volatility(smooth)).toBeLessThan(1e-9);
    expect(volatility(jumpy)).toBeGreaterThan(0.2);
    expect(volatility([1, 0.5, null])).toBe(1);
  });

  it('reads the guide shapes from curves', () => {
    const n = 40;
    const train = Array.from({ length: n }, (_, i) => 1 / (1 + i));
    const over = Array.from({ length: n }, (_, i) => 0.3 + 0.002 * (i - 10) ** 2);
    expect(shapes({ loss: train, val_loss: over }).has('overfitting')).toBe(true);
    expect(shapes({ loss: train, val_loss: [...over.slice(0, 5), null, ...over.slice(6)] }).has('unstable')).toBe(true);
    const flat = Array.from({ length: n }, () => 1);
    expect(shapes({ loss: flat.map((v) => v * 0.95), val_loss: flat }).has('underfitting')).toBe(true);
  });

  it('splits by family, about 60/20/20 within each intended pattern', () => {
    const fams = Array.from({ length: 100 }, (_, i) => ({ family: `k${i % 2}/v/${i}`, intended: `k${i % 2}` }));
    const s = splitOf(fams, 1);
    const count = (x: string) => [...s.values()].filter((v) => v === x).length;
    expect(count('train')).toBe(60);
    expect(count('dev')).toBe(20);
    expect(count('test')).toBe(20);
  });
});

describe.each([
  { name: 'zoo.jsonl.gz', file: ZOO_PATH, splits: ['train', 'dev', 'test'] },
  { name: 'holdout.jsonl.gz', file: HOLDOUT_PATH, splits: ['holdout'] },
  { name: 'holdout-s3.jsonl.gz', file: HOLDOUT_S3_PATH, splits: ['holdout'] },
])('the committed zoo file $name', ({ file, splits }) => {
  const zoo = loadZoo(file);

  it('holds well-formed labelled runs, split by family', () => {
    expect(zoo.length).toBeGreaterThanOrEqual(150);
    expect(new Set(zoo.map((r) => r.id)).size).toBe(zoo.length);
    const splitOfFamily = new Map<string, string>();
    for (const r of zoo) {
      expect(r.acceptable).toContain(r.label);
      expect(r.borderline).toBe(r.acceptable.length > 1);
      expect(r.history.loss.length).toBe(r.history.val_loss.length);
      expect(Object.keys(r.remedies).sort()).toEqual(['high_variance', 'overfitting', 'underfitting', 'unstable']);
      const prev = splitOfFamily.get(r.family);
      if (prev) expect(r.split).toBe(prev);
      splitOfFamily.set(r.family, r.split);
    }
    expect(new Set(zoo.map((r) => r.split))).toEqual(new Set(splits));
    // NaN and divergence are unstable by definition, and the zoo holds some of each
    const blownUp = zoo.filter((r) => r.non_finite || r.diverged);
    expect(blownUp.length).toBeGreaterThan(10);
    for (const r of blownUp) expect(r.label).toBe('unstable');
    for (const r of zoo.filter((x) => x.non_finite)) expect(r.history.val_loss.concat(r.history.loss)).toContain(null);
  });

  it('follows from its stored help scores by the rule (labelFromHelp; several draws: their average)', () => {
    for (const r of zoo) {
      const help = {
        unstable: r.remedies.unstable.help,
        underfitting: r.remedies.underfitting.help,
        overfitting: r.remedies.overfitting.help,
        high_variance: r.remedies.high_variance.help,
      };
      const base = { history: r.history, loss_scale: r.base.loss_scale };
      const l = r.draws
        ? labelFromDraws(r, r.draws)
        : labelFromHelp(help, r.seed_rerun.help / 2, base, refLoss(r.config as ZooConfig), r.task);
      if (r.draws) {
        // draw 0 is the record's own remedies; each draw alone gives its stored label
        expect(r.draws.help[0]).toEqual(help);
        expect(r.draws.ids[0]).toBe(0);
        expect(r.draws.labels[0]).toBe(
          labelFromHelp(help, r.seed_rerun.help / 2, base, refLoss(r.config as ZooConfig), r.task).label,
        );
      }
      expect({ id: r.id, ...l }).toEqual({
        id: r.id,
        label: r.label,
        acceptable: r.acceptable,
        borderline: r.borderline,
        margins: r.margins,
        nonFinite: r.non_finite,
        diverged: r.diverged,
      });
    }
  });

  it('gives each run as the TrainingLog an upload of its history would', () => {
    for (const r of zoo.slice(0, 40)) {
      const log = recordToLog(r);
      const val = log.runs[0].series.find((s) => s.key === 'val_loss')!;
      expect(val.y.length).toBe(r.history.val_loss.length);
      r.history.val_loss.forEach((v, i) =>
        v === null ? expect(Number.isFinite(val.y[i])).toBe(false) : expect(val.y[i]).toBeCloseTo(v, 6),
      );
    }
  });
});

describe.each([
  { name: 'the holdout families', file: HOLDOUT_PATH, before: [ZOO_PATH] },
  { name: 'the seed-3 holdout families', file: HOLDOUT_S3_PATH, before: [ZOO_PATH, HOLDOUT_PATH] },
])('$name', ({ file, before }) => {
  it('share no run and no config family with the zoo the diagnoser was fitted and chosen on, or an earlier holdout', () => {
    const zoo = before.flatMap((f) => loadZoo(f));
    const holdout = loadZoo(file);
    const ids = new Set(zoo.map((r) => r.id));
    const families = new Set(zoo.map((r) => r.family));
    expect(holdout.filter((r) => ids.has(r.id) || families.has(r.family))).toEqual([]);
    // a family is one template drawn from (master seed, index): the holdout's pairs are not the zoo's
    const drawn = (r: { master_seed: number; family: string }) => `${r.master_seed}:${r.family.split('/').pop()}`;
    const zooDraws = new Set(zoo.map(drawn));
    expect(holdout.filter((r) => zooDraws.has(drawn(r))).map((r) => r.id)).toEqual([]);
  });
});

describe('the fit can weigh the surest labels up (data.ts BUILT_WEIGHT, fit.ts --built-weight)', () => {
  it('a run built to show its label, not borderline, at the built weight; its train-only copy and every other run as before', () => {
    const train = readZoo().filter((r) => r.split === 'train');
    const built = train.find((r) => builtAsLabelled(r) && r.label === 'overfitting')!;
    const borderline = train.find((r) => r.intended === r.label && r.borderline)!;
    const other = train.find((r) => r.intended !== r.label && !r.borderline)!;
    const ex = zooExamples([built, borderline, other], { trainOnlyCopies: true, trainOnlyWeight: 0.3, builtWeight: 7 });
    const weight = Object.fromEntries(ex.map((e) => [e.id, e.weight]));
    expect(weight).toEqual({
      [built.id]: 7,
      [`${built.id}/train-only`]: 0.3,
      [borderline.id]: 1,
      [`${borderline.id}/train-only`]: 0.3,
      [other.id]: 1,
      [`${other.id}/train-only`]: 0.3,
    });
    // without the option nothing is weighed up
    expect(zooExamples([built]).map((e) => e.weight)).toEqual([1]);
  });

  it("fit.ts's default is the weight the shipped weights were fitted with (absent from their provenance: 1)", () => {
    expect(WEIGHTS).not.toBeNull();
    expect(WEIGHTS?.provenance?.built_weight ?? 1).toBe(BUILT_WEIGHT);
  });
});
