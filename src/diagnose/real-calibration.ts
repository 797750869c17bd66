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
  x: [0.3632, 0.438, 0.4784, 0.5022, 0.5318, 0.5569, 0.5884, 0.6662, 0.7446, 0.7803, 0.8, 0.8075, 0.8587],
  y: [0.4815, 0.7115, 0.7778, 0.8148, 0.8148, 0.8846, 0.9038, 0.9096, 0.9608, 0.961, 0.963, 0.963, 0.9791],
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
    ],
    answers: 935,
    min_block: 25,
  },
};
