/**
 * What /watch shows: the private answer to /watch start (token + snippets), /watch list, the live
 * channel message of a watched run (epoch i/N, the latest metrics, ETA, the live diagnosis, the chart,
 * a Stop button) and the alert replies. Run and metric names are user text: through text.ts only.
 * Pure builders of message bodies; the flow is in watch-live.ts.
 */
import type { APIEmbed } from 'discord.js';
import { patternLabel } from '../diagnose/schema.js';
import { sigOrDash } from '../util/format.js';
import type { Alert } from '../watch/session.js';
import type { WatchSession } from '../watch/session.js';
import type { TokenRecord } from '../watch/tokens.js';
import { snippets, type SnippetKey } from '../watch/snippets.js';
import { customId, IMAGE_NAME, type View } from './present.js';
import { clip, code, line, quote } from './text.js';
import { progressBar } from './training-views.js';

const g = (v: number | undefined) => (v !== undefined && !Number.isFinite(v) ? String(v) : sigOrDash(v, 4));
const pct = (c: number) => `${Math.round(c * 100)}%`;
const TITLES: Record<SnippetKey, string> = {
  keras: 'Keras',
  lightning: 'PyTorch Lightning',
  huggingface: 'Hugging Face Trainer',
  plain: 'Any loop',
  curl: 'curl',
};

/** /watch start: the token (shown once) and the snippets, privately. */
export function startView(token: string, url: string, record: TokenRecord, days: number): View {
  const s = snippets(token, url);
  const fields = (Object.keys(TITLES) as SnippetKey[]).map((k) => ({
    name: TITLES[k],
    value: clip(`\`\`\`${k === 'curl' ? 'sh' : 'py'}\n${code(s[k])}\n\`\`\``, 1024),
  }));
  const name = record.name ? ` for ${quote(record.name, 100)}` : '';
  return {
    content: clip(
      [
        `**Your run token${name}** (id \`${record.id}\`, valid ${days} days, for this channel; shown only now):`,
        `\`\`\`\n${token}\n\`\`\``,
        `Install the client (\`clients/python/curve_triage_watch.py\`, no dependencies), then paste one of these. ` +
          `The run appears here as one live message${record.notify ? '; alerts mention you' : ''}. ` +
          '`/watch stop` revokes the token. Keep it secret: anyone with it can post to this channel.',
      ].join('\n'),
      2000,
    ),
    embeds: [{ title: 'Snippets', color: 0x3498db, fields }],
    components: [],
  };
}

/** /watch list: the user's live tokens. */
export function listView(records: TokenRecord[], runs: (r: TokenRecord) => string[]): View {
  if (!records.length)
    return { content: 'You have no live run tokens. `/watch start` makes one.', embeds: [], components: [] };
  const lines = records.map((r) => {
    const name = r.name ? ` ${quote(r.name, 60)}` : '';
    const live = runs(r);
    const ran = live.length
      ? ` · runs: ${live
          .slice(0, 5)
          .map((n) => quote(n, 40))
          .join(', ')}`
      : '';
    return `• \`${r.id}\`${name} · <#${r.channelId}> · expires <t:${Math.floor(r.expiresAt / 1000)}:R>${r.notify ? ' · notify' : ''}${ran}`;
  });
  return { content: clip(`**Your run tokens**\n${lines.join('\n')}`, 2000), embeds: [], components: [] };
}

function etaText(s: WatchSession, now: number): string {
  if (!s.planned || s.count < 2 || s.count >= s.planned) return '';
  const perEpoch = (s.lastReportAt - s.startedAt) / Math.max(1, s.count - 1);
  const left = ((s.planned - s.count) * perEpoch) / 1000;
  const when = Math.floor(now / 1000 + left);
  return ` · ETA <t:${when}:R>`;
}

/** The live message body (the chart, when there is one, is attached as curve.png). */
export function liveView(s: WatchSession, key: string, opts: { chart: boolean; now: number; owner: string }): View {
  const last = s.latest();
  const d = s.diagnosis();
  const state = s.finished ? 'finished' : s.stopRequested ? 'stop requested' : 'running';
  const head = `**Watching ${quote(s.run, 100)}** for <@${opts.owner}> · ${state}`;
  const epochs = s.planned ? `epoch ${s.count}/${s.planned}` : `epoch ${s.count}`;
  const bar = s.planned ? `\`${progressBar(s.count / s.planned)}\`\n` : '';
  const metrics = last
    ? Object.entries(last.metrics)
        .slice(0, 12)
        .map(([k, v]) => `${quote(k, 64)} ${g(v)}`)
        .join(' · ')
    : '';
  const embed: APIEmbed = {
    title: d ? clip(`${patternLabel(d.pattern)} · ${pct(d.confidence)} (so far)`, 256) : 'Waiting for a few epochs…',
    color: d
      ? d.pattern === 'good_fit'
        ? 0x2ecc71
        : d.pattern === 'overfitting' || d.pattern === 'unstable'
          ? 0xe74c3c
          : 0xf1c40f
      : 0x95a5a6,
    description: d ? line(d.headline, 600) : 'The live diagnosis starts after 5 epochs.',
    ...(opts.chart ? { image: { url: `attachment://${IMAGE_NAME}` } } : {}),
    footer: { text: 'Live diagnosis of the epochs so far: the same diagnoser as /diagnose.' },
  };
  const stopId = customId(key, 'wstop');
  const stoppable = !s.finished && !s.stopRequested && stopId;
  return {
    content: clip(`${head}\n${bar}${epochs}${etaText(s, opts.now)}\n${metrics}`, 2000),
    embeds: [embed],
    components: stoppable
      ? [{ type: 1, components: [{ type: 2, style: 4, label: 'Stop training', custom_id: stopId }] }]
      : [],
  };
}

/** One alert as reply text; the owner is mentioned only when they asked (`notify`). */
export function alertText(a: Alert, s: WatchSession, owner?: string): string {
  const who = owner ? `<@${owner}> ` : '';
  const run = quote(s.run, 100);
  const saves = a.saves ? ` Stopping now saves ${a.saves} of ${s.planned} planned epochs.` : '';
  switch (a.kind) {
    case 'nan_inf':
      return `${who}⚠ ${run}: ${quote(a.metric ?? '?', 64)} is ${String(a.value)} at epoch ${a.epoch}. Training has broken down: lower the learning rate, clip gradients (clipnorm=1.0), check the inputs for NaN.`;
    case 'diverging':
      return `${who}⚠ ${run} is diverging at epoch ${a.epoch} (${pct(a.confidence ?? 0)} sure): the loss keeps growing. Lower the learning rate.${saves}`;
    case 'overfitting':
      return `${who}⚠ ${run} is overfitting (${pct(a.confidence ?? 0)} sure at epoch ${a.epoch}): the best epoch was ${a.bestEpoch ?? '?'}, ${a.since ?? '?'} epochs ago.${saves} Restore the best weights (EarlyStopping(restore_best_weights=True)).`;
    case 'plateau':
      return `${who}⚠ ${run} has plateaued: ${quote(a.metric ?? 'val_loss', 64)} has not improved since epoch ${a.bestEpoch} (${a.since} epochs).${saves} Consider stopping, or lowering the learning rate (ReduceLROnPlateau).`;
  }
}
