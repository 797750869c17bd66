/**
 * The Monitor file of Stable-Baselines3 and OpenAI Baselines (`monitor.csv`, `0.monitor.csv`): a comment line
 * of JSON (`#{"t_start": 1679509164.19, "env_id": "CartPole-v1"}`), then a table of one row per finished
 * episode under the one-letter names `r,l,t` (the episode's reward, its length in steps, and the seconds since
 * t_start), then any info keywords the Monitor was given. The names are spelled out and the table is read by
 * the CSV reader, one point per episode; a Monitor that was started again (its comment and header written
 * again below the rows) is a run each.
 */
import type { Limits } from '../limits.js';
import type { RawLog } from '../schema.js';
import { parseCsv } from './csv.js';

/** the Monitor's first line: a comment holding its JSON header */
const MONITOR_COMMENT = /^#\s*\{.*"t_start"/;
/** the Monitor's header: r, l, t first, info keywords after */
const MONITOR_HEADER = /^r\s*,\s*l\s*,\s*t\s*(?:,|$)/;
/** what the one-letter names stand for */
const SPELLED: Record<string, string> = { r: 'episode_reward', l: 'episode_length', t: 'time' };

/** Is this text a Monitor file? Its first non-empty line is the comment, the next the header. */
function isRlMonitor(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return head.length >= 2 && MONITOR_COMMENT.test(head[0]) && MONITOR_HEADER.test(head[1]);
}

/** The Monitor file as the CSV reader reads it, or undefined when the text is not one. */
export function readRlMonitor(text: string, limits: Limits): RawLog | undefined {
  if (!isRlMonitor(text)) return undefined;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || MONITOR_COMMENT.test(t)) continue;
    out.push(
      MONITOR_HEADER.test(t)
        ? t
            .split(',')
            .map((n) => SPELLED[n.trim()] ?? n.trim())
            .join(',')
        : t,
    );
  }
  const raw = parseCsv(out.join('\n') + '\n', ',', limits, 'csv');
  return {
    ...raw,
    runs: raw.runs.map((r) => (r.xAxis === 'epoch' ? { ...r, xUnit: 'episode' as const } : r)),
    warnings: [
      {
        code: 'rl_monitor',
        message:
          "A reinforcement-learning Monitor file (Stable-Baselines): one point per finished episode, its reward ('r') " +
          "judged as the training curve, its length ('l') kept beside it. Episode rewards are noisy: the trend is what counts.",
      },
      ...raw.warnings,
    ],
  };
}
