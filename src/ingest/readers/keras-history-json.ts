/**
 * Keras history.history: a dict of per-epoch lists, as JSON, as the printed Python dict, or through
 * pandas (to_json, or to_csv: a table whose first column is the index, or with loss/val_loss and no
 * epoch column).
 */
import { STEP_KEYS } from '../formats/axis.js';
import { isDocument, readDocument, readTableAs, type Reader } from '../input.js';

export const kerasHistoryJson: Reader = {
  name: 'keras-history-json',
  aliases: ['json', 'history', 'keras-history', 'keras-json', 'pandas', 'dict'],
  about: 'Keras history.history as JSON, the printed dict, or pandas to_json / to_csv',
  header(header) {
    const first = header[0].toLowerCase();
    // pandas to_csv with its index column, or to_csv(index=False) of history.history
    if (first === '' || first === 'unnamed: 0') return true;
    // a table counted by a step counter is a training loop's own log, not a Keras history
    if (header.some((c) => STEP_KEYS.includes(c.trim().toLowerCase()))) return false;
    return first !== 'epoch' && header.some((c) => /^(loss|val_loss)$/.test(c));
  },
  // a document is read for what it is (a trainer_state.json stays one); anything else as a table
  read: (input) => (isDocument(input) ? readDocument(input, true) : readTableAs(input, 'keras-history-json')),
};
