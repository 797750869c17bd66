/**
 * Bad inputs are refused with an IngestError whose code and message tell the user what is wrong;
 * limits (size, rows, line length, nesting) hold; `__proto__` keys are just keys.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest, IngestError, isIngestError, type TrainingLog } from '../../src/ingest/index.js';
import { checkLog } from './helpers/ingest-worker.js';
import { LEAKY_MESSAGE } from './helpers/isolated.js';

const BAD = join(import.meta.dirname, '..', '..', 'fixtures', 'bad');
const bad = (f: string) => readFileSync(join(BAD, f));

/** Run ingest and return the IngestError it throws (failing the test if it returns or throws anything else). */
function refusal(input: Uint8Array | string, options?: Parameters<typeof ingest>[1]): IngestError {
  let log: TrainingLog | undefined;
  try {
    log = ingest(input, options);
  } catch (e) {
    expect(e, `threw ${String((e as Error)?.stack ?? e)}`).toBeInstanceOf(IngestError);
    const err = e as IngestError;
    expect(err.message.length).toBeGreaterThan(20);
    expect(err.message).not.toMatch(LEAKY_MESSAGE);
    return err;
  }
  throw new Error(`expected an IngestError, got a ${log.format} log with ${log.runs.length} run(s)`);
}

function protoIsClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect((Object.prototype as Record<string, unknown>).loss).toBeUndefined();
}

afterEach(() => {
  // a failed pollution test must not leak into the next one
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('files that are not logs', () => {
  it('a JPEG renamed .csv is named as a JPEG', () => {
    const e = refusal(bad('photo-renamed.csv'));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/JPEG image/);
  });

  it('a PNG renamed .log is named as a PNG', () => {
    const e = refusal(bad('screenshot-renamed.log'));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/PNG image/);
  });

  it('a TensorBoard event file says how to export CSV/JSON', () => {
    const e = refusal(bad('tfevents.bin'));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/TensorBoard event file/);
    expect(e.message).toMatch(/Download CSV/);
  });

  it('random bytes are refused as binary', () => {
    const e = refusal(bad('garbage.bin'));
    expect(e.code).toBe('binary');
    expect(e.message).toMatch(/binary file/);
  });

  it('an empty file and a whitespace-only file are "empty"', () => {
    for (const f of ['empty.csv', 'whitespace.txt']) {
      const e = refusal(bad(f));
      expect(e.code, f).toBe('empty');
      expect(e.message, f).toMatch(/empty/);
    }
    expect(refusal('').code).toBe('empty');
    expect(refusal(new Uint8Array(0)).code).toBe('empty');
  });

  it('prose with no metrics is "unrecognised" and lists what is accepted', () => {
    const e = refusal(bad('no-metrics.txt'));
    expect(e.code).toBe('unrecognised');
    expect(e.message).toMatch(/No training metrics found/);
    expect(e.message).toMatch(/CSVLogger/);
  });

  it('a headerless table of numbers asks for a header', () => {
    const e = refusal(bad('no-header-numbers.csv'));
    expect(e.code).toBe('unrecognised');
    expect(e.message).toMatch(/no header row/);
  });

  it('an unknown --format is refused with the list of formats', () => {
    const e = refusal('epoch,loss\n0,1\n', { format: 'excel' });
    expect(e.code).toBe('bad_format_override');
    expect(e.message).toMatch(/Unknown format "excel"/);
    expect(e.message).toMatch(/keras-csv/);
  });
});

