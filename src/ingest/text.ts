/**
 * Bytes -> clean text, and the number spellings every log library uses.
 */
import { IngestError, ACCEPTED_FORMATS_HINT } from './errors.js';
import { formatBytes, type Limits } from './limits.js';

/** Magic numbers of files people attach by mistake, with what to tell them. */
const MAGIC: { bytes: number[]; offset?: number; what: string }[] = [
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or an .xlsx/.docx/.ipynb zip); export the sheet as CSV' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive; decompress it first' },
  { bytes: [0x89, 0x48, 0x44, 0x46], what: 'an HDF5 file (a saved Keras model .h5, not its history)' },
  { bytes: [0x80], what: 'a Python pickle; load it and json.dump(history) instead' },
  { bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], what: 'a NumPy .npy file; save history as JSON instead' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF (WebP/WAV/AVI) file' },
];

function startsWith(buf: Uint8Array, bytes: number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[offset + i] !== bytes[i]) return false;
  return true;
}

/** TensorBoard event files start with a TFRecord header; the first record is the file_version event. */
function looksLikeTfEvents(buf: Uint8Array): boolean {
  if (buf.length < 24) return false;
  const head = Buffer.from(buf.subarray(12, Math.min(buf.length, 64))).toString('latin1');
  return head.includes('brain.Event:');
}

/**
 * Decode bytes to a string, refusing binaries with a specific message.
 * Handles UTF-8 (with or without BOM) and UTF-16 with BOM (PowerShell's `>` writes UTF-16LE).
 */
export function decodeInput(input: Uint8Array | string, limits: Limits): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > limits.maxBytes) {
    throw new IngestError(
      'too_large',
      `The log is ${formatBytes(size)}, over the ${formatBytes(limits.maxBytes)} limit. ` +
        'Trim it to the epochs you care about (or export per-epoch metrics instead of per-step ones).',
    );
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (looksLikeTfEvents(input)) {
      throw new IngestError(
        'binary',
        'This is a TensorBoard event file (binary). In TensorBoard, open the scalar and use "Download CSV" or ' +
          '"Download JSON", then send that file.',
      );
    }
    for (const m of MAGIC) {
      if (startsWith(input, m.bytes, m.offset)) {
        throw new IngestError('binary', `This file is ${m.what}, not a training log. ${ACCEPTED_FORMATS_HINT}`);
      }
    }
    if (startsWith(input, [0xff, 0xfe])) text = Buffer.from(input.subarray(2)).toString('utf16le');
    else if (startsWith(input, [0xfe, 0xff])) {
      // UTF-16BE: swap to LE (an odd trailing byte, a cut-off file, is dropped: swap16 needs pairs)
      const swapped = Buffer.from(input.subarray(2, 2 + ((input.length - 2) & ~1)));
      swapped.swap16();
      text = swapped.toString('utf16le');
    } else text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) {
    throw new IngestError('empty', `The log is empty. ${ACCEPTED_FORMATS_HINT}`);
  }
  // Binary sniff: NULs or many control characters / replacement characters in the first 64 KiB.
  const sample = text.slice(0, 65536);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) {
      bad += 50;
    } else if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 8 && c !== 27)) bad++;
  }
  // Redraw noise is \b and ESC (allowed above); more than 10% other control bytes is not a text log.
  if (bad > Math.max(8, sample.length * 0.1)) {
    throw new IngestError('binary', `This looks like a binary file, not a text training log. ${ACCEPTED_FORMATS_HINT}`);
  }
  return text;
}

/** A date and its time as loggers stamp them (`2025-03-14 09:12:07,398`, `[2025-03-14T09:12:07.123Z]`,
 * `2025/03/14 09:12:07`), unanchored: print-words.ts strips it as a line's prefix, table.ts takes it for a cell. */
export const DATE_TIME_SOURCE = String.raw`[[(]?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T_]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?[\])]?`;

/** Split into lines: `\r\r\n` and `\r\n` are newlines; a bare `\r` is a console redraw and stays. */
export function splitLines(text: string): string[] {
  // split first, then trim trailing \r from each line: a regex replace over the whole text would copy it
  // (measured: +110 MB peak on a 20 MB, 1M-line file)
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) {
      let e = l.length - 1;
      while (e > 0 && l.charCodeAt(e - 1) === 13) e--;
      lines[i] = l.slice(0, e);
    }
  }
  return lines;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Every segment of a redraw line with content, in order (the final epoch line is sometimes not the last segment). */
export function redrawSegments(line: string): string[] {
  let s = line;
  if (s.includes('\x1b')) s = s.replace(ANSI, '');
  if (s.includes('\b')) s = s.replace(/\x08+/g, '');
  return s.split('\r').filter((p) => p.trim() !== '');
}

/** What a terminal would finally show for one physical line: its last redraw segment with content, no escapes. */
export function terminalView(line: string): string {
  const segs = redrawSegments(line);
  return segs[segs.length - 1] ?? '';
}

/** Cells that mean "no value here" (as opposed to a real NaN the run produced). */
const MISSING = new Set(['', 'na', 'n/a', 'none', 'null', 'nil', 'undefined', '-', '--']);

/**
 * Parse one cell. Returns:
 *  - a finite number, NaN, +Infinity or -Infinity for values (NaN/inf are real training outcomes),
 *  - undefined for missing cells (NA, None, empty) and for text that is not a number.
 */
export function parseNumber(raw: string): number | undefined {
  // fast path: plain decimal
  const direct = +raw;
  if (raw !== '' && direct === direct && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32) {
    return direct;
  }
  let s = raw.trim();
  if (s === '') return undefined;
  if (s.length > 1 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1).trim();
  const lower = s.toLowerCase();
  if (MISSING.has(lower)) return undefined;
  const n = +s;
  if (n === n && s !== '') return n;
  switch (lower) {
    case 'nan':
    case '-nan':
    case '+nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  // np.float32(0.5), np.float64(nan), tensor(0.5), tensor(0.5, device='cuda:0'), array(0.5, dtype=float32), and
  // TensorFlow's scalar as str() prints it, tf.Tensor(0.5, shape=(), dtype=float32) (a history of tensors saved
  // through pandas), or as repr() does, <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
  // (the capture excludes whitespace so it cannot trade characters with \s*; the tail's empty `()` is literal: linear)
  const wrapped =
    s.length > 200
      ? null
      : (/^(?:np\.|numpy\.|tf\.|torch\.)?(?:float(?:16|32|64)?|tensor|array|Decimal)\(\s*'?([^,')\s]+)'?\s*(?:,[^()]*(?:\(\)[^()]*)*)?\)$/i.exec(
          s,
        ) ?? /^<tf\.Tensor: shape=\(\), dtype=\w{1,10}, numpy=([^\s>]{1,40})>$/.exec(s));
  if (wrapped) return parseNumber(wrapped[1]);
  // 45.2% (fastai/Ultralytics prints, hand-made tables)
  if (lower.endsWith('%')) {
    const p = +s.slice(0, -1);
    if (p === p) return p / 100;
  }
  return undefined;
}

/** "0,6931" (a spreadsheet's decimal comma; only possible where the separator is not a comma) */
const DECIMAL_COMMA = /^\s*[-+]?\d+,\d+(?:[eE][-+]?\d+)?\s*$/;

/** parseNumber, also reading a decimal comma (for tables whose cells are not comma-separated) */
export function parseDecimalComma(raw: string): number | undefined {
  const v = parseNumber(raw);
  if (v !== undefined || raw.length > 64 || !DECIMAL_COMMA.test(raw)) return v;
  return +raw.trim().replace(',', '.');
}
