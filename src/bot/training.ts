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
import { JobCancelledError, JobLimitError, type JobEvent } from '../jobs/index.js';
import { formatEstimate, formatLimit } from '../util/format.js';
import { type FixOutcome } from '../train/index.js';
import { patternLabel } from '../diagnose/schema.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { takeRate } from './dispatch.js';
import { messageOf, type View } from './present.js';
import { clip, code, line, prose } from './text.js';
import type { StoredRun } from './store.js';
import { fixFor, fixView, progressView } from './training-views.js';
import { withSaved } from './flow.js';
import { remember, trainedRecord } from './memory.js';

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
    final: async (fix) =>
      withSaved(await fixView(ctx, fix, run.dialect), await remember(ctx, i, trainedRecord(fix.after, 'apply_fix'))),
  });
}

export function storedRun(ctx: BotContext, key: string): StoredRun {
  const run = ctx.runs.get(key);
  if (!run) throw RUN_EXPIRED;
  return run;
}
