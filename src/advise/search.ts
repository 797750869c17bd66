/**
 * why(question): free-text questions -> the best knowledge entry, with minisearch (fuzzy, prefix,
 * field boosts) over a normalised vocabulary: synonyms (val/validation, nan/NaN/inf, acc/accuracy,
 * lr/learning rate), a few French/Spanish/German words, and a crude stemmer applied to both the
 * index and the query.
 */
import MiniSearch from 'minisearch';
import { DEFAULT_DIALECT, isDialect, type DialectId } from './dialect.js';
import { entryReply } from './explain.js';
import { CONCEPT_WEIGHTS, type Concept } from './knowledge/concepts.js';
import { ENTRIES, ENTRY_BY_ID, type Entry } from './knowledge/index.js';
import type { Reply } from './reply.js';
import { STOP, SYNONYMS } from './search-words.js';
import { understand, type Understood } from './understand.js';
import { RERANK_WEIGHTS } from './knowledge/rerank-weights.js';
import { questionFeatures, rerank, type Ranked, type RerankWeights } from './rerank.js';

/** Multi-word phrases first (before tokenising), mapped to one canonical token. */
const PHRASES: [RegExp, string][] = [
  [/\bnot a number\b/g, ' nan '],
  [/\b(learning[\s_-]*rates?|taux d'?\s*apprentissage|tasa de aprendizaje|lernrate|step size)\b/g, ' lr '],
  [/\b(early[\s_-]*stop\w*|arr[eê]t pr[eé]coce|parada temprana|fr[uü]h\w* stop\w*)\b/g, ' earlystop '],
  [
    /\b(batch[\s_-]*size|taille (de|du) (batch|lot)|tama[nñ]o del? (lote|batch)|batchgr(?:o|ö|oe)(?:ss|ß)e)\b/g,
    ' batchsize ',
  ],
  [/\b(return[\s_-]*sequences)\b/g, ' returnsequences '],
  [/\b(recurrent[\s_-]*dropout)\b/g, ' recurrentdropout '],
  [
    /\b(walk[\s_-]*forward(\s+validation)?|rolling[\s_-]*origin|k[\s_-]*fold|cross[\s_-]*validation|validation crois[ée]e|validaci[oó]n cruzada|kreuzvalidierung|timeseriessplit)\b/g,
    ' kfold ',
  ],
  [/\b(time[\s_-]*steps?|sequence[\s_-]*length|look[\s_-]*back|window[\s_-]*size|n[\s_-]*steps)\b/g, ' window '],
  [
    /\b(hidden[\s_-]*(size|units?)|neurons?|neurones?|neuronas?|neuronen|unidades|unit[ée]s|einheiten|cells)\b/g,
    ' units ',
  ],
  [/\b(weight[\s_-]*decay|kernel[\s_-]*regularizer)\b/g, ' l2 '],
  [/\b(data[\s_-]*leak\w*|fuite de donn[ée]es|fuga de datos)\b/g, ' leak '],
  [/\b(same (class|value|prediction)|predicts? (one|the same)|constant predictions?)\b/g, ' constant '],
  [/\b(too good|trop beau|demasiado bueno|zu gut)\b/g, ' leak '],
  [/\b(random(ness)?[\s_-]*seeds?|set[\s_-]*seed)\b/g, ' seed '],
  [/\b(random guess\w*|chance level|hasard|azar|zufall)\b/g, ' chance '],
  [/\b(50 ?%|50 percent|fifty percent)/g, ' chance '],
  [/\b(100 ?%|100 percent|1[.,]0 accuracy|perfect)/g, ' perfect '],
  [
    /\b(less than|lower than|smaller than|below|under|plus (bas|faible)s? que|inf[ée]rieure? [àa]|menor que|m[aá]s baj[ao] que|niedriger als|kleiner als|unter)\b/g,
    ' lower ',
  ],
  [
    /\b(goes up|going up|go up|rising|rises|increas\w*|augmente\w*|monte\w*|sube\w*|aumenta\w*|steigt|steigen|grows?|growing|climb\w*)\b/g,
    ' rise ',
  ],
  [
    /\b(goes down|going down|decreas\w*|baisse\w*|diminue\w*|baja\w*|disminuye\w*|sinkt|f[aä]llt|falls?|falling|drops?)\b/g,
    ' fall ',
  ],
  [
    /\b(up and down|jumps? around|bounces?|zig[\s-]?zag\w*|oscillat\w*|fluctu\w*|schwank\w*|oscila\w*|unstable|instable|inestable|instabil|erratic|jumpy)\b/g,
    ' fluctuate ',
  ],
  [
    /\b(stuck|stagn\w*|plateau\w*|flat|stall\w*|bloqu[ée]e?s?|estancad[oa]s?|atascad[oa]s?|h[aä]ngt|doesn'?t (change|move|improve)|does not (change|move|improve)|no (change|progress)|not (changing|improving)|ne bouge pas|no cambia|[äa]ndert sich nicht)\b/g,
    ' stuck ',
  ],
  [/\b(how many|combien|cu[aá]nt[oa]s|wie viele)\b/g, ' howmany '],
  [/\bhow (big|large|wide|small)\b/g, ' howmany units '],
  [
    /\b(still|keeps?|continues? to|kept)\s+(going down|decreas\w*|fall\w*|improv\w*|dropp\w*|getting better)\b/g,
    ' stillimproving ',
  ],
  [/\b(only|always) predicts?\b|\bpredicts? (only|always)\b/g, ' constant '],
  [
    /\b(over[\s_-]*fit\w*|sobreajust\w*|sur[\s-]*apprentissage|sur[\s-]*appren\w*|surajust\w*|[uü]beranpass\w*|overfitten)\b/g,
    ' overfit ',
  ],
  [/\b(under[\s_-]*fit\w*|sous[\s-]*apprentissage|sous[\s-]*appren\w*|subajust\w*|unteranpass\w*)\b/g, ' underfit '],
  [
    /\b(not learning|doesn'?t learn|does not learn|won'?t learn|learns? nothing|learning nothing|(doesn'?t|does not|didn'?t) learn anything|isn'?t learning|n'apprend pas|no aprende|lernt nicht)\b/g,
    ' underfit ',
  ],
  [/\b(penali[sz]\w* (the |large |big |huge )?weights|weight penalty|(large|big|huge) weights)\b/g, ' l2 '],
];

function fold(s: string): string {
  // (the same folding as the query's: größe -> grosse)
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
}

/** plott -> plot, stopp -> stop (but keep -ll, -ss: fall, pass) */
function undouble(w: string): string {
  return /([^aeiouls])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** crude stemmer, same on both sides: plural s, -ing, -ed, -ly */
function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ing') && w.length > 5) return undouble(w.slice(0, -3));
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('ed') && w.length > 5) return undouble(w.slice(0, -2));
  if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export function tokenize(text: string): string[] {
  let s = ' ' + text.toLowerCase() + ' ';
  s = s.replace(/val_(loss|acc|accuracy)/g, 'validation $1').replace(/\bval(acc|loss)\b/g, 'validation $1');
  s = s
    .replace(/\s<=?\s/g, ' lower than ')
    .replace(/\s>=?\s/g, ' higher than ')
    .replace(/\bbetter than\b/g, 'lower than');
  s = s.replace(/[_]/g, ' ');
  for (const [re, canon] of PHRASES) s = s.replace(re, canon);
  s = fold(s);
  const tokens = s
    .split(/[^a-z0-9.%'-]+/)
    .map((t) => t.replace(/^['.-]+|['.-]+$/g, ''))
    .filter(Boolean);
  return [...tokens, ...direction(tokens)];
}

/** degree words that make a difference between the curves a small one */
const SLIGHT = new Set(['slightly', 'bit', 'little', 'marginally', 'tad', 'touch', 'somewhat', 'tiny']);

const isVal = (t: string) => t === 'val' || t === 'dev' || t.startsWith('vali');
const isTrain = (t: string) => t.startsWith('train') || t.startsWith('entra') || t.startsWith('entre');

/**
 * "val lower than train" and "train lower than val" use the same words; bag-of-words search cannot
 * tell them apart. Add one token for the direction: valbelowtrain / trainbelowval.
 */
function direction(tokens: string[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t !== 'lower' && t !== 'higher') return;
    let subj: 'val' | 'train' | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 6) && !subj; j--)
      subj = isVal(tokens[j]) ? 'val' : isTrain(tokens[j]) ? 'train' : undefined;
    let obj: 'val' | 'train' | undefined;
    for (let j = i + 1; j < Math.min(tokens.length, i + 7) && !obj; j++)
      obj = isVal(tokens[j])
        ? 'val'
        : isTrain(tokens[j]) || (subj === 'val' && tokens[j] === 'loss')
          ? 'train'
          : undefined;
    if (!subj || !obj || subj === obj) return;
    // for accuracy-like metrics higher is better: "val accuracy higher than train" means val is better
    const near = tokens.slice(Math.max(0, i - 4), i + 5);
    const higherIsBetter =
      near.some((x) => /^(acc|accuracy|precision|exactitud|genauigkeit|f1|auc)$/.test(x)) && !near.includes('loss');
    const valBelow = ((subj === 'val') === (t === 'lower')) !== higherIsBetter;
    // "val loss slightly higher than train": the usual small gap, no sign of a gap problem
    // (validation below training stays a finding however slight)
    if (!valBelow && SLIGHT.has(tokens[i - 1] ?? '')) return;
    out.push(valBelow ? 'valbelowtrain' : 'trainbelowval');
  });
  return out;
}

export function processTerm(term: string): string | null {
  const t = fold(term.toLowerCase());
  if (STOP.has(t)) return null;
  // own properties only: 'constructor' or '__proto__' typed by a user is a word, not Object's
  const syn = Object.hasOwn(SYNONYMS, t) ? SYNONYMS[t] : undefined;
  if (syn) return syn;
  const st = stem(t);
  return Object.hasOwn(SYNONYMS, st) ? SYNONYMS[st] : st;
}

interface Doc {
  id: string;
  title: string;
  questions: string;
  keywords: string;
  body: string;
}

/**
 * Words nearly every question has (the model, the library, the kind of data): they should not pick
 * the entry ("which optimizer for time series" is not the time-series case study).
 */
const WEAK = new Set([
  'lstm',
  'lstms',
  'keras',
  'model',
  'time',
  'serie',
  'series',
  'example',
  'network',
  'neural',
  'rnn',
  'tensorflow',
  'data',
  'dataset',
  'python',
  'use',
  'get',
  'help',
  'forecast',
  // the framework or the machine the asker uses says nothing about the curves
  'pytorch',
  'torch',
  'lightning',
  'tf',
  'huggingface',
  'hf',
  'transformers',
  'fastai',
  'sklearn',
  'jax',
  'colab',
  'kaggle',
  'gpu',
  'cuda',
  'cpu',
]);
/** OURS: their weight in a query, chosen on the tune phrasings */
const WEAK_BOOST = 0.3;

let index: MiniSearch<Doc> | undefined;

function buildIndex(): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({
    fields: ['title', 'questions', 'keywords', 'body'],
    storeFields: ['title'],
    tokenize,
    processTerm,
    searchOptions: {
      // field boosts: how people ask and the title say more than the long answer text
      boost: { title: 3, questions: 2.5, keywords: 2, body: 0.5 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : term.length > 3 ? 1 : false),
      prefix: (term) => term.length > 3,
      combineWith: 'OR',
      // the direction tokens decide between 'val below train' and 'train below val' questions
      boostTerm: (term) => (term === 'valbelowtrain' || term === 'trainbelowval' ? 4 : WEAK.has(term) ? WEAK_BOOST : 1),
      tokenize,
      processTerm,
    },
  });
  ms.addAll(
    ENTRIES.map((e) => ({
      id: e.id,
      title: e.title,
      questions: e.questions.join(' | '),
      keywords: e.keywords.join(' '),
      body: [e.why, ...(e.signs ?? []), ...(e.causes ?? [])].join(' '),
    })),
  );
  return ms;
}

