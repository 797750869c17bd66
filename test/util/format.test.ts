import { expect, test } from 'vitest';
import {
  compact,
  formatBytes,
  formatEstimate,
  formatLimit,
  formatSeconds,
  percent,
  sig,
  sigOrDash,
} from '../../src/util/format.js';

test('numbers: significant digits, exponent at the extremes, non-finite as written', () => {
  expect(sig(0.123456, 3)).toBe('0.123');
  expect(sig(2.5, 4)).toBe('2.5');
  expect(sig(Number.NaN, 3)).toBe('NaN');
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
