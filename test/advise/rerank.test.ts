/**
 * The learned re-ranker's hook (src/advise/rerank.ts, search.ts): with no weights table, search() is
 * the hand ranking as is; with one, only the hand ranking's top few move, scores stay in hand units,
 * and hostile text stays cheap. Small hand-made tables here; the fitted one (if ever shipped) is
 * measured by scripts/advise/loso.ts (docs/advice.md).
 */
import { describe, expect, it } from 'vitest';
import { handRanking, rerankFeatures, search } from '../../src/advise/search.js';
import { RERANK_WEIGHTS } from '../../src/advise/knowledge/rerank-weights.js';
import { questionFeatures, rerank, type RerankWeights } from '../../src/advise/rerank.js';
import { ENTRIES } from '../../src/advise/index.js';

const ids = ENTRIES.map((e) => e.id);
const col = (id: string) => ids.indexOf(id);
/** a table whose only opinion: the word `term` speaks for `id` with weight `w` */
function table(term: string, id: string, w: number, candidates = 5, pair = [1, 0]): RerankWeights {
  return {
    version: 1,
    entries: ids,
    candidates,
    pair,
    bias: ids.map(() => 0),
    features: { [`w:${term}`]: [col(id), w] },
  };
}

describe('the re-ranker hook', () => {
  const q = 'bigger batch size makes my val loss worse, is that normal';

  it('without a table, search() is the hand ranking', () => {
    const { ranked } = handRanking(q);
    expect(search(q, 5, null).map((m) => m.id)).toEqual(ranked.slice(0, 5).map((c) => c.id));
    if (RERANK_WEIGHTS === null) expect(search(q).map((m) => m.id)).toEqual(search(q, 5, null).map((m) => m.id));
  });

  it('with a table that has no opinion, the hand order and the best hand score stay', () => {
    const { ranked } = handRanking(q);
    const none: RerankWeights = { ...table('zzz', ids[0], 0), features: {} };
    const got = search(q, 5, none);
    expect(got.map((m) => m.id)).toEqual(ranked.slice(0, 5).map((c) => c.id));
    expect(got[0].score).toBeCloseTo(ranked[0].score, 3);
  });

  it('moves a candidate the text speaks for to the top, and never one outside the top few', () => {
    const { ranked, understood } = handRanking(q);
    const f = rerankFeatures(understood);
    const second = ranked[1].id;
    const term = [...f.keys()].find((k) => k.startsWith('w:'))!.slice(2);
    const moved = rerank(f, ranked, table(term, second, 50));
    expect(moved[0].id).toBe(second);
    expect(moved[1].id).toBe(ranked[0].id);
    // the new first keeps the hand's best score, the rest sit below it (hand units)
    expect(moved[0].score).toBeCloseTo(ranked[0].score, 6);
    expect(moved[1].score).toBeLessThan(moved[0].score);
    // an entry ranked below the re-ranked few stays where the hand put it
    const far = ranked[6].id;
    const kept = rerank(f, ranked, table(term, far, 50, 3));
    expect(kept.map((c) => c.id)).toEqual(ranked.map((c) => c.id));
    expect(kept.slice(3).every((c, i) => c.score <= kept[2].score && c.id === ranked[3 + i].id)).toBe(true);
  });

  it("reads typos through letter n-grams: 'validaiton' shares most of 'validation''s", () => {
    const grams = (w: string) => new Set([...questionFeatures([], [w], {}).keys()]);
    const a = grams('validation');
    const b = grams('validaiton');
    const shared = [...a].filter((g) => b.has(g)).length;
    expect(shared / a.size).toBeGreaterThan(0.5);
    expect(grams('plateau').has('c:<pl')).toBe(true);
  });

  it('scales each feature group to unit length, so a long question does not outweigh a short one', () => {
    const f = questionFeatures(['loss', 'nan', 'epoch'], ['loss', 'nan'], { nan: 1, huge_value: 0.5 });
    const norm = (p: string) => Math.sqrt([...f].filter(([k]) => k.startsWith(p)).reduce((s, [, v]) => s + v * v, 0));
    expect(norm('w:')).toBeCloseTo(1, 6);
    expect(norm('k:')).toBeCloseTo(1, 6);
  });

  it('answers hostile text without throwing, with a table', () => {
    const w = table('loss', 'finding:nan_inf', 1);
    for (const h of ['', 'a'.repeat(100_000), 'loss '.repeat(20_000), '\u0000\uffff\ud800', '__proto__ constructor'])
      expect(() => search(h, 5, w)).not.toThrow();
    expect(search('', 5, w)).toEqual([]);
  });
});
