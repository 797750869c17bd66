/**
 * The printed-log reader's tokenizer: one left-to-right scan cuts a line into words, numbers (with a
 * glued unit or '%') and single punctuation characters. Every character is looked at a bounded number
 * of times, so hostile lines stay linear. Also the two token tests the line reader asks most.
 */
import { parseNumber } from '../text.js';
import { METRIC_WORD } from './print-words.js';

export interface Tok {
  /** w: word, n: number, p: one punctuation character */
  k: 'w' | 'n' | 'p';
  s: string;
  /** a number's value (NaN/Infinity included) */
  v?: number;
  /** letters glued after a number ("3.2s", "7.50it", "2345M"); '%' is folded into v */
  unit?: string;
  pct?: boolean;
  /** whitespace before this token */
  sp: boolean;
}

/** A letter of a name: ASCII, `_`, or a Latin letter with its accent (`pérdida`, `validación`, `précision`: names.ts
 * reads them; cut at the accent, `pérdida` had become `rdida`). Other scripts stay outside names: terms.ts translates
 * the Chinese, Japanese, Korean, Russian and Ukrainian words it knows before this runs, and a word it does not know
 * names nothing the diagnosis could judge. */
const isLetter = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
/** An accent written as its own combining mark after its letter (text in Unicode's decomposed form). */
const isMark = (c: number) => c >= 0x300 && c <= 0x36f;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isLetter(c) || isDigit(c) || isMark(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 0x0b || c === 0x0c || c === 0xa0;
/** quotes and backticks are transparent: {'loss': 0.5} reads like loss: 0.5 */
const isQuote = (c: number) => c === 39 || c === 34 || c === 96;

const NONFINITE = /^[-+]?(?:nan|inf|infinity)$/i;

/** Tokens read from one line: a print() of a training loop has a few dozen; the rest of a longer line is noise. */
const MAX_TOKENS = 300;

/** One left-to-right scan; every character is looked at a bounded number of times. */
export function tokenize(line: string): Tok[] {
  const out: Tok[] = [];
  const n = line.length;
  let sp = true;
  let i = 0;
  while (i < n && out.length < MAX_TOKENS) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || isQuote(c)) {
      if (isSpace(c)) sp = true;
      i++;
      continue;
    }
    const prev = i > 0 ? line.charCodeAt(i - 1) : 32;
    const next = i + 1 < n ? line.charCodeAt(i + 1) : 0;
    const signed =
      (c === 45 || c === 43) &&
      !isAlnum(prev) &&
      (isDigit(next) || (next === 46 && i + 2 < n && isDigit(line.charCodeAt(i + 2))));
    if (isDigit(c) || signed || (c === 46 && isDigit(next) && !isAlnum(prev))) {
      const { tok, end } = readNumber(line, i, signed, sp);
      out.push(tok);
      i = end;
      sp = false;
      continue;
    }
    // -inf / -nan / +Infinity: a signed non-finite value
    const signedWord =
      (c === 45 || c === 43) && !isAlnum(prev) && (next === 105 || next === 73 || next === 110 || next === 78);
    if (isLetter(c) || signedWord) {
      let j = i + 1;
      for (;;) {
        while (j < n && isAlnum(line.charCodeAt(j))) j++;
        // inner . / - @ join a name when a letter follows (val/loss, train-rmse, acc@1, mAP@0.5 -> mAP@0)
        const d = j < n ? line.charCodeAt(j) : 0;
        const after = j + 1 < n ? line.charCodeAt(j + 1) : 0;
        if ((d === 46 || d === 47 || d === 45) && isLetter(after)) j += 2;
        else if (d === 64 && isAlnum(after)) j += 2;
        else break;
      }
      const text = line.slice(i, j);
      if (j - i <= 9 && /^[-+]?[nNiI]/.test(text) && NONFINITE.test(text))
        out.push({ k: 'n', s: text, v: parseNumber(text), sp });
      else if (signedWord) {
        out.push({ k: 'p', s: line[i], sp });
        i++;
        sp = false;
        continue;
      } else out.push({ k: 'w', s: text, sp });
      i = j;
      sp = false;
      continue;
    }
    out.push({ k: 'p', s: line[i], sp });
    i++;
    sp = false;
  }
  return out;
}

