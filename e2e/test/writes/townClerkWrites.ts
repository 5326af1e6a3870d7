import { mintDevToken } from '@linju/gateway/devKeys';
import type { Federation } from '@linju/testing';
import { dataOf } from './writeSupport.ts';

/** Two towns of 安居区, and a live organization of each, as a town clerk's writes meet them. */
export const MOXI = '510904101'; // 磨溪镇
export const FENSHUI = '510904102'; // 分水镇

export interface Town {
  region: { id: string; code: string; name: string };
  /** The town's own live 党委. */
  committee: { id: string; name: string };
  /** A village region below the town. */
  village: { id: string };
}

/** The towns by code, read through the gateway as the province's operator. */
export async function loadTowns(federation: Federation, codes: readonly string[] = [MOXI, FENSHUI]): Promise<Record<string, Town>> {
  const READ = `query ($regionId: ID) { sichuan {
    regions(first: 100) { edges { node { id code name parent { id } } } }
    organizations(first: 100, filter: { regionId: $regionId }) { edges { node { id name level kind dissolvedOn region { id } } } }
  } }`;
  const regions = dataOf<any>(await federation.query(READ, { regionId: null }, { as: 'sichuan-operator' })).sichuan.regions.edges.map((e: any) => e.node);
  const towns: Record<string, Town> = {};
  for (const code of codes) {
    const region = regions.find((r: any) => r.code === code);
    const orgs = dataOf<any>(await federation.query(READ, { regionId: region.id }, { as: 'sichuan-operator' })).sichuan.organizations.edges.map((e: any) => e.node);
    const committee = orgs.find((o: any) => !o.dissolvedOn && o.level === '乡镇' && o.kind === '党委' && o.region.id === region.id);
    towns[code] = { region: { id: region.id, code, name: region.name }, committee: { id: committee.id, name: committee.name }, village: regions.find((r: any) => r.parent?.id === region.id) };
  }
  return towns;
}

/** A Sichuan operator of a region (a town clerk): the token names the person and the region. */
export async function asTownClerk(federation: Federation, region: string, subject = `clerk-${region}`): Promise<{ as: { authorization: string } }> {
  return { as: { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', subject, '1h', { name: `测试操作员${region}`, region })}` } };
}
