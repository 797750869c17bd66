/**
 * Detection: which reader reads a text, from its content (never the file name). `--format` skips it and
 * asks the named reader. Otherwise the steps below run in order and the first that returns a reading
 * wins; each step is cheap to refuse. docs/ingest.md#detection-order says why the order is this one.
 */
import { IngestError, isIngestError } from './errors.js';
import type { Limits } from './limits.js';
import { commaSeparated, oddSeparator } from './formats/odd-separator.js';
import { longestMetric } from './formats/print-steps.js';
import { isDocument, makeInput, readDocument, tryGenericText, type Input, type Reading } from './input.js';
import { readerOf, SNIFFING_READERS, tableDialect } from './registry.js';
import { parseNumber, splitLines } from './text.js';
import { METRIC_PARAMS } from './names.js';
import { parseCsv } from './formats/csv.js';
import { looksLikeHfConsole, looksLikeKerasConsole, parseGenericText } from './formats/console.js';
import {
  counterAndValue,
  lossPair,
  namedColumn,
  rowsAsColumns,
  singleColumn,
  WHITESPACE,
  withoutEmptyLastCell,
  withoutTimestamps,
} from './formats/headerless.js';
import { lossAndPerplexity } from './formats/headerless-ppl.js';
import { listTable } from './formats/list-table.js';
import { epochBlocks } from './formats/epoch-blocks.js';
import { counterLines } from './formats/counter-lines.js';
import { parseGroupedTable } from './formats/grouped-table.js';
import { nonBlank, parsePlainTable } from './formats/plain-table.js';
import { sidewaysTable } from './formats/sideways.js';
import { readRlMonitor } from './formats/rl-monitor.js';
import { readSb3Console } from './formats/sb3-console.js';
import { readKvTables } from './formats/kv-tables.js';
import { readAllenNlp } from './formats/allennlp.js';
import { isHeaderLike, looksTabular, sniffDelimiter, splitCells, tableDelimiter } from './formats/table.js';
import { isNumberedSetCell } from './formats/catboost-sets.js';
import { stripPrefix } from './formats/print-words.js';

/** Characters read to detect a table at the head (a few hundred lines): the rest is parsed once, by the chosen reader. */
const HEAD_CHARS = 256 * 1024;

interface Step {
  name: string;
  /** a reading, or undefined to pass the text to the next step */
  read(input: Input): Reading | undefined;
}

