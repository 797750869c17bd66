/** Shared option pieces for the command definitions. */
import { DIALECTS, DIALECT_LABELS } from '../advise/index.js';
import { PATTERNS } from '../diagnose/schema.js';
import { patternLabel } from '../diagnose/schema.js';

export const DIALECT_CHOICES = DIALECTS.map((d) => ({
  name: `${d}: ${DIALECT_LABELS[d].replace(/[`(].*$/, '').trim()}`.slice(0, 100),
  value: d,
}));
export const PATTERN_CHOICES = PATTERNS.map((p) => ({ name: patternLabel(p), value: p }));
