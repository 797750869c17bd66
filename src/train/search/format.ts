/**
 * A TPE search as text (CLI, a Discord code block): what was searched, the summary (best, pruned
 * trials and the epochs that saved, the random-search line when it ran), the trials in order, then
 * the validated leaderboard (leaderboard.ts).
 */
import { formatLeaderboard } from '../leaderboard.js';
import type { SweepResult } from '../sweep.js';
import { sig } from '../../util/format.js';
import type { SearchArm, SearchProgress, SearchReport } from './run.js';
import { SEARCH_PARAMS, type SearchSpace } from './space.js';

const g = (v: number) => (Number.isFinite(v) ? sig(v, 3) : '-');

export function describeSpace(space: SearchSpace): string {
  return SEARCH_PARAMS.filter((p) => space[p])
    .map((p) => {
      const d = space[p]!;
      if (d.type === 'choice') return `${p} ∈ {${d.options.join(', ')}}`;
      if (d.type === 'loguniform') return `${p} e^${d.low}..e^${d.high} (log)`;
      if (d.type === 'quniform') return `${p} ${d.low}..${d.high} step ${d.q}`;
      return `${p} ${d.low}..${d.high}`;
    })
    .join(', ');
}

function armLine(a: SearchArm): string {
  const last = a.best_so_far[a.best_so_far.length - 1];
  const pruned = a.pruned ? `, ${a.pruned} pruned (${a.epochs_saved} epochs saved)` : '';
  return `${a.sampler === 'tpe' ? 'TPE' : 'random search'}: best val_loss ${g(last)} after ${a.trials.length} trials${pruned}`;
}

/** The summary lines: space, notes, each arm's best, what pruning saved. */
export function searchSummary(s: SearchReport): string[] {
  const out = [`space: ${describeSpace(s.space)}`];
  for (const n of s.notes) out.push(`note: ${n}`);
  out.push(
    `${s.startup} random start-up trials, then TPE; pruning ${s.prune ? 'on (median stopping)' : 'off'}`,
    armLine(s),
  );
  if (s.random) {
    out.push(armLine(s.random));
    const t = s.best_so_far.at(-1) ?? NaN;
    const r = s.random.best_so_far.at(-1) ?? NaN;
    if (Number.isFinite(t) && Number.isFinite(r))
      out.push(
        t <= r
          ? `TPE found ${g(r / t)}x lower than random search`
          : `random search found ${g(t / r)}x lower than TPE this time`,
      );
  }
  if (s.prune) {
    const planned = s.trials.reduce((a, t) => a + t.epochs_planned, 0);
    out.push(
      `epochs run ${s.epochs_run} of ${planned} planned: pruning saved ${s.epochs_saved} (${planned ? Math.round((100 * s.epochs_saved) / planned) : 0}%)`,
    );
  }
  return out;
}

function trialsTable(a: SearchArm): string[] {
  const head = ['trial', 'config', 'best val_loss', 'epochs', 'best so far'];
  const rows = a.trials.map((t, i) => [
    String(t.trial),
    t.label.replace(/^#\d+ /, ''),
    g(t.best_val_loss),
    `${t.epochs_run}/${t.epochs_planned}`,
    g(a.best_so_far[i]),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(w[i]))
      .join('  ')
      .trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)];
}

/** The summary and the trials in order (no leaderboard). */
export function formatTrials(s: SearchReport): string {
  return [...searchSummary(s), '', ...trialsTable(s)].join('\n');
}

/** The whole search: summary, trials, validated leaderboard. */
export function formatSearch(r: SweepResult): string {
  const s = r.search;
  if (!s) return formatLeaderboard(r);
  const validated = s.validate_top
    ? `validation: the top ${s.validate_top} re-run with ${s.validate_seeds} new seeds each (mean ± std)`
    : 'the trials, best first';
  return [formatTrials(s), '', validated, formatLeaderboard(r)].join('\n');
}

/** One progress line: "trial 3/16 · best so far 0.0123 · 1 pruned · last: #3 units 96, ..." */
export function progressText(p: SearchProgress): string {
  const what = p.phase === 'validate' ? 'validation run' : p.phase === 'random' ? 'random-search trial' : 'trial';
  return `${what} ${p.step}/${p.steps} · best so far ${g(p.best)} · ${p.pruned} pruned · last: ${p.last}`;
}
