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
  x: [0.4545, 0.5471, 0.6503, 0.7211, 0.7601, 0.8001, 0.835, 0.8548, 0.9349],
  y: [0.7273, 0.8077, 0.8431, 0.8889, 0.9231, 0.9259, 0.961, 0.963, 0.9863],
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
      'wild24',
    ],
    answers: 1005,
    min_block: 25,
  },
};