/** The detection order (docs/ingest.md#detection-order). */
const STEPS: readonly Step[] = [
  {
    name: 'a JSON / Python-literal document',
    read: (input) => (isDocument(input) ? documentOrEmbedded(input) : undefined),
  },
  { name: 'a JSON string holding a document', read: quotedDocument },
  {
    // before the other tables: their readers take a table of lists for a table of numbers and find none
    name: 'a table whose cells hold whole curves',
    read: (input) => {
      // a cheap look first: only a second line holding a list is worth splitting the text for
      if (!secondLineHasList(input.text)) return undefined;
      const raw = listTable(input.lines(), input.limits, input.fileName);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    // its first line is a comment the table readers would take for a header
    name: "a reinforcement-learning Monitor file (Stable-Baselines' monitor.csv)",
    read: (input) => {
      const raw = readRlMonitor(input.text, input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    // its tables are a point each, a row per metric: the pipe-table reader would take one table for the log
    name: "Stable-Baselines3's console tables (| rollout/ |, |    ep_rew_mean | -205 |)",
    read: (input) => {
      const raw = readSb3Console(input.text, input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    // the same layout without SB3's sections: OpenAI Baselines, Spinning Up, RLCard
    name: "a logger's key | value tables (| eprewmean | 22.1 |, AverageEpRet, timestep | 53)",
    read: (input) => {
      const raw = readKvTables(input.text, input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    // its epoch tables are a row per metric, a column per split: the pipe-table reader would take one for the log
    name: "AllenNLP's epoch tables (Training |  Validation, then loss | 1.33 | 1.23)",
    read: (input) => {
      const raw = readAllenNlp(input.text, input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    // before the other tables: a row of epoch numbers reads as a headerless table, a metric's row as nothing
    name: 'a history written sideways (a row per metric, a column per epoch)',
    read: (input) => {
      const raw = sidewaysTable(input.text, input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  { name: 'a delimited table, judged on the head of the text', read: tableAtHead },
  ...SNIFFING_READERS.map((r) => ({
    name: r.name,
    read: (input: Input) => (r.sniff!(input) ? r.read(input) : undefined),
  })),
  { name: 'a pipe or whitespace-aligned table', read: plainTable },
  {
    name: 'a table in segments between bars, under labels naming their split (|--- VALID ---|--- TRAIN ---|)',
    read: (input) => {
      const raw = parseGroupedTable(input.lines(), input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  { name: 'a delimited table, judged on all lines', read: delimitedTable },
  { name: 'a table of numbers without a header', read: headerlessTable },
  {
    name: 'rows of numbers under "Epoch N" lines',
    read: (input) => {
      const raw = /^\s*(?:epoch|ep)\b/i.test(input.trimmed) ? epochBlocks(input.lines(), input.limits) : undefined;
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  {
    name: 'lines of a counter, a name and a value',
    read: (input) => {
      const raw = counterLines(input.lines(), input.limits);
      return raw ? { raw, lines: input.lines() } : undefined;
    },
  },
  { name: 'text', read: (input) => readerOf('text').read(input) },
];

/** Read the input with the reader --format named, or the one detection finds. */
export function readInput(input: Input): Reading {
  if (input.forced) return readerOf(input.forced).read(input)!; // a reader named by --format reads or throws
  try {
    for (const step of STEPS) {
      const reading = step.read(input);
      if (reading) return reading;
    }
  } catch (e) {
    // every reader refused: a table separated by a symbol none sniffs may still be one (formats/odd-separator.ts)
    if (isIngestError(e) && e.code === 'unrecognised') {
      const reading = oddlySeparated(input);
      if (reading) return reading;
    }
    throw e;
  }
  throw new IngestError('unrecognised', 'No reader took this text.'); // not reached: the text reader reads or throws
}

/** The text as a comma-separated table when one odd symbol separates its columns, read by the table readers. */
function oddlySeparated(input: Input): Reading | undefined {
  const sep = oddSeparator(input.lines());
  if (!sep) return undefined;
  const table = makeInput(commaSeparated(input.lines(), sep), input.limits, undefined);
  let reading: Reading | undefined;
  try {
    reading = delimitedTable(table) ?? headerlessTable(table);
  } catch (e) {
    if (isIngestError(e) && e.code === 'unrecognised') return undefined;
    throw e;
  }
  // a list of settings (`lr : 0.001`, `model : resnet18`) splits alike too: the table must name a metric
  if (!reading || longestMetric(reading.raw.runs) === 0) return undefined;
  reading.raw.warnings.unshift({
    code: 'odd_separator',
    message: `The columns are separated by "${sep.trim()}": the text is read as a table with that separator.`,
  });
  return reading;
}

/**
 * A document with no metric lists that stores a file's text as a string (`{"results_csv": {"content":
 * "epoch,train/box_loss,...\n1,..."}}`: an API or notebook dump): that text is read as the upload it was, the
 * longest such string at most EMBEDDED_DEPTH levels down. Otherwise the document's own refusal stands.
 */
function documentOrEmbedded(input: Input): Reading | undefined {
  let own: Reading | undefined;
  try {
    own = readDocument(input, false);
    if (!own || hasValues(own)) return own;
  } catch (e) {
    if (!isIngestError(e) || e.code !== 'no_series') throw e;
    const stored = storedReading(input);
    if (!stored) throw e;
    return stored;
  }
  return storedReading(input) ?? own;
}

/** The document's stored text read as an upload, with a warning that says where it was; undefined when none reads. */
function storedReading(input: Input): Reading | undefined {
  const found = embeddedText(input.trimmed);
  if (!found) return undefined;
  let reading: Reading;
  try {
    reading = readInput(makeInput(found.text, input.limits, undefined));
  } catch {
    return undefined;
  }
  if (!hasValues(reading)) return undefined;
  reading.raw.warnings.unshift({
    code: 'embedded_text',
    message: `The JSON holds no metric lists; the text stored under "${found.path}" was read instead (a file saved as a string).`,
  });
  return reading;
}

/** Does a reading hold at least one number (a document of records may hold only text)? */
function hasValues(r: Reading): boolean {
  return r.raw.runs.some((run) => run.columns.some((c) => c.y.some(Number.isFinite)));
}

/** How deep a stored text is looked for, and how many lines it needs to be a file's. Ours. */
const EMBEDDED_DEPTH = 4;
const EMBEDDED_MIN_LINES = 3;

/** The longest string of at least EMBEDDED_MIN_LINES lines in a JSON document, and where it sits. */
function embeddedText(json: string): { text: string; path: string } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  let best: { text: string; path: string } | undefined;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      if (v.length > (best?.text.length ?? 0) && v.split('\n', EMBEDDED_MIN_LINES).length >= EMBEDDED_MIN_LINES)
        best = { text: v, path };
      return;
    }
    if (depth >= EMBEDDED_DEPTH || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(doc, '', 0);
  return best;
}

/**
 * `json.dump(str(history.history), f)`: the file is one JSON string whose text is the printed dict. The
 * string is decoded and read as the document it holds.
 */
function quotedDocument(input: Input): Reading | undefined {
  const t = input.trimmed.trimEnd();
  if (input.first !== '"' || t.length < 2 || !t.endsWith('"')) return undefined;
  let inner: unknown;
  try {
    inner = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (typeof inner !== 'string') return undefined;
  const doc = makeInput(inner, input.limits, undefined);
  return isDocument(doc) ? readDocument(doc, false) : undefined;
}

/** Does the second non-empty line (lines as splitLines cuts them, within the head) hold a `[`? Scans no further. */
function secondLineHasList(text: string): boolean {
  let seen = 0;
  for (let start = 0; start < text.length && start < HEAD_CHARS;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, Math.min(end, HEAD_CHARS));
    if (line.trim() !== '' && ++seen === 2) return line.includes('[');
    start = end + 1;
  }
  return false;
}

/** Detection reads the head; only non-table formats need the whole text as lines. */
function tableAtHead(input: Input): Reading | undefined {
  const { text, limits } = input;
  const head = splitLines(text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text);
  if (text.length > HEAD_CHARS) head.pop(); // the last head line may be cut
  const delim = tableDelimiter(head);
  if (!delim || !headerNamesColumns(head, delim) || looksLikeKerasConsole(head) || looksLikeHfConsole(head))
    return undefined;
  return { raw: parseCsv(text, delim, limits, tableDialect) };
}

/** The share of a text's non-blank lines an aligned table's rows make up, below which the printed lines may be the log. */
const TABLE_COVER = 0.5;

/** A logger's prefix on this share of the non-blank lines or more ("[2021/08/30 00:30:55] - " before each row of a
 * printed table) is the log's, not the table's: the table is read behind it. Ours. */
const PREFIXED_SHARE = 0.8;

/**
 * The lines without their logger prefix (print-words.ts stripPrefix), when nearly every non-blank line carries one
 * that holds a date or a time (a level word alone, or "Errors" read as one, is no prefix of a logger's).
 */
function unprefixed(lines: string[]): string[] | undefined {
  const stripped = lines.map(stripPrefix);
  let filled = 0;
  let prefixed = 0;
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    filled++;
    if (stripped[i] !== l && /\d/.test(l.slice(0, l.length - stripped[i].length))) prefixed++;
  });
  return filled > 0 && prefixed >= PREFIXED_SHARE * filled ? stripped : undefined;
}

/** A Markdown pipe table or a whitespace-aligned console table (fastai's fit output), or one a logger printed behind
 * its prefix: that one only when its rows are most of the text (a small table above printed epochs is no log). */
function plainTable(input: Input): Reading | undefined {
  let lines = input.lines();
  let raw = parsePlainTable(lines, input.limits, tableDialect);
  if (!raw) {
    const behind = unprefixed(lines);
    raw = behind && parsePlainTable(behind, input.limits, tableDialect);
    if (!raw || raw.rows < TABLE_COVER * nonBlank(behind!)) return undefined;
    lines = behind!;
  }
  // a printed log of epochs that ends with a small results table (a row per strategy or model, no epoch or step
  // column): the printed lines hold more rows than the table, and they are the log. A table that counts epochs or
  // steps is a history, however much is printed around it (iteration prints before a per-epoch summary).
  const counted = raw.runs.some((r) => r.xAxis === 'step' || r.epochNumbering !== 'position');
  if (!counted && raw.rows < TABLE_COVER * nonBlank(lines)) {
    const printed = tryGenericText(lines, input.limits);
    if (printed && printed.rows > raw.rows) return { raw: printed, lines };
  }
  return { raw, lines };
}

function delimitedTable(input: Input): Reading | undefined {
  const lines = input.lines();
  const delim = tableDelimiter(lines);
  if (!delim || !headerNamesColumns(lines, delim)) return undefined;
  return { raw: parseCsv(input.text, delim, input.limits, tableDialect), lines };
}

/** Numbers without a header: the generic text reader may still read them, else say what is missing. */
function headerlessTable(input: Input): Reading | undefined {
  const delim = sniffDelimiter(input.lines());
  // a first column of dates and times (when each row was written) is no metric: the table is what follows it
  const stamped = delim ? withoutTimestamps(input.lines(), delim) : undefined;
  if (!stamped) return headerlessRows(input.lines(), delim, input.limits);
  const raw = headerlessRows(stamped, sniffDelimiter(stamped), input.limits)?.raw;
  if (!raw) return undefined;
  // the headerless readers count columns from the stamp's right: say so where they name "its first column"
  for (const w of raw.warnings)
    w.message = w.message.replace(/\bits first column\b/g, 'its first column after the date');
  raw.warnings.unshift({
    code: 'timestamps_ignored',
    message:
      'Every row starts with a date (when it was written): that stamp is left out, and the columns after it are read.',
  });
  return { raw, lines: input.lines() };
}

function headerlessRows(input: string[], delim: string | undefined, limits: Limits): Reading | undefined {
  const lines = delim ? withoutEmptyLastCell(input, delim) : input;
  if (!delim) {
    // one number per line, or numpy.savetxt's default: a counter and a value separated by spaces
    const raw =
      singleColumn(lines, limits) ??
      namedColumn(lines, limits) ??
      counterAndValue(lines, WHITESPACE, limits) ??
      lossPair(lines, WHITESPACE, limits);
    return raw ? { raw, lines } : undefined;
  }
  const cells = splitCells(firstLine(lines), delim);
  if (cells.length < 2 || !cells.every((c) => c.trim() === '' || /^[-+.\deE]+$|^nan$|^inf$/i.test(c.trim())))
    return undefined;
  try {
    return { raw: parseGenericText(lines, limits), lines };
  } catch {
    const pair =
      counterAndValue(lines, delim, limits) ??
      lossAndPerplexity(lines, delim, limits) ??
      lossPair(lines, delim, limits) ??
      rowsAsColumns(lines, delim, limits);
    if (pair) return { raw: pair, lines };
    throw new IngestError(
      'unrecognised',
      'This table has no header row, so its columns cannot be named. Add a header such as "epoch,loss,val_loss" ' +
        '(Keras CSVLogger writes one; a CSVLogger with append=True only writes it for the first run).',
    );
  }
}

function firstLine(lines: string[]): string {
  return lines.find((l) => l.trim() !== '') ?? '';
}

/** The first line names columns (not a printed "name value name value" line) and the rows below are mostly numbers. */
function headerNamesColumns(lines: string[], delim: string): boolean {
  const cells = splitCells(firstLine(lines), delim);
  // (CatBoost's numbered evaluation sets, `CrossEntropy:0` beside `CrossEntropy`, are columns: catboost-sets.ts)
  const assigns = cells.some((c) => assignsValue(c) && !isNumberedSetCell(c, cells));
  return isHeaderLike(cells) && !nameValueRow(cells) && !assigns && looksTabular(lines, delim);
}

/** "Epoch 1: loss = 0.91": a cell that ends by assigning a number is a printed line's, not a column's name (a
 * CatBoost metric's parameters are its name's: `Quantile:alpha=0.5`). */
function assignsValue(cell: string): boolean {
  if (METRIC_PARAMS.test(cell.trim())) return false;
  return /[A-Za-z)\]]\s{0,4}[:=]\s{0,4}[-+]?(?:\d{1,20}\.?\d{0,20}|\.\d{1,20})(?:e[-+]?\d{1,3})?\s*$/i.test(cell);
}

/** "Epoch<TAB>3<TAB>Train_Loss<TAB>0.41<TAB>...": names each followed by its value are a printed line, not a header */
function nameValueRow(cells: string[]): boolean {
  const c = cells.map((x) => x.trim()).filter((x) => x !== '');
  if (c.length < 4 || c.length % 2 !== 0) return false;
  for (let i = 0; i < c.length; i += 2) {
    if (!/^[A-Za-z]/.test(c[i]) || parseNumber(c[i + 1]) === undefined) return false;
  }
  return true;
}
