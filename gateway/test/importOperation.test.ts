import { expect, test } from 'vitest';
import { IMPORT_FIELDS, isImportOperation } from '../src/limits/importOperation.ts';

const IMPORT = 'mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows) { created } }';

test('the import fields are each side’s batch forms', () => {
  expect(IMPORT_FIELDS.has('sichuanImportActivities')).toBe(true);
  expect(IMPORT_FIELDS.has('chongqingImportPosts')).toBe(true);
  expect(IMPORT_FIELDS.has('sichuanRecordActivity')).toBe(false);
});

test.each([
  ['a mutation of import fields only', { query: IMPORT }, true],
  ['two import fields, aliased', { query: 'mutation { a: sichuanImportTeams(rows: []) { created } b: chongqingImportTeams(rows: []) { created } }' }, true],
  ['the named operation of several', { query: `${IMPORT.replace('mutation', 'mutation Imp')} query Q { __typename }`, operationName: 'Imp' }, true],
  ['another operation of the document', { query: `${IMPORT.replace('mutation', 'mutation Imp')} query Q { __typename }`, operationName: 'Q' }, false],
  ['an import field beside a single write', { query: 'mutation { sichuanImportTeams(rows: []) { created } sichuanRecordTeam(input: {}) { id } }' }, false],
  ['a query', { query: '{ sichuanImportActivities { created } }' }, false],
  ['import fields behind a fragment', { query: 'mutation { ...F } fragment F on Mutation { sichuanImportTeams(rows: []) { created } }' }, false],
  ['a persisted query by hash alone', { extensions: { persistedQuery: { sha256Hash: 'x' } } }, false],
  ['malformed query text', { query: 'mutation {' }, false],
])('%s: %s', (_what, body, expected) => {
  expect(isImportOperation(body, 65536, 3000)).toBe(expected);
});

test('query text over the ordinary limit, or over the token limit, is never parsed as an import', () => {
  expect(isImportOperation({ query: IMPORT }, IMPORT.length - 1, 3000)).toBe(false);
  expect(isImportOperation({ query: IMPORT }, 65536, 5)).toBe(false);
});
