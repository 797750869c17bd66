/**
 * The bot: a discord.js Client, the command table, the worker pool, and one interaction router in
 * which every path is wrapped by `safely`. `createBot` is what index.ts, the tests and the bench run.
 */
import type { AddressInfo } from 'node:net';
import { Client, Events, MessageFlags, Options, type Interaction } from 'discord.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Command } from './command.js';
import type { BotContext } from './context.js';
import { loadCommands } from './loader.js';
import { createPool, type WorkPool } from './work/pool.js';
import { createRemotePool } from './work/remote.js';
import { RedisReplyStore, RedisRunStore, ReplyStore, RunStore, WriteBarrier } from './store.js';
import { RateLimiter, SharedRateLimiter } from './ratelimit.js';
import { safely, tell } from './respond.js';
import { handleComponent } from './components.js';
import { noticeView } from './present.js';
import { UserError } from './errors.js';
import { makeRequest, restTransport, type MakeRequest } from './rest.js';
import { createQueue, type JobQueue } from '../jobs/index.js';
import { RedisJobQueue } from '../jobs/redis.js';
import { sealerFor, UNSEALED_WARNING } from '../jobs/seal.js';
import { within } from '../jobs/redis-keys.js';
import { startAdopting } from './adopt.js';
import { TRAIN_WORK } from '../requests/training.js';
import { Watchdog } from './guard.js';
import { dispatch } from './dispatch.js';
import { WatchHub } from './watch-live.js';
import { CallbackRelay, interactionsEndpoint, REPLAY_MEMORY_MS } from './http.js';
import { redisFirstSeen } from './http-replay.js';
import { connectRedis, type Shared } from './shared.js';
import { openMemory, type MemoryStore } from '../memory/index.js';
import { startPurge, type Purge } from './memory-purge.js';

export interface Bot {
  client: Client;
  ctx: BotContext;
  commands: Map<string, Command>;
  /** log in and resolve when the gateway session is ready */
  start(): Promise<void>;
  /** stop taking requests, finish the ones in flight (up to the grace period), disconnect */
  stop(reason?: string): Promise<void>;
  /** requests being handled right now */
  readonly inFlight: number;
  /** INTERACTIONS=http: the port the interactions endpoint listens on, once started */
  readonly httpPort?: number;
}

export async function createBot(
  config: Config,
  logger: Logger,
  options: { commands?: Map<string, Command>; pool?: WorkPool; jobs?: JobQueue; memory?: MemoryStore } = {},
): Promise<Bot> {
  const commands = options.commands ?? (await loadCommands());
  const pool = options.pool ?? workPool(config);
  const jobs = options.jobs ?? trainingQueue(config);
  const state = { shuttingDown: false };
  const shared = sharedState(config, logger);
  const ctx = makeContext(config, logger, pool, jobs, state, shared);
  ctx.memory = options.memory ?? (await openStore(config, logger));
  // INTERACTIONS=http: the handlers' first callback becomes the HTTP response (http.ts)
  const relay =
    config.INTERACTIONS === 'http'
      ? new CallbackRelay(makeRequest, config.HTTP_DEFER_MS, config.DISCORD_APPLICATION_ID, logger)
      : undefined;
  const client = makeClient(
    config,
    restTransport({ before: shared && (() => shared.barrier.settled()), intercept: relay?.intercept }),
  );
  if (config.WATCH_PORT !== undefined) {
    ctx.watch = new WatchHub(ctx);
    ctx.watch.client = client;
  }
  const inflight = new Set<Promise<void>>();
  const watchdog = listen(client, ctx, router(commands, ctx), inflight);
  return handle({ client, ctx, commands, inflight, watchdog, state, shared, relay });
}

/** REDIS_URL: one connection for the shared state (rate limits, button stores), and the barrier for its writes. */
function sharedState(config: Config, logger: Logger): Shared | undefined {
  if (!config.REDIS_URL) return undefined;
  const redis = connectRedis(config.REDIS_URL, logger);
  if (!config.QUEUE_KEY) logger.warn({}, UNSEALED_WARNING);
  const barrier = new WriteBarrier((e) => logger.warn({ err: e }, 'could not store button state in Redis'));
  return { redis, barrier };
}

/** The triage pool here, or (TRIAGE_REMOTE with REDIS_URL) on the worker processes. */
function workPool(config: Config): WorkPool {
  if (config.TRIAGE_REMOTE && config.REDIS_URL)
    return createRemotePool({
      url: config.REDIS_URL,
      maxQueue: config.MAX_QUEUE,
      timeoutMs: config.JOB_TIMEOUT_MS,
      sealer: sealerFor(config.QUEUE_KEY),
    });
  return createPool(poolOptions(config));
}

