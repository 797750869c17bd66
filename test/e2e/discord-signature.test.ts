/** The signing helper signs as Discord does: a receiver holding only the hex public key verifies it. */
import { createPublicKey, verify } from 'node:crypto';
import { expect, test } from 'vitest';
import { discordSigner } from './discord-signature.js';

/** what a receiver does (Discord's docs): Ed25519 verify of timestamp + raw body against the hex public key */
function verifies(publicKeyHex: string, headers: Record<string, string>, body: string): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
  const signed = Buffer.from(headers['x-signature-timestamp'] + body, 'utf8');
  return verify(null, signed, key, Buffer.from(headers['x-signature-ed25519'], 'hex'));
}

test('signatures verify with the hex public key; a changed body, timestamp or key does not', () => {
  const s = discordSigner();
  const body = JSON.stringify({ type: 1 });
  const h = s.headers(body);
  expect(s.publicKey).toMatch(/^[0-9a-f]{64}$/);
  expect(h['x-signature-ed25519']).toMatch(/^[0-9a-f]{128}$/);
  expect(verifies(s.publicKey, h, body)).toBe(true);
  expect(verifies(s.publicKey, h, `${body} `)).toBe(false);
  expect(
    verifies(s.publicKey, { ...h, 'x-signature-timestamp': String(Number(h['x-signature-timestamp']) + 1) }, body),
  ).toBe(false);
  expect(verifies(discordSigner().publicKey, h, body)).toBe(false);
});

test("a stale timestamp is signed as given (validly: rejecting it is the receiver's job)", () => {
  const s = discordSigner();
  const stale = Math.floor(Date.now() / 1000) - 3600;
  const h = s.headers('{}', stale);
  expect(h['x-signature-timestamp']).toBe(String(stale));
  expect(verifies(s.publicKey, h, '{}')).toBe(true);
});
