/** TensorBoard's "Download CSV" of one scalar: Wall time,Step,Value. */
import { readTableAs, type Reader } from '../input.js';

export const tensorboardCsv: Reader = {
  name: 'tensorboard-csv',
  aliases: ['tensorboard', 'tb'],
  about: 'TensorBoard "Download CSV" of one scalar (Wall time,Step,Value)',
  header(header) {
    const lower = header.map((c) => c.toLowerCase());
    return lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value';
  },
  read: (input) => readTableAs(input, 'tensorboard-csv'),
};
