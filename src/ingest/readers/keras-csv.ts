/** Keras CSVLogger: an epoch column first, then Keras metric names. */
import { readTableAs, type Reader } from '../input.js';

export const kerasCsv: Reader = {
  name: 'keras-csv',
  aliases: ['csvlogger', 'keras'],
  about: 'Keras CSVLogger (epoch,<metrics>; 0-based epochs)',
  header(header) {
    if (header[0].toLowerCase() !== 'epoch') return false;
    return header.slice(1).some((c) => /^(loss|val_loss|acc|accuracy|val_acc|val_accuracy)$/.test(c));
  },
  read: (input) => readTableAs(input, 'keras-csv'),
};
