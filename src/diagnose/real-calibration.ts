/**
 * The reliability map for logs people send (uploads, watched runs): the verdict's probability (after the real-log
 * adapter) -> how often such verdicts were acceptable to two expert labelling passes on the labelled wild batches.
 * Written by scripts/diagnoser/calibrate-real.ts --write (its honesty: leave-one-batch-out and the real corpus,
 * printed there and in docs/diagnosis.md); not edited by hand.
 */
import type { Calibration } from './model.js';

export const REAL_CALIBRATION: Calibration & {
  provenance: { batches: string[]; answers: number; min_block: number };
} = {
  x: [0.3894, 0.4669, 0.5181, 0.5716, 0.6689, 0.8045, 0.8581, 0.8796, 0.891, 0.8981, 0.9046, 0.9494],
  y: [0.7407, 0.7407, 0.7885, 0.8148, 0.8346, 0.9606, 0.9615, 0.9615, 0.963, 0.963, 0.963, 0.9857],
  provenance: {
    batches: [
      'wild',
      'wild2',
      'wild3',
      'wild4',
      'wild5',
      'wild6',
      'wild7',
      'wild8',
      'wild9',
      'wild10',
      'wild11',
      'wild12',
      'wild13',
      'wild14',
      'wild15',
      'wild16',
      'wild17',
      'wild18',
      'wild19',
      'wild20',
      'wild21',
      'wild22',
      'wild23',
    ],
    answers: 969,
    min_block: 25,
  },
};
