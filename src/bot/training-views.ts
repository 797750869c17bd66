/**
 * What /train, /sweep and apply-fix show: the progress message, the result views (train, fix, sweep)
 * and the Keras export. Pure builders of View objects; the live job flow is in training.ts.
 */
import type { APIEmbed } from 'discord.js';
import { progressLine, type JobProgress } from '../jobs/index.js';
import { formatSeconds, sigOrDash } from '../util/format.js';
import {
  exportKeras,
  formatLeaderboard,
  historyJson,
  planSweep,
  repair,
  type FixOutcome,
  type KerasFlavour,
  type SweepResult,
  type TrainConfig,
  type TrainOutcome,
} from '../train/index.js';
import { patternLabel } from '../diagnose/schema.js';
import { exportHyperopt } from '../train/search/hyperopt.js';
import { formatTrials } from '../train/search/format.js';
import type { BotContext } from './context.js';
import { compareView, customId, diagnosisView, IMAGE_NAME, type View } from './present.js';
import { clip, clipText, code, line, prose, quote } from './text.js';
import type { TaskOptions } from './work/task.js';
import type { StoredRun } from './store.js';

export const SWEEP_IMAGE_NAME = 'sweep.png';
export const SEARCH_IMAGE_NAME = 'search.png';
const BAR = 20;

type Row = View['components'][number];

// ---------------------------------------------------------------- views

export function progressBar(fraction: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const n = Math.round(f * BAR);
  return `${'█'.repeat(n)}${'░'.repeat(BAR - n)} ${Math.round(f * 100)}%`;
}

