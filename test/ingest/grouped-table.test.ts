/**
 * Tables printed in segments between bars, several columns to a segment, under a line of labels naming each
 * segment's split: a Kaggle training template much copied prints its log so (a row per validation, a star on the
 * iterations it saved a checkpoint at, the time as "0 hr 12 min").
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const keys = (log: ReturnType<typeof ingest>, run = -1) => log.runs.at(run)!.series.map((s) => s.key);
const series = (log: ReturnType<typeof ingest>, key: string, run = -1) =>
  log.runs.at(run)!.series.find((s) => s.key === key);

/** the template's row: lr, iterations in thousands (starred when saved), epoch, validation, training, time */
function row(lr: number, iter: number, epoch: number, valid: number[], train: number[], star = '*'): string {
  const cells = (v: number[]) => v.map((x) => x.toFixed(3).padStart(6)).join(' ');
  return `${lr.toFixed(5)}   ${iter.toFixed(2)}${star}  ${epoch.toFixed(1).padStart(4)}  | ${cells(valid)}  | ${cells(train)}  |  0 hr ${String(epoch).padStart(2, '0')} min`;
}

const TEMPLATE_HEAD = [
  '** start training here! **',
  '   batch_size = 32',
  '                      |----- VALID ---|---- TRAIN/BATCH --------------',
  'rate     iter   epoch | loss  lb(lev) | loss   loss1  | time          ',
  '----------------------------------------------------------------------',
];

function template(valid: number[], train: number[]): string[] {
  return valid.map((v, i) => row(0.001, (i + 1) * 0.5, i + 1, [v, 0.5 + i / 100], [train[i], train[i] + 0.01]));
}

