/**
 * Printed lines whose words around the values had hidden them (session 17, from the seventh wild batch):
 * a checkpoint mark after the values, a setting printed with its value before them, an epoch counter
 * glued to its word, and rewards named as scores (and Stable-Baselines' evaluation lines counted in timesteps).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { canonicalName } from '../../src/ingest/names.js';
import { checkLog } from './helpers/ingest-worker.js';

const read = (text: string, fileName?: string) => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const series = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key);
const losses = [2.91, 2.52, 2.31, 2.2, 2.14, 2.1, 2.08];

describe('marks and settings around the values', () => {
  it('"Epoch 03 | train 2.31 | val 2.40 (saved)": the checkpoint mark after the values keeps the line', () => {
    const text = losses
      .map(
        (l, i) => `10:0${i}:00 | Epoch 0${i + 1} | train ${l} | val ${(l + 0.1).toFixed(2)}${i % 2 ? '' : ' (saved)'}`,
      )
      .join('\n');
    const log = read(text);
    expect(series(log, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(series(log, 'val_loss')!.y).toEqual(losses.map((l) => +(l + 0.1).toFixed(2)));
    // a checkpoint word before the values is still a checkpoint line, not an epoch
    const saving = text + '\nSaved best model (epoch 03, val 2.40)';
    expect(series(read(saving), 'loss')!.x).toHaveLength(7);
  });

  it("what follows the mark is the checkpoint's: no second epoch, no counter read as a metric", () => {
    const lines = losses.map((l, i) => `Epoch ${i + 1} | train ${l} | val ${(l + 0.1).toFixed(2)}`);
    // "best epoch 7" after the values names no epoch of its own; a line whose only epoch follows the mark is chatter
    const best = read(lines.map((l) => l + ' (best at epoch 2)').join('\n'));
    expect(series(best, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const final = read([...lines, 'Final: train 2.05 val 2.17, best epoch 7'].join('\n'));
    expect(final.runs).toHaveLength(1);
    expect(series(final, 'loss')!.y).toEqual(losses);
    // "EarlyStopping counter: 1 out of 5" after the values is no metric
    const early = read(lines.map((l) => l + ' EarlyStopping counter: 1 out of 5').join('\n'));
    expect(early.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
  });

  it('"Load file: None, EP3, avg_loss=0.0043": a setting printed with its value is no checkpoint line', () => {
    const text = losses.map((l, i) => `Load file: None, EP${i}, avg_loss=${(l / 100).toFixed(4)}`).join('\n');
    const log = read(text);
    expect(series(log, 'loss')!.y).toEqual(losses.map((l) => +(l / 100).toFixed(4)));
    expect(log.runs.at(-1)!.series[0].x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // loading a checkpoint (a path, not a setting's value) is still chatter
    const loading = 'Loading checkpoint from runs/a.pt, EP2, avg_loss=0.5\n' + text;
    expect(series(read(loading), 'loss')!.y).toHaveLength(7);
  });

  it('an epoch counter glued to its word ("Epoch3/20", "EP12,") marks the epoch', () => {
    // resumed at epoch 5: the glued counters, not the lines' positions, are the epochs
    const text = losses.map((l, i) => `Epoch${i + 5}/20 loss=${l} val_loss=${(l + 0.2).toFixed(2)}`).join('\n');
    const log = read(text);
    expect(series(log, 'val_loss')!.x).toEqual([5, 6, 7, 8, 9, 10, 11]);
    // "Epoch1.5" is a fraction of an epoch and "Ep3:30" a time, as with a space: the lines' positions are the epochs
    for (const head of ['Epoch1.5', 'Ep3:30']) {
      const odd = losses.map((l, i) => `${head.replace(/\d/, String(i + 5))} loss=${l}`).join('\n');
      expect(series(read(odd), 'loss')!.x, head).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
  });

  it('"e3 s1200 loss=0.041": an epoch and a step glued to their letters at the head of a line count, never name', () => {
    // a custom loop's running mean every 50 steps, then "== epoch 0 done avg_loss=0.00078 best=0.00078 =="
    const steps = (e: number) =>
      Array.from(
        { length: 5 },
        (_, k) => `e${e} s${e * 250 + (k + 1) * 50} loss=${(0.05 / (e + 1) / (k + 1)).toFixed(5)} 26.7it/s`,
      );
    const avg = [0.0078, 0.0022, 0.0018, 0.0016, 0.0015];
    const lines = avg.flatMap((a, e) => [...steps(e), `== epoch ${e} done avg_loss=${a} best=${a} ==`]);
    const log = read(lines.join('\n'));
    // every step line was a series of its own ("s50_loss", "s100_loss", ...) and the summary "done_avg_loss"
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.map((x) => x.key)).toEqual(['loss']);
    expect(series(log, 'loss')!.y).toEqual(avg);
    // without the summaries, the steps are points inside their epochs
    const bare = read(avg.flatMap((_, e) => steps(e)).join('\n'));
    expect(series(bare, 'loss')!.y).toHaveLength(25);
    expect(series(bare, 'loss')!.x.at(-1)).toBe(5);
    // the step counts: the same epoch started again from its first step is a second run (a relaunch)
    const again = read([...steps(0), ...steps(0).map((l) => l.replace(/loss=0\.0/, 'loss=0.1'))].join('\n'));
    expect(again.runs).toHaveLength(2);
  });

  it('"Eval Acc (total): 0.88": a pooling word in brackets between a name and its value leaves the name as it is', () => {
    const log = read(
      losses
        .map((l, i) => [
          `epoch: ${i + 1}/7 Train loss (avg): ${l}, Acc: 0.8`,
          `Eval Acc (total): ${(0.8 + i / 100).toFixed(2)}`,
        ])
        .flat()
        .join('\n'),
    );
    expect(series(log, 'loss')!.y).toEqual(losses);
    // the evaluation's accuracy was lost: "(total):" cut the name from its value
    expect(series(log, 'val_accuracy')!.y).toEqual(losses.map((_, i) => +(0.8 + i / 100).toFixed(2)));
    // without the colon too; a bracketed word that names another quantity ("(ema)") is no pooling word
    const bare = read(losses.map((l, i) => `Epoch ${i + 1}: Acc (total) ${(0.8 + i / 100).toFixed(2)}`).join('\n'));
    expect(series(bare, 'accuracy')!.y).toHaveLength(7);
    // a bracketed word that tells a component apart (a physics-informed net's data and residual terms) is not the
    // loss itself: the total stays the loss
    const parts = read(
      losses
        .map((l, i) => `Epoch ${i + 1} | Loss (total): ${l} | Loss (data): ${(l / 2).toFixed(3)} | Loss (pde): 0.1`)
        .join('\n'),
    );
    expect(series(parts, 'loss')!.y).toEqual(losses);
    const ema = read(
      losses.map((l, i) => `Epoch ${i + 1}: Val Loss: ${l}, Val Loss (ema): ${(l - 0.1).toFixed(2)}`).join('\n'),
    );
    expect(series(ema, 'val_loss')!.y).toEqual(losses);
  });

  it('"== Epoch 3 finished loss=0.41 ==": the word that ends the epoch is no part of the name', () => {
    const log = read(
      losses.map((l, i) => `== Epoch ${i + 1} finished loss=${l} val_loss=${(l + 0.1).toFixed(2)} ==`).join('\n'),
    );
    expect(series(log, 'loss')!.y).toEqual(losses);
    expect(series(log, 'val_loss')).toBeDefined();
  });
});

describe('names', () => {
  it('cost is the loss under its textbook name; DSC (Dice) is a score', () => {
    expect(canonicalName('cost')).toMatchObject({ key: 'loss', kind: 'loss' });
    expect(canonicalName('val_cost')).toMatchObject({ key: 'val_loss', kind: 'loss' });
    expect(canonicalName('val_DSC')).toMatchObject({ split: 'val', kind: 'score' });
    const text = losses
      .map((l, i) => `epoch ${i}/9 mean cost ${(l * 5).toFixed(6)}\nelapsed time: ${i * 18} mins`)
      .join('\n');
    expect(series(read(text), 'loss')!.y).toEqual(losses.map((l) => +(l * 5).toFixed(6)));
  });
});

describe('correlations', () => {
  it('a Pearson or Spearman correlation is a score (higher is better); a count of correct answers is not', () => {
    for (const n of ['val_pccs', 'pcc', 'pearson_r', 'val_pearsonr', 'spearman', 'val_spearman_rho', 'corr'])
      expect(canonicalName(n).kind, n).toBe('score');
    expect(canonicalName('num_correct').kind).toBe('other');
    expect(canonicalName('corr_loss').kind).toBe('loss');
    // an error of a correlated quantity, a p-value, a bias correction: no correlation
    expect(canonicalName('corr_mse').kind).toBe('error');
    for (const n of ['pearson_p', 'spearman_pvalue', 'bias_corr', 'corr_penalty'])
      expect(canonicalName(n).kind, n).not.toBe('score');
  });
});

describe('top-k names', () => {
  it('top-1 with a hyphen is a top-k score, acc-1 an accuracy; a top-k error is an error; laptop1 is neither', () => {
    for (const n of ['top-1', 'val_top-5', 'top1', 'acc/top1', 'prec/top5'])
      expect(canonicalName(n).kind, n).toBe('score');
    expect(canonicalName('acc-1').kind).toBe('accuracy');
    // pycls logs top1_err and top5_err: lower is better
    for (const n of ['top1_err', 'val_top5_error', 'err_top1', 'top-1_err'])
      expect(canonicalName(n).kind, n).toBe('error');
    for (const n of ['laptop1', 'stop-1', 'desktop_5']) expect(canonicalName(n).kind, n).toBe('other');
  });
});

describe('rewards', () => {
  it('reward, return and ep_rew_mean are scores (higher is better); an "ep" counter is bookkeeping', () => {
    for (const n of ['reward', 'avg_reward', 'episode_return', 'return', 'rollout/ep_rew_mean'])
      expect(canonicalName(n).kind, n).toBe('score');
    expect(canonicalName('returns_loss').kind).toBe('loss');
    const log = read(JSON.stringify({ ep: [0, 1, 2, 3, 4, 5], return: [15, 40, 90, 200, 420, 500] }));
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['return']);
  });

  it("Stable-Baselines' EvalCallback lines count timesteps: a step axis, a run per seed where the count starts again", () => {
    const evals = (rewards: number[]) =>
      rewards.flatMap((r, i) => [
        `Eval num_timesteps=${(i + 1) * 10000}, episode_reward=${r.toFixed(2)} +/- 0.00`,
        'Episode length: 1440.00 +/- 0.00',
      ]);
    const log = read(
      [
        '[DDPG seed=0] training for 60000 steps',
        ...evals([-553.02, -99.43, -171.3, -150.5, -123.6, -94.4]),
        '[DDPG seed=1] training for 60000 steps',
        ...evals([-540.1, -141, -142.29]),
      ].join('\n'),
    );
    expect(log.runs).toHaveLength(2);
    expect(log.runs[0].xAxis).toBe('step');
    expect(log.runs[0].series.find((s) => s.key === 'val_episode_reward')!.x).toEqual([
      10000, 20000, 30000, 40000, 50000, 60000,
    ]);
    expect(series(log, 'val_episode_reward')!.y).toEqual([-540.1, -141, -142.29]);
  });
});

describe('names and values in comma-separated cells', () => {
  it("'Epoch, 1/20, train loss, 1.1140, train acc, 41.71%, test acc, 52.75%': the comma after a name is its colon", () => {
    // csv.writer().writerow(['Epoch', f'{e}/20', 'train loss', ...]) with Windows line endings, as written (refused)
    const text = losses
      .map(
        (l, i) =>
          `Epoch, ${i + 1}/7, train loss, ${l.toFixed(4)}, train acc, ${(40 + 5 * i).toFixed(2)}%, test acc, ${(50 + 2 * i).toFixed(2)}%, eta, 23.66s\r\r\n`,
      )
      .join('');
    const log = read(text, 'history.csv');
    expect(series(log, 'loss')!.y).toEqual(losses);
    // a diverged epoch's nan stays in the run (a line that did not pair was dropped whole)
    const nan = text.replace('train loss, 2.1000', 'train loss, nan');
    expect(Number.isNaN(series(read(nan, 'history.csv'), 'loss')!.y[5])).toBe(true);
    expect(series(log, 'loss')!.x).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(series(log, 'val_accuracy')!.y[6]).toBeCloseTo(0.62, 6);
  });

  it('a row of cells that do not alternate a name and a number stays a row (a table, a sentence)', () => {
    const header = 'epoch, loss, val_loss, accuracy, val_accuracy, lr';
    const rows = losses.map((l, i) => `${i + 1}, ${l}, ${l + 0.1}, ${0.5 + i / 20}, ${0.45 + i / 20}, 0.001`);
    expect(series(read([header, ...rows].join('\n'), 'log.csv'), 'val_loss')!.y).toHaveLength(7);
    const words = ['Epoch 1, loss 0.91, then, 0.88, and, more', 'Epoch 2, loss 0.71, then, 0.68, and, more'];
    expect(series(read([...words, 'Epoch 3, loss 0.61, then, 0.6, and, more'].join('\n')), 'loss')!.y).toEqual([
      0.91, 0.71, 0.61,
    ]);
  });
});

describe("DGCNN's 'Train 12, loss: ...' lines", () => {
  const dgcnn = (epochs: number, base: number) =>
    Array.from({ length: epochs }, (_, e) => [
      `Train ${e}, loss: ${(base / (1 + e / 4) + 0.8).toFixed(6)}, train acc: ${(0.6 + e / 50).toFixed(6)}, train avg acc: ${(0.5 + e / 50).toFixed(6)}`,
      `Test ${e}, loss: ${(base / (1 + e / 5) + 0.9).toFixed(6)}, test acc: ${(0.6 + e / 60).toFixed(6)}, test avg acc: ${(0.5 + e / 60).toFixed(6)}`,
    ]).flat();
  const header = "Namespace(batch_size=32, dataset='modelnet40', epochs=250, exp_name='exp', lr=0.001)";

  it('the number after the split word is the epoch: a relaunch from epoch 0 appended to the log is a run of its own', () => {
    const text = [header, ...dgcnn(3, 2), header, ...dgcnn(20, 2)].join('\n') + '\n';
    const log = read(text, 'run.log');
    expect(log.runs).toHaveLength(2);
    expect(series(log, 'loss')!.x).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(series(log, 'loss')!.y[0]).toBe(2.8);
    // the test lines are the held-out curve (read as validation, said so)
    expect(series(log, 'val_loss')!.y).toHaveLength(20);
  });

  it('not for a batch or step counter after the split word ("Train 100, loss: ...", back to 0 each epoch)', () => {
    const batches = Array.from({ length: 8 }, (_, e) =>
      [0, 100, 200, 300, 400].map(
        (b) => `Train ${b}, loss: ${(2 / (1 + e + b / 500) + 0.5).toFixed(4)}, acc: ${(0.3 + e / 20).toFixed(4)}`,
      ),
    ).flat();
    const log = read(batches.join('\n') + '\n', 'train.log');
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'loss')!.y).toHaveLength(40);
  });

  it('not for a split word before a count that is no epoch ("Test 3 images: loss 0.4")', () => {
    const text = Array.from({ length: 6 }, (_, i) => `Test ${i + 3} images: loss ${(0.5 - i / 20).toFixed(2)}`).join(
      '\n',
    );
    const log = ingest(text, { fileName: 'eval.log' });
    expect(log.runs).toHaveLength(1);
  });
});
