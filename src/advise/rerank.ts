/**
 * A small learned re-ranker behind why()'s hand-written ranking (search.ts): it re-orders only the
 * top few candidates that the text search and the concept weights found, using what a question says
 * (its words, word pairs, letter 3-4-grams of its words, the concepts understand() read) and how the
 * hand ranking placed each candidate. A linear model per entry (multinomial logistic regression over
 * the candidates), fitted on the labelled phrasings by scripts/advise/fit.ts; the weights are data in
 * knowledge/rerank-weights.ts. docs/advice.md ("Questions: why()") has the leave-one-set-out numbers.
 *
 * Linear time: one pass over the tokens, a bounded number of features per token.
 */

/** The weights table (knowledge/rerank-weights.ts), written by scripts/advise/fit.ts --write. */
export interface RerankWeights {
  version: 1;
  /** entry ids, in the order of the per-entry columns below */
  entries: string[];
  /** how many of the hand ranking's candidates are re-ordered */
  candidates: number;
  /** weights of PAIR_FEATURES (shared by all entries) */
  pair: number[];
  /** per-entry bias, aligned with entries */
  bias: number[];
  /** feature -> [entry index, weight, entry index, weight, ...] (only the non-zero weights) */
  features: Record<string, number[]>;
}

/** How the hand ranking placed a candidate: what the re-ranker keeps of it. */
export const PAIR_FEATURES = ['score', 'rank1'] as const;

/** OURS: the weight of each feature group (a group's features are scaled to unit length, then by this) */
export const GROUP_WEIGHT = { word: 1, pair: 0.7, gram: 0.7, concept: 1 } as const;

/** letter n-grams of words this long or longer (short words are whole-word features already) */
const GRAM_MIN_WORD = 4;
const MAX_TOKENS = 400;

function addGroup(out: Map<string, number>, keys: string[], weight: number): void {
  const uniq = [...new Set(keys)];
  if (!uniq.length) return;
  const v = weight / Math.sqrt(uniq.length);
  for (const k of uniq) out.set(k, (out.get(k) ?? 0) + v);
}

/**
 * What a question says, as sparse features: `terms` are the text search's processed tokens (stop words
 * gone, synonyms and stems applied, phrases canonical), `words` the typo-corrected words as typed,
 * `concepts` what understand() read.
 */
export function questionFeatures(
  terms: string[],
  words: string[],
  concepts: Partial<Record<string, number>>,
): Map<string, number> {
  const out = new Map<string, number>();
  const t = terms.slice(0, MAX_TOKENS);
  addGroup(
    out,
    t.map((x) => `w:${x}`),
    GROUP_WEIGHT.word,
  );
  const pairs: string[] = [];
  for (let i = 1; i < t.length; i++) pairs.push(`b:${t[i - 1]}_${t[i]}`);
  addGroup(out, pairs, GROUP_WEIGHT.pair);
  const grams: string[] = [];
  for (const w of words.slice(0, MAX_TOKENS)) {
    if (w.length < GRAM_MIN_WORD || !/^[a-z]+$/.test(w)) continue;
    const s = `<${w}>`;
    for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= s.length; i++) grams.push(`c:${s.slice(i, i + n)}`);
  }
  addGroup(out, grams, GROUP_WEIGHT.gram);
  const cs = Object.entries(concepts).filter(([, v]) => v);
  const norm = Math.sqrt(cs.reduce((a, [, v]) => a + (v ?? 0) ** 2, 0)) || 1;
  for (const [c, v] of cs) out.set(`k:${c}`, (GROUP_WEIGHT.concept * (v ?? 0)) / norm);
  return out;
}

/** The PAIR_FEATURES of the candidate at `rank` (0 = best) with hand score `score`. */
export function pairFeatures(rank: number, score: number): number[] {
  return [score, rank === 0 ? 1 : 0];
}

export interface Ranked {
  id: string;
  score: number;
}

/**
 * The model's logit for each of `head` (the hand ranking's top candidates, best first): the pair
 * features (how the hand ranking placed it) plus the entry's bias and question-feature weights.
 */
export function candidateLogits(features: Map<string, number>, head: Ranked[], w: RerankWeights): number[] {
  const col = new Map(w.entries.map((id, i) => [id, i]));
  const at = new Map<number, number>();
  const logits = head.map((c, rank) => {
    const e = col.get(c.id);
    if (e !== undefined) at.set(e, rank);
    const pf = pairFeatures(rank, c.score);
    return pf.reduce((a, x, j) => a + x * w.pair[j], e === undefined ? 0 : w.bias[e]);
  });
  for (const [f, x] of features) {
    const row = Object.hasOwn(w.features, f) ? w.features[f] : undefined;
    if (!row) continue;
    for (let j = 0; j < row.length; j += 2) {
      const k = at.get(row[j]);
      if (k !== undefined) logits[k] += x * row[j + 1];
    }
  }
  return logits;
}

/**
 * The candidates (the hand ranking, best first) re-ordered by the model. Scores stay in the hand
 * ranking's units (so search.ts' ALSO_MARGIN keeps its meaning): the new first keeps the hand's best
 * score, the others sit below it by their logit gap divided by the weight of the hand score. Entries
 * after the re-ranked few keep their hand order, their scores capped at the last re-ranked one's.
 */
export function rerank(features: Map<string, number>, ranked: Ranked[], w: RerankWeights): Ranked[] {
  const k = Math.min(w.candidates, ranked.length);
  if (k < 2) return ranked;
  const head = ranked.slice(0, k);
  const logits = candidateLogits(features, head, w);
  const unit = w.pair[0] > 0 ? w.pair[0] : 1;
  const best = Math.max(...logits);
  const order = head
    .map((c, i) => ({ id: c.id, score: head[0].score + (logits[i] - best) / unit, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ id, score }) => ({ id, score }));
  const floor = order[order.length - 1].score;
  return [...order, ...ranked.slice(k).map((c) => ({ id: c.id, score: Math.min(c.score, floor) }))];
}
