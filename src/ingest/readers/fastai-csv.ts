/** fastai's CSVLogger history.csv (epoch,train_loss,valid_loss,<metrics>,time), or its printed fit table. */
import { readTableAs, type Reader } from '../input.js';
import { parsePlainTable } from '../formats/plain-table.js';

export const fastaiCsv: Reader = {
  name: 'fastai-csv',
  aliases: ['fastai'],
  about: 'fastai CSVLogger history.csv, or the table fit() prints',
  header(header) {
    const lower = header.map((c) => c.toLowerCase());
    return (
      lower[0] === 'epoch' &&
      lower.includes('train_loss') &&
      lower.includes('valid_loss') &&
      lower[lower.length - 1] === 'time'
    );
  },
  read(input) {
    // a Markdown pipe table or a whitespace-aligned console table (fastai's fit output)
    const lines = input.lines();
    const raw = parsePlainTable(lines, input.limits, 'fastai-csv');
    if (raw) return { raw, lines };
    return readTableAs(input, 'fastai-csv');
  },
};
