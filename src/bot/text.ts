/**
 * The one policy for user-derived text on Discord: file names, column/metric names, run labels,
 * option values, config keys, pasted text and messages from the layers below (ingest, train) that
 * quote them. Every reply builder in src/bot shows such text only through these functions:
 *
 * - `prose(s)`: inside Markdown (message content, embed title/description, field name/value). Every
 *   Markdown character is backslash-escaped, so it renders as the literal character (`val_loss` still
 *   reads val_loss) and cannot form links, headings, quotes, lists, spoilers, code spans or fences;
 *   `scheme://` gets a zero-width space (no autolink), so does the dot of a scheme-less invite
 *   (`discord.gg/x`, `discord.com/invite/x`: Discord shows those as invite cards), and `@` one (no
 *   @everyone/@here).
 * - `line(s, max)`: prose on one line, bounded (a name inside our own sentence).
 * - `code(s)`: inside a ``` block, where a backslash is literal: runs of backticks are broken with a
 *   zero-width space so the text cannot close the block. Links and mentions never render there.
 * - `span(s, max)`: inside a `code span`: one line, backticks replaced by ˋ, bounded.
 * - `label(s, max)`: fields Discord shows as plain text (button/select labels, footers, alt text).
 *
 * Text that is ours (the knowledge base, our own sentences) is Markdown as written. Discord's
 * rendering rules: docs/bot.md#markdown.
 */

/** Discord limits (docs/bot.md#limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  optionLabel: 100,
  optionDesc: 100,
  selectOptions: 25,
  attachmentDescription: 1024,
} as const;

const ZWSP = '\u200b';
/** C0/C1 controls (except tab/newline, handled per function) and the bidi overrides/isolates that reorder text */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** every character Discord's Markdown gives a meaning to (escaped with a backslash, rendered literally) */
const MARKDOWN = /[\\`*_~|>#<\[\]()]/g;
/** the host of an invite Discord turns into a card even without a scheme: the dot gets a zero-width space */
const INVITE_HOST = /\b(discord(?:app)?)\.(gg|com|io|me|li)(?=\/)/gi;

/** Hard cut to `max` characters with an ellipsis (no boundary search). */
export function clipText(s: string, max: number): string {
  if (max <= 0) return '';
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)).trimEnd() + '…';
}

/** backticks not escaped by a backslash */
function openBackticks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '`') n++;
  }
  return n;
}

/**
 * Shorten Markdown to at most `max` chars at a line or word boundary when one is near, with an
 * ellipsis; never ends inside an escape pair or with an odd number of (unescaped) backticks.
 */
export function clip(s: string, max: number): string {
  if (max <= 0) return '';
  if (s.length <= max) return s;
  if (max <= 1) return '…'.slice(0, max);
  const room = max - 1;
  const cut = s.slice(0, room);
  const nl = cut.lastIndexOf('\n');
  const sp = cut.lastIndexOf(' ');
  const at = nl > room * 0.6 ? nl : sp > room * 0.6 ? sp : room;
  let head = cut.slice(0, at).trimEnd();
  // a trailing lone backslash would escape nothing we mean to show
  const slashes = /\\*$/.exec(head)![0].length;
  if (slashes % 2 === 1) head = head.slice(0, -1);
  // never leave an open code span
  if (openBackticks(head) % 2 === 1) head = head.slice(0, head.lastIndexOf('`')).trimEnd();
  if (/\\*$/.exec(head)![0].length % 2 === 1) head = head.slice(0, -1);
  return head + '…';
}

/** User text for Markdown: renders as exactly these characters, forms no Markdown, link or mention. */
export function prose(s: string, max = Infinity): string {
  const e = String(s)
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(MARKDOWN, (c) => `\\${c}`)
    // list markers at a line start (`- x`, `+ x`, `1. x`)
    .replace(
      /^([ \t]*)([-+]|\d+\.)(?=[ \t])/gm,
      (_m, ws: string, mark: string) => `${ws}${mark.length === 1 ? `\\${mark}` : `${mark.slice(0, -1)}\\.`}`,
    )
    .replace(/:\/\//g, `:/${ZWSP}/`)
    .replace(INVITE_HOST, `$1${ZWSP}.$2`)
    .replace(/@/g, `@${ZWSP}`);
  return Number.isFinite(max) ? clip(e, max) : e;
}

/** User text on one line of prose, bounded. */
export function line(s: string, max = 120): string {
  return prose(String(s).replace(/[\r\n\t\u2028\u2029]+/g, ' '), max);
}

/** User text inside a ``` code block: cannot close it. */
export function code(s: string): string {
  return String(s)
    .replace(INVISIBLE, '')
    .replace(/`(?=`)/g, `\`${ZWSP}`)
    .replace(/`$/, `\`${ZWSP}`);
}

/** User text inside a `code span`: one line, no backtick, never empty, bounded. */
export function span(s: string, max = 80): string {
  const t = clipText(
    String(s)
      .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
      .replace(INVISIBLE, '')
      .replace(/`/g, 'ˋ'),
    max,
  );
  return t.trim() ? t : '(empty)';
}

/** `span` with its backticks: the usual way to quote a name in our own sentence. */
export function quote(s: string, max = 80): string {
  return `\`${span(s, max)}\``;
}

/** User text where Discord shows plain text (labels, footers, alt text): one line, bounded. */
export function label(s: string, max: number): string {
  return clipText(
    String(s)
      .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
      .replace(INVISIBLE, ''),
    max,
  );
}

/**
 * Our own Markdown (the knowledge base, our sentences): escapes the formatting characters that
 * appear in names and numbers (_ * ~ | \) outside `code spans`, keeping the spans. Never for user text.
 */
export function ours(s: string): string {
  return s
    .split(/(`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([_*~|\\])/g, '\\$1')))
    .join('');
}
