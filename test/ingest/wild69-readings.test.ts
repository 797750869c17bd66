/**
 * A reading bench/wild69's first read showed missing, made general: a table written newest first (MiniTorch's
 * `mnist.txt` as its author saved it: `epoch loss correct`, 13 batch rows an epoch, epoch 25 down to 1) was read as 25
 * runs appended, and the last "run" (epoch 1, the loss still at 11) judged: underfitting, on a clear good fit.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const loss = (e: number, b: number) => (11 * Math.exp(-e / 4) + 0.3 + 0.01 * b).toFixed(4);

describe('a table written newest first', () => {
  it('an epoch counting down block by block is one run, read from its first epoch, each epoch its rows in order', () => {
    const rows = ['epoch\tloss\tcorrect'];
    for (let e = 25; e >= 1; e--) for (let b = 0; b < 4; b++) rows.push(`${e}\t${loss(e, b)}\t${Math.min(16, e)}`);
    const log = readValid(rows.join('\n'));
    expect(log.runs).toHaveLength(1);
    const s = log.runs[0].series.find((x) => x.key === 'loss')!;
    expect(s.y).toHaveLength(100);
    expect(s.y.slice(0, 4)).toEqual([0, 1, 2, 3].map((b) => +loss(1, b)));
    expect(s.x[3]).toBe(1);
    expect(s.x.at(-1)).toBe(25);
    expect(log.warnings.map((w) => w.code)).toContain('reversed_epochs');
    expect(diagnose(log).pattern).toBe('good_fit');
  });

  it('one row an epoch, counting down to 0 (Keras numbering): 1-based, in order', () => {
    const rows = ['epoch,loss,val_loss'];
    for (let e = 9; e >= 0; e--) rows.push(`${e},${loss(e, 0)},${loss(e, 5)}`);
    const log = readValid(rows.join('\n'));
    const s = log.runs[0].series.find((x) => x.key === 'val_loss')!;
    expect(s.x).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.y[0]).toBe(+loss(0, 5));
  });

  it('runs appended (the epoch falls back, then counts up) and two epochs falling stay as they were', () => {
    const up = (n: number) => Array.from({ length: n }, (_, e) => `${e},${loss(e, 0)}`);
    const appended = ingest(['epoch,loss', ...up(6), ...up(6)].join('\n'));
    expect(appended.runs).toHaveLength(2);
    expect(appended.warnings.map((w) => w.code)).not.toContain('reversed_epochs');
    // a fall of more than one epoch at a time is no countdown
    const skipping = ingest(['epoch,loss', '9,0.2', '7,0.3', '5,0.4', '3,0.5', '1,0.6'].join('\n'));
    expect(skipping.warnings.map((w) => w.code)).not.toContain('reversed_epochs');
  });
});
