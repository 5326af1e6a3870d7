import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES, type OverviewKey } from '@linju/contract';
import { queryRawOnPool, type Db } from '@linju/subgraph-runtime';
import { withMigratedStore } from '@linju/subgraph-runtime/storeChecks';
import { allianceFigures } from '../src/loaders/overviewFigures.ts';
import { JointLoaders } from '../src/loaders/JointLoaders.ts';
import { definition } from '../src/subgraph.ts';

describe('alliance figures of counts by kind', () => {
  const counts = [
    { kind: '毗邻乡镇党建联建', count: 1 },
    { kind: '毗邻村联村党组织', count: 1 },
    { kind: '人才联盟', count: 1 },
  ];

  test('each kind of the report in its figure, every kind in the total', () => {
    expect(allianceFigures(counts)).toEqual({
      townshipAlliances: 1, jointVillageOrganizations: 1, industryChainOrganizations: 0, talentAlliances: 1, total: 3,
      // Ties in pinyin order (zh-CN collation).
      byKind: [{ kind: '毗邻村联村党组织', count: 1 }, { kind: '毗邻乡镇党建联建', count: 1 }, { kind: '人才联盟', count: 1 }],
    });
    expect(allianceFigures([])).toMatchObject({ total: 0, byKind: [] });
  });

  test('by kind lists every kind, those beyond the report’s four too, most alliances first', () => {
    const { byKind, total } = allianceFigures([...counts.slice(1), { kind: '毗邻乡镇党建联建', count: 2 }, { kind: '边界治理联盟', count: 1 }]);
    expect(byKind[0]).toEqual({ kind: '毗邻乡镇党建联建', count: 2 });
    expect(byKind.map((k) => k.kind)).toContain('边界治理联盟');
    expect(byKind.reduce((n, k) => n + k.count, 0)).toBe(total);
  });
});

describe('the joint office’s figures, counted by its store', () => {
  const ALLIANCES = [
    ['joint:Alliance:a', '毗邻乡镇党建联建', '2021-01-08'],
    ['joint:Alliance:b', '毗邻村联村党组织', '2021-03-01'],
    ['joint:Alliance:c', '人才联盟', '2022-06-01'],
    ['joint:Alliance:d', '毗邻乡镇党建联建', '2021-12-31'],
  ];
  // Agreement, alliance, signed on, signatories, items' categories.
  const AGREEMENTS: [string, string | null, string, string[], string[]][] = [
    ['joint:Agreement:1', 'joint:Alliance:a', '2021-02-01', ['sichuan:Organization:1', 'chongqing:Organization:1'], ['党建共抓']],
    ['joint:Agreement:2', null, '2021-05-01', ['sichuan:Organization:1'], ['党建共抓', '产业共兴']],
    ['joint:Agreement:3', 'joint:Alliance:a', '2021-06-30', ['sichuan:Organization:2'], []],
    ['joint:Agreement:4', 'joint:Alliance:b', '2022-01-01', ['chongqing:Organization:9'], ['治理共抓']],
  ];
  const key = (from: string | null, to: string | null, allianceId: string | null = null): OverviewKey => ({ from, to, allianceId });

  test('alliances and agreements by period and alliance, one batch of keys in one statement per period', async () => {
    const figures = await withMigratedStore(definition.migrations, async (pool) => {
      for (const [id, kind, foundedOn] of ALLIANCES) await pool.query('INSERT INTO alliance (id, kind, name, founded_on) VALUES ($1, $2, $1, $3)', [id, kind, foundedOn]);
      for (const [id, allianceId, signedOn, signatories, categories] of AGREEMENTS) {
        await pool.query('INSERT INTO agreement (id, title, signed_on, alliance_id) VALUES ($1, $1, $2, $3)', [id, signedOn, allianceId]);
        for (const organization of signatories) await pool.query('INSERT INTO agreement_signatory (agreement_id, organization_id, jurisdiction) VALUES ($1, $2, $3)', [id, organization, organization.split(':')[0]]);
        for (const [position, category] of categories.entries()) await pool.query('INSERT INTO cooperation_item (id, agreement_id, category, title, position) VALUES ($1, $2, $3, $3, $4)', [`joint:CooperationItem:${id.split(":")[2]}-${position}`, id, category, position]);
      }
      let statements = 0;
      const db: Db = { $queryRaw: (query) => (statements++, queryRawOnPool(pool, query)) };
      const loaders = new JointLoaders(db);
      const keys = [key('2021-01-01', '2021-12-31'), key('2021-01-01', '2021-12-31', 'joint:Alliance:a'), key('2021-01-01', '2021-12-31', 'joint:Alliance:c'), key(null, null)];
      const [alliances, agreements] = await Promise.all([loaders.allianceFigures.loadMany(keys), loaders.agreementFigures.loadMany(keys)]);
      return { alliances, agreements, statements };
    });
    // 2021: a, b and d founded; agreements 1–3 signed, naming three organizations and two categories in three items.
    expect(figures.alliances[0]).toMatchObject({ townshipAlliances: 2, jointVillageOrganizations: 1, talentAlliances: 0, total: 3 });
    expect(figures.agreements[0]).toEqual({ agreements: 3, signatories: 3, cooperationItems: 3, categories: 2 });
    // Alliance a alone in 2021: itself, and its two agreements (one without items).
    expect(figures.alliances[1]).toMatchObject({ townshipAlliances: 1, total: 1, byKind: [{ kind: '毗邻乡镇党建联建', count: 1 }] });
    expect(figures.agreements[1]).toEqual({ agreements: 2, signatories: 3, cooperationItems: 1, categories: 1 });
    // Alliance c was founded in 2022, with no agreement: nothing in 2021.
    expect(figures.alliances[2]).toMatchObject({ total: 0 });
    expect(figures.agreements[2]).toEqual({ agreements: 0, signatories: 0, cooperationItems: 0, categories: 0 });
    // All time, open at both ends.
    expect(figures.alliances[3]).toMatchObject({ total: 4, talentAlliances: 1 });
    expect(figures.agreements[3]).toEqual({ agreements: 4, signatories: 4, cooperationItems: 4, categories: 3 });
    // One statement per period for each kind of figure, however many alliances are asked about.
    expect(figures.statements).toBe(4);
  });
});

describe('the joint office’s figures in its SDL', () => {
  const fieldsOf = (type: string) =>
    (parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === type,
    )!.fields ?? []).map((f) => [f.name.value, f.description?.value ?? ''] as const);

  test('every alliance kind the contract names has its field, described by its kind', () => {
    const fields = new Map(fieldsOf('AllianceFigures'));
    for (const [field, { kind }] of Object.entries(ALLIANCE_KIND_FIGURES)) expect(fields.get(field), field).toContain(kind);
  });

  test('every agreement figure the contract names has its field, described by its label', () => {
    const fields = new Map(fieldsOf('AgreementFigures'));
    expect([...fields.keys()]).toEqual(Object.keys(AGREEMENT_FIGURES));
    for (const [field, { label }] of Object.entries(AGREEMENT_FIGURES)) expect(fields.get(field), field).toContain(label);
  });
});
