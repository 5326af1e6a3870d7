import { compareSupergraph } from './compareSupergraph.ts';
import { composeSupergraph } from './composeSupergraph.ts';
import { readCommittedSupergraph } from './supergraphFile.ts';

try {
  const { supergraphSdl } = await composeSupergraph();
  const comparison = compareSupergraph(await readCommittedSupergraph(), supergraphSdl);
  if (comparison.status === 'current') {
    console.log('schema/supergraph.graphql is up to date with the subgraphs');
  } else {
    console.error(comparison.message);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
