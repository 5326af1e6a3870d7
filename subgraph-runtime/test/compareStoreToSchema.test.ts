import { migratedStoreProblems } from '../src/database/migratedStoreProblems.ts';
import { withAuditMigrations } from '@linju/contract';
import { expect, test } from 'vitest';

// The joint store is the smallest: use it to show the comparison notices drift.
// Its own migrations and the audit log's, which it takes from the contract as every store does.
const jointStore = [
  withAuditMigrations(new URL('../../subgraph-shared/prisma/migrations/', import.meta.url)),
  new URL('../../subgraph-shared/prisma/schema.prisma', import.meta.url),
] as const;

test('a column dropped after migrating is reported', async () => {
  const problems = await migratedStoreProblems(...jointStore, 'ALTER TABLE alliance DROP COLUMN closed_on');
  expect(problems).toContain('alliance.closed_on (Alliance.closedOn) is missing');
});

test('an extra column, a changed type and a lost index are reported', async () => {
  const problems = await migratedStoreProblems(
    ...jointStore,
    'ALTER TABLE alliance ADD COLUMN note text; ALTER TABLE cooperation_item ALTER COLUMN position TYPE bigint; DROP INDEX agreement_signed_on_idx',
  );
  expect(problems).toEqual(
    expect.arrayContaining([
      'alliance.note is not in schema.prisma',
      'cooperation_item.position is bigint, schema.prisma says integer',
      'agreement has no normal index on (signed_on)',
    ]),
  );
});

test('an index the store has and schema.prisma does not describe is reported', async () => {
  const problems = await migratedStoreProblems(...jointStore, 'CREATE INDEX alliance_name_kind_idx ON alliance (name, kind)');
  expect(problems).toEqual(['alliance has an index on (name, kind) that schema.prisma does not describe']);
});
