/**
 * `npm run --silent token -- moxi-clerk`: a token for one of the development identity provider's
 * accounts, signed with the embedded default's development key, for the commands that take
 * `--token` or `LINJU_TOKEN` (`npm run import`, `export`, `report`): the account's own role, region
 * and name, as its sign-in would give them, so a town clerk's import meets the town's scope. The
 * token alone goes to standard output (`TOKEN=$(npm run --silent token -- moxi-clerk)`), what it
 * carries to standard error. Development only: refused in production, whose tokens come from the
 * office's identity provider, and before the first `npm start` (no key yet, and a new one would not
 * be the gateway's).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { existingDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { DEV_ACCOUNTS, findDevAccount } from '@linju/identity/devAccounts';
import { isProduction } from '@linju/observability';
import { argumentsOrRefusal, asksForHelp } from './commandLine.ts';

/** The longest a token may be asked for, in hours: as `npm start`'s development tokens. */
export const MAX_TOKEN_HOURS = 12;

export const USAGE = [
  `Usage: npm run --silent token -- <account> [--hours 1-${MAX_TOKEN_HOURS}]   (default ${MAX_TOKEN_HOURS})`,
  '  accounts (the development identity provider\'s, as npm start prints them):',
  ...DEV_ACCOUNTS.filter((account) => account.role).map((account) => `    ${account.id.padEnd(18)} ${account.name} ${account.unit}`),
].join('\n');

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (asksForHelp(argv)) {
    console.log(USAGE);
    return 0;
  }
  const given = argumentsOrRefusal('token', USAGE, () => {
    const { values, positionals } = parseArgs({ args: argv, options: { hours: { type: 'string' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new Error(positionals.length ? `one account, not ${positionals.length}` : 'which account?');
    const hours = values.hours === undefined ? MAX_TOKEN_HOURS : Number(values.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_TOKEN_HOURS) throw new Error(`--hours ${values.hours} is not a whole number from 1 to ${MAX_TOKEN_HOURS}`);
    const account = findDevAccount(positionals[0]!);
    if (!account) throw new Error(`no development account ${JSON.stringify(positionals[0])}`);
    return { account, hours };
  });
  if (!given) return 2;
  const { account, hours } = given;
  let production: boolean;
  try {
    production = isProduction(env);
  } catch (error) {
    // LINJU_ENV set to neither mode: its one line, as every command says it.
    console.error(`token: ${(error as Error).message}`);
    return 2;
  }
  if (production) {
    console.error('token: development only: in production a token comes from the office\'s identity provider (sign in to the dashboard for imports, or ask its administrator for a client of its own)');
    return 1;
  }
  if (!account.role) {
    console.error(`token: ${account.id} (${account.name}) has no Linju role: the gateway refuses its tokens (no-role), as it refuses its sign-in`);
    return 1;
  }
  const keys = await existingDevKeys(env, false);
  if (!keys) {
    console.error('token: no development key yet: run npm start once (its gateway makes the key, under LINJU_DATA_DIR/gateway/)');
    return 1;
  }
  console.log(await mintDevToken(keys, account.role, account.id, `${hours}h`, { name: account.name, ...(account.region && { region: account.region }) }));
  console.error(`${account.id} (${account.name}, ${account.unit}): ${account.role}${account.region ? `, region ${account.region}` : ''}; ${hours} h`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