export interface Match {
  id: string;
  title: string;
  score: number;
}

const ORDER: Record<string, number> = Object.fromEntries(ENTRIES.map((e, i) => [e.id, i]));

/**
 * The hand ranking (best first, every entry with a positive score): the text score scaled so the best
 * text match is 1, plus the concept weights (knowledge/concepts.ts) of what understand() read.
 */
export function handRanking(question: string): { ranked: Ranked[]; understood: Understood } {
  index ??= buildIndex();
  const u = understand(question);
  const hits = index.search(u.text);
  const best = hits[0]?.score ?? 0;
  const score = new Map<string, number>();
  for (const h of hits) score.set(h.id as string, best > 0 ? h.score / best : 0);
  for (const [c, strength] of Object.entries(u.concepts) as [Concept, number][])
    for (const [id, w] of Object.entries(CONCEPT_WEIGHTS[c])) score.set(id, (score.get(id) ?? 0) + strength * w);
  const ranked = [...score]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || ORDER[a[0]] - ORDER[b[0]])
    .map(([id, v]) => ({ id, score: v }));
  return { ranked, understood: u };
}

/** What the re-ranker reads in an understood question: the search's processed terms, the words, the concepts. */
export function rerankFeatures(u: Understood): Map<string, number> {
  const terms = tokenize(u.text)
    .map(processTerm)
    .filter((t): t is string => !!t);
  return questionFeatures(terms, u.text.split(/[^a-z]+/).filter(Boolean), u.concepts);
}

