/** Ultralytics YOLO results.csv: box/cls/dfl loss components per split, cells padded with spaces. */
import { readTableAs, type Reader } from '../input.js';

export const ultralyticsCsv: Reader = {
  name: 'ultralytics-csv',
  aliases: ['yolo', 'ultralytics'],
  about: 'Ultralytics YOLO results.csv (space-padded, train/box_loss ... metrics/mAP50(B))',
  header(header, firstLine) {
    const lower = header.map((c) => c.toLowerCase());
    return lower.some((c) => /^train\/(box|seg|cls|dfl)_loss$/.test(c)) || /^\s{3,}epoch,\s+train\//.test(firstLine);
  },
  read: (input) => readTableAs(input, 'ultralytics-csv'),
};