function cancelRow(jobId: string): Row[] {
  const id = customId(jobId, 'cancel');
  return id ? [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel', custom_id: id }] }] : [];
}

export function progressView(title: string, jobId: string, state: { queued?: number; progress?: JobProgress }): View {
  const lines = [`**${line(title, 200)}**`];
  if (state.progress) {
    const d = state.progress.detail;
    const search =
      d && typeof d.best_so_far === 'number'
        ? ` · best so far ${g(d.best_so_far)}${typeof d.pruned === 'number' ? ` · ${d.pruned} pruned` : ''}`
        : '';
    const last =
      d && typeof d.last === 'string'
        ? `${search} · last: ${line(d.last, 60)}${typeof d.best_val_loss === 'number' ? ` (best val_loss ${g(d.best_val_loss)})` : ''}`
        : '';
    lines.push(`\`${progressBar(state.progress.fraction)}\``, progressLine(state.progress) + last);
  } else if (state.queued !== undefined)
    lines.push(
      `\`${progressBar(0)}\``,
      `waiting for a free training slot (${state.queued > 0 ? `${state.queued} ahead` : 'next in line'})`,
    );
  else lines.push(`\`${progressBar(0)}\``, 'starting…');
  return { content: clip(lines.join('\n'), 2000), embeds: [], components: cancelRow(jobId) };
}

const g = (v: number | undefined) => sigOrDash(v, 3);

export function describeConfig(c: TrainConfig): string {
  const lstm = c.model.lstm.map((l) => l.units).join('-');
  return `${c.name ? `${c.name}: ` : ''}LSTM(${lstm}) on ${c.data.dataset}, ${c.optimizer.name} lr ${c.optimizer.lr}, batch ${c.fit.batch_size}, ${c.fit.epochs} epochs`;
}

/** the concrete changes the top strategy makes to this run (none for a good fit) */
export function fixFor(out: TrainOutcome): ReturnType<typeof repair> | undefined {
  try {
    return repair(out.config, out.diagnosis);
  } catch {
    return undefined;
  }
}

function runButtons(key: string, out: TrainOutcome): Row {
  const fix = customId(key, 'fix');
  const keras = customId(key, 'keras');
  const canFix = (fixFor(out)?.changes.length ?? 0) > 0;
  return {
    type: 1,
    components: [
      ...(fix
        ? [
            {
              type: 2 as const,
              style: 1 as const,
              label: canFix ? 'Apply the suggested fix and retrain' : 'No fix to apply: nothing to change',
              custom_id: fix,
              disabled: !canFix,
            },
          ]
        : []),
      ...(keras ? [{ type: 2 as const, style: 2 as const, label: 'Export as Keras script', custom_id: keras }] : []),
    ],
  };
}

function chartOptions(ctx: BotContext, dialect?: string): TaskOptions {
  return { dialect, chart: { width: ctx.config.CHART_WIDTH, theme: ctx.config.CHART_THEME }, imageName: IMAGE_NAME };
}

function historyText(o: TrainOutcome): string {
  return historyJson(o.result.history as unknown as Record<string, number[]>);
}

/** A finished run: exactly the /diagnose answer for its history, plus the fix/export buttons. */
export async function trainView(ctx: BotContext, out: TrainOutcome, dialect: KerasFlavour): Promise<View> {
  const r = await ctx.pool.run({
    kind: 'diagnose',
    input: { data: historyText(out), fileName: 'history.json', origin: 'trained' },
    options: chartOptions(ctx, dialect),
  });
  if (!r.ok || r.kind !== 'diagnose')
    throw new Error(`could not read back the training history: ${r.ok ? r.kind : r.message}`);
  const source = `trained ${describeConfig(out.config)} · ${out.result.epochs_run} epochs run in ${formatSeconds(out.result.ms_total)} on ${out.result.backend}${out.result.threads > 1 ? ` (${out.result.threads} threads)` : ''}`;
  const v = diagnosisView(r.result, r.png, ctx.store, source);
  const key = ctx.runs.put(out, dialect);
  return { ...v, components: [...v.components, runButtons(key, out)].slice(0, 5) };
}

/** a config value (user-chosen strings included) as a code span */
const fmtVal = (v: unknown) => (v === undefined ? 'none' : quote(JSON.stringify(v) ?? String(v), 80));

/** Apply fix: before vs after on one chart, the verdict, and each change with its reason. */
export async function fixView(ctx: BotContext, fix: FixOutcome, dialect: KerasFlavour): Promise<View> {
  const r = await ctx.pool.run({
    kind: 'compare',
    inputs: [
      { data: historyText(fix.before), fileName: 'before', origin: 'trained' },
      { data: historyText(fix.after), fileName: 'after', origin: 'trained' },
    ],
    options: chartOptions(ctx, dialect),
  });
  if (!r.ok || r.kind !== 'compare')
    throw new Error(`could not read back the training histories: ${r.ok ? r.kind : r.message}`);
  const base = compareView(['before', 'after'], r.results, r.png, ctx.store);
  const c = fix.comparison;
  const changes = fix.repair.changes.length
    ? fix.repair.changes.map(
        (ch) => `• ${quote(ch.path, 80)}: ${fmtVal(ch.from)} → ${fmtVal(ch.to)} — ${line(ch.why, 300)}`,
      )
    : ['• no config change applies to this diagnosis'];
  const side = (label: string, o: TrainOutcome) => ({
    name: label,
    value: clip(
      `**${patternLabel(o.diagnosis.pattern)}** · ${Math.round(o.diagnosis.confidence * 100)}%\nbest val_loss ${g(o.summary.best_val_loss_orig ?? o.summary.best_val_loss)} (epoch ${o.summary.best_epoch})\n${line(describeConfig(o.config), 300)}`,
      1024,
    ),
    inline: true,
  });
  const embed: APIEmbed = {
    title: clipText(`Before vs after the fix: ${c.verdict}`, 256),
    color: c.verdict === 'fixed' || c.verdict === 'improved' ? 0x2ecc71 : c.verdict === 'worse' ? 0xe74c3c : 0xf1c40f,
    description: clip(
      [line(c.message, 600), '', `**Changes** (${line(fix.repair.summary, 200)})`, ...changes].join('\n'),
      4096,
    ),
    fields: [side('Before', fix.before), side('After', fix.after)],
    image: { url: base.embeds[0]?.image?.url ?? 'attachment://compare.png' },
  };
  const key = ctx.runs.put(fix.after, dialect);
  return { ...base, embeds: [embed], components: [...base.components, runButtons(key, fix.after)].slice(0, 5) };
}

const png = (p: Uint8Array) => Buffer.from(p.buffer, p.byteOffset, p.byteLength);

/** The best run of each leaderboard row on one chart (none when it could not be drawn). */
async function overlayFiles(ctx: BotContext, s: SweepResult): Promise<NonNullable<View['files']>> {
  const rows = s.leaderboard.filter((r) => r.best_history).slice(0, 10);
  if (!rows.length) return [];
  const r = await ctx.pool.run({
    kind: 'overlay',
    inputs: rows.map((x) => ({ data: historyJson(x.best_history!), fileName: x.label, origin: 'trained' as const })),
    options: chartOptions(ctx),
  });
  if (r.ok && r.kind === 'overlay') return [{ attachment: png(r.png), name: SWEEP_IMAGE_NAME }];
  ctx.logger.warn({ reason: r.ok ? r.kind : r.code }, 'sweep overlay not drawn');
  return [];
}

/** A sweep: the leaderboard (mean ± std over repeats) and the best run of each value on one chart. */
export async function sweepView(ctx: BotContext, s: SweepResult): Promise<View> {
  if (s.search) return searchView(ctx, s);
  const files = await overlayFiles(ctx, s);
  const table = formatLeaderboard(s);
  const best = s.leaderboard[0];
  const title =
    s.spec.mode === 'random'
      ? `Random search: ${s.leaderboard.length} trials`
      : `Sweep over ${line(String(s.spec.param), 40)}: ${s.leaderboard.length} values × ${s.spec.repeats}`;
  const embed: APIEmbed = {
    title: clip(title, 256),
    color: 0x3498db,
    // labels and skipped values are the user's option values: in prose escaped, in the block unable to close it
    description: `${best ? `Best: **${line(best.label, 100)}** (best val_loss ${g(best.mean)} ± ${g(best.std)})\n` : ''}\`\`\`\n${code(clipText(table, 3800))}\n\`\`\``,
    ...(files.length ? { image: { url: `attachment://${SWEEP_IMAGE_NAME}` } } : {}),
    footer: { text: 'Ranked by mean best val_loss; the chart shows the best repeat of each value.' },
  };
  return { embeds: [embed], components: [], files };
}

/**
 * A TPE search: the summary (best, pruned trials, epochs saved, the clamps), the trials, the validated
 * leaderboard with the best runs' overlay, the best-so-far chart (TPE vs random when both ran), and
 * the winner as a Keras script plus the whole search as a hyperopt script.
 */
async function searchView(ctx: BotContext, s: SweepResult): Promise<View> {
  const search = s.search!;
  const files = [...(await overlayFiles(ctx, s))];
  const curves = [
    { label: 'TPE', bestSoFar: search.best_so_far },
    ...(search.random ? [{ label: 'random search', bestSoFar: search.random.best_so_far }] : []),
  ];
  const c = await ctx.pool.run({ kind: 'curves', curves, options: chartOptions(ctx) });
  if (c.ok && c.kind === 'curves') files.push({ attachment: png(c.png), name: SEARCH_IMAGE_NAME });
  else ctx.logger.warn({ reason: c.ok ? c.kind : c.code }, 'search chart not drawn');
  if (search.best)
    files.push({
      attachment: Buffer.from(exportKeras(search.best.config, 'tfkeras'), 'utf8'),
      name: 'tpe_best_keras.py',
    });
  const plan = planSweep(s.spec).search;
  if (plan)
    files.push({
      attachment: Buffer.from(exportHyperopt(plan.base, search.space, search.trials.length), 'utf8'),
      name: 'tpe_search_hyperopt.py',
    });
  const has = (n: string) => files.some((f) => f.name === n);
  const best = s.leaderboard[0];
  const summary: APIEmbed = {
    title: clip(
      `TPE search: ${search.trials.length} trials, ${search.pruned} pruned (${search.epochs_saved} epochs saved)`,
      256,
    ),
    color: 0x9b59b6,
    description: clip(
      `${best ? `Best: **${line(best.label, 100)}** (best val_loss ${g(best.mean)} ± ${g(best.std)} over ${best.runs} run${best.runs === 1 ? '' : 's'})\n` : ''}\`\`\`\n${code(clipText(formatTrials(search), 3600))}\n\`\`\``,
      4096,
    ),
    ...(has(SEARCH_IMAGE_NAME) ? { image: { url: `attachment://${SEARCH_IMAGE_NAME}` } } : {}),
    footer: { text: 'Trials run one after another: each suggestion uses every finished trial. Scripts attached.' },
  };
  const board: APIEmbed = {
    title: search.validate_top
      ? `Validated: the top ${search.validate_top} re-run with ${search.validate_seeds} new seeds`
      : 'Trials, best first',
    color: 0x3498db,
    description: `\`\`\`\n${code(clipText(formatLeaderboard(s), 3800))}\n\`\`\``,
    ...(has(SWEEP_IMAGE_NAME) ? { image: { url: `attachment://${SWEEP_IMAGE_NAME}` } } : {}),
  };
  return { embeds: [summary, board], components: [], files };
}

export function kerasFile(run: StoredRun, flavour: KerasFlavour): { attachment: Buffer; name: string } {
  const name = `${(run.outcome.config.name || 'curve-triage').replace(/[^\w.-]+/g, '_').slice(0, 40)}_${flavour}.py`;
  return { attachment: Buffer.from(exportKeras(run.outcome.config, flavour), 'utf8'), name };
}

export function kerasView(run: StoredRun, key: string, flavour: KerasFlavour): View {
  const id = customId(key, 'kflav');
  const flavours: KerasFlavour[] = ['keras2', 'tfkeras', 'keras3'];
  return {
    content: `A runnable ${flavour} script for this run: the same data windows, model, compile, callbacks and fit; it writes \`history.json\` for \`/diagnose\`.`,
    embeds: [],
    components: id
      ? [
          {
            type: 1,
            components: [
              {
                type: 3,
                custom_id: id,
                placeholder: 'Another Keras flavour…',
                options: flavours.map((f) => ({ label: f, value: f, default: f === flavour })),
              },
            ],
          },
        ]
      : [],
    files: [kerasFile(run, flavour)],
  };
}
