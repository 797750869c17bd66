/** The watched run's alerts on seeded synthetic runs: NaN at once, overfitting soon after val's minimum, nothing on a good fit. */
import { describe, expect, test } from 'vitest';
import { WatchSession, type Alert } from '../../src/watch/session.js';
import { goodRun, nanRun, overfittingRun, type SyntheticRun } from './synthetic.js';

/** feed a run epoch by epoch (0-based, like Keras' on_epoch_end); the alerts with the epoch they came at */
function replay(run: SyntheticRun, planned = true): { s: WatchSession; alerts: Alert[] } {
  const s = new WatchSession('run');
  const alerts: Alert[] = [];
  for (let i = 0; i < run.epochs; i++)
    alerts.push(
      ...s.add({
        run: 'run',
        epochs: planned ? run.epochs : undefined,
        reports: [{ epoch: i, metrics: { loss: run.history.loss[i], val_loss: run.history.val_loss[i] } }],
      }),
    );
  return { s, alerts };
}

describe('WatchSession alerts', () => {
  test('NaN: at the epoch it appears, once', () => {
    const run = nanRun(3, 40, 17);
    const { alerts } = replay(run);
    const nan = alerts.filter((a) => a.kind === 'nan_inf');
    expect(nan).toHaveLength(1);
    expect(nan[0]).toMatchObject({ epoch: 17, metric: 'loss' });
    expect(Number.isNaN(nan[0].value)).toBe(true);
    expect(alerts.some((a) => a.kind === 'plateau')).toBe(false);
  });

  test.each([1, 2, 5])(
    'overfitting (seed %i): one confident alert within 15 epochs of the minimum, naming the best epoch and what stopping saves',
    (seed) => {
      const run = overfittingRun(seed, 60, 20);
      const { alerts } = replay(run);
      const o = alerts.filter((a) => a.kind === 'overfitting');
      expect(o).toHaveLength(1);
      expect(o[0].epoch).toBeGreaterThan(20);
      expect(o[0].epoch).toBeLessThanOrEqual(35);
      expect(Math.abs(o[0].bestEpoch! - 20)).toBeLessThanOrEqual(2);
      expect(o[0].saves).toBe(60 - o[0].epoch);
      expect(o[0].confidence).toBeGreaterThanOrEqual(0.6);
    },
  );

  test('a good fit raises nothing; the live diagnosis agrees', () => {
    const { s, alerts } = replay(goodRun(4, 40));
    expect(alerts).toEqual([]);
    expect(s.diagnosis()?.pattern).toBe('good_fit');
  });

  test('batched, repeated and out-of-order epochs: one value per epoch, in epoch order', () => {
    const s = new WatchSession('r');
    s.add({
      run: 'r',
      reports: [
        { epoch: 2, metrics: { loss: 3 } },
        { epoch: 0, metrics: { loss: 1 } },
      ],
    });
    s.add({
      run: 'r',
      reports: [
        { epoch: 1, metrics: { loss: 2, acc: 0.5 } },
        { epoch: 2, metrics: { loss: 2.5 } },
      ],
    });
    expect(s.history()).toEqual({ loss: [1, 2, 2.5], acc: [0.5, 0.5, 0.5] });
    expect(s.latest()).toEqual({ epoch: 3, metrics: { loss: 2.5 } });
  });
});
