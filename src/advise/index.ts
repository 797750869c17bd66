/**
 * advise: Diagnosis -> Reply (what to change, in the user's Keras, with numbers from their run),
 * plus teaching (explain, why) and the platform-neutral renderers (Markdown, JSON); the Discord
 * rendering lives with the bot (src/bot/discord.ts).
 */
export { advise, adviceJson, rankStrategies, MAX_STRATEGIES, type AdviseOptions } from './advise.js';
export { explain } from './explain.js';
export {
  why,
  search,
  textSearch,
  runnerUp,
  ALSO_MARGIN,
  tokenize,
  processTerm,
  dialectInText,
  type Match,
} from './search.js';
export { understand, type Understood } from './understand.js';
export { inert, renderMarkdown, type MarkdownOptions } from './markdown.js';
export {
  DIALECTS,
  DEFAULT_DIALECT,
  DIALECT_LABELS,
  RL_CODE_LABEL,
  dialectFromLog,
  resolveDialect,
  parseDialect,
  isDialect,
  type DialectId,
} from './dialect.js';
export type { Reply, Strategy, Cite, CodeBlock, Action, ActionKind, EvidenceLine } from './reply.js';
export { ENTRIES, ENTRY_BY_ID, STRATEGIES, STRATEGY_BY_ID, CORRECTIONS, type Entry } from './knowledge/index.js';
