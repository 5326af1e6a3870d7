import { parseArgs } from 'node:util';
import { repositoryRoot } from './checks/baseSupergraph.ts';
import { publishSchema } from './publishSchema.ts';

const usage = `npm run schema:publish [-- <commit>]

Records <commit> (default HEAD) as the commit whose schema/supergraph.graphql production now serves,
in schema/published.json: npm run schema:check judges every later commit against it. Removes from
schema/accepted-changes.json the entries that commit already had (what they accepted is published
now); entries added since stay. Run it on main when a release is deployed, then commit what it wrote.

Refused, writing nothing, when the commit is not a commit of main, not an ancestor of HEAD, not after
the commit published now, or has a breaking change against the published supergraph that its own
schema/accepted-changes.json does not accept. See docs/maintaining-a-subgraph.md#run-the-checks.`;

let ref = 'HEAD';
try {
  const { values, positionals } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (positionals.length > 1) throw new Error(`expected one commit, got ${positionals.length}: ${positionals.join(' ')}`);
  ref = positionals[0] ?? 'HEAD';
  console.log(await publishSchema(repositoryRoot, ref));
} catch (problem) {
  console.error(`schema:publish: REFUSED — ${problem instanceof Error ? problem.message : String(problem)}\n(npm run schema:publish -- --help)`);
  process.exitCode = 1;
}
