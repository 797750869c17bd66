/**
 * Presets reproducing the guide's examples, each sized to finish in under 60 s on a 2-core machine with
 * the wasm backend. `demonstrates` is the pattern the example is meant to show (and the diagnosis the
 * seeded test expects).
 */
import type { Pattern } from '../diagnose/index.js';
import { ConfigError, parseConfig, type TrainConfig, type TrainConfigInput } from './config.js';

export interface Preset {
  name: string;
  title: string;
  demonstrates: Pattern;
  /** what the guide's example is and what we changed to fit the caps */
  notes: string;
  config: TrainConfigInput;
}

export const PRESETS: Record<string, Preset> = {
  ideal: {
    name: 'ideal',
    title: 'Linear sequence, LSTM(10): a good fit',
    demonstrates: 'good_fit',
    notes:
      "The guide's good-fit example: 100 windows of 5 values of 0.01, 0.02, ... predicting the next, shuffled once, LSTM(10) + Dense(1), Adam, MSE, 150 epochs. We add N(0, 0.01) measurement noise: without it val_loss reaches ~3e-5 and its later drift to ~1e-4 (meaningless on targets near 1) reads as a relative rise.",
    config: {
      name: 'ideal',
      data: { dataset: 'linear', samples: 100, n_steps: 5, noise: 0.01, scaling: 'none', shuffle: true, seed: 1 },
      model: { lstm: [{ units: 10 }] },
      optimizer: { name: 'adam', lr: 0.001 },
      fit: { epochs: 150, batch_size: 32, validation_split: 0.2, seed: 3 },
    },
  },
  overfit: {
    name: 'overfit',
    title: 'LSTM(128) on 50 random samples: overfitting',
    demonstrates: 'overfitting',
    notes:
      "The guide's overfitting example: 50 samples of random inputs and random targets (nothing to learn), LSTM(128) + Dense(1). batch_size 4, Adam 1e-3, 250 epochs: for ~120 epochs both losses sit at the variance of the targets, then the model memorises the 40 training samples while val_loss climbs (with Keras' default batch 32 there are only 2 updates per epoch and memorisation starts after ~300 epochs).",
    config: {
      name: 'overfit',
      data: { dataset: 'random', samples: 50, n_steps: 10, scaling: 'none', seed: 2 },
      model: { lstm: [{ units: 128 }] },
      optimizer: { name: 'adam', lr: 0.001 },
      fit: { epochs: 250, batch_size: 4, validation_split: 0.2, seed: 2 },
    },
  },
  underfit: {
    name: 'underfit',
    title: 'LSTM(4) on a noisy sine with a tiny learning rate: underfitting',
    demonstrates: 'underfitting',
    notes:
      "The guide's underfitting example: sin(0.15 t) + N(0, 0.5), windows of 10, a tiny LSTM(4) + Dense(1) trained with Adam lr 1e-4 for 40 epochs.",
    config: {
      name: 'underfit',
      data: { dataset: 'noisy_sine', samples: 400, n_steps: 10, noise: 0.5, scaling: 'none', seed: 1 },
      model: { lstm: [{ units: 4 }] },
      optimizer: { name: 'adam', lr: 0.0001 },
      fit: { epochs: 40, batch_size: 32, validation_split: 0.2, seed: 6 },
    },
  },
  high_variance: {
    name: 'high_variance',
    title: 'Too little data, tiny batches, a high learning rate: high variance',
    demonstrates: 'high_variance',
    notes:
      "The guide's high-variance case: too little data for a reliable estimate (150 days of real temperatures: 120 training windows, 30 validation), batch 4 and Adam lr 0.03, so val_loss jumps from epoch to epoch far above the train loss. High variance and overfitting are neighbours in the diagnosis: other seeds of this config are read as overfitting.",
    config: {
      name: 'high_variance',
      data: { dataset: 'temperature', samples: 150, n_steps: 10, noise: 0, scaling: 'standard', seed: 0 },
      model: { lstm: [{ units: 8 }] },
      optimizer: { name: 'adam', lr: 0.03 },
      fit: { epochs: 40, batch_size: 4, validation_split: 0.2, seed: 4 },
    },
  },
  unstable: {
    name: 'unstable',
    title: 'Unscaled temperatures, SGD with a high learning rate: unstable',
    demonstrates: 'unstable',
    notes:
      "The guide's unstable case: raw (unscaled) daily temperatures in °C, plain SGD with lr 0.5 and no gradient clipping: the loss explodes to inf/NaN within a few epochs (the run stops after 3 non-finite epochs).",
    config: {
      name: 'unstable',
      data: { dataset: 'temperature', samples: 600, n_steps: 10, noise: 0, scaling: 'none', seed: 5 },
      model: { lstm: [{ units: 32 }] },
      optimizer: { name: 'sgd', lr: 0.5 },
      fit: { epochs: 40, batch_size: 32, validation_split: 0.2, seed: 5 },
    },
  },
  temperature: {
    name: 'temperature',
    title: "The case study's final temperature model",
    demonstrates: 'good_fit',
    notes:
      "The case study's final model as published: LSTM(128, l2 1e-3, recurrent_dropout 0.2) -> LSTM(64, dropout 0.2) -> Dense(32, relu) -> Dense(1), Adam 0.0005, MSE + MAE, EarlyStopping(patience 20, restore_best_weights). Scaled to the caps by the data, not the model: 800 windows of 10 days of real Seattle maxima (standard scaling) and at most 60 epochs (early stopping ends it near 50); ~20 s with the wasm backend.",
    config: {
      name: 'temperature',
      data: { dataset: 'temperature', samples: 800, n_steps: 10, noise: 0, scaling: 'standard', seed: 6 },
      model: {
        lstm: [
          { units: 128, l2: 0.001, recurrent_dropout: 0.2 },
          { units: 64, dropout: 0.2 },
        ],
        dense: [{ units: 32, activation: 'relu' }],
      },
      optimizer: { name: 'adam', lr: 0.0005 },
      fit: {
        epochs: 60,
        batch_size: 32,
        validation_split: 0.2,
        seed: 6,
        early_stopping: { patience: 20, restore_best: true },
      },
    },
  },
};

export const PRESET_NAMES = Object.keys(PRESETS);

export function preset(name: string): TrainConfig {
  const key = name.trim().toLowerCase().replace(/-/g, '_');
  // own properties only: preset:__proto__ / constructor are unknown presets, not Object.prototype
  const p = Object.hasOwn(PRESETS, key) ? PRESETS[key] : undefined;
  if (!p) throw new ConfigError(`unknown preset "${name.slice(0, 40)}"; presets: ${PRESET_NAMES.join(', ')}`);
  return parseConfig(p.config);
}
