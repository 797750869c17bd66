/**
 * /export [what:mine|server] — the kept history as two attachments: CSV (one row per run) and JSON
 * (the same rows with every run's series). `mine`: the runs you recorded, everywhere; `server`: every
 * run this server kept (Manage Server only). Always answered privately.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { memoryOf, needManage, scopeOf } from '../src/bot/memory.js';
import { exportCsv } from '../src/memory/index.js';
import { messageOf } from '../src/bot/present.js';
import { formatBytes } from '../src/util/format.js';

/** OURS: at most this many runs per export (newest first); the JSON keeps series while it fits in the attachment limit */
const MAX_ROWS = 5000;

export default {
  data: {
    name: 'export',
    description: 'Download the kept history as CSV and JSON: yours, or (Manage Server) the server’s',
    ...EVERYWHERE,
    options: [
      {
        type: 3,
        name: 'what',
        description: 'Your runs (everywhere), or every run of this server (Manage Server)',
        required: false,
        choices: [
          { name: 'mine', value: 'mine' },
          { name: 'server', value: 'server' },
        ],
      },
    ],
  },
  prepare(i: ChatInputCommandInteraction, ctx) {
    memoryOf(ctx);
    const what = i.options.getString('what') ?? 'mine';
    if (what !== 'mine' && what !== 'server') throw new UserError('`what` must be mine or server.', 'bad_option');
    if (what === 'server') {
      if (!i.guildId) throw new UserError('This is not a server: `/export` gives you your own runs.', 'not_in_server');
      needManage(i, "export the server's history");
    }
    return { what: what as 'mine' | 'server' };
  },
  rateLimit: 'diagnoses',
  defer: () => ({ ephemeral: true }),
  async execute(i: ChatInputCommandInteraction, ctx, { what }) {
    const memory = memoryOf(ctx);
    const q = what === 'server' ? { scope: scopeOf(i) } : { userId: i.user.id };
    const budget = Math.min(
      ctx.config.MAX_FILE_BYTES,
      (i as { attachmentSizeLimit?: number }).attachmentSizeLimit ?? ctx.config.MAX_FILE_BYTES,
    );
    // the store stops decoding series once they pass the attachment budget (then no row has them)
    const rows = await memory.exportRuns({ ...q, series: true, limit: MAX_ROWS, seriesBudget: budget });
    const csv = Buffer.from(exportCsv(rows), 'utf8');
    // compact, as the store measures the series against the budget
    const asJson = (r: object[]) => Buffer.from(JSON.stringify(r), 'utf8');
    const bare = () => asJson(rows.map(({ series: _s, ...r }) => r));
    const decoded = rows.some((r) => r.series);
    let json = decoded ? asJson(rows) : bare();
    // every stored run has series: none decoded means the store stopped at the budget
    const cut = rows.length > 0 && (!decoded || csv.length + json.length > budget);
    if (cut && decoded) json = bare();
    const note = cut
      ? ` The series were left out of the JSON to fit Discord's attachment limit (${formatBytes(budget)}).`
      : '';
    if (csv.length + json.length > budget)
      throw new UserError(
        `That history is too large to attach (${formatBytes(csv.length + json.length)}). Use the CLI's \`curve-triage history --json\` against the same database.`,
        'too_large',
      );
    const stem = what === 'server' ? `history-server-${i.guildId}` : `history-${i.user.id}`;
    ctx.logger.info({ interaction: i.id, what, rows: rows.length }, 'history exported');
    await i.editReply(
      messageOf({
        content: `${rows.length} run${rows.length === 1 ? '' : 's'}${rows.length === MAX_ROWS ? ` (the newest ${MAX_ROWS})` : ''} ${what === 'server' ? 'kept by this server' : 'you recorded'}, as CSV and JSON.${note}`,
        embeds: [],
        components: [],
        files: [
          { attachment: csv, name: `${stem}.csv` },
          { attachment: json, name: `${stem}.json` },
        ],
      }),
    );
  },
} satisfies Command<ChatInputCommandInteraction, { what: 'mine' | 'server' }>;
