import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { mayWrite, type Caller } from '@linju/access';
import { coercedVariables, CROSS_STORE_WRITES, homeName, JOINT_HOME, jurisdictionByKey, MAX_PAGE, notFoundError, parseGlobalId, responseKey, runningRootFields, userInputError, type StoreReference } from '@linju/contract';
import {
  getArgumentValues,
  getOperationAST,
  GraphQLError,
  parse,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { SUBGRAPH_FAILURE_CODES } from '../resilience/subgraphFailure.ts';

/** One ID a write names of another store's record: where it is in the arguments and what it must be. */
export interface NamedReference {
  id: string;
  /** Its home (`sichuan`, `joint`): where it is read. */
  home: string;
  reference: StoreReference;
  /** Its place in the arguments as the stores name fields: `memberIds[1]`, `organizationId`, `holderId`. */
  field: string;
  /** The date it must not be dissolved before (`on`), when the write gives one. */
  on?: string;
  /** What a refusal says was not done: 联盟未创建. */
  unwritten: string;
  /** The write's root field as the answer names it (its alias, else its name): a refusal's `path`. */
  write: string;
}

const valueAt = (args: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), args);

/**
 * The IDs of other stores' records a mutation names, by the contract's declaration
 * (`CROSS_STORE_WRITES`), read from the document's literals and the variables as the schema coerces
 * them. Left out: a write `@skip` / `@include` leaves out (it is not made); for the write's owner to refuse or check in its own transaction, writes the caller
 * may not make (the owner refuses them whole, so nothing is read for them: no caller learns here what
 * it could not write), arguments that do not coerce, a list longer than the write takes, IDs that are
 * no global ID or of another type, of no member of the federation, or of the write's own store.
 */
export function namedReferences(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> | undefined, caller: Caller): NamedReference[] {
  const mutationType = schema.getMutationType();
  if (operation.operation !== 'mutation' || !mutationType) return [];
  // Nothing of another store named (an import, say): its variables, maybe a thousand rows, are not coerced for nothing.
  if (!runningRootFields(document, operation).some((node) => CROSS_STORE_WRITES.has(node.name.value))) return [];
  const variables = coercedVariables(schema, operation, rawVariables);
  if (!variables) return [];
  // A write `@skip` or `@include` leaves out is not made: nothing of it is read.
  const writes = runningRootFields(document, operation, variables).flatMap((node) => {
    const write = CROSS_STORE_WRITES.get(node.name.value);
    const definition = mutationType.getFields()[node.name.value];
    return write && definition && mayWrite(caller, write.home) ? [{ node, write, definition }] : [];
  });
  return writes.flatMap(({ node, write, definition }) => {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, variables);
    } catch {
      return [];
    }
    return write.references.flatMap((reference) => {
      const value = valueAt(args, reference.path);
      const ids = Array.isArray(value) ? value : [value];
      if (reference.most !== undefined && ids.length > reference.most) return [];
      const name = reference.path.replace(/^input\./, '');
      const on = reference.on ? valueAt(args, reference.on) : undefined;
      return ids.flatMap((given, index) => {
        // As the stores take it (validate.globalId trims): an ID pasted with a space is the same ID.
        const id = typeof given === 'string' ? given.trim() : given;
        const parsed = parseGlobalId(id);
        // An alliance is the joint office's, anything else a jurisdiction's (`joint:Person:x` is the owner's to refuse).
        const known = parsed && (reference.type === 'Alliance' ? parsed.home === JOINT_HOME.key : jurisdictionByKey(parsed.home) !== undefined);
        if (!parsed || !known || parsed.type !== reference.type || parsed.home === write.home) return [];
        return [
          { id: id as string, home: parsed.home, reference, field: Array.isArray(value) ? `${name}[${index}]` : name, unwritten: write.unwritten, write: responseKey(node), ...(typeof on === 'string' && { on }) },
        ];
      });
    });
  });
}

/** The list each referenced type is read from at its home. */
const LISTS: Record<StoreReference['type'], string> = { Organization: 'organizations', Person: 'people', Region: 'regions', Alliance: 'alliances' };

