// `npm run tree:check [-- sichuan …]`: lists each jurisdiction's live organizations placed under an
// organization whose kind cannot lead them (CHILD_ORGANIZATION_KINDS in the contract: a 党委 leads 党委,
// 党总支 and 党支部, a 党总支 党支部 only, a 党支部 none). The writes refuse such a placement (`parent-kind`)
// since the rule came; a store written before it may hold some, which the writes leave in place (a rename
// still goes through) until an operator moves them or corrects a kind (docs/api.md, The organizations' tree).
// Stores: as `withStore` opens them (scripts/openStore.ts). Sides: every jurisdiction, or those named.
// Exits 0 when no store holds one, 1 when some do, 2 when a store could not be read or an argument is wrong.
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { CHILD_ORGANIZATION_KINDS, JURISDICTIONS } from '@linju/contract';
import { argumentsOrRefusal, asksForHelp, commandUsage, memberArguments } from './commandLine.ts';
import { withStore } from './openStore.ts';

/** A live organization under one whose kind cannot lead it. */
export interface MisplacedOrganization {
  id: string;
  name: string;
  kind: string;
  parentId: string;
  parentName: string;
  parentKind: string;
}

/** The store's live organizations whose parent's kind cannot lead them, by the contract's pairs (not a copy of them). */
export async function misplacedOrganizations(pool: pg.Pool): Promise<MisplacedOrganization[]> {
  const pairs = Object.entries(CHILD_ORGANIZATION_KINDS).flatMap(([parent, children]) => children.map((child) => [parent, child] as const));
  const { rows } = await pool.query<MisplacedOrganization>(
    `SELECT c.id, c.name, c.kind, p.id AS "parentId", p.name AS "parentName", p.kind AS "parentKind"
     FROM organization c JOIN organization p ON p.id = c.parent_id
     WHERE c.dissolved_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS ok (parent_kind, child_kind) WHERE ok.parent_kind = p.kind AND ok.child_kind = c.kind)
     ORDER BY p.name, c.name, c.id`,
    [pairs.map(([parent]) => parent), pairs.map(([, child]) => child)],
  );
  return rows;
}

export async function checkTree(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const keys = argumentsOrRefusal('tree:check', USAGE, () => memberArguments(argv, JURISDICTIONS.map((side) => side.key)).members);
  if (!keys) return 2;
  let status = 0;
  for (const key of keys) {
    let misplaced: MisplacedOrganization[];
    try {
      misplaced = await withStore(key, env, misplacedOrganizations);
    } catch (error) {
      console.error(`${key}: cannot check: ${(error as Error).message}`);
      status = 2;
      continue;
    }
    if (!misplaced.length) {
      console.log(`${key}: every live organization is under one whose kind may lead it`);
      continue;
    }
    status = Math.max(status, 1);
    console.log(`${key}: ${misplaced.length} live organization(s) under one whose kind cannot lead them (move each, or correct a kind, with updateOrganization):`);
    for (const o of misplaced) console.log(`  ${o.name}（${o.kind}，${o.id}）在 ${o.parentName}（${o.parentKind}，${o.parentId}）之下`);
  }
  return status;
}

export const USAGE = commandUsage('tree:check', 'tree-check', '[jurisdiction …]');

/** The command: `npm run tree:check -- …`, or `node dist/tools/tree-check.mjs …` from the production build. */
export async function main(argv: string[]): Promise<number> {
  if (!asksForHelp(argv)) return checkTree(argv);
  console.log(USAGE);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
