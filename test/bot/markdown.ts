/**
 * What a Discord client would make of a message text, reduced to what matters for hostile input:
 * fences must pair up, and outside code (blocks, spans) and escapes there must be no masked link,
 * no URL, no mention and no heading or quote. A small model of Discord's Markdown (simple-markdown
 * based: escapes `\` + punctuation, ``` blocks, `+ spans, [text](url), scheme:// autolinks,
 * <@id> <@&id> <#id> </name:id> @everyone @here, # ## ### headings, > quotes).
 */

/** the bot's own links, which must stay clickable */
export const OWN_URLS: RegExp[] = []; // none today: the bot posts no links of its own

export function markdownProblems(text: string): string[] {
  const p: string[] = [];
  const fences = (text.match(/```/g) ?? []).length;
  if (fences % 2 === 1) p.push(`odd number of code fences (${fences})`);
  const prose = inertRemoved(text);
  const masked = /\[[^\]\n]*\]\(\s*<?([^)\s>]*)/g;
  for (const m of prose.matchAll(masked))
    if (/^[a-z][a-z0-9+.-]*:/i.test(m[1]) || m[1].startsWith('/')) p.push(`masked link: ${m[0].slice(0, 60)}`);
  for (const m of prose.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s<]+/gi))
    if (!OWN_URLS.some((r) => r.test(m[0]))) p.push(`clickable URL: ${m[0].slice(0, 60)}`);
  for (const m of prose.matchAll(/\bdiscord(?:app)?\.(?:gg|com|io|me|li)\/\S+/gi))
    p.push(`invite: ${m[0].slice(0, 60)}`);
  for (const m of prose.matchAll(/<@[!&]?\d+>|<#\d+>|<\/[^\s:>]+:\d+>|@everyone|@here/g)) p.push(`mention: ${m[0]}`);
  for (const m of prose.matchAll(/^[ \t]*#{1,3}[ \t]+\S.*$/gm)) p.push(`heading: ${m[0].slice(0, 60)}`);
  for (const m of prose.matchAll(/^[ \t]*>{1,3}[ \t].*$/gm)) p.push(`quote: ${m[0].slice(0, 60)}`);
  return p;
}

/**
 * The text with what renders literally blanked out, read left to right as Discord's parser does:
 * a ``` block, an escape (backslash + punctuation), an inline code span (a run of backticks up to
 * the same run; backslashes are literal inside it).
 */
function inertRemoved(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      if (end >= 0) {
        out += ' ';
        i = end + 3;
        continue;
      }
    }
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[^0-9A-Za-z\s]/.test(text[i + 1])) {
      out += 'E';
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (text[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let j = text.indexOf(fence, i + n);
      while (j >= 0 && text[j + n] === '`') j = text.indexOf(fence, j + n + 1);
      if (j > i + n) {
        out += ' ';
        i = j + n;
        continue;
      }
      out += fence;
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Every text of a message payload (content, embeds, component labels) with where it is. */
export function messageTexts(body: any): { where: string; text: string; markdown: boolean }[] {
  const out: { where: string; text: string; markdown: boolean }[] = [];
  const add = (where: string, text: unknown, markdown = true) => {
    if (typeof text === 'string' && text.length) out.push({ where, text, markdown });
  };
  add('content', body?.content);
  (body?.embeds ?? []).forEach((e: any, i: number) => {
    add(`embed ${i} title`, e.title);
    add(`embed ${i} description`, e.description);
    (e.fields ?? []).forEach((f: any, k: number) => {
      add(`embed ${i} field ${k} name`, f.name);
      add(`embed ${i} field ${k} value`, f.value);
    });
    // plain text in Discord: links and Markdown never render there
    add(`embed ${i} footer`, e.footer?.text, false);
  });
  return out;
}

/** Problems across a message payload's Markdown texts. */
export function messageProblems(body: any): string[] {
  return messageTexts(body)
    .filter((t) => t.markdown)
    .flatMap((t) => markdownProblems(t.text).map((p) => `${t.where}: ${p}`));
}
