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

export type Source = { kind: 'attachment'; attachment: AttachmentInfo } | { kind: 'text'; text: string; name?: string };

export interface DiagnoseOptions {
  metric?: string | null;
  run?: string | null;
  dialect?: string | null;
  ephemeral?: boolean;
  /** a short note above the answer, e.g. "from a message by @x" (no mentions are pinged) */
  source?: string;
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
  return { src, limits, options, ephemeral: o.ephemeral ?? false, ...(o.source ? { source: o.source } : {}) };
}

/** After the defer: download, triage + render in the pool, edit the reply. */
export async function runDiagnose(
  interaction: RepliableInteraction,
  ctx: BotContext,
  plan: DiagnosePlan,
): Promise<void> {
  const input = await fetchSource(plan.src, plan.limits);
  const r = await ctx.pool.run({ kind: 'diagnose', input, options: plan.options });
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
  await send(interaction, diagnosisView(r.result, r.png, ctx.store, plan.source));
}

export interface ComparePlan {
  files: [AttachmentInfo, AttachmentInfo];
  limits: DownloadLimits;
  options: TaskOptions;
  ephemeral: boolean;
}

export function planCompare(
  interaction: RepliableInteraction,
  ctx: BotContext,
  a: AttachmentInfo,
  b: AttachmentInfo,
  o: DiagnoseOptions = {},
): ComparePlan {
  const limits = limitsFor(interaction, ctx);
  checkAttachment(a, limits);
  checkAttachment(b, limits);
  const options = taskOptions(o, ctx, o.metric?.trim() || undefined);
  return { files: [a, b], limits, options, ephemeral: o.ephemeral ?? false };
}

export async function runCompare(interaction: RepliableInteraction, ctx: BotContext, plan: ComparePlan): Promise<void> {
  const [a, b] = plan.files;
  const inputs = (await Promise.all(
    plan.files.map((f) => fetchSource({ kind: 'attachment', attachment: f }, plan.limits)),
  )) as [LogInput, LogInput];
  const r = await ctx.pool.run({ kind: 'compare', inputs, options: plan.options });
  if (!r.ok)
    throw new UserError(refusalText(r.message, r.which === undefined ? undefined : [a, b][r.which].name), r.code);
  if (r.kind !== 'compare') throw new Error('unexpected task result');
  await send(interaction, compareView([a.name, b.name], r.results, r.png, ctx.store));
}

/** How a planned request defers: privately when asked to. */
export const deferAs = (_i: unknown, plan: { ephemeral: boolean }) => ({ ephemeral: plan.ephemeral });
