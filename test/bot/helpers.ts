import { PATTERNS } from '../../src/diagnose/schema.js';
export { explain } from '../../src/advise/index.js';
export const PATTERNS_FOR_TEST = PATTERNS;