/** An integer token (no unit, no %, no fraction). */
export const isInt = (t: Tok | undefined) =>
  !!t && t.k === 'n' && !t.unit && !t.pct && /^\d{1,9}(?:\.0{1,6})?$/.test(t.s);
/** A punctuation token that is one of `chars`. */
export const isP = (t: Tok | undefined, chars: string) => !!t && t.k === 'p' && chars.includes(t.s);

/** A number token from position i (digits, fraction, exponent, then a % or a unit such as "ms"); `end` is past it. */
function readNumber(line: string, i: number, signed: boolean, sp: boolean): { tok: Tok; end: number } {
  const n = line.length;
  let j = i + (signed ? 1 : 0);
  while (j < n && isDigit(line.charCodeAt(j))) j++;
  // a fraction needs a digit after the point ("Step: 10..." and "Loss: 5." end with punctuation)
  if (j + 1 < n && line.charCodeAt(j) === 46 && isDigit(line.charCodeAt(j + 1))) {
    j++;
    while (j < n && isDigit(line.charCodeAt(j))) j++;
  }
  const e = line.charCodeAt(j);
  if ((e === 101 || e === 69) && j + 1 < n) {
    let k = j + 1;
    const s = line.charCodeAt(k);
    if (s === 45 || s === 43) k++;
    if (k < n && isDigit(line.charCodeAt(k))) {
      while (k < n && isDigit(line.charCodeAt(k))) k++;
      j = k;
    }
  }
  const text = line.slice(i, j);
  const tok: Tok = { k: 'n', s: text, v: +text, sp };
  if (j < n && line.charCodeAt(j) === 37) {
    tok.pct = true;
    j++;
  } else if (
    j + 1 < n &&
    line.charCodeAt(j) === 32 &&
    line.charCodeAt(j + 1) === 37 &&
    (j + 2 >= n || !isAlnum(line.charCodeAt(j + 2)))
  ) {
    // "97.12 %"
    tok.pct = true;
    j += 2;
  } else if (j < n && isLetter(line.charCodeAt(j))) {
    let k = j;
    while (k < n && isAlnum(line.charCodeAt(k))) k++;
    // "次数：1Loss:0.913": a metric's name (3 letters or more) given a value is the next name, glued on, not a unit
    if (!(k - j >= 3 && METRIC_WORD.test(line.slice(j, k).toLowerCase()) && assignsNext(line, k))) {
      // "4.1it/s", "2.3s/it", "880samples/sec": a rate glued on is the unit whole, not a unit and a name "s"/"it"
      const rate = GLUED_RATE.exec(line.slice(k, k + 12));
      if (rate) k += rate[0].length;
      tok.unit = line.slice(j, k);
      j = k;
    }
  }
  return { tok, end: j };
}

/** What a rate is per ("it/s", "s/it", "ms/batch", "samples/sec", "s/iter"): UNIT_WORD (print-values.ts) and a rate
 * glued to its number read the same ones. */
export const RATE_PER = 's|secs?|seconds?|it|iters?|steps?|batch|img|images?|samples?|examples?|tokens?|toks?';
/** The denominator of a rate glued to its number ("/s" in "4.1it/s"), never the start of a name ("3it/step_loss"). */
const GLUED_RATE = new RegExp(`^\\/(?:${RATE_PER})(?![a-z0-9_])`, 'i');

/** Does the text at `k` give a value: `:` or `=` then a number, NaN or inf (`Loss:0.91`, `acc=  0.5`, `Loss: nan`)? */
function assignsNext(line: string, k: number): boolean {
  const c = line.charCodeAt(k);
  return (c === 58 || c === 61) && VALUE_AHEAD.test(line.slice(k + 1, k + 12));
}
const VALUE_AHEAD = /^ {0,3}[-+]?(?:\d|\.\d|nan\b|inf)/i;
