/**
 * Reinforcement-learning runs, from the upload to the reply: Stable-Baselines3's console tables, points numbered
 * by episodes (an `episode` column or key, `Episode N` lines, a Monitor file), the episode reward judged
 * rather than the agent's losses, and advice that carries over to an agent (evaluation episodes, seeds, the
 * learning rate) instead of supervised Keras training (validation_split, stacked LSTMs).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { advise, renderMarkdown } from '../../src/advise/index.js';
import { toDiscord } from '../../src/bot/discord.js';
import { codeView } from '../../src/bot/present.js';
import { checkPython } from '../advise/helpers.js';
import { RL_NOTE } from '../../src/advise/knowledge/frameworks.js';
import { STRATEGY_BY_ID } from '../../src/advise/knowledge/index.js';
import * as R from '../../src/diagnose/rules.js';
import { checkLog } from './helpers/ingest-worker.js';
import { warningCodes } from './helpers/warning-codes.js';

const read = (text: string, fileName = 'log.txt') => {
  const log = ingest(text, { fileName });
  expect(checkLog(log)).toEqual([]);
  return log;
};
const keys = (log: ReturnType<typeof ingest>, run = -1) => log.runs.at(run)!.series.map((s) => s.key);

/** One SB3 table as HumanOutputFormat prints it (widths as SB3 pads them). */
function sb3Table(rows: [string, [string, string | number][]][]): string {
  const lines: string[] = [];
  for (const [section, kv] of rows) {
    lines.push(`| ${section.padEnd(24)}|${' '.repeat(13)}|`);
    for (const [k, v] of kv) lines.push(`|    ${k.padEnd(21)}| ${String(v).padEnd(12)}|`);
  }
  const border = '-'.repeat(41);
  return [border, ...lines, border].join('\n');
}

function sb3Log(rewards: number[], opts: { start?: number; evalEvery?: number; chatter?: boolean } = {}): string {
  const out: string[] = ['Using cpu device', 'Wrapping the env with a `Monitor` wrapper', 'Logging to ./runs/PPO_1'];
  rewards.forEach((r, i) => {
    const steps = (opts.start ?? 0) + 2048 * (i + 1);
    const sections: [string, [string, string | number][]][] = [
      [
        'rollout/',
        [
          ['ep_len_mean', '2.05e+03'],
          ['ep_rew_mean', r],
        ],
      ],
      [
        'time/',
        [
          ['fps', 412],
          ['iterations', i + 1],
          ['total_timesteps', steps],
        ],
      ],
    ];
    if (i > 0)
      sections.push([
        'train/',
        [
          ['approx_kl', 0.0081],
          ['learning_rate', 0.0003],
          ['loss', (5 / (i + 1)).toFixed(3)],
          ['value_loss', (40 / (i + 1)).toFixed(2)],
        ],
      ]);
    if (opts.evalEvery && (i + 1) % opts.evalEvery === 0) {
      out.push(`Eval num_timesteps=${steps}, episode_reward=${(r * 1.1).toFixed(2)} +/- 3.10`);
      sections.unshift([
        'eval/',
        [
          ['mean_ep_length', 500],
          ['mean_reward', (r * 1.1).toFixed(1)],
        ],
      ]);
    }
    out.push(sb3Table(sections));
    if (opts.chatter) out.push('New best mean reward!');
  });
  return out.join('\n') + '\n';
}

const rising = Array.from({ length: 20 }, (_, i) => Math.round(-200 + 18 * i + 6 * Math.sin(i * 1.7)));

