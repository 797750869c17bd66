/**
 * Stable-Baselines3's console log (its HumanOutputFormat, what `verbose=1` prints): one table per logging call
 * between dashed lines, a section row (`| rollout/ |  |`) and that section's keys indented under it
 * (`|    ep_rew_mean | -205 |`). Each table is a point on the step axis of its `time/total_timesteps`; its
 * keys are named section/key as SB3's TensorBoard tags are (`rollout/ep_rew_mean`, `train/loss`,
 * `eval/mean_reward`), the `time/` ones (fps, elapsed seconds, counters) left out. Total timesteps that go
 * back start a run of their own (a new `model.learn()` that reset them). Anything printed between the
 * tables is left alone.
 */
import { BORDER, dashedTables } from './dashed-tables.js';
import type { Limits } from '../limits.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** A section row's name: `rollout/`, `train/`, `eval/`, `time/`, or a name a callback chose. */
const SECTION = /^[\w.-]{1,60}\/$/;
/** The sections that give the text away in its head. */
const KNOWN_SECTION = /^[ \t]*\|[ \t]*(?:rollout|time|train|eval)\/[ \t]*\|/m;
/** The step counter each table carries. */
const STEPS_KEY = 'time/total_timesteps';
/** Characters of the head where a known section row must show. */
const HEAD_CHARS = 64 * 1024;
/** Fewer tables than this are no curve. */
const MIN_TABLES = 2;

/** Is this text SB3's console output? A known section row in its head, right under a border. */
export function looksLikeSb3Console(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  if (!KNOWN_SECTION.test(head)) return false;
  const lines = head.split('\n');
  return lines.some((l, i) => i > 0 && BORDER.test(lines[i - 1]) && KNOWN_SECTION.test(l));
}

/** A row `| name | value |` cut at its bars (no regex to backtrack on), or undefined when the line is none. */
function rowOf(line: string): { indent: number; name: string; cell: string } | undefined {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return undefined;
  const parts = t.slice(1, -1).split('|');
  if (parts.length !== 2) return undefined;
  const name = parts[0].trim();
  if (name === '') return undefined;
  return { indent: parts[0].length - parts[0].trimStart().length, name, cell: parts[1].trim() };
}

/** One table's values by their section/key names. */
type Table = Map<string, number>;

function tables(lines: string[], limits: Limits): Table[] {
  const out: Table[] = [];
  for (const rows of dashedTables(lines, limits, rowOf)) {
    const t: Table = new Map();
    let section = '';
    for (const { indent, name, cell } of rows) {
      if (SECTION.test(name) && cell === '') {
        section = name;
        continue;
      }
      const v = parseNumber(cell);
      // keys are indented under their section; one at the left margin has none
      if (v !== undefined) t.set(indent > 1 && section ? section + name : name, v);
    }
    if (t.size > 0) out.push(t);
  }
  return out;
}

/** The console log's runs on the total-timesteps axis, or undefined when the text is not one. */
export function readSb3Console(text: string, limits: Limits): RawLog | undefined {
  if (!looksLikeSb3Console(text)) return undefined;
  const found = tables(text.split('\n'), limits).filter((t) => t.has(STEPS_KEY));
  if (found.length < MIN_TABLES) return undefined;
  const runs: RawRun[] = [];
  let cols: Map<string, RawColumn> | undefined;
  let last = -Infinity;
  for (const t of found) {
    const x = t.get(STEPS_KEY)!;
    if (!cols || x < last) {
      cols = new Map();
      runs.push({ xAxis: 'step', columns: [] });
    }
    last = x;
    for (const [name, v] of t) {
      if (name.startsWith('time/')) continue;
      let c = cols.get(name);
      if (!c) {
        cols.set(name, (c = { name, x: [], y: [] }));
        runs[runs.length - 1].columns.push(c);
      }
      // a key logged twice at one step (an eval table right after a rollout one) keeps its last value
      if (c.x.length > 0 && c.x[c.x.length - 1] === x) c.y[c.y.length - 1] = v;
      else {
        c.x.push(x);
        c.y.push(v);
      }
    }
  }
  const kept = runs.filter((r) => r.columns.length > 0);
  if (kept.length === 0) return undefined;
  if (kept.length > 1) kept.forEach((r, i) => (r.label = `learn() call ${i + 1}`));
  return {
    format: 'text',
    runs: kept,
    warnings: [
      {
        code: 'sb3_console',
        message:
          "Stable-Baselines3's console tables: one point per table on the total-timesteps axis; the episode reward " +
          '(rollout/ep_rew_mean, with eval/mean_reward as its validation when logged) is judged, the losses kept beside it.',
      },
    ],
    rows: found.length,
  };
}
