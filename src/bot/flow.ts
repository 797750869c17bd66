/**
 * The path every diagnose-like request takes: cheap checks (answered privately and at once; the
 * `plan*` functions, a command's `prepare`), then, after the dispatcher's rate limit and defer
 * (dispatch.ts), download, triage + render in the pool, edit the reply (`run*`).
 */
import type { RepliableInteraction } from 'discord.js';
import { readRunChoice, type RunChoice } from '../requests/diagnose.js';
import { isDialect } from '../advise/index.js';
import { formatBytes } from '../util/format.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { checkAttachment, download, sniff, type AttachmentInfo, type DownloadLimits } from './attachments.js';
import { prose, quote } from './text.js';
import { compareView, diagnosisView, IMAGE_NAME, messageOf, type View } from './present.js';
import type { LogInput, TaskOptions } from './work/task.js';
import { historyOn, loadRun, remember, savedLine } from './memory.js';
import { configDiffText } from './history-views.js';
import { ENGINE_SOURCES, formatRunId, type StoredRun } from '../memory/index.js';
import { clip } from './text.js';

export type Source = { kind: 'attachment'; attachment: AttachmentInfo } | { kind: 'text'; text: string; name?: string };

export interface DiagnoseOptions {
  metric?: string | null;
  run?: string | null;
  dialect?: string | null;
  ephemeral?: boolean;
  /** a short note above the answer, e.g. "from a message by @x" (no mentions are pinged) */
  source?: string;
  /** false: never keep this run in the team memory (someone else's log, read from their message) */
  keepable?: boolean;
}

export function parseRun(s: string | null | undefined): RunChoice | undefined {
  const choice = readRunChoice(s);
  if (!choice)
    throw new UserError(
      `\`run\` must be last, all, joined, or a run number (1, 2, ...); got ${quote(s ?? '', 20)}.`,
      'bad_run',
    );
  return choice.run;
}

export function limitsFor(interaction: RepliableInteraction, ctx: BotContext): DownloadLimits {
  return {
    maxBytes: ctx.config.MAX_FILE_BYTES,
    interactionLimit: (interaction as { attachmentSizeLimit?: number }).attachmentSizeLimit ?? null,
    timeoutMs: ctx.config.DOWNLOAD_TIMEOUT_MS,
    allowedHosts: ctx.config.ATTACHMENT_HOSTS,
  };
}

function checkSource(src: Source, limits: DownloadLimits): void {
  if (src.kind === 'attachment') return checkAttachment(src.attachment, limits);
  if (!src.text.trim())
    throw new UserError(
      'There is no log text to read. Paste the training output (e.g. the `model.fit` lines or a CSV), or attach the file.',
      'empty',
    );
  const bytes = Buffer.byteLength(src.text);
  if (bytes > limits.maxBytes)
    throw new UserError(
      `That text is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.`,
      'too_large',
    );
}

async function fetchSource(src: Source, limits: DownloadLimits): Promise<LogInput> {
  if (src.kind === 'text') return { data: src.text, fileName: src.name };
  const bytes = await download(src.attachment, limits);
  sniff(bytes, src.attachment.name);
  return { data: bytes, fileName: src.attachment.name };
}

function taskOptions(o: DiagnoseOptions, ctx: BotContext, metric?: string): TaskOptions {
  const dialect = o.dialect && isDialect(o.dialect) ? o.dialect : undefined;
  return {
    metric,
    run: parseRun(o.run),
    dialect,
    chart: { width: ctx.config.CHART_WIDTH, theme: ctx.config.CHART_THEME },
    imageName: IMAGE_NAME,
  };
}

async function send(interaction: RepliableInteraction, view: View): Promise<void> {
  await interaction.editReply(messageOf(view));
}

/** A refusal from the pipeline: its message is plain text that can quote the file (a CSV header, a value). */
export function refusalText(message: string, which?: string): string {
  return which ? `${quote(which)}: ${prose(message)}` : prose(message);
}

/** A diagnose request checked and ready: what the dispatcher needs to defer, and what runDiagnose needs to run. */
export interface DiagnosePlan {
  src: Source;
  limits: DownloadLimits;
  options: TaskOptions;
  ephemeral: boolean;
  source?: string;
  /** the team memory may keep it: the invoker's own log, answered in public (a private answer stays private) */
  keepable: boolean;
}

/** The cheap checks of a diagnose request (size, type, host, options), before any rate limit or defer. */
export function planDiagnose(
  interaction: RepliableInteraction,
  ctx: BotContext,
  src: Source,
  o: DiagnoseOptions = {},
): DiagnosePlan {
  const limits = limitsFor(interaction, ctx);
  checkSource(src, limits);
  const options = taskOptions(o, ctx, o.metric?.trim() || undefined);
  const ephemeral = o.ephemeral ?? false;
  return {
    src,
    limits,
    options,
    ephemeral,
    keepable: !ephemeral && o.keepable !== false,
    ...(o.source ? { source: o.source } : {}),
  };
}

