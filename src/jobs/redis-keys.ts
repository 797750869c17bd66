/**
 * What the Redis-backed queue's two sides (RedisJobQueue in the bot, startRedisWorker in workers)
 * share: the BullMQ queue name, our own keys beside BullMQ's, the job data's shape, and the atomic
 * admission script. Our keys, per queue `q` (BullMQ's own live under `bull:<q>:`):
 *   ct:<q>:active:<user>  the user's queued or running job id ("<id>|<ms set>")   one job per user
 *   ct:<q>:ledger:<user>  zset job id -> ms charged; ct:<q>:charge:<user> hash job id -> seconds
 *   ct:<q>:cancel:<id>    the cancel flag the worker polls
 *   ct:<q>:lease:<id>     the bot process answering the job's user (renewed while it lives)
 *   ct:<q>:posted:<id>    the claim to post the job's result (SET NX: exactly once)
 *   ct:<q>:workers        zset "<worker>:<concurrency>" -> heartbeat expiry (for stats' concurrency)
 */
import type { JobProgress } from './queue.js';

export const DEFAULT_QUEUE_NAME = 'ct-train';
/** the failure reason of a job ended by its cancel flag */
export const CANCELLED_REASON = 'cancelled by its owner';
/** how BullMQ words the end of a job whose worker stopped more than maxStalledCount times */
export const STALLED_REASON = /stalled more than allowable limit/i;
export const HOUR_MS = 3600_000;
/** a just-set active key whose job is not in Redis yet is still busy (the submit is adding it) */
export const ADD_GRACE_MS = 30_000;

export interface JobData {
  kind: string;
  userId: string;
  payload: unknown;
  /** what the submitter attached (SubmitOptions.meta): may hold a reply token, never logged */
  meta?: Record<string, unknown>;
  /** minimum ms between progress events (the first goes at once) */
  progressMs: number;
  /** worst-case seconds estimated at submit */
  estimateS?: number;
}

export type ProgressData = JobProgress;

export const keys = (q: string) => ({
  active: (user: string) => `ct:${q}:active:${user}`,
  ledger: (user: string) => `ct:${q}:ledger:${user}`,
  charge: (user: string) => `ct:${q}:charge:${user}`,
  cancel: (id: string) => `ct:${q}:cancel:${id}`,
  lease: (id: string) => `ct:${q}:lease:${id}`,
  posted: (id: string) => `ct:${q}:posted:${id}`,
  workers: `ct:${q}:workers`,
  /** BullMQ's: the job hash prefix and the wait list */
  job: `bull:${q}:`,
  wait: `bull:${q}:wait`,
});

/**
 * Admission, atomically across bot processes: one active job per user (a stale entry, whose job
 * finished or vanished, is free), the queue cap, the per-job limit and the user's hourly allowance
 * (charges older than an hour age out). On success the job is charged and becomes the user's.
 * KEYS: active, ledger, charge, wait list, job prefix. ARGV: id, now, maxQueued, estimate (-1 none),
 * job limit, hour limit, active ttl ms. Returns {code, a, b}.
 */
export const ADMIT_LUA = `
local now = tonumber(ARGV[2])
local cur = redis.call('GET', KEYS[1])
if cur then
  local sep = string.find(cur, '|', 1, true)
  local id = sep and string.sub(cur, 1, sep - 1) or cur
  local at = sep and tonumber(string.sub(cur, sep + 1)) or 0
  local jk = KEYS[5] .. id
  if redis.call('EXISTS', jk) == 1 then
    if redis.call('HEXISTS', jk, 'finishedOn') == 0 then return {'user_busy', id, ''} end
  elseif now - at < ${ADD_GRACE_MS} then
    return {'user_busy', id, ''}
  end
end
local waiting = redis.call('LLEN', KEYS[4])
if waiting >= tonumber(ARGV[3]) then return {'queue_full', tostring(waiting), ''} end
local est = tonumber(ARGV[4])
if est >= 0 then
  local jobLimit = tonumber(ARGV[5])
  local hourLimit = tonumber(ARGV[6])
  if jobLimit > 0 and est > jobLimit then return {'too_costly', '', ''} end
  local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - ${HOUR_MS})
  if #old > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ${HOUR_MS})
    redis.call('HDEL', KEYS[3], unpack(old))
  end
  if hourLimit > 0 then
    local list = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
    local used = 0
    local s = {}
    for i = 1, #list, 2 do
      s[i] = tonumber(redis.call('HGET', KEYS[3], list[i]) or '0')
      used = used + s[i]
    end
    if used + est > hourLimit then
      local left = used
      local retryAt = now
      for i = 1, #list, 2 do
        if left + est <= hourLimit then break end
        left = left - s[i]
        retryAt = tonumber(list[i + 1]) + ${HOUR_MS}
      end
      return {'over_quota', tostring(used), tostring(retryAt)}
    end
  end
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('HSET', KEYS[3], ARGV[1], tostring(est))
  redis.call('PEXPIRE', KEYS[2], ${2 * HOUR_MS})
  redis.call('PEXPIRE', KEYS[3], ${2 * HOUR_MS})
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'PX', tonumber(ARGV[7]))
return {'ok', '', ''}
`;

/**
 * A job ended: it is no longer its user's active job, and its charge becomes what it ran for.
 * KEYS: active, charge. ARGV: id, seconds (-1 = keep the estimate).
 */
export const FINISH_LUA = `
local cur = redis.call('GET', KEYS[1])
if cur and (cur == ARGV[1] or string.sub(cur, 1, #ARGV[1] + 1) == ARGV[1] .. '|') then redis.call('DEL', KEYS[1]) end
if tonumber(ARGV[2]) >= 0 and redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
return 1
`;

/** BullMQ's connection options for a URL (workers need maxRetriesPerRequest: null). */
export function connectionOf(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** OURS: how long a result's claim lasts before the post is confirmed (a post with a chart takes seconds) */
export const POSTING_MS = 60_000;

/** OURS: how long closing waits for Redis before cutting the connections (a dead Redis must not hold a process's exit). */
export const CLOSE_WAIT_MS = 2000;

/** Resolves with the promise's outcome, or 'late' after `ms` (default CLOSE_WAIT_MS; the promise is left to settle on its own). */
export async function within<T>(p: Promise<T>, ms = CLOSE_WAIT_MS): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Close BullMQ parts (queues, events, workers) gracefully; when Redis does not answer within `ms` (it
 * is gone: BullMQ's connections retry forever), cut their connections instead.
 */
/** Does Redis answer a PING within `ms`? (A dead one makes ioredis retry, and commands wait, for a long time.) */
export async function reachable(redis: { ping(): Promise<unknown> }, ms = 1000): Promise<boolean> {
  return (
    (await within(
      redis.ping().then(
        () => true,
        () => false,
      ),
      ms,
    )) === true
  );
}

export async function closeWithin(
  parts: { close(): Promise<unknown>; disconnect(): Promise<unknown> }[],
  ms = CLOSE_WAIT_MS,
): Promise<void> {
  const closed = await within(Promise.allSettled(parts.map((p) => p.close())), ms);
  if (closed === 'late') await within(Promise.allSettled(parts.map((p) => p.disconnect())), ms);
}

/**
 * Renew a bot process's leases on the jobs it answers: each lease still its own is extended, a lapsed
 * one nobody took is taken again, one another process adopted meanwhile is left alone (0 for it).
 * KEYS: the lease keys. ARGV: owner, ms.
 */
export const RENEW_LUA = `
local out = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if holder == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    out[i] = 1
  elseif not holder then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
`;
