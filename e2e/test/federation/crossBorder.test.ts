import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { jurisdictionByKey } from '@linju/contract';
import { sharedFederation, type Federation } from '@linju/testing';
import { H1_2021 } from './seedFigures.ts';

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

interface Member {
  organization: { __typename: string; id: string; name: string; kind: string; jurisdiction: { key: string } };
  jurisdiction: { __typename: string; key: string };
}

describe('cross-border queries, one request each', () => {
  test('an alliance lists its members from both jurisdictions, each resolved by its home subgraph', async () => {
    federation.resetCalls();
    const response = await federation.query<{ alliances: { edges: { node: { name: string; members: Member[] } }[] } }>(`{
      alliances(filter: { kinds: ["毗邻乡镇党建联建"], search: "磨溪镇—双江镇" }, first: 1) {
        edges { node { name members {
          organization { __typename id ... on Organization { name kind jurisdiction { key } } }
          jurisdiction { __typename key }
        } } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const alliance = response.data!.alliances.edges[0]!.node;
    expect(alliance.name).toContain('磨溪');
    expect([...new Set(alliance.members.map((m) => m.organization.__typename))].sort()).toEqual(['ChongqingOrganization', 'SichuanOrganization']);
    for (const member of alliance.members) {
      const home = member.organization.id.split(':')[0];
      // The name came from the member's home: the joint store holds the ID only.
      expect(member.organization.name.length).toBeGreaterThan(0);
      expect(member.organization.jurisdiction.key).toBe(home);
      expect(member.jurisdiction.key).toBe(home);
    }
    expect(alliance.members.map((m) => m.organization.name)).toEqual(expect.arrayContaining(['磨溪镇党委', '双江镇党委']));
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));
  });

  test("the alliance drill-down calls each store's subgraph once: a member's jurisdiction is named by the joint office from the contract", async () => {
    const drilldown = readFileSync(new URL('../../../gateway/examples/1-alliance-with-members.graphql', import.meta.url), 'utf8');
    federation.resetCalls();
    const response = await federation.query<{ alliance: { members: { jurisdiction: { key: string; name: string }; organization: { id: string } }[] } }>(drilldown, { id: 'joint:Alliance:moxi-shuangjiang' }, { as: 'viewer' });
    expect(response.errors).toBeUndefined();
    const members = response.data!.alliance.members;
    expect(members.length).toBeGreaterThan(1);
    for (const { jurisdiction, organization } of members) {
      const side = jurisdictionByKey(organization.id.split(':')[0]!)!;
      // As the side's own subgraph names itself.
      expect(jurisdiction).toEqual({ key: side.key, name: side.name });
    }
    // The joint office, then both sides side by side for the organizations: no second request to either side.
    expect([...federation.subgraphCalls].sort()).toEqual(['chongqing', 'joint', 'sichuan']);
    const named = await federation.query<{ sichuan: { key: string; name: string } }>('{ sichuan { key name } }', {}, { as: 'anonymous' });
    expect(named.data!.sichuan).toEqual({ key: 'sichuan', name: jurisdictionByKey('sichuan')!.name });
  });

  test('the joint store keeps references only: member names come from the homes, not the joint store', async () => {
    const { rows } = await federation.subgraphs.joint!.pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'alliance_member'`,
    );
    // A membership period: the reference, its home, its days and its number among the organization's periods.
    expect(rows.map((r) => r.column_name).sort()).toEqual(['alliance_id', 'joined_on', 'jurisdiction', 'left_on', 'organization_id', 'period']);
  });

  test("a cross-appointment: the post in one side's organization, the holder's name and home organization from the other side", async () => {
    const response = await federation.query<{
      jurisdictions: { key: string; posts: { totalCount: number; edges: { node: { title: string; crossBorder: boolean; organization: { id: string; name: string }; holder: { __typename: string; id: string; name: string; organization: { id: string; name: string } } } }[] } }[];
    }>(`query ($period: PeriodInput) {
      jurisdictions {
        key
        posts(filter: { crossBorder: true, period: $period }, first: 3) {
          totalCount
          edges { node { title crossBorder organization { id name } holder { __typename id name organization { id name } } } }
        }
      }
    }`, { period: H1_2021 });
    expect(response.errors).toBeUndefined();
    const sides = response.data!.jurisdictions;
    expect(sides.map((s) => s.key).sort()).toEqual(['chongqing', 'sichuan']);
    expect(sides.reduce((n, s) => n + s.posts.totalCount, 0)).toBe(56);
    for (const side of sides) {
      const other = side.key === 'sichuan' ? 'Chongqing' : 'Sichuan';
      expect(side.posts.edges.length).toBeGreaterThan(0);
      for (const { node } of side.posts.edges) {
        expect(node.crossBorder).toBe(true);
        expect(node.organization.id.startsWith(`${side.key}:`)).toBe(true);
        expect(node.holder.__typename).toBe(`${other}Person`);
        expect(node.holder.name.length).toBeGreaterThan(0);
        expect(node.holder.organization.id.startsWith(`${other.toLowerCase()}:`)).toBe(true);
        expect(node.holder.organization.name.length).toBeGreaterThan(0);
      }
    }
  });

  test('each store holds only its own side’s rows, and the joint store only references', async () => {
    for (const side of ['sichuan', 'chongqing'] as const) {
      const pool = federation.subgraphs[side]!.pool;
      // Every table of records; the bookkeeping (idempotency keys, the audit log) holds no record IDs of its own.
      const tables = (await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_linju%' AND table_name NOT IN ('idempotency_record', 'audit_log')`)).rows;
      for (const { table_name } of tables) {
        const { rows } = await pool.query(`SELECT count(*)::int AS foreign FROM ${table_name} WHERE id NOT LIKE $1`, [`${side}:%`]);
        expect(rows[0].foreign, `${side}.${table_name}`).toBe(0);
      }
      // The constraint, not just the seed, keeps it so.
      await expect(pool.query(`INSERT INTO region (id, code, name, level) VALUES ('joint:Region:x', 'x', 'x', 'town')`)).rejects.toThrow(/check constraint/);
    }
    const joint = federation.subgraphs.joint!.pool;
    const refs = (await joint.query(`SELECT organization_id FROM alliance_member UNION ALL SELECT organization_id FROM agreement_signatory`)).rows;
    expect(refs.length).toBeGreaterThan(0);
    for (const { organization_id } of refs) expect(organization_id).toMatch(/^(sichuan|chongqing):Organization:/);
  });

  test('a border road ends in a region of the other side, resolved there', async () => {
    const response = await federation.query<{ sichuan: { transportLinks: { edges: { node: { from: { __typename: string; name: string }; to: { __typename: string; name: string; code: string } } }[] } } }>(`{
      sichuan { transportLinks(filter: { kinds: ["断头路"] }, first: 2) { edges { node { from { __typename name } to { __typename name code } } } } }
    }`);
    expect(response.errors).toBeUndefined();
    for (const { node } of response.data!.sichuan.transportLinks.edges) {
      expect(node.from.__typename).toBe('SichuanRegion');
      expect(node.to.__typename).toBe('ChongqingRegion');
      expect(node.to.code.startsWith('50')).toBe(true);
    }
  });
});
