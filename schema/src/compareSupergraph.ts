import { toSupergraphFileText } from './supergraphFile.ts';

/** Whether the committed supergraph matches what the subgraphs compose to now. */
export type SupergraphComparison =
  | { readonly status: 'current' }
  | { readonly status: 'missing'; readonly message: string }
  | { readonly status: 'stale'; readonly firstDifferentLine: number; readonly message: string };

const remedy = 'run npm run schema:compose';

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    if (left[index] !== right[index]) return index + 1;
  }
  return length;
}

/**
 * Compares the committed file's text with a fresh composition's SDL.
 *
 * @param committed the text of `schema/supergraph.graphql`, or `undefined` if it is absent
 * @param composedSdl the SDL that `composeSupergraph` returned
 */
export function compareSupergraph(committed: string | undefined, composedSdl: string): SupergraphComparison {
  if (committed === undefined) {
    return { status: 'missing', message: `schema/supergraph.graphql is missing: ${remedy}` };
  }
  const expected = toSupergraphFileText(composedSdl);
  const actual = committed.replace(/\r\n/g, '\n');
  if (actual === expected) return { status: 'current' };
  const line = firstDifferentLine(actual, expected);
  return {
    status: 'stale',
    firstDifferentLine: line,
    message: `schema/supergraph.graphql is stale: ${remedy} (first difference at line ${line})`,
  };
}
