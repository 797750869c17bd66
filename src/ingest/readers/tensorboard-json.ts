/** TensorBoard's "Download JSON" of one scalar: [[wall time, step, value], ...]. */
import { isDocument, readDocument, readTableAs, type Reader } from '../input.js';

export const tensorboardJson: Reader = {
  name: 'tensorboard-json',
  aliases: [],
  about: 'TensorBoard "Download JSON" of one scalar ([[wall, step, value], ...])',
  // a document is read for what it is; anything else as a table
  read: (input) => (isDocument(input) ? readDocument(input, true) : readTableAs(input, 'tensorboard-json')),
};