describe('logs without values', () => {
  it('a CSV header with no rows', () => {
    const e = refusal(bad('header-only.csv'));
    expect(e.code).toBe('no_series');
    expect(e.message).toMatch(/no data rows/);
    expect(e.message).toMatch(/epoch, accuracy, loss/);
  });

  it('a CSV whose every cell is NA', () => {
    const e = refusal(bad('all-na.csv'));
    expect(e.code).toBe('no_series');
    expect(e.message).toMatch(/no numeric metric values/);
  });

  it('a history with empty lists', () => {
    const e = refusal(bad('empty-history.json'));
    expect(e.code).toBe('no_series');
  });

  it('a trainer_state.json with an empty log_history', () => {
    const e = refusal(bad('hf-empty-log-history.json'));
    expect(e.code).toBe('no_series');
    expect(e.message).toMatch(/empty log_history/);
  });

  it('an all-NaN CSV is a log (NaN is a training outcome), every value NaN', () => {
    const log = ingest(bad('all-nan.csv'));
    expect(checkLog(log)).toEqual([]);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loss.y.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('a one-row CSV is a one-point log (diagnosis decides it is not assessable)', () => {
    const log = ingest(bad('one-row.csv'));
    expect(checkLog(log)).toEqual([]);
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.x).toEqual([1]);
  });
});

describe('__proto__ and constructor keys', () => {
  it('JSON with __proto__ / constructor.prototype keys parses its real lists and pollutes nothing', () => {
    const log = ingest(bad('proto-keys.json'));
    protoIsClean();
    expect(checkLog(log)).toEqual([]);
    const loss = log.runs[0].series.find((s) => s.key === 'loss')!;
    expect(loss.y).toEqual([0.9, 0.6, 0.45, 0.4]); // not the [9, 9, 9] hidden under __proto__
    expect(log.runs[0].series.map((s) => s.key).sort()).toEqual(['loss', 'val_loss']);
  });

  it('the Python-literal parser also treats __proto__ as a plain key', () => {
    const log = ingest(bad('proto-keys-repr.txt'));
    protoIsClean();
    expect(log.runs[0].series.find((s) => s.key === 'val_loss')!.y[2]).toBeNaN();
  });

  it('a JSON made only of __proto__ / constructor keys is refused, not merged into Object.prototype', () => {
    const e = refusal(bad('proto-only.json'));
    expect(e.code).toBe('no_series');
    protoIsClean();
  });

  it('__proto__ in JSON lines and HF console dicts', () => {
    const jsonl =
      '{"__proto__": {"polluted": 1}, "epoch": 0, "loss": 0.9}\n{"__proto__": {"polluted": 1}, "epoch": 1, "loss": 0.5}\n';
    try {
      ingest(jsonl);
    } catch (e) {
      expect(isIngestError(e)).toBe(true);
    }
    protoIsClean();
    const hf =
      "{'loss': 0.69, '__proto__': {'polluted': 1}, 'epoch': 0.5}\n{'loss': 0.5, 'constructor': {'prototype': {'polluted': 1}}, 'epoch': 1.0}\n";
    try {
      ingest(hf);
    } catch (e) {
      expect(isIngestError(e)).toBe(true);
    }
    protoIsClean();
  });
});

describe('limits', () => {
  it('10^6 nested arrays -> too_deep, no stack overflow', () => {
    const n = 1_000_000;
    const e = refusal('['.repeat(n) + ']'.repeat(n));
    expect(e.code).toBe('too_deep');
    expect(e.message).toMatch(/nested 1000000 levels deep/);
  });

  it('10^6 unclosed braces, and 10^6 Python tuples, -> too_deep', () => {
    const n = 1_000_000;
    expect(refusal('{"a":'.repeat(n)).code).toBe('too_deep');
    expect(refusal('[' + '('.repeat(n) + ')'.repeat(n) + ']').code).toBe('too_deep');
  });

  it('deep nesting inside a JSON-lines file or behind text is still refused or read, never a crash', () => {
    const n = 200_000;
    for (const text of [`{"loss": 1}\n${'['.repeat(n)}`, `Epoch 1/2\n - loss: 0.5\n${'{'.repeat(n)}`]) {
      try {
        ingest(text);
      } catch (e) {
        expect(isIngestError(e), String((e as Error)?.stack)).toBe(true);
      }
    }
  });

  it('brackets inside strings do not count as nesting', () => {
    const log = ingest(`{"note": "${'['.repeat(1000)}", "loss": [0.9, 0.5, 0.4]}`);
    expect(log.runs[0].series[0].y).toEqual([0.9, 0.5, 0.4]);
  });

  it('over 10 MiB -> too_large, before any parsing', () => {
    const row = '12,0.123456789,0.234567891\n';
    const big = Buffer.from('epoch,loss,val_loss\n' + row.repeat(Math.ceil((11 * 1024 * 1024) / row.length)));
    expect(big.length).toBeGreaterThan(11 * 1024 * 1024);
    const e = refusal(big);
    expect(e.code).toBe('too_large');
    expect(e.message).toMatch(/11\.0 MiB, over the 10\.0 MiB limit/);
    // strings are measured in UTF-8 bytes, not UTF-16 units
    const e2 = refusal('é'.repeat(6 * 1024 * 1024));
    expect(e2.code).toBe('too_large');
  });

  it('a raised maxBytes accepts the same file', () => {
    const row = '1,0.5,0.6\n';
    const big = 'epoch,loss,val_loss\n' + row.repeat(1_200_000);
    const log = ingest(big, { limits: { maxBytes: 50 * 1024 * 1024, maxRows: 5_000_000 } });
    expect(log.stats.rows).toBe(1_200_000);
  });

  const textCases: [string, (n: number) => string][] = [
    ['CSVLogger', (n) => 'epoch,loss,val_loss\n' + Array.from({ length: n }, (_, i) => `${i},0.5,0.6`).join('\n')],
    [
      'console',
      (n) =>
        Array.from({ length: n }, (_, i) => `Epoch ${i + 1}/${n}\n10/10 - 0s - loss: 0.5000 - val_loss: 0.6000`).join(
          '\n',
        ),
    ],
    [
      'free text',
      (n) => Array.from({ length: n }, (_, i) => `Epoch ${i + 1}: Train Loss=0.5, Val Loss=0.6`).join('\n'),
    ],
    [
      'Lightning',
      (n) => 'epoch,step,train_loss,val_loss\n' + Array.from({ length: n }, (_, i) => `0,${i},0.5,`).join('\n'),
    ],
  ];
  for (const [name, make] of textCases) {
    it(`more than maxRows rows -> too_many_rows (${name})`, () => {
      const e = refusal(make(1001), { limits: { maxRows: 1000 } });
      expect(e.code).toBe('too_many_rows');
      expect(e.message).toMatch(/more than 1,?000/);
      // and exactly maxRows is fine
      expect(() => ingest(make(1000), { limits: { maxRows: 1000 } })).not.toThrow();
    });
  }

  // Limits.maxRows is documented as "data rows / points across the whole file", but the structured
  // (JSON / Python literal) readers never check it: only maxBytes bounds them.
  it('more than maxRows rows -> too_many_rows (structured inputs: history JSON, records, HF, TensorBoard JSON)', () => {
    const jsonCases: [string, (n: number) => string][] = [
      ['history JSON', (n) => JSON.stringify({ loss: Array(n).fill(0.5), val_loss: Array(n).fill(0.6) })],
      ['JSON records', (n) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ epoch: i, loss: 0.5 })))],
      [
        'HF log_history',
        (n) =>
          JSON.stringify({
            log_history: Array.from({ length: n }, (_, i) => ({ step: i + 1, epoch: i / 10, loss: 0.5 })),
          }),
      ],
      ['TensorBoard JSON', (n) => JSON.stringify(Array.from({ length: n }, (_, i) => [1700000000 + i, i, 0.5]))],
    ];
    const accepted: string[] = [];
    for (const [name, make] of jsonCases) {
      expect(() => ingest(make(1000), { limits: { maxRows: 1000 } }), name).not.toThrow();
      try {
        ingest(make(1001), { limits: { maxRows: 1000 } });
        accepted.push(name);
      } catch (e) {
        expect(isIngestError(e) && e.code, name).toBe('too_many_rows');
      }
    }
    expect(accepted, 'formats that accepted 1001 rows with maxRows=1000').toEqual([]);
  });

  it('an over-long line -> line_too_long, naming the line', () => {
    const text = 'Epoch 1/2\n' + ' - loss: 0.5'.repeat(200) + '\nEpoch 2/2\n - loss: 0.4\n';
    const e = refusal(text, { limits: { maxLineLength: 1000 } });
    expect(e.code).toBe('line_too_long');
    expect(e.message).toMatch(/^Line 2 is 2,400 characters long \(limit 1,000\)/);
  });

  it('a 5 MiB single line under the default limits -> line_too_long', () => {
    const text = 'epoch,loss\n0,0.5\n1,' + '9'.repeat(5 * 1024 * 1024) + '\n';
    const e = refusal(text);
    expect(e.code).toBe('line_too_long');
    expect(e.message).toMatch(/^Line 3 is/);
  });

  it('a minified JSON on one long line is exempt from the line limit', () => {
    const json = JSON.stringify({ loss: Array(5000).fill(0.5), val_loss: Array(5000).fill(0.6) });
    const log = ingest(json, { limits: { maxLineLength: 1000 } });
    expect(log.runs[0].series[0].x.length).toBe(5000);
  });
});

describe('encodings', () => {
  it('UTF-16LE with BOM (PowerShell >) is decoded', () => {
    const text = 'epoch,loss,val_loss\r\n0,0.9,1.0\r\n1,0.5,0.6\r\n2,0.4,0.5\r\n';
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const log = ingest(buf);
    expect(log.format).toBe('keras-csv');
    expect(log.runs[0].series.find((s) => s.key === 'loss')!.y).toEqual([0.9, 0.5, 0.4]);
  });

  it('UTF-16BE with BOM is decoded', () => {
    const text = 'epoch,loss\n0,0.9\n1,0.5\n';
    const le = Buffer.from(text, 'utf16le');
    le.swap16();
    const log = ingest(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
    expect(log.runs[0].series[0].y).toEqual([0.9, 0.5]);
  });

  it('a Uint8Array view into a larger buffer reads only its own bytes', () => {
    const whole = Buffer.from('GARBAGE\u0000\u0000epoch,loss\n0,0.9\n1,0.5\n');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 9, whole.length - 9);
    const log = ingest(view);
    expect(log.runs[0].series[0].y).toEqual([0.9, 0.5]);
  });
});
