/**
 * /train, /sweep and the "apply fix" button: submit to the training queue (src/jobs; the training
 * runs in its worker threads, never on this event loop), keep ONE message updated with a progress bar
 * and a Cancel button, then show the result the way /diagnose does (the history goes through the
 * real ingest in the work pool: chart, verdict, advice), with "apply fix" and "export" buttons.
 *
 * Interaction tokens live 15 minutes: a job that finishes later than TOKEN_TTL_MS after its
 * interaction was created posts the result as a new channel message with the bot token instead.
 */
import { randomBytes } from 'node:crypto';
import { MessageFlags, Routes, type RepliableInteraction } from 'discord.js';
import type { APIEmbed } from 'discord.js';
import { JobCancelledError, JobLimitError, progressLine, type JobEvent, type JobProgress } from '../jobs/index.js';
import { formatEstimate, formatLimit, formatSeconds, sigOrDash } from '../util/format.js';
import {
  exportKeras,
  formatLeaderboard,
  historyJson,
  repair,
  type FixOutcome,
  type KerasFlavour,
  type SweepResult,
  type TrainConfig,
  type TrainOutcome,
} from '../train/index.js';
import { patternLabel } from '../diagnose/schema.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { takeRate } from './dispatch.js';
import { compareView, customId, diagnosisView, IMAGE_NAME, messageOf, type View } from './present.js';
import { clip, clipText, code, line, prose, quote } from './text.js';
import type { TaskOptions } from './work/task.js';
import type { StoredRun } from './store.js';

