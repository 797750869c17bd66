/**
 * A loss that stops being written while the metrics beside it go on (formats/blank-nan.ts): pandas writes NaN as
 * an empty cell, so a history whose loss turned NaN reads as one that ended early. Those cells are NaN; blanks that
 * are a layout (alternating train and validation rows, a loss logged every other epoch, a term dropped after a
 * warm-up, `NA` written for a key not logged) stay missing.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';

const n = 30;
const loss = (i: number) => (50 / (i + 1) + 10).toFixed(4);
const acc = (i: number) => (0.2 + i / 200).toFixed(4);
/** A history saved by pandas: `epoch,train_acc,train_loss,test_acc,test_loss`, the losses `blank` from `from` on. */
function history(from: number, blank = ''): string {
  const rows = Array.from({ length: n }, (_, i) =>
    [i + 1, acc(i), i < from ? loss(i) : blank, acc(i), i < from ? loss(i) : blank].join(','),
  );
  return ['epoch,train_acc,train_loss,test_acc,test_loss', ...rows].join('\n');
}
const ys = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key)?.y ?? [];
const codes = (log: ReturnType<typeof ingest>) => log.warnings.map((w) => w.code);

describe('a loss left empty while its metrics go on', () => {
  it('is NaN from its first empty row to the end, with a warning that says where, and the run is unstable', () => {
    const log = ingest(history(14));
    expect(ys(log, 'loss')).toHaveLength(n);
    expect(ys(log, 'loss').slice(14).every(Number.isNaN)).toBe(true);
    expect(ys(log, 'val_loss').slice(0, 14).every(Number.isFinite)).toBe(true);
    expect(log.warnings.find((w) => w.code === 'blank_as_nan')?.message).toBe(
      'train_loss (from epoch 15), test_loss (from epoch 15): empty on every row to the end while the metrics logged with them go on; read as NaN (pandas writes NaN as an empty cell).',
    );
    const d = diagnose(log);
    expect(d.findings).toContain('nan_inf');
    expect(d.pattern).toBe('unstable');
    // a 0-based epoch column is quoted as the file numbers it
    const from0 = ingest(history(14).replace(/^(\d+),/gm, (_, e) => `${Number(e) - 1},`));
    expect(from0.warnings.find((w) => w.code === 'blank_as_nan')?.message).toMatch(/^train_loss \(from epoch 14\)/);
  });

  it('one empty last row is a run cut short, and NA written for a key not logged is no NaN', () => {
    const short = readValid(history(n - 1));
    expect(ys(short, 'loss')).toHaveLength(n - 1);
    expect(codes(short)).not.toContain('blank_as_nan');
    const na = ingest(history(14, 'NA'));
    expect(ys(na, 'loss')).toHaveLength(14);
    expect(codes(na)).not.toContain('blank_as_nan');
    // an accuracy marked NA on a row the loss has is not logged on the same rows: no NaN either
    const marked = ingest(
      history(14)
        .replace(/^(3,)[\d.]+,/m, '$1NA,')
        .replace(/^(3,NA,[\d.]+,)[\d.]+,/m, '$1NA,'),
    );
    expect(ys(marked, 'loss')).toHaveLength(14);
    expect(codes(marked)).not.toContain('blank_as_nan');
  });

  it('alternating train and validation rows, a loss logged every other epoch, a metric that skips rows stay as they are', () => {
    const rows = ['epoch,train_loss,train_acc,val_loss,val_acc'];
    for (let i = 0; i < n; i++) {
      rows.push(`${i + 1},${loss(i)},${acc(i)},,`);
      rows.push(`${i + 1},,,${loss(i)},${acc(i)}`);
    }
    // the last epoch's training row never came (the run was stopped during validation)
    const alternating = readValid(
      rows
        .slice(0, -2)
        .concat(rows.at(-1) as string)
        .join('\n'),
    );
    expect(alternating.format).toMatch(/^(?:keras-)?csv$/);
    for (const s of alternating.runs[0].series) expect(s.y.every(Number.isFinite), s.key).toBe(true);
    const sparse = ['epoch,loss,accuracy'];
    for (let i = 0; i < n; i++) sparse.push(`${i + 1},${i % 2 === 0 && i < 20 ? loss(i) : ''},${acc(i)}`);
    expect(ys(readValid(sparse.join('\n')), 'loss').every(Number.isFinite)).toBe(true);
    // the accuracy goes on only at epochs 25 and 30 while the time column has every row: no NaN from epoch 25
    const skips = ['epoch,loss,accuracy,time'];
    for (let i = 0; i < n; i++)
      skips.push(`${i + 1},${i < 20 ? loss(i) : ''},${i < 20 || i === 24 || i === 29 ? acc(i) : ''},${i}`);
    expect(codes(readValid(skips.join('\n')))).not.toContain('blank_as_nan');
  });

  it("summary rows under the table, short rows, a written nan, another split's metric or other rows are no NaN", () => {
    // `best` and `test` rows under a healthy table carry no epoch: they are no epochs of the run
    const summary = readValid(`${history(n)}\nbest,0.345,,0.345,\ntest,0.340,,0.330,`);
    expect(codes(summary)).not.toContain('blank_as_nan');
    expect(ys(summary, 'loss').every(Number.isFinite)).toBe(true);
    // rows written shorter (no delimiter for the loss): no pandas row
    const short = [
      'epoch,acc,loss',
      ...Array.from({ length: n }, (_, i) => `${i + 1},${acc(i)}${i < 15 ? `,${loss(i)}` : ''}`),
    ];
    expect(codes(ingest(short.join('\n')))).not.toContain('blank_as_nan');
    // this writer spells NaN out: its empty cells are something else
    const spelled = history(14).replace(/^(5,[\d.]+,)[\d.]+,/m, '$1nan,');
    expect(codes(ingest(spelled))).not.toContain('blank_as_nan');
    // only the validation accuracy goes on: no metric of the loss's split does
    const otherSplit = [
      'epoch,loss,val_acc',
      ...Array.from({ length: n }, (_, i) => `${i + 1},${i < 15 ? loss(i) : ''},${acc(i)}`),
    ];
    expect(codes(readValid(otherSplit.join('\n')))).not.toContain('blank_as_nan');
    // as many accuracy rows as loss rows before the gap, but not the same ones (the loss skips epoch 14, the
    // accuracy epoch 15)
    const shifted = ['epoch,loss,acc'];
    for (let i = 0; i < n; i++) shifted.push(`${i + 1},${i < 13 || i === 14 ? loss(i) : ''},${i === 14 ? '' : acc(i)}`);
    expect(codes(readValid(shifted.join('\n')))).not.toContain('blank_as_nan');
  });

  it('a term dropped after a warm-up, or a loss renamed on resume, leaves another loss of its split going: no NaN', () => {
    const kd = ['epoch,loss,kd_loss,acc,val_loss,val_acc'];
    for (let i = 0; i < n; i++) kd.push(`${i + 1},${loss(i)},${i < 10 ? loss(i) : ''},${acc(i)},${loss(i)},${acc(i)}`);
    const log = readValid(kd.join('\n'));
    expect(ys(log, 'kd_loss')).toHaveLength(10);
    expect(codes(log)).not.toContain('blank_as_nan');
    const renamed = ['epoch,loss,train_loss,acc'];
    for (let i = 0; i < n; i++) renamed.push(`${i + 1},${i < 15 ? loss(i) : ''},${i < 15 ? '' : loss(i)},${acc(i)}`);
    expect(codes(ingest(renamed.join('\n')))).not.toContain('blank_as_nan');
  });
});
