/**
 * Files of numbers alone (number-list.ts): named by a file name that is a metric's (`val_loss.txt`), and
 * numpy's printed array, which no other reader takes. What the numbers cannot say stays refused.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { metricFromFileName } from '../../src/ingest/formats/number-list.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName?: string) => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const only = (log: ReturnType<typeof ingest>) => {
  expect(log.runs).toHaveLength(1);
  expect(log.runs[0].series).toHaveLength(1);
  return log.runs[0].series[0];
};
const rising = [0.078, 0.08, 0.113, 0.1136, 0.1135, 0.1134, 0.1133];
const falling = [3.0566, 2.9377, 2.8716, 2.8303, 2.7933, 2.7732, 2.7543];

describe('the file name names the numbers', () => {
  it('metric names as file names, and names that are not', () => {
    expect(metricFromFileName('val_loss.txt')).toBe('val_loss');
    expect(metricFromFileName('logs/train_losses.json')).toBe('train_losses');
    expect(metricFromFileName('val_acc_history.txt')).toBe('val_acc');
    expect(metricFromFileName('loss_train.csv')).toBe('loss_train');
    expect(metricFromFileName('C:\\runs\\mae.csv')).toBe('mae');
    // how the values were pooled, or what they were counted per, around the name (these files were refused)
    expect(metricFromFileName('avg_rewards.txt')).toBe('rewards');
    expect(metricFromFileName('rewards_per_episode.csv')).toBe('rewards');
    expect(metricFromFileName('episode_returns.csv')).toBe('returns');
    expect(metricFromFileName('epoch_losses.json')).toBe('losses');
    // a reward after its agent's name (a PPO agent's rewards were read as a training loss)
    expect(metricFromFileName('ppo_rewards.csv')).toBe('rewards');
    expect(metricFromFileName('dqn_returns.txt')).toBe('returns');
    expect(metricFromFileName('eval_rewards.csv')).toBe('eval_rewards');
    expect(metricFromFileName('train_rewards.csv')).toBe('train_rewards');
    expect(metricFromFileName('holdout_rewards.txt')).toBe('holdout_rewards');
    for (const n of [
      'episode.txt',
      'ep_len.txt',
      'avg_time.txt',
      'message.txt',
      'data.csv',
      'loss_function_notes.txt',
      'ppo_clip.txt',
      'two_word_rewards.txt',
      // a statistic or a split before a reward is no agent: the stem is no metric's name alone
      'std_rewards.txt',
      'cumulative_rewards.txt',
      'daily_returns.csv',
      'history.json',
      'lr.txt',
      'loss.png',
      'loss',
    ]) {
      expect(metricFromFileName(n), n).toBeUndefined();
    }
    expect(metricFromFileName(undefined)).toBeUndefined();
  });

  it("a DDPG's average reward per episode under avg_rewards.txt rises as a reward, not as a diverging loss", () => {
    const text = Array.from({ length: 40 }, (_, e) => `${e + 1},${(30 * (1 - Math.exp(-e / 8))).toFixed(2)}`).join(
      '\n',
    );
    const log = read(text, 'avg_rewards.txt');
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['rewards']);
    expect(log.warnings.map((w) => w.code)).toContain('named_by_file');
    expect(log.warnings.find((w) => w.code === 'named_by_file')!.message).toMatch(/an epoch and a value per line/);
  });

  it('a JSON list under val_loss.json is the validation loss, even rising (a bare list alone must fall)', () => {
    const text = JSON.stringify(rising);
    expect(() => ingest(text)).toThrow(IngestError);
    const log = read(text, 'train_loss.json');
    expect(log.format).toBe('keras-history-json');
    const s = only(log);
    expect([s.key, s.name]).toEqual(['loss', 'train_loss']);
    expect(s.y).toEqual(rising);
    expect(log.warnings.map((w) => w.code)).toEqual(['named_by_file']);
    expect(only(read(text, 'val_loss.json')).key).toBe('val_loss');
  });

  it('one number per line (np.savetxt), and "epoch_value" lines counted from 1', () => {
    const col = read(falling.map((v) => v.toExponential(8)).join('\n') + '\n', 'val_loss.txt');
    expect(only(col).key).toBe('val_loss');
    expect(only(col).x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const counted = read(falling.map((v, i) => `${i + 1}_${v}`).join('\n'), 'val_loss.txt');
    expect(only(counted).x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(only(counted).y).toEqual(falling);
    const from0 = read(falling.map((v, i) => `${i}: ${v}`).join('\n'), 'val_acc.txt');
    expect(only(from0).key).toBe('val_accuracy');
    expect(from0.runs[0].epochNumbering).toBe('from0');
  });

  it('"Epoch 3: 0.51" lines, and a JSON dict from epoch to value (json.dump of {epoch: loss})', () => {
    const printed = read(falling.map((v, i) => `Epoch ${i + 1}: ${v}`).join('\n') + '\n', 'epoch_losses.txt');
    expect([only(printed).key, only(printed).x, only(printed).y]).toEqual(['loss', [1, 2, 3, 4, 5, 6, 7], falling]);
    const planned = read(falling.map((v, i) => `Epoch ${i + 1}/7: ${v}`).join('\n'), 'epoch_losses.txt');
    expect(only(planned).x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // every 5 epochs: still epochs, by the word or by the file's name
    const every5 = read(falling.map((v, i) => `Epoch ${5 * (i + 1)}/35: ${v}`).join('\n'), 'val_loss.txt');
    expect([every5.runs[0].xAxis, only(every5).x]).toEqual(['epoch', [5, 10, 15, 20, 25, 30, 35]]);
    const dict5 = read(`{${falling.map((v, i) => `"${5 * (i + 1)}": ${v}`).join(', ')}}`, 'epoch_losses.json');
    expect(dict5.runs[0].xAxis).toBe('epoch');
    expect(read(falling.map((v, i) => `${5 * (i + 1)} ${v}`).join('\n'), 'val_loss.txt').runs[0].xAxis).toBe('step');
    const entries = falling.map((v, i) => `    "${String(i + 1).padStart(3, '0')}":  ${v}`);
    const dict = read(`{\n${entries.join(',\n')}\n}`, 'epoch_losses.json');
    expect(dict.format).toBe('keras-history-json');
    expect([only(dict).key, only(dict).x, only(dict).y]).toEqual(['loss', [1, 2, 3, 4, 5, 6, 7], falling]);
    expect(dict.warnings[0].message).toMatch(/^The file is a dict from epoch to value without a name inside/);
    // json.dumps(sort_keys=True) puts "10" before "2": read in the epochs' order
    const twelve = Array.from({ length: 12 }, (_, i) => [String(i + 1), 1 / (i + 1)] as const);
    const sorted = [...twelve].sort(([a], [b]) => (a < b ? -1 : 1));
    const byKey = only(read(`{${sorted.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`, 'epoch_loss.json'));
    expect(byKey.y).toEqual(twelve.map(([, v]) => v));
    // a key that is no epoch, or no name in the file's: no loss read from it
    const noLoss = (text: string, fileName: string) => {
      try {
        return !ingest(text, { fileName }).runs.some((r) => r.series.some((x) => x.kind === 'loss'));
      } catch (e) {
        return e instanceof IngestError;
      }
    };
    const keyed = `{${falling.map((v, i) => `"${i + 1}": ${v}`).join(', ')}, "best": 2.75}`;
    expect(noLoss(keyed, 'epoch_losses.json')).toBe(true);
    expect(noLoss(`{${entries.join(',')}}`, 'results.json')).toBe(true);
  });

  it('one wrapped value a line: a tensor as str() prints it, a one-element list', () => {
    // both were refused: the wrapper's words and brackets read as more than one value a line
    const tensors = read(
      falling.map((v) => `tf.Tensor(${v}, shape=(), dtype=float32)`).join('\n') + '\n',
      'val_loss_history.txt',
    );
    expect([only(tensors).key, only(tensors).y]).toEqual(['val_loss', falling]);
    const torch = read(falling.map((v) => `tensor(${v}, device='cuda:0')`).join('\n'), 'train_loss.txt');
    expect(only(torch).y).toEqual(falling);
    // a loss that turned NaN keeps its NaN (the divergence finding needs it)
    const nan = read([...falling, 'nan'].map((v) => `tensor(${v})`).join('\n'), 'train_loss.txt');
    expect(Number.isNaN(only(nan).y.at(-1))).toBe(true);
    const acc = falling.map((v) => v / 10);
    const listed = read(acc.map((v) => `[${v}]`).join('\n') + '\n', 'dev_acc.txt');
    expect([only(listed).key, only(listed).y]).toEqual(['val_accuracy', acc]);
    // a line of another shape among them, or two values in one bracket: no list of values
    expect(() => read([...falling.map((v) => `[${v}]`), '[1, 2]'].join('\n'), 'dev_acc.txt')).toThrow(IngestError);
    expect(() => read([...falling.map((v) => `[${v}]`), 'done'].join('\n'), 'dev_acc.txt')).toThrow(IngestError);
  });

  it('a JSON dict keyed by epoch names ({"epoch0": 46.5, "epoch1": 53.3}), and records keyed so', () => {
    // each key was read as a metric of one point: nothing to judge
    for (const key of ['epoch', 'epoch_', 'Epoch ', 'ep']) {
      const log = read(`{${falling.map((v, i) => `"${key}${5 * i}": ${v}`).join(', ')}}`, 'val_losses.json');
      expect([only(log).key, only(log).y]).toEqual(['val_loss', falling]);
      // epochs by their name, however far apart, counted from 0 as the keys are
      expect([log.runs[0].xAxis, log.runs[0].epochNumbering, only(log).x[1]]).toEqual(['epoch', 'from0', 6]);
    }
    // a key that is no epoch's stays out (a negative count, another word)
    for (const key of ['-', 'step']) {
      const text = `{${falling.map((v, i) => `"${key}${i}": ${v}`).join(', ')}}`;
      const log = ingest(text, { fileName: 'val_losses.json' });
      expect(log.runs[0].series.some((x) => x.key === 'val_loss' && x.y.length > 1)).toBe(false);
    }
    const records = Object.fromEntries(falling.map((v, i) => [`epoch_${i + 1}`, { loss: v, val_loss: v * 1.1 }]));
    const log = ingest(JSON.stringify(records), { fileName: 'history.json' });
    expect(log.runs[0].series.map((x) => x.key)).toEqual(['loss', 'val_loss']);
    expect(log.runs[0].series[0].y).toEqual(falling);
    // the keys' epochs, however far apart, and from 0 when they count from 0
    const every5 = Object.fromEntries(falling.map((v, i) => [`epoch_${5 * (i + 1)}`, { loss: v }]));
    expect(ingest(JSON.stringify(every5)).runs[0].series[0].x).toEqual([5, 10, 15, 20, 25, 30, 35]);
    const from0 = ingest(JSON.stringify(Object.fromEntries(falling.map((v, i) => [`epoch_${i}`, { loss: v }]))));
    expect(from0.runs[0].epochNumbering).toBe('from0');
    // pandas orient='split': its index is no metric list (it was read as the only one, holding no metric)
    const split = {
      columns: ['loss', 'val_loss'],
      index: falling.map((_, i) => i),
      data: falling.map((v) => [v, v * 1.1]),
    };
    expect(ingest(JSON.stringify(split)).runs[0].series.map((x) => x.key)).toEqual(['loss', 'val_loss']);
    // ... and only that shape: a history saved beside a table's columns and data keeps its lists
    const beside = { loss: falling, val_loss: falling, columns: ['loss', 'val_loss'], data: [[1, 2]] };
    expect(ingest(JSON.stringify(beside)).runs[0].series[0].y).toEqual(falling);
  });

  it('a step counter, a float-written counter, and a test curve alone (read as the held-out curve)', () => {
    const steps = read(falling.map((v, i) => `${i * 100} ${v}`).join('\n'), 'val_loss.txt');
    expect(steps.runs[0].xAxis).toBe('step');
    expect([only(steps).key, only(steps).x]).toEqual(['val_loss', [0, 100, 200, 300, 400, 500, 600]]);
    const savetxt = read(
      falling.map((v, i) => `${(i + 1).toExponential(18)} ${v.toExponential(18)}`).join('\n'),
      'val_loss.txt',
    );
    expect([only(savetxt).key, only(savetxt).x]).toEqual(['val_loss', [1, 2, 3, 4, 5, 6, 7]]);
    const test = read(JSON.stringify(falling), 'test_loss.json');
    expect([only(test).key, only(test).name]).toEqual(['val_loss', 'val_loss']);
    expect(test.warnings[0].message).toMatch(/read as val_loss \(the held-out curve\), from the file's name test_loss/);
  });

  it('more counters before the value ("3 30000 0.51"), and runs appended where the counter falls back', () => {
    // a DQN's evaluation rewards: index, step, reward; a run of 8, a blank line, then a restart from 0
    const run = (n: number, f: (i: number) => number) =>
      Array.from({ length: n }, (_, i) => `${String(i).padStart(3)} ${String(i * 100000).padStart(8)} ${f(i)}`);
    const text = [...run(8, (i) => 4 + i), '', ...run(12, (i) => 20 + 3 * i)].join('\n');
    const log = read(text, 'rewards.txt');
    expect(log.runs.map((r) => [r.label, r.xAxis, r.series[0].key, r.series[0].x.length])).toEqual([
      ['run 1 of 2 (from epoch 0)', 'epoch', 'rewards', 8],
      ['run 2 of 2 (from epoch 0)', 'epoch', 'rewards', 12],
    ]);
    expect(log.runs[1].series[0].y.slice(0, 2)).toEqual([20, 23]);
    expect(log.warnings.map((w) => w.code)).toEqual(['named_by_file', 'multiple_runs']);
    // by steps, each run starts where its counter does
    const steps = read([...falling, ...falling].map((v, i) => `${(i % 7) * 50 + 50} ${v}`).join('\n'), 'val_loss.txt');
    expect(steps.runs.map((r) => [r.label, r.xAxis, r.series[0].x[0]])).toEqual([
      ['run 1 of 2 (from step 50)', 'step', 50],
      ['run 2 of 2 (from step 50)', 'step', 50],
    ]);
  });

  it('a counter that repeats, falls every line, or a second counter that does not rise: no list', () => {
    const noList = (text: string) => {
      try {
        return !ingest(text, { fileName: 'val_loss.txt' }).warnings.some((w) => w.code === 'named_by_file');
      } catch (e) {
        return e instanceof IngestError;
      }
    };
    expect(noList(falling.map((v) => `10,${v}`).join('\n'))).toBe(true);
    expect(noList(falling.map((v, i) => `${7 - i} ${v}`).join('\n'))).toBe(true);
    expect(noList(falling.map((v, i) => `${i + 1} ${(i * 7) % 5} ${v}`).join('\n'))).toBe(true);
    // a run of one line after a restart is no run
    expect(noList([...falling.map((v, i) => `${i + 1} ${v}`), '1 0.5'].join('\n'))).toBe(true);
    // with more counters: a year is no index, a value that rises by one no step, and an index that starts again
    // while the step goes on is one training resumed, not runs
    expect(noList(falling.map((v, i) => `${2021 + i} ${i + 1} ${v}`).join('\n'))).toBe(true);
    expect(noList(falling.map((v, i) => `${i + 1} ${i + 2} ${i + 3}`).join('\n'))).toBe(true);
    const resumed = [
      ...falling.slice(0, 4).map((v, i) => `${i} ${i * 1000} ${v}`),
      ...falling.slice(4).map((v, i) => `${i} ${4000 + i * 1000} ${v}`),
    ];
    expect(noList(resumed.join('\n'))).toBe(true);
  });

  it('two values on a line, a header, or a word is not a list: the other readers decide', () => {
    const two = falling.map((v) => `${v},${v + 0.2}`).join('\n');
    const log = read(two, 'loss.txt');
    expect(log.warnings.some((w) => w.code === 'named_by_file')).toBe(false);
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss', 'val_loss']);
    const headed = read(['val_loss', ...falling].join('\n'), 'loss.txt');
    expect(only(headed).key).toBe('val_loss');
    expect(() => ingest(['a', ...rising].join('\n'), { fileName: 'val_loss.txt' })).toThrow(IngestError);
  });
});

describe("numpy's printed array", () => {
  it('[3.05664849 2.93768525 ...] wrapped over lines is the training loss when it falls', () => {
    const text = `[${falling.slice(0, 4).join(' ')}\n ${falling.slice(4).join('  ')}]\n`;
    const s = only(read(text));
    expect([s.key, s.y]).toEqual(['loss', falling]);
    // named by the file, it is that metric
    expect(only(read(text, 'val_loss.txt')).key).toBe('val_loss');
    // array(...) and tensor(...) around it
    expect(only(read(`array([${falling.join(', ')}], dtype=float32)`, 'val_loss.txt')).y).toEqual(falling);
    expect(only(read(`tensor([${falling.join(' ')}])`)).y).toEqual(falling);
  });

  it('a rising array without a name, a 2-D array, or too few numbers is refused with a message', () => {
    expect(() => ingest(`[${rising.join(' ')}]`)).toThrow(IngestError);
    expect(() => ingest(`[[${falling.join(' ')}]\n [${falling.join(' ')}]]`)).toThrow(IngestError);
    expect(() => ingest('[0.5 0.4 0.3]', { fileName: 'loss.txt' })).toThrow(IngestError);
  });

  it('a huge list under a metric name is capped, and long junk lines stay linear', () => {
    const big = Array.from({ length: 2001 }, (_, i) => 1 / (i + 1)).join('\n');
    expect(() => ingest(big, { fileName: 'loss.txt', limits: { maxRows: 2000 } })).toThrow(/limit/);
    const junk = '1 ' + '1'.repeat(50_000) + 'x\n';
    // (the test's own timeout is the hang guard; redos.test.ts times the readers' patterns)
    expect(() => ingest(junk.repeat(20), { fileName: 'loss.txt' })).toThrow(IngestError);
  });
});
