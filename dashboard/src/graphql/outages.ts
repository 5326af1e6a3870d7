import type { GraphQLError } from './sendOperation.ts';

/** The joint office's subgraph (`federation.json`'s `joint`): its alliances, agreements, overview and `jurisdictions`. */
export const JOINT_SUBGRAPH = 'joint';

/** The codes with which the gateway says a subgraph (or its store) could not answer. */
const OUTAGE_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DATABASE_UNAVAILABLE']);

/** A store that could not answer: its subgraph's name and its owner's name (`四川省`). */
export interface Outage {
  readonly subgraph: string;
  readonly name: string;
  readonly code: string;
  /** Where its item is in the answer's `jurisdictions` list (the error's path says), if it is one. */
  readonly slot?: number;
}

/** The stores an answer's errors say are unavailable, once each, in the order they are named. */
export function outagesOf(errors: readonly GraphQLError[]): Outage[] {
  const found = new Map<string, Outage>();
  for (const error of errors) {
    const { code, subgraph, jurisdiction } = error.extensions ?? {};
    if (!code || !OUTAGE_CODES.has(code) || !subgraph) continue;
    const slot = error.path?.[0] === 'jurisdictions' && typeof error.path[1] === 'number' ? error.path[1] : undefined;
    const known = found.get(subgraph);
    if (!known || (known.slot === undefined && slot !== undefined)) found.set(subgraph, { subgraph, name: jurisdiction ?? subgraph, code, ...(slot !== undefined && { slot }) });
  }
  return [...found.values()];
}

/** Errors that are not an outage: the banner says each in Chinese by its code (`errorText`). */
export function otherErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.filter((error) => !OUTAGE_CODES.has(error.extensions?.code ?? ''));
}
