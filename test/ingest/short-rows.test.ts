/**
 * A table whose header names more columns than its rows fill (bench/wild66): a PPO log that wrote its run's settings
 * once, under names of their own, on its first row, then `episode,timestep,reward` rows. pandas reads such rows
 * padded with missing values; the delimiter sniff had asked every row for the header's count, and the file was
 * refused.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/index.js';
import { shortRowsDelimiter } from '../../src/ingest/formats/table.js';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const series = (log: ReturnType<typeof ingest>, key: string) => log.runs[0].series.find((s) => s.key === key);

describe('rows that fill the first columns of a longer header', () => {
  it("a run's settings on the first row only: the curves under the header, each setting a single value", () => {
    const header = 'episode,timestep,reward,update_timestep,K_epochs,gamma,lr_actor,random_seed,';
    const rows = Array.from({ length: 30 }, (_, i) => `${40 * (i + 1)},${800 * (i + 1)},${(20 + 6 * i).toFixed(2)}`);
    rows[0] += ',1600,100,0.99,0.0015,0,';
    const log = readValid([header, ...rows].join('\n') + '\n');
    expect(series(log, 'reward')!.y).toHaveLength(30);
    expect(series(log, 'reward')!.y[29]).toBeCloseTo(194);
    expect(series(log, 'reward')!.x[0]).toBe(40);
    expect(series(log, 'gamma')!.y).toEqual([0.99]);
    expect(diagnose(log).pattern).not.toBe('not_assessable');
  });

  it('a Keras history with its settings beside the first epoch: loss and val_loss as usual', () => {
    const rows = Array.from({ length: 8 }, (_, i) => `${i},${(1 / (i + 1)).toFixed(3)},${(1.1 / (i + 1)).toFixed(3)}`);
    rows[0] += ',0.001,42';
    const log = readValid(['epoch,loss,val_loss,lr,seed', ...rows].join('\n'));
    expect(series(log, 'loss')!.y).toHaveLength(8);
    expect(series(log, 'val_loss')!.y[7]).toBeCloseTo(0.138);
  });

  it('only when the rows agree among themselves and the first row continues them', () => {
    const body = ['2,0.8,0.6', '3,0.7,0.65', '4,0.6,0.7', '5,0.55,0.72'];
    expect(shortRowsDelimiter(['epoch,loss,acc,lr,seed', '1,0.9,0.5,0.1,7', ...body])).toBe(',');
    // a later run's settings row may fill the header again
    expect(shortRowsDelimiter(['epoch,loss,acc,lr,seed', '1,0.9,0.5,0.1,7', ...body, '1,0.95,0.5,0.2,8'])).toBe(',');
    // rows whose counts differ (two and three cells) hold no one layout
    const ragged = ['2,0.8', '3,0.7,0.65', '4,0.6', '5,0.55,0.72'];
    expect(shortRowsDelimiter(['epoch,loss,acc,lr,seed', '1,0.9,0.5,0.1,7', ...ragged])).toBeUndefined();
    // a header whose later columns no row fills says what the rows do not hold (mean IU, FW IU never written)
    expect(shortRowsDelimiter(['epoch,loss,pixel_acc,mean_iu,fw_iu', '1,0.9,0.5', ...body])).toBeUndefined();
    expect(shortRowsDelimiter(['epoch,loss,pixel_acc,mean_iu,fw_iu', '1,0.9,0.5,,', ...body])).toBeUndefined();
    // a header glued to its first row (numbers past the names) is no header of settings
    expect(shortRowsDelimiter(['epoch,loss,"acc"1,0.9,0.5', '1,0.9,0.5,0.1,7', ...body])).toBeUndefined();
    // a row longer than the header is no prefix of it
    expect(shortRowsDelimiter(['epoch,loss,acc,lr', '1,0.9,0.5,0.1', ...body, '6,0.5,0.7,1,2'])).toBeUndefined();
    // too few rows to tell
    expect(shortRowsDelimiter(['epoch,loss,acc,lr', '1,0.9,0.5,0.1', '2,0.8,0.6'])).toBeUndefined();
    // a quoted setting holding the delimiter is one cell
    expect(shortRowsDelimiter(['epoch,loss,acc,layers', '1,0.9,0.5,"[64, 64]"', ...body])).toBe(',');
  });

  it('a settings line above a headerless table is no header of it: still refused', () => {
    const rows = ['1,0.9,1.0', '2,0.7,0.8', '3,0.6,0.7', '4,0.5,0.65', '5,0.45,0.62', '6,0.42,0.61'];
    const lines = ['lr,batch_size,epochs,dropout', '0.001,32,10,0.5', ...rows];
    expect(shortRowsDelimiter(lines)).toBeUndefined();
    expect(() => ingest(lines.join('\n'))).toThrow(/No training metrics found|no header row/);
  });
});
