import { describe, expect, test } from 'vitest';
import { isPublicOperation } from '../../src/cache/isPublicOperation.ts';
import { countingDocument, memoSchema } from '../support/countingDocument.ts';

describe('whether an operation selects public fields only, remembered per operation', () => {
  test('a public and a non-public operation are each walked once', () => {
    for (const [source, expected] of [
      ['{ overview { id total } }', true],
      ['query Q { overview { id } ...More } fragment More on Query { people { name } }', false],
    ] as const) {
      const { document, operation, reads } = countingDocument(source);
      expect(isPublicOperation(memoSchema, document, operation, undefined)).toBe(expected);
      const walked = reads();
      expect(walked).toBeGreaterThan(0);
      expect(isPublicOperation(memoSchema, document, operation, { any: 1 })).toBe(expected);
      expect(reads()).toBe(walked);
    }
  });

  test('each operation of a document has its own verdict', () => {
    const { document } = countingDocument('query A { overview { id } } query B { people { name } }');
    const [a, b] = document.definitions as Parameters<typeof isPublicOperation>[2][];
    expect([isPublicOperation(memoSchema, document, a!, undefined), isPublicOperation(memoSchema, document, b!, undefined)]).toEqual([true, false]);
    expect([isPublicOperation(memoSchema, document, a!, undefined), isPublicOperation(memoSchema, document, b!, undefined)]).toEqual([true, false]);
  });

  test('_entities depends on the representations in the variables: judged every time', () => {
    const { document, operation, reads } = countingDocument('query ($r: [_Any!]!) { _entities(representations: $r) { id } }');
    expect(isPublicOperation(memoSchema, document, operation, { r: [{ __typename: 'JointOverview', id: 'x' }] })).toBe(true);
    const walked = reads();
    expect(isPublicOperation(memoSchema, document, operation, { r: [{ __typename: 'SichuanPerson', id: 'y' }] })).toBe(false);
    expect(reads()).toBeGreaterThan(walked);
    expect(isPublicOperation(memoSchema, document, operation, { r: [{ __typename: 'JointOverview', id: 'x' }] })).toBe(true);
  });
});
