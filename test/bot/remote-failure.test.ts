/**
 * A TRIAGE_REMOTE task that fails on a worker (src/bot/work/remote.ts taskFailure / fromFailure): the bot
 * gets the pool's own refusal back (so a memory or time limit is answered as with its own pool), and with
 * QUEUE_KEY what BullMQ stores in Redis (the reason, the stack trace) quotes nothing of the input.
 */
import { expect, test } from 'vitest';
import { fromFailure, taskFailure } from '../../src/bot/work/remote.js';
import { BusyError, JobMemoryError, JobTimeoutError } from '../../src/bot/work/pool.js';
import { sealerFor } from '../../src/jobs/seal.js';

const KEY = 'remote-failure-test-key-of-32-characters!';

test('each pool refusal crosses as itself; a fault as a plain Error; sealed, nothing of the message is readable', () => {
  const sealer = sealerFor(KEY);
  for (const [e, Class] of [
    [new JobMemoryError('log_of_patient_42 is too big'), JobMemoryError],
    [new JobTimeoutError('log_of_patient_42 took too long'), JobTimeoutError],
    [new BusyError('queue full for log_of_patient_42'), BusyError],
    [new TypeError('cannot read log_of_patient_42'), Error],
  ] as const) {
    const failure = taskFailure(sealer, e);
    expect(failure.message).not.toContain('patient_42');
    expect(failure.stack).toBe(failure.message);
    const back = fromFailure(sealer, failure.message)!;
    expect(back).toBeInstanceOf(Class);
    expect(back.message).toBe(e.message);
  }
});

test('without a key the same codec (readable); another key says so; any other text is not a task failure', () => {
  const plain = sealerFor(undefined);
  const failure = taskFailure(plain, new JobMemoryError('too big'));
  expect(fromFailure(plain, failure.message)).toBeInstanceOf(JobMemoryError);
  const sealed = taskFailure(sealerFor(KEY), new JobMemoryError('too big')).message;
  expect(fromFailure(sealerFor(`${KEY}x`), sealed)?.message).toMatch(
    /sealed with a QUEUE_KEY this process does not have/,
  );
  expect(fromFailure(plain, 'Connection is closed.')).toBeUndefined();
  expect(fromFailure(plain, '{"not":"a failure"}')).toBeUndefined();
});
