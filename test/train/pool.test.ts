import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/train/config.js';
import { closePool, trainInWorker, TrainCancelledError, TrainTimeoutError } from '../../src/train/threads/pool.js';
import { runTrain } from '../../src/train/index.js';
import type { EpochLog } from '../../src/train/trainer.js';

const tiny = parseConfig({
  data: { dataset: 'noisy_sine', samples: 64, n_steps: 5 },
  model: { lstm: [{ units: 4 }] },
  fit: { epochs: 4, batch_size: 16 },
});
const long = parseConfig({
  data: { samples: 2000, n_steps: 20 },
  model: { lstm: [{ units: 64 }] },
  fit: { epochs: 300 },
});

afterAll(() => closePool());

describe('worker pool', () => {
  it('trains in a worker thread and reports progress', async () => {
    const progress: EpochLog[] = [];
    const r = await trainInWorker(tiny, { onProgress: (e) => progress.push(e), progressMs: 0 });
    expect(r.history.loss).toHaveLength(4);
    expect(r.tensors_after).toBe(r.tensors_before);
    expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    expect(progress[3]).toMatchObject({ epochs: 4 });
    expect(progress[3].eta_ms).toBe(0);
  });

  it('throttles progress (first and last epoch always sent)', async () => {
    const progress: EpochLog[] = [];
    await trainInWorker(tiny, { onProgress: (e) => progress.push(e), progressMs: 60_000 });
    expect(progress.map((p) => p.epoch)).toEqual([1, 4]);
  });

  it('cancel ends the worker', async () => {
    const ac = new AbortController();
    const p = trainInWorker(long, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toBeInstanceOf(TrainCancelledError);
  });

  it('the hard time limit ends the worker', async () => {
    await expect(trainInWorker(long, { hardLimitMs: 1500 })).rejects.toBeInstanceOf(TrainTimeoutError);
    // the pool still works afterwards
    const r = await trainInWorker(tiny);
    expect(r.epochs_run).toBe(4);
  });

  it('runTrain returns the diagnosis of the run', async () => {
    const o = await runTrain(tiny);
    expect(o.log.format).toBe('keras-history-json');
    expect(o.diagnosis.evidence.points).toBe(4);
    expect(o.summary.epochs_run).toBe(4);
  });
});
