import type { GraphQLSchema } from 'graphql';

/**
 * Results computed from a parsed document (or one of its nodes, such as the operation to run) and
 * the schema it was validated against, kept as long as both are. Apollo Server keeps the
 * `DocumentNode` of each query text in its document store and hands that same object to every
 * request that sends the text, so work that depends on nothing else is done once per document.
 * Held weakly on both: an entry goes when Apollo drops the document or the schema is replaced,
 * so the memo is bounded by what Apollo itself keeps.
 */
export class DocumentMemo<Node extends object, Value> {
  private readonly bySchema = new WeakMap<GraphQLSchema, WeakMap<Node, Value>>();

  has(schema: GraphQLSchema, node: Node): boolean {
    return this.bySchema.get(schema)?.has(node) ?? false;
  }

  get(schema: GraphQLSchema, node: Node): Value | undefined {
    return this.bySchema.get(schema)?.get(node);
  }

  set(schema: GraphQLSchema, node: Node, value: Value): void {
    let nodes = this.bySchema.get(schema);
    if (!nodes) this.bySchema.set(schema, (nodes = new WeakMap()));
    nodes.set(node, value);
  }

  /** The value kept for `node` under `schema`, computed and kept first if there is none. */
  remember(schema: GraphQLSchema, node: Node, compute: () => Value): Value {
    if (this.has(schema, node)) return this.get(schema, node) as Value;
    const value = compute();
    this.set(schema, node, value);
    return value;
  }
}
