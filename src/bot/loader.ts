/**
 * Loads every command module from commands/ (next to src/ in the repo, next to src/ in the build),
 * checking each with the zod schema; a module that does not fit is reported, not silently used.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CommandSchema, type Command } from './command.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {}

export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir))
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.d\.ts$/.test(f) && !/^index\./.test(f) && !/\.test\./.test(f))
    .sort();
  const out = new Map<string, Command>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: unknown };
    const r = CommandSchema.safeParse(mod.default);
    if (!r.success)
      throw new CommandLoadError(
        `${f}: not a command module (${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
      );
    const cmd = mod.default as Command;
    if (out.has(cmd.data.name)) throw new CommandLoadError(`${f}: duplicate command name ${cmd.data.name}`);
    out.set(cmd.data.name, cmd);
  }
  return out;
}
