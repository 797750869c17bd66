/**
 * Inputs that made a regex backtrack quadratically, or a reader look at every column for each (found in review).
 * Each must be read or refused promptly; the per-test timeout is the hang guard (no timing assertion).
 */
import { describe, expect, it } from 'vitest';
import { ingest, isIngestError } from '../../src/ingest/index.js';

/** A table of these columns beside an epoch column, 20 rows. */
function wideTable(names: string[]): string {
  const rows = Array.from({ length: 20 }, (_, r) => [r + 1, ...names.map((_, i) => ((r + 1) / (i + 2)).toFixed(3))]);
  return [['epoch', ...names].join(','), ...rows.map((row) => row.join(','))].join('\n');
}

const cases: [string, string][] = [
  [
    // a table first, so every later line is scanned for another (a separator with \s* around it took 57 s)
    'a separated table, then 5,000 lines of 2,000 spaces before a bar',
    'epoch | loss\n1 | 0.5\n2 | 0.4\n3 | 0.3\n' + ('Epoch ' + ' '.repeat(1990) + 'x|\n').repeat(5000),
  ],
  [
    'a 200k-digit value on a Keras line',
    'Epoch 1/2\n10/10 [====] - 1s - loss: 0.5 - val_loss: 0.6\nEpoch 2/2\n10/10 [====] - 1s - loss: ' +
      '1'.repeat(200_000) +
      'x - val_loss: 0.6\n',
  ],
  ['200k "(" in a CSV header', 'epoch,loss,val_' + '('.repeat(200_000) + '\n0,1,2\n1,0.5,0.6\n'],
  [
    'a float( cell with 150k spaces',
    'epoch,loss,val_loss\n0,1,2\n1,float(1' + ' '.repeat(150_000) + 'x,1\n2,0.4,0.9\n',
  ],
  ['a cut-off JSON ending in 1M spaces', '{"loss": [1,' + ' '.repeat(1_000_000) + '2, 3'],
  [
    'free text with 4k-digit values',
    Array.from({ length: 300 }, (_, i) => `epoch ${i} loss=` + '1'.repeat(3900) + 'x').join('\n'),
  ],
  // the boosting-round reader scanned every position of a long word for "set-metric:" (1.1 s for 8 MB)
  [
    'boosting-round lines of one 4k-letter word',
    Array.from({ length: 2000 }, (_, i) => `[${i}] ` + 'a'.repeat(3990) + ':').join('\n'),
  ],
  [
    'held-out lines of 4k-letter words',
    Array.from({ length: 2000 }, () => 'Test set: ' + 'a'.repeat(3990) + ' 1').join('\n'),
  ],
  // printed-log reader (prints.ts): prefixes, tokens, markers and names on long hostile lines
  [
    'logging prefixes repeated along 4k-character lines',
    Array.from({ length: 2000 }, () => '2025-03-14 09:12:07,123 | INFO | '.repeat(120) + 'epoch 1 loss 0.5').join('\n'),
  ],
  [
    'a 4k-character path before ".py:"',
    Array.from({ length: 2000 }, () => 'a/'.repeat(1995) + '.py epoch 1 loss: 0.5').join('\n'),
  ],
  [
    'INFO:name: with a 4k-character logger name',
    Array.from({ length: 2000 }, () => 'INFO:' + 'a.'.repeat(1995) + ' epoch 2 loss=1').join('\n'),
  ],
  [
    'epoch lines of one 4k-letter name and a value',
    Array.from({ length: 2000 }, (_, i) => `Epoch ${i} ` + 'a'.repeat(3980) + ': 1').join('\n'),
  ],
  ['4k characters of "epoch " without a number', Array.from({ length: 2000 }, () => 'epoch '.repeat(660)).join('\n')],
  [
    '4k characters of "1/1/1/..." counters and "100%|"',
    Array.from({ length: 2000 }, (_, i) => `Epoch ${i} ` + '1/'.repeat(995) + '100%|'.repeat(390) + ' loss=1').join(
      '\n',
    ),
  ],
  // session 16's readers (found in review): the Chinese round marker, \r-redrawn step records, names around values
  ['"第1" and 200k spaces (terms.ts)', 'epoch,loss\n第1' + ' '.repeat(200_000) + 'x\n1,0.5\n2,0.4\n'],
  [
    '\r-redrawn "step" segments of 4k spaces (print-steps.ts)',
    Array.from({ length: 3 }, () => Array.from({ length: 300 }, () => 'step' + ' '.repeat(3990) + 'x').join('\r')).join(
      '\n',
    ),
  ],
  [
    'a name before 4k split words (print-line.ts)',
    Array.from({ length: 2000 }, (_, i) => `Epoch ${i} Loss: ` + 'train '.repeat(660) + '1').join('\n'),
  ],
  // the W&B export's header test (wandb-export.ts) was a regex that took 3 s on one 60 KB header cell
  [
    'a W&B-like header cell of 100k " - "',
    ' - '.repeat(100_000) + '\rx,a - loss,a - loss__MIN\n1,2,3\n2,1,1\n3,.5,.5\n',
  ],
  [
    '4k characters of split words and dashes',
    Array.from({ length: 2000 }, (_, i) => `Epoch ${i} ` + 'train val - '.repeat(330) + 'loss 1').join('\n'),
  ],
  // a GAN Visualizer's head before a long tail: the pairs were scanned by a regex at every position (3.6 s for 10 MB)
  [
    'Visualizer heads before 4k-letter tails',
    Array.from({ length: 2600 }, (_, i) => `(epoch: ${i}, iters: 100, time: 0.2) ` + 'a'.repeat(3960)).join('\n'),
  ],
  [
    'Visualizer lines of 400 distinct pairs',
    Array.from(
      { length: 1000 },
      (_, i) => `(epoch: ${i}, iters: 1, time: 0.2) ` + Array.from({ length: 400 }, (_, k) => `L${k}: 0.5`).join(' '),
    ).join('\n'),
  ],
  // a split word inside each of thousands of names (inner-split.ts): each name looked at every other (314 s for
  // 1,200 Lightning columns before they were indexed once per run)
  [
    '1,200 per-class step and epoch columns with a split word inside',
    wideTable(Array.from({ length: 600 }, (_, i) => [`cls${i}_val_acc_step`, `cls${i}_val_acc_epoch`]).flat()),
  ],
  [
    '4,000 per-class columns, each on two splits',
    wideTable(Array.from({ length: 2000 }, (_, i) => [`c${i}_train_iou`, `c${i}_val_iou`]).flat()),
  ],
];

describe('no quadratic regex on hostile text', () => {
  for (const [name, text] of cases) {
    it(name, { timeout: 5_000 }, () => {
      try {
        expect(ingest(text).runs.length).toBeGreaterThan(0);
      } catch (e) {
        expect(isIngestError(e)).toBe(true);
      }
    });
  }
});
