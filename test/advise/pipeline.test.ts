/**
 * End to end on real files: ingest -> diagnose -> advise, for the pattern fixtures and (when present)
 * the shared corpus of real logs. Every reply must cite evidence, parse as Python and fit Discord.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise, DIALECTS, renderMarkdown } from '../../src/advise/index.js';
import { DISCORD_LIMITS as L, embedLength, toDiscord } from '../../src/bot/discord.js';
import { diagnose } from '../../src/diagnose/index.js';
import { ingest } from '../../src/ingest/index.js';
import { checkPython } from './helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const PATTERN_DIR = join(ROOT, 'fixtures/patterns');
const CORPUS = '/work/shared/corpus/real';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !/\.(md|tsv)$/.test(d.name) && d.name !== 'MANIFEST.json')
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

function run(paths: string[]): { replies: number; refused: number; snippets: Set<string> } {
  let replies = 0;
  let refused = 0;
  const snippets = new Set<string>();
  for (const p of paths) {
    let log;
    try {
      log = ingest(readFileSync(p));
    } catch {
      refused++; // ingest refuses some files on purpose; not advise's business
      continue;
    }
    const dx = diagnose(log);
    for (const d of DIALECTS) {
      const r = advise(dx, log, { dialect: d });
      replies++;
      expect(r.strategies.length, p).toBeGreaterThan(0);
      for (const s of r.strategies) {
        expect(s.cites.length, `${p} ${s.id}`).toBeGreaterThan(0);
        snippets.add(s.code[d]);
      }
      const pieces = toDiscord(r);
      for (const e of pieces.embeds) {
        expect(embedLength(e), p).toBeLessThanOrEqual(L.embedTotal);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(L.embedDescription);
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(L.fieldValue);
      }
      for (const b of pieces.codeBlocks) for (const m of b.messages) expect(m.length).toBeLessThanOrEqual(L.content);
      expect(renderMarkdown(r).length).toBeGreaterThan(100);
    }
    // the dialect the log suggests is what advise() picks by default
    const def = advise(dx, log);
    expect(def.dialect).toBe(log.dialect.flavour === 'unknown' ? 'tfkeras' : log.dialect.flavour);
  }
  return { replies, refused, snippets };
}

describe('ingest -> diagnose -> advise on real files', () => {
  it('pattern fixtures', () => {
    const paths = files(PATTERN_DIR);
    if (!paths.length) return;
    const { replies, snippets } = run(paths);
    const bad = checkPython([...snippets]).filter((r) => !r.ok || r.undefined.length);
    console.log(
      `fixtures/patterns: ${paths.length} files, ${replies} replies, ${snippets.size} distinct snippets, ${bad.length} bad`,
    );
    expect(bad).toEqual([]);
  });

  it.skipIf(!existsSync(CORPUS))('the shared corpus of real logs', () => {
    const paths = files(CORPUS);
    const { replies, refused, snippets } = run(paths);
    const bad = checkPython([...snippets]).filter((r) => !r.ok || r.undefined.length);
    console.log(
      `corpus: ${paths.length} files (${refused} refused by ingest), ${replies} replies, ${snippets.size} distinct snippets, ${bad.length} bad`,
    );
    expect(bad).toEqual([]);
  });
});
