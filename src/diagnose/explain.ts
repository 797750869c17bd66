/**
 * The verdict as people read it: the headline, the reasons that speak for the chosen pattern (each rule's
 * sentence quoting the run's numbers, or a measured sentence when no rule reached its reporting bar), the
 * alternatives, and for a borderline answer the runner-up's reasons and the experiment that tells the two
 * apart. Each pattern's own words live in its scorer (scorers/*.ts).
 */
import { PATTERN_LABELS, type Finding, type Pattern } from './schema.js';
import { MODEL_CLASSES, type Probabilities } from './model.js';
import { tellApart, type CurveKind } from './borderline.js';
import { isRewardName } from '../ingest/names.js';
import * as R from './rules.js';
import type { Scoring } from './scorers/scoring.js';
import { stat, take, type Claim } from './quote.js';
import { goodFitFallback, goodFitHeadline } from './scorers/good-fit.js';
import { highVarianceFallback, highVarianceHeadline } from './scorers/high-variance.js';
import { overfittingFallback, overfittingHeadline } from './scorers/overfitting.js';
import { underfittingFallback, underfittingHeadline } from './scorers/underfitting.js';
import { unstableFallback, unstableHeadline } from './scorers/unstable.js';

export interface Verdict {
  pattern: Pattern;
  confidence: number;
  findings: Finding[];
  headline: string;
  reasons: string[];
  spikeX: number[];
  alternatives: { pattern: Pattern; probability: number; score: number }[];
  /** the runner-up is close: both are answers (JSON `borderline`) */
  borderline?: boolean;
  probabilities?: Probabilities;
  /** what each number of the headline and of each reason means (quote.ts); null: advice, no measurement */
  quotes: { headline: Claim[]; reasons: (Claim[] | null)[] };
  /** the run logs its validation curve alone (Scoring.valAlone, measured once): the Diagnosis's `series.val_alone` */
  valAlone: boolean;
}

/** A sentence and the claims its numbers made (null: an instruction whose numbers are advice). */
interface Said {
  text: string;
  claims: Claim[] | null;
}

const WORDS: Record<Pattern, { headline(s: Scoring): string; fallback(s: Scoring): string }> = {
  good_fit: { headline: goodFitHeadline, fallback: goodFitFallback },
  overfitting: { headline: overfittingHeadline, fallback: overfittingFallback },
  high_variance: { headline: highVarianceHeadline, fallback: highVarianceFallback },
  underfitting: { headline: underfittingHeadline, fallback: underfittingFallback },
  unstable: { headline: unstableHeadline, fallback: unstableFallback },
  not_assessable: {
    headline: (s) =>
      s.ctx.pair.agentOnly
        ? "Not assessable: an agent's losses, and no reward to judge it by."
        : s.n === 0
          ? 'Not assessable: the log has no training or validation curve to read.'
          : `Not assessable: ${stat(s.q, 'points', s.n, 'num')} point(s) are too few to judge the curve.`,
    fallback: (s) => `${stat(s.q, 'points', s.n, 'num')} point(s).`,
  },
};

/**
 * The Verdict for pattern p, as words and numbers. `probabilities` decide (borderline, the runner-up,
 * which alternatives are listed); `reported` (default: the same) are the numbers shown: the confidence and
 * every probability. Without probabilities (not assessable): a fixed confidence and no alternatives.
 */
