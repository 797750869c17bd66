/**
 * Metric names written in Chinese, Japanese or Korean (and the counters of Russian and Ukrainian: WORD_TERMS),
 * read in English before any reader sees the text:
 * `训练损失: 0.52` reads as `train_loss: 0.52`, a CSV header `轮次,训练损失,验证损失` as `epoch,train_loss,val_loss`.
 * Only the terms below are translated (knowledge as data: add a row, not a rule); a line without one of
 * these scripts is never touched. Full-width punctuation (`：`, `，`, `（`) on such a line becomes ASCII so
 * the readers see their separators, unless the line already uses the ASCII mark (a CSV row whose note says
 * "下调，继续"). A name after an untranslated word ("分类损失", classification loss) stays as written. docs/ingest.md#metric-names.
 */

/** [written, English]. Longer terms first where one contains another (训练损失 before 损失). */
export const TERMS: readonly (readonly [string, string])[] = [
  // Chinese (simplified, then traditional where it differs)
  ['训练集损失', 'train_loss'],
  ['训练损失', 'train_loss'],
  ['訓練集損失', 'train_loss'],
  ['訓練損失', 'train_loss'],
  ['验证集损失', 'val_loss'],
  ['验证损失', 'val_loss'],
  ['驗證集損失', 'val_loss'],
  ['驗證損失', 'val_loss'],
  ['测试集损失', 'test_loss'],
  ['测试损失', 'test_loss'],
  ['測試集損失', 'test_loss'],
  ['測試損失', 'test_loss'],
  ['训练集准确率', 'train_accuracy'],
  ['训练准确率', 'train_accuracy'],
  ['训练正确率', 'train_accuracy'],
  ['训练精度', 'train_accuracy'],
  ['訓練準確率', 'train_accuracy'],
  ['验证集准确率', 'val_accuracy'],
  ['验证准确率', 'val_accuracy'],
  ['验证正确率', 'val_accuracy'],
  ['验证精度', 'val_accuracy'],
  ['驗證準確率', 'val_accuracy'],
  ['测试集准确率', 'test_accuracy'],
  ['测试准确率', 'test_accuracy'],
  ['测试正确率', 'test_accuracy'],
  ['测试精度', 'test_accuracy'],
  ['測試準確率', 'test_accuracy'],
  ['平均损失', 'avg_loss'],
  ['平均損失', 'avg_loss'],
  ['总损失', 'total_loss'],
  ['總損失', 'total_loss'],
  // qualifiers a name may start with (a qualifier not listed keeps the name untranslated: see translateTerms)
  ['平均', 'avg'],
  ['当前', 'current'],
  ['當前', 'current'],
  ['损失值', 'loss'],
  ['损失', 'loss'],
  ['損失', 'loss'],
  ['准确率', 'accuracy'],
  ['准确度', 'accuracy'],
  ['準確率', 'accuracy'],
  ['正确率', 'accuracy'],
  ['精确率', 'precision'],
  ['召回率', 'recall'],
  ['学习率', 'lr'],
  ['學習率', 'lr'],
  ['轮次', 'epoch'],
  ['轮数', 'epoch'],
  ['步骤', 'step'],
  ['步数', 'step'],
  ['迭代次数', 'iteration'],
  ['迭代', 'iteration'],
  ['批次', 'batch'],
  ['训练集', 'train'],
  ['训练', 'train'],
  ['訓練', 'train'],
  ['验证集', 'val'],
  ['验证', 'val'],
  ['驗證', 'val'],
  ['测试集', 'test'],
  ['测试', 'test'],
  ['測試', 'test'],
  // Japanese (損失, 学習率 and 訓練 as above)
  ['学習損失', 'train_loss'],
  ['検証損失', 'val_loss'],
  ['学習精度', 'train_accuracy'],
  ['検証精度', 'val_accuracy'],
  ['正解率', 'accuracy'],
  ['精度', 'accuracy'],
  ['エポック', 'epoch'],
  ['検証', 'val'],
  ['学習', 'train'],
  // Korean
  ['훈련 손실', 'train_loss'],
  ['학습 손실', 'train_loss'],
  ['검증 손실', 'val_loss'],
  ['테스트 손실', 'test_loss'],
  ['훈련 정확도', 'train_accuracy'],
  ['학습 정확도', 'train_accuracy'],
  ['검증 정확도', 'val_accuracy'],
  ['테스트 정확도', 'test_accuracy'],
  ['손실', 'loss'],
  ['정확도', 'accuracy'],
  ['학습률', 'lr'],
  ['에포크', 'epoch'],
  ['에폭', 'epoch'],
  ['평균', 'avg'],
  ['훈련', 'train'],
  ['검증', 'val'],
];

/**
 * Counters in Russian and Ukrainian (scripts that put spaces between words), read in English only as whole words:
 * `эпоха 3: train 4.18` reads as `epoch 3: train 4.18`, `ЛУЧШАЯ эпоха 22` as `best epoch 22`. Only counters (and
 * `best`): a loss or an accuracy in these languages comes with its split in words whose order and endings vary
 * (`Валидация - потеря`, `потеря на валидации`, `Потеря (валидация)`); read as `loss`, a validation value would be the
 * training loss, so such names stay as written (a line of them names nothing).
 */
