/** Message context menu "Diagnose training log": the target message's attachment or pasted text. */
import type { MessageContextMenuCommandInteraction } from 'discord.js';
import { EVERYWHERE, type Command } from '../src/bot/command.js';
import { deferAs, planDiagnose, runDiagnose, type DiagnosePlan } from '../src/bot/flow.js';
import { UserError } from '../src/bot/errors.js';
import { extractPasted } from '../src/bot/attachments.js';

export default {
  data: { name: 'Diagnose training log', type: 3, ...EVERYWHERE },
  prepare(i: MessageContextMenuCommandInteraction, ctx) {
    const m = i.targetMessage;
    // guard.ts answers a payload without its resolved message before it gets here; keep the command total anyway
    if (!m) throw new UserError('Discord did not send the message this was used on. Try again.', 'no_target');
    const source = `from a message by ${m.author?.username ?? 'someone'}`;
    // the team memory keeps only the invoker's own logs: someone else's stays theirs to forget
    const keepable = m.author?.id === i.user.id;
    // the first attachment that could be a log (people post a screenshot next to the CSV)
    const all = [...m.attachments.values()];
    const att =
      all.find(
        (a) => !/^(image|video|audio)\//.test(a.contentType ?? '') && !/\.(png|jpe?g|gif|webp|mp4|mov)$/i.test(a.name),
      ) ?? all[0];
    if (att)
      return planDiagnose(
        i,
        ctx,
        {
          kind: 'attachment',
          attachment: { name: att.name, size: att.size, url: att.url, contentType: att.contentType },
        },
        { source, keepable },
      );
    const text = extractPasted(m.content ?? '');
    if (text) return planDiagnose(i, ctx, { kind: 'text', text }, { source, keepable });
    throw new UserError(
      'That message has no attachment or text I can read. Use it on a message with a log file or a pasted log (code blocks are fine).',
      'no_input',
    );
  },
  rateLimit: 'diagnoses',
  defer: deferAs,
  execute: runDiagnose,
} satisfies Command<MessageContextMenuCommandInteraction, DiagnosePlan>;