export function explain(
  s: Scoring,
  p: Pattern,
  probabilities?: Probabilities,
  reported: Probabilities | undefined = probabilities,
): Verdict {
  const findings = [...s.findings];
  const spikeX = [...new Set(s.spikeX)];
  take(s.q);
  if (p === 'not_assessable' || !probabilities) {
    const headline = WORDS[p].headline(s);
    const hq = take(s.q);
    const reasons = withConvention(s, reasonsFor(s, p), hq);
    return {
      pattern: p,
      confidence: R.NOT_ASSESSABLE_CONFIDENCE,
      findings,
      headline,
      reasons: reasons.map((r) => r.text),
      spikeX,
      alternatives: [],
      quotes: { headline: hq, reasons: reasons.map((r) => r.claims) },
      valAlone: s.valAlone,
    };
  }
  const shown = reported ?? probabilities;
  const ranked = MODEL_CLASSES.filter((c) => c !== p).sort((x, y) => probabilities[y] - probabilities[x]);
  const runnerUp = ranked[0];
  const borderline = probabilities[p] - probabilities[runnerUp] < R.BORDERLINE_MARGIN;
  const alternatives = ranked
    .filter((c) => probabilities[c] >= R.ALTERNATIVE_MIN_PROBABILITY)
    .map((c) => ({ pattern: c as Pattern, probability: rounded(shown[c]), score: rounded(shown[c]) }));
  const said = reasonsFor(s, p);
  let head = WORDS[p].headline(s);
  const hq = take(s.q);
  if (borderline) {
    head = `${PATTERN_LABELS[p]}, or ${PATTERN_LABELS[runnerUp].toLowerCase()} (borderline)${head.slice(head.indexOf(':'))}`;
    for (const r of reasonsFor(s, runnerUp, false))
      if (!said.some((x) => x.text === r.text))
        said.push({ text: `Could also be ${PATTERN_LABELS[runnerUp].toLowerCase()}: ${r.text}`, claims: r.claims });
    said.push({ text: tellApart(p, runnerUp, curveKind(s), s.valAlone, s.overWide > 0), claims: null });
  }
  // a verdict the missing training curve could overturn, not already told apart from a good fit above
  if (unseenFit(s, p) && !(borderline && runnerUp === 'good_fit'))
    said.push({ text: `${UNSEEN_FIT} ${tellApart(p, 'good_fit', curveKind(s), true)}`, claims: null });
  const text = withConvention(s, said, hq);
  return {
    pattern: p,
    confidence: rounded(Math.max(R.CONFIDENCE_FLOOR, Math.min(R.CONFIDENCE_CEIL, shown[p]))),
    findings,
    headline: head,
    reasons: text.map((r) => r.text),
    spikeX,
    alternatives,
    borderline,
    quotes: { headline: hq, reasons: text.map((r) => r.claims) },
    valAlone: s.valAlone,
    probabilities: Object.fromEntries(MODEL_CLASSES.map((c) => [c, rounded(shown[c])])) as Probabilities,
  };
}

/** What a validation curve alone leaves open about underfitting (unseenFit). */
const UNSEEN_FIT = 'No training curve is logged, so this cannot be told from a good fit.';

/**
 * An underfitting verdict on a validation curve alone (scoring.ts valAlone) that improved (VAL_ONLY_LEARNED):
 * whether the model fits its training data, which tells underfitting from a good fit that levelled off, cannot be
 * seen, and the reply says so with the experiment that tells them apart. Not for a curve at chance level (started or
 * stuck there: no skill, whatever train does), one that did not improve (no good fit to rest on), or one that
 * climbed out of its minimum (overfitting's question: the minimum-then-rise rule's evidence).
 */
function unseenFit(s: Scoring, p: Pattern): boolean {
  if (p !== 'underfitting' || !s.valAlone || s.atChance || s.valRise >= R.REASON_MIN_SCORE) return false;
  const imp = s.e.val_total_improvement;
  return imp !== undefined && imp >= R.VAL_ONLY_LEARNED;
}

/** Probabilities are reported to 3 decimals. */
const rounded = (v: number) => Number(v.toFixed(3));

/** The judged curve's kind, for the wording of what tells two patterns apart: a loss, a score, or an agent's reward. */
function curveKind(s: Scoring): CurveKind {
  if (!s.inv) return 'loss';
  const judged = s.ctx.pair.val ?? s.ctx.pair.train;
  return judged && isRewardName(judged.base) ? 'reward' : 'higher';
}

/** The reasons that speak for p (quoting the run's numbers), then the general notes; a plain measured sentence when no rule spoke for p. */
function reasonsFor(s: Scoring, p: Pattern, withNotes = true): Said[] {
  const own: Said[] = s.tagged
    .filter((r) => r.p !== null && (Array.isArray(r.p) ? r.p.includes(p) : r.p === p))
    .map((r) => ({ text: r.text, claims: r.claims }));
  if (own.length === 0) {
    const text = WORDS[p].fallback(s);
    own.push({ text, claims: take(s.q) });
  }
  return withNotes
    ? [...own, ...s.tagged.filter((r) => r.p === null).map((r) => ({ text: r.text, claims: r.claims }))]
    : own;
}

/** The file's epoch numbering, said once when an epoch is quoted and it could be misread. */
export const EPOCH_CONVENTION = {
  from0:
    'Epochs are numbered as in your log, which counts from 0 (a console that counts from 1, like Keras\' "Epoch 1/N", calls epoch 0 "Epoch 1").',
  position: 'Epochs count from 1 as Keras prints them ("Epoch 1/N"); in the history list, epoch N is at index N - 1.',
} as const;

function withConvention(s: Scoring, said: Said[], headline: Claim[]): Said[] {
  const numbering = s.ctx.run.epochNumbering;
  const quotesEpoch =
    s.ctx.run.xAxis === 'epoch' &&
    !s.ctx.run.xUnit &&
    [headline, ...said.map((r) => r.claims ?? [])].some((cs) => cs.some((c) => c.kind === 'label'));
  return numbering && quotesEpoch ? [...said, { text: EPOCH_CONVENTION[numbering], claims: null }] : said;
}
