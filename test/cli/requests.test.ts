/** The request layer every surface calls: run choice, the metric check, the JSON line. */
import { expect, test } from 'vitest';
import { diagnoseFile, readRunChoice, RunChoiceError } from '../../src/requests/diagnose.js';
import { jsonLine } from '../../src/requests/json.js';

const csv = (runs: number) => {
  const rows = ['epoch,loss,val_loss,val_accuracy'];
  for (let r = 0; r < runs; r++)
    for (let e = 0; e < 8; e++)
      rows.push(
        `${e},${(1 / (e + 1)).toFixed(3)},${(1.1 / (e + 1) + 0.01 * e).toFixed(3)},${(0.5 + e / 20).toFixed(3)}`,
      );
  return rows.join('\n') + '\n';
};

test('run choice as typed: words and numbers from 1, any case and spacing; nothing is the default', () => {
  expect(readRunChoice(undefined)).toEqual({});
  expect(readRunChoice('  ')).toEqual({});
  expect(readRunChoice(' ALL ')).toEqual({ run: 'all' });
  expect(readRunChoice('joined')).toEqual({ run: 'joined' });
  expect(readRunChoice('2')).toEqual({ run: 1 });
  for (const bad of ['0', '-1', '1.5', 'first', '1e3', '99999999999999999999'])
    expect(readRunChoice(bad)).toBeUndefined();
});

test('a run past the last is the pipeline refusal', () => {
  expect(() => diagnoseFile(csv(1), { run: 4, fileName: 'h.csv' })).toThrow(RunChoiceError);
});

test('metric check: a series the log has (by any of its spellings) is found; another is reported, trimmed', () => {
  expect(diagnoseFile(csv(1), { metric: 'val_accuracy', fileName: 'h.csv' }).metricNotFound).toBeUndefined();
  expect(diagnoseFile(csv(1), { metric: 'VAL_LOSS', fileName: 'h.csv' }).metricNotFound).toBeUndefined();
  expect(diagnoseFile(csv(1), { metric: 'val_acc', fileName: 'h.csv' }).metricNotFound).toBeUndefined();
  expect(diagnoseFile(csv(1), { metric: ' val_f1 ', fileName: 'h.csv' }).metricNotFound).toBe('val_f1');
  expect(diagnoseFile(csv(1), { fileName: 'h.csv' }).metricNotFound).toBeUndefined();
});

test('the JSON line keeps NaN and Infinity as strings', () => {
  expect(jsonLine({ a: Number.NaN, b: [Infinity, 1] })).toBe('{"a":"NaN","b":["Infinity",1]}\n');
});
