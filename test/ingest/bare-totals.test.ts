/**
 * A total loss under the bare word `total` beside its terms (ingest/totals.ts): a VAE's `recon, kl, total` and a VQ
 * model's `total, vq, recon, ...` had no loss to read and were "not assessable" (bench/wild40, bench/wild67).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const N = 20;
const recon = (i: number) => 0.95 + 0.2 * Math.exp(-i);
const kl = (i: number) => 1.1 * Math.exp(-i / 2) + 0.001;
const lists = (cols: Record<string, (i: number) => number>) =>
  JSON.stringify(
    Object.fromEntries(Object.entries(cols).map(([k, f]) => [k, Array.from({ length: N }, (_, i) => f(i))])),
  );
const byKey = (log: ReturnType<typeof ingest>) =>
  Object.fromEntries(log.runs[0].series.map((s) => [s.key, `${s.split}/${s.kind}`]));
const warning = (log: ReturnType<typeof ingest>) => log.warnings.find((w) => w.code === 'bare_total')?.message;

describe('a bare total beside its terms', () => {
  it("a VAE's recon, kl, total: total is the training loss, and the run is judged", () => {
    const log = readValid(lists({ recon, kl, total: (i) => recon(i) + kl(i) }));
    expect(byKey(log)).toMatchObject({ total: 'train/loss', recon: 'none/other', kl: 'none/other' });
    expect(warning(log)).toBe(
      '"total" is read as the loss, the total of "recon", "kl" beside it (no name says "loss").',
    );
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('per split: train_total and val_total beside their own terms', () => {
    const log = readValid(
      lists({
        train_l1: recon,
        train_total: (i) => recon(i) + 0.1,
        val_l1: (i) => recon(i) + 0.02,
        val_total: (i) => recon(i) + 0.13,
      }),
    );
    expect(byKey(log)).toMatchObject({ total: 'train/loss', val_total: 'val/loss' });
    expect(diagnose(log).series).toMatchObject({ train: 'total', val: 'val_total' });
  });

  it('not when the values say otherwise, no term is a loss, or a loss is logged already', () => {
    // a total below one of its "terms" is no sum of them (a count of samples beside a reconstruction error)
    const below = readValid(lists({ recon: (i) => 5 + recon(i), kl, total: (i) => 1 + kl(i) }));
    expect(byKey(below).total).toBe('none/other');
    // beside names that are no loss's terms (a token count), `total` stays unread
    expect(() => ingest(lists({ tokens: (i) => 100 * i, total: (i) => 200 * i }))).toThrow(/holds no numeric metric/);
    // a time, a count or a reward logged as `total` beside an error or a KL does not move with them
    const seconds = readValid(
      lists({
        mae: (i) => 0.5 * Math.exp(-i / 5),
        val_mae: (i) => 0.55 * Math.exp(-i / 5),
        total: (i) => 12.3 * (i + 1),
      }),
    );
    expect(byKey(seconds).total).toBe('none/other');
    expect(diagnose(seconds).series.train).toBe('mae');
    const words = readValid(lists({ wer: (i) => 0.6 - i / 50, total: () => 25000 }));
    expect(byKey(words).total).not.toBe('train/loss');
    expect(diagnose(words).series.train).toBe('wer');
    const reward = readValid(
      lists({
        total: (i) => 20 + 190 * (1 - Math.exp(-i / 5)) + 3 * Math.sin(i),
        kl: (i) => 0.01 + 0.002 * Math.sin(3 * i),
      }),
    );
    expect(byKey(reward).total).toBe('none/other');
    // a total printed with fewer digits than its terms still bounds them
    const printed = readValid(
      lists({ recon, kl: () => 0.000004, total: (i) => Number((recon(i) + 0.000004).toFixed(4)) }),
    );
    expect(byKey(printed).total).toBe('train/loss');
    // a run that logs its loss keeps it
    const logged = readValid(lists({ loss: (i) => recon(i) + kl(i), recon, kl, total: (i) => recon(i) + kl(i) }));
    expect(byKey(logged).total).toBe('none/other');
    expect(warning(logged)).toBeUndefined();
  });
});
