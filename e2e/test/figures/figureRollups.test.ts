import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { figureRecordsSql, FIGURE_NAMES, fillPlaceholders, isAdditive, jurisdictionByKey, jurisdictionPlaceholders, MULTI_SEAT_POST_TITLES, VOCABULARY } from '@linju/contract';
import { figureRollupDifferences } from '@linju/jurisdiction-service';
import { startFederation, type Federation } from '@linju/testing';
import { runRepoCommand } from '../repoCommand.ts';
import { appoint, asClerks, createOrganization, dataOf, loadFixtures, newKey, uniqueName, type Side, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * The figures are read from rollups the writes keep (migration 0008_figure_rollups). Random writes
 * of every kind that changes a figure go through the gateway (single records, withdrawals of some, import batches, a
 * cross-border appointment and its organization's merger, which ends its post), then the rollups of
 * both stores equal the figures recomputed from the records (`figureRollupDifferences`, and
 * `npm run figures:verify` over the same stores), and the overview answers what the records say.
 * A rollup row changed by hand makes the check fail.
 */
const SIDES = ['sichuan', 'chongqing'] as const;
const PERIOD = { from: '2021-01-01', to: '2024-12-31' };

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
let alliances: string[];

let state = 17;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const int = (max: number) => Math.floor(random() * max);
const amount = (max: number) => Math.round(random() * max * 100) / 100;
const day = (from = 2021) => `${from + int(2025 - from)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
/** An alliance of the joint office, or none (records of no alliance count in the side's total only). */
const alliance = () => (random() < 0.3 ? {} : { allianceId: pick(alliances) });

const pool = (side: Side) => federation.subgraphs[side]!.pool as pg.Pool;

async function write(side: Side, operation: string, input: Record<string, unknown>): Promise<{ id: string }> {
  const field = `${side}${operation}`;
  const type = `${operation.replace(/^Record/, '')}Input`;
  const response = await federation.query(`mutation ($input: ${type}!, $key: String) { ${field}(input: $input, idempotencyKey: $key) { id } }`, { input, key: newKey() });
  return dataOf<Record<string, { id: string }>>(response)[field]!;
}

async function importRows(side: Side, what: string, rowType: string, inputs: Record<string, unknown>[]) {
  const field = `${side}Import${what}`;
  const response = await federation.query(
    `mutation ($rows: [${rowType}!]!) { ${field}(rows: $rows, mode: ALL_OR_NOTHING) { committed created refused } }`,
    { rows: inputs.map((input) => ({ input, idempotencyKey: newKey() })) },
  );
  expect(dataOf<Record<string, { committed: boolean; refused: number }>>(response)[field]).toMatchObject({ committed: true, refused: 0 });
}

const activity = (fx: SideFixtures) => {
  const kind = pick(VOCABULARY.activityKind);
  // 引进人才 is refused on any other kind (it would count in no figure).
  return { kind, title: uniqueName('汇总测试活动'), heldOn: day(), organizerId: fx.town.id, sessions: 1 + int(4), personTimes: int(80), talentsRecruited: kind === '引才活动' ? int(6) : 0, ...alliance() };
};
const serviceCase = (fx: SideFixtures) => ({
  kind: pick(VOCABULARY.serviceCaseKind), handledOn: day(), regionId: fx.region.id, people: int(5), households: int(3), amountWan: amount(90), ...alliance(),
});

/** Random writes of every kind that moves a figure, on one side. */
async function randomWrites(side: Side) {
  const fx = fixtures[side];
  const other = fixtures[side === 'sichuan' ? 'chongqing' : 'sichuan'];
  const written = [];
  for (let i = 0; i < 8; i++) written.push(await write(side, 'RecordActivity', activity(fx)));
  for (let i = 0; i < 6; i++) written.push(await write(side, 'RecordServiceCase', serviceCase(fx)));
  for (let i = 0; i < 4; i++) {
    await write(side, 'RecordProject', {
      kind: i < 2 ? '集体经济项目' : pick(VOCABULARY.projectKind), name: uniqueName('汇总测试项目'), regionId: fx.region.id, startedOn: day(),
      landMu: amount(40), subsidyWan: amount(60), expectedIncomeWan: amount(20), householdsBenefiting: 1 + int(200), incomePerHouseholdYuan: amount(900), investmentWan: amount(500), ...alliance(),
    });
  }
  for (let i = 0; i < 3; i++) {
    await write(side, 'RecordFacility', {
      kind: pick(VOCABULARY.facilityKind), name: uniqueName('汇总测试阵地'), regionId: fx.region.id, areaSqm: amount(300), openedOn: day(),
      ...(random() < 0.5 ? { idleAssetKind: pick(VOCABULARY.idleAssetKind) } : {}), ...alliance(),
    });
  }
  const actions = [];
  for (let i = 0; i < 3; i++) actions.push(await write(side, 'RecordTeamAction', { teamId: fx.team.id, kind: pick(VOCABULARY.teamActionKind), actedOn: day(Number(fx.team.foundedOn.slice(0, 4)) + 1), occurrences: 1 + int(9) }));
  for (let i = 0; i < 3; i++) {
    await write(side, 'RecordCivilizationRecord', { kind: pick(VOCABULARY.civilizationKind), title: uniqueName('汇总测试记录'), regionId: fx.region.id, recordedOn: day(), occurrences: 1 + int(5), ...alliance() });
  }
  // Records withdrawn as registered in error (撤销登记) leave the rollups too.
  for (const record of [written[0]!, written[9]!, actions[0]!]) {
    dataOf(await federation.query(`mutation ($id: ID!) { ${side}WithdrawRecord(id: $id, reason: "汇总测试撤销") { id } }`, { id: record.id }));
  }
  // Import batches: many rows in one statement each.
  await importRows(side, 'Activities', 'ActivityImportRow', Array.from({ length: 6 }, () => activity(fx)));
  await importRows(side, 'ServiceCases', 'ServiceCaseImportRow', Array.from({ length: 6 }, () => serviceCase(fx)));
  // A cross-appointment in an organization that is then merged into another (its post ends).
  const merged = await createOrganization(federation, fx);
  const successor = await createOrganization(federation, fx);
  await appoint(federation, side, { organizationId: merged.id, title: MULTI_SEAT_POST_TITLES[0]!, holderId: other.person.id, startedOn: day(), ...alliance() });
  const response = await federation.query(
    `mutation ($id: ID!, $version: Int!, $successorId: ID!, $mergedOn: Date!) { ${side}MergeOrganization(id: $id, version: $version, successorId: $successorId, mergedOn: $mergedOn) { id } }`,
    { id: merged.id, version: merged.version, successorId: successor.id, mergedOn: '2024-12-31' },
  );
  dataOf(response);
}

/** The side's figures over the period as the overview gives them. */
async function overviewFigures(side: Side): Promise<Record<string, number | null>> {
  const response = await federation.query<{ overview: Record<Side, Record<string, number | null>> }>(
    `query ($period: PeriodInput) { overview(period: $period) { ${side} { ${FIGURE_NAMES.join(' ')} } } }`, { period: PERIOD });
  return dataOf<{ overview: Record<Side, Record<string, number | null>> }>(response).overview[side];
}

/** The side's additive figures over the period recomputed from its records, without the rollups. */
async function recomputed(side: Side): Promise<Record<string, number>> {
  const records = fillPlaceholders(figureRecordsSql(), jurisdictionPlaceholders(jurisdictionByKey(side)!));
  const { rows } = await pool(side).query<{ figure: string; value: string }>(
    `SELECT figure, sum(value) AS value FROM (${records}) r WHERE day BETWEEN $1 AND $2 GROUP BY figure`, [PERIOD.from, PERIOD.to]);
  return Object.fromEntries(FIGURE_NAMES.filter(isAdditive).map((name) => [name, Number(rows.find((r) => r.figure === name)?.value ?? 0)]));
}

/** `npx tsx scripts/verify-figures.ts` from the repository root, over this federation's stores. */
function verifyCommand(): Promise<{ code: number; stdout: string }> {
  return runRepoCommand(['scripts/verify-figures.ts'], Object.fromEntries(SIDES.map((side) => [`${side.toUpperCase()}_DATABASE_URL`, (pool(side).options as { connectionString: string }).connectionString])));
}

beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
  alliances = dataOf<{ alliances: { edges: { node: { id: string } }[] } }>(await federation.query('{ alliances(first: 4) { edges { node { id } } } }'))
    .alliances.edges.map((e) => e.node.id);
  expect(alliances.length).toBeGreaterThan(1);
}, 120_000);
afterAll(() => federation?.stop());

describe('figures from rollups kept by the writes', () => {
  test('after random writes through the API, every rollup equals its recomputation from the records, and the overview says so', async () => {
    const before = await overviewFigures('sichuan');
    for (const side of SIDES) await randomWrites(side);
    for (const side of SIDES) expect(await figureRollupDifferences(pool(side), jurisdictionByKey(side)!), side).toEqual([]);
    for (const side of SIDES) {
      const figures = await overviewFigures(side);
      for (const [name, value] of Object.entries(await recomputed(side))) expect.soft(figures[name], `${side} ${name}`).toBe(value);
    }
    // The writes moved the figures the overview reads (it is not an answer from before them).
    const after = await overviewFigures('sichuan');
    expect(FIGURE_NAMES.filter((name) => after[name] !== before[name]).length).toBeGreaterThan(5);
    const { code, stdout } = await verifyCommand();
    expect(code, stdout).toBe(0);
    expect(stdout).toContain(`sichuan: every figure's rollup equals its recomputation from the records`);
  }, 180_000);

  test('a rollup row changed behind the writes’ back is reported, and the check exits 1', async () => {
    const { rows } = await pool('chongqing').query<{ figure: string; day: string }>(
      `UPDATE _linju_figure_day SET value = value + 3 WHERE (day, figure) = (SELECT day, figure FROM _linju_figure_day ORDER BY day DESC, figure LIMIT 1) RETURNING figure, day::text`);
    const [{ figure, day: changed }] = rows as [{ figure: string; day: string }];
    const differences = await figureRollupDifferences(pool('chongqing'), jurisdictionByKey('chongqing')!);
    expect(differences).toEqual([expect.objectContaining({ alliance: null, figure, day: changed })]);
    expect(Number(differences[0]!.rollup) - Number(differences[0]!.records)).toBe(3);
    const { code, stdout } = await verifyCommand();
    expect(code).toBe(1);
    expect(stdout).toContain(`chongqing: 1 day(s) differ`);
    expect(stdout).toContain(`${changed} ${figure}`);
    expect(stdout).toContain(`sichuan: every figure's rollup equals`);
    await pool('chongqing').query('SELECT linju_figure_rollups_rebuild()');
  }, 120_000);
});
