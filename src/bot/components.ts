/** Buttons and selects under our replies (custom ids `ct|<key>|<op>|<args>`, see present.ts). */
import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { explain, isDialect, why, type DialectId, type Reply } from '../advise/index.js';
import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { codeView, evidenceView, messageOf, parseCustomId, replyView, type View } from './present.js';
import { quote } from './text.js';
import { cancelButton, fixButton, storedRun } from './training.js';
import { kerasView } from './training-views.js';
import { KERAS_FLAVOURS, type KerasFlavour } from '../train/index.js';
import { PATTERNS, patternLabel } from '../diagnose/schema.js';
import { historyButton } from './history-page.js';
import { HISTORY_OP } from './history-views.js';

const EXPIRED = new UserError(
  'Those buttons have expired: the bot keeps nothing for longer than 15 minutes. Run the command again to get fresh ones.',
  'expired',
);

async function stored(ctx: BotContext, key: string): Promise<Reply> {
  const r = await ctx.store.get(key);
  if (!r) throw EXPIRED;
  return r;
}

/** replies shown again later have no chart attached: drop the image reference */
function noImage(r: Reply): Reply {
  const { image: _drop, ...rest } = r;
  return rest;
}

async function privately(
  i: ButtonInteraction | StringSelectMenuInteraction,
  view: View,
  rest: string[] = [],
): Promise<void> {
  await i.reply({ ...messageOf(view), flags: MessageFlags.Ephemeral });
  for (const m of rest) await i.followUp({ content: m, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** explain(), with an unknown topic (a stale button, a value outside /explain's choices) as a clear refusal */
export function teach(what: string, dialect: string | undefined): Reply {
  try {
    return explain(what, isDialect(dialect) ? dialect : undefined);
  } catch {
    throw new UserError(
      `I have no explanation for ${quote(what, 40)} yet. Try one of the patterns: ${PATTERNS.map(patternLabel).join(', ')}.`,
      'unknown_topic',
    );
  }
}

export async function handleComponent(
  i: ButtonInteraction | StringSelectMenuInteraction,
  ctx: BotContext,
): Promise<void> {
  const id = parseCustomId(i.customId);
  if (!id) throw new UserError('That button is not one of mine any more. Run the command again.', 'unknown_component');
  const { key, op, args } = id;
  switch (op) {
    case 'cancel':
      if (!i.isButton()) break;
      return cancelButton(i, ctx, key);
    case 'fix':
      if (!i.isButton()) break;
      return fixButton(i, ctx, key);
    case HISTORY_OP:
      if (!i.isButton()) break;
      return historyButton(i, ctx, args);
    case 'wstop':
      if (!i.isButton() || !ctx.watch) break;
      return ctx.watch.stopButton(i, key);
    case 'keras': {
      const run = await storedRun(ctx, key);
      return privately(i, kerasView(run, key, run.dialect));
    }
    case 'kflav': {
      if (!i.isStringSelectMenu()) break;
      const f = i.values[0] as KerasFlavour;
      if (!KERAS_FLAVOURS.includes(f)) throw new UserError('Unknown Keras flavour.', 'bad_dialect');
      return privately(i, kerasView(await storedRun(ctx, key), key, f));
    }
    case 'code': {
      if (!i.isStringSelectMenu()) break;
      const reply = await stored(ctx, key);
      const v = codeView(reply, key, i.values[0], reply.dialect);
      return privately(i, v.first, v.rest);
    }
    case 'dia': {
      if (!i.isStringSelectMenu()) break;
      const reply = await stored(ctx, key);
      const d = i.values[0];
      if (!isDialect(d)) throw new UserError('Unknown dialect.', 'bad_dialect');
      const v = codeView(reply, key, args[0] ?? '', d);
      await i.update(messageOf(v.first));
      for (const m of v.rest) await i.followUp({ content: m, flags: MessageFlags.Ephemeral });
      return;
    }
    case 'ex':
      return privately(i, replyView(teach(args[0] ?? '', args[1]), ctx.store));
    case 'full':
      return privately(i, replyView(noImage(await stored(ctx, key)), ctx.store));
    case 'a': {
      const reply = await stored(ctx, key);
      const action = reply.actions[Number(args[0])];
      if (!action) throw EXPIRED;
      const dialect: DialectId = reply.dialect;
      switch (action.kind) {
        case 'why':
          return privately(i, replyView(why(action.arg ?? '', dialect), ctx.store));
        case 'show_evidence':
          return privately(i, evidenceView(reply));
        case 'explain_pattern':
        case 'explain_finding':
          return privately(i, replyView(teach(action.arg ?? '', dialect), ctx.store));
        case 'show_code': {
          const v = codeView(reply, key, action.arg ?? '', dialect);
          return privately(i, v.first, v.rest);
        }
        case 'switch_dialect':
          return privately(
            i,
            replyView(noImage(reply), ctx.store, { dialect: isDialect(action.arg) ? action.arg : dialect }),
          );
      }
    }
  }
  throw new UserError('That button is not one of mine any more. Run the command again.', 'unknown_component');
}
