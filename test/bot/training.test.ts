/** The pieces of the live training message and the run store, without Discord. */
import { expect, test } from 'vitest';
import { progressBar, progressView, describeConfig } from '../../src/bot/training-views.js';
import { RunStore } from '../../src/bot/store.js';
import { preset } from '../../src/train/presets.js';

test('progress bar: 20 cells and a percentage, clamped', () => {
  expect(progressBar(0)).toBe(`${'░'.repeat(20)} 0%`);
  expect(progressBar(0.5)).toBe(`${'█'.repeat(10)}${'░'.repeat(10)} 50%`);
  expect(progressBar(1.7)).toBe(`${'█'.repeat(20)} 100%`);
  expect(progressBar(Number.NaN)).toBe(`${'░'.repeat(20)} 0%`);
});

test('progress view: title, bar, epoch line with losses and ETA, and a Cancel button for that job', () => {
  const v = progressView('Training x', '0b4f0c1e-1111-2222-3333-444455556666', {
    progress: {
      label: 'epoch 12/60',
      fraction: 0.2,
      epoch: 12,
      epochs: 60,
      loss: 0.1234,
      val_loss: 0.2,
      eta_ms: 14_000,
    },
  });
  expect(v.content).toMatch(
    /^\*\*Training x\*\*\n`█{4}░{16} 20%`\nepoch 12\/60 · loss 0\.123 · val_loss 0\.2 · ~14 s left$/,
  );
  expect(v.components[0].components[0]).toMatchObject({
    type: 2,
    style: 4,
    label: 'Cancel',
    custom_id: 'ct|0b4f0c1e-1111-2222-3333-444455556666|cancel',
  });
  expect(progressView('t', 'j', { queued: 2 }).content).toMatch(/2 ahead/);
});

test('describeConfig names the model, data, optimiser and fit', () => {
  expect(describeConfig(preset('underfit'))).toBe(
    'underfit: LSTM(4) on noisy_sine, adam lr 0.0001, batch 32, 40 epochs',
  );
});

test('run store: entries expire', async () => {
  const s = new RunStore(20);
  const k = s.put({} as never, 'tfkeras');
  expect(s.get(k)?.dialect).toBe('tfkeras');
  await new Promise((r) => setTimeout(r, 40));
  expect(s.get(k)).toBeUndefined();
});
