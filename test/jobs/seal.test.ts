/** QUEUE_KEY's sealer: round trips (bytes included), opens unsealed values, refuses the wrong key or none. */
import { expect, test } from 'vitest';
import { SealError, sealedError, sealerFor } from '../../src/jobs/seal.js';

const KEY = 'k'.repeat(16) + 'another-sixteen!';
const value = {
  log: new Uint8Array([0, 1, 2, 255]),
  text: 'epoch 1 loss 0.5',
  n: [1, 2.5, null],
  nested: { ok: true },
};

test('sealed with a key: ciphertext that opens to the same value, bytes included; fresh each time', () => {
  const s = sealerFor(KEY);
  expect(s.sealing).toBe(true);
  const a = s.seal(value);
  const b = s.seal(value);
  expect(JSON.stringify(a)).not.toContain('epoch 1');
  expect(a).not.toEqual(b); // a random IV per value
  expect(s.open(a)).toEqual(value);
  expect(s.open(JSON.parse(JSON.stringify(b)))).toEqual(value); // as BullMQ stores it
  expect(s.open(s.seal(undefined))).toBeNull(); // as JSON (and BullMQ) keep it
});

test('without a key: binary-safe JSON; with one, unsealed values (jobs from before the key) still open', () => {
  const none = sealerFor(undefined);
  expect(none.sealing).toBe(false);
  const wire = JSON.parse(JSON.stringify(none.seal(value)));
  expect(none.open(wire)).toEqual(value);
  expect(sealerFor(KEY).open(wire)).toEqual(value);
});

test('no key, another key, or altered ciphertext: a SealError that says what to do', () => {
  const sealed = sealerFor(KEY).seal(value) as { $sealed: string };
  expect(() => sealerFor(undefined).open(sealed)).toThrow(SealError);
  expect(() => sealerFor(undefined).open(sealed)).toThrow(/set the same QUEUE_KEY on every bot and worker/);
  expect(() => sealerFor(`${KEY}x`).open(sealed)).toThrow(/another QUEUE_KEY/);
  const raw = Buffer.from(sealed.$sealed.slice(3), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => sealerFor(KEY).open({ $sealed: `v1:${raw.toString('base64')}` })).toThrow(
    /another QUEUE_KEY \(or altered\)/,
  );
  expect(() => sealerFor(KEY).open({ $sealed: 'v9:AAAA' })).toThrow(/format/);
});

test('texts (a failed job reason): sealed and marked with a key, passed through without; another key opens nothing', () => {
  const reason = 'column "patient_42" is not a number';
  const s = sealerFor(KEY);
  const sealed = s.sealText(reason);
  expect(sealed).toMatch(/^\$sealed:v1:/);
  expect(sealed).not.toContain('patient_42');
  expect(s.openText(sealed)).toBe(reason);
  expect(s.openText('stalled more than allowable limit')).toBe('stalled more than allowable limit'); // BullMQ's own
  expect(sealerFor(undefined).sealText(reason)).toBe(reason);
  expect(sealerFor(undefined).openText(sealed)).toBeUndefined();
  expect(sealerFor(`${KEY}x`).openText(sealed)).toBeUndefined();
  expect(s.openText('$sealed:v1:garbage')).toBeUndefined();
});

test('a failed job’s error as a worker throws it: with a key, neither its message nor its stack quotes the input', () => {
  const e = new Error('could not read patient_42');
  expect(sealedError(sealerFor(undefined), e)).toBe(e);
  const sealed = sealedError(sealerFor(KEY), e) as Error;
  expect(sealed.message).not.toContain('patient_42');
  expect(sealed.stack).toBe(sealed.message);
  expect(sealerFor(KEY).openText(sealed.message)).toBe('could not read patient_42');
});
