/** An agent's reward read as a reward (scorers/reward.ts): a collapse after learning is unstable, a reward that
 * never moves is underfitting; rises, partial give-backs, noisy flat rewards and losses are left to the other rules. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/ingest/index.js';
import { diagnose } from '../../../src/diagnose/index.js';
import * as R from '../../../src/diagnose/rules.js';

/** An episode table of rewards; `eval` adds an evaluation reward every 5 episodes (the judged curve then). */
function agent(f: (i: number) => number, opts: { n?: number; eval?: boolean; name?: string } = {}) {
  const n = opts.n ?? 100;
  const name = opts.name ?? 'reward';
  const rows = [`episode,${name}${opts.eval ? ',eval_reward' : ''}`];
  for (let i = 0; i < n; i++) {
    const ev = opts.eval ? `,${i % 5 === 4 ? (f(i) * 1.02 + 1).toFixed(2) : ''}` : '';
    rows.push(`${i + 1},${f(i).toFixed(2)}${ev}`);
  }
  return diagnose(ingest(rows.join('\n'), { fileName: 'agent.csv' }));
}
/** deterministic per-episode scatter in [-1, 1] */
const jitter = (i: number) => 0.5 * Math.sin(i * 2.3) + 0.5 * Math.sin(i * 5.1);