/** Team memory: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR; without it the bot still diagnoses (history commands say it is unavailable). */
async function openStore(config: Config, logger: Logger): Promise<MemoryStore | undefined> {
  try {
    const store = await openMemory({
      ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
      ...(config.DATA_DIR ? { dataDir: config.DATA_DIR } : {}),
    });
    logger.info({ backend: store.backend }, 'team memory open');
    return store;
  } catch (e) {
    logger.error({ err: e }, 'team memory could not be opened; running without history');
    return undefined;
  }
}

/** The triage pool: workers, queue, timeout, and the memory admission (0 MB = off). */
function poolOptions(config: Config): Parameters<typeof createPool>[0] {
  return {
    workers: config.WORKERS,
    maxQueue: config.MAX_QUEUE,
    timeoutMs: config.JOB_TIMEOUT_MS,
    memory:
      config.CURVE_TRIAGE_PARSE_BUDGET_MB > 0
        ? {
            budgetBytes: config.CURVE_TRIAGE_PARSE_BUDGET_MB * 1024 * 1024,
            waitMs: config.CURVE_TRIAGE_PARSE_WAIT_MS,
            bytesPerInputByte: config.CURVE_TRIAGE_PARSE_BYTES_PER_BYTE,
            recycleInputBytes: config.CURVE_TRIAGE_RECYCLE_INPUT_KB * 1024,
            // twice the estimate for the largest file allowed, at least 600 MB (an 8 MiB file peaks at ~250 MB live)
            recycleHeapMb: Math.max(
              600,
              Math.ceil((2 * config.MAX_FILE_BYTES * config.CURVE_TRIAGE_PARSE_BYTES_PER_BYTE) / 1024 / 1024),
            ),
          }
        : undefined,
  };
}

/** The embedded training queue, or (REDIS_URL) the shared one that `npm run worker` processes run. */
function trainingQueue(config: Config): JobQueue {
  const options = queueOptions(config);
  if (!config.REDIS_URL) return createQueue(TRAIN_WORK, options);
  const cost = TRAIN_WORK.cost;
  return new RedisJobQueue({
    url: config.REDIS_URL,
    kinds: Object.keys(TRAIN_WORK.processors),
    cost: (kind, payload) => cost(kind, payload, config.CURVE_TRIAGE_COST_SCALE),
    ...(options?.limits ? { limits: options.limits } : {}),
    leaseMs: config.QUEUE_LEASE_MS,
    maxStalledCount: config.QUEUE_MAX_STALLED,
    sealer: sealerFor(config.QUEUE_KEY),
  });
}

/** The training queue's compute limits, in seconds. */
function queueOptions(config: Config): Parameters<typeof createQueue>[1] {
  return {
    limits: { jobS: config.CURVE_TRIAGE_JOB_LIMIT_MIN * 60, userPerHourS: config.CURVE_TRIAGE_USER_HOURLY_MIN * 60 },
    costScale: config.CURVE_TRIAGE_COST_SCALE,
  };
}

function makeContext(
  config: Config,
  logger: Logger,
  pool: WorkPool,
  jobs: JobQueue,
  state: { shuttingDown: boolean },
  shared: Shared | undefined,
): BotContext {
  const ttl = config.BUTTON_TTL_S * 1000;
  const sealer = sealerFor(config.QUEUE_KEY);
  const user = { max: config.RATE_USER, windowMs: config.RATE_USER_WINDOW_S * 1000 };
  const guild = { max: config.RATE_GUILD, windowMs: config.RATE_GUILD_WINDOW_S * 1000 };
  return {
    config,
    logger,
    pool,
    // REDIS_URL: shared by every bot process; otherwise in this process's memory
    store: shared ? new RedisReplyStore(shared.redis, ttl, shared.barrier, undefined, sealer) : new ReplyStore(ttl),
    limiter: shared ? new SharedRateLimiter(shared.redis, user, guild) : new RateLimiter(user, guild),
    jobs,
    runs: shared ? new RedisRunStore(shared.redis, ttl, shared.barrier, undefined, sealer) : new RunStore(ttl),
    get shuttingDown() {
      return state.shuttingDown;
    },
  };
}

function makeClient(config: Config, transport: MakeRequest): Client {
  return new Client({
    // interactions arrive without any intent; no guild events means no per-guild memory
    intents: [],
    // Discord requires sharding from 2,500 servers: by default take the recommended count from
    // /gateway/bot; SHARDS=N runs N. All shards live in this process (docs/scaling.md#sharding).
    ...(config.SHARDS === 'auto'
      ? { shards: 'auto' as const }
      : { shards: [...Array(config.SHARDS).keys()], shardCount: config.SHARDS }),
    rest: {
      makeRequest: transport,
      // @discordjs/rest caps all non-callback requests at 50/s client-side, webhook edits included.
      // All our REST traffic is interaction callbacks and interaction-token webhooks, which Discord
      // exempts from the global limit (docs/bot.md#rate-limits); the cap bounded the bot at 50
      // answers/s and parked edits up to 1 s (bench p99). Real 429s are still honoured.
      globalRequestsPerSecond: 1000,
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    },
    // interactions carry everything we need; keep caches tiny
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      GuildMemberManager: 0,
      UserManager: 100,
      PresenceManager: 0,
    }),
    allowedMentions: { parse: [] },
  });
}

