/**
 * An agent's reward (a reinforcement-learning run), read as a reward rather than as its distance below the best,
 * where the error-space rules misread it:
 *  - a collapse: the reward rose well clear of its noise, then gave back most of what it had gained (a policy
 *    that fell apart). Read as an error, the run ends about where it started: "improved only 5%", underfitting.
 *    It is unstable: the agent learned and lost it.
 *  - a reward that never moves (-500 +- 1): measured below its best, 1 point in 500 is 67% noise, "unstable".
 *    Nothing is learned and nothing jumps: underfitting.
 *  - a reward that jitters about a level it holds (CartPole at 9 +- 1 for 50 episodes), read as instability: its
 *    shortfall from its best is about its jitter, so the jitter "is 99% from point to point" and a best it began at
 *    makes the shortfall "grow 101x". Measured against its level, it holds still: underfitting.
 * Runs after the other scorers, on the judged reward (the evaluation one when logged).
 */
import { isRewardName } from '../../ingest/names.js';
import type { Series } from '../../ingest/schema.js';
import * as R from '../rules.js';
import { bucketMean, maxOf, mean, median, minOf, movingAverage, oddWindow } from '../stats.js';
import { at, atLeast, rulePatternOf, say, stat, value, type Scoring } from './scoring.js';
import type { Pattern } from '../schema.js';

interface Reading {
  x: number[];
  y: number[];
  which: 'train' | 'val';
  name: string;
}

/** The judged reward's finite raw points, when the pair judged is a reward with enough of them. */
function rewardOf(s: Scoring): Reading | undefined {
  if (!s.inv) return undefined;
  const which = s.a.hasVal ? 'val' : 'train';
  const series: Series | undefined = which === 'val' ? s.ctx.pair.val : s.ctx.pair.train;
  if (!series || !isRewardName(series.base)) return undefined;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < series.y.length; i++)
    if (Number.isFinite(series.y[i])) {
      x.push(series.x[i]);
      y.push(series.y[i]);
    }
  if (y.length < R.REWARD_MIN_POINTS) return undefined;
  // a long run is read at bucket resolution (each x a real point: its bucket's last), as the other rules read it
  const b = bucketMean(x, y, R.REWARD_MAX_POINTS);
  return { x: b.x, y: b.y, which, name: which === 'val' ? s.valName : s.trainName };
}

export function scoreReward(s: Scoring): void {
  // NaN/inf is the verdict already (the hard rules): nothing here overrides it
  if (s.findings.has('nan_inf')) return;
  const r = rewardOf(s);
  if (!r) return;
  const lv = levels(r);
  // so is a runaway, unless it was read on this reward's shortfall from its best and the reward held its level
  if (s.findings.has('diverging')) {
    if (!(s.a.hasTrain && s.a.hasVal)) steadyReward(s, r, lv);
    return;
  }
  if (!collapsed(s, r, lv) && !stillReward(s, r, lv)) steadyReward(s, r, lv);
}

/** The reward's levels: its start and end (means of its first and last REWARD_EDGE_SHARE), its smoothed curve
 * (a moving average over a fifth of the run: a 0/1 success reward has no median between its values) and how much
 * of its point-to-point noise is left in a smoothed level's difference from the start; computed once for every reading. */
function levels(r: Reading): Levels {
  const n = r.y.length;
  const edge = Math.max(1, Math.round(n * R.REWARD_EDGE_SHARE));
  const w = oddWindow(n, R.REWARD_SMOOTH_SHARE, 5, 51);
  const sm = movingAverage(r.y, w);
  // sigma from the steps (each the difference of two noisy points, so a trend barely counts: E d^2 = 2 sigma^2),
  // their root mean square: a mean over w points moves with the values' variance, and a rare big episode (one
  // reward of 16 among 0s lifts a 51-point mean by 0.3) weighs in a squared step as it does in that mean, where the
  // mean |step| all but ignores it (a procgen reward: sigma 0.37 by |step|, 0.96 by the square); the median step is 0
  // for a reward whose values repeat (0/1 successes, a capped 500)
  const sigma = Math.sqrt(mean(r.y.slice(1).map((v, i) => (v - r.y[i]) ** 2)) / 2);
  const sorted = [...r.y].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.min(n - 1, Math.round(f * (n - 1)))];
  return {
    n,
    edge,
    sm,
    start: mean(r.y.slice(0, edge)),
    end: mean(r.y.slice(n - edge)),
    mid: median(r.y),
    span: maxOf(sm) - minOf(sm),
    sigma,
    // the standard error of a smoothed level minus the start level (a mean over w points, one over edge points)
    levelNoise: sigma * Math.sqrt(1 / w + 1 / edge),
    range: q(0.9) - q(0.1),
  };
}

interface Levels {
  n: number;
  edge: number;
  sm: number[];
  start: number;
  end: number;
  /** the values' median, and the smoothed curve's span (highest less lowest) */
  mid: number;
  span: number;
  /** a point's scatter: the root mean square step over sqrt(2) */
  sigma: number;
  levelNoise: number;
  /** the span of all but the values' highest and lowest tenth (nearest rank) */
  range: number;
}

