/**
 * What a reader is and what it is given: the Reader contract every format module in readers/ fulfils,
 * the Input (the decoded text, with the line views detection shares, computed once), and the reading
 * steps several readers share: a JSON / Python-literal document, and a delimited table read as a
 * named format. See docs/ingest.md#readers.
 */
import { isIngestError, lineTooLong } from './errors.js';
import type { Limits } from './limits.js';
import { closeTruncated, parseLiteral } from './literal.js';
import type { Format, RawLog } from './schema.js';
import { splitLines } from './text.js';
import { interpretStructured } from './formats/json.js';
import { parseCsv } from './formats/csv.js';
import { sniffDelimiter } from './formats/table.js';
import { looksLikeHfConsole, looksLikeKerasConsole, parseGenericText, parseHfConsole } from './formats/console.js';

/** A reading: the raw log, and the lines it was read from when the reader split the text into lines. */
export interface Reading {
  raw: RawLog;
  lines?: string[];
}

/** One log format. The registry (registry.ts) lists them; docs/ingest.md#adding-a-format says how to add one. */
export interface Reader {
  /** the name TrainingLog.format carries, `formats` lists and `--format` accepts */
  name: Format;
  /** other names `--format` accepts for it */
  aliases: readonly string[];
  /** one line: which library writes it, and how */
  about: string;
  /**
   * Detection's cheap content test (console-like formats): when it says yes, read() is tried. Readers
   * without one are found through a shape they share (a JSON document, a table).
   */
  sniff?(input: Input): boolean;
  /** Table dialects: does this header (trimmed cells) name this dialect? Asked in registry order. */
  header?(header: string[], firstLine: string): boolean;
  /** Read the input as this format (after `--format NAME`, or after sniff said yes); undefined: not this format after all. */
  read(input: Input): Reading | undefined;
}

export interface Input {
  text: string;
  limits: Limits;
  /** the text without leading whitespace, and its first character ('{' or '[' starts a document) */
  trimmed: string;
  first: string | undefined;
  /** the format `--format` named, if any */
  forced: Format | undefined;
  /** the name the file was sent under, if any: it may name what an unnamed curve is (list-table.ts) */
  fileName?: string;
  /**
   * The text's lines for line readers: trailing blank lines dropped, and every line checked against
   * limits.maxLineLength (IngestError 'line_too_long'). Split on first use, then shared.
   */
  lines(): string[];
}

export function makeInput(text: string, limits: Limits, forced: Format | undefined, fileName?: string): Input {
  const trimmed = text.trimStart();
  let lines: string[] | undefined;
  return {
    text,
    limits,
    trimmed,
    first: trimmed[0],
    forced,
    ...(fileName !== undefined ? { fileName } : {}),
    lines() {
      if (!lines) {
        lines = splitLines(text);
        while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
        checkLineLengths(lines, limits);
      }
      return lines;
    },
  };
}

function checkLineLengths(lines: string[], limits: Limits): void {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > limits.maxLineLength) {
      throw lineTooLong(
        i + 1,
        lines[i].length,
        limits.maxLineLength,
        'Is this really a text log? Console captures should have one line per epoch or progress update.',
      );
    }
  }
}

/** Does the text start like a JSON / Python-literal document? */
export function isDocument(input: Input): boolean {
  return input.first === '{' || input.first === '[';
}

/** A bracketed word at the head of a text ("[LightGBM]", "[INFO]", "[W 2024..."): a log's tag, where a list would
 * hold a quoted string, a number or a literal word (true, None, nan, ...); or a bracketed time ("[    640s]",
 * "[0.4 sec]", "[1m 20s]", "[12:00:01]", "[2024-05-01 10:00:01]", "[2021/08/30 00:30:55]", and so a counter
 * "[12/50]"): a number with a unit, a clock or a date, which no list holds; or a status mark ("[*] Loading
 * checkpoints...", "[+] done", "[!] warning"): one sign alone, no value */
