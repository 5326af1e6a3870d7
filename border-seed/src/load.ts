import type { JurisdictionSeed } from './rows.ts';

/** The one method of a Prisma model delegate that loading needs. */
interface Creates<Row> {
  createMany(args: { data: Row[] }): PromiseLike<unknown>;
}

/** A jurisdiction store's transaction client, as far as loading its seed is concerned. */
export interface JurisdictionSeedTarget {
  region: Creates<JurisdictionSeed['regions'][number]>;
  organization: Creates<JurisdictionSeed['organizations'][number]>;
  person: Creates<JurisdictionSeed['people'][number]>;
  post: Creates<JurisdictionSeed['posts'][number]>;
  activity: Creates<JurisdictionSeed['activities'][number]>;
  serviceCase: Creates<JurisdictionSeed['serviceCases'][number]>;
  facility: Creates<JurisdictionSeed['facilities'][number]>;
  project: Creates<JurisdictionSeed['projects'][number]>;
  team: Creates<JurisdictionSeed['teams'][number]>;
  teamAction: Creates<JurisdictionSeed['teamActions'][number]>;
  transportLink: Creates<JurisdictionSeed['transportLinks'][number]>;
  civilizationRecord: Creates<JurisdictionSeed['civilizationRecords'][number]>;
  pairing: Creates<JurisdictionSeed['pairings'][number]>;
  grid: Creates<JurisdictionSeed['grids'][number]>;
}

/**
 * Rows of a self-referencing table in generations: roots first, then rows whose references are all
 * in earlier generations, so each createMany only points at rows already inserted.
 */
export function generations<Row extends { id: string }>(rows: readonly Row[], refs: (row: Row) => (string | null)[]): Row[][] {
  const ids = new Set(rows.map((r) => r.id));
  const placed = new Set<string>();
  const result: Row[][] = [];
  let left = [...rows];
  while (left.length > 0) {
    const ready = left.filter((r) => refs(r).every((ref) => ref === null || !ids.has(ref) || placed.has(ref)));
    if (ready.length === 0) throw new Error(`reference cycle among ${left.map((r) => r.id).join(', ')}`);
    for (const r of ready) placed.add(r.id);
    result.push(ready);
    left = left.filter((r) => !placed.has(r.id));
  }
  return result;
}

/** Inserts a jurisdiction's seed with createMany, table by table in foreign-key order. */
export async function loadJurisdictionSeed(tx: JurisdictionSeedTarget, seed: JurisdictionSeed): Promise<void> {
  for (const layer of generations(seed.regions, (r) => [r.parentId])) await tx.region.createMany({ data: layer });
  for (const layer of generations(seed.organizations, (o) => [o.parentId, o.mergedIntoId])) await tx.organization.createMany({ data: layer });
  await tx.person.createMany({ data: seed.people });
  await tx.post.createMany({ data: seed.posts });
  await tx.activity.createMany({ data: seed.activities });
  await tx.serviceCase.createMany({ data: seed.serviceCases });
  await tx.facility.createMany({ data: seed.facilities });
  await tx.project.createMany({ data: seed.projects });
  await tx.team.createMany({ data: seed.teams });
  await tx.teamAction.createMany({ data: seed.teamActions });
  await tx.transportLink.createMany({ data: seed.transportLinks });
  await tx.civilizationRecord.createMany({ data: seed.civilizationRecords });
  await tx.pairing.createMany({ data: seed.pairings });
  await tx.grid.createMany({ data: seed.grids });
}
