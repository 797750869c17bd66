/**
 * A command module: plain JSON `data` (what Discord registers) and `execute` (what runs), like the
 * official discord.js TypeScript template. Commands that open a modal also handle its submission.
 */
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type {
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { BotContext } from './context.js';

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

export interface Command<I extends CommandInteraction = CommandInteraction> {
  data: RESTPostAPIApplicationCommandsJSONBody;
  execute(interaction: I, ctx: BotContext): Promise<void>;
  /** modal submissions whose custom_id starts with `<data.name>:` */
  modal?(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
}

/** The shape every dynamically loaded module must have (checked at load, so a typo fails fast). */
export const CommandSchema = z.object({
  data: z.looseObject({
    name: z.string().regex(/^[-_\p{L}\p{N} ]{1,32}$/u),
    type: z.number().int().min(1).max(3).optional(),
    description: z.string().max(100).optional(),
  }),
  execute: z.function(),
  modal: z.function().optional(),
});

export function isCommand(x: unknown): x is Command {
  return CommandSchema.safeParse(x).success;
}

/** Installable in servers and as a user app, usable in servers, the bot's DMs and private channels. */
export const EVERYWHERE: { integration_types: ApplicationIntegrationType[]; contexts: InteractionContextType[] } = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};
