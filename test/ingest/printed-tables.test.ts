/**
 * Whitespace-aligned tables as people print them: pandas DataFrames (an index column, "..." for the rows
 * it leaves out), headers whose names hold spaces, and a table per training in one log.
 * The pandas strings below are what pandas 1.5 prints for these frames (str(df)).
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const series = (log: ReturnType<typeof ingest>, run: number, key: string) =>
  log.runs[run].series.find((s) => s.key === key);

describe('printed tables', () => {
  it('print(pd.DataFrame(history.history)): the index is the epoch, counted from 0', () => {
    const log = read(
      [
        '     loss  accuracy  val_loss  val_accuracy',
        '0  0.6931     0.501      0.69          0.52',
        '1  0.5012     0.710      0.52          0.70',
        '2  0.4011     0.800      0.45          0.78',
        '3  0.3522     0.840      0.43          0.80',
        '4  0.3101     0.860      0.44          0.80',
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(series(log, 0, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5]);
    expect(series(log, 0, 'val_loss')!.y).toEqual([0.69, 0.52, 0.45, 0.43, 0.44]);
  });

  it('a long DataFrame with its middle left out: the rows shown keep their epochs, and a note says rows are missing', () => {
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => {
        const i = from + k;
        return `${String(i).padEnd(3)}  ${(1 - i * 0.003).toFixed(5)}   ${(1.1 - i * 0.003).toFixed(5)}`;
      });
    const log = read(
      [
        '        loss  val_loss',
        ...rows(0, 4),
        '..       ...       ...',
        ...rows(295, 299),
        '',
        '[300 rows x 2 columns]',
      ].join('\n'),
    );
    expect(series(log, 0, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 296, 297, 298, 299, 300]);
    expect(log.warnings.map((w) => w.code)).toContain('elided_rows');
  });

  it('a wide DataFrame pandas wrapped (a trailing backslash): the parts are put back together as one run', () => {
    const log = read(
      [
        '     loss  accuracy  precision  recall  val_loss  val_accuracy  val_precision  \\',
        '0  0.9000    0.5000     0.4000  0.3000    0.9500        0.4500         0.4000   ',
        '1  0.6667    0.6433     0.5667  0.4933    0.7667        0.5833         0.5333   ',
        '2  0.4333    0.7867     0.7333  0.6867    0.5833        0.7167         0.6667   ',
        '3  0.2000    0.9300     0.9000  0.8800    0.4000        0.8500         0.8000   ',
        '',
        '   val_recall      lr  ',
        '0      0.3000  0.0010  ',
        '1      0.4667  0.0007  ',
        '2      0.6333  0.0004  ',
        '3      0.8000  0.0001  ',
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series).toHaveLength(9);
    expect(series(log, 0, 'val_recall')!.y).toEqual([0.3, 0.4667, 0.6333, 0.8]);
    expect(series(log, 0, 'lr')!.x).toEqual([1, 2, 3, 4]);
  });

  it('a DataFrame whose middle columns pandas left out ("..."): the columns shown are read, and a note says so', () => {
    const log = read(
      [
        '      loss  accuracy  ...  val_recall      lr',
        '0   0.9000    0.5000  ...      0.3000  0.0010',
        '1   0.8364    0.5391  ...      0.3455  0.0009',
        '2   0.7727    0.5782  ...      0.3909  0.0008',
        '',
        '[3 rows x 9 columns]',
      ].join('\n'),
    );
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['accuracy', 'loss', 'lr', 'val_recall']);
    expect(log.warnings.map((w) => w.code)).toContain('elided_columns');
  });

  it('a header whose names hold single spaces, columns two or more spaces apart', () => {
    const log = read(
      [
        'Training Summary:',
        'Epoch  Train Loss  Val Loss  Val Acc',
        '1      0.6931      0.69      0.52',
        '2      0.5012      0.52      0.70',
        '3      0.4011      0.45      0.78',
      ].join('\n'),
    );
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_accuracy', 'val_loss']);
    expect(series(log, 0, 'loss')!.y).toEqual([0.6931, 0.5012, 0.4011]);
  });

  it("fastai's fine_tune prints two tables (frozen, then unfrozen): both are read, in order", () => {
    const table = (losses: number[]) => [
      'epoch     train_loss  valid_loss  error_rate  time    ',
      ...losses.map(
        (l, e) =>
          `${String(e).padEnd(10)}${l.toFixed(6)}    ${(l + 0.05).toFixed(6)}    ${(l / 4).toFixed(6)}    00:12     `,
      ),
    ];
    const log = read([...table([0.9, 0.7, 0.6]), '', ...table([0.5, 0.42, 0.37, 0.33])].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(series(log, 0, 'loss')!.y).toEqual([0.9, 0.7, 0.6]);
    expect(series(log, 1, 'loss')!.y).toEqual([0.5, 0.42, 0.37, 0.33]);
  });

  it('tables whose columns differ in order or name are each read under their own names', () => {
    const log = read(
      [
        'train loss   val loss',
        '  0.90  0.95',
        '  0.70  0.80',
        '  0.60  0.75',
        '',
        'val loss   train loss',
        '  0.85  0.80',
        '  0.70  0.60',
        '  0.65  0.50',
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(2);
    expect(series(log, 1, 'loss')!.y).toEqual([0.8, 0.6, 0.5]);
    expect(series(log, 1, 'val_loss')!.y).toEqual([0.85, 0.7, 0.65]);
  });

  it("scikit-learn's classification report after the epochs is not read as another run", () => {
    const log = read(
      [
        'epoch  loss  val_loss',
        '1  0.9  0.95',
        '2  0.7  0.80',
        '3  0.6  0.75',
        '',
        '              precision    recall  f1-score   support',
        '',
        '           0       0.88      0.88      0.88      5000',
        '           1       0.88      0.89      0.88      5000',
        '',
        '    accuracy                           0.88     10000',
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
  });

  it('a spaced header over rows of another width is refused with a message, not misread', () => {
    expect(() => ingest('Train Loss  Val Loss\n0.9 0.8 0.7\n0.6 0.5 0.4\n')).toThrow(IngestError);
  });
});

describe("MATLAB's trainNetwork (Verbose): a pipe table whose header runs over two lines", () => {
  const rule = '|' + '='.repeat(118) + '|';
  const cell = (v: string, w: number) => ` ${v.padStart(w - 2)} `;
  const widths = [9, 13, 16, 14, 14, 14, 14, 17];
  const line = (cells: string[]) => '|' + cells.map((c, k) => cell(c, widths[k])).join('|') + '|';
  const text = [
    rule,
    line([
      'Epoch',
      'Iteration',
      'Time Elapsed',
      'Mini-batch',
      'Validation',
      'Mini-batch',
      'Validation',
      'Base Learning',
    ]),
    line(['', '', '(hh:mm:ss)', 'RMSE', 'RMSE', 'Loss', 'Loss', 'Rate']),
    rule,
    ...Array.from({ length: 24 }, (_, i) => {
      const epoch = Math.floor(i / 3) + 1;
      const loss = (1.3 * Math.exp(-i / 8) + 0.3).toFixed(4);
      const val = i % 3 === 0 ? (1.4 * Math.exp(-i / 8) + 0.35).toFixed(4) : '';
      return line([String(epoch), String(i * 50 + 1), '00:05:03', '1.63', val ? '2.18' : '', loss, val, '1.0000e-05']);
    }),
    rule,
  ].join('\n');

  it("joins each column's header words, and reads the mini-batch loss beside the validation loss", () => {
    const log = read(text);
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['mini_batch_loss', 'val_loss', 'val_rmse']));
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.name).toBe('Validation Loss');
    // a validation every third row: its blank cells are no values
    expect(series(log, 0, 'val_loss')!.y).toHaveLength(8);
    expect(series(log, 0, 'mini_batch_loss')!.y).toHaveLength(24);
  });

  it('lines of words under a header are joined only when a rule closes them, and only a few', () => {
    // a settings table printed without a rule: its rows are no header, and its numbers no curve
    const settings = [
      '| Setting | Value |',
      '| model | resnet18 |',
      '| loss | cross_entropy |',
      '| lr | 0.1 |',
      '| batch_size | 128 |',
      '| epochs | 20 |',
    ];
    expect(() => ingest(settings.join('\n'))).toThrow(IngestError);
    // four lines of words before the rule: more than a header runs over
    const lines = text.split('\n');
    const tall = [...lines.slice(0, 3), lines[2], lines[2], lines[2], ...lines.slice(3)];
    expect(() => ingest(tall.join('\n'))).toThrow(IngestError);
    // a line of another width under the header is not joined to it
    const narrow = [lines[0], lines[1], '| (hh:mm:ss) | RMSE |', ...lines.slice(3)];
    expect(() => ingest(narrow.join('\n'))).toThrow(IngestError);
  });

  it('a line of numbers under the header is a row, not more header', () => {
    const rows = [
      '| epoch | loss | val_loss |',
      ...Array.from(
        { length: 6 },
        (_, i) => `| ${i + 1} | ${(1 / (i + 1)).toFixed(3)} | ${(1.1 / (i + 1)).toFixed(3)} |`,
      ),
    ];
    const log = read(rows.join('\n'));
    expect(series(log, 0, 'loss')!.y).toEqual([1, 0.5, 0.333, 0.25, 0.2, 0.167]);
    expect(series(log, 0, 'val_loss')!.name).toBe('val_loss');
    // ... also when a rule follows the first rows (a table ruled off after them)
    const ruled = [...rows.slice(0, 3), '|---|---|---|', ...rows.slice(3)];
    expect(series(read(ruled.join('\n')), 0, 'loss')!.y).toEqual([1, 0.5, 0.333, 0.25, 0.2, 0.167]);
  });
});

describe('tables printed with a separator between cells', () => {
  it('print(f"{epoch} | {loss:.4f} | {val_loss:.4f}") under a header of names: a bar with no leading bar', () => {
    const log = read(
      [
        'Training on 2 GPUs',
        'epoch | train_loss | val_loss',
        '1 | 0.9000 | 1.0000',
        '2 | 0.7000 | 0.8000',
        '3 | 0.5000 | 0.7000',
      ].join('\n'),
    );
    expect(series(log, 0, 'loss')!.y).toEqual([0.9, 0.7, 0.5]);
    expect(series(log, 0, 'val_loss')!.x).toEqual([1, 2, 3]);
  });

  it('"Epoch - Loss - Training Accuracy": names with spaces, a dash between cells, notes between rows counted', () => {
    const log = read(
      [
        'no. of training trials 25380',
        'Epoch - Loss - Training Accuracy - Validation Accuracy',
        '         76.97',
        '0 - 0.4354 - 76.99 - 76.78',
        '         92.72',
        '1 - 0.1927 - 92.70 - 95.72',
        'best model find at epoch 1',
        '2 - 0.0989 - 96.31 - 94.45',
        '3 - -0.0100 - 97.82 - 94.56',
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(1);
    expect(series(log, 0, 'loss')!.y).toEqual([0.4354, 0.1927, 0.0989, -0.01]);
    expect(series(log, 0, 'loss')!.x).toEqual([1, 2, 3, 4]);
    expect(series(log, 0, 'val_accuracy')!.y[0]).toBeCloseTo(0.7678, 6);
    const skipped = log.warnings.find((w) => w.code === 'lines_between_rows');
    expect(skipped?.message).toMatch(/^Skipped 3 line\(s\) printed among the table's rows/);
  });

  it("Python logging's prefix before every line of the table is not part of its cells", () => {
    const at = (t: string) => `2026-04-07 22:55:52,418 - INFO - ${t}`;
    const log = read(
      [
        at('Epoch    | Loss    | Acc     | Prec   '),
        at('-----------------------------------------'),
        at('1        | 0.4829  | 77.68%  | 0.59   '),
        at('2        | 0.4748  | 77.76%  | 0.57   '),
        at('3        | 0.4719  | 77.83%  | 0.58   '),
      ].join('\n'),
    );
    expect(series(log, 0, 'loss')!.y).toEqual([0.4829, 0.4748, 0.4719]);
    expect(series(log, 0, 'loss')!.x).toEqual([1, 2, 3]);
    expect(series(log, 0, 'accuracy')!.y[0]).toBeCloseTo(0.7768, 6);
    // "(time LEVEL) - function: ": the logging function's name after the prefix is no cell either (it was refused)
    const fn = (f: string, t: string) => `(2023-06-04 21:01:13.946 INFO) - ${f}: ${t}`;
    const named = read(
      [
        fn('main', '    Epoch | Train loss | Validation loss | Time (seconds)'),
        ...[1, 2, 3, 4].map((e) =>
          fn('train', `${e}   / 200 |   ${(0.9 / e).toFixed(6)} |   ${(0.8 / e).toFixed(6)} |   48.78`),
        ),
      ].join('\n'),
    );
    expect(series(named, 0, 'val_loss')!.y).toHaveLength(4);
    expect(series(named, 0, 'loss')!.y[1]).toBe(0.45);
  });

  it('an empty cell is a value not printed that epoch; a closing bar, or a Markdown rule without outer pipes, is no cell', () => {
    const gaps = read(
      ['epoch | loss | val_loss', '1 | 0.9 | ', '2 | 0.7 | 0.8', '3 | 0.5 | 0.7', '4 | 0.4 |', '5 | 0.3 | 0.6'].join(
        '\n',
      ),
    );
    expect(series(gaps, 0, 'loss')!.x).toEqual([1, 2, 3, 4, 5]);
    expect(series(gaps, 0, 'val_loss')!.x).toEqual([2, 3, 5]);
    const closed = read(
      ['epoch | loss | val_loss |', '1 | 0.9 | 1.0 |', '2 | 0.7 | 0.8 |', '3 | 0.5 | 0.7 |'].join('\n'),
    );
    expect(series(closed, 0, 'val_loss')!.y).toEqual([1, 0.8, 0.7]);
    const gfm = read(['epoch | loss | val_loss', '--- | --- | ---', '1 | 0.9 | 1.0', '2 | 0.7 | 0.8'].join('\n'));
    expect(gfm.warnings.map((w) => w.code)).not.toContain('lines_between_rows');
  });

  it('a printed log that ends with a small summary table is read as the log, not as the table', () => {
    const epochs = Array.from(
      { length: 30 },
      (_, e) =>
        `Epoch ${e + 1} | train loss ${(1 / (e + 1)).toFixed(3)} | val loss ${(1.2 / (e + 1) + 0.1).toFixed(3)}`,
    );
    for (const tail of [
      ['Test results', 'split | loss | acc', '1 | 0.41 | 0.88', '2 | 0.43 | 0.87'],
      ['fold | val_loss | val_acc', '1 | 0.41 | 0.88', '2 | 0.43 | 0.87'],
    ]) {
      const log = read([...epochs, ...tail].join('\n'));
      expect(series(log, 0, 'val_loss')!.y).toHaveLength(30);
    }
  });

  it('a line of names with a bar over no rows, or rows of another width, is not a table', () => {
    expect(() => ingest('epoch | loss | val_loss\nthe run crashed\n')).toThrow(IngestError);
    expect(() => ingest('epoch | loss | val_loss\n1 | 0.9\n2 | 0.8\n3 | 0.7\n')).toThrow(IngestError);
  });
});
