/**
 * A table whose columns are separated by a symbol no table reader sniffs: ` : ` between cells
 * (`e : batch : loss`, then `1 : 50 : 245.1`), or one symbol that is neither a letter, a digit, punctuation
 * nor a space (an emoji: `2024-11-29 18:15:04🫤0🫤4.48`). Tried only on a text every other reader refused
 * (detect.ts): the symbol must split every non-blank line into the same number of cells, and no line may
 * hold a comma already, so writing the table with commas changes nothing but the separator.
 */
import { MIN_CURVE_POINTS } from '../limits.js';

/** A spaced colon between cells: a colon inside a cell (`12:30`, `loss: 0.5`) has no space before it. */
const SPACED_COLON = ' : ';

/** A code point that could separate cells: a symbol (emoji, box drawing, arrows), not a letter, digit, mark,
 * punctuation or space. */
const SYMBOL = /^\p{S}$/u;

/** Symbols of the first line tried, at most: a line of many symbols is no table's row. */
const MAX_CANDIDATES = 4;

const occurrences = (line: string, sep: string) => line.split(sep).length - 1;

/** An emoji's variation selectors and joiners (`➡️` is U+27A1 U+FE0F): left out, so the symbol alone separates. */
const JOINERS = /[\uFE0E\uFE0F\u200D]/g;

/** The separator every non-blank line holds the same number of times (at least once), or undefined. */
export function oddSeparator(lines: string[]): string | undefined {
  const rows = lines.filter((l) => l.trim() !== '').map((l) => l.replace(JOINERS, ''));
  if (rows.length < MIN_CURVE_POINTS || rows.some((l) => l.includes(','))) return undefined;
  const symbols = [...new Set(Array.from(rows[0]).filter((c) => c.codePointAt(0)! > 0x7f && SYMBOL.test(c)))];
  for (const sep of [SPACED_COLON, ...symbols.slice(0, MAX_CANDIDATES)]) {
    // a spaced colon between two cells is as likely a setting's name and value: a table has three columns or more
    const k = occurrences(rows[0], sep);
    if (k >= (sep === SPACED_COLON ? 2 : 1) && rows.every((l) => occurrences(l, sep) === k)) return sep;
  }
  return undefined;
}

/** The lines with the separator written as a comma and the space around each cell trimmed. */
export function commaSeparated(lines: string[], sep: string): string {
  const cells = (l: string) => l.replace(JOINERS, '').split(sep);
  return (
    lines
      .map((l) =>
        cells(l)
          .map((c) => c.trim())
          .join(','),
      )
      .join('\n') + '\n'
  );
}
