/**
 * Shapes the twenty-sixth wild batch showed (bench/wild26): an epoch counter in angle brackets (`Epoch<3/200>`), and
 * a metric's name glued to the number before it (`训练次数：3Loss:0.90`, the count then `Loss:`), which read as a
 * number with a unit; and a rate glued to its number (`4.1it/s acc=0.6`), whose `/s` read as a name `s_acc`.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { tokenize } from '../../src/ingest/formats/print-tokens.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const loss = (log: ReturnType<typeof ingest>) => log.runs[log.runs.length - 1].series.find((s) => s.key === 'loss')!;
const LOSS = [1.006, 0.84, 0.71, 0.62, 0.55, 0.51, 0.49];

describe('an epoch counter in angle brackets', () => {
  it('"Epoch<3/200>|Step<13/13> avg loss:0.71": epoch 3', () => {
    const lines = LOSS.map((l, i) => `[INFO] [2024-04-23 14:59:14,436] Epoch<${i + 1}/200>|Step<13/13> avg loss:${l}`);
    const log = read(lines.join('\n') + '\n');
    expect(loss(log).x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(loss(log).y).toEqual(LOSS);
  });

  it('a comparison is no counter: "(epoch < 3)" and "epoch<=2" beside epoch lines leave one run', () => {
    const lines = LOSS.flatMap((l, i) => [
      `Epoch ${i + 1}/7 loss: ${l} val_loss: ${l + 0.1}`,
      i % 2 ? 'freeze backbone while epoch<=2, aux_loss: 0.5' : 'warmup active (epoch < 3) lr: 0.001',
    ]);
    const log = read(lines.join('\n') + '\n');
    expect(log.runs).toHaveLength(1);
    expect(loss(log).y).toEqual(LOSS);
  });
});

describe('a name glued to the number before it', () => {
  it('"训练次数：3Loss:0.71" under "第 3 轮" banners: the loss of epoch 3', () => {
    const lines = LOSS.flatMap((l, i) => [`-----第 ${i + 1} 轮训练开始-----`, `训练次数：${i + 1}Loss:${l}`]);
    const log = read(lines.join('\n') + '\n');
    expect(loss(log).y).toEqual(LOSS);
    expect(loss(log).x).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("a unit stays a unit (12ms: 0.5, 3GB, 1min:23); a metric's name glued on and given a value is a name", () => {
    const units = (line: string) => tokenize(line).flatMap((t) => (t.unit ? [t.unit] : []));
    expect(units('step 12ms: 0.5 | 3GB | 12secs | eta 1min:23')).toEqual(['ms', 'GB', 'secs', 'min']);
    expect(units('count 1Loss:0.91 | 2acc= 0.5 | 3Loss=-0.2 | 4Loss:   nan')).toEqual([]);
  });
});

describe('a rate glued to its number', () => {
  it('"4.1it/s acc=0.6", "2.3s/it acc=0.6", "880samples/sec": the rate is the unit, acc stays accuracy', () => {
    const units = (line: string) => tokenize(line).flatMap((t) => (t.unit ? [t.unit] : []));
    expect(units('4.1it/s | 2.3s/it | 880samples/sec | 12img/step | 3it/step_loss | 7ms/examples')).toEqual([
      'it/s',
      's/it',
      'samples/sec',
      'img/step',
      'it',
      'ms/examples',
    ]);
    for (const rate of ['4.1it/s', '2.3s/it']) {
      const lines = LOSS.map((l, i) => `epoch ${i + 1} speed ${rate} acc=${(0.5 + i / 20).toFixed(2)} loss=${l}`);
      const log = read(lines.join('\n') + '\n');
      expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['accuracy', 'loss']);
      expect(loss(log).y).toEqual(LOSS);
    }
  });
});
