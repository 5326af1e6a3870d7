import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { isUnstorable } from '@linju/contract';
import { textLabel } from '@linju/contract/fieldLabels';

/** Where a value holds text no store can hold, as a path (`variables.filter.search`), or undefined. */
function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = findUnstorable(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * A string literal of the document (`"…\u0000…"`) holding a NUL character. (An unpaired surrogate
 * cannot be in one: graphql-js refuses it when it parses the document.)
 */
function literalWithNul(node: unknown, depth = 0): boolean {
  if (depth > 256 || node === null || typeof node !== 'object') return false;
  const { kind, value } = node as { kind?: unknown; value?: unknown };
  if (kind === 'StringValue' && typeof value === 'string') return value.includes('\u0000');
  return Object.entries(node).some(([key, child]) => key !== 'loc' && literalWithNul(child, depth + 1));
}

/** Documents already searched for a NUL literal: Apollo keeps one parsed document per query text, so a repeated query is searched once. */
const searched = new WeakMap<object, boolean>();

function documentHasNul(document: object): boolean {
  let found = searched.get(document);
  if (found === undefined) searched.set(document, (found = literalWithNul(document)));
  return found;
}

/**
 * Refuses, before anything runs, text that no store can hold (`isUnstorable` of the contract):
 * PostgreSQL's text has no NUL character, and a NUL sent to it fails the statement with an
 * internal error instead of a clear answer; an unpaired surrogate would be stored as U+FFFD, so
 * two different names, titles or idempotency keys would silently become one. Every argument of
 * every field is checked at once (filters, IDs, cursors, inputs, entity representations), in the
 * variables and in the document's literals, with BAD_USER_INPUT naming where it was found: `field`
 * the path, the Chinese half the field's Chinese name (`textLabel`), never the path, whose variable
 * names are the client's own.
 */
export function unstorableTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const where = findUnstorable(request.variables, 'variables');
          if (where) throw unstorable(where, `${textLabel(where)}：含有无法保存的字符（空字符 U+0000 或不成对的代理项），请删除后重新填写 / ${where} contains a NUL character (U+0000) or an unpaired surrogate, which no text in Linju may hold`);
          if (documentHasNul(document)) throw unstorable('query', `查询文本的字符串中含有无法保存的空字符（U+0000） / A string literal of the query contains a NUL character (U+0000), which no text in Linju may hold`);
        },
      };
    },
  };
}

/** The refusal of text no store can hold, `field` where it was: a variable's path, or `query` for a literal of the document. */
function unstorable(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, rule: 'malformed', http: { status: 200 } } });
}