/** Every interaction to its handler: commands and modals through the dispatcher, buttons and selects to components.ts. */
function router(commands: Map<string, Command>, ctx: BotContext): (i: Interaction) => Promise<void> {
  return async (i) => {
    if (i.isAutocomplete()) return commands.get(i.commandName)?.autocomplete?.(i, ctx);
    if (ctx.shuttingDown) {
      if (i.isRepliable()) await tell(i, noticeView('The bot is restarting. Try again in a minute.'), ctx);
      return;
    }
    if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) {
      const cmd = commands.get(i.commandName);
      if (!cmd)
        throw new UserError(
          'That command is not available any more. It may take a minute for Discord to update the command list.',
          'unknown_command',
        );
      return dispatch(cmd, i, ctx);
    }
    if (i.isModalSubmit()) {
      const cmd = commands.get(i.customId.split(':')[0]);
      if (!cmd?.modal)
        throw new UserError('That form is not one of mine any more. Run the command again.', 'unknown_modal');
      return dispatch(cmd.modal, i, ctx);
    }
    if (i.isButton() || i.isStringSelectMenu()) return handleComponent(i, ctx);
  };
}

/** The client's events: every interaction through `safely` (tracked while in flight), the gateway's news to the log. */
function listen(
  client: Client,
  ctx: BotContext,
  route: (i: Interaction) => Promise<void>,
  inflight: Set<Promise<void>>,
): Watchdog {
  const { logger } = ctx;
  // payloads discord.js cannot build (or drops) are answered by the watchdog (guard.ts)
  const watchdog = new Watchdog(client, logger);
  // 'raw' is not in discord.js' typed events: every gateway dispatch, just before discord.js handles it
  (client as unknown as { on(ev: string, f: (packet: { t?: string; d?: unknown }) => void): void }).on(
    Events.Raw,
    (packet) => {
      if (packet?.t === 'INTERACTION_CREATE') watchdog.raw(packet);
    },
  );
  client.on(Events.InteractionCreate, (i) => {
    watchdog.emitted(i.id);
    const p = safely(i, ctx, () => route(i)).finally(() => inflight.delete(p));
    inflight.add(p);
  });
  client.on(Events.Error, (e) => logger.error({ err: e }, 'client error'));
  client.on(Events.Warn, (m) => logger.warn({ msg: m }, 'client warning'));
  client.on(Events.ShardDisconnect, (ev, id) => logger.warn({ shard: id, code: ev.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (id) => logger.info({ shard: id }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (id, replayed) => logger.info({ shard: id, replayed }, 'gateway resumed'));
  client.on(Events.ShardError, (e, id) => logger.warn({ shard: id, err: e }, 'gateway error'));
  return watchdog;
}

interface Parts {
  client: Client;
  ctx: BotContext;
  commands: Map<string, Command>;
  inflight: Set<Promise<void>>;
  watchdog: Watchdog;
  state: { shuttingDown: boolean };
  shared: Shared | undefined;
  relay: CallbackRelay | undefined;
}

export type { Purge };

/** Receive interactions: log in to the gateway, or (INTERACTIONS=http) open the signed endpoint. */
async function connect({ client, ctx, watchdog, state, shared, relay }: Parts) {
  const { config, logger } = ctx;
  if (!relay) {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(config.DISCORD_TOKEN);
    await ready;
    return undefined;
  }
  // no gateway session; REST with the bot token (channel messages), interactions over HTTP
  client.rest.setToken(config.DISCORD_TOKEN);
  const endpoint = interactionsEndpoint({
    relay,
    publicKey: config.DISCORD_PUBLIC_KEY ?? '',
    logger,
    deliver: (d) => deliverHttp(client, watchdog, d, logger),
    ...(shared ? { firstSeen: redisFirstSeen(shared.redis, REPLAY_MEMORY_MS, logger) } : {}),
    checks: {
      accepting: async () => ({ ok: !state.shuttingDown, detail: state.shuttingDown ? 'shutting down' : 'yes' }),
      ...(shared ? { redis: () => pingRedis(shared) } : {}),
    },
  });
  await endpoint.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  return endpoint;
}

/** Redis gone must not hold the exit: a second for the last writes and a clean QUIT, then cut. */
async function closeShared(shared: Shared): Promise<void> {
  await within(shared.barrier.settled(), 1000);
  await within(
    shared.redis.quit().catch(() => undefined),
    1000,
  );
  shared.redis.disconnect();
}

/** start (log in, wait for ready) and stop (refuse new work, let the running finish, close everything). */
function handle({ client, ctx, commands, inflight, watchdog, state, shared, relay }: Parts): Bot {
  const { config, logger } = ctx;
  let endpoint: ReturnType<typeof interactionsEndpoint> | undefined;
  let httpPort: number | undefined;
  let stopAdopting = () => undefined as void;
  let purge: Purge | undefined;
  return {
    client,
    ctx,
    commands,
    get inFlight() {
      return inflight.size;
    },
    get httpPort() {
      return httpPort;
    },
    async start() {
      endpoint = await connect({ client, ctx, commands, inflight, watchdog, state, shared, relay });
      httpPort = endpoint ? (endpoint.server.address() as AddressInfo).port : undefined;
      // the endpoint opens once the bot can post the live messages
      await ctx.watch?.listen();
      // expired history goes now and then every MEMORY_PURGE_INTERVAL_S
      if (ctx.memory) {
        purge = startPurge(ctx.memory, config.MEMORY_PURGE_INTERVAL_S * 1000, logger);
        ctx.purge = purge;
        await purge.tick();
      }
      // a shared queue: answer the jobs of bot processes that stopped
      stopAdopting = startAdopting(ctx, client, (p) => {
        const q = p.finally(() => inflight.delete(q));
        inflight.add(q);
      });
      logger.info(
        {
          user: client.user?.id,
          commands: [...commands.keys()],
          pid: process.pid,
          interactions: config.INTERACTIONS,
          ...(relay ? { port: httpPort } : { shards: client.ws.shards.size }),
          shared: shared ? 'redis' : 'memory',
        },
        'ready',
      );
    },
    async stop(reason = 'stop') {
      if (state.shuttingDown) return;
      state.shuttingDown = true;
      logger.info({ reason, inFlight: inflight.size }, 'shutting down');
      // HTTP: stop taking interactions first (the load balancer sends them to another front)
      await endpoint?.close().catch((e: unknown) => logger.warn({ err: e }, 'interactions endpoint close failed'));
      // a shared queue's jobs run on: the other bot processes answer them (or this one, restarted)
      stopAdopting();
      await ctx.jobs.detach?.().catch((e: unknown) => logger.warn({ err: e }, 'job queue detach failed'));
      const grace = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), config.SHUTDOWN_GRACE_MS).unref());
      const done = await Promise.race([Promise.allSettled([...inflight]).then(() => 'done' as const), grace]);
      if (done === 'timeout') logger.warn({ inFlight: inflight.size }, 'grace period over; abandoning requests');
      await ctx.watch?.close().catch((e: unknown) => logger.warn({ err: e }, 'watch endpoint close failed'));
      await ctx.jobs.close().catch((e: unknown) => logger.warn({ err: e }, 'job queue close failed'));
      await client.destroy();
      watchdog.clear();
      await ctx.pool.close().catch((e: unknown) => logger.warn({ err: e }, 'pool close failed'));
      purge?.stop();
      await ctx.memory?.close().catch((e: unknown) => logger.warn({ err: e }, 'team memory close failed'));
      ctx.store.clear();
      ctx.runs.clear();
      relay?.clear();
      if (shared) await closeShared(shared);
      logger.info('stopped');
    },
  };
}

/** INTERACTIONS=http: a verified payload goes where a gateway INTERACTION_CREATE goes: the guard, then discord.js. */
function deliverHttp(client: Client, watchdog: Watchdog, d: Record<string, unknown>, logger: Logger): void {
  const packet: { t: string; d?: unknown } = { t: 'INTERACTION_CREATE', d };
  watchdog.raw(packet); // a payload discord.js cannot build is answered (and hidden) here
  if ((packet.d as { type?: unknown }).type === 0) return;
  try {
    // what discord.js runs for a gateway INTERACTION_CREATE (client/websocket/handlers/INTERACTION_CREATE.js)
    (
      client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }
    ).actions.InteractionCreate.handle(packet.d);
  } catch (e) {
    // the watchdog answers it (it was never emitted)
    logger.warn({ err: e, interaction: d.id }, 'discord.js could not build an interaction');
  }
}

async function pingRedis(shared: Shared): Promise<{ ok: boolean; detail: string }> {
  const t0 = performance.now();
  const pong = await shared.redis.ping();
  return { ok: pong === 'PONG', detail: `${pong.toLowerCase()} in ${Math.round(performance.now() - t0)} ms` };
}

export { MessageFlags };
