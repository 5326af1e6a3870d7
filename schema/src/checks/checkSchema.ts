import { composeServices } from '@apollo/composition';
import type { SubgraphService } from '../loadSubgraphServices.ts';
import type { RegisteredOperation } from '../operations/registeredOperations.ts';
import type { AcceptedChange } from './acceptedChanges.ts';
import { brokenOperations, sideDefinitions, type BrokenOperation } from './brokenOperations.ts';
import { vocabularyChanges, type Vocabulary } from './vocabularyChanges.ts';
import { apiSchemaOf } from './apiSchema.ts';
import { findSchemaChanges, type SchemaChange } from './schemaChanges.ts';
import { SupergraphOwnership } from './SupergraphOwnership.ts';

export type { BrokenOperation };

/** A composition error, with the subgraphs and the type or field it names. */
export interface AttributedCompositionError {
  readonly code: string;
  readonly message: string;
  readonly subgraphs: readonly string[];
  readonly coordinate?: string;
}

export interface ReportedChange extends SchemaChange {
  /** The reviewer's reason when `accepted-changes.json` lists this breaking change. */
  readonly acceptedBecause?: string;
}

export interface SchemaCheckReport {
  /** False when anything below refuses the change. */
  readonly ok: boolean;
  /** The subgraph the report is restricted to, if any. */
  readonly subgraph?: string;
  /** The new supergraph, when composition succeeded. */
  readonly supergraphSdl?: string;
  readonly compositionErrors: readonly AttributedCompositionError[];
  readonly changes: readonly ReportedChange[];
  readonly brokenOperations: readonly BrokenOperation[];
  /** Accepted entries that match no change: candidates for removal from the file. */
  readonly unusedAcceptances: readonly AcceptedChange[];
}

export interface SchemaCheckInput {
  /** The supergraph clients use today (the committed one). */
  readonly baseSupergraphSdl: string;
  /** The subgraphs as they are now. */
  readonly services: readonly SubgraphService[];
  readonly operations: readonly RegisteredOperation[];
  readonly accepted?: readonly AcceptedChange[];
  /** Report only what concerns this subgraph (changes and errors attributed to it). */
  readonly subgraph?: string;
  /** The contract's kinds at the base and now, when the base's are known: a kind removed is breaking (`vocabularyChanges`). */
  readonly vocabulary?: { readonly base: Vocabulary; readonly next: Vocabulary };
}

const coordinatePattern = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?(?:\(\w+:\))?$/;

function attributeCompositionError(code: string, message: string, names: readonly string[]): AttributedCompositionError {
  const subgraphs = names.filter((name) => message.startsWith(`[${name}]`) || message.includes(`"${name}"`) || message.includes(`subgraph ${name}`));
  const quoted = [...message.matchAll(/"([^"]+)"/g)].map((match) => match[1]!).filter((text) => !names.includes(text));
  const coordinate = quoted.find((text) => coordinatePattern.test(text));
  return { code, message, subgraphs: subgraphs.length > 0 ? subgraphs : [...names], ...(coordinate && { coordinate }) };
}

const concerns = (subgraph: string | undefined, owners: readonly string[]): boolean => subgraph === undefined || owners.length === 0 || owners.includes(subgraph);

/**
 * Composes the subgraphs as they are now and compares the result with the base supergraph:
 * composition errors, breaking changes of the API schema (unless accepted), and registered
 * operations that no longer validate.
 */
export function checkSchema(input: SchemaCheckInput): SchemaCheckReport {
  const { subgraph } = input;
  const names = input.services.map((service) => service.name);
  if (subgraph !== undefined && !names.includes(subgraph)) throw new Error(`Unknown subgraph "${subgraph}": expected one of ${names.join(', ')}`);
  const restrict = subgraph === undefined ? {} : { subgraph };
  const result = composeServices(input.services.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
  if (result.errors) {
    const all = result.errors.map((error) => attributeCompositionError(String(error.extensions['code'] ?? 'UNKNOWN'), error.message, names));
    const own = all.filter((error) => concerns(subgraph, error.subgraphs));
    // Without a supergraph nothing else can be checked: a failed composition always refuses.
    return { ok: false, ...restrict, compositionErrors: own.length > 0 ? own : all, changes: [], brokenOperations: [], unusedAcceptances: [] };
  }
  return compareWithBase({ ...input, supergraphSdl: result.supergraphSdl });
}

/**
 * Compares a composed supergraph with the base one: breaking changes of the API schema (unless
 * accepted) and registered operations that no longer validate. `schema:compose` uses it to warn
 * about what it writes; `checkSchema` after composing.
 */
export function compareWithBase(input: Omit<SchemaCheckInput, 'services'> & Partial<Pick<SchemaCheckInput, 'services'>> & { readonly supergraphSdl: string }): SchemaCheckReport {
  const { subgraph, accepted = [], supergraphSdl } = input;
  const restrict = subgraph === undefined ? {} : { subgraph };
  const baseSchema = apiSchemaOf(input.baseSupergraphSdl);
  const ownership = {
    base: new SupergraphOwnership(input.baseSupergraphSdl),
    next: new SupergraphOwnership(supergraphSdl),
    ...(input.services && { sides: sideDefinitions(baseSchema, input.services) }),
  };
  const nextSchema = apiSchemaOf(supergraphSdl);
  const used = new Set<string>();
  const changes: ReportedChange[] = [
    ...findSchemaChanges(baseSchema, nextSchema, ownership),
    ...(input.vocabulary ? vocabularyChanges(input.vocabulary.base, input.vocabulary.next) : []),
  ]
    .filter((change) => concerns(subgraph, change.subgraphs))
    .map((change) => {
      const acceptance = change.severity === 'breaking' ? accepted.find((entry) => entry.change === change.description) : undefined;
      if (!acceptance) return change;
      used.add(acceptance.change);
      return { ...change, acceptedBecause: acceptance.reason };
    });
  const broken = brokenOperations(nextSchema, input.operations, ownership).filter((operation) => concerns(subgraph, operation.subgraphs));
  const refused = refusedChanges(changes).length > 0 || broken.length > 0;
  return {
    ok: !refused,
    ...restrict,
    supergraphSdl,
    compositionErrors: [],
    changes,
    brokenOperations: broken,
    unusedAcceptances: subgraph === undefined ? accepted.filter((entry) => !used.has(entry.change)) : [],
  };
}

/** The breaking changes nobody accepted: what refuses a change. */
export function refusedChanges(changes: readonly ReportedChange[]): ReportedChange[] {
  return changes.filter((change) => change.severity === 'breaking' && change.acceptedBecause === undefined);
}
