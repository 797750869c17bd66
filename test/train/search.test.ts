/**
 * The TPE search (src/train/search): the sampler against random search on known functions (seeded,
 * averaged over seeds), reproducibility, the space's validation and clamping, the median-stopping
 * thresholds, pruning against real training runs on the guide's space, and the hyperopt export.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, preset, type TrainConfig } from '../../src/train/index.js';
import { train } from '../../src/train/trainer.js';
import { suggest, nGood, type Observation } from '../../src/train/search/tpe.js';
import {
  applyParams,
  clampSpace,
  GUIDE_SPACE,
  parseSpace,
  sampleSpace,
  type Params,
  type SearchSpace,
} from '../../src/train/search/space.js';
import { pruneThresholds, shouldPrune } from '../../src/train/search/prune.js';
import { runArm } from '../../src/train/search/run.js';
import { exportHyperopt } from '../../src/train/search/hyperopt.js';
import { rng } from '../../src/util/random.js';

type Fn = (p: Params) => number;

/** Mean best value after n evaluations, TPE vs random search, over `seeds` seeds. */
function race(space: SearchSpace, f: Fn, n: number, seeds: number): { tpe: number; random: number; wins: number } {
  let tpe = 0;
  let random = 0;
  let wins = 0;
  for (let s = 0; s < seeds; s++) {
    const r = rng(s);
    const hist: Observation[] = [];
    let bt = Infinity;
    for (let i = 0; i < n; i++) {
      const p = suggest(space, hist, r, { startup: 8 });
      const loss = f(p);
      hist.push({ params: p, loss });
      bt = Math.min(bt, loss);
    }
    const r2 = rng(s + 1000);
    let br = Infinity;
    for (let i = 0; i < n; i++) br = Math.min(br, f(sampleSpace(space, r2)));
    tpe += bt / seeds;
    random += br / seeds;
    if (bt < br) wins++;
  }
  return { tpe, random, wins };
}

const n = (p: Params, k: keyof Params) => Number(p[k]);

