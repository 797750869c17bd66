/**
 * A table whose every row holds one cell more than its header, the same cell empty in each (formats/stray-cell.ts;
 * bench/wild49: Flair's older loss.tsv, whose every row was skipped as malformed and the file refused).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const HEADER = ['EPOCH', 'TIMESTAMP', 'LEARNING_RATE', 'TRAIN_LOSS', 'TRAIN_F-SCORE', 'DEV_LOSS', 'DEV_F-SCORE'];
const train = (e: number) => 10 / (e + 1);
const dev = (e: number) => 8 / (e + 1) + 0.5;

/** Flair's rows: the train loss, then an empty field the header does not have, then the rest */
const flair = (n: number, row = (e: number) => [e, '17:54:34', '0.1000', train(e), '', '_', dev(e), 0.5]) =>
  [HEADER.join('\t'), ...Array.from({ length: n }, (_, e) => row(e).join('\t'))].join('\n');

const keys = (log: ReturnType<typeof ingest>) => log.runs[0].series.map((s) => s.key);
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y;

describe('one stray empty cell in every row', () => {
  it('is dropped: every value is read under its own column, and the note says so', () => {
    const log = ingest(flair(12), { fileName: 'loss.tsv' });
    expect(checkLog(log)).toEqual([]);
    expect(keys(log)).toEqual(['lr', 'loss', 'val_loss', 'val_f_score']);
    expect(ys(log, 'loss')).toEqual(Array.from({ length: 12 }, (_, e) => train(e)));
    expect(ys(log, 'val_loss')).toEqual(Array.from({ length: 12 }, (_, e) => dev(e)));
    expect(ys(log, 'val_f_score')).toEqual(Array(12).fill(0.5));
    expect(log.warnings.find((w) => w.code === 'stray_cell')?.message).toBe(
      "Every row held one cell more than the header, the same one empty in each (after TRAIN_LOSS): 12 row(s) read with that cell dropped, each value under its column's name.",
    );
    expect(log.warnings.map((w) => w.code)).not.toContain('skipped_rows');
    expect(diagnose(log).pattern).toBe('good_fit');
    // a value missing from some rows (not all) is a blank of its column, not the stray
    const gaps = (e: number) => [e, '17:54:34', '0.1000', train(e), '', '_', dev(e), e % 3 ? 0.5 : ''];
    expect(ys(ingest(flair(12, gaps), { fileName: 'loss.tsv' }), 'val_loss')).toHaveLength(12);
  });

  it('a last row cut short (a run stopped mid-write) or of the header’s width is read where its cells sit', () => {
    const cut = flair(6) + `\n6\t17:54:34\t0.1000\t${train(6)}\t\t_\t${dev(6)}`;
    expect(ys(ingest(cut, { fileName: 'loss.tsv' }), 'val_loss')).toEqual(Array.from({ length: 7 }, (_, e) => dev(e)));
    const usual = flair(6) + `\n6\t17:54:34\t0.1000\t${train(6)}\t_\t${dev(6)}\t0.5`;
    expect(ys(ingest(usual, { fileName: 'loss.tsv' }), 'val_loss')).toEqual(
      Array.from({ length: 7 }, (_, e) => dev(e)),
    );
  });

  it('two empty cells side by side: either dropped aligns the rest alike', () => {
    const row = (e: number) => [e, '17:54:34', '0.1000', train(e), '', '', dev(e), 0.5];
    const log = ingest(flair(8, row), { fileName: 'loss.tsv' });
    expect(ys(log, 'loss')).toEqual(Array.from({ length: 8 }, (_, e) => train(e)));
    expect(ys(log, 'val_loss')).toEqual(Array.from({ length: 8 }, (_, e) => dev(e)));
  });

  it('no guess where the empty cells are apart, where rows differ in length, or with too few rows', () => {
    // empty at two places apart: which one is the stray decides where the cells between them belong
    const apart = (e: number) => [e, '17:54:34', '0.1000', '', train(e), '', dev(e), 0.5];
    expect(() => ingest(flair(8, apart), { fileName: 'loss.tsv' })).toThrow(/no numeric metric values/);
    // a row of the usual width before the long ones: the writer's rows differ, the long ones stay malformed
    const mixed = `0\t17:54:34\t0.1000\t${train(0)}\t_\t${dev(0)}\t0.5\n` + flair(8).split('\n').slice(1).join('\n');
    const log = ingest(`${HEADER.join('\t')}\n${mixed}`, { fileName: 'loss.tsv' });
    expect(ys(log, 'val_loss')).toEqual([dev(0)]);
    expect(log.warnings.map((w) => w.code)).toContain('skipped_rows');
    // rows numbered 0, 1, 2 under a first name that counts nothing: a header without its index's name (pandas'
    // index_label=False) beside a column never logged, no stray; refused as before
    const indexed = ['loss,lr,val_loss', ...[0, 1, 2, 3, 4].map((i) => `${i},${train(i)},,${dev(i)}`)].join('\n');
    expect(() => ingest(indexed, { fileName: 'history.csv' })).toThrow(/no numeric metric values/);
    // ... but a first column of values that starts at 1 and does not count on is the metric it names
    const firstLoss = ['loss,val_loss,lr', ...[0, 1, 2, 3, 4].map((i) => `${1 / (i + 1)},,${dev(i)},0.1`)].join('\n');
    expect(ys(ingest(firstLoss, { fileName: 'history.csv' }), 'val_loss')).toHaveLength(5);
    // two rows say too little about the writer
    expect(() => ingest(flair(2), { fileName: 'loss.tsv' })).toThrow(/no numeric metric values/);
  });

  it('an extra cell that holds a value is no stray: the rows stay skipped', () => {
    const row = (e: number) => [e, '17:54:34', '0.1000', train(e), '_', dev(e), 0.5, 0.7];
    expect(() => ingest(flair(8, row), { fileName: 'loss.tsv' })).toThrow(/no numeric metric values/);
  });
});
