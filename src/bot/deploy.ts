/**
 * Registers the commands with Discord: `--guild ID` for a development server (instant), global
 * otherwise (can take a while to show up). Run only when the definitions change.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { z } from 'zod';
import { loadCommands } from './loader.js';

const Env = z.object({
  DISCORD_TOKEN: z.string().min(20),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{15,25}$/),
  DISCORD_API_URL: z.url().optional(),
});

export function parseArgs(argv: string[]): { guild?: string; dryRun: boolean } {
  const out: { guild?: string; dryRun: boolean } = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--guild') out.guild = argv[++i];
    else if (argv[i].startsWith('--guild=')) out.guild = argv[i].slice(8);
    else if (argv[i] === '--dry-run') out.dryRun = true;
    else throw new Error(`unknown argument ${argv[i]}; usage: deploy-commands [--guild ID] [--dry-run]`);
  }
  if (out.guild !== undefined && !/^\d{15,25}$/.test(out.guild)) throw new Error('--guild needs a numeric server id');
  return out;
}

export async function deploy(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  log: (s: string) => void = console.log,
): Promise<number> {
  const args = parseArgs(argv);
  const body = [...(await loadCommands()).values()].map((c) => c.data);
  if (args.dryRun) {
    log(JSON.stringify(body, null, 2));
    return body.length;
  }
  const e = Env.safeParse(env);
  if (!e.success) throw new Error(`set ${e.error.issues.map((i) => i.path.join('.')).join(', ')} (see .env.example)`);
  const rest = new REST(e.data.DISCORD_API_URL ? { api: e.data.DISCORD_API_URL } : {}).setToken(e.data.DISCORD_TOKEN);
  const route = args.guild
    ? Routes.applicationGuildCommands(e.data.DISCORD_APPLICATION_ID, args.guild)
    : Routes.applicationCommands(e.data.DISCORD_APPLICATION_ID);
  const res = (await rest.put(route, { body })) as unknown[];
  log(
    `Registered ${res.length} command(s) ${args.guild ? `in server ${args.guild}` : 'globally (may take up to an hour to appear)'}: ${body.map((c) => c.name).join(', ')}`,
  );
  return res.length;
}

function isMain(): boolean {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}
if (isMain()) {
  deploy(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`deploy-commands: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
