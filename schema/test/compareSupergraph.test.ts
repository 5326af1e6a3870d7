import { describe, expect, it } from 'vitest';
import { compareSupergraph } from '../src/compareSupergraph.ts';
import { toSupergraphFileText } from '../src/supergraphFile.ts';

const composed = 'schema {\n  query: Query\n}\n\ntype Query {\n  a: String\n}';

describe('compareSupergraph', () => {
  it('accepts the text that compose writes', () => {
    expect(compareSupergraph(toSupergraphFileText(composed), composed)).toEqual({ status: 'current' });
  });

  it('accepts a checkout with CRLF line endings', () => {
    const crlf = toSupergraphFileText(composed).replace(/\n/g, '\r\n');
    expect(compareSupergraph(crlf, composed).status).toBe('current');
  });

  it('reports stale, with the first differing line, when the committed text differs', () => {
    const committed = toSupergraphFileText(composed.replace('a: String', 'a: Int'));
    const comparison = compareSupergraph(committed, composed);
    expect(comparison).toMatchObject({ status: 'stale', firstDifferentLine: 7 });
    if (comparison.status !== 'current') expect(comparison.message).toContain('stale: run npm run schema:compose');
  });

  it('reports a missing file', () => {
    const comparison = compareSupergraph(undefined, composed);
    expect(comparison.status).toBe('missing');
    if (comparison.status !== 'current') expect(comparison.message).toContain('run npm run schema:compose');
  });
});
