/**
 * Reinforcement-learning loggers that print one `key | value` table per logging call between dashed lines, other
 * than Stable-Baselines3's sectioned ones (sb3-console.ts):
 *
 *   OpenAI Baselines (and Stable-Baselines 2)   | eprewmean            | 22.1   |   | misc/total_timesteps | 2048 |
 *   Baselines' deepq                            | mean 100 episode reward | 21.5 |  | steps | 21330 |
 *   Spinning Up's EpochLogger                   |      AverageEpRet |   -169 |   |  TotalEnvInteracts |  4e+03 |
 *   RLCard's Logger                               timestep     |  53            reward       |  0.14
 *
 * Each table is a point, on the step axis of its timesteps counter (total_timesteps, TotalEnvInteracts, timestep),
 * else on its epoch or update counter; a counter that goes back starts a run, and tables at one count are one point. Spinning Up's
 * `Average` prefix is dropped (AverageEpRet is the mean return) and its Std/Max/Min spreads are left out, as are
 * counters, times and throughput. Anything printed between the tables is left alone.
 */
import { BORDER, dashedTables } from './dashed-tables.js';
import { readLine } from './print-line.js';
import { printedLine } from './print-steps.js';
import { METRIC_WORD, normalise } from './print-words.js';
import { MAX_LAYOUT_RUNS, type Limits } from '../limits.js';
import { canonicalName, isBookkeeping, isMetricName } from '../names.js';
import type { RawColumn, RawLog, RawRun } from '../schema.js';
import { parseNumber } from '../text.js';

/** Fewer tables than this are no curve. */
const MIN_TABLES = 3;
/** The counters that place a table, most telling first: environment steps, then epochs or updates. */
const STEP_KEYS =
  /^(?:(?:misc|time)\/)?(?:total_?timesteps|timesteps_?total|total_?env_?interacts|timesteps?|total_?steps|env_?steps|steps|frames)$/i;
const EPOCH_KEYS = /^(?:(?:misc|time)\/)?(?:epoch|iteration|n_?updates|updates?|iter)$/i;
/** Bookkeeping these loggers print: counters, times, throughput (misc/ and time/ hold nothing else). */
const NOT_A_CURVE =
  /^(?:misc|time)\/|^(?:fps|time|elapsed|time_?elapsed|episodes?|eps?len\w*|n_?episodes|total_?episodes)$|explor/i;
/** Spinning Up's spreads of a logged value: Std/Max/Min (its Average is the value). */
const SPREAD = /^(?:Std|Max|Min)[A-Z]/;

/** A row `| key | value |` or `key | value`, cut at its bars; undefined when the line is none. */
function rowOf(line: string): { name: string; value: number } | undefined {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|')) t = t.slice(0, -1);
  const parts = t.split('|');
  if (parts.length !== 2) return undefined;
  // Baselines' deepq writes its names in words ("mean 100 episode reward", "% time spent exploring")
  const name = parts[0].trim().replace(/ +/g, '_');
  if (!/^[A-Za-z%][\w/.%-]{0,80}$/.test(name)) return undefined;
  const value = parseNumber(parts[1].trim());
  return value === undefined ? undefined : { name, value };
}

/** The tables in the text: each a map of its rows, in order. */
function tables(lines: string[], limits: Limits): Map<string, number>[] {
  return dashedTables(lines, limits, rowOf).map((rows) => new Map(rows.map((r) => [r.name, r.value])));
}

/** The name a row's key is read under: Spinning Up's AverageEpRet is EpRet; its spreads and the bookkeeping none. */
function curveName(key: string): string | undefined {
  if (SPREAD.test(key) || NOT_A_CURVE.test(key) || STEP_KEYS.test(key) || EPOCH_KEYS.test(key) || isBookkeeping(key))
    return undefined;
  return /^Average[A-Z]/.test(key) ? key.slice('Average'.length) : key;
}

/** The counter most tables carry (a timesteps counter before an epoch one), or undefined when none does. */
function counterOf(found: Map<string, number>[]): { key: string; steps: boolean } | undefined {
  for (const [re, steps] of [
    [STEP_KEYS, true],
    [EPOCH_KEYS, false],
  ] as const) {
    const counts = new Map<string, number>();
    for (const t of found) for (const k of t.keys()) if (re.test(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const best = [...counts].filter(([k]) => rises(found, k)).sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] >= MIN_TABLES) return { key: best[0], steps };
  }
  return undefined;
}

/** Share of consecutive tables over which a counter must not go back (a restart now and then does; an episode's
 * length under `steps` does half the time). */
const RISING_SHARE = 2 / 3;

