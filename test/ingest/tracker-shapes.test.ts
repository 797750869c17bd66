/**
 * Layouts bench/wild22's first read chose: Sacred's metrics.json (a {steps, values, timestamps} entry per metric), a
 * printed log of epochs that ends with a small aligned results table, and the Time-Series-Library's `Vali Loss`.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName: string) => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const train = Array.from({ length: 30 }, (_, i) => 1.2 * Math.exp(-i / 6) + 0.1);
const val = Array.from({ length: 30 }, (_, i) => 1.1 * Math.exp(-i / 5) + 0.004 * Math.max(0, i - 12) ** 1.6 + 0.3);

describe("Sacred's metrics.json", () => {
  const entry = (steps: number[], values: number[]) => ({
    steps,
    values,
    timestamps: steps.map((s) => `2024-01-01T00:00:${String(s % 60).padStart(2, '0')}.000000`),
  });

  it('reads each entry on one step axis, a metric logged at fewer steps absent elsewhere', () => {
    const steps = train.map((_, i) => i);
    const every3 = steps.filter((s) => s % 3 === 2);
    const doc = {
      'training.loss': entry(steps, train),
      'validation.loss': entry(
        every3,
        every3.map((s) => val[s]),
      ),
    };
    const log = read(JSON.stringify(doc, null, 2), 'metrics.json');
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    const t = run.series.find((s) => s.key === 'loss')!;
    const v = run.series.find((s) => s.key === 'val_loss')!;
    expect(t).toMatchObject({ name: 'training.loss', split: 'train' });
    expect(t.y).toHaveLength(30);
    expect(v.x).toEqual(every3);
    expect(v.y).toEqual(every3.map((s) => val[s]));
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('reads steps that repeat (a restart, or per-batch values logged at the epoch) in the order logged, and says so', () => {
    const steps = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];
    const doc = { 'train.loss': entry(steps, train.slice(0, 12)), 'val.loss': entry(steps, val.slice(0, 12)) };
    const log = read(JSON.stringify(doc), 'metrics.json');
    expect(log.warnings.find((w) => w.code === 'repeated_steps')!.message).toContain('in the order they were logged');
    // every value is kept (by step, the second six would have overwritten the first)
    expect(log.runs.flatMap((r) => r.series.filter((s) => s.key === 'loss').flatMap((s) => s.y))).toEqual(
      train.slice(0, 12),
    );
  });

  it('says when repeated steps of entries of different lengths leave the last value logged at a step', () => {
    const doc = {
      'train.loss': entry([0, 1, 2, 0, 1, 2], train.slice(0, 6)),
      'val.loss': entry([0, 1, 2], val.slice(0, 3)),
    };
    const log = read(JSON.stringify(doc), 'metrics.json');
    expect(log.warnings.find((w) => w.code === 'repeated_steps')!.message).toContain('the last value logged');
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toEqual(train.slice(3, 6));
  });

  it('leaves other documents with steps and values to the readers before (a config is no metric)', () => {
    const notMetrics = { 'run.config': entry([0, 1, 2, 3, 4], [1, 2, 3, 4, 5]) };
    expect(() => ingest(JSON.stringify(notMetrics), { fileName: 'metrics.json' })).toThrow();
    // an entry with another key beside steps and values is not Sacred's
    const other = { loss: { ...entry([0, 1, 2, 3, 4], train.slice(0, 5)), best: 0.5 } };
    const log = ingest(JSON.stringify(other), { fileName: 'metrics.json' });
    expect(log.runs[0].xAxis).toBe('epoch');
  });
});

describe("Sacred's info.json as pymarl fills it: each statistic beside its _T steps", () => {
  const pickled = (v: number) => ({ dtype: 'float64', 'py/object': 'numpy.float64', value: v });
  const tensor = { 'py/reduce': [{ 'py/function': 'torch._utils._rebuild_tensor_v2' }, { 'py/tuple': [] }] };
  const logged = train.map((_, i) => 55 + 2000 * i);
  const learnt = train.map((_, i) => 2209 + 2000 * i);
  const tested = [55, 55, 55, 10055, 10055, 10055, 20055, 20055, 20055];
  const info = {
    critic_loss: train,
    critic_loss_T: learnt,
    critic_grad_norm: train.map(() => tensor),
    critic_grad_norm_T: learnt,
    epsilon: train.map((_, i) => Math.max(0.05, 0.5 - i / 60)),
    epsilon_T: logged,
    return_mean: train.map((_, i) => pickled(4 + i / 3)),
    return_mean_T: logged,
    test_return_mean: tested.map((t, i) => pickled(t / 4000 + (i % 3) / 10)),
    test_return_mean_T: tested,
  };

  it('reads every statistic on its own steps: the step lists are no metrics, pickled numpy numbers are numbers', () => {
    const log = read(JSON.stringify(info, null, 1), 'info.json');
    const run = log.runs[0];
    expect(log.runs).toHaveLength(1);
    expect(run.xAxis).toBe('step');
    expect(run.series.map((s) => s.key).sort()).toEqual(['critic_loss', 'epsilon', 'return_mean', 'val_return_mean']);
    const loss = run.series.find((s) => s.key === 'critic_loss')!;
    expect(loss).toMatchObject({ name: 'critic_loss', x: learnt, y: train });
    expect(run.series.find((s) => s.key === 'return_mean')!.y.slice(0, 2)).toEqual([4, 4 + 1 / 3]);
    // three test runners logged at each step: the last one's value stands, and a warning says so
    expect(run.series.find((s) => s.key === 'val_return_mean')!.y).toEqual([
      55 / 4000 + 0.2,
      10055 / 4000 + 0.2,
      20055 / 4000 + 0.2,
    ]);
    expect(log.warnings.find((w) => w.code === 'repeated_steps')?.message).toMatch(/^Steps repeat in this info.json/);
    expect(log.warnings.find((w) => w.code === 'unreadable_values')?.message).toMatch(
      /Left out: "critic_grad_norm" \(objects holding no number, such as pickled tensors\)/,
    );
  });

  it('statistics of one length with a step logged twice stay on their own steps (never paired by position)', () => {
    const n = 9;
    const even = {
      return_mean: train.slice(0, n).map((v) => pickled(1 / v)),
      return_mean_T: Array.from({ length: n }, (_, i) => 55 + 2000 * i),
      critic_loss: train.slice(0, n),
      critic_loss_T: Array.from({ length: n }, (_, i) => 2209 + 2000 * i),
      test_return_mean: tested.map((t) => pickled(t / 1000)),
      test_return_mean_T: tested,
    };
    const log = read(JSON.stringify(even), 'info.json');
    expect(log.runs[0].xAxis).toBe('step');
    expect(log.runs[0].series.find((s) => s.key === 'critic_loss')!.x).toEqual(even.critic_loss_T);
    expect(log.runs[0].series.find((s) => s.key === 'val_return_mean')!.x).toEqual([55, 10055, 20055]);
    expect(log.warnings.find((w) => w.code === 'repeated_steps')?.message).toMatch(
      /the last value logged at each step/,
    );
  });

  it('a pickled object that is no numpy scalar is no number, and bookkeeping alone is no log', () => {
    const arrays = { ...info, epsilon: info.epsilon.map((v) => ({ 'py/object': 'numpy.ndarray', value: v })) };
    const log = read(JSON.stringify(arrays), 'info.json');
    expect(log.runs[0].series.some((s) => s.key === 'epsilon')).toBe(false);
    expect(log.warnings.find((w) => w.code === 'unreadable_values')?.message).toMatch(/"epsilon"/);
    // two statistics whose names say "loss" but are bookkeeping (a time spent on the loss) name no metric: the
    // file is read as before, by position
    const timed = { loss_time: train, loss_time_T: logged, epsilon: info.epsilon, epsilon_T: logged };
    expect(ingest(JSON.stringify(timed), { fileName: 'info.json' }).runs[0].xAxis).toBe('epoch');
  });

  it('needs every statistic beside its steps (whole, never going down), of the same length, and two of them', () => {
    // not this layout: the reader before it reads the lists by position (an epoch axis), step lists and all
    const notInfo = (doc: object) => {
      const log = ingest(JSON.stringify(doc), { fileName: 'info.json' });
      expect(log.runs.every((r) => r.xAxis === 'epoch')).toBe(true);
      expect(log.warnings.some((w) => w.code === 'unreadable_values' || w.code === 'repeated_steps')).toBe(false);
      return log;
    };
    const { critic_loss_T: _, ...unpaired } = info;
    notInfo(unpaired);
    notInfo({ ...info, critic_loss_T: learnt.slice(1) });
    notInfo({ critic_loss: train, critic_loss_T: learnt });
    // a `_T` list of falling floats (a target domain's loss, a teacher's) is a curve, not steps: all four are read
    const domains = { loss: train, loss_T: val, acc: train.map((t) => 1 - t / 2), acc_T: val.map((v) => 1 - v / 2) };
    expect(notInfo(domains).runs[0].series).toHaveLength(4);
    // steps that go back are no t_env either, nor steps below 0
    notInfo({ ...info, critic_loss_T: [...learnt.slice(0, -1), 0] });
    notInfo({ ...info, critic_loss_T: learnt.map((t) => t - 5000) });
    // a list of numbers and other things (a list among them) is not pymarl's
    notInfo({ ...info, epsilon: info.epsilon.map((v, i) => (i === 3 ? [v, v] : v)) });
    // ... nor steps that are not whole, a `_T` list without its statistic, one statistic left with numbers, or
    // statistics that name no metric
    notInfo({ ...info, critic_loss_T: learnt.map((t) => t + 0.5) });
    notInfo({ ...info, orphan_T: learnt });
    const tensors = { critic_grad_norm: info.critic_grad_norm, critic_grad_norm_T: learnt };
    notInfo({ critic_loss: train, critic_loss_T: learnt, ...tensors });
    const bookkeeping = {
      epsilon: info.epsilon,
      epsilon_T: logged,
      ep_length: train.map((_, i) => 50 + i),
      ep_length_T: logged,
    };
    notInfo(bookkeeping);
  });
});

describe('a printed log of epochs that ends with a small results table', () => {
  const epochs = (seed: number) =>
    val.map((v, i) => `    Epoch ${String(i + 1).padStart(3)} | Val MAE ${(v + seed / 1000).toFixed(4)}`);
  const table = [
    'Strategy       MAE-1h   MAE-3h   MAE-avg  RMSE-1h',
    '------------------------------------------------',
    'general        0.1162   0.1660   0.1721   0.2781',
    'binary         0.1173   0.1660   0.1731   0.2783',
    'typeemb        0.1186   0.1671   0.1733   0.2820',
  ];

  it("is read from its epoch lines, not the table's three rows", () => {
    const text = ['Seed 42 ...', ...epochs(0), 'Seed 123 ...', ...epochs(3), '', 'FINAL RESULTS', ...table].join('\n');
    const log = read(text, 'lstm_log.txt');
    expect(log.format).toBe('text');
    expect(log.runs.at(-1)!.series.find((s) => s.key === 'val_mae')!.y).toHaveLength(30);
  });

  it('a table that counts epochs stays the log, however many iteration prints come before it', () => {
    const iters = Array.from(
      { length: 50 },
      (_, i) => `Iter ${(i + 1) * 50} loss: ${(2.3 * Math.exp(-i / 20)).toFixed(3)}`,
    );
    const rows = train.map((t, i) => `${String(i + 1).padStart(5)}  ${t.toFixed(4)}  ${val[i].toFixed(4)}`);
    const log = read([...iters, '', 'epoch  train_loss  val_loss', ...rows].join('\n'), 'train.log');
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('a table that is the log (its rows most of the text) is still read as the table', () => {
    const rows = train.map((t, i) => `${String(i + 1).padStart(5)}  ${t.toFixed(4)}  ${val[i].toFixed(4)}`);
    const text = ['Training summary', 'epoch  train_loss  val_loss', ...rows, 'Remarks: done'].join('\n');
    const log = read(text, 'train.log');
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
    expect(log.runs[0].series[0].y).toHaveLength(30);
  });
});

describe("the Time-Series-Library's loops (Informer, Autoformer, PatchTST)", () => {
  it('reads "Vali Loss" as the validation loss and "Test Loss" beside it as the test curve', () => {
    const lines = train.flatMap((t, i) => [
      `Epoch: ${i + 1} cost time: 3.19`,
      `Epoch: ${i + 1}, Steps: 64 | Train Loss: ${t.toFixed(7)} Vali Loss: ${val[i].toFixed(7)} Test Loss: ${(val[i] - 0.1).toFixed(7)}`,
      'Validation loss decreased (inf --> 1.472452).  Saving model ...',
    ]);
    const log = read(lines.join('\n'), 'PatchTST_ETTh1_336_96.log');
    const keys = log.runs[0].series.map((s) => `${s.key}:${s.split}`);
    expect(keys).toEqual(['loss:train', 'val_loss:val', 'test_loss:test']);
    // and as a column prefix
    const csv = read(['epoch,train_loss,vali_loss', ...train.map((t, i) => `${i},${t},${val[i]}`)].join('\n'), 'x.csv');
    expect(csv.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
  });

  // iteration lines inside each epoch, then the epoch's summary line with its step count (bench/wild55)
  const epochLines = (i: number, t: number, steps = 284) => [
    `\titers: 100, epoch: ${i + 1} | loss: ${(t * 1.6).toFixed(7)}`,
    '\tspeed: 0.2345s/iter; left time: 6637.1587s',
    `\titers: 200, epoch: ${i + 1} | loss: ${(t * 0.7).toFixed(7)}`,
    `Epoch: ${i + 1} cost time: 65.6`,
    `Epoch: ${i + 1}, Steps: ${steps} | Train Loss: ${t.toFixed(7)} Vali Loss: ${val[i].toFixed(7)} Test Loss: ${(val[i] - 0.1).toFixed(7)}`,
  ];

  it("the epoch's summary line is the epoch's point, its step count no position: the batch losses give way to it", () => {
    const text = [...train.flatMap((t, i) => epochLines(i, t)), '\titers: 100, epoch: 31 | loss: 0.2000000'];
    const log = read(text.join('\n'), 'PatchTST_weather_336_96.log');
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    // one point an epoch, the summary's mean; the last epoch, cut before its summary, keeps its batch
    expect(loss.x).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(loss.y.slice(0, 30)).toEqual(train.map((t) => +t.toFixed(7)));
    expect(loss.y[30]).toBe(0.2);
    expect(log.runs[0].rowsWithinEpochs).toBeFalsy();
  });

  it("the epoch's only step line is its summary: the epoch's mean, not the progress bar's last batch", () => {
    // a tqdm bar, then the summary drawn after the next bar's first frame ("0/83 [...]Epoch 1 done ...")
    const bars = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `Epoch ${i + 1}/8`,
        `  Training: 100%|##########| 83/83 [05:27<00:00,  3.94s/batch, loss=${(t * 1.4).toFixed(4)}]`,
        `  Training:   0%|          | 0/83 [00:00<?, ?batch/s]Epoch ${i + 1} done in 368.8s - Train Loss: ${t.toFixed(4)} | Val Loss: ${val[i].toFixed(4)}`,
      ]);
    const loss = read(bars.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.y).toEqual(train.slice(0, 8).map((t) => +t.toFixed(4)));
  });

  it('a step line is no summary when a later one counts further, or two lines of the epoch hold held-out values', () => {
    // "Epoch 1, Step 100/200 | ... val_loss" mid-epoch, then a step line further on: both are points inside it
    const mid = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `Epoch: ${i + 1}, Steps: 100 | Train Loss: ${t.toFixed(7)} Vali Loss: ${val[i].toFixed(7)}`,
        `Epoch: ${i + 1}, Steps: 200 | Train Loss: ${(t * 0.9).toFixed(7)}`,
      ]);
    expect(read(mid.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(16);
    const twice = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `\titers: 50, epoch: ${i + 1} | loss: ${(t * 1.3).toFixed(7)}`,
        `Epoch: ${i + 1}, Steps: 100 | Train Loss: ${t.toFixed(7)} Vali Loss: ${val[i].toFixed(7)}`,
        `Epoch: ${i + 1}, Steps: 200 | Train Loss: ${(t * 0.9).toFixed(7)} Vali Loss: ${(val[i] * 0.9).toFixed(7)}`,
      ]);
    expect(read(twice.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(16);
    // a loop that evaluates on its last batch's line: that batch stays a point inside the epoch, not its mean
    const lastBatch = train
      .slice(0, 8)
      .flatMap((t, i) =>
        [50, 100, 150, 200].map(
          (st) =>
            `Epoch ${i + 1} | Step ${i * 200 + st} | loss ${(t * (1 + st / 1000)).toFixed(4)}` +
            (st === 200 ? ` | val_loss ${val[i].toFixed(4)}` : ''),
        ),
      );
    expect(read(lastBatch.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(32);
    // ... also when that line adds a metric the batches do not log (an accuracy): nothing of theirs is restated
    const withAcc = lastBatch.map((l) => l.replace(' | val_loss', ' | acc 0.8 | val_loss'));
    expect(read(withAcc.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(32);
    // the held-out values on an earlier step line than the one restating the training loss: no summary either
    const split = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `\titers: 100, epoch: ${i + 1} | loss: ${(t * 1.3).toFixed(7)}`,
        `Epoch: ${i + 1}, Steps: 100 | Vali Loss: ${val[i].toFixed(7)}`,
        `Epoch: ${i + 1}, Steps: 200 | Train Loss: ${t.toFixed(7)}`,
      ]);
    expect(read(split.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(16);
    // ... and with the epoch's own summary line after it, one run: the summary is the epoch's point
    const summarised = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `Epoch ${i + 1} | Step 100/200 | loss ${(t * 1.1).toFixed(4)}`,
        `Epoch ${i + 1} | Step 200/200 | Train Loss ${t.toFixed(4)} | val_loss ${val[i].toFixed(4)}`,
        `Epoch ${i + 1} done | Train Loss ${(t * 1.05).toFixed(4)}`,
      ]);
    const once = read(summarised.join('\n'), 'log.txt');
    expect(once.runs).toHaveLength(1);
    expect(once.runs[0].series.find((s) => s.key === 'val_loss')!.y).toHaveLength(8);
    // ... or an epoch summary of its own without an epoch marker, after the step line: that summary stands
    const ownSummary = summarised.map((l) => l.replace(/^Epoch \d+ done \| Train Loss/, 'Train loss:'));
    const own = read(ownSummary.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!;
    expect(own.y).toEqual(train.slice(0, 8).map((t) => +(t * 1.05).toFixed(4)));
    // step lines under an epoch's header count positions inside it, even the last one with a validation loss
    const block = train
      .slice(0, 8)
      .flatMap((t, i) => [
        `Epoch ${i + 1}/8`,
        `Step 100 | loss: ${(t * 1.1).toFixed(7)}`,
        `Step 200 | train_loss: ${t.toFixed(7)} | val_loss: ${val[i].toFixed(7)}`,
      ]);
    expect(read(block.join('\n'), 'log.txt').runs[0].series.find((s) => s.key === 'loss')!.y).toHaveLength(16);
  });
});
