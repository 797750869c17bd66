/**
 * QUEUE_KEY: what a job carries through Redis is sealed (AES-256-GCM) by the process that sends it and
 * opened by the one that reads it. Job data holds what people sent (with TRIAGE_REMOTE the log itself;
 * a training config; the reply's interaction token) and results hold what came of it; Redis keeps both
 * in memory and, with persistence on (the compose file's append-only file), on disk. Sealed, the disk
 * and anyone reading Redis see only ciphertext. Every bot and worker of a deployment needs the same key.
 *
 * Without a key, values pass as binary-safe JSON (wire.ts) and the bot says so at start and in /help.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { fromWire, toWire } from './wire.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** a sealed value can not be opened here: no key, or another key */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export interface Sealer {
  /** true when values are encrypted */
  readonly sealing: boolean;
  /** a value as it goes into Redis: binary-safe JSON, encrypted when there is a key */
  seal(value: unknown): unknown;
  /** a value read from Redis, sealed or not (a job from before the key was set still opens) */
  open(value: unknown): unknown;
  /** bytes as they go into Redis (button state): encrypted when there is a key, marked so they read back */
  sealBytes(bytes: Uint8Array): Buffer;
  /** bytes read from Redis, sealed or not; undefined when sealed with another key or none */
  openBytes(bytes: Uint8Array): Buffer | undefined;
  /** a text that must stay a string in Redis (a failed job's reason): encrypted and marked when there is a key */
  sealText(text: string): string;
  /** a text read from Redis, sealed or not; undefined when sealed with another key or none */
  openText(text: string): string | undefined;
}

/** marks a sealed text (sealText); a plain text starting with it is not one we wrote */
const TEXT_MAGIC = '$sealed:';

/** marks sealed bytes (a plain deflated entry starts with these 4 bytes about once in 4 billion; it then reads as expired) */
const BYTES_MAGIC = Buffer.from('ctS1');

interface Sealed {
  $sealed: string;
}

function isSealed(v: unknown): v is Sealed {
  return !!v && typeof v === 'object' && typeof (v as Sealed).$sealed === 'string' && Object.keys(v).length === 1;
}

/** The sealer for QUEUE_KEY (any string of at least 32 characters; its SHA-256 is the AES key), or none. */
export function sealerFor(queueKey: string | undefined): Sealer {
  const key = queueKey ? createHash('sha256').update(queueKey, 'utf8').digest() : undefined;
  const encrypt = (k: Buffer, plain: Uint8Array) => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const decrypt = (k: Buffer, raw: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  };
  return {
    sealing: !!key,
    sealBytes(bytes) {
      return key ? Buffer.concat([BYTES_MAGIC, encrypt(key, bytes)]) : Buffer.from(bytes);
    },
    openBytes(bytes) {
      const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!b.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)) return b;
      if (!key || b.length < BYTES_MAGIC.length + IV_BYTES + TAG_BYTES) return undefined;
      try {
        return decrypt(key, b.subarray(BYTES_MAGIC.length));
      } catch {
        return undefined;
      }
    },
    sealText(text) {
      return key ? TEXT_MAGIC + (this.seal(text) as Sealed).$sealed : text;
    },
    openText(text) {
      if (!text.startsWith(TEXT_MAGIC)) return text;
      try {
        const v = this.open({ $sealed: text.slice(TEXT_MAGIC.length) });
        return typeof v === 'string' ? v : undefined;
      } catch {
        return undefined;
      }
    },
    seal(value) {
      const wire = toWire(value);
      if (!key) return wire;
      const sealed = encrypt(key, Buffer.from(JSON.stringify(wire) ?? 'null', 'utf8'));
      return { $sealed: `${VERSION}:${sealed.toString('base64')}` };
    },
    open(value) {
      if (!isSealed(value)) return fromWire(value);
      if (!key)
        throw new SealError(
          'this job was sealed with QUEUE_KEY, and this process has none: set the same QUEUE_KEY on every bot and worker',
        );
      const [version, b64] = value.$sealed.split(':');
      const raw = Buffer.from(b64 ?? '', 'base64');
      if (version !== VERSION || raw.length < IV_BYTES + TAG_BYTES)
        throw new SealError('this job’s sealed data is not in a format this version reads');
      try {
        return fromWire(JSON.parse(decrypt(key, raw).toString('utf8')));
      } catch {
        throw new SealError(
          'this job was sealed with another QUEUE_KEY (or altered): set the same QUEUE_KEY on every bot and worker',
        );
      }
    },
  };
}

/**
 * What a worker throws for a failed job, so BullMQ stores (failedReason, its stack trace, the events
 * stream) nothing readable: without a key the error itself; with one sealedFailure of its message. The
 * receiving side reads it with openText.
 */
export function sealedError(sealer: Sealer, e: unknown): unknown {
  return sealer.sealing ? sealedFailure(sealer, e instanceof Error ? e.message : String(e)) : e;
}

/** An Error whose message is `text` sealed (as is without a key) and whose stack is nothing more. */
export function sealedFailure(sealer: Sealer, text: string): Error {
  const failure = new Error(sealer.sealText(text));
  failure.stack = failure.message;
  return failure;
}

/** What a log line says of a failure whose message may quote what a user sent: the error's class only. */
export function errorClass(e: unknown): string {
  return e instanceof Error ? e.constructor.name : typeof e;
}

/** how a process without the sealing key answers a reason it cannot open */
export const SEALED_ELSEWHERE =
  'its reason was sealed with a QUEUE_KEY this process does not have: set the same QUEUE_KEY on every bot and worker';

/** what the bot and the workers log at start when REDIS_URL is set without QUEUE_KEY */
export const UNSEALED_WARNING =
  'QUEUE_KEY is not set: what jobs carry through Redis (training configs, reply tokens, progress, results; with TRIAGE_REMOTE the logs people send) and the state behind buttons are stored there unencrypted, and Redis persistence writes them to disk';
