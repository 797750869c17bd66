/**
 * Parse JSON and the Python literals people paste (`print(history.history)`):
 * single quotes, True/False/None, nan/inf, bare NaN/Infinity (Python's json.dump), np.float32(...) reprs,
 * tuples, trailing commas. Objects come back prototype-less, so a `__proto__` key is just a key.
 */
import { IngestError } from './errors.js';

export type Literal = number | string | boolean | null | Literal[] | LiteralObject;
export interface LiteralObject {
  [key: string]: Literal;
}

/**
 * Walk the brackets of a JSON/Python text outside strings, linear and without recursion: calls
 * onStep at each bracket and separator with the depth after it, and returns the closers still open at the end (innermost last).
 */
function scanBrackets(text: string, onStep?: (i: number, c: string, depth: number) => void): string[] {
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') open.push(c === '{' ? '}' : c === '[' ? ']' : ')');
    else if (c === '}' || c === ']' || c === ')') open.pop();
    else if (c !== ',') continue;
    onStep?.(i, c, open.length);
  }
  if (quote) open.push(quote); // an unterminated string
  return open;
}

/** Deepest bracket nesting outside strings. */
export function nestingDepth(text: string): number {
  let max = 0;
  scanBrackets(text, (_i, _c, depth) => {
    if (depth > max) max = depth;
  });
  return max;
}

export function parseLiteral(text: string, maxDepth: number): Literal {
  const depth = nestingDepth(text);
  if (depth > maxDepth) {
    throw new IngestError(
      'too_deep',
      `The JSON is nested ${depth} levels deep; training logs need a handful (the limit is ${maxDepth}). ` +
        'Send history.history as a flat {"loss": [...], "val_loss": [...]} object.',
    );
  }
  try {
    return sanitise(JSON.parse(text)) as Literal;
  } catch {
    // fall through to the tolerant parser
  }
  return new LiteralParser(text, maxDepth).parseDocument();
}

/** JSON.parse gives objects with Object.prototype; rebuild them prototype-less (depth already capped). */
function sanitise(v: unknown): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (e !== null && typeof e === 'object') v[i] = sanitise(e);
    }
    return v;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v)) {
      const e = (v as Record<string, unknown>)[k];
      out[k] = e !== null && typeof e === 'object' ? sanitise(e) : e;
    }
    return out;
  }
  return v;
}

const IDENT = /[A-Za-z_][\w.]*/y;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

class LiteralParser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): Literal {
    this.ws();
    const v = this.value(0);
    this.ws();
    if (this.i < this.s.length) {
      // tolerate trailing text only if it is whitespace/semicolons
      const rest = this.s.slice(this.i).trim();
      if (rest !== '' && rest !== ';') this.fail('unexpected text after the value');
    }
    return v;
  }

  private fail(what: string): never {
    const line = this.s.slice(0, this.i).split('\n').length;
    throw new IngestError('bad_json', `The JSON/dict could not be read: ${what} (line ${line}).`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else if (c === 35 /* # comment */) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else break;
    }
  }

  private value(depth: number): Literal {
    if (depth > this.maxDepth) this.fail('nested too deeply');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1, ']');
    if (c === '(') return this.array(depth + 1, ')');
    if (c === '"' || c === "'") return this.string();
    if (c === undefined) this.fail('the text ended early');
    NUMBER.lastIndex = this.i;
    const num = NUMBER.exec(this.s);
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    if (c === '-' || c === '+') {
      this.i++;
      const v = this.value(depth);
      if (typeof v !== 'number') this.fail('a sign before a non-number');
      return c === '-' ? -v : v;
    }
    IDENT.lastIndex = this.i;
    const id = IDENT.exec(this.s);
    if (!id) this.fail(`unexpected character ${JSON.stringify(c)}`);
    this.i += id[0].length;
    const word = id[0];
    this.ws();
    if (this.s[this.i] === '(') {
      // a call such as np.float32(0.5), tensor(0.5, device='cuda'), array([1, 2], dtype=float32)
      const args = this.array(depth + 1, ')');
      const first = args[0];
      if (typeof first === 'number' || Array.isArray(first)) return first;
      return null;
    }
    switch (word) {
      case 'true':
      case 'True':
        return true;
      case 'false':
      case 'False':
        return false;
      case 'null':
      case 'None':
      case 'undefined':
        return null;
      case 'NaN':
      case 'nan':
      case 'np.nan':
      case 'math.nan':
        return NaN;
      case 'Infinity':
      case 'inf':
      case 'np.inf':
      case 'math.inf':
        return Infinity;
    }
    this.fail(`unknown word ${JSON.stringify(word.slice(0, 30))}`);
  }

  private string(): string {
    const q = this.s[this.i++];
    let out = '';
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i++];
      if (c === q) return out;
      if (c === '\\') {
        const e = s[this.i++];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'u': {
            const hex = s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('a bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            this.i += 4;
            break;
          }
          case undefined:
            this.fail('the text ended inside a string');
            break;
          default:
            out += e;
        }
      } else out += c;
    }
    this.fail('the text ended inside a string');
  }

  private array(depth: number, close: string): Literal[] {
    if (depth > this.maxDepth) this.fail('nested too deeply');
    this.i++; // [ or (
    const out: Literal[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('the text ended inside a list');
      // keyword arguments inside calls: dtype=float32
      IDENT.lastIndex = this.i;
      const kw = close === ')' ? /^[A-Za-z_]\w*\s*=(?!=)/.exec(this.s.slice(this.i, this.i + 40)) : null;
      if (kw) {
        this.i += kw[0].length;
        this.skipValue(depth);
      } else out.push(this.value(depth));
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  private skipValue(depth: number): void {
    this.ws();
    IDENT.lastIndex = this.i;
    const id = IDENT.exec(this.s);
    if (id && this.s[this.i + id[0].length] !== '(') {
      this.i += id[0].length;
      return;
    }
    this.value(depth);
  }

  private object(depth: number): LiteralObject {
    if (depth > this.maxDepth) this.fail('nested too deeply');
    this.i++;
    const out: LiteralObject = Object.create(null);
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('the text ended inside an object');
      const k = this.value(depth);
      const key = typeof k === 'string' ? k : String(k);
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected ":" after a key');
      this.i++;
      out[key] = this.value(depth);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c !== '}') this.fail('expected "," or "}"');
    }
  }
}

export function isObject(v: Literal | undefined): v is LiteralObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Close a JSON/dict cut off mid-way (a paste over Discord's message limit, a file copied while being
 * written): drop the partial last element and append the missing closers. Undefined when the text
 * does not look cut (nothing left open).
 */
export function closeTruncated(text: string): string | undefined {
  let lastSafe = -1; // index just after the last bracket, or at the last separator
  const openAtEnd = scanBrackets(text, (i, c) => {
    lastSafe = c === ',' ? i : i + 1;
  });
  if (openAtEnd.length === 0) return undefined;
  // keep everything up to the last separator (the element after it may be partial), then close
  let end = Math.max(lastSafe, 0);
  // trim trailing separators by hand (a /[\s,:]+$/ regex is quadratic on a long run of spaces)
  while (end > 0 && /[\s,:]/.test(text[end - 1])) end--;
  let body = text.slice(0, end);
  // a dangling key without a value ("'val_loss'") inside an object cannot stay
  const lastComma = body.lastIndexOf(',');
  if (lastComma !== -1 && /^,\s*(['"])[^'"]*\1\s*$/.test(body.slice(lastComma))) body = body.slice(0, lastComma);
  const open = scanBrackets(body);
  if (open.some((c) => c === '"' || c === "'")) return undefined;
  return body + open.reverse().join('');
}