/**
 * Ranked entries for a question (best first): the hand ranking, its top few re-ordered by the learned
 * re-ranker (rerank.ts) when a weights table is shipped (knowledge/rerank-weights.ts; scores stay in
 * the hand ranking's units). With no table (null), the hand ranking as is.
 */
export function search(question: string, limit = 5, weights: RerankWeights | null = RERANK_WEIGHTS): Match[] {
  const { ranked, understood } = handRanking(question);
  const order = weights ? rerank(rerankFeatures(understood), ranked, weights) : ranked;
  return order
    .slice(0, limit)
    .map(({ id, score }) => ({ id, title: ENTRY_BY_ID[id].title, score: Math.round(score * 1000) / 1000 }));
}

/** The text search alone on the question as typed (no query understanding): the bench's baseline. */
export function textSearch(question: string, limit = 5): Match[] {
  index ??= buildIndex();
  return index
    .search(question)
    .slice(0, limit)
    .map((r) => ({
      id: r.id as string,
      title: ENTRY_BY_ID[r.id as string].title,
      score: Math.round(r.score * 1000) / 1000,
    }));
}

/** OURS: entry shown when nothing matches: reading curves is the most general answer. */
export const FALLBACK_ENTRY = 'topic:reading_curves';

/** why("why is my val_loss rising") -> the knowledge entry's answer as a Reply, with match id and score. */
/** "... in keras 3", "tf.keras", "keras 2.3" in a question: the dialect the asker uses. */
export function dialectInText(q: string): DialectId | undefined {
  const t = q.toLowerCase();
  if (/\bkeras\s*3\b|\bimport keras\b|\bkeras\.layers\b/.test(t)) return 'keras3';
  if (/\btf\.keras\b|\btensorflow\b|\btf\s*2\b/.test(t)) return 'tfkeras';
  if (/\bkeras\s*2(\.\d+)*\b|\bfrom keras\./.test(t)) return 'keras2';
  return undefined;
}

