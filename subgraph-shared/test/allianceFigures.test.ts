import { describe, expect, test } from 'vitest';
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
