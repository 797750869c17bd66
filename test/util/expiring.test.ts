import { expect, test } from 'vitest';
import { ExpiringStore } from '../../src/util/expiring.js';

test('a value is there until its time is up, then gone (and removed)', () => {
  let now = 1000;
  const s = new ExpiringStore<string>(100, 10, () => now);
  const k = s.put('a');
  expect(k).toMatch(/^[\w-]{8}$/);
  now += 100;
  expect(s.get(k)).toBe('a');
  now += 1;
  expect(s.get(k)).toBeUndefined();
  expect(s.size).toBe(0);
});

test('past max entries the oldest go first', () => {
  const s = new ExpiringStore<number>(60_000, 3);
  const keys = [1, 2, 3, 4, 5].map((n) => s.put(n));
  expect(s.size).toBe(3);
  expect(keys.map((k) => s.get(k))).toEqual([undefined, undefined, 3, 4, 5]);
  s.clear();
  expect(s.size).toBe(0);
});

test('a value read recently outlives older unread ones when the store is full (least recently used goes first)', () => {
  const s = new ExpiringStore<number>(60_000, 2);
  const a = s.put(1);
  const b = s.put(2);
  expect(s.get(a)).toBe(1); // a is now the most recently used
  s.put(3);
  expect(s.get(a)).toBe(1);
  expect(s.get(b)).toBeUndefined();
});
