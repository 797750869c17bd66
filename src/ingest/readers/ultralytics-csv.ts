/** Ultralytics YOLO results.csv: box/cls/dfl loss components per split, cells padded with spaces; and the
 * headerless results.txt that yolov3 and yolov5 wrote before it. */
import { readTableAs, type Reader } from '../input.js';
import { looksLikeYoloResultsTxt, parseYoloResultsTxt } from '../formats/yolo-results-txt.js';
import { looksLikeYoloConsole, parseYoloConsole } from '../formats/yolo-console.js';

export const ultralyticsCsv: Reader = {
  name: 'ultralytics-csv',
  aliases: ['yolo', 'ultralytics'],
  about:
    'Ultralytics YOLO results.csv (space-padded, train/box_loss ... metrics/mAP50(B)), the headerless results.txt of yolov3/yolov5, or the console (Epoch GPU_mem box_loss ...)',
  header(header, firstLine) {
    const lower = header.map((c) => c.toLowerCase());
    return lower.some((c) => /^train\/(box|seg|cls|dfl)_loss$/.test(c)) || /^\s{3,}epoch,\s+train\//.test(firstLine);
  },
  // results.txt has no header to claim: its first lines' layout ("0/299  3.2G  0.0712 ...", 15 cells) says it
  // and its console ("Epoch GPU_mem box_loss ... Instances Size", a row per epoch, the validation's "all" row)
  sniff: (input) => looksLikeYoloResultsTxt(input.lines().slice(0, 20)) || looksLikeYoloConsole(input.text),
  read(input) {
    const lines = input.lines();
    if (looksLikeYoloResultsTxt(lines.slice(0, 20))) return { raw: parseYoloResultsTxt(lines, input.limits), lines };
    if (looksLikeYoloConsole(input.text)) return { raw: parseYoloConsole(lines, input.limits), lines };
    return readTableAs(input, 'ultralytics-csv');
  },
};
