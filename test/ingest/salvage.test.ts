/** Inputs cut off mid-way (a paste over a message limit) are read up to their last complete value. */
import { describe, expect, it } from 'vitest';
import { ingest, isIngestError } from '../../src/ingest/index.js';

describe('truncated structured input', () => {
  it('closes a printed dict cut inside a list, without inventing validation_freq', () => {
    const log = ingest("{'loss': [0.9, 0.7, 0.6, 0.5, 0.45, 0.42], 'val_loss': [1.0, 0.8, 0.7, 0.6");
    const [loss, val] = ['loss', 'val_loss'].map((k) => log.runs[0].series.find((s) => s.key === k)!);
    expect(loss.y).toEqual([0.9, 0.7, 0.6, 0.5, 0.45, 0.42]);
    expect(val.x).toEqual([1, 2, 3]); // the partial last value is dropped, the rest align to epochs 1..3
    expect(log.warnings.map((w) => w.code)).toContain('truncated_input');
    expect(log.warnings.map((w) => w.code)).not.toContain('validation_freq');
  });

  it('closes JSON cut inside a key', () => {
    const log = ingest('{"loss": [0.9, 0.7, 0.6, 0.5, 0.45, 0.42], "val_lo');
    expect(log.runs[0].series.map((s) => s.key)).toEqual(['loss']);
  });

  it('still refuses text that only starts with a brace', () => {
    try {
      ingest('{ this is not a log at all');
      expect.unreachable();
    } catch (e) {
      expect(isIngestError(e)).toBe(true);
    }
  });
});

describe('several rows per epoch, printed HF dicts (found in review)', () => {
  it('per-iteration text lines are one run, spread inside each epoch', () => {
    const lines: string[] = [];
    for (let e = 1; e <= 10; e++)
      for (let s = 1; s <= 6; s++)
        lines.push(`Epoch [${e}/10], Step [${s * 100}/600], Loss: ${(1 / (e + s / 6)).toFixed(4)}`);
    const log = ingest(lines.join('\n'));
    expect(log.runs).toHaveLength(1);
    const x = log.runs[0].series[0].x;
    expect(x).toHaveLength(60);
    expect(x[5]).toBe(1); // the last step of epoch 1 sits at epoch 1
    expect(x[0]).toBeCloseTo(1 / 6);
  });

  it('a CSV with several rows per epoch is one run; a restart is still a new run', () => {
    const rows = ['epoch,iter,loss,acc'];
    for (let e = 0; e < 25; e++) for (let i = 0; i < 4; i++) rows.push(`${e},${i},${1 / (e + 1)},0.5`);
    const one = ingest(rows.join('\n'));
    expect(one.runs).toHaveLength(1);
    expect(one.warnings.map((w) => w.code)).toContain('rows_per_epoch');
    const two = ingest(['epoch,loss', '0,1', '1,0.8', '2,0.7', '0,0.9', '1,0.6'].join('\n'));
    expect(two.runs).toHaveLength(2);
  });

  it('one NA epoch cell does not void the epoch column', () => {
    const log = ingest('epoch,loss,val_loss\n10,1,1\n11,0.9,0.95\nNA,0.8,0.9\n13,0.7,0.85\n14,0.65,0.8\n');
    expect(log.runs[0].series[0].x).toEqual([10, 11, 12, 13, 14]);
  });

  it('printed Hugging Face log dicts are read (no step key)', () => {
    const text = [
      "{'loss': 0.6931, 'grad_norm': 1.9, 'learning_rate': 4.9e-05, 'epoch': 0.5}",
      "{'eval_loss': 0.61, 'eval_runtime': 1.2, 'epoch': 1.0}",
      "{'loss': 0.52, 'grad_norm': 1.5, 'learning_rate': 4.5e-05, 'epoch': 1.5}",
      "{'eval_loss': 0.55, 'eval_runtime': 1.2, 'epoch': 2.0}",
    ].join('\n');
    const log = ingest(text);
    expect(log.format).toBe('hf-trainer-state');
    const keys = log.runs[0].series.map((s) => s.key);
    expect(keys).toContain('loss');
    expect(keys).toContain('val_loss');
  });
});

it("a file made only of Keras runs joined with '>' is read as console output", () => {
  const log = ingest(
    "Config 'A'>168s - loss: 0.6 - val_loss: 0.7>160s - loss: 0.5 - val_loss: 0.65\nConfig 'B'>150s - loss: 0.7 - val_loss: 0.8>140s - loss: 0.6 - val_loss: 0.75\n",
  );
  expect(log.format).toBe('keras-stdout');
  expect(log.runs).toHaveLength(2);
});
