/**
 * `npm run discord:register` — registers the slash commands generated from commands/.
 *
 *   npm run discord:register                # PUT when the commands changed since the last run
 *   npm run discord:register -- --dry-run   # print the JSON that would be sent (no token needed)
 *   npm run discord:register -- --force     # send even if nothing changed
 *
 * Guild-scoped when DISCORD_GUILD_ID is set (instant, for development), global otherwise.
 * Unit choices come from the App's unitNames() (the roster), so registration opens the reports
 * database named by POLICY_DESK_DB like `npm start` does.
 */
import { resolve } from 'node:path';
import { commandSpecs } from '../../bot/core/commandSpec.ts';
import { createApp } from '../../bot/app.ts';
import { REPO_ROOT, loadDotEnv, readSettings } from '../../settings.ts';
import { buildCommands, registerCommands } from './commands.ts';

const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--dry-run', '--force'].includes(a));
if (unknown.length > 0) {
  console.error(`discord:register: unknown argument ${unknown[0]} (use --dry-run or --force)`);
  process.exit(2);
}

try {
  loadDotEnv();
  const env = process.env;
  const app = await createApp({ settings: readSettings(env) });
  let unitNames: string[];
  try {
    unitNames = app.unitNames();
  } finally {
    app.close();
  }
  const result = await registerCommands({
    applicationId: env.DISCORD_APPLICATION_ID?.trim() || undefined,
    token: env.DISCORD_TOKEN?.trim() || undefined,
    guildId: env.DISCORD_GUILD_ID?.trim() || undefined,
    apiUrl: env.DISCORD_API_URL?.trim() || undefined,
    commands: buildCommands(commandSpecs, unitNames),
    hashFile: resolve(REPO_ROOT, 'data', 'discord-commands.hash'),
    dryRun: args.includes('--dry-run'),
    force: args.includes('--force'),
  });
  const where = env.DISCORD_GUILD_ID?.trim() ? `guild ${env.DISCORD_GUILD_ID.trim()}` : 'global';
  if (result.status === 'dry-run') {
    console.error(`# PUT ${decodeURIComponent(result.route)} (${where})`);
    console.log(result.json);
  } else if (result.status === 'unchanged') {
    console.log(`${result.count} commands unchanged (${where}); nothing sent. Use --force to send anyway.`);
  } else {
    console.log(`Registered ${result.count} commands (${where}).`);
  }
} catch (err) {
  console.error(`discord:register: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
