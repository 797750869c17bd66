/** Caps that keep one strange input from taking the process down. All overridable per call. */
export interface Limits {
  /** bytes of input; Discord's own upload cap is 10 MiB, so that is our default too */
  maxBytes: number;
  /** data rows / points across the whole file */
  maxRows: number;
  /** characters in one physical line (after newline normalisation); a minified JSON is one line, so JSON is exempt */
  maxLineLength: number;
  /** nesting depth of JSON / Python literals; real logs need < 10, 10^6 would blow the stack */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 2_000_000,
  // A Keras console line with 30 metrics is ~1 KB; tf.keras redraw noise (\b x width per update) can
  // make one physical line of a 1-epoch capture a few hundred KB. 4 MiB keeps room for that.
  maxLineLength: 4 * 1024 * 1024,
  maxDepth: 64,
};

/** Fewer points than this are not a curve: the diagnosis does not judge a shape from fewer
 *  (diagnose/rules.ts MIN_POINTS is this number), so a reader that guesses what unnamed numbers are needs as many. */
export const MIN_CURVE_POINTS = 5;

/** More runs than this in one file (a counter going back every line or table, relaunches beyond any log's) are no
 *  training log's: a reader that finds more is reading another layout (or, for a long table, refuses it). */
export const MAX_LAYOUT_RUNS = 200;

export function resolveLimits(partial?: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}

/** A count for a message: 2,000,000 */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export { formatBytes } from '../util/format.js';
