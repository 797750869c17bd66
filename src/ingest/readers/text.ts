/**
 * Any other text: printed training loops ("Epoch 3: train loss=0.41, val loss=0.52"), boosting rounds
 * ("[12] train-rmse:0.51 eval-rmse:0.62"), printed lists. Detection's last resort.
 */
import type { Reader } from '../input.js';
import { parseGenericText } from '../formats/console.js';

export const text: Reader = {
  name: 'text',
  aliases: ['txt', 'log'],
  about: 'any other text with "epoch N ... name: value" lines',
  read(input) {
    const lines = input.lines();
    return { raw: parseGenericText(lines, input.limits), lines };
  },
};
