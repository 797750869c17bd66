/** The warning codes a reading of `text` gives, or ['refused'] when ingest refuses it with an IngestError. */
import { expect } from 'vitest';
import { ingest, IngestError } from '../../../src/ingest/index.js';

export function warningCodes(text: string): string[] {
  try {
    return ingest(text).warnings.map((w) => w.code);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return ['refused'];
  }
}
