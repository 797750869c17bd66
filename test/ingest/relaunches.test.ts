/**
 * A printed log a script appended to each time it was launched again: Hugging Face's "***** Running training *****"
 * banner before each launch, or a step counter that goes back under the same epoch, starts a run of its own. A
 * summary line that counts its epoch's batches before the next epoch's first batch is one run.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string) => {
  const log = ingest(text);
  expect(checkLog(log)).toEqual([]);
  return log;
};
const loss = (log: ReturnType<typeof ingest>, run: number) => log.runs[run].series.find((s) => s.key === 'loss')!.y;
const at = (t: string) => `2024-12-10 01:${t},259 CLIP_TRAIN INFO: `;
const stepLine = (t: string, epoch: number, step: number, v: number) =>
  `${at(t)}Epoch: ${epoch}, global_step: ${step}, lr: 0.00001, loss: ${v} (2.80)`;

describe('relaunches appended to one printed log', () => {
  const first = [1.44, 1.4, 1.36, 1.31, 1.27, 1.22];
  const second = [1.35, 1.28, 1.2, 1.37, 1.2, 1.15];

  it("each Hugging Face 'Running training' banner after values opens a run", () => {
    // the second launch resumed from a checkpoint: its epochs and steps go on from the first's
    const launch = (t: string, vals: number[], from = 0) => [
      `${at(t)}***** Running training *****`,
      `${at(t)}  Num examples = 118287`,
      ...vals.map((v, i) => stepLine(t, from + Math.floor(i / 3), 50 * (i + 1), v)),
    ];
    const log = read([...launch('11', first), ...launch('40', second, 2)].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(loss(log, 0)).toEqual(first);
    expect(loss(log, 1)).toEqual(second);
    // a launch that printed nothing before the next banner is no run; one banner is one run
    const once = read([`${at('05')}***** Running training *****`, ...launch('11', first)].join('\n'));
    expect(once.runs).toHaveLength(1);
    expect(loss(once, 0)).toEqual(first);
  });

  it('a step counter that goes back under the same epoch opens a run; it must have risen first', () => {
    const lines = [
      stepLine('20', 0, 50, 1.44),
      stepLine('21', 0, 100, 1.4),
      stepLine('22', 0, 150, 1.36),
      ...second.map((v, i) => stepLine('30', Math.floor(i / 3), 50 * (i + 1), v)),
    ];
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(loss(log, 1)).toEqual(second);
  });

  it("an epoch's summary that counts its batches before the next epoch's first batch, or one batch line printed twice, stays one run", () => {
    const epochs = [0.021, 0.0128, 0.0101, 0.0089, 0.0081, 0.0077];
    const lines = epochs.flatMap((avg, e) => [
      // a terminal pasted with the third epoch's first batch line twice: a line again, not a relaunch
      ...(e === 2 ? [10, 10, 20, 30, 40] : [10, 20, 30, 40]).map(
        (b) => `[epoch ${e + 1}/6] batch ${b} loss=${(avg * (1.2 - b / 200)).toFixed(5)}`,
      ),
      `[epoch ${e + 1}] batches=40 avg_loss=${avg}`,
    ]);
    const log = read(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
  });
});
