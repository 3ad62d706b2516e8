/**
 * `npm run discord:register` — registers the slash commands generated from commands/.
 *
 *   npm run discord:register                # PUT when the commands changed since the last run
 *   npm run discord:register -- --dry-run   # print the JSON that would be sent (no token needed)
 *   npm run discord:register -- --force     # send even if nothing changed
 *
 * Guild-scoped when DISCORD_GUILD_ID is set (instant, for development), global otherwise.
 * Unit choices come from the roster (config/roster.json, the same list the App's unitNames()
 * returns); reading it directly keeps registration from opening the reports database.
 */
import { resolve } from 'node:path';
import { commandSpecs } from '../../bot/commandSpec.ts';
import { loadRoster } from '../../reports/definition.ts';
import { REPO_ROOT, loadDotEnv } from '../../settings.ts';
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
  const unitNames = loadRoster().units.map((u) => u.name);
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
