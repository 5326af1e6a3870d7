import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { readManifest } from '@linju/schema/operations';
import { startFederation, type Federation } from '@linju/testing';
import { asClerks, dataOf, loadFixtures, newKey, uniqueName, type Side, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * A ratio's joint total (户均增收, weighted by 受益农户) is the mean of every side's records, rounded
 * once: the joint office recomputes it from each side's weighted sum (`incomePerHouseholdYuanWeightedSum`,
 * which it `@requires`), never from a side's mean, which is rounded already. The QA case: 磨溪镇's clerk
 * records a 集体经济项目 of 100 households at 3000 yuan on 2021-01-02; Sichuan's January is then
 * 121 × 1500 + 100 × 3000 over 221 households (2178.733…, said 2178.73), Chongqing's 123 × 1500 over
 * 123, and the joint mean 666000 / 344 = 1936.0465… is 1936.05, where the sides' rounded means gave
 * 1936.04. Checked in the joint overview, in one alliance's overview, and in the registered read the
 * dashboard and the ledger's 简报 make (DashboardFigures), against the stores' own records.
 */
const SIDES = ['sichuan', 'chongqing'] as const;
const JANUARY_2021 = { from: '2021-01-01', to: '2021-01-31' };
/** A month no seed has records in, so one alliance's figures there are the records written below alone. */
const MARCH_2024 = { from: '2024-03-01', to: '2024-03-31' };
const MOXI = '510904101';

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;

beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const pool = (side: Side) => federation.subgraphs[side]!.pool as pg.Pool;

interface Project {
  startedOn: string;
  householdsBenefiting: number;
  incomePerHouseholdYuan: number;
  regionId?: string;
  allianceId?: string;
}

async function recordProject(side: Side, project: Project, as?: { authorization: string }): Promise<void> {
  const input = { kind: '集体经济项目', name: uniqueName('户均增收测试项目'), regionId: fixtures[side].region.id, ...project };
  const response = await federation.query(`mutation ($input: ProjectInput!, $key: String) { ${side}RecordProject(input: $input, idempotencyKey: $key) { id } }`, { input, key: newKey() }, as && { as });
  dataOf(response);
}

/** A side's 集体经济项目 of a period (and alliance) as its store holds them: households, and income per household in cents. */
async function storedProjects(side: Side, period: { from: string; to: string }, allianceId?: string): Promise<{ households: bigint; cents: bigint }[]> {
  const { rows } = await pool(side).query<{ households: number; cents: string }>(
    `SELECT households_benefiting AS households, (income_per_household_yuan * 100)::bigint::text AS cents FROM project
      WHERE kind = '集体经济项目' AND started_on BETWEEN $1 AND $2 AND ($3::text IS NULL OR alliance_id = $3)`,
    [period.from, period.to, allianceId ?? null],
  );
  return rows.map((row) => ({ households: BigInt(row.households), cents: BigInt(row.cents) }));
}

/** The mean of the records, in whole numbers, rounded once to the cent (half up): what the total must say. */
function exactMean(records: readonly { households: bigint; cents: bigint }[]): number | null {
  const weighted = records.reduce((sum, r) => sum + r.cents * r.households, 0n);
  const households = records.reduce((sum, r) => sum + r.households, 0n);
  return households === 0n ? null : Number((2n * weighted + households) / (2n * households)) / 100;
}

type Part = { householdsBenefiting: number; incomePerHouseholdYuan: number | null; incomePerHouseholdYuanWeightedSum: number };
const PART = '{ householdsBenefiting incomePerHouseholdYuan incomePerHouseholdYuanWeightedSum }';

async function overview(period: { from: string; to: string }, allianceId?: string): Promise<Record<'sichuan' | 'chongqing' | 'total', Part>> {
  const response = await federation.query<{ overview: Record<'sichuan' | 'chongqing' | 'total', Part> }>(
    `query ($period: PeriodInput, $allianceId: ID) { overview(period: $period, allianceId: $allianceId) { sichuan ${PART} chongqing ${PART} total ${PART} } }`,
    { period, allianceId: allianceId ?? null },
  );
  return dataOf<{ overview: Record<'sichuan' | 'chongqing' | 'total', Part> }>(response).overview;
}

/** What the joint total said before: the sides' rounded means times their households, over the households. */
const fromRoundedMeans = (parts: readonly Part[]) =>
  Math.round((parts.reduce((sum, p) => sum + (p.incomePerHouseholdYuan ?? 0) * p.householdsBenefiting, 0) / parts.reduce((sum, p) => sum + p.householdsBenefiting, 0)) * 100) / 100;

