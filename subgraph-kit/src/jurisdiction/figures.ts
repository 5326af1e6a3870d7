import { join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Db } from '../database/Db.ts';
import type { PeriodInput } from '../period.ts';

/** `JurisdictionFigures` of the contract. */
export type Figures = Record<string, number | null>;

/**
 * Each figure of the seed table, as an aggregate over one table of the store. Counts count
 * records, sums add record values: DOMAIN.md's rule. Records count in a period by their date.
 */
interface Source {
  from: string;
  date: string;
  alliance: string;
  metrics: Record<string, string>;
}

const count = (where: string) => `count(*) FILTER (WHERE ${where})`;
const sum = (column: string, where: string) => `coalesce(sum(${column}) FILTER (WHERE ${where}), 0)`;

function sources(sideKey: string): Source[] {
  return [
    {
      from: 'post t', date: 't.started_on', alliance: 't.alliance_id',
      // A cross-appointment is a post of this side held by a person of another side.
      metrics: { crossAppointments: count(`t.holder_id NOT LIKE '${sideKey}:%'`) },
    },
    {
      from: 'activity t', date: 't.held_on', alliance: 't.alliance_id',
      metrics: {
        jointSeminarSessions: sum('t.sessions', `t.kind = '座谈交流'`),
        studyExchangePersonTimes: sum('t.person_times', `t.kind = '互派学习'`),
        trainingPersonTimes: sum('t.person_times', `t.kind = '培训'`),
        talentEvents: count(`t.kind = '引才活动'`),
        talentsRecruited: sum('t.talents_recruited', `t.kind = '引才活动'`),
      },
    },
    {
      from: 'facility t', date: 't.opened_on', alliance: 't.alliance_id',
      metrics: {
        idleAssetsConverted: count('t.converted_from_idle'),
        jointWarRooms: count(`t.kind = '联合作战室'`),
        activityRoomAreaSqm: sum('t.area_sqm', `t.kind = '党员活动室'`),
        practiceBases: count(`t.kind = '实践基地'`),
        hospitalsDesignated: count(`t.kind = '异地就医定点医院'`),
      },
    },
    {
      from: 'project t', date: 't.started_on', alliance: 't.alliance_id',
      metrics: {
        industryUnions: count(`t.kind = '产业联合社'`),
        abandonedLandRevivedMu: sum('t.land_mu', `t.kind = '撂荒地复垦'`),
        processingBases: count(`t.kind = '初加工基地'`),
        collectiveSubsidyWan: sum('t.subsidy_wan', `t.kind = '集体经济项目'`),
        expectedCollectiveIncomeWan: sum('t.expected_income_wan', `t.kind = '集体经济项目'`),
        householdsBenefiting: sum('t.households_benefiting', `t.kind = '集体经济项目'`),
        incomeYuanTimesHouseholds: sum('t.income_per_household_yuan * t.households_benefiting', `t.kind = '集体经济项目'`),
        majorProjects: count(`t.kind = '重大项目'`),
        majorProjectInvestmentWan: sum('t.investment_wan', `t.kind = '重大项目'`),
      },
    },
    {
      from: 'service_case t', date: 't.handled_on', alliance: 't.alliance_id',
      metrics: {
        householdRegistrationMoves: count(`t.kind = '户口迁移'`),
        pensionTransferPeople: sum('t.people', `t.kind = '养老保险转移'`),
        housingFundLoanHouseholds: sum('t.households', `t.kind = '公积金互认互贷'`),
        housingFundLoanAmountWan: sum('t.amount_wan', `t.kind = '公积金互认互贷'`),
      },
    },
    {
      from: 'team t', date: 't.founded_on', alliance: 't.alliance_id',
      metrics: {
        volunteerTeams: count(`t.category = '志愿服务队'`),
        governanceTeams: count(`t.category = '社会治理工作队'`),
      },
    },
    {
      from: 'team_action t JOIN team tm ON tm.id = t.team_id', date: 't.acted_on', alliance: 'tm.alliance_id',
      metrics: {
        policyTalks: sum('t.occurrences', `t.kind = '政策宣讲'`),
        patrols: sum('t.occurrences', `t.kind = '日常巡逻'`),
        problemsSolved: sum('t.occurrences', `t.kind = '解决难题'`),
        securityActions: sum('t.occurrences', `t.kind = '联合治安行动'`),
      },
    },
    {
      from: 'transport_link t', date: 't.opened_on', alliance: 't.alliance_id',
      metrics: {
        roadsConnected: count(`t.kind = '断头路'`),
        roadsConnectedKm: sum('t.length_km', `t.kind = '断头路'`),
      },
    },
    {
      from: 'civilization_record t', date: 't.recorded_on', alliance: 't.alliance_id',
      metrics: {
        villageCompacts: count(`t.kind = '一约四会'`),
        conventions: count(`t.kind = '公约'`),
        civilizationActivities: sum('t.occurrences', `t.kind = '文明实践活动'`),
        festivalEvents: sum('t.occurrences', `t.kind = '节庆文体活动'`),
        illegalReligionActions: sum('t.occurrences', `t.kind = '打击非法宗教活动'`),
      },
    },
  ];
}

