/**
 * Two table layouts that the delimited-table readers cannot take: a history written sideways (a row per
 * metric, a column per epoch, as pandas writes a transposed DataFrame) and a reinforcement-learning Monitor file
 * (Stable-Baselines' monitor.csv: a JSON comment line, then one row per episode under `r,l,t`); and two JSON shapes:
 * the metric first, then its lists, and lists of records under model names.
 */
import { describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';
import { readValid } from './helpers/read-valid.js';
import { warningCodes } from './helpers/warning-codes.js';

const read = (text: string) => readValid(text, { fileName: 'history.csv' });
const series = (log: ReturnType<typeof ingest>, key: string) => log.runs.at(-1)!.series.find((s) => s.key === key);

describe('a history written sideways', () => {
  const loss = [1.9657, 1.2794, 0.9894, 0.8075, 0.673];
  const val = [1.6726, 1.8312, 2.049, 2.1179, 2.5319];

  it('pd.DataFrame.from_dict(history.history, orient="index").to_csv(): epoch numbers over the rows', () => {
    const log = read([',0,1,2,3,4', `loss,${loss.join(',')}`, `val_loss,${val.join(',')}`].join('\r\n') + '\r\n');
    expect(log.runs).toHaveLength(1);
    expect(series(log, 'loss')!.y).toEqual(loss);
    expect(series(log, 'val_loss')!.y).toEqual(val);
    expect(series(log, 'val_loss')!.x).toEqual([1, 2, 3, 4, 5]);
    expect(log.warnings.map((w) => w.code)).toContain('sideways_table');
    expect(diagnose(log).pattern).toBe('overfitting');
  });

  it('a loop writing "name,v1,v2,..." per metric, no first row; an empty cell is missing, a nan is kept', () => {
    const log = read(`train_loss,0.9,0.7,,0.5,0.4\nval_accuracy,0.5,0.6,0.65,nan,0.7\n`);
    expect(series(log, 'loss')!.x).toEqual([1, 2, 4, 5]);
    expect(series(log, 'val_accuracy')!.y).toEqual([0.5, 0.6, 0.65, NaN, 0.7]);
  });

  it("pandas' empty cells for a list logged fewer times; a step corner; repeated names or supports are no history", () => {
    const short = read(',0,1,2,3,4\nloss,0.9,0.7,0.5,0.4,0.3\nval_loss,1.0,0.8,0.7,,\n');
    expect(series(short, 'val_loss')!.y).toEqual([1, 0.8, 0.7]);
    expect(series(short, 'loss')!.y).toHaveLength(5);
    const steps = read('step,100,200,300,400\nloss,0.9,0.7,0.5,0.4\n');
    expect(steps.runs[0].xAxis).toBe('step');
    expect(series(steps, 'loss')!.x).toEqual([100, 200, 300, 400]);
    // a long table written without its header (name, value, step, time) repeats its names
    expect(() =>
      ingest('loss,0.9,1,1679509164\nloss,0.8,2,1679509165\nval_loss,1.0,1,1679509164\nval_loss,0.9,2,1679509165\n'),
    ).toThrow(IngestError);
    expect(() =>
      ingest('precision,0.9,0.8,0.7\nrecall,0.8,0.7,0.9\nf1-score,0.85,0.75,0.8\nsupport,10,20,30\n'),
    ).toThrow(IngestError);
  });

  it('rows of other widths, a row of words, or names that are no metric are not read sideways', () => {
    expect(warningCodes('loss,0.9,0.7,0.5,0.4\nval_loss,1.0,0.8,0.7\n')).not.toContain('sideways_table');
    expect(warningCodes('model,resnet,vgg,mlp\nloss,0.9,0.7,0.5\n')).not.toContain('sideways_table');
    expect(warningCodes('height,1.2,1.5,1.7,1.9\nweight,50,60,70,80\n')).not.toContain('sideways_table');
    // a table the right way up is still read as one
    expect(ingest('epoch,loss,val_loss\n0,0.9,1.0\n1,0.7,0.8\n2,0.5,0.7\n').runs[0].series).toHaveLength(2);
  });
});

describe('a reinforcement-learning Monitor file', () => {
  const monitor = [
    '#{"t_start": 1679509164.192106, "env_id": "CartPole-v1"}',
    'r,l,t,is_success',
    '9.0,9,0.05,0',
    '14.0,14,0.11,0',
    '22.0,22,0.19,0',
    '31.0,31,0.3,1',
    '45.0,45,0.45,1',
  ];

  it("reads one point per episode, the reward ('r') as the curve judged, with a note that says so", () => {
    const log = read(monitor.join('\r\r\n') + '\r\r\n');
    expect(series(log, 'episode_reward')!.y).toEqual([9, 14, 22, 31, 45]);
    expect(series(log, 'episode_reward')!.kind).toBe('score');
    expect(series(log, 'episode_length')!.y).toEqual([9, 14, 22, 31, 45]);
    expect(log.warnings.find((w) => w.code === 'rl_monitor')?.message).toMatch(/one point per finished episode/);
    expect(diagnose(log).series.train).toBe('episode_reward');
  });

  it('a Monitor started again below its rows is a second run', () => {
    const log = read(
      [...monitor, ...monitor.slice(0, 2), '100,100,0.5,1', '120,120,0.9,1', '150,150,1.3,1'].join('\n'),
    );
    expect(log.runs).toHaveLength(2);
    expect(series(log, 'episode_reward')!.y).toEqual([100, 120, 150]);
  });

  it('blank lines before the comment or the header, and spaces in the header, are still a Monitor file', () => {
    const log = read(['', monitor[0], '', 'r, l, t, is_success', ...monitor.slice(2)].join('\n'));
    expect(series(log, 'episode_reward')!.y).toEqual([9, 14, 22, 31, 45]);
  });

  it('rows glued by several environments writing at once are skipped; the rest are read (t in seconds anchors none)', () => {
    const rows = [
      '0.0,138,0.286653',
      '0.0,86,0.4365940.0,116,0.59436',
      '1.0,74,1.205378',
      '0.0,84,1.411210.01.0,273,1.8',
    ];
    const more = [3, 2, 5, 4, 7, 8].map((r, i) => `${r}.0,${50 + i},${2 + i}.5`);
    const log = read([monitor[0], 'r,l,t', ...rows, ...more].join('\r\n') + '\r\n');
    expect(series(log, 'episode_reward')!.y).toEqual([0, 1, 3, 2, 5, 4, 7, 8]);
    expect(log.warnings.find((w) => w.code === 'skipped_rows')?.message).toMatch(/Skipped 2 malformed row/);
  });

  it('a comment line without the Monitor header is not a Monitor file', () => {
    expect(() => ingest('#{"t_start": 1}\nfoo,bar\n1,2\n')).toThrow(IngestError);
  });
});

describe('JSON with the metric first, and record lists under model names', () => {
  const loss = [0.9, 0.7, 0.5, 0.45, 0.4];
  const val = [1, 0.8, 0.7, 0.68, 0.7];

  it('{"accuracy": {"values": [...], "max": ..., "mean": ...}}: each list named by its metric', () => {
    const log = read(
      JSON.stringify({
        loss: { values: loss, max: 0.9, min: 0.4, mean: 0.59 },
        val_loss: { values: val, max: 1, min: 0.68, mean: 0.776 },
      }),
    );
    expect(series(log, 'loss')!.y).toEqual(loss);
    expect(series(log, 'val_loss')!.y).toEqual(val);
  });

  it('{"loss": {"train": [...], "val": [...]}}: a split per list', () => {
    const log = read(
      JSON.stringify({
        loss: { train: loss, val },
        accuracy: { train: [0.5, 0.6, 0.7, 0.8, 0.85], valid: [0.5, 0.55, 0.6, 0.62, 0.6] },
      }),
    );
    expect(
      log.runs
        .at(-1)!
        .series.map((s) => s.key)
        .sort(),
    ).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(series(log, 'val_loss')!.y).toEqual(val);
  });

  it('{"mlp": [records], "text": [records]}: a run per model, in the file order; split-named lists stay one run', () => {
    const recs = (k: number) => loss.map((l, i) => ({ epoch: i + 1, train_loss: l * k, val_loss: val[i] * k }));
    const log = read(JSON.stringify({ mlp: recs(1), text: recs(0.5) }));
    expect(log.runs.map((r) => r.label)).toEqual(['run 1 of 2 (mlp)', 'run 2 of 2 (text)']);
    expect(series(log, 'val_loss')!.y).toEqual(val.map((v) => v * 0.5));
    // split-named lists that evalsResult does not align (3 val records for 5 epochs): still one run's
    const splits = read(JSON.stringify({ train_log: recs(1), val_log: recs(2).slice(0, 3) }));
    expect(splits.runs).toHaveLength(1);
    // a history beside per-sample predictions: they share no metric, so the history is read alone
    const beside = read(
      JSON.stringify({ history: recs(1), predictions: [1, 2, 3, 4].map((id) => ({ id, score: 0.9 })) }),
    );
    expect(beside.runs).toHaveLength(1);
    expect(series(beside, 'val_loss')!.y).toEqual(val);
  });

  it('a config dict beside the metric dicts, or a name that is no metric, keeps the older reading', () => {
    const log = read(JSON.stringify({ history: { loss, val_loss: val }, config: { lr: 0.001 } }));
    expect(series(log, 'val_loss')!.y).toEqual(val);
    const unnamed = read(JSON.stringify({ model_a: { values: loss } }));
    expect(unnamed.runs[0].series.map((s) => s.key)).not.toContain('model_a');
  });

  it('a test set is test_loss, a second validation set is left out, a learning rate beside them is kept', () => {
    const test = [1.1, 0.9, 0.8, 0.7, 0.66];
    const log = read(JSON.stringify({ loss: { train: loss, val, test }, lr: { values: [1, 1, 0.5, 0.5, 0.1] } }));
    expect(series(log, 'val_loss')!.y).toEqual(val);
    expect(series(log, 'test_loss')!.y).toEqual(test);
    expect(series(log, 'lr')!.y).toEqual([1, 1, 0.5, 0.5, 0.1]);
    const two = read(JSON.stringify({ loss: { train: loss, valid_0: val, valid_1: test } }));
    expect(series(two, 'val_loss')!.y).toEqual(val);
    expect(read(JSON.stringify({ loss: { values: loss, max: null } })).runs[0].series[0].key).toBe('loss');
  });
});