export const SWEEP_IMAGE_NAME = 'sweep.png';
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
    const last =
      d && typeof d.last === 'string'
        ? ` · last: ${line(d.last, 60)}${typeof d.best_val_loss === 'number' ? ` (best val_loss ${g(d.best_val_loss)})` : ''}`
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
function fixFor(out: TrainOutcome): ReturnType<typeof repair> | undefined {
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
    input: { data: historyText(out), fileName: 'history.json' },
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
      { data: historyText(fix.before), fileName: 'before' },
      { data: historyText(fix.after), fileName: 'after' },
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

/** A sweep: the leaderboard (mean ± std over repeats) and the best run of each value on one chart. */
export async function sweepView(ctx: BotContext, s: SweepResult): Promise<View> {
  const rows = s.leaderboard.filter((r) => r.best_history).slice(0, 10);
  let files: View['files'] = [];
  if (rows.length) {
    const r = await ctx.pool.run({
      kind: 'overlay',
      inputs: rows.map((x) => ({ data: historyJson(x.best_history!), fileName: x.label })),
      options: chartOptions(ctx),
    });
    if (r.ok && r.kind === 'overlay')
      files = [{ attachment: Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength), name: SWEEP_IMAGE_NAME }];
    else ctx.logger.warn({ reason: r.ok ? r.kind : r.code }, 'sweep overlay not drawn');
  }
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

// ---------------------------------------------------------------- the live job

/** What to ask for instead, per job kind (fixed option names only) */
const LESS: Record<LiveJob<unknown>['kind'], string> = {
  sweep: 'fewer values, repeats or epochs',
  train: 'fewer epochs, units or samples',
  fix: 'fewer epochs or units',
};
const WHAT: Record<LiveJob<unknown>['kind'], string> = {
  sweep: 'sweep',
  train: 'training run',
  fix: 'retraining with the fix',
};

function friendlyLimit(e: JobLimitError, kind: LiveJob<unknown>['kind']): UserError {
  const c = e.cost;
  const runs = c && c.runs > 1 ? ` (${c.runs} runs)` : '';
  switch (e.code) {
    case 'too_costly':
      return new UserError(
        `This ${WHAT[kind]} would take up to ${formatEstimate(c?.estimateS ?? 0)} of training${runs}; the limit is ${formatLimit(c?.limitS ?? 0)} per job. Ask for less: ${LESS[kind]}.`,
        'train_too_costly',
      );
    case 'over_quota':
      return new UserError(
        c?.retryAfterS !== undefined
          ? `This ${WHAT[kind]} would take up to ${formatEstimate(c.estimateS)} of training${runs}, and you have used ${formatEstimate(c.usedS ?? 0)} of your ${formatLimit(c.limitS)} per hour. Try again in ${formatEstimate(c.retryAfterS)}, or ask for less: ${LESS[kind]}.`
          : `This ${WHAT[kind]} would take up to ${formatEstimate(c?.estimateS ?? 0)} of training${runs}; each person gets ${formatLimit(c?.limitS ?? 0)} per hour. Ask for less: ${LESS[kind]}.`,
        'train_over_quota',
      );
    case 'user_busy':
      return new UserError(
        `You already have a training job running: one at a time per person. Wait for it to finish, or press its **Cancel** button. (${e.message})`,
        'train_user_busy',
      );
    case 'queue_full':
      return new UserError(
        'Every training slot is busy and the queue is full. Try again in a few minutes.',
        'train_queue_full',
      );
    case 'closed':
      return new UserError('The bot is restarting. Try again in a minute.', 'train_closed');
    default:
      return new UserError('That kind of training job is not available.', `train_${e.code}`);
  }
}

function expired(i: RepliableInteraction, ctx: BotContext): boolean {
  return Date.now() - i.createdTimestamp > ctx.config.TOKEN_TTL_MS;
}

/** The final answer: edit the reply, or (token too old) a new channel message with the bot token. */
async function deliver(i: RepliableInteraction, ctx: BotContext, v: View, what: string): Promise<void> {
  if (!expired(i, ctx)) {
    await i.editReply(messageOf(v));
    return;
  }
  if (!i.channelId) {
    ctx.logger.warn({ interaction: i.id }, 'job outlived its interaction token and there is no channel to post in');
    return;
  }
  const note = `-# <@${i.user.id}>'s ${what} took longer than Discord lets a reply be edited, so here is the result as a new message.`;
  await i.client.rest.post(Routes.channelMessages(i.channelId), {
    body: {
      content: clip([note, v.content ?? ''].filter(Boolean).join('\n'), 2000),
      embeds: v.embeds,
      components: v.components,
      allowed_mentions: { parse: [] },
    },
    files: (v.files ?? []).map((f) => ({
      name: f.name,
      data: f.attachment,
      contentType: f.name.endsWith('.png') ? 'image/png' : undefined,
    })),
  });
  ctx.logger.info({ interaction: i.id, channel: i.channelId }, 'result posted as a channel message (token expired)');
}

export interface LiveJob<R> {
  kind: 'train' | 'fix' | 'sweep';
  payload: unknown;
  /** shown above the progress bar */
  title: string;
  /** e.g. "/train" (for the expired-token note) */
  what: string;
  ephemeral?: boolean;
  final(result: R): Promise<View>;
}

/**
 * Submit, defer, keep one message updated (the queue sends progress at most every 2 s), deliver the
 * final view. The queue's limits (one job per user, queue full, cost) are refused privately before
 * deferring, so a training command declares its rate limit but defers here, after the submit.
 */
export async function runLive<R>(i: RepliableInteraction, ctx: BotContext, job: LiveJob<R>): Promise<void> {
  const progress = progressMessage(i, ctx);
  const handle = submit(ctx, i.user.id, job, progress.show);
  try {
    await i.deferReply(job.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (e) {
    ctx.jobs.cancel(handle.id);
    throw e;
  }
  progress.deferred();
  ctx.logger.info({ interaction: i.id, job: handle.id, kind: job.kind }, 'training job submitted');
  const view = await outcomeView(i, ctx, job, handle, progress.stop);
  await progress.settled();
  await deliver(i, ctx, view, job.what);
}

/** Submit the job, its queue events shown as progress; the queue's limits as friendly refusals. */
function submit<R>(
  ctx: BotContext,
  userId: string,
  job: LiveJob<R>,
  show: (v: View, isStart?: boolean) => void,
): { id: string; done: Promise<R> } {
  const onEvent = (e: JobEvent) => {
    // "thinking…" covers a job that starts at once; a waiting one says how many are ahead
    if (e.type === 'queued') {
      const st = ctx.jobs.stats();
      if ((e.job.position ?? 0) > 0 || st.running >= st.concurrency)
        show(progressView(job.title, e.job.id, { queued: e.job.position ?? 0 }));
    }
    // the first progress comes after the first epoch (a sweep's after its first run), later still on
    // a busy machine where training threads yield to triage: say it started
    else if (e.type === 'started') show(progressView(job.title, e.job.id, {}), true);
    else if (e.type === 'progress') show(progressView(job.title, e.job.id, { progress: e.progress }));
  };
  try {
    return ctx.jobs.submit<unknown, R>(job.kind, userId, job.payload, { onEvent });
  } catch (e) {
    if (e instanceof JobLimitError) throw friendlyLimit(e, job.kind);
    throw e;
  }
}

/** Wait for the job; its result (or why there is none) as the final view. Progress stops once the job ends. */
async function outcomeView<R>(
  i: RepliableInteraction,
  ctx: BotContext,
  job: LiveJob<R>,
  handle: { id: string; done: Promise<R> },
  stopProgress: () => void,
): Promise<View> {
  const text = (t: string): View => ({
    content: clip(`**${line(job.title, 200)}**\n${t}`, 2000),
    embeds: [],
    components: [],
  });
  let result: { r: R };
  try {
    result = { r: await handle.done };
  } catch (e) {
    if (e instanceof JobCancelledError) return text('Cancelled.');
    // the queue's failures are messages for the user (a cap, the time limit, a bad config)
    ctx.logger.info({ interaction: i.id, job: handle.id, err: e }, 'training job failed');
    return text(`The job failed: ${prose((e as Error)?.message ?? String(e), 1500)}`);
  } finally {
    stopProgress();
  }
  try {
    return await job.final(result.r);
  } catch (e) {
    const ref = randomBytes(4).toString('hex');
    ctx.logger.error({ interaction: i.id, job: handle.id, err: e, ref }, 'training result could not be shown');
    return text(
      `The training finished, but showing its result went wrong on my side (ref \`${ref}\`). Please try again.`,
    );
  }
}

/**
 * The one progress message: the latest view is edited in at most every PROGRESS_EDIT_MS (the
 * first at once), only after the defer, never after the job ended.
 */
function progressMessage(i: RepliableInteraction, ctx: BotContext) {
  let latest: View | undefined;
  let pumping: Promise<void> | undefined;
  let deferred = false;
  let stopped = false;
  let lastEdit = 0;
  // "starting…" does not use up the edit interval: the first real progress may follow it at once
  let latestIsStart = false;
  let wake: (() => void) | undefined;
  const pump = async () => {
    while (latest && !stopped) {
      const wait = lastEdit + ctx.config.PROGRESS_EDIT_MS - Date.now();
      if (wait > 0) await new Promise<void>((r) => ((wake = r), setTimeout(r, wait)));
      if (stopped || !latest) break;
      const v = latest;
      const isStart = latestIsStart;
      latest = undefined;
      if (expired(i, ctx)) continue;
      lastEdit = isStart ? 0 : Date.now();
      await i
        .editReply(messageOf(v))
        .catch((e: unknown) => ctx.logger.warn({ err: e, interaction: i.id }, 'progress edit failed'));
    }
  };
  const kick = () => {
    if (deferred && latest && !pumping) pumping = pump().finally(() => (pumping = undefined));
  };
  return {
    show(v: View, isStart = false) {
      if (stopped) return;
      latest = v;
      latestIsStart = isStart;
      kick();
    },
    deferred() {
      deferred = true;
      kick();
    },
    stop() {
      stopped = true;
      wake?.();
    },
    /** the edit in flight, if any, has finished */
    settled: () => pumping ?? Promise.resolve(),
  };
}

// ---------------------------------------------------------------- buttons

export async function cancelButton(
  i: RepliableInteraction & { deferUpdate(): Promise<unknown> },
  ctx: BotContext,
  jobId: string,
): Promise<void> {
  const info = ctx.jobs.get(jobId);
  if (!info || (info.state !== 'queued' && info.state !== 'running'))
    throw new UserError('That job has already finished.', 'job_finished');
  if (info.userId !== i.user.id)
    throw new UserError('Only the person who started that job can cancel it.', 'not_owner');
  if (!ctx.jobs.cancel(jobId, i.user.id)) throw new UserError('That job has already finished.', 'job_finished');
  await i.deferUpdate();
}

const RUN_EXPIRED = new UserError(
  'That run has expired: the bot keeps finished runs for 15 minutes. Run /train again.',
  'expired',
);

export async function fixButton(i: RepliableInteraction, ctx: BotContext, key: string): Promise<void> {
  const run = ctx.runs.get(key);
  if (!run) throw RUN_EXPIRED;
  const before = run.outcome;
  if (!fixFor(before)?.changes.length)
    throw new UserError(
      `This run is ${patternLabel(before.diagnosis.pattern).toLowerCase()}: there is no config change to try.`,
      'nothing_to_fix',
    );
  // a button, not a command: the dispatcher's rate limit is taken here
  takeRate(i, ctx, 'work');
  await runLive<FixOutcome>(i, ctx, {
    kind: 'fix',
    payload: { config: before.config, before },
    title: `Applying the fix for ${patternLabel(before.diagnosis.pattern).toLowerCase()} and retraining`,
    what: 'apply-fix retrain',
    final: (fix) => fixView(ctx, fix, run.dialect),
  });
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

export function storedRun(ctx: BotContext, key: string): StoredRun {
  const run = ctx.runs.get(key);
  if (!run) throw RUN_EXPIRED;
  return run;
}
