import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { RUNTIME_RECORD_RIGHTS, RUNTIME_TABLE_RIGHTS } from '../src/database/grantRuntime.ts';

/**
 * docs/operations.md's table of the runtime role's rights is what an operator reviews before
 * granting them (and what a DBA compares with `\dp`): it must be RUNTIME_TABLE_RIGHTS, table for
 * table, and its last row RUNTIME_RECORD_RIGHTS. (After d8ad365 it still said idempotency_record
 * was SELECT, INSERT, UPDATE, and left out the bookkeeping, rollup and archive tables.)
 */
test('the table of docs/operations.md is the rights grantRuntime gives, table for table', () => {
  const docs = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
  const start = docs.indexOf('| table | the runtime role may |');
  expect(start, 'the table of the runtime role’s rights').toBeGreaterThan(0);
  const rows = docs.slice(start).split('\n').slice(2).filter((line, i, lines) => line.startsWith('|') && lines.slice(0, i).every((l) => l.startsWith('|')));
  const documented: Record<string, string[]> = {};
  let others: string[] | undefined;
  for (const row of rows) {
    const [tables, rights] = row.split('|').slice(1, 3).map((cell) => cell.trim());
    const granted = rights!.split(',').map((right) => right.trim());
    if (tables!.startsWith('every other table')) others = granted;
    else for (const [, table] of tables!.matchAll(/`([^`]+)`/g)) documented[table!] = granted;
  }
  expect(documented).toEqual(Object.fromEntries(Object.entries(RUNTIME_TABLE_RIGHTS).map(([table, rights]) => [table, [...rights]])));
  expect(others).toEqual([...RUNTIME_RECORD_RIGHTS]);
});
