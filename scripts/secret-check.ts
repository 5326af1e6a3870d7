// `npm run secret:check -- <member> --url <replica's URL> [--url …]`: sends the gateway's readiness
// checks (its own code: gateway/src/health/replicaCheck.ts), with the gateway's secret for that member
// (`<KEY>_GATEWAY_SECRET`) and its TLS settings towards the subgraphs (`LINJU_SUBGRAPH_CA`,
// `LINJU_GATEWAY_TLS_CERT`, `LINJU_GATEWAY_TLS_KEY`), to each replica given, one at a time, not through
// the member's balancer: behind it a gateway's `/ready` meets either replica, so one replica holding
// another secret shows there only now and then, while most of the answers it serves fail. Run it on a
// gateway's host, with the gateway's environment (docs/deployment.md, "Rotating secrets").
// Says for each replica: ok, secret-mismatch, wrong-url (its /health names another member, a gateway,
// or nothing of Linju's), unreachable, timeout, tls or refused (and its store's state).
// Exits 0 when every replica accepts the secret, 1 when one refuses it (and every other answered),
// 2 when an argument, a variable or a URL is wrong, 3 when a replica could not be checked.
import { pathToFileURL } from 'node:url';
import { gatewaySecretVariable, previousGatewaySecretVariable } from '@linju/access';
import { argumentsOrRefusal, commandUsage, memberArguments, overMembers } from './commandLine.ts';

export const USAGE = commandUsage('secret:check', 'secret-check', '<member> --url <replica URL> [--url <replica URL> …]');

/** What a replica's verdict makes of the exit code: ok 0, secret-mismatch 1, a URL that is no replica of the member 2, not checked 3. */
const STATUS = { ok: 0, 'secret-mismatch': 1, 'wrong-url': 2, unchecked: 3 } as const;

export async function checkSecret(argv: string[], members: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const given = argumentsOrRefusal('secret-check', USAGE, () => {
    const { named, options } = memberArguments(argv, members, { url: '<replica URL>' });
    if (named.length !== 1) throw new Error(`name one member (members: ${members.join(', ')})${named.length ? `, got ${named.join(' ')}` : ''}`);
    const urls = (options.url ?? []).map(graphqlUrl);
    if (!urls.length) throw new Error('--url is required: each replica\'s own URL (https://10.0.1.21:4001, or …/graphql), not its balancer\'s');
    return { member: named[0]!, urls };
  });
  if (!given) return 2;
  const { member, urls } = given;
  const [{ readSubgraphClient }, { checkReplica }] = await Promise.all([import('@linju/gateway/config'), import('@linju/gateway/replicaCheck')]);
  let client: ReturnType<typeof readSubgraphClient>;
  try {
    client = readSubgraphClient(env, member);
  } catch (error) {
    console.error(`secret-check: ${(error as Error).message}`);
    return 2;
  }
  const variable = gatewaySecretVariable(member);
  let status = 0;
  for (const url of urls) {
    const { secret, own, cause, serves } = await checkReplica({ name: member, url, secret: client.secret, ...(client.tls && { tls: client.tls }) });
    const other = serves?.service ? `a ${serves.service}` : serves?.subgraph && serves.subgraph !== member ? `the ${serves.subgraph} subgraph` : undefined;
    if (other) {
      // A gateway accepts any statement (it reads none), another member refuses this one's: neither verdict is about this secret.
      console.log(`${member} ${url}: wrong-url: its /health says it is ${other}, not a replica of ${member}: give a ${member} replica's own URL`);
      status = Math.max(status, STATUS['wrong-url']);
      continue;
    }
    if (serves === null && secret.status !== 'ready') {
      console.log(`${member} ${url}: wrong-url: it answers, but not as a Linju subgraph (its /health names none): give a ${member} replica's own URL`);
      status = Math.max(status, STATUS['wrong-url']);
      continue;
    }
    const store = own.status === 'ready' ? '' : own.reason === 'not-ready' ? ` (its own /ready says not ready: its store is ${own.database ?? 'not answering'})` : '';
    if (secret.status === 'ready') {
      console.log(`${member} ${url}: ok: it accepts the statement signed with ${variable}${store}`);
      continue;
    }
    if (secret.reason === 'secret-mismatch') {
      // Whether the replica holds a previous secret is its own environment's to say, not the gateway's.
      console.log(`${member} ${url}: secret-mismatch: it refuses the statement signed with ${variable}: neither its ${variable} nor its ${previousGatewaySecretVariable(member)} (if it has one) is this one${store}`);
      status = Math.max(status, STATUS['secret-mismatch']);
      continue;
    }
    const why = secret.reason === 'refused' ? 'it answered the signed request, but not with an answer' : `${cause ?? 'no answer'}${likelyCause(url, cause)}`;
    console.log(`${member} ${url}: ${secret.reason}: ${why}`);
    status = Math.max(status, STATUS.unchecked);
  }
  return status;
}

/**
 * What a connection cut without an answer most likely means when the URL says `http://`: the replica
 * serves HTTPS (as every replica on another host does), and its TLS server hangs up on a request in
 * clear. Nothing for any other cause.
 */
export function likelyCause(url: string, cause: string | undefined): string {
  const protocol = new URL(url).protocol;
  if (protocol === 'http:' && /ECONNRESET|socket hang up|HPE_/.test(cause ?? '')) {
    return `: likely a protocol mismatch: the replica serves HTTPS and this URL says http:// (try ${url.replace(/^http:/, 'https:')})`;
  }
  if (protocol === 'https:' && /wrong version number/.test(cause ?? '')) {
    return `: likely a protocol mismatch: the server answers in plain HTTP and this URL says https:// (a replica on another host must serve HTTPS: docs/deployment.md)`;
  }
  return '';
}

/** A replica's GraphQL URL: `…/graphql` as given, or added to a bare origin (`https://10.0.1.21:4001`). */
function graphqlUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`--url ${given} is not a URL (https://10.0.1.21:4001/graphql)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--url ${given}: an http or https URL`);
  return url.pathname === '/' ? new URL('/graphql', url).href : url.href;
}

/** The command: `npm run secret:check -- …`, or `node dist/tools/secret-check.mjs …` from the production build. */
export function main(argv: string[]): Promise<number> {
  return overMembers(argv, USAGE, checkSecret);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
