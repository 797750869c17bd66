/**
 * /forget run id:#a3f9 | /forget me | /forget server — deletes kept runs for real (the rows go).
 * A run: your own, or anyone's in this server with Manage Server (in DMs all runs are yours).
 * `me`: every run you recorded, in every server and in your DMs, and your DM history setting.
 * `server`: every run this server kept (Manage Server only; the history setting stays as it is).
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { UserError } from '../src/bot/errors.js';
import { answerRunIds, canManage, loadRun, memoryOf, needManage, readRunId, scopeOf } from '../src/bot/memory.js';
import { noticeView, messageOf } from '../src/bot/present.js';
import { formatRunId } from '../src/memory/index.js';

type ForgetPlan = { what: 'run'; id: string } | { what: 'me' } | { what: 'server' };

const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

export default {
  data: {
    name: 'forget',
    description: 'Delete kept runs: one, all of yours everywhere, or (Manage Server) all of this server',
    ...EVERYWHERE,
    options: [
      {
        type: 1,
        name: 'run',
        description: 'Delete one kept run (yours, or anyone’s with Manage Server)',
        options: [
          {
            type: 3,
            name: 'id',
            description: 'The run, e.g. #a3f9',
            required: true,
            max_length: 40,
            autocomplete: true,
          },
        ],
      },
      { type: 1, name: 'me', description: 'Delete every run you recorded, in every server and in DMs' },
      { type: 1, name: 'server', description: 'Delete every run this server kept (Manage Server only)' },
    ],
  },
  prepare(i: ChatInputCommandInteraction, ctx): ForgetPlan {
    memoryOf(ctx);
    const sub = i.options.getSubcommand(false);
    if (sub === 'run') return { what: 'run', id: readRunId(i.options.getString('id', true)) };
    if (sub === 'me') return { what: 'me' };
    if (sub === 'server') {
      if (!i.guildId)
        throw new UserError('This is not a server: use `/forget me` to delete your own history.', 'not_in_server');
      needManage(i, "delete the server's history");
      return { what: 'server' };
    }
    throw new UserError('Choose what to forget: `run`, `me` or `server`.', 'bad_option');
  },
  defer: () => ({ ephemeral: true }),
  async execute(i: ChatInputCommandInteraction, ctx, plan) {
    const memory = memoryOf(ctx);
    let text: string;
    if (plan.what === 'run') {
      const run = await loadRun(ctx, i, plan.id);
      if (run.userId !== i.user.id && !canManage(i))
        throw new UserError(
          `${formatRunId(run.id)} is someone else's run: only they, or a member with Manage Server, can delete it.`,
          'not_owner',
        );
      const n = await memory.forgetRun(scopeOf(i), run.id);
      text = n ? `Deleted ${formatRunId(run.id)}.` : `${formatRunId(run.id)} was already gone.`;
    } else if (plan.what === 'me') {
      const n = await memory.forgetUser(i.user.id);
      text = `Deleted ${runs(n)} of yours, in every server and in your DMs${n ? '' : ' (there were none)'}. Servers that keep history will keep your new runs; in DMs history is now off until you turn it on again.`;
    } else {
      const n = await memory.forgetScope(scopeOf(i));
      text = `Deleted ${runs(n)} this server kept. History stays ${((await memory.getSettings(scopeOf(i)))?.enabled ?? false) ? 'on (turn it off with `/settings history:off`)' : 'off'}.`;
    }
    ctx.logger.info({ interaction: i.id, what: plan.what }, 'history forgotten');
    await i.editReply(messageOf(noticeView(text)));
  },
  autocomplete: answerRunIds,
} satisfies Command<ChatInputCommandInteraction, ForgetPlan>;
