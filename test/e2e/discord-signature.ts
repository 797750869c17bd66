/**
 * Signs HTTP interaction requests the way Discord does, for testing an HTTP-interactions endpoint
 * (the scale-out issue's mode): Ed25519 over the `X-Signature-Timestamp` header's value followed by
 * the raw body, hex in `X-Signature-Ed25519`; the application's public key is the raw 32-byte key in
 * hex (what the developer portal shows). Any timestamp can be signed, so tests can send stale ones.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface DiscordSigner {
  /** the application's public key as the developer portal shows it (64 hex characters) */
  publicKey: string;
  /** headers for this body, signed at `atS` (unix seconds; default now) */
  headers(body: string | Buffer, atS?: number): { 'x-signature-ed25519': string; 'x-signature-timestamp': string };
}

export function discordSigner(): DiscordSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey),
    headers(body, atS = Math.floor(Date.now() / 1000)) {
      const timestamp = String(atS);
      const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
      return {
        'x-signature-ed25519': sign(null, signed, privateKey).toString('hex'),
        'x-signature-timestamp': timestamp,
      };
    },
  };
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
}
