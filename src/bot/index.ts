/** `npm start`: config from the environment, then the bot; SIGTERM/SIGINT stop it gracefully. */
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createBot } from './bot.js';

/** `.env` in the working directory, if there is one; variables already set in the environment win. */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env === process.env) loadDotEnv();
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL, [
    config.DISCORD_TOKEN,
    ...(config.QUEUE_KEY ? [config.QUEUE_KEY] : []),
    ...databaseSecrets(config.DATABASE_URL),
  ]);
  process.on('unhandledRejection', (e) => logger.error({ err: e }, 'unhandled rejection'));
  process.on('uncaughtException', (e) => logger.fatal({ err: e }, 'uncaught exception'));
  const bot = await createBot(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot
      .stop(signal)
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    await bot.start();
  } catch (e) {
    logger.fatal({ err: e }, 'could not connect to Discord (check DISCORD_TOKEN / DISCORD_API_URL)');
    await bot.stop('startup failed').catch(() => undefined);
    process.exit(1);
  }
}

/** DATABASE_URL and its password, kept out of every log line like the token. */
export function databaseSecrets(url: string | undefined): string[] {
  if (!url) return [];
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not a URL (a libpq keyword string): the whole string is redacted
  }
  return [url, ...(password ? [password] : [])];
}

function isMain(): boolean {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}
if (isMain()) void main();