/** After the defer: download, triage + render in the pool, edit the reply. */
export async function runDiagnose(
  interaction: RepliableInteraction,
  ctx: BotContext,
  plan: DiagnosePlan,
): Promise<void> {
  const input = await fetchSource(plan.src, plan.limits);
  // history on for this server / DM: the parsed log comes back too, and the run is kept
  const keep = plan.keepable && (await historyOn(ctx, interaction));
  const r = await ctx.pool.run({ kind: 'diagnose', input, options: { ...plan.options, keepLog: keep } });
  if (!r.ok) throw new UserError(refusalText(r.message), r.code);
  if (r.kind !== 'diagnose') throw new Error('unexpected task result');
  ctx.logger.debug(
    {
      interaction: interaction.id,
      pattern: r.result.diagnosis.pattern,
      triageMs: Math.round(r.ms.triage),
      renderMs: Math.round(r.ms.render),
    },
    'diagnosed',
  );
  const id = r.result.log
    ? await remember(ctx, interaction, {
        source: 'upload',
        title: plan.src.kind === 'attachment' ? plan.src.attachment.name : (plan.src.name ?? 'pasted text'),
        log: r.result.log,
        diagnosis: r.result.diagnosis,
        runsFound: r.result.runsFound,
        ...(plan.options.metric ? { metric: plan.options.metric } : {}),
      })
    : undefined;
  await send(interaction, withSaved(diagnosisView(r.result, r.png, ctx.store, plan.source), id));
}

/** A view with the "saved as #id" line under its content (nothing when the run was not kept). */
export function withSaved(view: View, id: string | undefined): View {
  const note = savedLine(id);
  if (!note) return view;
  const content = view.content ? `${view.content}\n${note}` : note;
  return {
    ...view,
    content: content.length <= 2000 ? content : `${view.content!.slice(0, 2000 - note.length - 2)}…\n${note}`,
  };
}

/** One side of a /compare: an uploaded file, or a run kept in the team memory (by its short id). */
export type CompareSide = { kind: 'file'; attachment: AttachmentInfo } | { kind: 'run'; id: string };

export interface ComparePlan {
  sides: [CompareSide, CompareSide];
  limits: DownloadLimits;
  options: TaskOptions;
  ephemeral: boolean;
}

export function planCompare(
  interaction: RepliableInteraction,
  ctx: BotContext,
  a: CompareSide,
  b: CompareSide,
  o: DiagnoseOptions = {},
): ComparePlan {
  const limits = limitsFor(interaction, ctx);
  for (const s of [a, b]) if (s.kind === 'file') checkAttachment(s.attachment, limits);
  const options = taskOptions(o, ctx, o.metric?.trim() || undefined);
  return { sides: [a, b], limits, options, ephemeral: o.ephemeral ?? false };
}

/** A side's input for the pool, its name on the chart and in the reply, and (for a kept run) the run. */
async function sideInput(
  interaction: RepliableInteraction,
  ctx: BotContext,
  side: CompareSide,
  limits: DownloadLimits,
): Promise<{ input: LogInput; name: string; stored?: StoredRun }> {
  if (side.kind === 'file')
    return {
      input: await fetchSource({ kind: 'attachment', attachment: side.attachment }, limits),
      name: side.attachment.name,
    };
  const stored = await loadRun(ctx, interaction, side.id);
  const name = `${formatRunId(stored.id)} ${stored.title}`;
  const origin = ENGINE_SOURCES.includes(stored.source) ? 'trained' : 'upload';
  return { input: { data: '', fileName: name.slice(0, 60), log: stored.log, origin }, name, stored };
}

export async function runCompare(interaction: RepliableInteraction, ctx: BotContext, plan: ComparePlan): Promise<void> {
  const sides = (await Promise.all(plan.sides.map((s) => sideInput(interaction, ctx, s, plan.limits)))) as [
    Awaited<ReturnType<typeof sideInput>>,
    Awaited<ReturnType<typeof sideInput>>,
  ];
  const names: [string, string] = [sides[0].name, sides[1].name];
  const r = await ctx.pool.run({ kind: 'compare', inputs: [sides[0].input, sides[1].input], options: plan.options });
  if (!r.ok) throw new UserError(refusalText(r.message, r.which === undefined ? undefined : names[r.which]), r.code);
  if (r.kind !== 'compare') throw new Error('unexpected task result');
  const view = compareView(names, r.results, r.png, ctx.store);
  const [a, b] = [sides[0].stored, sides[1].stored];
  // two kept runs: what changed in the training config between them
  if (a && b && view.embeds[0])
    view.embeds[0] = {
      ...view.embeds[0],
      fields: [
        ...(view.embeds[0].fields ?? []),
        { name: 'What changed in the training config', value: clip(configDiffText(a, b), 1024), inline: false },
      ],
    };
  await send(interaction, view);
}

/** How a planned request defers: privately when asked to. */
export const deferAs = (_i: unknown, plan: { ephemeral: boolean }) => ({ ephemeral: plan.ephemeral });
