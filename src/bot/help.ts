/** The /help embed: what the bot does, accepted formats, limits, privacy. */
import type { APIEmbed } from 'discord.js';
import { ACCEPTED_FORMATS_HINT } from '../ingest/errors.js';
import { formatBytes } from '../util/format.js';
import type { Config } from './config.js';
import { keptText } from './memory.js';

export function helpView(config: Config): { embeds: APIEmbed[] } {
  return {
    embeds: [
      {
        title: 'curve-triage: what is wrong with my learning curve?',
        color: 0x3498db,
        description:
          'Send a training log and get a verdict (overfitting, underfitting, high variance, unstable, good fit), the numbers behind it, a chart, and fixes with code for your Keras.',
        fields: [
          {
            name: 'Commands',
            value: [
              '`/diagnose file:` or `text:` — diagnose a log (options: metric, run, dialect, private)',
              '`/paste` — a form for logs up to 4,000 characters',
              'Right-click a message → **Apps → Diagnose training log** — for logs someone posted',
              '`/compare a: b:` — two logs on one chart',
              '`/train preset:` (or units, epochs, learning rate, batch size, optimizer, a config file) — train a small LSTM here with live progress, then the diagnosis, **apply the fix and retrain**, or **export as a Keras script**',
              "`/sweep param:` — train units, optimizer, batch size, learning rate or architecture over several values (mean ± std) and rank them; `search:tpe` — the guide's Bayesian search (TPE), losing trials stopped early",
              '`/explain pattern:` — learn a pattern',
              '`/why question:` — e.g. "why is my val_loss rising"',
            ].join('\n'),
          },
          {
            name: 'Team memory (off until turned on)',
            value: [
              '`/settings history:on retention-days:` — keep a history (in a server: Manage Server; in DMs: for yourself)',
              '`/history` · `/show id:` · `/compare id_a: id_b:` · `/best` — list, re-render, compare and rank kept runs',
              '`/forget run|me|server` · `/export` — delete for real, or download as CSV and JSON',
            ].join('\n'),
          },
          { name: 'What history keeps', value: keptText(undefined, 'generic').slice(0, 1024) },
          { name: 'Formats', value: ACCEPTED_FORMATS_HINT.slice(0, 1024) },
          {
            name: 'Limits',
            value: `Files up to ${formatBytes(config.MAX_FILE_BYTES)} (or Discord's own limit, if lower). ${config.RATE_USER} diagnoses per ${config.RATE_USER_WINDOW_S} s per person, ${config.RATE_GUILD} per ${config.RATE_GUILD_WINDOW_S} s per server.`,
          },
          {
            name: 'Privacy',
            value: privacyText(config),
          },
        ],
        footer: { text: 'Works in servers, DMs and as a user-installed app.' },
      },
    ],
  };
}

/**
 * What happens to what people send, true for this deployment: one process keeps everything in memory;
 * with REDIS_URL the button state is shared through Redis, and with TRIAGE_REMOTE the log itself
 * crosses Redis to a worker, encrypted only when QUEUE_KEY is set (src/jobs/seal.ts).
 */
export function privacyText(config: Config): string {
  const minutes = Math.round(config.BUTTON_TTL_S / 60);
  const where = !config.REDIS_URL
    ? 'in memory'
    : config.QUEUE_KEY
      ? "encrypted in this deployment's shared cache (Redis)"
      : "in this deployment's shared cache (Redis)";
  const logs = "the bot's logs (those hold ids, command names, error codes and timings)";
  const read = !(config.TRIAGE_REMOTE && config.REDIS_URL)
    ? `Your log is read in memory, diagnosed and dropped: none of it is written to disk or to ${logs}`
    : config.QUEUE_KEY
      ? `Your log goes, encrypted, through this deployment's job queue (Redis) to one of its workers, is diagnosed in memory and dropped: none of it is written to disk in readable form or to ${logs}`
      : `Your log goes through this deployment's job queue (Redis; unencrypted, as its operator has not set QUEUE_KEY) to one of its workers and is deleted from the queue once diagnosed; Redis may write it to its own files on disk meanwhile. None of it is written to ${logs}`;
  return `${read}, and nothing is sent anywhere but back to Discord. The advice behind a reply's buttons (numbers and text, not your log) stays ${where} for ${minutes} minutes so the buttons work, then it is gone. Use \`private:\` to answer only you. With history on (\`/settings\`), the parsed series and diagnosis of each run are kept in the bot's database as described above, never the file itself.`;
}
