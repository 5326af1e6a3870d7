import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES } from '@linju/contract';
import { agreementFigures, allianceFigures } from '../src/loaders/overviewFigures.ts';

describe('alliance and agreement figures', () => {
  const alliances = [
    { id: 'joint:Alliance:a', kind: '毗邻乡镇党建联建' },
    { id: 'joint:Alliance:b', kind: '毗邻村联村党组织' },
    { id: 'joint:Alliance:c', kind: '人才联盟' },
  ];

  test('alliances are counted by kind, or only the one asked for', () => {
    expect(allianceFigures(alliances, null)).toEqual({
      townshipAlliances: 1, jointVillageOrganizations: 1, industryChainOrganizations: 0, talentAlliances: 1, total: 3,
      // Ties in pinyin order (zh-CN collation).
      byKind: [{ kind: '毗邻村联村党组织', count: 1 }, { kind: '毗邻乡镇党建联建', count: 1 }, { kind: '人才联盟', count: 1 }],
    });
    expect(allianceFigures(alliances, 'joint:Alliance:b').total).toBe(1);
  });

  test('by kind lists every kind, those beyond the report’s four too, most alliances first', () => {
    const more = [...alliances, { id: 'joint:Alliance:d', kind: '毗邻乡镇党建联建' }, { id: 'joint:Alliance:e', kind: '边界治理联盟' }];
    const { byKind, total } = allianceFigures(more, null);
    expect(byKind[0]).toEqual({ kind: '毗邻乡镇党建联建', count: 2 });
    expect(byKind.map((k) => k.kind)).toContain('边界治理联盟');
    expect(byKind.reduce((n, k) => n + k.count, 0)).toBe(total);
    expect(allianceFigures(more, 'joint:Alliance:e').byKind).toEqual([{ kind: '边界治理联盟', count: 1 }]);
  });

  test('a signatory or category named by two agreements counts once', () => {
    const signatory = (organizationId: string) => ({ agreementId: 'x', organizationId, jurisdiction: organizationId.split(':')[0]! });
    const item = (category: string) => ({ id: category, agreementId: 'x', category, title: category, position: 0 });
    const agreements = [
      { allianceId: 'joint:Alliance:a', signatories: [signatory('sichuan:Organization:1'), signatory('chongqing:Organization:1')], items: [item('党建共抓')] },
      { allianceId: null, signatories: [signatory('sichuan:Organization:1')], items: [item('党建共抓'), item('产业共兴')] },
    ];
    expect(agreementFigures(agreements, null)).toEqual({ agreements: 2, signatories: 2, cooperationItems: 3, categories: 2 });
    expect(agreementFigures(agreements, 'joint:Alliance:a')).toEqual({ agreements: 1, signatories: 2, cooperationItems: 1, categories: 1 });
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
