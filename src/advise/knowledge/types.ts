/** The shape of a knowledge entry: a pattern, a finding, or a topic people ask about. */

export interface Entry {
  /** 'pattern:overfitting', 'finding:nan_inf', 'topic:units' */
  id: string;
  kind: 'pattern' | 'finding' | 'topic';
  title: string;
  /** how people ask about it (searched, boosted) */
  questions: string[];
  /** extra search words, synonyms, other languages */
  keywords: string[];
  /** why it happens / the answer, in a few sentences */
  why: string;
  /** a pattern's title and why for a run judged on its training curve alone (no validation series to speak of) */
  trainOnly?: { title: string; why: string };
  /** ... and for a run that logs a validation metric (val_accuracy) but no validation loss: the verdict still reads
   * the training curve alone, but "no validation series" would be untrue; `{metric}` stands for the metric's name */
  valMetricOnly?: { title: string; why: string };
  /** ... and for a run judged on its validation curve alone (no training curve): no word of how the training loss
   * moved, and what the missing curve leaves open */
  valOnly?: { title: string; why: string };
  /** a pattern's or finding's title for a pair where higher is better (accuracies, scores, rewards), which no loss
   * words fit */
  higherTitle?: string;
  /** ... and a pattern's why for such a pair */
  higherWhy?: string;
  /** what it looks like on the curves */
  signs?: string[];
  /** likely causes, most likely first */
  causes?: string[];
  /** what the guide says about it (when it does) */
  guide?: string;
  /** the evidence numbers that show it, most telling first (shown first in replies) */
  evidence?: string[];
  /** ranked strategy ids (knowledge/strategies.ts) */
  strategies: string[];
  /** correction ids (knowledge/corrections.ts) that apply */
  notes?: string[];
  /** an example chart fixture */
  example?: string;
}
