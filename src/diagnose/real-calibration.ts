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
  x: [0.3888, 0.4739, 0.5222, 0.6411, 0.7451, 0.764, 0.7887, 0.8304, 0.857, 0.8641, 0.9375],
  y: [0.6667, 0.6731, 0.8148, 0.8644, 0.8889, 0.8889, 0.8889, 0.9608, 0.963, 0.963, 0.9862],
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
      'wild25',
      'wild26',
      'wild27',
      'wild28',
    ],
    answers: 1152,
    min_block: 25,
  },
};
