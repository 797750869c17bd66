/** PyTorch Lightning's CSVLogger metrics.csv: sparse rows keyed by epoch and step (formats/lightning.ts reads them). */
import { readTableAs, type Reader } from '../input.js';

export const lightningCsv: Reader = {
  name: 'lightning-csv',
  aliases: ['lightning', 'pl'],
  about: 'PyTorch Lightning CSVLogger metrics.csv (epoch, step, *_step / *_epoch columns)',
  header(header) {
    const lower = header.map((c) => c.toLowerCase());
    if (lower.includes('step') && lower.includes('epoch')) return true;
    return lower.includes('step') && lower.some((c) => /_(step|epoch)$/.test(c) || /^lr-/.test(c));
  },
  read: (input) => readTableAs(input, 'lightning-csv'),
};
