/**
 * The real thing: each preset trained with its seed and diagnosed by the real diagnose(). Slow-ish
 * (the overfit preset trains LSTM(128) for 100 epochs), so the presets run concurrently in the pool.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/train/presets.js';
import { closePool } from '../../src/train/threads/pool.js';
import { runTrain, type TrainOutcome } from '../../src/train/index.js';

afterAll(() => closePool());

const names = ['ideal', 'overfit', 'underfit', 'high_variance', 'unstable', 'temperature'] as const;
const runs = new Map<string, Promise<TrainOutcome>>();
const run = (name: string) => {
  if (!runs.has(name)) runs.set(name, runTrain(PRESETS[name].config));
  return runs.get(name)!;
};

describe('presets are diagnosed as the pattern they demonstrate', () => {
  for (const name of names) {
    it(`${name} -> ${PRESETS[name].demonstrates}`, async () => {
      const o = await run(name);
      const h = o.result.history;
      const brief = `${name}: ${o.diagnosis.pattern} (${o.diagnosis.confidence}) loss ${h.loss.map((v) => v.toPrecision(3)).join(' ')} | val ${h.val_loss.map((v) => v.toPrecision(3)).join(' ')}`;
      expect(o.diagnosis.pattern, brief).toBe(PRESETS[name].demonstrates);
    }, 240_000);
  }
});