const BRACKET_TAG =
  /^\[\s*(?:(?!(?:true|false|null|none|nan|inf|infinity)\b)[a-z_][\w.-]*(?:\s[^\]\n]*)?|\d+(?:\.\d+)?\s?(?:ms|s|secs?|mins?|m|h)(?:\s?\d+(?:\.\d+)?\s?(?:s|secs?))?|\d{1,4}[:/-]\d{2}[^\]\n]*|[*+!#~>-])\]/i;

/**
 * A JSON / Python-literal document: Keras history, trainer_state.json, a TensorBoard JSON export (the
 * content decides which). A document cut off mid-way is closed and read up to its last complete value.
 * When it does not parse: printed Hugging Face log dicts, JSON lines, or (bracket first) printed epoch
 * lines are tried; otherwise the JSON error is thrown, or (`forced` false) undefined lets detection go on, as it
 * does for a bracketed tag at the head (BRACKET_TAG) in any case.
 */
export function readDocument(input: Input, forced: boolean): Reading | undefined {
  const { text, trimmed, first, limits } = input;
  try {
    return { raw: parseDocument(trimmed, limits) };
  } catch (e) {
    // JSON lines ({"epoch": 1, ...} per line) and text that merely starts with a brace fall through
    if (isIngestError(e) && e.code === 'too_deep') throw e;
    const lines = splitLines(text);
    // printed Hugging Face log dicts ({'loss': ..., 'epoch': 0.5} per line) carry no step: number them
    if (looksLikeHfConsole(lines)) {
      const recs = parseHfConsole(lines, limits);
      if (recs.length > 0) return { raw: interpretStructured(recs), lines };
    }
    if (forced) throw e;
    const jsonl = tryJsonLines(lines, limits);
    if (jsonl) return { raw: jsonl, lines };
    // a printed log that starts with a list or dict on its first line (a vocabulary, a config): its first line is a
    // whole literal and text follows; the other readers take it from here
    if (printedBeforeLog(lines, limits)) return undefined;
    if (first === '[' || (isIngestError(e) && e.code === 'no_series')) {
      if (!looksLikeKerasConsole(lines) && !looksLikeHfConsole(lines)) {
        // "[Epoch 1/6] Train Loss: 0.69 | Val Loss: 0.68" starts with a bracket too: read it as text
        // when it has epoch lines with metrics, else the JSON error is the useful one
        const printed = first === '[' ? tryGenericText(lines, limits) : undefined;
        if (printed) return { raw: printed, lines };
        // "[LightGBM] [Info] ...", "[INFO] start": a bracketed word heads a log, it opens no list: the other readers
        if (first === '[' && BRACKET_TAG.test(trimmed)) return undefined;
        throw e;
      }
    }
    return undefined;
  }
}

function parseDocument(trimmed: string, limits: Limits): RawLog {
  let value;
  let repaired = false;
  try {
    value = parseLiteral(trimmed, limits.maxDepth);
  } catch (e) {
    // a JSON/dict cut off mid-way (a paste over the message limit): close it and read what is there
    const closed = isIngestError(e) && e.code === 'bad_json' ? closeTruncated(trimmed) : undefined;
    if (closed === undefined) throw e;
    value = parseLiteral(closed, limits.maxDepth);
    repaired = true;
  }
  const raw = interpretStructured(value, { truncated: repaired });
  if (repaired) {
    raw.warnings.push({
      code: 'truncated_input',
      message: 'The JSON/dict was cut off; read it up to its last complete value (lists may be one value short).',
    });
  }
  return raw;
}

export function tryGenericText(lines: string[], limits: Limits): RawLog | undefined {
  try {
    const raw = parseGenericText(lines, limits);
    return raw.runs.some((r) => r.columns.some((c) => c.y.length >= 2)) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** Lines after a first line that is a whole literal, for the text to be a log printed after it. Ours. */
const PRINTED_AFTER_MIN_LINES = 5;

/** Does the text print a complete literal on its first line, then at least PRINTED_AFTER_MIN_LINES other lines? */
function printedBeforeLog(lines: string[], limits: Limits): boolean {
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  if (rest.length < PRINTED_AFTER_MIN_LINES || lines[0].length > limits.maxLineLength) return false;
  try {
    parseLiteral(lines[0].trim(), limits.maxDepth);
    return true;
  } catch {
    return false;
  }
}

function tryJsonLines(lines: string[], limits: Limits): RawLog | undefined {
  const recs = [];
  for (const l of lines) {
    const t = l.trim();
    if (t === '') continue;
    if (t[0] !== '{') return undefined;
    try {
      const v = parseLiteral(t, limits.maxDepth);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      recs.push(v);
    } catch {
      return undefined;
    }
  }
  if (recs.length < 1) return undefined;
  return interpretStructured(recs);
}

/** `--format` named a table dialect: read the text as a table of that dialect (',' when no delimiter is found). */
export function readTableAs(input: Input, format: Format): Reading {
  const lines = input.lines();
  const delim = sniffDelimiter(lines) ?? ',';
  return { raw: parseCsv(input.text, delim, input.limits, format), lines };
}
