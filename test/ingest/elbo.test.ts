/**
 * A VAE's `elbo` (bench/wild20's history_vae.json logs elbo / recon / kl / test_elbo and no loss): the negated bound
 * it minimises when positive, the bound itself (higher is better) when negative throughout; the total of its
 * reconstruction and KL terms, never summed with them.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const fall = (a: number, b: number, n = 20) => Array.from({ length: n }, (_, i) => b + (a - b) * Math.exp(-i / 3));

const read = (obj: object) => {
  const log = ingest(JSON.stringify(obj), { fileName: 'history_vae.json' });
  expect(checkLog(log)).toEqual([]);
  return log.runs[0].series;
};

describe('a VAE logged by its evidence lower bound', () => {
  it('reads a positive elbo and test_elbo as the train and held-out loss', () => {
    const s = read({ elbo: fall(290, 120), recon: fall(280, 105), kl: fall(10, 15), test_elbo: fall(262, 125) });
    expect(s.find((x) => x.name === 'elbo')).toMatchObject({ kind: 'loss', split: 'train' });
    expect(s.find((x) => x.name === 'test_elbo')).toMatchObject({ kind: 'loss', split: 'val' });
    const log = ingest(JSON.stringify({ elbo: fall(290, 120), test_elbo: fall(262, 125) }), {
      fileName: 'history_vae.json',
    });
    const d = diagnose(log);
    expect(d.series).toMatchObject({ train: 'elbo', val: 'val_elbo' });
    expect(d.pattern).not.toBe('not_assessable');
  });

  it('reads an elbo negative throughout as the bound, which rises as the model learns, and says so', () => {
    const rise = fall(290, 120).map((v) => -v);
    const log = ingest(JSON.stringify({ elbo: rise, val_elbo: fall(262, 125).map((v) => -v) }), {
      fileName: 'log.json',
    });
    expect(log.runs[0].series.map((x) => x.kind)).toEqual(['score', 'score']);
    expect(log.warnings.find((w) => w.code === 'elbo_as_bound')!.message).toContain(
      '"elbo", "val_elbo" are negative and rising',
    );
    // a rising bound is learning, not diverging
    const d = diagnose(log);
    expect(d.findings).not.toContain('diverging');
  });

  it('leaves an elbo whose sign and direction disagree unjudged, rather than reading it backwards', () => {
    // a positive bound rising (continuous data), or the negated bound falling below 0: which it is cannot be told
    const rising = fall(290, 120).map((v) => 420 - v);
    for (const elbo of [rising, rising.map((v) => -v)]) {
      const log = ingest(JSON.stringify({ elbo, loss: fall(2, 0.5) }), { fileName: 'log.json' });
      expect(log.runs[0].series.find((x) => x.name === 'elbo')!.kind).toBe('other');
      expect(log.warnings.find((w) => w.code === 'elbo_unclear')!.message).toContain('"elbo" is not judged');
      expect(diagnose(log).series.train).toBe('loss');
    }
  });

  it('reads the negated bound by its names as a loss whatever its sign, and the ELBO as the total of its terms', () => {
    const s = read({ neg_elbo: fall(290, 120), nelbo_val: fall(262, 125) });
    expect(s.map((x) => [x.kind, x.split])).toEqual([
      ['loss', 'train'],
      ['loss', 'val'],
    ]);
    // recon_loss + kl_loss + elbo (a beta-weighted KL: the ELBO is not their plain sum): the loss is the ELBO
    const [r, k, e] = [fall(280, 105), fall(10, 15), fall(300, 130)];
    const csv = ['epoch,recon_loss,kl_loss,elbo', ...r.map((v, i) => `${i + 1},${v},${k[i]},${e[i]}`)].join('\n');
    const log = ingest(csv, { fileName: 'log.csv' });
    const total = log.runs[0].series.find((x) => x.key === 'loss')!;
    expect(total.derived).toBe(true);
    expect(total.y).toEqual(e);
  });
});
