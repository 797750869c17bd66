/**
 * The platform-neutral Reply: what advise(), explain() and why() return. Surfaces (CLI Markdown,
 * Discord embeds, JSON) only decide how to show it, never what to say.
 */
import type { Finding, Pattern } from '../diagnose/schema.js';
import type { DialectId } from './dialect.js';

/** One number quoted from the diagnosis' evidence. */
export interface Cite {
  /** evidence field name (e.g. 'best_val') or 'run.count' */
  name: string;
  value: number;
  /** the number as shown in the text, e.g. "0.231", "77%", "epoch 23" */
  shown: string;
  /** human label, e.g. "best val_loss" */
  label: string;
}

export interface Strategy {
  id: string;
  rank: number;
  title: string;
  /** why this, for this run: quotes every cited number (`shown`) */
  why: string;
  /** the evidence numbers the advice derives from (>= 1 in advise() replies; empty in teaching replies) */
  cites: Cite[];
  /** complete, runnable-as-a-fragment Python per dialect */
  code: Record<DialectId, string>;
  /** where the knowledge came from: 'guide', 'guide (corrected)', a published tool's rule (docs/diagnosis.md#published-rules), ... */
  source: string;
}

export interface CodeBlock {
  id: string;
  title: string;
  language: 'python';
  dialect: DialectId;
  code: string;
}

export type ActionKind =
  'show_code' | 'explain_pattern' | 'explain_finding' | 'why' | 'switch_dialect' | 'show_evidence';
export interface Action {
  kind: ActionKind;
  label: string;
  /** strategy id, pattern, finding, question or dialect */
  arg?: string;
  /** stable id for buttons: "<kind>:<arg>" (<= 100 chars) */
  id: string;
}

export interface EvidenceLine {
  name: string;
  value: number;
  text: string;
  /** shows the pattern/findings or is cited by a strategy (listed first) */
  key: boolean;
}

export interface Reply {
  kind: 'advice' | 'explain' | 'answer';
  title: string;
  summary: string;
  evidence: EvidenceLine[];
  strategies: Strategy[];
  /** code in the reply's dialect, one per strategy plus extras (reading curves, case study, ...) */
  codeBlocks: CodeBlock[];
  /** the chart to attach, if the surface has one */
  image?: { attachment: string; alt: string };
  actions: Action[];
  /** corrections to the guide and caveats that matter here */
  notes: string[];
  dialect: DialectId;
  dialectSource: 'override' | 'log' | 'default';
  dialectClues: string[];
  /** a reinforcement-learning run: its code is for Stable-Baselines3 / Gymnasium (or the agent's own loop), the same
   * in every dialect, and its notes are about carrying the guide to an agent */
  rl?: boolean;
  pattern?: Pattern;
  findings?: Finding[];
  /** why(): the matched knowledge entry */
  match?: {
    id: string;
    score: number;
    alternatives: { id: string; title: string; score: number }[];
    /** a runner-up close to the best match, offered as "also: <title>" */
    also?: { id: string; title: string };
  };
  /** explain(): an example chart fixture, e.g. fixtures/patterns/overfitting-*.csv */
  example?: string;
}

export function actionId(kind: ActionKind, arg?: string): string {
  return (arg ? `${kind}:${arg}` : kind).slice(0, 100);
}