describe("an agent's reward", () => {
  it('that rose well clear of its scatter and gave most of it back is unstable: it learned and lost it', () => {
    for (const d of [
      agent((i) => (i < 60 ? (200 * i) / 60 : 10) + 15 * jitter(i)),
      agent((i) => (i < 80 ? (200 * i) / 80 : 20) + 15 * jitter(i)),
      agent((i) => (i < 50 ? -1500 + 26 * i : -1400) + 40 * jitter(i), { name: 'episode_return' }),
      agent((i) => (i < 60 ? (200 * i) / 60 : 10) + 15 * jitter(i), { eval: true }),
    ]) {
      expect(d.pattern).toBe('unstable');
      expect(d.headline).toMatch(/collapsed after episode \d+; the agent learned and lost it/);
      expect(d.reasons[0]).toMatch(/collapsed: its smoothed level rose from -?[\d.]+ to -?[\d.]+ by episode \d+/);
      // the error-space reading ("improved only 5%") is gone, and underfitting is no close runner-up
      expect(d.reasons.join(' ')).not.toMatch(/improved only/);
      expect(d.alternatives.find((a) => a.pattern === 'underfitting')?.probability ?? 0).toBeLessThan(0.5);
    }
  });

  it('that never moves is underfitting, not instability: 1 point in 500 is no jump', () => {
    const d = agent((i) => -500 + jitter(i));
    expect(d.pattern).toBe('underfitting');
    expect(d.headline).toMatch(/reward does not move .* band 0\.\d% of its median wide\); the agent is not learning/);
    expect(d.reasons[0]).toMatch(/stays at its median of -500 the whole run/);
    expect(d.reasons.join(' ')).not.toMatch(/improved only|jumps|swings/);
  });

  it('that jitters about a level it holds is underfitting: its scatter is measured against its level, not its shortfall', () => {
    // CartPole at 9 +- 1 from a first episode of 10 (its best): below its best, the jitter "jumps by 99%" and the
    // shortfall "grows" from 0 ("collapsing"); against its level it holds still
    const cart = agent((i) => (i === 0 ? 10 : 9 + jitter(i)), { n: 50 });
    // CartPole-v1 at 8, 9 or 10 from three first episodes at 10 (its best): its shortfall "grew" (diverging)
    const random = agent((i) => (i < 3 ? 10 : [9, 8, 10, 9, 9, 10, 8, 9][i % 8]), { n: 50 });
    // an AirSim agent at -538 +- 7
    const airsim = agent((i) => -538 + 7 * jitter(i), { n: 17, name: 'episode_reward' });
    // scatter of 16% of its level
    const scattered = agent((i) => 100 + 30 * jitter(i));
    // Pong at -21 but for a point now and then, after a start at -19 the rules read as a fall (underfitting)
    const lost = agent((i) => (i < 4 ? -19 : -21 + (i % 7 === 0 ? 1 : 0)), { n: 205 });
    // a drift of 3% through little scatter (a rolling mean's steps understate its noise): under REWARD_TREND_SHARE
    const drifting = agent((i) => 100 - 0.03 * i + 0.3 * jitter(i));
    // 17 episodes at 101 +- 9, the last three 9 below the first three: no more than their scatter makes likely
    const few = [110, 96, 112, 95, 108, 90, 105, 98, 102, 96, 104, 99, 101, 110, 92, 106, 93];
    const short = agent((i) => few[i], { n: few.length });
    expect(lost.reasons.join(' ')).not.toMatch(/worse/);
    for (const d of [cart, random, airsim, scattered, lost, drifting, short]) {
      expect(d.pattern).toBe('underfitting');
      expect(d.headline).toMatch(
        /^Underfitting: \w+ holds its level \(its smoothed curve moves within [\d.]+% of its median\); the agent is not improving\.$/,
      );
      expect(d.reasons[0]).toMatch(
        /holds a level of -?[\d.]+ the whole run: it scatters by [\d.]+% of that level from one point to the next/,
      );
      expect(d.reasons.join(' ')).not.toMatch(/jumps|swings|collapsing|oscillates/);
      expect(d.findings).not.toContain('diverging');
    }
    expect(cart.reasons[0]).toMatch(/^reward holds a level of 8\.89 the whole run: it scatters by 6\.2% of that level/);
  });

  it('a reward outside the steady band, or one the other rules call a good fit, keeps its reading', () => {
    // scatter of a fifth of its level and more: its jumps are instability, as before
    const jumpy = agent((i) => 100 + 40 * jitter(i));
    expect(jumpy.pattern).toBe('unstable');
    expect(jumpy.headline).not.toMatch(/holds its level/);
    // little scatter, but a level that wanders by a quarter: no level held
    const wandering = agent((i) => 100 + 25 * Math.sign(Math.sin(i / 6)) + 3 * jitter(i));
    expect(wandering.pattern).toBe('unstable');
    // ... or that sags by 30% for a fifth of the run and comes back: it ends where it began, but held no level
    const sagging = agent((i) => (i >= 40 && i < 60 ? 70 : 100) + jitter(i));
    expect(sagging.headline).not.toMatch(/holds its level/);
    // a steady decline, 15% of its level at 15 times its scatter, is a trend (the agent getting worse), and so is a
    // drop of 52 below a level held at +-7 for its last three episodes; neither holds its level
    const declining = agent((i) => 100 - (15 * i) / 99 + jitter(i));
    const dropped = agent((i) => (i < 14 ? -538 + 7 * jitter(i) : -590), { n: 17, name: 'episode_reward' });
    for (const d of [declining, dropped]) {
      expect(d.headline).not.toMatch(/holds its level/);
      expect(d.findings).toContain('diverging');
    }
    // a reward at its task's cap but for a dip now and then: the level it holds may be the task's best, and the
    // reason says what that would mean (a cap cannot be told from the values: 9 or 10 from an untrained agent)
    const capped = agent((i) => (i % 6 === 5 ? 420 + 10 * jitter(i) : 500), { n: 150 });
    expect(capped.reasons[0]).toMatch(/if 500 is already the task's best, the agent had learned before this log began/);
    // a steady evaluation reward beside a training reward that climbs: overfitting, as the rules read it
    const rows = ['episode,reward,eval_reward'];
    for (let i = 0; i < 100; i++)
      rows.push(
        `${i + 1},${(100 + 2 * i + 2 * jitter(i)).toFixed(2)},${i % 5 === 4 ? (100 + 2 * jitter(3 * i)).toFixed(2) : ''}`,
      );
    const gap = diagnose(ingest(rows.join('\n'), { fileName: 'agent.csv' }));
    expect(gap.pattern).toBe('overfitting');
    expect(gap.headline).not.toMatch(/holds its level/);
    // a reward rising 9% through scatter of 5%: a good fit still (the band reads only what instability led)
    const rising = agent((i) => 100 + 0.05 * i + 5 * jitter(i));
    expect(rising.pattern).toBe('good_fit');
    expect(rising.headline).toMatch(/^Good fit \(train only\): reward rose/);
    // a training reward that falls away beside a steady evaluation reward: the runaway stands
    rows.length = 1;
    for (let i = 0; i < 100; i++)
      rows.push(
        `${i + 1},${(i < 50 ? 9 + jitter(i) : 9 - 0.3 * (i - 50)).toFixed(2)},${i % 5 === 4 ? (9 + jitter(3 * i)).toFixed(2) : ''}`,
      );
    const runaway = diagnose(ingest(rows.join('\n'), { fileName: 'agent.csv' }));
    expect(runaway.pattern).toBe('unstable');
    expect(runaway.findings).toContain('diverging');
  });

  it('leaves rises, settling a little below the best, noisy flat rewards and short runs to the other rules', () => {
    const rise = agent((i) => 200 * (1 - Math.exp(-i / 20)) + 15 * jitter(i));
    expect(rise.pattern).toBe('good_fit');
    // gave back 40% of its gain: below REWARD_COLLAPSE_GAVE_BACK
    const settled = agent((i) => (i < 60 ? (200 * i) / 60 : 120) + 15 * jitter(i));
    expect(R.REWARD_COLLAPSE_GAVE_BACK).toBeGreaterThan(0.4);
    expect(settled.headline).not.toMatch(/collapsed/);
    // scatter as big as the "gain": no collapse, and 75% jitter is not a reward that never moves
    const noisy = agent((i) => 20 + 15 * jitter(i));
    expect(noisy.headline).not.toMatch(/collapsed|does not move/);
    // fewer than REWARD_MIN_POINTS: not read as a reward
    const short = agent((i) => [0, 50, 100, 150, 200, 5, 6, 4, 5][i], { n: R.REWARD_MIN_POINTS - 1 });
    expect(short.headline).not.toMatch(/collapsed/);
  });

  it('that climbs through scatter of a third of its level, after a lucky start, is no oscillation', () => {
    // deterministic pseudo-random scatter in [-1, 1] (a linear congruential generator)
    let seed = 7;
    const scatter = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    // a PPO agent's score per episode: -5 -> 40 over 2,500 episodes, +-30 from episode to episode, its first four
    // episodes lucky (35 above the curve): from them the run improved little, from its thirds far
    const d = agent((i) => (i < 4 ? 35 : 0) - 5 + 45 * (1 - Math.exp(-i / 400)) + 30 * scatter(), {
      n: 2500,
      name: 'score',
    });
    expect(d.evidence.train_total_improvement!).toBeLessThan(R.NO_TREND_IMPROVEMENT - R.NO_TREND_RAMP / 2);
    expect(d.pattern).toBe('good_fit');
    expect(d.reasons.join(' ')).not.toMatch(/oscillates|jumps/);
    // an RL loss that jumps up with its targets and comes back to about where it started has not learnt: its start
    // is a level of its own (below the first third's middle half), not noise around it
    seed = 7;
    const loss = Array.from({ length: 300 }, (_, i) => {
      const level = i < 4 ? 1 : i < 100 ? 3 : i < 200 ? 3 - (2.1 * (i - 100)) / 100 : 0.9;
      return Math.max(0.01, level * (1 + 0.5 * scatter())).toFixed(4);
    });
    const csv = ['step,loss', ...loss.map((v, i) => `${i + 1},${v}`)].join('\n');
    expect(diagnose(ingest(csv, { fileName: 'loss.csv' })).pattern).toBe('unstable');
  });

  it('a reward that rose in its first tenth and held is solved, not still (its rise sits outside the band)', () => {
    expect(agent((i) => (i < 8 ? 20 + 60 * i : 500)).pattern).toBe('good_fit');
    // an evaluation reward at its cap from its second evaluation
    const rows = ['episode,reward,eval_reward'];
    for (let i = 0; i < 100; i++)
      rows.push(`${i + 1},${Math.min(500, 20 + 10 * i)},${i % 10 === 9 ? (i < 15 ? 180 : 500) : ''}`);
    const d = diagnose(ingest(rows.join('\n'), { fileName: 'agent.csv' }));
    expect(d.pattern).toBe('good_fit');
    expect(d.headline).not.toMatch(/does not move/);
  });

  it('NaN/inf or a crash after a still stretch stays unstable: the hard rules are not overridden', () => {
    const nan = [
      'episode,reward',
      ...Array.from({ length: 100 }, (_, i) => `${i + 1},${i < 90 ? (-500 + jitter(i)).toFixed(2) : 'nan'}`),
    ];
    const d = diagnose(ingest(nan.join('\n'), { fileName: 'agent.csv' }));
    expect(d.pattern).toBe('unstable');
    expect(d.headline).toBe('Unstable: reward became NaN/inf at episode 91.');
    const crash = agent((i) => (i < 92 ? -500 + jitter(i) : -5000));
    expect(crash.pattern).toBe('unstable');
    expect(crash.headline).not.toMatch(/does not move/);
  });

  it('a trendless 0/1 success reward is no collapse: its lucky stretches are neither clear of the noise nor of its range', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let collapses = 0;
    for (let k = 1; k <= 40; k++) {
      seed = k * 7919;
      if (/collapsed after/.test(agent(() => (rnd() < 0.4 ? 1 : 0), { n: 200 }).headline)) collapses++;
    }
    // a 4-sigma bar over the peak of ~5 independent windows: a rare false alarm, not the 19 in 40 a median gave
    expect(collapses).toBeLessThanOrEqual(2);
  });

  it('a sparse reward whose mean a few rare big episodes lift is no collapse (their variance is in the noise)', () => {
    // mostly 0, an episode of 1 or 2 now and then, and two of 10 and 16 in the middle: the smoothed level rises
    // there by 26 / 51 and falls back, a window's luck, not a policy learned and lost (a procgen Monitor)
    const reward = (i: number) => (i === 250 ? 10 : i === 270 ? 16 : i % 9 === 0 ? 1 + (i % 2) : 0);
    const d = agent(reward, { n: 600 });
    expect(d.headline).not.toMatch(/collapsed/);
    expect(d.pattern).not.toBe('unstable');
  });

  it('a loss that falls and comes back is not a reward: the reading is for rewards only', () => {
    const rows = ['epoch,loss'];
    for (let i = 0; i < 100; i++)
      rows.push(`${i + 1},${((i < 60 ? 2 - (1.9 * i) / 60 : 1.9) + 0.1 * jitter(i)).toFixed(3)}`);
    const d = diagnose(ingest(rows.join('\n'), { fileName: 'loss.csv' }));
    expect(d.headline).not.toMatch(/collapsed after|agent/);
  });
});
