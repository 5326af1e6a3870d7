import { Lexer, Source, TokenKind } from 'graphql';

/**
 * The lexical tokens of a query text, counted as graphql's `parse({ maxTokens })` counts them
 * (comments excluded), stopping after `stopAfter` if given. Lexing is linear and the request
 * body is capped, so counting a whole token bomb is cheap. A lexical error stops the count; the
 * parser reports it.
 */
export function countTokens(query: string, stopAfter = Infinity): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (count < stopAfter && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error: counted so far; parsing will say what is wrong.
  }
  return count;
}
