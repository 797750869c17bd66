// `npm run deploy-commands [-- --guild ID]`: register the bot's commands (see src/bot/deploy.ts).
import { deploy } from '../src/bot/deploy.js';

deploy(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`deploy-commands: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
