/**
 * A shared (Redis) job queue outlives any one bot process: every QUEUE_ADOPT_MS this process adopts
 * the jobs whose answering process stopped (their lease lapsed) and follows them as if it had
 * submitted them: progress edits with the interaction token the job carries, then the result, posted
 * once (after TOKEN_TTL_MS as a channel message). Nothing to do with the embedded queue.
 */
import type { Client } from 'discord.js';
import type { BotContext } from './context.js';
import { resumeLive, type ReplyRef } from './training.js';

export function startAdopting(ctx: BotContext, client: Client, track: (p: Promise<void>) => void): () => void {
  const adopt = ctx.jobs.adopt?.bind(ctx.jobs);
  if (!adopt) return () => undefined;
  let busy = false;
  const tick = async () => {
    if (busy || ctx.shuttingDown) return;
    busy = true;
    try {
      for (const info of await adopt()) {
        const ref = info.meta?.reply as ReplyRef | undefined;
        if (!ref) {
          await ctx.jobs.release?.(info.id);
          continue;
        }
        track(
          resumeLive(ctx, client, info.id, ref).catch((e: unknown) =>
            ctx.logger.warn({ err: e, job: info.id }, 'could not answer an adopted job'),
          ),
        );
      }
    } catch (e) {
      ctx.logger.warn({ err: e }, 'looking for jobs to adopt failed');
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), ctx.config.QUEUE_ADOPT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
