/** Turning a strategy definition into a Reply strategy: derived from evidence, or taught with defaults. */
import { DIALECTS, type DialectId } from './dialect.js';
import type { Ctx } from './knowledge/context.js';
import type { StrategyDef } from './knowledge/strategies.js';
import { Py } from './python.js';
import type { Strategy } from './reply.js';

/** The snippet in each dialect; for a reinforcement-learning run, the agent's snippet where the strategy has one. */
export function codeFor(def: StrategyDef, params: unknown, rl = false): Record<DialectId, string> {
  const out = {} as Record<DialectId, string>;
  for (const d of DIALECTS) {
    const py = new Py(d);
    out[d] = py.render(rl && def.rlCode ? def.rlCode(py, params) : def.code(py, params));
  }
  return out;
}

/** advice: parameters and sentence from the run's evidence */
export function derived(def: StrategyDef, c: Ctx, rank: number): Strategy {
  const d = def.derive(c);
  return {
    id: def.id,
    rank,
    title: d.title ?? def.title,
    why: d.why,
    cites: d.cites,
    code: codeFor(def, d.params, c.rl),
    source: def.source,
  };
}

/** teaching: the guide's defaults, no run at hand */
export function taught(def: StrategyDef, rank: number): Strategy {
  return {
    id: def.id,
    rank,
    title: def.title,
    why: def.summary,
    cites: [],
    code: codeFor(def, def.defaults),
    source: def.source,
  };
}
