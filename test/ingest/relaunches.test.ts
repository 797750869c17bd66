/**
 * A printed log a script appended to each time it was launched again: Hugging Face's "***** Running training *****"
 * banner before a launch that does not carry the epochs on, or a step counter that goes back under the same epoch,
 * starts a run of its own. Lines printed again, counters that go back in every epoch (the log's layout) or jump
 * about, and a validation pass counting its own batches stay one run.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';

const read = (text: string) => readValid(text);
const loss = (log: ReturnType<typeof ingest>, run: number) => log.runs[run].series.find((s) => s.key === 'loss')!.y;
const at = (t: string) => `2024-12-10 01:${t},259 CLIP_TRAIN INFO: `;
const stepLine = (t: string, epoch: number, step: number, v: number) =>
  `${at(t)}Epoch: ${epoch}, global_step: ${step}, lr: 0.00001, loss: ${v} (2.80)`;

describe('relaunches appended to one printed log', () => {
  const first = [1.44, 1.4, 1.36, 1.31, 1.27, 1.22];
  const second = [1.35, 1.28, 1.2, 1.37, 1.2, 1.15];

  it("a Hugging Face 'Running training' banner after values opens a run where the epoch does not carry on", () => {
    const banner = (t: string) => `${at(t)}***** Running training *****`;
    const epochLine = (t: string, e: number, v: number) => `${at(t)}Epoch: ${e}, lr: 0.00001, loss: ${v}`;
    // the second launch starts again from the first's last checkpoint (epoch 5): no counter says so, the banner does
    const log = read(
      [
        banner('11'),
        `${at('11')}  Num examples = 118287`,
        ...first.map((v, e) => epochLine('12', e, v)),
        banner('40'),
        ...second.map((v, e) => epochLine('41', 5 + e, v)),
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(2);
    expect(loss(log, 0)).toEqual(first);
    expect(loss(log, 1)).toEqual(second);
    // a launch that printed nothing before the next banner is no run; one banner is one run
    const once = read([banner('05'), banner('11'), ...first.map((v, e) => epochLine('12', e, v))].join('\n'));
    expect(once.runs).toHaveLength(1);
    expect(loss(once, 0)).toEqual(first);
    // a loop that prints the banner before every epoch is one run: its epochs carry on past each banner
    const every = read(first.flatMap((v, e) => [banner('20'), epochLine('21', e, v)]).join('\n'));
    expect(every.runs).toHaveLength(1);
    expect(loss(every, 0)).toEqual(first);
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

  it("an epoch's summary that counts its batches, or one batch line printed twice, stays one run", () => {
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

  it("counters that go back in every epoch are the log's layout; a validation pass's own counter is no relaunch", () => {
    const epochs = [0.9, 0.7, 0.55, 0.48, 0.44, 0.42];
    const steps = [100, 200, 300];
    // two loaders per epoch, each counting its batches and logging the same loss
    const loaders = epochs.flatMap((l, e) =>
      ['A', 'B'].flatMap((_, k) =>
        steps.map((b) => `Epoch ${e + 1} step ${b}/300 loss: ${(l + k * 0.1 - b / 1e4).toFixed(4)}`),
      ),
    );
    expect(read(loaders.join('\n')).runs).toHaveLength(1);
    // training batches, then (every third epoch) the validation pass's batches counted from 1 under the same epoch
    const passes = epochs.flatMap((l, e) => [
      ...steps.map((b) => `Epoch ${e + 1} step ${b}/300 loss: ${(l - b / 1e4).toFixed(4)}`),
      ...(e % 3 === 2 ? [10, 20] : []).map(
        (b) => `Epoch ${e + 1} step ${b}/20 val_loss: ${(l + 0.1 + b / 1e4).toFixed(4)}`,
      ),
    ]);
    expect(read(passes.join('\n')).runs).toHaveLength(1);
    // two batch lines pasted twice (a terminal copied with a repeat): a repeat, not a relaunch
    const pasted = epochs.flatMap((l, e) => {
      const lines = steps.map((b) => `Epoch ${e + 1} step ${b}/300 loss: ${(l - b / 1e4).toFixed(4)}`);
      return e === 3 ? [lines[0], lines[1], lines[0], lines[1], lines[2]] : lines;
    });
    expect(read(pasted.join('\n')).runs).toHaveLength(1);
    // counters out of order in one epoch (workers reporting as they finish): no relaunch is read in that epoch
    const jumbled = epochs.flatMap((l, e) =>
      (e === 2 ? [100, 300, 200, 100] : steps).map(
        (b, k) => `Epoch ${e + 1} step ${b}/300 loss: ${(l - k / 1e3).toFixed(4)}`,
      ),
    );
    expect(read(jumbled.join('\n')).runs).toHaveLength(1);
  });
});