describe('tables in segments under split labels', () => {
  it("reads each segment's columns under its label's split, the starred counter as a number, and leaves the time out", () => {
    const valid = [0.9, 0.7, 0.6, 0.55, 0.56, 0.6];
    const train = [1.0, 0.75, 0.6, 0.5, 0.42, 0.35];
    const log = readValid([...TEMPLATE_HEAD, ...template(valid, train)].join('\n') + '\n');
    expect(log.runs).toHaveLength(1);
    expect(keys(log)).toEqual(expect.arrayContaining(['val_loss', 'val_lb', 'loss', 'loss1', 'lr']));
    expect(keys(log).some((k) => /time|hr|min/.test(k))).toBe(false);
    expect(series(log, 'val_loss')!.y).toEqual(valid);
    expect(series(log, 'loss')!.y).toEqual(train);
    // the epoch column is the axis, not the starred iterations
    expect(series(log, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a label line with a bar closing each segment, Windows line ends, a best-so-far column, runs appended', () => {
    const head = [
      '----------------------------------------------- [START 2024-11-23 23:18:55] ----------',
      '** start training here! **',
      '                           |------------ VALID -------------|----------- TRAIN -------------|------Accuracy------|------------|',
      'lr       iter     epoch    | loss   top-1  top-2            | loss   top-1  top-2           |    Current Best    | time       |',
      '-------------------------------------------------------------------------------------------------------------------------------',
    ];
    const line = (e: number, vl: number, tl: number) =>
      `0.0001   ${e.toFixed(1)}    ${e.toFixed(1)}        | ${vl.toFixed(3)}  85.181  98.566          | ${tl.toFixed(3)}  76.460  90.826         |         85.1811         |  0 hr 06 min`;
    const first = [0.5, 0.45].map((v, e) => line(e, v, v + 0.3));
    const second = [0.4, 0.33, 0.3, 0.31, 0.33, 0.35].map((v, e) => line(e, v, 0.6 - e * 0.08));
    const log = readValid([...head, ...first, '', ...head, ...second].join('\r\n') + '\r\n');
    expect(log.runs).toHaveLength(2);
    expect(keys(log)).toEqual(expect.arrayContaining(['val_loss', 'val_top-1', 'val_top-2', 'loss', 'top-1', 'top-2']));
    expect(series(log, 'val_loss')!.y).toEqual([0.4, 0.33, 0.3, 0.31, 0.33, 0.35]);
    expect(series(log, 'loss')!.y.map((y) => +y.toFixed(2))).toEqual([0.6, 0.52, 0.44, 0.36, 0.28, 0.2]);
    expect(series(log, 'val_loss', 0)!.y).toEqual([0.5, 0.45]);
  });

  it('a list printed after a value belongs to it; a row printed otherwise has no values in that segment', () => {
    const lines = [
      '                      |-------- VALID---------------------|---- TRAIN/BATCH ---------',
      'rate     iter   epoch |  loss    hit          dice        |  loss    hit       | time',
      '----------------------------------------------------------------------------------',
    ];
    for (let e = 1; e <= 6; e++) {
      const v = (0.7 - e * 0.05).toFixed(3);
      const valid = e === 4 ? `  ${v}   0.5${e} [0.0,1.0]` : `  ${v}   0.5${e} [0.0,1.0,0.0]   0.4${e} [0.1,0.2]`;
      lines.push(
        `0.00100    ${e}.0*   ${e}.0 | ${valid} |  ${(0.8 - e * 0.06).toFixed(3)}   0.6${e}  |  0 hr 0${e} min`,
      );
    }
    const log = readValid(lines.join('\n'));
    expect(series(log, 'val_loss')!.y).toEqual([0.65, 0.6, 0.55, 0.45, 0.4]);
    expect(series(log, 'val_hit')!.y).toEqual([0.51, 0.52, 0.53, 0.55, 0.56]);
    expect(series(log, 'loss')!.y).toHaveLength(6);
    expect(series(log, 'val_dice')!.x).toEqual([1, 2, 3, 5, 6]);
  });

  it('without a label line, names that carry their split are read as they are', () => {
    const lines = ['epoch  iter | valid_loss  valid_acc | train_loss  lr', '-----------------------------------------'];
    for (let e = 1; e <= 5; e++)
      lines.push(`${e}  ${e * 100} | ${(1 - e * 0.1).toFixed(2)}  0.${e} | ${(1.1 - e * 0.15).toFixed(2)}  0.001`);
    const log = readValid(lines.join('\n'));
    expect(keys(log)).toEqual(expect.arrayContaining(['val_loss', 'val_accuracy', 'loss', 'lr']));
    expect(series(log, 'val_loss')!.y).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
  });

  it('a name that carries its split keeps it under a label; a column of words is left out', () => {
    const lines = [
      '            |---- VALID --------------|---- TRAIN ----|',
      'epoch  iter | valid_loss  acc   note  | loss  acc     |',
      ...[1, 2, 3, 4, 5].map(
        (e) => `${e}  ${e} | 0.${9 - e}  0.${e}  ${e === 3 ? 1 : 'ok'} | 0.${8 - e}  0.${e + 1} |`,
      ),
    ];
    const log = readValid(lines.join('\n'));
    expect(keys(log).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
  });

  it('a segmented table that names no metric (speed, memory) is no reading: the loss lines between its rows are', () => {
    const lines = ['epoch  iter | img/s  mem_gb | time'];
    for (let e = 1; e <= 6; e++)
      lines.push(`${e}  ${e * 10} | 812  3.1 | 0 hr 0${e} min`, `Epoch ${e}: loss=${(1 - e * 0.1).toFixed(2)}`);
    const log = readValid(lines.join('\n'));
    expect(series(log, 'loss')!.y).toEqual([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
  });

  it('the header printed again as the epochs go on is one run; printed again from epoch 1, a run each', () => {
    const valid = Array.from({ length: 20 }, (_, i) => 0.9 - i * 0.02);
    const train = Array.from({ length: 20 }, (_, i) => 1.0 - i * 0.03);
    const rows = template(valid, train);
    const every5 = [0, 5, 10, 15].flatMap((k) => [...TEMPLATE_HEAD.slice(2), ...rows.slice(k, k + 5)]);
    const log = readValid(every5.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'val_loss')!.y).toHaveLength(20);
    const again = readValid([...TEMPLATE_HEAD, ...rows.slice(0, 6), ...TEMPLATE_HEAD, ...rows.slice(0, 6)].join('\n'));
    expect(again.runs).toHaveLength(2);
  });

  it('a long table whose header is printed again (130,000 rows) is read whole', () => {
    const header = ['rate     iter   epoch | valid_loss  lb | train_loss   loss1  | time', '-'.repeat(50)];
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const i = from + k;
        return `0.00100   ${(i / 100).toFixed(2)}*  ${(i / 100).toFixed(2)}  |  0.${900 - (i % 500)}  0.500  |  1.000  1.010  |  0 hr 01 min`;
      });
    const log = ingest([...header, ...rows(1, 10), ...header, ...rows(10, 130_000)].join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'val_loss')!.y).toHaveLength(129_999);
  });

  it("a header printed again without its label line keeps the first table's splits", () => {
    const rows = (from: number) =>
      [0, 1, 2, 3, 4].map(
        (k) => `${from + k}  ${(from + k) * 10} | 0.${80 - k * 5}  0.${50 + k} | 0.${90 - k * 7}  0.${40 + k} |`,
      );
    const lines = [
      '            |--- VALID ----|--- TRAIN ----|',
      'epoch  iter | loss  acc    | loss  acc    |',
      ...rows(1),
      'resumed',
      'epoch  iter | loss  acc    | loss  acc    |',
      ...rows(1),
    ];
    const log = readValid(lines.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(series(log, 'val_loss')!.y).toHaveLength(5);
  });

  it('names of several single-spaced words each are paired by count; a segment that cannot be named is said', () => {
    const lines = ['epoch step | train loss | val loss val acc | lr'];
    for (let e = 1; e <= 6; e++) lines.push(`${e} ${e * 100} | 0.${90 - e * 5} | 0.${95 - e * 4} 0.${50 + e} | 0.001`);
    const log = readValid(lines.join('\n'));
    expect(keys(log)).toEqual(expect.arrayContaining(['loss', 'val_loss', 'val_accuracy']));
    // a header epoch as printed, not Lightning's 0-based one
    expect(series(log, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5, 6]);
    const odd = ['epoch step | train loss | val loss its acc | lr'];
    for (let e = 1; e <= 6; e++) odd.push(`${e} ${e * 100} | 0.${90 - e * 5} | 0.${95 - e * 4} 0.${50 + e} | 0.001`);
    const warned = readValid(odd.join('\n'));
    expect(warned.warnings.find((w) => w.code === 'segment_unread')!.message).toContain('"val loss its acc"');
    // four metric words over two cells are not two names of two words
    const four = ['epoch step | train loss | loss acc f1 auc | lr'];
    for (let e = 1; e <= 6; e++) four.push(`${e} ${e * 100} | 0.${90 - e * 5} | 0.${95 - e * 4} 0.${50 + e} | 0.001`);
    expect(readValid(four.join('\n')).warnings.map((w) => w.code)).toContain('segment_unread');
  });

  it('a label naming two splits names none; a label line with a wide character before its bars still lines up', () => {
    const rows = [1, 2, 3, 4, 5].map((e) => `${e}  ${e} | 0.${9 - e}  0.${e} | 0.${8 - e}  0.${e + 1} |`);
    const two = ['            |-Val/Train-|---TRAIN---|', 'epoch  iter | loss  acc | loss  acc |', ...rows];
    expect(() => ingest(two.join('\n'))).toThrow(IngestError);
    const wide = ['📈📉        |--- VALID ---|--- TRAIN ---|', 'epoch  iter | loss  acc   | loss  acc   |', ...rows];
    expect(keys(readValid(wide.join('\n')))).toEqual(expect.arrayContaining(['val_loss', 'loss']));
  });

  it('two segments of the same names under labels that name no split: refused, not guessed', () => {
    const lines = [
      '            |---- A ----|---- B ----|',
      'epoch  iter | loss  acc | loss  acc |',
      ...[1, 2, 3, 4, 5].map((e) => `${e}  ${e} | 0.${9 - e}  0.${e} | 0.${8 - e}  0.${e + 1} |`),
    ];
    expect(() => ingest(lines.join('\n'))).toThrow(IngestError);
    // `loss` beside `train_loss` is one name too
    const same = lines.slice(1).map((l) => l.replace('| loss  acc | loss  acc |', '| loss  acc | train_loss  lr |'));
    expect(() => ingest(same.join('\n'))).toThrow(IngestError);
  });

  it('a table left out for a repeated name is said, the others read', () => {
    const rows = [1, 2, 3, 4, 5].map((e) => `${e}  ${e} | 0.${9 - e}  0.${e} | 0.${8 - e}  0.${e + 1} |`);
    const lines = [
      '            |--- VALID ---|--- TRAIN ---|',
      'epoch  iter | loss  acc   | loss  acc   |',
      ...rows,
      'epoch  iter | loss  acc   | loss  lr    |',
      ...rows,
    ];
    const log = readValid(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
    expect(log.warnings.map((w) => w.code)).toContain('table_unread');
  });

  it('a label line whose bars stand elsewhere gives no split', () => {
    const lines = [
      '    |---- VALID ----------|----- TRAIN ----|',
      'epoch  iter | loss  acc | lr  momentum |',
      ...[1, 2, 3, 4, 5].map((e) => `${e}  ${e} | 0.${9 - e}  0.${e} | 0.001  0.9 |`),
    ];
    const log = readValid(lines.join('\n'));
    expect(keys(log)).not.toContain('val_loss');
    expect(keys(log)).toEqual(expect.arrayContaining(['loss', 'accuracy']));
  });

  it('a small segmented table under a printed log of epochs is no reading of the log', () => {
    const lines = [...Array.from({ length: 12 }, (_, e) => `Epoch ${e + 1}: loss=${(1 - e * 0.05).toFixed(3)}`)];
    lines.push('epoch iter | loss acc | time', '1 1 | 0.5 0.5 | 1 s', '2 2 | 0.4 0.6 | 1 s');
    const log = readValid(lines.join('\n'));
    expect(series(log, 'loss')!.y).toHaveLength(12);
  });
});
