/**
 * A CSV with a second header in the middle: CSVLogger(append=True) after the metrics changed, or columns
 * written in another order by the next run. The rows after a header are read by its names.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const ys = (log: ReturnType<typeof ingest>, run: number, key: string) =>
  log.runs[run].series.find((s) => s.key === key)?.y;

describe('tables with another header inside', () => {
  it('columns in another order: each run is read by its own header (they used to be read by the first)', () => {
    const log = read(
      'epoch,loss,val_loss\n0,1.0,1.1\n1,0.8,0.9\n2,0.7,0.8\nepoch,val_loss,loss\n0,0.6,0.7\n1,0.5,0.6\n2,0.45,0.55\n',
    );
    expect(log.runs).toHaveLength(2);
    expect(ys(log, 1, 'loss')).toEqual([0.7, 0.6, 0.55]);
    expect(ys(log, 1, 'val_loss')).toEqual([0.6, 0.5, 0.45]);
  });

  it('an appended run that logs more metrics keeps them (its rows used to be skipped as malformed)', () => {
    const log = read(
      'epoch,loss,val_loss\n0,1.0,1.1\n1,0.8,0.9\n2,0.7,0.8\n' +
        'epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,0.6,0.55,0.7\n1,0.6,0.5,0.62,0.6\n2,0.7,0.45,0.66,0.55\n',
    );
    expect(log.runs).toHaveLength(2);
    expect(log.warnings.map((w) => w.code)).not.toContain('skipped_rows');
    expect(ys(log, 1, 'val_accuracy')).toEqual([0.55, 0.62, 0.66]);
    expect(ys(log, 1, 'loss')).toEqual([0.6, 0.5, 0.45]);
    expect(ys(log, 0, 'loss')).toEqual([1.0, 0.8, 0.7]);
  });

  it('the same header repeated still splits runs, and a line of words that shares no name is not a header', () => {
    const log = read('epoch,loss\n0,1.0\n1,0.8\n2,0.7\nepoch,loss\n0,0.6\n1,0.5\n2,0.45\n');
    expect(log.runs.map((r) => r.series[0].y)).toEqual([
      [1.0, 0.8, 0.7],
      [0.6, 0.5, 0.45],
    ]);
    const noted = read('epoch,loss\n0,1.0\n1,0.8\nearly,stopping\n2,0.7\n3,0.6\n');
    expect(noted.runs).toHaveLength(1);
    expect(noted.runs[0].series[0].y).toEqual([1.0, 0.8, 0.7, 0.6]);
  });
});
