import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, test } from 'vitest';
import { RequestAudit } from '../src/audit/RequestAudit.ts';
import type { Db } from '../src/database/Db.ts';
import { summarizeOperation } from '../src/audit/operationSummary.ts';

const operationOf = (source: string) => {
  const document = parse(source);
  return { document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) };
};
const summary = (source: string) => {
  const { document, operation } = operationOf(source);
  return summarizeOperation(operation, document, 'sichuan');
};

describe('what the audit log says of an operation', () => {
  test("the client's name, from the gateway's name of its fetch; root fields through fragments", () => {
    expect(summary('query Mine__sichuan__2 { sichuan { name } ... on Query { _entities(representations: []) { __typename } } }')).toEqual({
      name: 'Mine',
      fields: ['sichuan', '_entities'],
      mutation: false,
    });
    expect(summary('query A__b__sichuan__0 { ...F } fragment F on Query { sichuan { key } }')).toMatchObject({ name: 'A__b', fields: ['sichuan'] });
    expect(summary('mutation { sichuanRecordActivity(input: {}) { id } }')).toEqual({ name: null, fields: ['sichuanRecordActivity'], mutation: true });
  });
});

describe('which entry a request closes with', () => {
  const viewer = { subject: 'v', role: 'viewer' as const };
  const ok = { errorCodes: [], writeFailed: false };

  test('a read: its records, types sorted, IDs without repeats', () => {
    const audit = new RequestAudit(viewer);
    audit.operation = summary('query R { sichuan { name } }');
    audit.read('Organization', ['sichuan:Organization:b', 'sichuan:Organization:a']);
    audit.readIds(['sichuan:Person:p', 'sichuan:Organization:a']);
    audit.read('JurisdictionFigures');
    expect(audit.closingEntry(ok)).toEqual({
      subject: 'v',
      role: 'viewer',
      name: null,
      region: null,
      operationName: 'R',
      fields: ['sichuan'],
      kind: 'read',
      types: ['JurisdictionFigures', 'Organization', 'Person'],
      ids: ['sichuan:Organization:a', 'sichuan:Organization:b', 'sichuan:Person:p'],
      outcome: 'ok',
      errorCodes: [],
    });
  });

  test('an operator is recorded with the name and region its token gave', () => {
    const audit = new RequestAudit({ subject: 'moxi-clerk', role: 'sichuan-operator', name: '张敏', region: '510904101' });
    audit.operation = summary('query R { sichuan { name } }');
    expect(audit.closingEntry(ok)).toMatchObject({ subject: 'moxi-clerk', role: 'sichuan-operator', name: '张敏', region: '510904101' });
  });

  test('the SDL and introspection are not data: nothing to record unless they fail', () => {
    const audit = new RequestAudit(viewer);
    audit.operation = summary('{ _service { sdl } }');
    expect(audit.closingEntry(ok)).toBeNull();
    expect(audit.closingEntry({ errorCodes: ['FORBIDDEN'], writeFailed: false })).toMatchObject({ outcome: 'error', errorCodes: ['FORBIDDEN'] });
  });

  test('a committed write has its entry already; only what its answer read afterwards is left, as a read', async () => {
    const audit = new RequestAudit(viewer);
    audit.operation = summary('mutation W { sichuanRecordActivity(input: {}) { id } }');
    const appended: unknown[] = [];
    audit.beginWrite();
    audit.wrote(['sichuan:Activity:x']);
    const tx = { $queryRaw: async (query: unknown) => appended.push(query) } as unknown as Db;
    await audit.appendWrite(tx);
    audit.commitWrite();
    expect(appended).toHaveLength(1);
    expect(audit.closingEntry(ok)).toBeNull();
    audit.read('Organization', ['sichuan:Organization:o']);
    expect(audit.closingEntry(ok)).toMatchObject({ kind: 'read', ids: ['sichuan:Organization:o'] });
  });

  test('a write that failed or was refused is a write with its outcome, and names nothing it rolled back', () => {
    const audit = new RequestAudit(viewer);
    audit.operation = summary('mutation W { sichuanRecordActivity(input: {}) { id } }');
    audit.beginWrite();
    audit.wrote(['sichuan:Activity:never']);
    audit.abortWrite();
    expect(audit.closingEntry({ errorCodes: ['BAD_USER_INPUT'], writeFailed: true })).toMatchObject({
      kind: 'write',
      ids: [],
      outcome: 'error',
      errorCodes: ['BAD_USER_INPUT'],
    });
  });
});
