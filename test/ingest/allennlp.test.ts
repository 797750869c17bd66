/**
 * AllenNLP's trainer log: a "Training |  Validation" table after each epoch, a line per metric, behind the logger's
 * prefix; the trainer's "Epoch N/M" line (from 0) numbers it.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';
import { warningCodes } from './helpers/warning-codes.js';

const read = (text: string) => readValid(text);
const series = (log: ReturnType<typeof ingest>, run: number, key: string) =>
  log.runs[run].series.find((s) => s.key === key);

const at = (mod: string) => `2019-04-19 22:31:04,520 - INFO - allennlp.training.${mod} - `;
const fmt = (v: number | undefined) => (v === undefined ? 'N/A'.padStart(8) : v.toFixed(3).padStart(8));
/** One epoch as AllenNLP 0.9 prints it: the trainer's lines, then the writer's table. */
function epoch(e: number, of: number, loss: [number, number], acc: [number, number]): string[] {
  return [
    `${at('trainer')}Epoch ${e}/${of}`,
    `${at('trainer')}Peak CPU memory usage MB: 2578.38`,
    `${at('trainer')}Training`,
    `${at('trainer')}Validating`,
    `${at('tensorboard_writer')}                    Training |  Validation`,
    `${at('tensorboard_writer')}loss            |  ${fmt(loss[0])}  |  ${fmt(loss[1])}`,
    `${at('tensorboard_writer')}cpu_memory_MB   |  2644.376  |  ${fmt(undefined)}`,
    `${at('tensorboard_writer')}accuracy        |  ${fmt(acc[0])}  |  ${fmt(acc[1])}`,
    `${at('tensorboard_writer')}gpu_0_memory_MB |  2524.000  |  ${fmt(undefined)}`,
    `${at('trainer')}Epoch duration: 00:00:42`,
  ];
}
const train = [1.334, 1.141, 0.97, 0.725, 0.455, 0.26];
const val = [1.228, 1.226, 1.299, 1.345, 1.499, 1.653];
const acc = (l: number) => +(1 - l / 2).toFixed(3);

describe("AllenNLP's epoch tables", () => {
  it('a point per table: the Training column is the training split, Validation val_, memory rows left out', () => {
    const lines = [
      `${at('common.params')}trainer.num_epochs = 20`,
      ...train.flatMap((t, e) => epoch(e, 19, [t, val[e]], [acc(t), acc(val[e])])),
      `${at('trainer')}Epoch 6/19`,
      `${at('trainer')}Ran out of patience.  Stopping training.`,
    ];
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 0, 'loss')!.y).toEqual(train);
    expect(series(log, 0, 'val_loss')!.y).toEqual(val);
    expect(series(log, 0, 'val_accuracy')!.y).toEqual(val.map(acc));
    expect(log.runs[0].series.map((s) => s.key).join(' ')).not.toMatch(/memory/);
    // the trainer counts from 0: the log's "Epoch 1" is the second point
    expect(log.runs[0].epochNumbering).toBe('from0');
    expect(log.warnings.map((w) => w.code)).toContain('allennlp_tables');
    const d = diagnose(log);
    expect(d.pattern).toBe('overfitting');
  });

  it('a relaunch (the epoch goes back) is a run of its own; one table alone is not this reader', () => {
    const first = train.slice(0, 3).flatMap((t, e) => epoch(e, 19, [t, val[e]], [acc(t), acc(val[e])]));
    const second = train.flatMap((t, e) => epoch(e, 19, [t * 0.9, val[e] * 0.9], [acc(t), acc(val[e])]));
    const log = read([...first, ...second].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(series(log, 1, 'loss')!.y).toEqual(train.map((t) => +(t * 0.9).toFixed(3)));
    // a single table is one epoch: no curve of this reader's (the printed-log reader may still read the lines)
    expect(warningCodes(epoch(0, 19, [1.3, 1.2], [0.4, 0.45]).join('\n'))).not.toContain('allennlp_tables');
  });

  it('a logger prefix with bars of its own, a row whose name does not read, tables without epoch lines', () => {
    const barred = train
      .flatMap((t, e) => epoch(e, 19, [t, val[e]], [acc(t), acc(val[e])]))
      .map((l) => l.replace(' - INFO - ', ' | INFO | '))
      // a row whose name is no metric's (a number) among the others: skipped, the table goes on
      .flatMap((l) => (l.includes('loss            |') ? ['42 |  1.000  |  2.000', l] : [l]));
    const log = read(barred.join('\n'));
    expect(series(log, 0, 'loss')!.y).toEqual(train);
    expect(series(log, 0, 'val_accuracy')!.y).toEqual(val.map(acc));
    // with no "Epoch N/M" line above them, the tables are numbered by their place, from 1
    const bare = read(barred.filter((l) => !/Epoch \d+\/19/.test(l)).join('\n'));
    expect(series(bare, 0, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bare.runs[0].epochNumbering).toBeUndefined();
  });
});
