// Reconciliation of cross-border references: asks the gateway, in one request, for every reference
// each store holds to another store's record and each home's answer to "does it still exist?",
// and lists the dangling ones by the store holding them and the home they point at.
// Run: npm run reconcile [-- --gateway URL]   (else LINJU_GATEWAY_URL, else GATEWAY_URL as before, else
// http://127.0.0.1:<PORT or 4000>/graphql: gatewayUrlSetting, the rule of every tool that asks a gateway)
// The gateway answers only callers with a token: LINJU_TOKEN (a bearer token of any signed-in role;
// the joint office's operators run this), else, for the embedded default, a joint-operator token
// minted with the development key `npm start` generated under the data folder.
// Exits 0 when no reference dangles, 1 when some do, 2 when the reconciliation could not run.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { existingDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { parseArgs } from 'node:util';
import { ConfigError, GATEWAY_URL_VARIABLE, gatewayUrlSetting, isCertificateRejection, isProduction } from '@linju/observability';
import { asksForHelp, commandUsage, fetchFailure } from './commandLine.ts';

/** The query, shared with the explorer's tab for the joint office: one copy, not two. */
export const RECONCILIATION_QUERY = readFileSync(new URL('../gateway/examples/5-reconciliation.graphql', import.meta.url), 'utf8');

interface HeldReference {
  sourceId: string;
  field: string;
  target: { __typename: string; id: string; exists: boolean };
}

export interface ReconciliationData {
  crossBorderReferences: HeldReference[];
  jurisdictions: { key: string; crossBorderReferences: HeldReference[] }[];
}

/** A dangling reference: which store holds it, where it points, and the reference itself. */
export interface DanglingReference extends HeldReference {
  store: string;
  home: string;
}

/** The references whose home says the record no longer exists, with the store holding each. */
export function danglingReferences(data: ReconciliationData): { checked: Record<string, number>; dangling: DanglingReference[] } {
  const held = [
    { store: 'joint', references: data.crossBorderReferences },
    ...data.jurisdictions.map((j) => ({ store: j.key, references: j.crossBorderReferences })),
  ];
  return {
    checked: Object.fromEntries(held.map(({ store, references }) => [store, references.length])),
    dangling: held.flatMap(({ store, references }) =>
      references.filter((r) => !r.target.exists).map((r) => ({ ...r, store, home: r.target.id.split(':')[0] ?? '?' })),
    ),
  };
}

/** The report people read: a line per dangling reference, grouped by holding store and home. */
export function formatReport({ checked, dangling }: ReturnType<typeof danglingReferences>): string {
  const lines = [`Checked ${Object.entries(checked).map(([store, n]) => `${n} held by ${store}`).join(', ')}.`];
  if (dangling.length === 0) return [...lines, 'no dangling references'].join('\n');
  lines.push(`${dangling.length} dangling reference(s):`);
  const groups = new Map<string, DanglingReference[]>();
  for (const reference of dangling) {
    const group = `${reference.store} → ${reference.home}`;
    groups.set(group, [...(groups.get(group) ?? []), reference]);
  }
  for (const [group, references] of groups) {
    lines.push(`  held by ${group} (${references.length}):`);
    for (const r of references) lines.push(`    ${r.sourceId} ${r.field} → ${r.target.id}`);
  }
  return lines.join('\n');
}

/**
 * The bearer token to send: `LINJU_TOKEN`, else a joint-operator token from the embedded default's
 * development key (only if that key exists: a new one would not be the running gateway's; never in
 * production, LINJU_ENV=production, whose gateway trusts the office's issuer alone), else none.
 */
export async function reconciliationToken(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  // The mode first: LINJU_ENV set to neither is refused whether or not a token is given.
  const production = isProduction(env);
  const configured = env.LINJU_TOKEN?.trim();
  if (configured) return configured;
  const keys = await existingDevKeys(env, production);
  return keys && mintDevToken(keys, 'joint-operator', 'reconcile', '5m');
}

/**
 * What to do when the gateway refused the reconciliation for want of a right: the token sent was
 * refused, or none was sent (in production none is minted: the office's issuer gives one).
 */
export function tokenAdvice(token: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (token) return 'The token was refused: set LINJU_TOKEN to a valid one.';
  return isProduction(env)
    ? "No token: set LINJU_TOKEN to a joint operator's access token from the office's identity provider (in production none is minted from a development key)."
    : 'No token: set LINJU_TOKEN (the embedded default has none until `npm start` has run once).';
}

/** Whether the request failed on a certificate Node does not trust (a private CA's, without NODE_EXTRA_CA_CERTS). */
function untrusted(error: unknown): boolean {
  return isCertificateRejection(error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined);
}

export const USAGE = commandUsage('reconcile', 'reconcile', '[--gateway URL]');

/** The command: `npm run reconcile`, or `node dist/tools/reconcile.mjs` from the production build. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (asksForHelp(argv)) {
    console.log(USAGE);
    return 0;
  }
  let given: string | undefined;
  try {
    given = parseArgs({ args: argv, options: { gateway: { type: 'string' } }, strict: true }).values.gateway;
  } catch (error) {
    console.error(`reconcile: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  // GATEWAY_URL: what this command read before LINJU_GATEWAY_URL was every tool's.
  const { url } = gatewayUrlSetting(env, given, ['GATEWAY_URL']);
  let token: string | undefined;
  try {
    token = await reconciliationToken(env);
  } catch (error) {
    // LINJU_ENV set to neither mode: one line naming it, as every tool says a wrong variable.
    if (!(error instanceof ConfigError)) throw error;
    console.error(`reconcile: ${error.message}`);
    return 2;
  }
  let body: { data?: ReconciliationData | null; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query: RECONCILIATION_QUERY }),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    console.error(`Cannot reach the gateway at ${url} (give another with --gateway URL or ${GATEWAY_URL_VARIABLE}): ${fetchFailure(error)}${untrusted(error) ? '; a gateway whose certificate a private CA signed: NODE_EXTRA_CA_CERTS=<that CA\'s certificate>' : ''}`);
    return 2;
  }
  // A partial answer (a home subgraph down) cannot tell an existing record from a dangling one.
  if (body.errors?.length || !body.data) {
    console.error(`The gateway at ${url} could not answer the reconciliation:`);
    for (const error of body.errors ?? []) console.error(`  ${error.message}${error.path ? ` (at ${error.path.join('.')})` : ''}`);
    const refused = body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'FORBIDDEN');
    if (refused) console.error(tokenAdvice(token, env));
    return 2;
  }
  const result = danglingReferences(body.data);
  console.log(formatReport(result));
  return result.dangling.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