/**
 * One query reading every named ID at its home: per home, one list per type, in chunks of a page
 * (`filter.ids` takes one page's worth) under aliases, so each home is one subgraph call however
 * many IDs a write names. A side's lists are under its root field (`sichuan { … }`), the joint
 * office's at the root.
 */
export function referenceQuery(references: readonly NamedReference[]): { query: string; variables: Record<string, string[]> } {
  const variables: Record<string, string[]> = {};
  const byHome = new Map<string, Map<StoreReference['type'], string[]>>();
  for (const { home, id, reference } of references) {
    const types = byHome.get(home) ?? byHome.set(home, new Map()).get(home)!;
    const ids = types.get(reference.type) ?? types.set(reference.type, []).get(reference.type)!;
    if (!ids.includes(id)) ids.push(id);
  }
  const parts = [...byHome].map(([home, types]) => {
    const lists = [...types].flatMap(([type, ids]) =>
      Array.from({ length: Math.ceil(ids.length / MAX_PAGE) }, (_, chunk) => {
        const name = `r${Object.keys(variables).length}`;
        variables[name] = ids.slice(chunk * MAX_PAGE, (chunk + 1) * MAX_PAGE);
        return `${name}: ${LISTS[type]}(filter: { ids: $${name} }, first: ${MAX_PAGE}) { edges { node { id${type === 'Organization' ? ' dissolvedOn' : ''} } } }`;
      }),
    );
    return home === JOINT_HOME.key ? lists.join('\n  ') : `${home} {\n    ${lists.join('\n    ')}\n  }`;
  });
  const declared = Object.keys(variables).map((name) => `$${name}: [ID!]`);
  return { query: `query CheckReferences(${declared.join(', ')}) {\n  ${parts.join('\n  ')}\n}`, variables };
}

/** What the read found at each home: the records by ID (with the date an organization was dissolved), or the error that kept it from answering. */
type Found = Map<string, { dissolvedOn: string | null }>;

function foundAt(result: FormattedExecutionResult, home: string): Found | undefined {
  const data = result.data as Record<string, unknown> | null | undefined;
  const holder = home === JOINT_HOME.key ? data : (data?.[home] as Record<string, unknown> | null | undefined);
  if (!holder) return undefined;
  const found: Found = new Map();
  for (const [alias, list] of Object.entries(holder)) {
    if (!/^r\d+$/.test(alias)) continue;
    if (!list) return undefined;
    for (const { node } of (list as { edges: { node: { id: string; dissolvedOn?: string | null } }[] }).edges) found.set(node.id, { dissolvedOn: node.dissolvedOn ?? null });
  }
  return found;
}

/** The error of a home that did not answer: its own (SUBGRAPH_UNAVAILABLE …) when the read says which, else the first. */
function failureOf(result: FormattedExecutionResult, home: string) {
  const errors = result.errors ?? [];
  return errors.find((e) => e.extensions?.['subgraph'] === home || e.extensions?.['serviceName'] === home || e.path?.[0] === home) ?? errors[0];
}

/**
 * Every named reference the read did not find, or found dissolved before the day the write gives:
 * refusals naming the argument in words, in the clerk's Chinese (no ID) and in English (the ID).
 * A home that did not answer refuses every reference to it as unverifiable, with the outage's code.
 */
