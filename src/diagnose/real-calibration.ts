/**
 * The reliability map for logs people send (uploads, watched runs): the verdict's probability -> how often such
 * verdicts were acceptable to two expert labelling passes on the labelled wild batches. Written by
 * scripts/diagnoser/calibrate-real.ts --write (its honesty: leave-one-batch-out and the real corpus, printed
 * there and in docs/diagnosis.md); not edited by hand.
 */
import type { Calibration } from './model.js';

export const REAL_CALIBRATION: Calibration & {
  provenance: { batches: string[]; answers: number; min_block: number };
} = {
  x: [0.3648, 0.44, 0.4848, 0.5089, 0.5365, 0.6273, 0.7197, 0.7457, 0.7796, 0.8018, 0.8118, 0.8613],
  y: [0.4815, 0.7308, 0.8148, 0.8148, 0.8148, 0.9075, 0.9259, 0.961, 0.961, 0.963, 0.963, 0.9831],
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
    ],
    answers: 834,
    min_block: 25,
  },
};