describe("Stable-Baselines3's console tables", () => {
  it('reads a table per point on the total-timesteps axis, named as SB3 tags them, time/ left out', () => {
    const log = read(sb3Log(rising, { chatter: true }));
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.xAxis).toBe('step');
    expect(keys(log)).toEqual(
      expect.arrayContaining(['rollout/ep_rew_mean', 'rollout/ep_len_mean', 'loss', 'value_loss', 'lr']),
    );
    expect(keys(log).some((k) => /fps|iterations|total_timesteps/.test(k))).toBe(false);
    const rew = run.series.find((s) => s.key === 'rollout/ep_rew_mean')!;
    expect(rew.x.slice(0, 3)).toEqual([2048, 4096, 6144]);
    expect(rew.y).toEqual(rising);
    // the losses start with the second table, as SB3 prints them
    expect(run.series.find((s) => s.key === 'loss')!.x[0]).toBe(4096);
    expect(log.warnings.map((w) => w.code)).toContain('sb3_console');
  });

  it('judges the episode reward, with eval/mean_reward as its validation; CRLF endings read the same', () => {
    const text = sb3Log(rising, { evalEvery: 2 });
    const log = read(text);
    const d = diagnose(log);
    expect(d.series.train).toBe('rollout/ep_rew_mean');
    expect(d.series.val).toBe('val_mean_reward');
    expect(d.evidence.x_axis).toBe('step');
    const crlf = read(text.replace(/\n/g, '\r\n'));
    expect(crlf.runs[0].series).toEqual(log.runs[0].series);
  });

  it('a new learn() that resets the timesteps is a run of its own', () => {
    const log = read(sb3Log(rising.slice(0, 8)) + sb3Log(rising.slice(0, 6)));
    expect(log.runs).toHaveLength(2);
    expect(log.runs.map((r) => r.label)).toEqual(['run 1 of 2 (learn() call 1)', 'run 2 of 2 (learn() call 2)']);
    expect(log.runs[1].series.find((s) => s.key === 'rollout/ep_rew_mean')!.y).toHaveLength(6);
  });

  it('one table, tables without total_timesteps, or a pipe table of epochs are not read as SB3 tables', () => {
    expect(warningCodes(sb3Log(rising.slice(0, 1)))).not.toContain('sb3_console');
    expect(warningCodes(sb3Log(rising.slice(0, 6)).replace(/total_timesteps/g, 'total_updates'))).not.toContain(
      'sb3_console',
    );
    const epochs = ['| epoch | loss | val_loss |', '|-------|------|----------|'];
    for (let i = 1; i <= 8; i++) epochs.push(`| ${i} | ${(1 / i).toFixed(3)} | ${(1.2 / i).toFixed(3)} |`);
    expect(warningCodes(epochs.join('\n'))).not.toContain('sb3_console');
  });

  it('stays linear on hostile rows and on a head of blank lines', () => {
    // rows of spaces between bars, under the 500-character bound: a regex with overlapping blanks took seconds
    const hostile = '|' + ' '.repeat(130) + '|' + ' '.repeat(130) + 'x';
    const rows = Array.from({ length: 20 }, () => '-'.repeat(41) + '\n' + hostile).join('\n');
    let t0 = performance.now();
    const log = read(sb3Log(rising.slice(0, 6)) + rows + '\n' + sb3Log(rising.slice(6, 8), { start: 6 * 2048 }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(keys(log)).toContain('rollout/ep_rew_mean');
    const keras = Array.from({ length: 20 }, (_, i) => `Epoch ${i + 1}/20 - loss: ${(1 / (i + 1)).toFixed(4)}`);
    t0 = performance.now();
    read('\n'.repeat(65536) + keras.join('\n'));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('a reward beside a supervised pair', () => {
  it('a validation loss logged beside a return is the pair judged, and the advice stays supervised', () => {
    const rows = ['epoch,loss,val_loss,train_return,val_return'];
    for (let e = 1; e <= 30; e++)
      rows.push(`${e},${(1 / e).toFixed(4)},${(0.5 + (0.01 * (e - 12) ** 2) / 10).toFixed(4)},${e},${e - 1}`);
    const log = read(rows.join('\n'), 'h.csv');
    const d = diagnose(log);
    expect(d.series.train).toBe('loss');
    expect(advise(d, log).notes).not.toContain(RL_NOTE);
  });

  it('an evaluation reward logged: no "evaluate on separate episodes", the eval curve is there', () => {
    const log = read(sb3Log(rising, { evalEvery: 2 }));
    const r = advise(diagnose(log), log);
    expect(r.strategies.map((s) => s.id)).not.toContain('rl_evaluate');
  });

  it('the final gap is the training reward minus the evaluation one (both measured from one best)', () => {
    // training reward levels at 98; the evaluation reward peaked at 200 and ends at 55
    const rows = ['episode,reward,eval_reward'];
    for (let i = 0; i < 60; i++) rows.push(`${i + 1},98,${i < 30 ? (200 * i) / 30 : 200 - 5 * (i - 30)}`);
    const d = diagnose(read(rows.join('\n'), 'log.csv'));
    const k = Math.max(R.TAIL_MIN, Math.round(60 * R.TAIL_FRACTION));
    const tail = Array.from({ length: k }, (_, j) => 98 - (200 - 5 * (29 - j)));
    const expected = tail.sort((a, b) => a - b)[Math.floor(k / 2)]; // k is odd: the median
    expect(d.evidence.gap_last).toBeCloseTo(expected, 1);
  });
});

describe('points numbered by episodes', () => {
  const rewards = Array.from({ length: 40 }, (_, i) => (-150 + 4 * i + 9 * Math.cos(i)).toFixed(2));

  it("an episode column, an episode key, 'Episode N' lines and a Monitor file all count episodes", () => {
    const csv = read(['episode,reward,length', ...rewards.map((r, i) => `${i},${r},${100 + i}`)].join('\n'), 'log.csv');
    expect(csv.runs[0].xUnit).toBe('episode');
    expect(csv.runs[0].epochNumbering).toBe('from0');
    const jsonl = read(rewards.map((r, i) => JSON.stringify({ episode: i + 1, reward: +r, epsilon: 0.5 })).join('\n'));
    expect(jsonl.runs[0].xUnit).toBe('episode');
    const printed = read(rewards.map((r, i) => `Episode ${(i + 1) * 10}/400 | Reward: ${r} | Epsilon: 0.3`).join('\n'));
    expect(printed.runs[0].xUnit).toBe('episode');
    expect(printed.runs[0].series.find((s) => s.key === 'reward')!.x.slice(0, 3)).toEqual([10, 20, 30]);
    const monitor = read(
      [
        '#{"t_start": 1679509164.19, "env_id": "CartPole-v1"}',
        'r,l,t',
        ...rewards.map((r, i) => `${r},${100 + i},${i}.5`),
      ].join('\n'),
      'monitor.csv',
    );
    expect(monitor.runs[0].xUnit).toBe('episode');
  });

  it('an epoch counter stays one: a supervised log that mentions an episode is read by its epochs', () => {
    const lines = ['Loading episode_data.pkl'];
    for (let e = 1; e <= 12; e++)
      lines.push(`Epoch ${e}/12 - loss: ${(1 / e).toFixed(4)} - val_loss: ${(1.1 / e).toFixed(4)}`);
    const log = read(lines.join('\n'));
    expect(log.runs[0].xUnit).toBeUndefined();
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toHaveLength(12);
  });

  it('lines in order that each print a reward named per episode are the episodes; other lines stay epochs', () => {
    const stamp = (i: number) => `2024-11-28 20:07:${String(10 + (i % 50)).padStart(2, '0')},${100 + i} DQN INFO`;
    const episodic = rewards.map((r, i) => `${stamp(i)} episodic returns: ${r}`);
    const log = read(['DQN started', ...episodic].join('\n'));
    expect(log.runs[0].xUnit).toBe('episode');
    expect(log.warnings.find((w) => w.code === 'epochs_by_position')?.message).toMatch(/^No episode numbers/);
    // a loss printed line by line, or a return not named per episode, is numbered as epochs
    for (const name of ['train loss', 'mean return', 'mean episode reward', 'avg episodic return']) {
      const other = read(rewards.map((r, i) => `${stamp(i)} ${name}: ${Math.abs(Number(r))}`).join('\n'));
      expect(other.runs[0].xUnit).toBeUndefined();
    }
  });

  it("RLlib's result per iteration printed as YAML (pretty_print): the mean episode reward is read and judged", () => {
    const block = (it: number, r: number) =>
      [
        `agent_timesteps_total: ${4000 * it}`,
        'custom_metrics: {}',
        `episode_len_mean: ${r.toFixed(2)}`,
        `episode_reward_max: ${(2 * r).toFixed(1)}`,
        `episode_reward_mean: ${r.toFixed(4)}`,
        `episode_reward_min: ${(r / 3).toFixed(1)}`,
        'info:',
        '  learner:',
        '    default_policy:',
        '      learner_stats:',
        `        entropy: ${(0.69 - it * 0.01).toFixed(4)}`,
        `        total_loss: ${(9 - it * 0.2).toFixed(3)}`,
        `        vf_loss: ${(9 - it * 0.2).toFixed(3)}`,
        `training_iteration: ${it}`,
        '',
      ].join('\n');
    const text = Array.from({ length: 20 }, (_, i) => block(i + 1, Math.min(200, 20 + 9 * i))).join('\n');
    const log = read(text, 'rllib.log');
    const reward = log.runs[0].series.find((s) => s.key === 'episode_reward_mean')!;
    expect(reward.y).toHaveLength(20);
    expect(reward.y.at(-1)).toBe(191);
    // an aggregate's extremes are not the curve (max/min stay out); the learner's loss is still read
    expect(keys(log)).not.toContain('episode_reward_max');
    expect(keys(log)).toContain('loss');
    expect(diagnose(log).series.train).toBe('episode_reward_mean');
    // the same suffix on a loss ("loss_avg") is that loss, printed once a line
    const avg = read(Array.from({ length: 8 }, (_, i) => `loss_avg: ${(1 / (i + 1)).toFixed(3)}`).join('\n'));
    expect(avg.runs[0].series[0].y).toHaveLength(8);
  });

  it("an agent's evaluation logged as a win or success rate is a score, judged when nothing else is", () => {
    const rows = ['step,games,win_rate,avg_margin'];
    for (let i = 1; i <= 30; i++) rows.push(`${i * 1000},200,${(0.02 + 0.0005 * (i % 3)).toFixed(4)},${2000 + 50 * i}`);
    const log = read(rows.join('\n'), 'eval_log.csv');
    // (an evaluation's, as the file's name says: the agent's held-out curve)
    const winRate = log.runs[0].series.find((s) => s.key === 'val_win_rate')!;
    expect(winRate.kind).toBe('score');
    // it was "not assessable: no training or validation curve": a rate that never leaves 2% is not learning
    const d = diagnose(log);
    expect(d.series.val).toBe('val_win_rate');
    expect(d.pattern).toBe('underfitting');
    // named for no split, it is the training curve
    expect(diagnose(read(rows.join('\n'), 'games.csv')).series.train).toBe('win_rate');
  });

  it('the diagnosis quotes episodes, and says nothing of Keras epoch numbering', () => {
    const log = read(
      ['episode,reward,loss', ...rewards.map((r, i) => `${i + 1},${r},${(2 / (i + 1)).toFixed(3)}`)].join('\n'),
      'log.csv',
    );
    const d = diagnose(log);
    expect(d.series.train).toBe('reward');
    expect(d.evidence.x_unit).toBe('episode');
    const text = [d.headline, ...d.reasons].join(' ');
    expect(text).not.toMatch(/\bepochs?\b|Keras/);
    const r = advise(d, log);
    expect(r.evidence.filter((e) => e.name === 'last_x').map((e) => e.text)).toEqual(['last: episode 40']);
  });
});

describe('advice for an agent', () => {
  const rewards = Array.from({ length: 60 }, (_, i) => (-200 + 3 * i + 15 * Math.sin(i * 2.3)).toFixed(2));
  const rl = read(
    ['episode,reward,length', ...rewards.map((r, i) => `${i + 1},${r},${100 + i}`)].join('\n'),
    'log.csv',
  );
  const reply = advise(diagnose(rl), rl);

  it('shows only remedies that carry over to an agent, evaluation episodes first when there are none', () => {
    expect(reply.strategies.length).toBeGreaterThanOrEqual(2);
    for (const s of reply.strategies) expect(STRATEGY_BY_ID[s.id].rl).toBeDefined();
    expect(reply.strategies[0].id).toBe('rl_evaluate');
    const code = reply.strategies.map((s) => s.code.tfkeras).join('\n');
    expect(code).not.toMatch(/validation_split|model\.fit|LSTM\(/);
    expect(reply.notes).toEqual([RL_NOTE]);
  });

  it("an agent's losses without a reward: not assessable, and the first remedy is to log the reward", () => {
    const rows = ['train/n_updates,train/policy_loss,train/entropy_loss,train/value_loss'];
    for (let i = 1; i <= 30; i++) rows.push(`${i * 100},${(-30 / i).toFixed(3)},-2.8,${(250 / i ** 2).toFixed(4)}`);
    const log = read(rows.join('\n'), 'progress.csv');
    const d = diagnose(log);
    expect(d.pattern).toBe('not_assessable');
    expect(d.headline).toBe("Not assessable: an agent's losses, and no reward to judge it by.");
    const r = advise(d, log);
    expect(r.rl).toBe(true);
    expect(r.strategies[0].id).toBe('rl_log_reward');
    // no "evaluate the policy" or "train longer" quoting 0 points of a curve that was never judged
    expect(r.strategies.map((s) => s.id)).not.toContain('rl_evaluate');
    expect(r.strategies.map((s) => s.id)).not.toContain('add_validation');
    expect(r.strategies[0].code.tfkeras).toMatch(/make_vec_env\(ENV_ID, n_envs=4, monitor_dir='logs\/monitor'\)/);
    expect(checkPython([r.strategies[0].code.tfkeras]).map((c) => [c.error, c.undefined])).toEqual([[null, []]]);
  });

  it("names the reward's best point its highest, and leaves out the loss-only ratio", () => {
    const lines = reply.evidence.map((e) => e.text).join('\n');
    expect(lines).toMatch(/highest reward: /);
    expect(lines).not.toMatch(/lowest reward|late \/ early loss/);
    expect(reply.title).toMatch(/training curve/);
    expect(reply.summary).not.toMatch(/Train and validation losses fall together/);
  });

  it("an agent that swings gets the learning rate and clipping as an agent's settings, in every surface", () => {
    const swings = Array.from({ length: 60 }, (_, i) => (20 + 60 * Math.abs(Math.sin(i * 2.3))).toFixed(2));
    const log = read(['episode,reward', ...swings.map((r, i) => `${i + 1},${r}`)].join('\n'), 'log.csv');
    const r = advise(diagnose(log), log);
    expect(r.pattern).toBe('unstable');
    expect(r.rl).toBe(true);
    const byId = Object.fromEntries(r.strategies.map((s) => [s.id, s]));
    for (const id of ['lower_lr', 'clip_gradients']) {
      const s = byId[id];
      // the agent's algorithm gets the setting; no Keras model is compiled; the same code in every dialect
      expect(s.code.tfkeras).toMatch(/^model = (PPO|DQN)\('MlpPolicy', ENV_ID, (learning_rate|max_grad_norm)=/m);
      expect(s.code.tfkeras).not.toMatch(/compile|keras|Adam/);
      expect(new Set(Object.values(s.code)).size).toBe(1);
    }
    // no log says the rate: SB3's PPO default is cut, not Keras' Adam default
    expect(byId.lower_lr.why).toMatch(/Stable-Baselines3 PPO's default 3e-4 .* to learning_rate=9e-5/);
    // PPO and A2C clip at 0.5 already: the setting offered is DQN's (default 10), tightened to 1.0
    expect(byId.clip_gradients.why).toMatch(
      /DQN clips at 10 by default: set max_grad_norm=1\.0; PPO and A2C already clip at 0\.5/,
    );
    expect(byId.clip_gradients.code.tfkeras).toMatch(/^model = DQN\('MlpPolicy', ENV_ID, max_grad_norm=1\.0\)/m);
    expect(checkPython(r.strategies.map((s) => s.code.keras3)).map((c) => [c.error, c.undefined])).toEqual(
      r.strategies.map(() => [null, []]),
    );
    // no dialect buttons, no validation_split lesson (evaluation episodes are strategy 1)
    expect(r.actions.filter((a) => a.kind === 'switch_dialect' || a.arg === 'no_validation')).toEqual([]);
    const md = renderMarkdown(r);
    expect(md).toMatch(/_Code for Stable-Baselines3 and Gymnasium \(a reinforcement-learning run/);
    expect(md).toMatch(/## Notes \(the guide and reinforcement learning\)/);
    expect(md).not.toMatch(/tf\.keras|wrong or dated/);
    const footer = toDiscord(r).embeds[0].footer?.text;
    expect(footer).toBe('Code: Stable-Baselines3 and Gymnasium');
    // the code view: headed by what it is for, and no Keras dialect to pick
    const view = codeView(r, 'k', 'lower_lr', 'tfkeras');
    expect(view.first.content).toMatch(/^\*\*Lower the learning rate\*\* \(Stable-Baselines3 and Gymnasium\)/);
    expect(view.first.components).toEqual([]);
  });

  it('a supervised run gets none of them', () => {
    const lines = ['epoch,loss,val_loss'];
    for (let e = 0; e < 30; e++) lines.push(`${e},${(1 / (e + 1)).toFixed(4)},${(1.1 / (e + 1) + 0.05).toFixed(4)}`);
    const log = read(lines.join('\n'), 'log.csv');
    const r = advise(diagnose(log), log);
    expect(r.strategies.some((s) => s.id.startsWith('rl_'))).toBe(false);
    expect(r.notes).not.toContain(RL_NOTE);
  });
});
