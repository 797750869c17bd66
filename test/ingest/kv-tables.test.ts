/** RL loggers' key | value tables other than SB3's (formats/kv-tables.ts): OpenAI Baselines, Spinning Up, RLCard. */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';

const BORDER = '-'.repeat(39);
const table = (rows: [string, string | number][], style: 'pipes' | 'right' | 'bare') =>
  [
    BORDER,
    ...rows.map(([k, v]) =>
      style === 'pipes'
        ? `| ${k.padEnd(21)} | ${String(v).padEnd(13)} |`
        : style === 'right'
          ? `| ${k.padStart(17)} | ${String(v).padStart(15)} |`
          : `  ${k.padEnd(13)}|  ${v}`,
    ),
    BORDER,
  ].join('\n');
const read = (text: string) => readValid(text, { fileName: 'log.txt' });
const keys = (log: ReturnType<typeof ingest>) => log.runs[0].series.map((s) => s.key);

describe("RL loggers' key | value tables", () => {
  it('OpenAI Baselines: a point per table at misc/total_timesteps, eprewmean judged, counters and times left out', () => {
    const text = Array.from({ length: 12 }, (_, u) =>
      table(
        [
          ['eplenmean', 20 + u * 9],
          ['eprewmean', 20.5 + u * 9],
          ['fps', 1234],
          ['loss/value_loss', (50 / (u + 1)).toFixed(4)],
          ['misc/nupdates', u + 1],
          ['misc/time_elapsed', (u * 0.5).toFixed(1)],
          ['misc/total_timesteps', (u + 1) * 2048],
        ],
        'pipes',
      ),
    ).join('\n');
    // it was refused
    const log = read(text);
    expect(log.runs[0].xAxis).toBe('step');
    expect(keys(log)).toEqual(expect.arrayContaining(['eprewmean', 'loss/value_loss']));
    expect(keys(log).some((k) => /fps|eplen|nupdates|time/.test(k))).toBe(false);
    expect(log.runs[0].series.find((s) => s.key === 'eprewmean')!.x.slice(0, 2)).toEqual([2048, 4096]);
    expect(diagnose(log).series.train).toBe('eprewmean');
  });

  it("Baselines' deepq: names in words ('mean 100 episode reward'), its exploration share left out, steps the counter", () => {
    const text = Array.from({ length: 12 }, (_, u) =>
      table(
        [
          ['% time spent exploring', Math.max(2, 91 - 9 * u)],
          ['episodes', (u + 1) * 100],
          ['mean 100 episode reward', (-20 + 3 * u).toFixed(1)],
          ['steps', (u + 1) * 21330],
        ],
        'pipes',
      ),
    ).join('\n');
    // it was refused (names with spaces were no rows)
    const log = read(text);
    expect(log.runs[0].xAxis).toBe('step');
    expect(keys(log)).toEqual(['mean_100_episode_reward']);
    expect(log.runs[0].series[0].x.slice(0, 2)).toEqual([21330, 42660]);
    expect(diagnose(log).series.train).toBe('mean_100_episode_reward');
  });

  it('Spinning Up: AverageEpRet is the return, AverageTestEpRet its evaluation; Std/Max/Min left out', () => {
    const text = Array.from({ length: 10 }, (_, e) =>
      table(
        [
          ['Epoch', e],
          ['AverageEpRet', -169 + e * 12],
          ['StdEpRet', 95.1],
          ['MaxEpRet', -69 + e * 12],
          ['AverageTestEpRet', -160 + e * 12],
          ['TotalEnvInteracts', (e + 1) * 4000],
          ['LossPi', (1 / (e + 1)).toFixed(3)],
        ],
        'right',
      ),
    ).join('\n');
    const log = read(text);
    expect(keys(log)).toEqual(expect.arrayContaining(['ep_ret', 'val_ep_ret']));
    expect(keys(log).some((k) => /std|max/.test(k))).toBe(false);
    const d = diagnose(log);
    expect([d.series.train, d.series.val]).toEqual(['ep_ret', 'val_ep_ret']);
  });

  it('RLCard: bare "timestep | 53" rows; a counter that starts again is a run; two tables or other dashes are no log', () => {
    const run = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        table(
          [
            ['timestep', 53 + i * 5000],
            ['reward', (0.1 + i * 0.02).toFixed(2)],
          ],
          'bare',
        ),
      );
    const log = read([...run(6), 'INFO - restarting', ...run(8)].join('\n'));
    expect(log.runs).toHaveLength(2);
    expect(log.runs[1].series.find((s) => s.key === 'reward')!.y).toHaveLength(8);
    expect(() => ingest(run(2).join('\n'))).toThrow(IngestError);
    // a counter that starts again every two tables is no logger's runs (300 of them): not read as this layout
    const churn = Array.from({ length: 300 }, () => run(2)).flat();
    let runs = 0;
    try {
      runs = ingest(churn.join('\n')).runs.length;
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
    }
    expect(runs).toBeLessThanOrEqual(200);
    expect(() => ingest([BORDER, 'Results', BORDER, 'done | 1', BORDER].join('\n'))).toThrow(IngestError);
  });

  it('tables at one count are one point: an evaluation table after each rollout one adds its values, not a run', () => {
    const text = Array.from({ length: 6 }, (_, u) => [
      table(
        [
          ['eprewmean', 10 * (u + 1)],
          ['total_timesteps', 2048 * (u + 1)],
        ],
        'pipes',
      ),
      table(
        [
          ['eval_reward', 9 * (u + 1)],
          ['total_timesteps', 2048 * (u + 1)],
        ],
        'pipes',
      ),
    ]).flat();
    const log = read(text.join('\n'));
    // each evaluation table went back to its own count: 6 runs of one point each
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'eprewmean')!.x).toEqual([2048, 4096, 6144, 8192, 10240, 12288]);
    expect(log.runs[0].series.find((s) => s.key === 'val_reward')!.y).toEqual([9, 18, 27, 36, 45, 54]);
  });

  it('tables of settings with a counter and no metric (an epoch, its learning rate, a batch size) are no curve', () => {
    const text = Array.from({ length: 8 }, (_, e) =>
      table(
        [
          ['epoch', e],
          ['lr', (0.001 * 0.9 ** e).toFixed(6)],
          ['batch_size', 32],
        ],
        'pipes',
      ),
    );
    // refused with a message: not the tables' learning rate as a curve, nor a pipe table whose header is "epoch | 0"
    expect(() => ingest(text.join('\n'))).toThrow(IngestError);
  });

  it("SB3's Eval lines between tables that hold the losses leave them be; an episode's length under steps counts nothing", () => {
    const withEval = Array.from({ length: 6 }, (_, u) =>
      [
        table(
          [
            ['eprewmean', 10.5 + u * 10],
            ['loss/value_loss', (0.8 - u * 0.1).toFixed(2)],
            ['misc/total_timesteps', (u + 1) * 2048],
          ],
          'pipes',
        ),
        `Eval num_timesteps=${(u + 1) * 2048}, episode_reward=${(9 + u * 9).toFixed(2)} +/- 1.00`,
      ].join('\n'),
    ).join('\n');
    // the tables had been dropped for the Eval lines alone (val_episode_reward)
    expect(keys(read(withEval))).toEqual(expect.arrayContaining(['eprewmean', 'loss/value_loss']));
    const lengths = [187, 174, 161, 198, 185, 172];
    const perEpisode = lengths
      .map((l, u) =>
        table(
          [
            ['iteration', u + 1],
            ['steps', l],
            ['reward', 10 + u * 5],
          ],
          'pipes',
        ),
      )
      .join('\n');
    // "steps" going back every other table had cut the run into five
    const log = read(perEpisode);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].series.find((s) => s.key === 'reward')!.x).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a callback's table after each of Keras's epoch lines leaves the log to the Keras reader", () => {
    const lines: string[] = [];
    for (let e = 1; e <= 10; e++) {
      const val = e <= 5 ? 1.1 / e : 0.22 + (e - 5) * 0.08;
      lines.push(
        `Epoch ${e}/10`,
        `100/100 [==============================] - 2s 20ms/step - loss: ${(1 / e).toFixed(4)} - accuracy: 0.6 - val_loss: ${val.toFixed(4)} - val_accuracy: 0.55`,
        table(
          [
            ['epoch', e],
            ['val_f1', (0.5 + e * 0.01).toFixed(4)],
            ['val_prec', (0.55 + e * 0.01).toFixed(4)],
          ],
          'pipes',
        ),
      );
    }
    const log = read(lines.join('\n'));
    // the tables had been read alone (val_f1, val_prec) and the epoch lines dropped: a good fit with no training curve
    expect(log.warnings.some((w) => w.code === 'kv_tables')).toBe(false);
    expect(keys(log)).toEqual(expect.arrayContaining(['loss', 'val_loss']));
    expect(diagnose(log).pattern).toBe('overfitting');
  });
});
