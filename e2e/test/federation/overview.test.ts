import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedFederation, type Federation } from '@linju/testing';
import { H1_2021, SEED_000_ALLIANCES, SEED_000_TOTALS } from './seedFigures.ts';

type Figures = Record<string, number | null>;
interface Overview {
  alliances: Record<string, number>;
  agreements: Record<string, number>;
  sichuan: Figures;
  chongqing: Figures;
  total: Figures;
}

const FIELDS = Object.keys(SEED_000_TOTALS).join(' ');
const OVERVIEW = `query Overview($period: PeriodInput, $allianceId: ID) {
  overview(period: $period, allianceId: $allianceId) {
    alliances { townshipAlliances jointVillageOrganizations industryChainOrganizations talentAlliances total }
    agreements { agreements signatories cooperationItems categories }
    sichuan { ${FIELDS} talentEvents talentsRecruited majorProjects majorProjectInvestmentWan householdsBenefiting }
    chongqing { ${FIELDS} talentEvents talentsRecruited majorProjects majorProjectInvestmentWan householdsBenefiting }
    total { ${FIELDS} talentEvents talentsRecruited majorProjects majorProjectInvestmentWan householdsBenefiting }
  }
}`;

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

async function overview(variables: Record<string, unknown>): Promise<Overview> {
  const response = await federation.query<{ overview: Overview }>(OVERVIEW, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.overview;
}

describe('the joint overview through the gateway', () => {
  test('reproduces every figure of the seed-000 table for the first half of 2021', async () => {
    const result = await overview({ period: H1_2021 });
    for (const [field, expected] of Object.entries(SEED_000_TOTALS)) {
      expect.soft(result.total[field], field).toBeCloseTo(expected, 2);
    }
    expect(result.alliances).toMatchObject(SEED_000_ALLIANCES);
  });

  test("each side contributes its own part, and the parts add up to the joint total", async () => {
    const result = await overview({ period: H1_2021 });
    for (const field of Object.keys(SEED_000_TOTALS).filter((f) => f !== 'incomePerHouseholdYuan')) {
      expect.soft(Number(result.sichuan[field]) + Number(result.chongqing[field]), field).toBeCloseTo(Number(result.total[field]), 2);
      // Both stores hold a real share of each joint figure: none is carried by one side alone.
      expect.soft(result.sichuan[field], `sichuan ${field}`).toBeGreaterThan(0);
      expect.soft(result.chongqing[field], `chongqing ${field}`).toBeGreaterThan(0);
    }
  });

  test('asks each side for its part and the joint office for the total, in one request', async () => {
    federation.resetCalls();
    await overview({ period: H1_2021 });
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));
  });

  test("seed 001's later figures come out for the later period", async () => {
    const later = await overview({ period: { from: '2021-07-01', to: '2023-06-30' } });
    expect(later.alliances).toMatchObject({ talentAlliances: 1 });
    expect(later.alliances.total! - later.alliances.talentAlliances!).toBe(3);
    expect(later.agreements).toMatchObject({ signatories: 28, cooperationItems: 17, categories: 5 });
    expect(later.total).toMatchObject({ talentEvents: 10, talentsRecruited: 170, majorProjects: 30, majorProjectInvestmentWan: 12_000_000, governanceTeams: 10 });

    const inAll = await overview({ period: { to: '2023-06-30' } });
    const { townshipAlliances, jointVillageOrganizations, industryChainOrganizations } = inAll.alliances;
    expect(townshipAlliances! + jointVillageOrganizations! + industryChainOrganizations!).toBe(33);
  });

  test("seed 002's Tongtan figures live in Sichuan's store", async () => {
    const tongtan = await overview({ period: { from: '2017-01-01', to: '2018-12-31' } });
    expect(tongtan.sichuan.problemsSolved).toBe(42);
    expect(tongtan.chongqing.problemsSolved).toBe(0);
  });

  test("one alliance's overview holds only that alliance's records, and equals its own overview field", async () => {
    const list = await federation.query<{ alliances: { edges: { node: { id: string; overview: Overview } }[] } }>(
      `query ($period: PeriodInput) { alliances(filter: { kinds: ["毗邻村联村党组织"], period: $period }, first: 1) { edges { node { id
        overview(period: $period) { sichuan { crossAppointments } chongqing { crossAppointments } total { crossAppointments } } } } } }`,
      { period: H1_2021 },
    );
    const alliance = list.data!.alliances.edges[0]!.node;
    const single = await overview({ period: H1_2021, allianceId: alliance.id });
    expect(single.alliances.total).toBe(1);
    expect(single.total.crossAppointments).toBe(alliance.overview.total.crossAppointments);
    expect(single.total.crossAppointments).toBeGreaterThan(0);
    expect(single.total.crossAppointments).toBeLessThan(SEED_000_TOTALS.crossAppointments!);
  });

  test("an alliance the joint office does not have is refused, not answered as zeros, and no side is asked", async () => {
    federation.resetCalls();
    const response = await federation.query(
      `query ($id: ID) { overview(allianceId: $id) { alliances { total } sichuan { crossAppointments } } sichuan { figures(allianceId: $id) { crossAppointments } } }`,
      { id: 'joint:Alliance:nope' },
    );
    const refusal = response.errors?.find((error) => error.path?.[0] === 'overview');
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'unknown-alliance' });
    const [chinese, english] = refusal!.message.split(' / ');
    expect(chinese).toMatch(/没有这个联盟/);
    // The Chinese half names no internal ID; the English half does, for the developer.
    expect(chinese).not.toContain('nope');
    expect(english).toBe('allianceId joint:Alliance:nope names no alliance of the joint office');
    expect(response.data?.['overview']).toBeNull();
    // A side's own figures cannot know the joint office's alliances: one without records there is 0 (docs/api.md).
    expect((response.data?.['sichuan'] as { figures: { crossAppointments: number } }).figures.crossAppointments).toBe(0);
    expect(response.errors).toHaveLength(1);
  });

  test('a period that ends before it starts is refused with a clear error', async () => {
    const response = await federation.query(OVERVIEW, { period: { from: '2021-06-30', to: '2021-01-01' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/period\.from .* is after period\.to/);
  });
});
