/**
 * A sweep's leaderboard as a fixed-width table (CLI, a Discord code block): rank, config, mean ± std
 * of the best val_loss over its runs, time, epochs, the most common diagnosis.
 */
import type { SweepResult } from './sweep.js';
import { sig } from '../util/format.js';

const g = (v: number) => sig(v, 3);

/** The leaderboard as a fixed-width table (CLI, a Discord code block). */
export function formatLeaderboard(r: SweepResult): string {
  const rows = r.leaderboard.map((x) => {
    const top = Object.entries(x.patterns).sort((a, b) => b[1] - a[1])[0];
    return [
      String(x.rank),
      x.label,
      `${g(x.mean)} ± ${g(x.std)}`,
      g(x.min),
      `${(x.mean_ms / 1000).toFixed(1)} s`,
      String(x.mean_epochs),
      top ? `${top[0]} ${top[1]}/${x.runs}` : '',
    ];
  });
  const head = ['#', 'config', 'best val_loss (mean ± std)', 'min', 'time/run', 'epochs', 'diagnosis'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (r.skipped.length) out.push('', ...r.skipped.map((s) => `skipped ${s.label}: ${s.reason}`));
  const per = r.search
    ? r.search.validate_top
      ? `${r.search.validate_seeds} new seeds per validated config`
      : '1 per trial'
    : `${r.spec.repeats} per config`;
  out.push('', `${r.runs.length} runs (${per}) on ${r.backend} in ${(r.ms_total / 1000).toFixed(1)} s`);
  return out.join('\n');
}
