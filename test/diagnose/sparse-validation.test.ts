/** Too few validation points beside a long training curve: judged on the training curve, and said so. */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { diagnose } from '../../src/diagnose/index.js';

const loss = Array.from({ length: 20 }, (_, i) => +(1 / (i + 1) + 0.1).toFixed(3));

describe('sparse validation', () => {
  it('validation_freq=5 over 20 epochs (4 val points) is judged on the training curve, not "not assessable"', () => {
    const d = diagnose(ingest(JSON.stringify({ loss, val_loss: [0.35, 0.25, 0.2, 0.18] })));
    expect(d.pattern).toBe('good_fit');
    expect(d.findings).toContain('no_validation');
    expect(d.reasons.join(' ')).toMatch(
      /val_loss has only 4 point\(s\), too few to read a trend: the run is judged on its training curve/,
    );
  });

  it('with 5 val points the pair is read as before; with a short training curve too, it stays not assessable', () => {
    const five = diagnose(ingest(JSON.stringify({ loss, val_loss: [0.35, 0.25, 0.2, 0.18, 0.17] })));
    expect(five.findings).not.toContain('no_validation');
    const short = diagnose(ingest(JSON.stringify({ loss: loss.slice(0, 4), val_loss: [0.35, 0.25, 0.2, 0.18] })));
    expect(short.pattern).toBe('not_assessable');
  });
});
