/**
 * The path every diagnose-like request takes: cheap checks (answered privately and at once), rate
 * limit, defer (well inside Discord's 3 s), download, triage + render in the pool, edit the reply.
 */
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { readRunChoice, type RunChoice } from '../requests/diagnose.js';
import { isDialect } from '../advise/index.js';
import { formatBytes } from '../util/format.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { checkAttachment, download, sniff, type AttachmentInfo, type DownloadLimits } from './attachments.js';
import { prose, quote } from './text.js';
import { compareView, diagnosisView, IMAGE_NAME, type View } from './present.js';
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
  if (!choice) throw new UserError(`\`run\` must be last, all, joined, or a run number (1, 2, ...); got ${quote(s ?? '', 20)}.`, 'bad_run');
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
  if (!src.text.trim()) throw new UserError('There is no log text to read. Paste the training output (e.g. the `model.fit` lines or a CSV), or attach the file.', 'empty');
  const bytes = Buffer.byteLength(src.text);
  if (bytes > limits.maxBytes) throw new UserError(`That text is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.maxBytes)}.`, 'too_large');
}

async function fetchSource(src: Source, limits: DownloadLimits): Promise<LogInput> {
  if (src.kind === 'text') return { data: src.text, fileName: src.name };
  const bytes = await download(src.attachment, limits);
  sniff(bytes, src.attachment.name);
  return { data: bytes, fileName: src.attachment.name };
}

function rateCheck(interaction: RepliableInteraction, ctx: BotContext): void {
  const d = ctx.limiter.take(interaction.user.id, interaction.guildId);
  if (!d.ok) {
    const who = d.scope === 'user' ? 'You have' : 'This server has';
    throw new UserError(`${who} asked for a lot of diagnoses in a short time. Try again in ${d.retryAfterS} s.`, `rate_${d.scope}`);
  }
}

function taskOptions(o: DiagnoseOptions, ctx: BotContext, metric?: string): TaskOptions {
  const dialect = o.dialect && isDialect(o.dialect) ? o.dialect : undefined;
  return { metric, run: parseRun(o.run), dialect, chart: { width: ctx.config.CHART_WIDTH, theme: ctx.config.CHART_THEME }, imageName: IMAGE_NAME };
}

async function send(interaction: RepliableInteraction, view: View): Promise<void> {
  await interaction.editReply({ content: view.content ?? '', embeds: view.embeds, components: view.components, files: view.files ?? [], allowedMentions: { parse: [] } });
}

/** A refusal from the pipeline: its message is plain text that can quote the file (a CSV header, a value). */
export function refusalText(message: string, which?: string): string {
  return which ? `${quote(which)}: ${prose(message)}` : prose(message);
}

export async function runDiagnose(interaction: RepliableInteraction, ctx: BotContext, src: Source, o: DiagnoseOptions = {}): Promise<void> {
  const limits = limitsFor(interaction, ctx);
  checkSource(src, limits);
  const options = taskOptions(o, ctx, o.metric?.trim() || undefined);
  rateCheck(interaction, ctx);
  await interaction.deferReply(o.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const input = await fetchSource(src, limits);
  const r = await ctx.pool.run({ kind: 'diagnose', input, options });
  if (!r.ok) throw new UserError(refusalText(r.message), r.code);
  if (r.kind !== 'diagnose') throw new Error('unexpected task result');
  ctx.logger.debug({ interaction: interaction.id, pattern: r.result.diagnosis.pattern, triageMs: Math.round(r.ms.triage), renderMs: Math.round(r.ms.render) }, 'diagnosed');
  await send(interaction, diagnosisView(r.result, r.png, ctx.store, o.source));
}

export async function runCompare(interaction: RepliableInteraction, ctx: BotContext, a: AttachmentInfo, b: AttachmentInfo, o: DiagnoseOptions = {}): Promise<void> {
  const limits = limitsFor(interaction, ctx);
  checkAttachment(a, limits);
  checkAttachment(b, limits);
  const options = taskOptions(o, ctx, o.metric?.trim() || undefined);
  rateCheck(interaction, ctx);
  await interaction.deferReply(o.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const inputs = (await Promise.all([fetchSource({ kind: 'attachment', attachment: a }, limits), fetchSource({ kind: 'attachment', attachment: b }, limits)])) as [LogInput, LogInput];
  const r = await ctx.pool.run({ kind: 'compare', inputs, options });
  if (!r.ok) throw new UserError(refusalText(r.message, r.which === undefined ? undefined : [a, b][r.which].name), r.code);
  if (r.kind !== 'compare') throw new Error('unexpected task result');
  await send(interaction, compareView([a.name, b.name], r.results, r.png, ctx.store));
}