/** Rose well clear of its noise, then gave back most of the gain by the end. */
function collapsed(s: Scoring, r: Reading, lv: Levels): boolean {
  const { n, edge, sm, start, end, levelNoise, range } = lv;
  let peak = 0;
  for (let i = 1; i < n; i++) if (sm[i] > sm[peak]) peak = i;
  const gain = sm[peak] - start;
  // clear of the noise of a level, and a real share of the values' range (a sparse reward's lucky window is none)
  if (!(gain > 0) || gain < R.REWARD_GAIN_OVER_NOISE * levelNoise || gain < R.REWARD_GAIN_OF_RANGE * range)
    return false;
  if (peak >= n - edge) return false;
  const gaveBack = (sm[peak] - end) / gain;
  if (gaveBack < R.REWARD_COLLAPSE_GAVE_BACK) return false;
  atLeast(s, 'unstable', R.REWARD_COLLAPSE_SCORE);
  s.scores.underfitting = Math.min(s.scores.underfitting, R.REWARD_COLLAPSED_UNDERFIT_CAP);
  s.reward = { kind: 'collapse', name: r.name, peakX: r.x[peak] };
  const lost =
    gaveBack >= 1
      ? 'then fell back to where it started or below'
      : `then gave back ${stat(s.q, 'reward_gain_given_back', gaveBack)} of that gain`;
  instead(
    s,
    'unstable',
    `${r.name} collapsed: its smoothed level rose from ${stat(s.q, 'reward_start_level', start, 'num')} to ${stat(s.q, 'reward_peak_level', sm[peak], 'num')} by ${at(s, r.x[peak])}, ${lost} (it ends at a level of ${stat(s.q, 'reward_end_level', end, 'num')}; last value ${value(s.q, r.which, r.x[n - 1])}). The agent learned and lost it: too high a learning rate (or too large policy updates) is the usual cause.`,
  );
  return true;
}

/** The reward's values, but for their highest and lowest tenth, span a sliver of its level: nothing is learned, and its jitter is no instability. */
function stillReward(s: Scoring, r: Reading, lv: Levels): boolean {
  const { start, end, mid, span, range: spread } = lv;
  const level = Math.abs(mid);
  const band = R.REWARD_STILL_SPREAD * level;
  if (!(level > 0) || spread >= band) return false;
  // and no trend hidden in the tenths the band leaves out: a reward that rose early and held is no still one
  if (Math.abs(end - start) >= band || span >= band) return false;
  s.scores.unstable = 0;
  s.flat = false;
  atLeast(s, 'underfitting', R.REWARD_STILL_SCORE);
  s.reward = { kind: 'still', name: r.name, share: spread / level };
  instead(
    s,
    'underfitting',
    `${r.name} stays at its median of ${stat(s.q, 'reward_level', mid, 'num')} the whole run: all but its highest and lowest tenth of values lie in a band ${stat(s.q, 'reward_spread_of_level', spread / level)} of that level wide. The agent is not learning (its jitter is too small to be instability): check that the reward reaches the update, then the learning rate and the exploration.`,
  );
  return true;
}

/** A reward the error-space rules read as unstable (its jumps, a shortfall that "grew") or as falling below a best
 * it began at, whose scatter and smoothed curve each stay within REWARD_STEADY_SHARE of its level with no trend from
 * start to end (REWARD_TREND_SHARE): it jitters about
 * a level it holds, and holding it is the finding (underfitting), as the labels of such runs say. Read only where
 * those lead: a steady reward the other rules call a good fit (one that converged before its log began) keeps it. */
function steadyReward(s: Scoring, r: Reading, lv: Levels): void {
  const { start, end, mid, span, sigma, levelNoise } = lv;
  const level = Math.abs(mid);
  const band = R.REWARD_STEADY_SHARE * level;
  // (a reward centred on 0 has no level to measure a share of: its band is 0, and the other rules read it)
  if (!(sigma < band) || span >= band) return;
  // a start-to-end move clear of the levels' noise and of REWARD_TREND_SHARE of the level is a trend: a steady
  // decline is the agent getting worse (the rules' reading stands), a rise is learning. (The share: a rolling mean's
  // steps understate its noise, so its drift of 2% would pass for one.)
  const move = Math.abs(end - start);
  if (move > R.REWARD_GAIN_OVER_NOISE * levelNoise && move > R.REWARD_TREND_SHARE * level) return;
  // the rules' verdict is what the error-space reading made of it: its jumps, or a fall below a best it began at
  // ("ended 99% worse")
  const ruled = rulePatternOf(s);
  if (ruled !== 'unstable' && ruled !== 'underfitting') return;
  s.findings.delete('diverging');
  s.scores.unstable = 0;
  atLeast(s, 'underfitting', R.REWARD_STEADY_SCORE);
  s.reward = { kind: 'steady', name: r.name, share: span / level };
  instead(
    s,
    'underfitting',
    `${r.name} holds a level of ${stat(s.q, 'reward_level', mid, 'num')} the whole run: it scatters by ${stat(s.q, 'reward_scatter_of_level', sigma / level)} of that level from one point to the next, and its smoothed level moves within ${stat(s.q, 'reward_span_of_level', span / level)} of it (${stat(s.q, 'reward_start_level', start, 'num')} at the start, ${stat(s.q, 'reward_end_level', end, 'num')} at the end). Its scatter is no instability: the agent is not improving. Check that the reward reaches the update, then the learning rate and the exploration (if ${stat(s.q, 'reward_level', mid, 'num')} is already the task's best, the agent had learned before this log began).`,
  );
}

/** The reward's reason for p in place of what the error-space rules said for p alone (their numbers measured the
 * distance below the best: "improved only 11%" of a reward that moved 0.3%). */
function instead(s: Scoring, p: Pattern, text: string): void {
  s.tagged = s.tagged.filter((t) => t.p !== p);
  say(s, p, text);
  s.tagged.unshift(s.tagged.pop()!);
}
