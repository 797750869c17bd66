/**
 * The reader registry: every log format ingest knows, one module each in readers/, listed once here.
 * The list's order is the order detection asks the readers (docs/ingest.md#detection-order): console
 * readers' sniff tests in this order, and a table's header against the table dialects in this order
 * (the first that claims it wins, `csv` takes the rest). `--format NAME` and its aliases, the
 * `formats` listing (FORMATS order, the JSON contract's) and the aliases table all come from here.
 */
import { IngestError } from './errors.js';
import type { Reader } from './input.js';
import { FORMATS, type Format } from './schema.js';
import { csv } from './readers/csv.js';
import { fastaiCsv } from './readers/fastai-csv.js';
import { hfTrainerState } from './readers/hf-trainer-state.js';
import { kerasCsv } from './readers/keras-csv.js';
import { kerasHistoryJson } from './readers/keras-history-json.js';
import { kerasStdout } from './readers/keras-stdout.js';
import { lightningCsv } from './readers/lightning-csv.js';
import { tensorboardCsv } from './readers/tensorboard-csv.js';
import { tensorboardJson } from './readers/tensorboard-json.js';
import { text } from './readers/text.js';
import { ultralyticsCsv } from './readers/ultralytics-csv.js';

/** Every reader, in detection order. */
export const READERS: readonly Reader[] = [
  // table dialects: a header is asked against these in this order
  tensorboardCsv,
  ultralyticsCsv,
  fastaiCsv,
  lightningCsv,
  kerasHistoryJson,
  kerasCsv,
  csv,
  // console formats: sniffed in this order, after a table at the head of the text (ultralyticsCsv above
  // sniffs too, first: YOLO's headerless results.txt)
  kerasStdout,
  hfTrainerState,
  // found by their content alone (a document) or by name
  tensorboardJson,
  // the last resort
  text,
];

const BY_NAME = new Map<string, Reader>(READERS.map((r) => [r.name, r]));

/** The reader of a format (every Format has one: test/ingest/registry.test.ts holds the two lists equal). */
export function readerOf(format: Format): Reader {
  const r = BY_NAME.get(format);
  if (!r) throw new Error(`no reader for format ${format}`);
  return r;
}

/** Names people type for --format, in the `formats` listing's order. */
export const FORMAT_ALIASES: Record<string, Format> = Object.fromEntries(
  FORMATS.flatMap((f) => readerOf(f).aliases.map((a) => [a, f])),
);

export function resolveFormat(name: string): Format {
  const n = name.trim().toLowerCase();
  if (BY_NAME.has(n)) return n as Format;
  const alias = Object.hasOwn(FORMAT_ALIASES, n) ? FORMAT_ALIASES[n] : undefined;
  if (alias) return alias;
  throw new IngestError(
    'bad_format_override',
    `Unknown format "${name.slice(0, 40)}". Use one of: ${FORMATS.join(', ')} (aliases: ${Object.keys(FORMAT_ALIASES).join(', ')}).`,
  );
}

/** The dialect a table's header names: the first table reader whose header test claims it. */
export function tableDialect(header: string[], firstLine: string): Format {
  for (const r of READERS) if (r.header?.(header, firstLine)) return r.name;
  return 'csv';
}

/** The console readers, in detection order. */
export const SNIFFING_READERS: readonly Reader[] = READERS.filter((r) => r.sniff);
