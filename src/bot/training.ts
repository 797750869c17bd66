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
import {
  InteractionWebhook,
  MessageFlags,
  Routes,
  type Client,
  type RepliableInteraction,
  type REST,
} from 'discord.js';
import { JobCancelledError, JobDetachedError, JobLimitError, type JobEvent, type JobHandle } from '../jobs/index.js';
import { errorClass } from '../jobs/seal.js';
import { formatEstimate, formatLimit } from '../util/format.js';
import type { FixOutcome, KerasFlavour, SweepResult, TrainOutcome } from '../train/index.js';
import { patternLabel } from '../diagnose/schema.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { takeRate } from './dispatch.js';
import { messageOf, type View } from './present.js';
import { clip, code, line, prose } from './text.js';
import type { StoredRun } from './store.js';
import { fixFor, fixView, progressView, sweepView, trainView } from './training-views.js';
import { withSaved } from './flow.js';
import { historyOn, remember, sweepRecord, trainedRecord, type Origin } from './memory.js';

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

/**
 * Where a job's answer goes: the interaction's reply (edited with its token while it lives), else a
 * channel message. Plain JSON, so a job carries it (SubmitOptions.meta) and a restarted bot can
 * answer from it. The token is a short-lived secret: never logged.
 */
export interface ReplyRef {
  appId: string;
  token: string;
  interactionId: string;
  channelId: string | null;
  /** the server the job was asked in (null in DMs): whose team memory keeps the result */
  guildId?: string | null;
  /** answered privately: the team memory keeps nothing (a private answer stays private) */
  private?: boolean;
  userId: string;
  createdAt: number;
  kind: LiveJob<unknown>['kind'];
  title: string;
  what: string;
  dialect?: KerasFlavour;
}

/** A reply to edit: the live interaction's, or one rebuilt from a ReplyRef by another process. */
export interface Target {
  ref: ReplyRef;
  edit(v: View): Promise<unknown>;
}

function interactionTarget(i: RepliableInteraction, job: LiveJob<unknown>): Target {
  return {
    ref: {
      appId: i.applicationId,
      token: i.token,
      interactionId: i.id,
      channelId: i.channelId,
      guildId: i.guildId,
      ...(job.ephemeral ? { private: true } : {}),
      userId: i.user.id,
      createdAt: i.createdTimestamp,
      kind: job.kind,
      title: job.title,
      what: job.what,
      ...(job.dialect ? { dialect: job.dialect } : {}),
    },
    edit: (v) => i.editReply(messageOf(v)),
  };
}

/** The reply of a job another bot process submitted (this one adopted it). */
export function refTarget(client: Client, ref: ReplyRef): Target {
  const hook = new InteractionWebhook(client as Client<true>, ref.appId, ref.token);
  return { ref, edit: (v) => hook.editMessage('@original', messageOf(v)) };
}

function expired(t: Target, ctx: BotContext): boolean {
  return Date.now() - t.ref.createdAt > ctx.config.TOKEN_TTL_MS;
}

