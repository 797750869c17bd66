import { expect, test } from 'vitest';
import {
  compact,
  formatBytes,
  formatEstimate,
  formatLimit,
  formatSeconds,
  percent,
  readablePercent,
  sig,
  sigOrDash,
} from '../../src/util/format.js';

test('numbers: significant digits, exponent at the extremes, non-finite as written', () => {
  expect(sig(0.123456, 3)).toBe('0.123');
  expect(sig(2.5, 4)).toBe('2.5');
  expect(sig(Number.NaN, 3)).toBe('NaN');
  // no invented digits on a blown-up loss: exponent notation from a million up
  expect(sig(214035000000000, 3)).toBe('2.14e+14');
  expect(sig(-5_512_345, 3)).toBe('-5.51e+6');
  expect(sig(2543, 3)).toBe('2540');
  expect(sig(999_999, 3)).toBe('1e+6');
  expect(readablePercent(8.634e18)).toBe('8.63e+20%');
  expect(readablePercent(123.4)).toBe('12340%');
  expect(sigOrDash(undefined, 3)).toBe('-');
  expect(sigOrDash(null, 3)).toBe('-');
  expect(compact(0.00012346, 4)).toBe('1.235e-4');
  expect(compact(123456, 4)).toBe('1.235e+5');
  expect(compact(0, 4)).toBe('0');
  expect(compact(12.3456, 3)).toBe('12.3');
  expect(compact(-Infinity, 4)).toBe('-Infinity');
  expect(percent(0.1234)).toBe('12.3%');
  expect(percent(0.05, 0)).toBe('5%');
});

test('bytes and durations', () => {
  expect(formatBytes(512)).toBe('512 bytes');
  expect(formatBytes(1536)).toBe('1.5 KiB');
  expect(formatBytes(8 * 1024 * 1024)).toBe('8.0 MiB');
  expect(formatSeconds(12_345)).toBe('12.3 s');
  expect(formatEstimate(0.2)).toBe('~1 s');
  expect(formatEstimate(89.5)).toBe('~90 s');
  expect(formatEstimate(600)).toBe('~10 min');
  expect(formatLimit(45)).toBe('45 s');
  expect(formatLimit(300)).toBe('5 min');
  expect(formatLimit(150)).toBe('2.5 min');
});
