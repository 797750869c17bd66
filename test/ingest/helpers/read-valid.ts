/** ingest() whose reading must be a valid TrainingLog (checkLog finds nothing): the log a test then looks into. */
import { expect } from 'vitest';
import { ingest, type IngestOptions } from '../../../src/ingest/index.js';
import { checkLog } from './ingest-worker.js';

export function readValid(text: string, options?: IngestOptions): ReturnType<typeof ingest> {
  const log = ingest(text, options);
  expect(checkLog(log)).toEqual([]);
  return log;
}
