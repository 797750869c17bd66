/**
 * Getting a user's file safely: refuse by declared size and type before downloading, download only
 * from Discord's CDN, stream with a byte cap and a timeout, and sniff the first bytes so a photo
 * renamed to .csv gets a clear answer instead of a parser error.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { formatBytes } from '../util/format.js';
import { ACCEPTED_FORMATS_HINT } from '../ingest/errors.js';
import { UserError } from './errors.js';
import { line, span } from './text.js';

export interface AttachmentInfo {
  name: string;
  size: number;
  url: string;
  contentType?: string | null;
}

export interface DownloadLimits {
  /** our cap (MAX_FILE_BYTES) */
  maxBytes: number;
  /** the interaction's attachment_size_limit, when Discord sent one */
  interactionLimit?: number | null;
  timeoutMs: number;
  allowedHosts: string[];
}

const BINARY_EXT =
  /\.(png|jpe?g|gif|webp|bmp|tiff?|heic|svg|mp4|mov|webm|mkv|mp3|wav|ogg|zip|gz|tgz|tar|7z|rar|bz2|xz|pdf|h5|hdf5|keras|pt|pth|ckpt|pb|onnx|tflite|npy|npz|pkl|pickle|joblib|xlsx?|docx?|pptx?|ipynb_checkpoints|exe|bin)$/i;
const REFUSED_TYPES =
  /^(image|video|audio|font)\/|^application\/(zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar|pdf|vnd\.|x-hdf|octet-stream-binary)/i;

const ACCEPTED =
  'Send the training log as text: a Keras `history` JSON, a CSVLogger `.csv`, a `model.fit` console `.log`/`.txt`, Lightning `metrics.csv`, a Hugging Face `trainer_state.json`, or a TensorBoard CSV/JSON export.';

function isTfEvents(name: string): boolean {
  return /tfevents/i.test(name);
}

/** Refuse before downloading: size (ours and Discord's per-interaction limit) and obvious non-logs. */
export function checkAttachment(a: AttachmentInfo, l: DownloadLimits): void {
  const cap = Math.min(l.maxBytes, l.interactionLimit && l.interactionLimit > 0 ? l.interactionLimit : Infinity);
  if (a.size > cap) {
    throw new UserError(
      `\`${safeName(a.name)}\` is ${formatBytes(a.size)}; the limit is ${formatBytes(cap)}. Trim it (e.g. keep the per-epoch lines) or export only the metrics.`,
      'too_large',
    );
  }
  if (a.size === 0) throw new UserError(`\`${safeName(a.name)}\` is empty.`, 'empty');
  if (isTfEvents(a.name)) {
    throw new UserError(
      'That is a TensorBoard event file (binary). In TensorBoard, open the Scalars tab and download the run as CSV or JSON, then send that.',
      'tfevents',
    );
  }
  if (BINARY_EXT.test(a.name) || (a.contentType && REFUSED_TYPES.test(a.contentType))) {
    throw new UserError(
      `\`${safeName(a.name)}\` doesn't look like a training log (${a.contentType ? line(a.contentType, 60) : 'binary file'}). ${ACCEPTED}`,
      'wrong_type',
    );
  }
}

/** Download with a byte cap and a timeout; only from the allowed hosts. */
export async function download(a: AttachmentInfo, l: DownloadLimits): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(a.url);
  } catch {
    throw new UserError('That attachment has no usable link. Try uploading it again.', 'bad_url');
  }
  if (!l.allowedHosts.includes(url.hostname.toLowerCase()) || !/^https?:$/.test(url.protocol)) {
    throw new UserError('That attachment does not come from Discord, so it was not downloaded.', 'bad_host');
  }
  const cap = Math.min(l.maxBytes, l.interactionLimit && l.interactionLimit > 0 ? l.interactionLimit : Infinity);
  const name = safeName(a.name);
  // node:http(s) rather than fetch: no web-stream overhead on the event loop (measured in bench/bot)
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const finish = (err: UserError | null, data?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(data!);
    };
    const timer = setTimeout(
      () =>
        finish(
          new UserError(
            `Downloading \`${name}\` took longer than ${Math.round(l.timeoutMs / 1000)} s. Try again in a moment.`,
            'download_timeout',
          ),
        ),
      l.timeoutMs,
    );
    const req = (url.protocol === 'https:' ? httpsGet : httpGet)(
      url,
      { headers: { 'user-agent': 'curve-triage-bot' } },
      (res) => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
          res.resume();
          return finish(
            new UserError(
              `Discord did not hand over \`${name}\` (HTTP ${res.statusCode}). Try uploading it again.`,
              'download_failed',
            ),
          );
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > cap)
          return finish(
            new UserError(`\`${name}\` is ${formatBytes(declared)}; the limit is ${formatBytes(cap)}.`, 'too_large'),
          );
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (c: Buffer) => {
          total += c.length;
          if (total > cap) return finish(new UserError(`\`${name}\` is larger than ${formatBytes(cap)}.`, 'too_large'));
          chunks.push(c);
        });
        res.on('end', () => finish(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)));
        res.on('error', () =>
          finish(new UserError(`Could not download \`${name}\`. Try uploading it again.`, 'download_failed')),
        );
      },
    );
    req.on('error', () =>
      finish(new UserError(`Could not download \`${name}\`. Try uploading it again.`, 'download_failed')),
    );
  });
}

const MAGIC: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
  ['an HDF5 file (saved weights?)', [0x89, 0x48, 0x44, 0x46]],
  ['a NumPy array', [0x93, 0x4e, 0x55, 0x4d]],
  ['a RIFF media file', [0x52, 0x49, 0x46, 0x46]],
  ['a Python pickle', [0x80, 0x04]],
  ['a Python pickle', [0x80, 0x05]],
];

/** Look at the first bytes: known binary formats and NUL-heavy content are refused with a reason. */
export function sniff(bytes: Uint8Array, name: string): void {
  for (const [what, sig] of MAGIC) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) {
      throw new UserError(`\`${safeName(name)}\` is ${what}, not a training log. ${ACCEPTED}`, 'wrong_type');
    }
  }
  const n = Math.min(bytes.length, 4096);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  // UTF-16 text has NULs in every other byte and a BOM; let ingest decode it
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && nul > 0) {
    throw new UserError(
      `\`${safeName(name)}\` looks binary, not a text training log. ${isTfEvents(name) ? 'Export TensorBoard scalars as CSV/JSON.' : ACCEPTED}`,
      'wrong_type',
    );
  }
}

/**
 * Text pasted in a message: the contents of its code blocks when it has any (people paste logs in
 * ``` fences), otherwise the whole message.
 */
export function extractPasted(content: string): string {
  // a first line that is one bare word (```csv, ```python) is a language tag; `epoch,loss` is data
  const blocks = [...content.matchAll(/```(?:[A-Za-z0-9_+-]{0,20}\n)?([\s\S]*?)```/g)].map((m) => m[1]);
  const text = blocks.length ? blocks.join('\n') : content;
  return text.trim();
}

/** A file name to show inside `code` (text.ts `span`: one line, no backticks, bounded). */
export function safeName(name: string): string {
  return span(name || 'file', 80);
}

export { ACCEPTED, ACCEPTED_FORMATS_HINT };