/** Checks an overview's joint and side means against the stores' records. */
async function expectMeansOfRecords(period: { from: string; to: string }, allianceId?: string): Promise<Record<'sichuan' | 'chongqing' | 'total', Part>> {
  const answer = await overview(period, allianceId);
  const records = Object.fromEntries(await Promise.all(SIDES.map(async (side) => [side, await storedProjects(side, period, allianceId)] as const))) as Record<Side, { households: bigint; cents: bigint }[]>;
  for (const side of SIDES) {
    expect(answer[side].incomePerHouseholdYuan).toBe(exactMean(records[side]));
    const weighted = records[side].reduce((sum, r) => sum + r.cents * r.households, 0n);
    expect(answer[side].incomePerHouseholdYuanWeightedSum).toBe(Number(weighted) / 100);
  }
  expect(answer.total.incomePerHouseholdYuan).toBe(exactMean([...records.sichuan, ...records.chongqing]));
  expect(answer.total.incomePerHouseholdYuanWeightedSum).toBe(answer.sichuan.incomePerHouseholdYuanWeightedSum + answer.chongqing.incomePerHouseholdYuanWeightedSum);
  expect(answer.total.householdsBenefiting).toBe(answer.sichuan.householdsBenefiting + answer.chongqing.householdsBenefiting);
  return answer;
}

describe('a ratio’s joint total is the mean of the records, rounded once', () => {
  test('the joint overview: 磨溪镇’s project of 100 households at 3000 yuan in January 2021', async () => {
    const regions = dataOf<{ sichuan: { regions: { edges: { node: { id: string; code: string } }[] } } }>(
      await federation.query('{ sichuan { regions(first: 100) { edges { node { id code } } } } }'),
    ).sichuan.regions.edges.map((e) => e.node);
    const moxi = regions.find((region) => region.code === MOXI)!;
    expect(moxi).toBeDefined();
    const clerk = { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', 'moxi-clerk', '1h', { name: '张敏', region: MOXI })}` };
    await recordProject('sichuan', { startedOn: '2021-01-02', householdsBenefiting: 100, incomePerHouseholdYuan: 3000, regionId: moxi.id }, clerk);

    const answer = await expectMeansOfRecords(JANUARY_2021);
    // The seed's January as QA read it: the rounded means would give another cent.
    expect(answer.sichuan).toMatchObject({ householdsBenefiting: 221, incomePerHouseholdYuan: 2178.73, incomePerHouseholdYuanWeightedSum: 481_500 });
    expect(answer.chongqing).toMatchObject({ householdsBenefiting: 123, incomePerHouseholdYuan: 1500 });
    expect(answer.total.incomePerHouseholdYuan).toBe(1936.05);
    expect(fromRoundedMeans([answer.sichuan, answer.chongqing])).toBe(1936.04);
  });

  test('one alliance’s overview, from its records on both sides', async () => {
    const alliances = dataOf<{ alliances: { edges: { node: { id: string } }[] } }>(await federation.query('{ alliances(first: 1) { edges { node { id } } } }')).alliances.edges;
    const allianceId = alliances[0]!.node.id;
    const before = await overview(MARCH_2024, allianceId);
    expect(before.total).toMatchObject({ householdsBenefiting: 0, incomePerHouseholdYuan: null, incomePerHouseholdYuanWeightedSum: 0 });
    await recordProject('sichuan', { startedOn: '2024-03-04', householdsBenefiting: 121, incomePerHouseholdYuan: 1500, allianceId });
    await recordProject('sichuan', { startedOn: '2024-03-05', householdsBenefiting: 100, incomePerHouseholdYuan: 3000, allianceId });
    await recordProject('chongqing', { startedOn: '2024-03-06', householdsBenefiting: 123, incomePerHouseholdYuan: 1500, allianceId });

    const answer = await expectMeansOfRecords(MARCH_2024, allianceId);
    expect(answer.total.incomePerHouseholdYuan).toBe(1936.05);
    expect(fromRoundedMeans([answer.sichuan, answer.chongqing])).toBe(1936.04);
    // The whole sides' overview of the month holds the same records.
    expect((await expectMeansOfRecords(MARCH_2024)).total.incomePerHouseholdYuan).toBe(1936.05);
  });

  // After the first test's project: January 2021 holds it.
  test('the dashboard’s registered read, which the ledger’s 简报 makes too, gets the same total', async () => {
    const manifest = await readManifest();
    const document = Object.values(manifest.operations).find((operation) => operation.name === 'DashboardFigures')!.document;
    const response = await federation.query<{ overview: { total: { values: { figure: string; value: number | null }[] } } }>(document, { period: JANUARY_2021, sides: null, allSides: true });
    const values = dataOf<{ overview: { total: { values: { figure: string; value: number | null }[] } } }>(response).overview.total.values;
    expect(values.find((v) => v.figure === 'incomePerHouseholdYuan')?.value).toBe(1936.05);
  });
});
