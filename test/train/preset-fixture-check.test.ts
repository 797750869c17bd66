/**
 * The preset bench's check of a fresh training run against its committed guide example
 * (bench/diagnose/preset-bench.ts fixtureCheck): it must tell "the engine changed" from "the run was cut
 * by its wall-time limit on a busy machine". No training here: the fixture's own curve stands in for a run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureCheck } from '../../bench/diagnose/preset-bench.js';
import { presetFixtureFile } from '../../scripts/make-preset-fixtures.js';

const committed = JSON.parse(
  readFileSync(presetFixtureFile('ideal'), 'utf8').replace(/-?Infinity|NaN/g, 'null'),
) as Record<string, (number | null)[]>;
const firstN = (n: number) => Object.fromEntries(Object.entries(committed).map(([k, v]) => [k, v.slice(0, n)]));

describe('the preset bench fixture check', () => {
  it('reads the same curve as the same', () => {
    expect(committed.loss.length).toBeGreaterThan(20);
    expect(fixtureCheck('ideal', committed)).toBe('same');
  });

  it('reports a shorter run as a difference, unless it was cut by its time limit', () => {
    expect(fixtureCheck('ideal', firstN(12))).toBe(`loss: 12 epochs, the fixture has ${committed.loss.length}`);
    expect(fixtureCheck('ideal', firstN(12), true)).toBe('same for the 12 epochs it trained before its time limit');
  });

  it('names the first value that moved, cut or not', () => {
    const moved = firstN(12);
    moved.val_loss = moved.val_loss.map((v, i) => (i === 5 && v !== null ? v * 1.01 : v));
    expect(fixtureCheck('ideal', moved, true)).toMatch(/^val_loss\[5\]: /);
    const longer = { ...committed, loss: [...committed.loss, 0.1] };
    expect(fixtureCheck('ideal', longer, true)).toMatch(/^loss: \d+ epochs, the fixture has/);
  });
});