export function referenceRefusals(references: readonly NamedReference[], result: FormattedExecutionResult): GraphQLError[] {
  const refusals: GraphQLError[] = [];
  const unverified = new Set<string>();
  for (const named of references) {
    const { id, home, reference, field, unwritten } = named;
    // Under the write's root field, as the owner's own refusals are.
    const refuse = (error: GraphQLError) => void refusals.push(new GraphQLError(error.message, { path: [named.write], extensions: error.extensions }));
    const owner = homeName(home);
    const found = foundAt(result, home);
    if (!found) {
      if (unverified.has(`${home} ${reference.words}`)) continue;
      unverified.add(`${home} ${reference.words}`);
      const failure = failureOf(result, home);
      const code = failure?.extensions?.['code'];
      const outage = typeof code === 'string' && (SUBGRAPH_FAILURE_CODES as readonly string[]).includes(code);
      if (!outage && failure) {
        // The caller may not read there (or the read was refused): its own refusal, nothing written.
        refuse(new GraphQLError(failure.message, { extensions: { ...failure.extensions, field } }));
        continue;
      }
      refuse(
        new GraphQLError(`暂时无法核对${reference.words} ID：${owner}的数据暂不可用，${unwritten}，未写入，请稍后再试 / Cannot check ${field} ${id}: the ${home} subgraph did not answer; nothing was written, try again later`, {
          extensions: { code: outage ? code : 'SUBGRAPH_UNAVAILABLE', field, subgraph: home, serviceName: home, jurisdiction: owner },
        }),
      );
      continue;
    }
    const record = found.get(id);
    // Which of a list's IDs, by its place (第 2 个成员组织): the Chinese half names no ID.
    const place = /\[(\d+)\]$/.exec(field);
    const which = place ? `第 ${Number(place[1]) + 1} 个${reference.words}` : reference.words;
    if (!record) {
      refuse(notFoundError(`${which} ID 在${owner}的库中不存在，请核对；${unwritten} / ${field} ${id} does not exist in the ${home} store; nothing was written`, field));
    } else if (named.on && record.dissolvedOn && named.on > record.dissolvedOn) {
      refuse(
        userInputError(`${which}已于 ${record.dissolvedOn} 撤销，早于 ${named.on}；${unwritten} / ${field} ${id} was dissolved on ${record.dissolvedOn}, before ${named.on}; nothing was written`, field, 'dissolved'),
      );
    }
  }
  return refusals;
}

/**
 * What the gateway's executor (`ApolloGateway.executor`) is given: a request context as Apollo
 * Server hands it to a gateway, with `context` (not `contextValue`), which its data sources sign
 * the caller from.
 */
export interface GatewayRead {
  request: { query: string; variables: Record<string, unknown>; operationName: string };
  context: { caller: Caller };
  document: DocumentNode;
  source: string;
  operation: OperationDefinitionNode;
  operationName: string;
  queryHash: string;
  schema: GraphQLSchema;
  logger: unknown;
  metrics: Record<string, unknown>;
  overallCachePolicy: unknown;
}

/** Runs a read through the gateway's own supergraph execution, as the request's caller. */
export type ExecuteRead = (read: GatewayRead) => Promise<FormattedExecutionResult>;

/**
 * Before a write naming another store's records is sent, reads at their homes, as the caller and
 * through the gateway's own query plan, whether they exist (one subgraph call per home, whatever
 * the number of IDs); a reference that does not, or that cannot be checked (its home down), refuses
 * the whole mutation and nothing is sent. A store cannot check another's rows: the gateway is the
 * client every write passes through. A mutation naming none costs nothing more.
 */
export function checkReferencesPlugin(execute: () => ExecuteRead, formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError): ApolloServerPlugin<{ caller: Caller }> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
          const { schema, document, operation, request, contextValue } = requestContext;
          if (!operation) return null;
          const references = namedReferences(schema, document, operation, request.variables, contextValue.caller);
          if (references.length === 0) return null;
          const { query, variables } = referenceQuery(references);
          const readDocument = parse(query);
          const result = await execute()({
            request: { query, variables, operationName: 'CheckReferences' },
            context: contextValue,
            document: readDocument,
            source: query,
            operation: getOperationAST(readDocument)!,
            operationName: 'CheckReferences',
            queryHash: createHash('sha256').update(query).digest('hex'),
            schema,
            logger: requestContext.logger,
            metrics: {},
            overallCachePolicy: requestContext.overallCachePolicy,
          });
          const refusals = referenceRefusals(references, result);
          if (refusals.length === 0) return null;
          // Apollo Server sends a plugin's answer as it is: the server's formatError (the masking of internal errors) is applied here.
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: refusals.map((e) => formatError(e.toJSON(), e)) } } };
        },
      };
    },
  };
}
