/**
 * A command module: plain JSON `data` (what Discord registers) and `execute` (what runs), like the
 * official discord.js TypeScript template, plus what the dispatcher (dispatch.ts) applies before
 * `execute`, declared rather than repeated in each flow (like Sapphire's preconditions): `prepare`
 * (cheap checks, answered privately and at once), `rateLimit` and `defer`. Commands that open a modal
 * also handle its submission, with the same four parts.
 */
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RepliableInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { BotContext } from './context.js';
import type { RateScope } from './ratelimit.js';

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** One handler, run by the dispatcher in this order: prepare, rate limit, defer, execute. */
export interface Handler<I extends RepliableInteraction, P = any> {
  /** read the options and make the cheap checks (a refusal here is private, immediate and costs no rate); returns what execute needs */
  prepare?(interaction: I, ctx: BotContext): P | Promise<P>;
  /** counts against the per-person and per-server limits for heavy work; the name is what the refusal says was asked for too often */
  rateLimit?: RateScope;
  /** defer the reply (the answer takes longer than Discord's 3 s), privately or not; undefined: execute answers itself */
  defer?(interaction: I, prepared: P): { ephemeral: boolean };
  execute(interaction: I, ctx: BotContext, prepared: P): Promise<void>;
}

export interface Command<I extends CommandInteraction = CommandInteraction, P = any> extends Handler<I, P> {
  data: RESTPostAPIApplicationCommandsJSONBody;
  /** modal submissions whose custom_id starts with `<data.name>:` */
  modal?: Handler<ModalSubmitInteraction>;
  /** answers the focused option's autocomplete (options declared with `autocomplete: true`); must respond within 3 s */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

const HandlerSchema = {
  execute: z.function(),
  prepare: z.function().optional(),
  rateLimit: z.enum(['diagnoses', 'work']).optional(),
  defer: z.function().optional(),
};

/** The shape every dynamically loaded module must have (checked at load, so a typo fails fast). */
export const CommandSchema = z.object({
  data: z.looseObject({
    name: z.string().regex(/^[-_\p{L}\p{N} ]{1,32}$/u),
    type: z.number().int().min(1).max(3).optional(),
    description: z.string().max(100).optional(),
  }),
  ...HandlerSchema,
  modal: z.object(HandlerSchema).optional(),
  autocomplete: z.function().optional(),
});

export function isCommand(x: unknown): x is Command {
  return CommandSchema.safeParse(x).success;
}

/** Installable in servers and as a user app, usable in servers, the bot's DMs and private channels. */
export const EVERYWHERE: { integration_types: ApplicationIntegrationType[]; contexts: InteractionContextType[] } = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};