export const WORD_TERMS: readonly (readonly [string, string])[] = [
  ['эпоха', 'epoch'],
  ['эпохи', 'epoch'],
  ['эпоху', 'epoch'],
  ['епоха', 'epoch'],
  ['епохи', 'epoch'],
  ['шаг', 'step'],
  ['крок', 'step'],
  ['итерация', 'iteration'],
  ['ітерація', 'iteration'],
  // "ЛУЧШАЯ эпоха 22: ..." is the best epoch's summary, as "Best epoch 22" is, no epoch of its own
  ['лучшая', 'best'],
  ['лучший', 'best'],
  ['лучшее', 'best'],
  ['лучшую', 'best'],
  ['найкраща', 'best'],
  ['найкращий', 'best'],
  ['найкраще', 'best'],
];

/** Full-width (and ideographic) punctuation as the readers' ASCII. */
const PUNCT: Record<string, string> = {
  '：': ':',
  '，': ',',
  '（': '(',
  '）': ')',
  '％': '%',
  '｜': '|',
  '＝': '=',
  '；': ';',
  '／': '/',
  '［': '[',
  '］': ']',
  '\u3000': ' ',
};

/** Han, kana, Hangul or full-width forms: the only lines worth a look (and Cyrillic, for WORD_TERMS). */
const SCRIPT = /[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]/;
const CYRILLIC = /[\u0400-\u04ff]/;
/** Either: one scan of a text in neither (most logs) says there is nothing to translate. */
const ANY_SCRIPT = new RegExp(`${SCRIPT.source}|${CYRILLIC.source}`);
const WORD_TERM_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:${WORD_TERMS.map(([w]) => w).join('|')})(?![\\p{L}\\p{N}_])`,
  'giu',
);
const WORD_ENGLISH = new Map(WORD_TERMS.map(([w, e]) => [w, e]));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "第 3 轮" (the 3rd round) is epoch 3; then every term, longest first. Built once. */
const ROUND = /第\s*(\d{1,7})\s*(?:[个個]\s*)?(?:轮|輪|epoch)/gi;
const TERM_RE = new RegExp(
  [...TERMS]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w]) => escape(w).replace(/ /g, '\\s?'))
    .join('|'),
  'g',
);
const ENGLISH = new Map(TERMS.map(([w, e]) => [w.replace(/ /g, ''), e]));
const PUNCT_RE = new RegExp(`[${Object.keys(PUNCT).join('')}]`, 'g');

/** Han, kana or Hangul: a word of the line's own language. */
const WORD_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** Possessives between a qualifier and a name ("测试集上的正确率": the accuracy of the test set; 検証データの損失). */
const POSSESSIVE = new Set(['的', '之', 'の']);
/** English words that are not names (split words, counters, qualifiers): their terms translate wherever they stand. */
export const NOT_A_NAME: ReadonlySet<string> = new Set([
  'train',
  'val',
  'test',
  'epoch',
  'step',
  'iteration',
  'batch',
  'avg',
  'current',
  'total',
]);

/** A character that would glue onto an English word: a letter, digit or a CJK character. */
function glues(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

/** Does an untranslated word of the line's language stand right before `offset` (at most one space between)? */
function qualified(line: string, offset: number): boolean {
  let k = offset - 1;
  if (line[k] === ' ') k--;
  return k >= 0 && WORD_CHAR.test(line[k]) && !POSSESSIVE.has(line[k]);
}

/** WORD_TERMS in one line, as whole words. */
function translateWords(line: string, seen: Map<string, string>): string {
  return line.replace(WORD_TERM_RE, (m: string) => {
    const word = m.toLowerCase();
    const en = WORD_ENGLISH.get(word)!;
    if (!seen.has(word)) seen.set(word, en);
    return en;
  });
}

export interface Translation {
  text: string;
  /** each translated term once, in first-seen order */
  translated: [string, string][];
}

/** The text with the known terms in English, or the same string when it has none of these scripts. */
export function translateTerms(text: string): Translation {
  if (!ANY_SCRIPT.test(text)) return { text, translated: [] };
  const seen = new Map<string, string>();
  const lines = text.split('\n').map((line) => {
    if (CYRILLIC.test(line)) line = translateWords(line, seen);
    if (!SCRIPT.test(line)) return line;
    // a line that already uses the ASCII mark ("1,0.52,学习率下调，继续训练": a CSV row) keeps its full-width one
    const ascii = line;
    const l = line
      .replace(ROUND, (_m, n: string) => ` epoch ${n} `)
      .replace(PUNCT_RE, (c) => (ascii.includes(PUNCT[c]) ? c : PUNCT[c]));
    let lastEnd = -1;
    return l.replace(TERM_RE, (m: string, offset: number, whole: string) => {
      const en = ENGLISH.get(m.replace(/\s/g, ''))!;
      const joined = lastEnd === offset;
      lastEnd = offset + m.length;
      // "分类损失" (classification loss), "생성자 손실": an untranslated word before the name qualifies it; read as
      // "loss" it would merge with every other loss on the line, so the name stays as written (and reads as nothing)
      if (!NOT_A_NAME.has(en) && !joined && qualified(whole, offset)) return m;
      if (!seen.has(m)) seen.set(m, en);
      const before = !joined && glues(whole[offset - 1]) ? ' ' : '';
      const after = glues(whole[offset + m.length]) ? ' ' : '';
      return before + en + after;
    });
  });
  return { text: lines.join('\n'), translated: [...seen] };
}