/** Does the key count up from table to table, as a counter does, going back only at a restart? */
function rises(found: Map<string, number>[], key: string): boolean {
  const xs = found.map((t) => t.get(key)).filter((v): v is number => v !== undefined);
  const ups = xs.slice(1).filter((v, k) => v >= xs[k]).length;
  return ups >= RISING_SHARE * (xs.length - 1);
}

/**
 * Lines outside the tables that print metric values ("100/100 [====] - 2s - loss: 0.50 - val_loss: 0.55", "Epoch 3
 * | train loss 0.41"): at most MAX_LINES_READ are read, each as the printed-log reader reads a line.
 */
function metricLinesOutside(lines: string[]): number {
  let n = 0;
  let read = 0;
  for (const raw of lines) {
    if (BORDER.test(raw) || rowOf(raw) !== undefined || raw.length > 500) continue;
    const line = printedLine(raw);
    if (line === undefined || ++read > MAX_LINES_READ) continue;
    const r = readLine(line, { iterations: false, bracketEpochs: false });
    if (!r.chatter && r.pairs.some(([name]) => METRIC_WORD.test(normalise([name])))) n++;
  }
  return n;
}

/** How many lines outside the tables metricLinesOutside reads (a logger's chatter is a few lines a table). */
const MAX_LINES_READ = 20_000;

/**
 * The logger's tables as runs, or undefined when the text holds none: at least MIN_TABLES tables carry one counter
 * and a metric (a loss, a score, a return). Tables without the counter (a config, a per-class report between a
 * loop's epoch lines) leave the text to the other readers; so do tables without a loss beside lines that print the
 * training's metrics themselves, at least one for every two tables (a callback's table after each of Keras's epoch
 * lines; SB3's "Eval num_timesteps=..." lines beside Baselines' tables, which hold the losses, leave them be).
 */
export function readKvTables(text: string, limits: Limits): RawLog | undefined {
  // a cheap look first: a border, then a row
  if (!/^[ \t]*-{10,}[ \t]*\r?\n[^\n]{0,300}\|/m.test(text.slice(0, 256 * 1024))) return undefined;
  const all = tables(text.split('\n'), limits);
  const counter = counterOf(all);
  if (!counter) return undefined;
  const found = all.filter((t) => t.has(counter.key));
  const named = (k: string) => curveName(k);
  if (!found.some((t) => [...t.keys()].some((k) => named(k) && isMetricName(named(k)!)))) return undefined;
  // tables without the training's loss beside lines that print it (a callback's table after Keras's epoch lines)
  const withLoss = found.some((t) => [...t.keys()].some((k) => named(k) && canonicalName(named(k)!).kind === 'loss'));
  if (!withLoss && metricLinesOutside(text.split('\n')) * 2 >= found.length) return undefined;
  // an epoch counter from 0 (Spinning Up's Epoch 0) places its first table at epoch 1, said so
  const from0 = !counter.steps && found[0].get(counter.key) === 0;
  const runs: { xAxis: 'step' | 'epoch'; cols: Map<string, RawColumn> }[] = [];
  let last = -Infinity;
  for (const t of found) {
    const x = t.get(counter.key)! + (from0 ? 1 : 0);
    // a counter that goes back starts a run; tables at one count (an evaluation table after a rollout one) are one point
    if (runs.length === 0 || x < last) runs.push({ xAxis: counter.steps ? 'step' : 'epoch', cols: new Map() });
    if (runs.length > MAX_LAYOUT_RUNS) return undefined;
    last = x;
    const cols = runs[runs.length - 1].cols;
    for (const [key, v] of t) {
      const name = named(key);
      if (!name) continue;
      let c = cols.get(name);
      if (!c) cols.set(name, (c = { name, x: [], y: [] }));
      if (c.x.length > 0 && c.x[c.x.length - 1] === x) c.y[c.y.length - 1] = v;
      else {
        c.x.push(x);
        c.y.push(v);
      }
    }
  }
  const kept: RawRun[] = runs
    .filter((r) => r.cols.size > 0)
    .map((r) => ({
      xAxis: r.xAxis,
      ...(from0 ? { epochNumbering: 'from0' as const } : {}),
      columns: [...r.cols.values()],
    }));
  if (kept.length === 0) return undefined;
  if (kept.length > 1) kept.forEach((r, i) => (r.label = `run ${i + 1} (its counter started again)`));
  return {
    format: 'text',
    runs: kept,
    warnings: [
      {
        code: 'kv_tables',
        message: `Read as a logger's key | value tables (OpenAI Baselines, Spinning Up, RLCard): one point per table, placed at its ${counter.key}.`,
      },
    ],
    rows: found.length,
  };
}
