import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sideTypeNameProblems } from '../src/checks/sideTypeNames.ts';
import { subgraphs, type SubgraphEntry } from '../src/subgraphs.ts';

const folder = mkdtempSync(join(tmpdir(), 'linju-side-types-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("every side's own types in the repository are named after it", () => {
  expect(sideTypeNameProblems(subgraphs)).toEqual([]);
});

test('a side type without its prefix is named, with the name it should have; root types, extensions and prefixed types pass', () => {
  writeFileSync(
    join(folder, 'schema.graphql'),
    `type Query { chongqingHotlines: [Hotline!]! }
     """热线 / A hotline""" type Hotline { phone: String }
     enum HotlineKind { DAY NIGHT }
     type ChongqingRoster { id: ID! }
     extend type ChongqingOrganization { hotline: Hotline }`,
  );
  const chongqing: SubgraphEntry = { ...subgraphs.find((s) => s.name === 'chongqing')!, directory: folder };
  const problems = sideTypeNameProblems([chongqing]);
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/schema\.graphql: type Hotline is chongqing's own, so it is named after it: call it ChongqingHotline/);
  expect(problems[1]).toMatch(/type HotlineKind .* call it ChongqingHotlineKind/);
});
