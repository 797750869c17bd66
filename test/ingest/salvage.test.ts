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
