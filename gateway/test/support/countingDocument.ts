import { buildSchema, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * A small schema for the per-document memos: a `Date` input, a public field (`Query.overview`, its
 * `JointOverview`), a list with `first` that is not public (`Query.people`), a list without one
 * (`Query.overviews`), and `_entities`.
 */
export const memoSchema = buildSchema(`
  scalar Date
  scalar _Any
  input Period { from: Date to: Date }
  type JointOverview { id: ID! total: Int! }
  type Person { name: String! friends(first: Int = 20): [Person!]! }
  type Query {
    overview(period: Period): JointOverview!
    people(first: Int = 20): [Person!]!
    overviews: [JointOverview!]!
    _entities(representations: [_Any!]!): [JointOverview]!
  }
`);

/**
 * A parsed document that counts how often its `definitions` are read: every walk of it (graphql's
 * `visit`, a lookup of its fragments) starts there, so a count that stays put means the document
 * was not looked at again.
 */
export function countingDocument(source: string): { document: DocumentNode; operation: OperationDefinitionNode; reads: () => number } {
  const parsed = parse(source, { noLocation: true });
  let reads = 0;
  const document = new Proxy(parsed, {
    get(target, key, receiver) {
      if (key === 'definitions') reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { document, operation, reads: () => reads };
}
