/**
 * Hugging Face Trainer: trainer_state.json (its log_history), the log_history list alone, or the log
 * dicts the Trainer prints ({'loss': 0.69, 'learning_rate': 5e-05, 'epoch': 0.33} per line).
 */
import { isDocument, readDocument, type Reader } from '../input.js';
import { looksLikeHfConsole, parseHfConsole } from '../formats/console.js';
import { interpretStructured } from '../formats/json.js';

export const hfTrainerState: Reader = {
  name: 'hf-trainer-state',
  aliases: ['hf', 'huggingface', 'transformers', 'trainer'],
  about: 'Hugging Face trainer_state.json, or the log dicts the Trainer prints',
  sniff: (input) => looksLikeHfConsole(input.lines()),
  read(input) {
    if (input.forced) {
      if (isDocument(input)) return readDocument(input, true);
      const lines = input.lines();
      return {
        raw: { ...interpretStructured(parseHfConsole(lines, input.limits)), format: 'hf-trainer-state' },
        lines,
      };
    }
    const lines = input.lines();
    const recs = parseHfConsole(lines, input.limits);
    return recs.length > 0 ? { raw: interpretStructured(recs), lines } : undefined;
  },
};