/** Every metric of a side's sources at zero: the starting point of any set of figures. */
function zeroMetrics(sideKey: string): Figures {
  return Object.fromEntries(sources(sideKey).flatMap((source) => Object.keys(source.metrics).map((name) => [name, 0])));
}

/** Turns the summed metrics into `JurisdictionFigures`: per-household income is weighted by households. */
function finish(metrics: Figures): Figures {
  const { incomeYuanTimesHouseholds, ...figures } = metrics;
  const households = Number(figures.householdsBenefiting ?? 0);
  figures.incomePerHouseholdYuan = households > 0 ? Math.round((Number(incomeYuanTimesHouseholds) / households) * 100) / 100 : null;
  return figures;
}

/** Figures of a side for an alliance it has no records for. */
export function zeroFigures(sideKey: string): Figures {
  return finish(zeroMetrics(sideKey));
}

/**
 * A side's figures for one period: the whole side, and each alliance. One SQL statement
 * whatever the number of alliances asked for (GROUPING SETS gives per-alliance rows and the total).
 */
export async function loadFigures(
  db: Db,
  sideKey: string,
  period: PeriodInput,
): Promise<{ total: Figures; byAlliance: Map<string, Figures> }> {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const parts: Sql[] = sources(sideKey).map((source) => {
    const pairs = Object.entries(source.metrics).map(([name, expr]) => `'${name}', ${expr}`);
    return sql`SELECT ${raw(source.alliance)} AS alliance_id, grouping(${raw(source.alliance)}) = 1 AS total,
      json_build_object(${raw(pairs.join(', '))}) AS figures
      FROM ${raw(source.from)}
      WHERE (${from}::date IS NULL OR ${raw(source.date)} >= ${from}::date) AND (${to}::date IS NULL OR ${raw(source.date)} <= ${to}::date)
      GROUP BY GROUPING SETS ((${raw(source.alliance)}), ())`;
  });
  const rows = await db.$queryRaw<{ alliance_id: string | null; total: boolean; figures: Record<string, number | string> }[]>(
    join(parts, ' UNION ALL '),
  );
  const total: Figures = {};
  const byAlliance = new Map<string, Figures>();
  for (const row of rows) {
    if (!row.total && row.alliance_id === null) continue;
    const target = row.total ? total : byAlliance.get(row.alliance_id!) ?? byAlliance.set(row.alliance_id!, {}).get(row.alliance_id!)!;
    for (const [name, value] of Object.entries(row.figures)) target[name] = Number(value);
  }
  const complete = (f: Figures) => finish({ ...zeroMetrics(sideKey), ...f });
  return {
    total: complete(total),
    byAlliance: new Map([...byAlliance].map(([id, f]) => [id, complete(f)])),
  };
}
