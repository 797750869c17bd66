/**
 * Structured logs (pino). The token, authorization headers and anything that looks like a bot token
 * are redacted; user logs are never passed to the logger (only sizes, names and codes).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const TOKEN_RE = /[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}/g;

/** Remove bot tokens and interaction tokens from free text (error messages, URLs). */
export function scrub(s: string, secrets: string[] = []): string {
  let out = s.replace(TOKEN_RE, '[token]');
  for (const x of secrets) if (x && x.length >= 8) out = out.split(x).join('[token]');
  // interaction webhook / callback URLs carry the interaction token
  out = out.replace(/(\/(?:webhooks\/\d+|interactions\/\d+)\/)[A-Za-z0-9_.-]{20,}/g, '$1[token]');
  return out;
}

export function createLogger(level: string, secrets: string[] = [], destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { svc: 'curve-triage-bot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'config.DISCORD_TOKEN',
          'DISCORD_TOKEN',
          'config.QUEUE_KEY',
          'QUEUE_KEY',
          'headers.authorization',
          '*.headers.authorization',
          'err.requestBody',
        ],
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // last line of defence: scrub every string argument and the serialized error message
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? scrub(a, secrets) : a));
          return method.apply(this, clean as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (e: unknown) => {
          const ser = pino.stdSerializers.err(e as Error);
          // bounded: an unexpected error's message could quote a bit of input, never a whole log
          if (ser?.message) ser.message = scrub(ser.message, secrets).slice(0, 300);
          if (ser?.stack) ser.stack = scrub(ser.stack, secrets);
          // the rest of the error's own strings too: a DiscordAPIError's `url` holds the interaction token
          for (const [k, v] of Object.entries(ser ?? {}))
            if (typeof v === 'string' && k !== 'message' && k !== 'stack') ser[k] = scrub(v, secrets);
          return ser;
        },
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