/** The final answer: edit the reply, or (token too old) a new channel message with the bot token. */
async function deliver(t: Target, ctx: BotContext, rest: REST, v: View): Promise<void> {
  const { ref } = t;
  if (!expired(t, ctx)) {
    await t.edit(v);
    return;
  }
  if (!ref.channelId) {
    ctx.logger.warn(
      { interaction: ref.interactionId },
      'job outlived its interaction token and there is no channel to post in',
    );
    return;
  }
  const note = `-# <@${ref.userId}>'s ${ref.what} took longer than Discord lets a reply be edited, so here is the result as a new message.`;
  await rest.post(Routes.channelMessages(ref.channelId), {
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
  ctx.logger.info(
    { interaction: ref.interactionId, channel: ref.channelId },
    'result posted as a channel message (token expired)',
  );
}

export interface LiveJob<R> {
  kind: 'train' | 'fix' | 'sweep';
  payload: unknown;
  /** shown above the progress bar */
  title: string;
  /** e.g. "/train" (for the expired-token note) */
  what: string;
  ephemeral?: boolean;
  /** the Keras flavour of the result's code and export (train, fix) */
  dialect?: KerasFlavour;
  /** R is the processor's result for `kind` */
  _result?: R;
}

/** A finished job's reply, and how to keep its run in the team memory (done once, by the process that posts it). */
interface Final {
  view: View;
  /** keep the run when its scope has history on; the short id for the reply's footer */
  save?: () => Promise<string | undefined>;
}

/** The result's view, by job kind: any bot process can show any job's result (a restarted one included). */
async function finalView(ctx: BotContext, ref: ReplyRef, result: unknown): Promise<Final> {
  const dialect = ref.dialect ?? 'tfkeras';
  // a job from a bot process older than ReplyRef.guildId keeps nothing rather than guess the scope
  const origin: Origin | undefined =
    ref.guildId === undefined || ref.private
      ? undefined
      : { guildId: ref.guildId, channelId: ref.channelId, userId: ref.userId, ref: ref.interactionId };
  const keep = (record: () => Parameters<typeof remember>[2] | undefined) =>
    origin
      ? async () => {
          // a sweep's best run is diagnosed for the record only when it will be kept
          if (!(await historyOn(ctx, origin))) return undefined;
          const r = record();
          return r ? remember(ctx, origin, r) : undefined;
        }
      : undefined;
  if (ref.kind === 'sweep') {
    const s = result as SweepResult;
    return { view: await sweepView(ctx, s), save: keep(() => sweepRecord(s)) };
  }
  if (ref.kind === 'fix') {
    const fix = result as FixOutcome;
    return { view: await fixView(ctx, fix, dialect), save: keep(() => trainedRecord(fix.after, 'apply_fix')) };
  }
  const out = result as TrainOutcome;
  return { view: await trainView(ctx, out, dialect), save: keep(() => trainedRecord(out, 'train')) };
}

/**
 * Submit, defer, keep one message updated (the queue sends progress at most every 2 s), deliver the
 * final view. The queue's limits (one job per user, queue full, cost) are refused privately before
 * deferring, so a training command declares its rate limit but defers here, after the submit.
 */
export async function runLive<R>(i: RepliableInteraction, ctx: BotContext, job: LiveJob<R>): Promise<void> {
  const target = interactionTarget(i, job);
  const progress = progressMessage(target, ctx);
  const handle = await submit(ctx, i.user.id, job, target.ref, progress.show);
  try {
    await i.deferReply(job.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  } catch (e) {
    await ctx.jobs.cancel(handle.id);
    throw e;
  }
  progress.deferred();
  ctx.logger.info({ interaction: i.id, job: handle.id, kind: job.kind }, 'training job submitted');
  await follow(ctx, i.client.rest, target, handle, progress);
}

/** Follow a job this process adopted from a stopped bot: progress edits, then its result, once. */
export async function resumeLive(ctx: BotContext, client: Client, id: string, ref: ReplyRef): Promise<void> {
  if (!ctx.jobs.follow) return;
  const target = refTarget(client, ref);
  const progress = progressMessage(target, ctx);
  progress.deferred();
  const handle = ctx.jobs.follow(id, jobEvents(ctx, ref.title, progress.show));
  ctx.logger.info(
    { interaction: ref.interactionId, job: id, kind: ref.kind },
    'following a job from another bot process',
  );
  await follow(ctx, client.rest, target, handle, progress);
}

async function follow(
  ctx: BotContext,
  rest: REST,
  target: Target,
  handle: { id: string; done: Promise<unknown> },
  progress: ReturnType<typeof progressMessage>,
): Promise<void> {
  const final = await outcomeView(target, ctx, handle, progress.stop);
  await progress.settled();
  try {
    // exactly once per job, whichever process (or retry) saw it end: the post; the run is kept once per
    // interaction by the store (a retry after a failed post finds the row the first attempt wrote)
    if (final && (await ctx.jobs.claimResult(handle.id))) {
      try {
        await deliver(target, ctx, rest, withSaved(final.view, await final.save?.()));
      } catch (e) {
        // Discord down or unreachable: give the claim back so this process's or another's adoption posts it;
        // a refusal (4xx) would be refused again, so that claim stands
        if (!isRefusal(e)) await ctx.jobs.unclaimResult?.(handle.id);
        throw e;
      }
      // posted: a failure to confirm must not give the claim back
      await ctx.jobs
        .confirmResult?.(handle.id)
        .catch((e: unknown) => ctx.logger.warn({ err: e, job: handle.id }, 'result claim not confirmed'));
    }
  } finally {
    await ctx.jobs.release?.(handle.id);
  }
}

/** A 4xx answer from Discord: the same request would be refused again. */
function isRefusal(e: unknown): boolean {
  const status = (e as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A job's queue events as progress views. */
function jobEvents(ctx: BotContext, title: string, show: (v: View, isStart?: boolean) => void): (e: JobEvent) => void {
  let started = false;
  return (e) => {
    // "thinking…" covers a job that starts at once; a waiting one says how many are ahead
    if (e.type === 'queued') {
      const decide = (st: { running: number; concurrency: number }) => {
        if (!started && ((e.job.position ?? 0) > 0 || st.running >= st.concurrency))
          show(progressView(title, e.job.id, { queued: e.job.position ?? 0 }));
      };
      const st = ctx.jobs.stats();
      if (st instanceof Promise) void st.then(decide, () => undefined);
      else decide(st);
    }
    // the first progress comes after the first epoch (a sweep's after its first run), later still on
    // a busy machine where training threads yield to triage: say it started
    else if (e.type === 'started') {
      started = true;
      show(progressView(title, e.job.id, {}), true);
    } else if (e.type === 'progress') show(progressView(title, e.job.id, { progress: e.progress }));
  };
}

/** Submit the job, its queue events shown as progress; the queue's limits as friendly refusals. */
async function submit<R>(
  ctx: BotContext,
  userId: string,
  job: LiveJob<R>,
  ref: ReplyRef,
  show: (v: View, isStart?: boolean) => void,
): Promise<JobHandle<R>> {
  try {
    return await ctx.jobs.submit<unknown, R>(job.kind, userId, job.payload, {
      onEvent: jobEvents(ctx, job.title, show),
      meta: { reply: ref },
    });
  } catch (e) {
    if (e instanceof JobLimitError) throw friendlyLimit(e, job.kind);
    throw e;
  }
}

/**
 * Wait for the job; its result (or why there is none) as the final view, or nothing when another
 * process follows the job now. Progress stops once the job ends.
 */
async function outcomeView(
  t: Target,
  ctx: BotContext,
  handle: { id: string; done: Promise<unknown> },
  stopProgress: () => void,
): Promise<Final | undefined> {
  const text = (s: string): Final => ({
    view: { content: clip(`**${line(t.ref.title, 200)}**\n${s}`, 2000), embeds: [], components: [] },
  });
  let result: { r: unknown };
  try {
    result = { r: await handle.done };
  } catch (e) {
    if (e instanceof JobDetachedError) return undefined;
    if (e instanceof JobCancelledError) return text('Cancelled.');
    // the queue's failures are messages for the user (a cap, the time limit, a bad config); they can quote
    // the config, so the log keeps the job and the error's class (QUEUE_KEY seals them in Redis too)
    ctx.logger.info({ interaction: t.ref.interactionId, job: handle.id, err: errorClass(e) }, 'training job failed');
    return text(`The job failed: ${prose((e as Error)?.message ?? String(e), 1500)}`);
  } finally {
    stopProgress();
  }
  try {
    return await finalView(ctx, t.ref, result.r);
  } catch (e) {
    const ref = randomBytes(4).toString('hex');
    ctx.logger.error(
      { interaction: t.ref.interactionId, job: handle.id, err: e, ref },
      'training result could not be shown',
    );
    return text(
      `The training finished, but showing its result went wrong on my side (ref \`${ref}\`). Please try again.`,
    );
  }
}

/**
 * The one progress message: the latest view is edited in at most every PROGRESS_EDIT_MS (the
 * first at once), only after the defer, never after the job ended.
 */
function progressMessage(t: Target, ctx: BotContext) {
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
      if (expired(t, ctx)) continue;
      lastEdit = isStart ? 0 : Date.now();
      await t
        .edit(v)
        .catch((e: unknown) => ctx.logger.warn({ err: e, interaction: t.ref.interactionId }, 'progress edit failed'));
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
  const info = await ctx.jobs.get(jobId);
  if (!info || (info.state !== 'queued' && info.state !== 'running'))
    throw new UserError('That job has already finished.', 'job_finished');
  if (info.userId !== i.user.id)
    throw new UserError('Only the person who started that job can cancel it.', 'not_owner');
  if (!(await ctx.jobs.cancel(jobId, i.user.id))) throw new UserError('That job has already finished.', 'job_finished');
  await i.deferUpdate();
}

const RUN_EXPIRED = new UserError(
  'That run has expired: the bot keeps finished runs for 15 minutes. Run /train again.',
  'expired',
);

export async function fixButton(i: RepliableInteraction, ctx: BotContext, key: string): Promise<void> {
  const run = await ctx.runs.get(key);
  if (!run) throw RUN_EXPIRED;
  const before = run.outcome;
  if (!fixFor(before)?.changes.length)
    throw new UserError(
      `This run is ${patternLabel(before.diagnosis.pattern).toLowerCase()}: there is no config change to try.`,
      'nothing_to_fix',
    );
  // a button, not a command: the dispatcher's rate limit is taken here
  await takeRate(i, ctx, 'work');
  await runLive<FixOutcome>(i, ctx, {
    kind: 'fix',
    payload: { config: before.config, before },
    title: `Applying the fix for ${patternLabel(before.diagnosis.pattern).toLowerCase()} and retraining`,
    what: 'apply-fix retrain',
    dialect: run.dialect,
  });
}

export async function storedRun(ctx: BotContext, key: string): Promise<StoredRun> {
  const run = await ctx.runs.get(key);
  if (!run) throw RUN_EXPIRED;
  return run;
}
