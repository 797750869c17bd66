/**
 * Runs side by side in one table, a column per setting tried, the metric they share named in the table's corner
 * (a sweep a notebook collected into one DataFrame): each column is a run of that metric, labelled by its setting.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readValid } from './helpers/read-valid.js';
import { warningCodes } from './helpers/warning-codes.js';

const rows = (n: number, cols: number, sep: string, label: (e: number) => string) =>
  Array.from({ length: n }, (_, e) =>
    [label(e + 1), ...Array.from({ length: cols }, (_, c) => (600 / (e + 1) + c * 10).toFixed(2))].join(sep),
  );

describe('a column per setting, the metric in the corner', () => {
  it('each column is a run of the corner metric, labelled by its setting, in the order of the table', () => {
    const text = ['perplexity ;Dropout 0.0;Dropout 0.2;Dropout 0.4', ...rows(6, 3, ';', (e) => `Epoch ${e}`)];
    const log = readValid(text.join('\n') + '\n');
    expect(log.runs.map((r) => r.label)).toEqual(
      ['Dropout 0.0', 'Dropout 0.2', 'Dropout 0.4'].map((s, k) => `run ${k + 1} of 3 (${s})`),
    );
    for (const [k, run] of log.runs.entries()) {
      expect(run.series.map((s) => s.key)).toEqual(['perplexity']);
      expect(run.series[0].x).toEqual([1, 2, 3, 4, 5, 6]);
      expect(run.series[0].y[0]).toBeCloseTo(600 + k * 10);
    }
    expect(log.warnings.map((w) => w.code)).toContain('setting_columns');
    expect(log.warnings.find((w) => w.code === 'setting_columns')!.message).toContain('the last (Dropout 0.4)');
  });

  it('the corner names the split (`Valid. perplexity`); settings such as `units 32`', () => {
    const log = readValid(['Valid. perplexity,units 32,units 64', ...rows(5, 2, ',', (e) => `${e}`)].join('\n'));
    expect(log.runs.map((r) => r.label)).toEqual(['run 1 of 2 (units 32)', 'run 2 of 2 (units 64)']);
    expect(log.runs[1].series.map((s) => s.key)).toEqual(['val_perplexity']);
  });

  it("numbers in the corner's column are the epochs the rows were measured at; counts as settings (`layers 4`)", () => {
    const labels = [1, 2, 5, 10, 20];
    const text = ['val_loss,dropout 0.1,dropout 0.3', ...rows(5, 2, ',', (e) => `${labels[e - 1]}`)];
    expect(readValid(text.join('\n')).runs[1].series[0].x).toEqual(labels);
    // labels counting from 0 are row numbers: the rows are read in order
    const from0 = ['val_loss,dropout 0.1,dropout 0.3', ...rows(5, 2, ',', (e) => `${e - 1}`)];
    expect(readValid(from0.join('\n')).runs[1].series[0].x).toEqual([1, 2, 3, 4, 5]);
    const layers = readValid(['val_loss,layers 2,layers 4', ...rows(5, 2, ',', (e) => `${e}`)].join('\n'));
    expect(layers.runs.map((r) => r.label)).toEqual(['run 1 of 2 (layers 2)', 'run 2 of 2 (layers 4)']);
  });

  it('a learning-rate sweep', () => {
    const lr = readValid(['val_loss,lr 0.1,lr 0.01', ...rows(6, 2, ',', (e) => `${e}`)].join('\n'));
    expect(lr.runs.map((r) => r.label)).toEqual(['run 1 of 2 (lr 0.1)', 'run 2 of 2 (lr 0.01)']);
    expect(lr.runs[1].series.map((s) => s.key)).toEqual(['val_loss']);
  });

  it('columns per class, layer or GPU, and a history written sideways, are parts of one run: no runs, no warning', () => {
    for (const header of [
      'accuracy,class 0,class 1',
      'epoch,layer 1,layer 2',
      'loss,epoch 1,epoch 2',
      'step,GPU 0,GPU 1',
      'accuracy,task 1,task 2',
      'accuracy,top_1,top_5',
      'reward,agent_0,agent_1',
      'epoch,subject 1,subject 2',
    ]) {
      const log = ingest([header, ...rows(5, 2, ',', (e) => `${e}`)].join('\n'));
      const codes = log.warnings.map((w) => w.code);
      expect(codes, header).not.toContain('setting_columns');
      expect(codes, header).not.toContain('setting_columns_unnamed');
    }
  });

  it('left as written: no metric in the corner, settings of two words, one setting, a setting value twice, a metric column', () => {
    const cases = [
      ['epoch,Dropout 0.0,Dropout 0.2', (e: number) => `${e}`],
      [',Dropout 0.0,Dropout 0.2', (e: number) => `${e - 1}`],
      ['perplexity,Dropout 0.2,units 0.3', (e: number) => `Epoch ${e}`],
      ['perplexity,Dropout 0.2', (e: number) => `Epoch ${e}`],
      ['perplexity,Dropout 0.2,Dropout 0.20', (e: number) => `Epoch ${e}`],
      ['perplexity,loss 1,loss 2', (e: number) => `Epoch ${e}`],
    ] as const;
    for (const [header, label] of cases) {
      const log = ingest([header, ...rows(5, header.split(',').length - 1, ',', label)].join('\n'));
      const codes = log.warnings.map((w) => w.code);
      expect(codes, header).not.toContain('setting_columns');
      // only the metric's name is missing: the warning asks for it
      expect(codes.includes('setting_columns_unnamed'), header).toBe(header.endsWith('Dropout 0.0,Dropout 0.2'));
      expect(log.runs, header).toHaveLength(1);
    }
  });

  it("the corner's own column must count the rows: a metric's values there leave the table as written", () => {
    const text = ['loss,units 32,units 64', ...[0.9, 0.7, 0.8, 0.6, 0.5].map((v, e) => `${v},${e},${e * 2}`)];
    expect(warningCodes(text.join('\n'))).not.toContain('setting_columns');
  });
});
