import { toSupergraphFileText } from './supergraphFile.ts';

/** Whether a committed generated file matches what its sources generate now. */
export type GeneratedFileComparison =
  | { readonly status: 'current' }
  | { readonly status: 'missing'; readonly message: string }
  | { readonly status: 'stale'; readonly firstDifferentLine: number; readonly message: string };

/** Whether the committed supergraph matches what the subgraphs compose to now. */
export type SupergraphComparison = GeneratedFileComparison;

const composeRemedy = 'run npm run schema:compose';

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
 * Compares a committed generated file's text with the text its generator would write now.
 *
 * @param file the file's path from the repository root, as messages name it
 * @param committed its committed text, or `undefined` if it is absent
 * @param expected the exact text the generator writes
 * @param remedy the command that regenerates it, as messages tell it (default: run `npm run schema:compose`)
 */
export function compareGeneratedFile(file: string, committed: string | undefined, expected: string, remedy = composeRemedy): GeneratedFileComparison {
  if (committed === undefined) {
    return { status: 'missing', message: `${file} is missing: ${remedy}` };
  }
  // A checkout with CRLF conversion does not read as stale.
  const actual = committed.replace(/\r\n/g, '\n');
  if (actual === expected) return { status: 'current' };
  const line = firstDifferentLine(actual, expected);
  return {
    status: 'stale',
    firstDifferentLine: line,
    message: `${file} is stale: ${remedy} (first difference at line ${line})`,
  };
}

/**
 * Compares the committed file's text with a fresh composition's SDL.
 *
 * @param committed the text of `schema/supergraph.graphql`, or `undefined` if it is absent
 * @param composedSdl the SDL that `composeSupergraph` returned
 */
export function compareSupergraph(committed: string | undefined, composedSdl: string): SupergraphComparison {
  return compareGeneratedFile('schema/supergraph.graphql', committed, toSupergraphFileText(composedSdl));
}