/**
 * OURS, chosen on the tune phrasings: a runner-up within this much of the best score is offered too
 * ("also: ..."). Scores are the scaled text score (best = 1) plus concept weights.
 */
export const ALSO_MARGIN = 0.25;

/** The runner-up worth offering next to the best match, if any. */
export function runnerUp(hits: Match[], margin = ALSO_MARGIN): Match | undefined {
  const [top, second] = hits;
  return top && second && second.score > 0 && top.score - second.score <= margin ? second : undefined;
}

export function why(question: string, dialect?: DialectId | string): Reply {
  const asked = isDialect(dialect) ? undefined : dialectInText(question);
  const d = isDialect(dialect) ? dialect : (asked ?? DEFAULT_DIALECT);
  const hits = search(question, 4);
  const top = hits[0];
  const entry: Entry = ENTRY_BY_ID[top?.id ?? FALLBACK_ENTRY];
  const r = entryReply(entry, d, 'answer');
  const summary = top
    ? r.summary
    : `I could not match that question; here is how to read learning curves.\n\n${r.summary}`;
  const also = runnerUp(hits);
  return {
    ...r,
    summary,
    dialectSource: isDialect(dialect) || asked ? 'override' : 'default',
    match: {
      id: entry.id,
      score: top?.score ?? 0,
      alternatives: hits.slice(1).map((h) => ({ id: h.id, title: h.title, score: h.score })),
      ...(also ? { also: { id: also.id, title: also.title } } : {}),
    },
  };
}
