import { day } from './dates.ts';
import { gid, memberKey, type Side } from './ids.ts';
import { personName } from './names.ts';
import { seededRandom } from './random.ts';
import type { GridRow, PairingRow, PersonRow } from './rows.ts';

export interface GridSpec {
  /** Key of the organization (and, by the key convention, of its region). */
  org: string;
  name: string;
  households: number;
  /** Which committee member is responsible (2 = the first 委员). */
  responsible: number;
}

/** Grids (网格) of a side, each with a responsible committee member of its organization. */
export function grids(side: Side, specs: readonly GridSpec[]): GridRow[] {
  return specs.map((g, i) => ({
    id: gid(side, 'Grid', `${g.org}-grid-${i + 1}`),
    name: g.name,
    organizationId: gid(side, 'Organization', g.org),
    regionId: gid(side, 'Region', g.org),
    households: g.households,
    responsibleId: gid(side, 'Person', memberKey(g.org, g.responsible)),
  }));
}

export interface PairingSpec {
  /** The supporting unit (机关企事业单位). */
  unit: string;
  /** Key of the supported village or community organization. */
  org: string;
  startedOn: string;
  wishesFulfilled: number;
  /** Whether the unit sent a 第一书记 (an illustrative person of the village's organization). */
  firstSecretary: boolean;
}

/** Pairings (包联) of a side, with the first secretaries they sent. */
export function pairings(side: Side, specs: readonly PairingSpec[]): { pairings: PairingRow[]; people: PersonRow[] } {
  const people: PersonRow[] = [];
  const rows = specs.map((p) => {
    let firstSecretaryId: string | null = null;
    if (p.firstSecretary) {
      const drawn = personName(seededRandom(`${side}:${p.org}:first-secretary`));
      firstSecretaryId = gid(side, 'Person', `${p.org}-first-secretary`);
      people.push({ id: firstSecretaryId, name: drawn.name, gender: drawn.gender, organizationId: gid(side, 'Organization', p.org), illustrative: true });
    }
    return {
      id: gid(side, 'Pairing', `${p.org}-pairing`),
      unitName: p.unit,
      organizationId: gid(side, 'Organization', p.org),
      firstSecretaryId,
      startedOn: day(p.startedOn),
      wishesFulfilled: p.wishesFulfilled,
    };
  });
  return { pairings: rows, people };
}