describe('the TPE sampler', () => {
  it('finds a 2-D bowl minimum faster than random search (10 seeds, 30 evaluations)', () => {
    const space: SearchSpace = {
      dropout: { type: 'uniform', low: -5, high: 5 },
      l2: { type: 'uniform', low: -5, high: 5 },
    };
    const r = race(space, (p) => (n(p, 'dropout') - 1) ** 2 + (n(p, 'l2') + 2) ** 2, 30, 10);
    expect(r.tpe).toBeLessThan(r.random * 0.7);
    expect(r.wins).toBeGreaterThanOrEqual(6);
  });

  it('beats random search on Branin', () => {
    const space: SearchSpace = {
      dropout: { type: 'uniform', low: -5, high: 10 },
      l2: { type: 'uniform', low: 0, high: 15 },
    };
    const branin: Fn = (p) => {
      const x = n(p, 'dropout');
      const y = n(p, 'l2');
      const b = 5.1 / (4 * Math.PI ** 2);
      return (y - b * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    };
    const r = race(space, branin, 30, 10);
    expect(r.tpe).toBeLessThan(r.random);
  });

  it('beats random search on mixed dimensions (quniform, loguniform, uniform, choice)', () => {
    const space: SearchSpace = {
      units: { type: 'quniform', low: 0, high: 100, q: 5 },
      lr: { type: 'loguniform', low: -9, high: 0 },
      dropout: { type: 'uniform', low: -5, high: 5 },
      optimizer: { type: 'choice', options: ['adam', 'rmsprop', 'sgd'] },
    };
    const f: Fn = (p) =>
      ((n(p, 'units') - 35) / 20) ** 2 +
      (Math.log(n(p, 'lr')) + 5) ** 2 / 4 +
      (n(p, 'dropout') - 1.3) ** 2 +
      (p.optimizer === 'rmsprop' ? 0 : 1);
    const r = race(space, f, 40, 10);
    expect(r.tpe).toBeLessThan(r.random * 0.8);
  });

  it('keeps every suggestion inside the space, on the q grid, and is reproducible by seed', () => {
    const run = (seed: number) => {
      const r = rng(seed);
      const hist: Observation[] = [];
      for (let i = 0; i < 20; i++) {
        const p = suggest(GUIDE_SPACE, hist, r, { startup: 5 });
        hist.push({
          params: p,
          loss: (n(p, 'units') - 96) ** 2 + n(p, 'dropout') + Math.abs(Math.log(n(p, 'lr')) + 4),
        });
      }
      return hist.map((h) => h.params);
    };
    const a = run(3);
    expect(run(3)).toEqual(a);
    expect(run(4)).not.toEqual(a);
    for (const p of a) {
      expect(n(p, 'units') % 32).toBe(0);
      expect(n(p, 'units')).toBeGreaterThanOrEqual(32);
      expect(n(p, 'units')).toBeLessThanOrEqual(256);
      expect(n(p, 'lr')).toBeGreaterThanOrEqual(Math.exp(-5) - 1e-12);
      expect(n(p, 'lr')).toBeLessThanOrEqual(Math.exp(-2) + 1e-12);
      expect(n(p, 'dropout')).toBeGreaterThanOrEqual(0);
      expect(n(p, 'dropout')).toBeLessThanOrEqual(0.5);
    }
  });

  it('splits good from bad like Optuna (min(ceil(0.1 n), 25)) and ranks pruned trials last', () => {
    expect([nGood(5), nGood(10), nGood(11), nGood(30), nGood(1000)]).toEqual([1, 1, 2, 3, 25]);
    // with the only good trial pruned, a finished worse trial is the one TPE moves towards
    const hist: Observation[] = Array.from({ length: 12 }, (_, i) => ({
      params: { dropout: i === 0 ? 0.05 : i === 1 ? 0.45 : 0.25 },
      loss: i === 0 ? 0.01 : i === 1 ? 0.5 : 1,
      pruned: i === 0,
    }));
    const picks = Array.from({ length: 10 }, (_, s) =>
      n(suggest({ dropout: { type: 'uniform', low: 0, high: 0.5 } }, hist, rng(s), { startup: 5 }), 'dropout'),
    );
    expect(picks.filter((d) => d > 0.35).length).toBeGreaterThan(picks.filter((d) => d < 0.15).length);
  });
});

describe('the search space', () => {
  it('rejects bad spaces with the dimension and the problem', () => {
    expect(() => parseSpace({})).toThrow(/at least one dimension/);
    expect(() => parseSpace({ units: { type: 'quniform', low: 256, high: 32, q: 32 } })).toThrow(
      /units: high must be above low/,
    );
    expect(() => parseSpace({ colour: { type: 'uniform', low: 0, high: 1 } })).toThrow(/invalid search space/);
    expect(() => parseSpace({ units: { type: 'gaussian', low: 0, high: 1 } })).toThrow(/invalid search space: units/);
    expect(() => parseSpace({ optimizer: { type: 'choice', options: ['adamw'] } })).toThrow(
      /"adamw" is not one of adam, rmsprop, sgd/,
    );
    expect(() => parseSpace({ units: { type: 'uniform', low: 0, high: 9999 } })).toThrow(
      /units must stay within 1\.\.512/,
    );
    expect(() => parseSpace({ lr: { type: 'uniform', low: 0, high: 0.1 } })).toThrow(/lr must stay above 0/);
    expect(parseSpace(GUIDE_SPACE)).toEqual(GUIDE_SPACE);
  });

  it('clamps units to the parameter cap with a note instead of refusing', () => {
    const base = preset('ideal');
    expect(clampSpace(GUIDE_SPACE, base).notes).toEqual([]);
    const wide = clampSpace(
      { units: { type: 'quniform', low: 32, high: 512, q: 32 }, layers: { type: 'choice', options: [1, 2] } },
      base,
    );
    const hi = (wide.space.units as { high: number }).high;
    expect(hi).toBeLessThan(512);
    expect(wide.notes[0]).toMatch(/units capped at \d+ \(was 512\).*500,000-parameter cap/);
    expect(() =>
      clampSpace({ units: { type: 'choice', options: [512] }, layers: { type: 'choice', options: [4] } }, base),
    ).toThrow(/every units choice is over the parameter cap/);
  });

  it('applies a point to the config the way random search does', () => {
    const c = applyParams(preset('ideal'), { units: 96, layers: 2, lr: 0.0123456, dropout: 0.25, optimizer: 'sgd' });
    expect(c.model.lstm.map((l) => [l.units, l.dropout])).toEqual([
      [96, 0.25],
      [48, 0.25],
    ]);
    expect(c.optimizer).toMatchObject({ name: 'sgd', lr: 0.01235, momentum: 0.9 });
  });
});

describe('median stopping', () => {
  it('has no threshold before the start-up trials or within the warm-up, then the median at each epoch', () => {
    const curves = [
      [5, 4, 3, 2],
      [6, 5, 4, 3],
      [7, 6, 5, 4],
      [8, 7, 6, 5],
    ];
    expect(pruneThresholds(curves, 4, { startupTrials: 5 })).toEqual([null, null, null, null]);
    expect(pruneThresholds(curves, 4, { startupTrials: 2, warmupEpochs: 2 })).toEqual([null, null, 4.5, 3.5]);
    const t = pruneThresholds(curves, 4, { startupTrials: 2, warmupEpochs: 0 });
    expect(shouldPrune(t, 3, 4.4)).toBe(false);
    expect(shouldPrune(t, 3, 4.6)).toBe(true);
    expect(shouldPrune(t, 5, 99)).toBe(false); // past the finished trials' curves
  });
});

/** The guide's space on a small, quick base: the ideal preset's 100 windows, 12 epochs. */
function quickBase(): TrainConfig {
  return parseConfig({ ...preset('ideal'), fit: { ...preset('ideal').fit, epochs: 12 } });
}
const inline = (c: TrainConfig, pruneAbove?: (number | null)[]) => train(c, { pruneAbove });

describe('pruning on real runs (the guide space, seeded)', () => {
  it('never stops the eventual best trial, and saves epochs', async () => {
    const base = quickBase();
    const o = { trials: 9, startup: 3, seed: 5, sampler: 'random' as const };
    // random search samples the same configs with or without pruning: the runs are comparable one to one
    const full = (await runArm(base, GUIDE_SPACE, { ...o, prune: false }, inline)).arm;
    const pruned = (await runArm(base, GUIDE_SPACE, { ...o, prune: true }, inline)).arm;
    expect(pruned.trials.map((t) => t.params)).toEqual(full.trials.map((t) => t.params));
    const bestIdx = full.trials.reduce((b, t, i) => (t.best_val_loss < full.trials[b].best_val_loss ? i : b), 0);
    expect(pruned.trials[bestIdx].pruned).toBe(false);
    expect(pruned.trials[bestIdx].best_val_loss).toBe(full.trials[bestIdx].best_val_loss);
    expect(Math.min(...pruned.trials.map((t) => t.best_val_loss))).toBe(full.trials[bestIdx].best_val_loss);
    expect(pruned.pruned).toBeGreaterThan(0);
    expect(pruned.epochs_saved).toBe(pruned.trials.reduce((a, t) => a + (t.pruned ? 12 - t.epochs_run : 0), 0));
    expect(pruned.epochs_run + pruned.epochs_saved).toBe(full.epochs_run);
  }, 240_000);

  it('in a TPE search, replaying the median rule over the unpruned curves never stops the best trial', async () => {
    const { arm, histories } = await runArm(
      quickBase(),
      GUIDE_SPACE,
      { trials: 9, startup: 3, seed: 2, sampler: 'tpe', prune: false },
      inline,
    );
    const best = arm.trials.reduce((b, t) => (t.best_val_loss < b.best_val_loss ? t : b));
    const before = arm.trials.filter((t) => t.trial < best.trial).map((t) => histories.get(t.trial)!.val_loss);
    const th = pruneThresholds(before, 12);
    const curve = histories.get(best.trial)!.val_loss;
    let bestSoFar = Infinity;
    curve.forEach((v, k) => {
      bestSoFar = Math.min(bestSoFar, v);
      expect(shouldPrune(th, k + 1, bestSoFar)).toBe(false);
    });
  }, 240_000);
});

/** The script parses with python3 (ast.parse): no stderr, status 0. */
function expectPythonParses(src: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'ct-hyperopt-')), 'search.py');
  writeFileSync(file, src);
  const r = spawnSync('/usr/bin/python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', file], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('the hyperopt export', () => {
  it('is the same space with fmin / Trials / STATUS_OK, and parses with python3', () => {
    const space: SearchSpace = { ...GUIDE_SPACE, optimizer: { type: 'choice', options: ['adam', 'rmsprop'] } };
    const src = exportHyperopt(preset('temperature'), space, 16);
    expect(src).toMatch(/from hyperopt import fmin, tpe, hp, Trials, STATUS_OK/);
    expect(src).toMatch(/"units": hp\.quniform\("units", 32, 256, 32\)/);
    expect(src).toMatch(/"lr": hp\.loguniform\("lr", -5, -2\)/);
    expect(src).toMatch(/"dropout": hp\.uniform\("dropout", 0, 0\.5\)/);
    expect(src).toMatch(/"optimizer": hp\.choice\("optimizer", \["adam", "rmsprop"\]\)/);
    expect(src).toMatch(/fmin\(objective, SPACE, algo=tpe\.suggest, max_evals=MAX_EVALS, trials=trials/);
    expect(src).toMatch(/MAX_EVALS = 16/);
    expect(src).toMatch(/return \{"loss": min\(val\), "status": STATUS_OK/);
    expectPythonParses(src);
  });

  it('searches a classifier as one: sigmoid output, binary cross-entropy, the labels made the same way', () => {
    const base = parseConfig({ task: 'classification', data: { dataset: 'waveforms', label_noise: 0.1 } });
    const src = exportHyperopt(base, GUIDE_SPACE, 8);
    expect(src).toMatch(/^TASK = "classification"/m);
    expect(src).toMatch(/model\.add\(Dense\(1, activation="sigmoid"\) if CLASSIFY else Dense\(1\)\)/);
    expect(src).toMatch(/loss="binary_crossentropy", metrics=\["accuracy"\]/);
    expect(src).toMatch(/cls = 0 if r\(\) < 0\.5 else 1/);
    expectPythonParses(src);
  });
});
