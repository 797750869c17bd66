/**
 * /best [metric] — this team's training runs (/train, the /sweep winners, apply-fix) ranked by their
 * best value of the metric (val_loss by default), with a chart of each run's best over the team's
 * experiments and the best so far.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { memoryOf, scopeOf } from '../src/bot/memory.js';
import { bestView, lowerIsBetter } from '../src/bot/history-views.js';
import { IMAGE_NAME, messageOf, type View } from '../src/bot/present.js';
import { UserError } from '../src/bot/errors.js';

export const TREND_IMAGE_NAME = 'trend.png';
/** OURS: the chart shows the newest this many runs (oldest first) */
const TREND_RUNS = 200;

export default {
  data: {
    name: 'best',
    description: "Rank this team's training runs by their best val_loss (or another metric), with a trend chart",
    ...EVERYWHERE,
    options: [
      {
        type: 3,
        name: 'metric',
        description: 'The series to rank by (default val_loss), e.g. val_accuracy',
        required: false,
        max_length: 60,
      },
      { type: 5, name: 'private', description: 'Only you see the answer', required: false },
    ],
  },
  prepare(i: ChatInputCommandInteraction, ctx) {
    memoryOf(ctx);
    const metric = (i.options.getString('metric') ?? 'val_loss').trim() || 'val_loss';
    if (!/^[\w./:-]{1,60}$/u.test(metric))
      throw new UserError('`metric` must be a series name like val_loss or val_accuracy.', 'bad_option');
    return { metric, ephemeral: i.options.getBoolean('private') ?? false };
  },
  rateLimit: 'diagnoses',
  defer: (_i, p) => ({ ephemeral: p.ephemeral }),
  async execute(i: ChatInputCommandInteraction, ctx, { metric }) {
    const memory = memoryOf(ctx);
    const scope = scopeOf(i);
    const [entries, trend] = await Promise.all([
      memory.best({ scope, metric, limit: 10 }),
      memory.trend({ scope, metric, limit: TREND_RUNS }),
    ]);
    let files: View['files'] = [];
    if (trend.length > 0) {
      const r = await ctx.pool.run({
        kind: 'trend',
        points: trend.map((t) => ({ value: t.value })),
        metric,
        lowerIsBetter: lowerIsBetter(metric),
        options: { chart: { width: ctx.config.CHART_WIDTH, theme: ctx.config.CHART_THEME }, imageName: IMAGE_NAME },
      });
      if (r.ok && r.kind === 'trend')
        files = [{ attachment: Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength), name: TREND_IMAGE_NAME }];
      else ctx.logger.warn({ reason: r.ok ? r.kind : r.code }, 'trend chart not drawn');
    }
    const view = bestView(entries, metric, files.length ? TREND_IMAGE_NAME : undefined, trend.length);
    await i.editReply(messageOf({ ...view, files }));
  },
} satisfies Command<ChatInputCommandInteraction, { metric: string; ephemeral: boolean }>;
