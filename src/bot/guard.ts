/**
 * Every interaction gets an answer, even a malformed one. discord.js builds an interaction object
 * from the raw INTERACTION_CREATE payload inside its gateway handler; a payload it cannot build (a
 * context-menu command without its resolved message, `data: null`, no user or member) throws
 * there, as an unhandled rejection, and our handler never runs: the user sees "The application did
 * not respond". So the bot looks at each raw payload first (`Events.Raw` is emitted just before
 * discord.js handles the packet):
 *
 * - `interactionProblem` names what discord.js would trip on; such a payload is answered here with
 *   the REST callback and hidden from discord.js (`quarantine`: an unknown type, which it skips);
 * - any other interaction discord.js still does not emit (a type it ignores, a channel it skips)
 *   is answered after UNANSWERED_MS (`Watchdog`).
 *
 * The shapes are Discord's (docs/bot.md#interaction-payloads).
 */
import { Routes, type Client } from 'discord.js';
import type { Logger } from './logger.js';

/** OURS: Discord closes an interaction 3 s after sending it; answer what discord.js dropped before then, with room for the round trip. */
export const UNANSWERED_MS = 2000;

/** InteractionType (docs/bot.md#interaction-payloads): 1 ping, 2 application command, 3 component, 4 autocomplete, 5 modal submit */
const COMMAND = 2;
const COMPONENT = 3;
const AUTOCOMPLETE = 4;
const MODAL = 5;
/** ApplicationCommandType: 2 user, 3 message context menus */
const USER_MENU = 2;
const MESSAGE_MENU = 3;

type Raw = Record<string, any>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** What about this INTERACTION_CREATE payload discord.js cannot build an interaction from, or undefined. */
export function interactionProblem(d: unknown): string | undefined {
  if (!isObject(d)) return 'no payload';
  if (!isString(d.id) || !isString(d.token)) return 'no id or token';
  const type = d.type;
  if (type !== COMMAND && type !== COMPONENT && type !== AUTOCOMPLETE && type !== MODAL) return undefined; // discord.js skips it; the watchdog answers
  if (!isString(d.user?.id) && !isString(d.member?.user?.id)) return 'no user or member';
  if (d.channel !== undefined && d.channel !== null && !isObject(d.channel)) return 'a malformed channel';
  if (d.member !== undefined && d.member !== null && !isObject(d.member)) return 'a malformed member';
  const data = d.data;
  if (!isObject(data)) return 'no data';
  if (data.resolved !== undefined && data.resolved !== null && !isObject(data.resolved))
    return 'malformed resolved data';
  if (type === COMMAND || type === AUTOCOMPLETE) {
    if (!isString(data.name)) return 'no command name';
    if (data.options !== undefined && !Array.isArray(data.options)) return 'malformed options';
    if (data.type === USER_MENU || data.type === MESSAGE_MENU) {
      const bucket = data.type === USER_MENU ? 'users' : 'messages';
      if (!isString(data.target_id) || !isObject(data.resolved?.[bucket]?.[data.target_id]))
        return 'a context-menu command without its target';
      const target = data.resolved[bucket][data.target_id];
      if (
        data.type === MESSAGE_MENU &&
        (!isString(target.id) || (target.attachments !== undefined && !Array.isArray(target.attachments)))
      )
        return 'a malformed target message';
    }
  }
  if (type === COMPONENT) {
    if (!isString(data.custom_id) || typeof data.component_type !== 'number') return 'no component id';
    if (!isObject(d.message) || !isString(d.message.id)) return 'a component without its message';
    if (data.values !== undefined && !Array.isArray(data.values)) return 'malformed values';
  }
  if (type === MODAL) {
    if (!isString(data.custom_id)) return 'no form id';
    if (data.components !== undefined && !Array.isArray(data.components)) return 'malformed form fields';
  }
  return undefined;
}

/** Fields discord.js requires that Discord may leave out without meaning anything (so nothing is lost by defaulting them). */
export function normalise(d: Raw): void {
  if (!Array.isArray(d.entitlements)) d.entitlements = [];
}

/** Hide a payload from discord.js: an interaction type it does not know is skipped with a debug line. */
export function quarantine(packet: { d?: unknown }): void {
  packet.d = { type: 0 };
}

const MALFORMED = (what: string) =>
  `Discord sent this request incomplete (${what}), so I could not act on it. Please try again; if it keeps happening, re-open Discord.`;
const DROPPED = 'I could not read that request from Discord. Please try again; if it keeps happening, re-open Discord.';

/** Answer an interaction we cannot hand to discord.js, with the REST callback (privately; autocomplete: no choices). */
export async function answerRaw(client: Client, d: Raw, text: string, logger: Logger): Promise<void> {
  const body =
    d.type === AUTOCOMPLETE
      ? { type: 8, data: { choices: [] } }
      : { type: 4, data: { content: text, flags: 64, allowed_mentions: { parse: [] } } };
  try {
    await client.rest.post(Routes.interactionCallback(d.id, d.token), { body, auth: false });
  } catch (e) {
    logger.warn({ err: e, interaction: d.id }, 'could not answer a malformed interaction');
  }
}

/**
 * Interactions seen on the gateway that discord.js has not emitted yet; each one still waiting after
 * UNANSWERED_MS gets an answer here.
 */
export class Watchdog {
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly ms = UNANSWERED_MS,
  ) {}

  /** called for every raw INTERACTION_CREATE */
  raw(packet: { d?: unknown }): void {
    const d = packet.d;
    const problem = interactionProblem(d);
    if (problem) {
      const raw = isObject(d) ? d : {};
      this.logger.warn(
        { interaction: isString(raw.id) ? raw.id : null, type: raw.type ?? null, problem },
        'malformed interaction',
      );
      quarantine(packet);
      if (isString(raw.id) && isString(raw.token)) void answerRaw(this.client, raw, MALFORMED(problem), this.logger);
      return;
    }
    const ok = d as Raw;
    normalise(ok);
    if (this.waiting.has(ok.id)) return; // a replayed dispatch (resume)
    const timer = setTimeout(() => {
      if (!this.waiting.delete(ok.id)) return;
      this.logger.warn({ interaction: ok.id, type: ok.type }, 'interaction not emitted by discord.js; answered');
      void answerRaw(this.client, ok, DROPPED, this.logger);
    }, this.ms);
    timer.unref();
    this.waiting.set(ok.id, timer);
  }

  /** discord.js emitted it: our handler answers */
  emitted(id: string): void {
    const t = this.waiting.get(id);
    if (t) clearTimeout(t);
    this.waiting.delete(id);
  }

  clear(): void {
    for (const t of this.waiting.values()) clearTimeout(t);
    this.waiting.clear();
  }
}
