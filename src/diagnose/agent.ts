/**
 * An actor-critic agent's losses by their names (Stable-Baselines3's `train/policy_gradient_loss` and
 * `train/value_loss`, baselines' `policy_loss` and `value_loss`, `actor_loss` and `critic_loss`): with no reward or
 * return logged, they are all a run has, and they cannot say whether the agent gets better (features.ts
 * selectPair leaves the run unjudged; classify.ts says why and what to log).
 */
import type { Run, Series } from '../ingest/schema.js';

/** The policy's loss: a policy-gradient surrogate, no error the agent minimises toward 0 (it goes negative). */
const POLICY_LOSS = /^(?:policy|policy_gradient|pg|actor|pi)_?loss$/;
/** The critic's loss: a regression on returns that move with the policy. */
const VALUE_LOSS = /^(?:value|vf|critic|q|qf\d?|v)_?loss$/;

/** An actor's loss by name: only an actor-critic has one (DDPG's and TD3's -Q, SAC's alpha*log(pi) - Q), whatever
 * its sign; a policy's loss is read by its values (AlphaZero's policy head is a cross-entropy). */
const ACTOR_LOSS = /^actor_?loss$/;

/** A series' name past its group (`train/value_loss` -> `value_loss`). */
const leaf = (s: Series) => s.base.slice(s.base.lastIndexOf('/') + 1);

/** The agent's logged losses when the run has both a policy's and a critic's (an actor-critic: A2C, PPO, SAC,
 * DDPG), else undefined. The policy's must go below 0 somewhere: a policy-gradient surrogate does (A2C's -36, PPO's
 * -0.01; DDPG's and SAC's -Q where rewards are positive), a cross-entropy never does, so a network trained on moves
 * with a policy head and a value head (AlphaZero's policy_loss and value_loss, both falling as supervised losses do)
 * is read as any other. An actor's loss (ACTOR_LOSS) counts whatever its sign: its -Q stays above 0 where rewards
 * are negative (Pendulum's). Not when a loss turned NaN/inf: that is the verdict (the hard rules). A WGAN's critic
 * alone is no agent. */
export function agentLosses(run: Run): Series[] | undefined {
  // (losses logged as 0 throughout are no curve: classify.ts says so first)
  const losses = run.series.filter((s) => !s.derived && s.kind === 'loss' && !s.y.every((v) => v === 0));
  const policy = losses.filter(
    (s) => ACTOR_LOSS.test(leaf(s)) || (POLICY_LOSS.test(leaf(s)) && s.y.some((v) => v < 0)),
  );
  const value = losses.filter((s) => VALUE_LOSS.test(leaf(s)));
  if (policy.length === 0 || value.length === 0) return undefined;
  if (losses.some((s) => s.y.some((v) => !Number.isFinite(v)))) return undefined;
  return losses;
}
