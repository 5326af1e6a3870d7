/**
 * The benchmark's synthetic dataset, as bulk SQL: one `INSERT … SELECT generate_series` per table.
 * Scale 1 is roughly one province's grassroots party structure per side: 4 000 towns, 40 000
 * villages and communities, 52 000 organizations, 300 000 people, 250 000 posts, a million
 * activities and a million service cases; the joint office holds 3 000 alliances. Everything is
 * a function of the row number and the seed (PostgreSQL's `hashint8extended`), so the same scale
 * and seed give the same rows in every database: the two sides' stores and the monolith's.
 * Every name is marked illustrative (示例); no figure of the seed reports is claimed.
 */
import { VOCABULARY, TEAM_KINDS_BY_CATEGORY } from '@linju/contract';

export type Side = 'sichuan' | 'chongqing';
export type Store = Side | 'joint';

/** Row counts of one side's store (both sides have the same) and of the joint store. */
export interface DatasetSize {
  scale: number;
  cities: number;
  districts: number;
  towns: number;
  villages: number;
  enterprises: number;
  organizations: number;
  people: number;
  posts: number;
  activities: number;
  serviceCases: number;
  facilities: number;
  projects: number;
  teams: number;
  teamActions: number;
  transportLinks: number;
  civilizationRecords: number;
  pairings: number;
  grids: number;
  alliances: number;
}

export function datasetSize(scale: number): DatasetSize {
  const n = (atScale1: number, min = 10) => Math.max(min, Math.round(atScale1 * scale));
  const towns = n(4000, 4);
  const districts = Math.max(2, Math.ceil(towns / 20));
  const villages = towns * 10;
  const enterprises = towns * 2;
  const organizations = towns + villages + enterprises;
  return {
    scale,
    cities: Math.max(1, Math.ceil(districts / 10)),
    districts,
    towns,
    villages,
    enterprises,
    organizations,
    people: n(300_000),
    // Every organization has a 书记 and a 副书记; committee seats (委员) fill the rest.
    posts: Math.max(2 * organizations + 10, n(250_000)),
    activities: n(1_000_000),
    serviceCases: n(1_000_000),
    facilities: n(20_000),
    projects: n(8_000),
    teams: n(15_000),
    teamActions: n(150_000),
    transportLinks: n(2_000),
    civilizationRecords: n(40_000),
    pairings: n(5_000),
    grids: n(40_000),
    alliances: n(3_000),
  };
}

/** One table's load: the statement that fills it. */
export interface TableLoad {
  table: string;
  sql: string;
}

/** The dates records fall in: 2020-01-01 … 2025-12-31 (2 192 days). */
const FIRST_DAY = '2020-01-01';
const DAYS = 2192;

/** SQL expressions of deterministic pseudo-random values of row `i`, one stream per `k`. */
function random(seed: number) {
  const u = (k: number, row = 'i') => `((hashint8extended(${row}::bigint, ${seed * 1000 + k}) & 2147483647)::float8 / 2147483648)`;
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  return {
    u,
    /** An integer from lo to hi inclusive. */
    int: (k: number, lo: number, hi: number, row = 'i') => `(${lo} + floor(${u(k, row)} * ${hi - lo + 1})::int)`,
    /** One of the values, uniformly. */
    pick: (k: number, values: readonly string[], row = 'i') => `(ARRAY[${values.map(quote).join(', ')}])[1 + floor(${u(k, row)} * ${values.length})::int]`,
    /** A day of 2020–2025. */
    day: (k: number, row = 'i') => `(DATE '${FIRST_DAY}' + floor(${u(k, row)} * ${DAYS})::int)`,
    quote,
  };
}

const PROVINCE_CODE: Record<Side, string> = { sichuan: '51', chongqing: '50' };
const other = (side: Side): Side => (side === 'sichuan' ? 'chongqing' : 'sichuan');

/** The global ID expression of row `n` (an SQL expression) of a model of a store. */
const gid = (home: Store, model: string, n: string, prefix = 'b') => `'${home}:${model}:${prefix}' || (${n})`;

/** The tables of one side's store, in foreign-key order. */
export function jurisdictionLoads(side: Side, size: DatasetSize, seed: number): TableLoad[] {
  const r = random(seed + (side === 'sichuan' ? 0 : 1));
  const { towns: T, villages: V, districts: D, cities: C, organizations: O, people: P, alliances: A } = size;
  const p2 = PROVINCE_CODE[side];
  const region = (key: string) => gid(side, 'Region', key, '');
  const org = (n: string) => gid(side, 'Organization', n);
  const person = (n: string) => gid(side, 'Person', n);
  const alliance = (n: string) => gid('joint', 'Alliance', n);
  /** A random organization, village or town region, person, alliance (1-based). */
  const anyOrg = (k: number, row = 'i') => r.int(k, 1, O, row);
  const anyPerson = (k: number, row = 'i') => r.int(k, 1, P, row);
  const villageRegion = (k: number, row = 'i') => `${region("'b-v'")} || ${r.int(k, 1, V, row)}`;
  /** The alliance a share of the records belongs to (NULL for the rest). */
  const maybeAlliance = (k: number, share: number) => `CASE WHEN ${r.u(k)} < ${share} THEN ${alliance(r.int(k + 1, 1, A))} END`;
  const V_ = VOCABULARY;
  return [
    {
      table: 'region',
      sql: `INSERT INTO region (id, code, name, level, parent_id)
        SELECT ${region("'b-p'")}, '${p2}0000', '示例省 (${side})', 'province', NULL
        UNION ALL SELECT ${region("'b-c' || i")}, '${p2}' || lpad(i::text, 6, '0'), '示例市' || i, 'city', ${region("'b-p'")} FROM generate_series(1, ${C}) i
        UNION ALL SELECT ${region("'b-d' || i")}, '${p2}' || lpad(i::text, 8, '0'), '示例区县' || i, CASE WHEN i % 3 = 0 THEN 'county' ELSE 'district' END,
          ${region(`'b-c' || (1 + (i - 1) % ${C})`)} FROM generate_series(1, ${D}) i
        UNION ALL SELECT ${region("'b-t' || i")}, '${p2}' || lpad(i::text, 10, '0'), '示例镇' || i, 'town', ${region(`'b-d' || (1 + (i - 1) % ${D})`)} FROM generate_series(1, ${T}) i
        UNION ALL SELECT ${region("'b-v' || i")}, '${p2}' || lpad(i::text, 12, '0'), '示例村' || i, 'village', ${region(`'b-t' || (1 + (i - 1) % ${T})`)} FROM generate_series(1, ${V}) i`,
    },
    {
      // 1…T town committees, then V village (community) organizations under them, then enterprises and units.
      table: 'organization',
      sql: `INSERT INTO organization (id, name, kind, level, parent_id, region_id, founded_on, illustrative)
        SELECT ${org('i')},
          CASE WHEN i <= ${T} THEN '示例镇' || i || '党委' WHEN i <= ${T + V} THEN '示例村' || (i - ${T}) || '党组织' ELSE '示例单位' || (i - ${T + V}) || '党支部' END,
          CASE WHEN i <= ${T} THEN '党委' WHEN i <= ${T + V} AND ${r.u(1)} < 0.2 THEN '党总支' ELSE '党支部' END,
          CASE WHEN i <= ${T} THEN '乡镇' WHEN i <= ${T + V} THEN CASE WHEN ${r.u(2)} < 0.15 THEN '社区' ELSE '村' END
               WHEN ${r.u(3)} < 0.5 THEN '企业' ELSE '机关单位' END,
          CASE WHEN i <= ${T} THEN NULL WHEN i <= ${T + V} THEN ${org(`1 + (i - ${T} - 1) % ${T}`)} ELSE ${org(`1 + (i - ${T + V} - 1) % ${T}`)} END,
          CASE WHEN i <= ${T} THEN ${region("'b-t' || i")} WHEN i <= ${T + V} THEN ${region(`'b-v' || (i - ${T})`)} ELSE ${region(`'b-t' || (1 + (i - ${T + V} - 1) % ${T})`)} END,
          DATE '1980-01-01' + floor(${r.u(4)} * 14000)::int, true
        FROM generate_series(1, ${O}) i`,
    },
    {
      table: 'person',
      sql: `INSERT INTO person (id, name, gender, organization_id, illustrative)
        SELECT ${person('i')}, '示例人员' || i, ${r.pick(1, V_.gender)}, ${org(anyOrg(2))}, true FROM generate_series(1, ${P}) i`,
    },
    {
      // Each organization's 书记 (1…O) and 副书记 (O+1…2O); the rest are committee seats, 2 % of them
      // held by a person of the other side (交叉任职) within one of the alliances.
      table: 'post',
      sql: `INSERT INTO post (id, title, organization_id, holder_id, started_on, ended_on, alliance_id)
        SELECT ${gid(side, 'Post', 'i')},
          CASE WHEN i <= ${O} THEN '书记' WHEN i <= ${2 * O} THEN '副书记' ELSE ${r.pick(1, ['委员', '村党组织委员'])} END,
          ${org(`CASE WHEN i <= ${O} THEN i WHEN i <= ${2 * O} THEN i - ${O} ELSE ${anyOrg(2)} END`)},
          CASE WHEN i > ${2 * O} AND ${r.u(3)} < 0.02 THEN ${gid(other(side), 'Person', anyPerson(4))} ELSE ${person(anyPerson(4))} END,
          ${r.day(5)},
          CASE WHEN i > ${2 * O} AND ${r.u(6)} < 0.1 THEN DATE '2026-01-01' END,
          CASE WHEN i > ${2 * O} AND ${r.u(3)} < 0.02 THEN ${alliance(r.int(7, 1, A))} END
        FROM generate_series(1, ${size.posts}) i`,
    },
    {
      table: 'activity',
      sql: `INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times, talents_recruited, alliance_id)
        SELECT ${gid(side, 'Activity', 'i')}, kind, '示例' || kind || i, ${r.day(2)}, ${org(anyOrg(3))},
          ${r.int(4, 1, 3)},
          CASE WHEN kind IN ('互派学习', '培训') THEN ${r.int(5, 5, 60)} ELSE 0 END,
          CASE WHEN kind = '引才活动' THEN ${r.int(6, 1, 20)} ELSE 0 END,
          ${maybeAlliance(7, 0.2)}
        FROM (SELECT i, ${r.pick(1, V_.activityKind)} AS kind FROM generate_series(1, ${size.activities}) i) s`,
    },
    {
      table: 'service_case',
      sql: `INSERT INTO service_case (id, kind, handled_on, region_id, people, households, amount_wan, alliance_id)
        SELECT ${gid(side, 'ServiceCase', 'i')}, kind, ${r.day(2)}, ${villageRegion(3)},
          ${r.int(4, 1, 5)}, CASE WHEN kind = '公积金互认互贷' THEN 1 ELSE 0 END,
          CASE WHEN kind = '公积金互认互贷' THEN round((10 + ${r.u(5)} * 70)::numeric, 2) ELSE 0 END,
          ${maybeAlliance(6, 0.1)}
        FROM (SELECT i, ${r.pick(1, V_.serviceCaseKind)} AS kind FROM generate_series(1, ${size.serviceCases}) i) s`,
    },
    {
      table: 'facility',
      sql: `INSERT INTO facility (id, kind, name, region_id, organization_id, area_sqm, converted_from_idle, idle_asset_kind, opened_on, alliance_id)
        SELECT ${gid(side, 'Facility', 'i')}, kind, '示例' || kind || i, ${villageRegion(2)}, ${org(anyOrg(3))},
          CASE WHEN kind = '党员活动室' THEN round((40 + ${r.u(4)} * 160)::numeric, 2) ELSE 0 END,
          ${r.u(5)} < 0.1, CASE WHEN ${r.u(5)} < 0.1 THEN ${r.pick(6, V_.idleAssetKind)} END, ${r.day(7)}, ${maybeAlliance(8, 0.2)}
        FROM (SELECT i, ${r.pick(1, V_.facilityKind)} AS kind FROM generate_series(1, ${size.facilities}) i) s`,
    },
    {
      table: 'project',
      sql: `INSERT INTO project (id, kind, name, region_id, organization_id, started_on, land_mu, subsidy_wan, expected_income_wan,
          households_benefiting, income_per_household_yuan, investment_wan, brand, alliance_id)
        SELECT ${gid(side, 'Project', 'i')}, kind, '示例' || kind || i, ${villageRegion(2)}, ${org(anyOrg(3))}, ${r.day(4)},
          CASE WHEN kind = '撂荒地复垦' THEN round((10 + ${r.u(5)} * 90)::numeric, 2) ELSE 0 END,
          CASE WHEN kind = '集体经济项目' THEN round((1 + ${r.u(6)} * 20)::numeric, 2) ELSE 0 END,
          CASE WHEN kind = '集体经济项目' THEN round((2 + ${r.u(7)} * 40)::numeric, 2) ELSE 0 END,
          CASE WHEN kind = '集体经济项目' THEN ${r.int(8, 20, 400)} ELSE 0 END,
          CASE WHEN kind = '集体经济项目' THEN round((500 + ${r.u(9)} * 2500)::numeric, 2) ELSE 0 END,
          CASE WHEN kind = '重大项目' THEN round((1000 + ${r.u(10)} * 500000)::numeric, 2) ELSE 0 END,
          NULL, ${maybeAlliance(11, 0.2)}
        FROM (SELECT i, ${r.pick(1, V_.projectKind)} AS kind FROM generate_series(1, ${size.projects}) i) s`,
    },
    {
      table: 'team',
      sql: `INSERT INTO team (id, category, kind, name, organization_id, founded_on, alliance_id)
        SELECT ${gid(side, 'Team', 'i')}, category,
          CASE WHEN category = '志愿服务队' THEN ${r.pick(2, TEAM_KINDS_BY_CATEGORY['志愿服务队']!)} ELSE ${r.pick(2, TEAM_KINDS_BY_CATEGORY['社会治理工作队']!)} END,
          '示例' || category || i, ${org(anyOrg(3))}, ${r.day(4)}, ${maybeAlliance(5, 0.2)}
        FROM (SELECT i, ${r.pick(1, V_.teamCategory)} AS category FROM generate_series(1, ${size.teams}) i) s`,
    },
    {
      table: 'team_action',
      sql: `INSERT INTO team_action (id, team_id, kind, acted_on, occurrences)
        SELECT ${gid(side, 'TeamAction', 'i')}, ${gid(side, 'Team', r.int(1, 1, size.teams))}, ${r.pick(2, V_.teamActionKind)}, ${r.day(3)}, ${r.int(4, 1, 5)}
        FROM generate_series(1, ${size.teamActions}) i`,
    },
    {
      table: 'transport_link',
      sql: `INSERT INTO transport_link (id, kind, name, from_region_id, to_region_id, length_km, opened_on, alliance_id)
        SELECT ${gid(side, 'TransportLink', 'i')}, ${r.pick(1, V_.transportLinkKind)}, '示例线路' || i,
          ${region(`'b-t' || ${r.int(2, 1, T)}`)}, ${gid(other(side), 'Region', `'t' || ${r.int(3, 1, T)}`, 'b-')},
          round((0.5 + ${r.u(4)} * 10)::numeric, 2), ${r.day(5)}, ${maybeAlliance(6, 0.3)}
        FROM generate_series(1, ${size.transportLinks}) i`,
    },
    {
      table: 'civilization_record',
      sql: `INSERT INTO civilization_record (id, kind, title, region_id, recorded_on, occurrences, alliance_id)
        SELECT ${gid(side, 'CivilizationRecord', 'i')}, kind, '示例' || kind || i, ${villageRegion(2)}, ${r.day(3)}, ${r.int(4, 1, 10)}, ${maybeAlliance(5, 0.2)}
        FROM (SELECT i, ${r.pick(1, V_.civilizationKind)} AS kind FROM generate_series(1, ${size.civilizationRecords}) i) s`,
    },
    {
      table: 'pairing',
      sql: `INSERT INTO pairing (id, unit_name, organization_id, first_secretary_id, started_on, wishes_fulfilled)
        SELECT ${gid(side, 'Pairing', 'i')}, '示例帮扶单位' || i, ${org(`${T} + ${r.int(1, 1, V)}`)}, ${person(anyPerson(2))}, ${r.day(3)}, ${r.int(4, 0, 50)}
        FROM generate_series(1, ${size.pairings}) i`,
    },
    {
      // A grid belongs to a village organization and lies in that village.
      table: 'grid',
      sql: `INSERT INTO grid (id, name, organization_id, region_id, households, responsible_id)
        SELECT ${gid(side, 'Grid', 'i')}, '示例网格' || i, ${org(`${T} + v`)}, ${region("'b-v' || v")}, ${r.int(2, 20, 300)}, ${person(anyPerson(3))}
        FROM (SELECT i, ${r.int(1, 1, V)} AS v FROM generate_series(1, ${size.grids}) i) s`,
    },
  ];
}

/**
 * The joint store: alliances, each with two members per side (town committees for township
 * alliances, village organizations otherwise); 70 % with an agreement signed by one member of each
 * side, listing three to five cooperation items.
 */
export function jointLoads(size: DatasetSize, seed: number): TableLoad[] {
  const r = random(seed + 2);
  const { towns: T, villages: V, alliances: A } = size;
  const kinds = VOCABULARY.allianceKind;
  // Member m (0…3) of alliance a: sides alternate; the two of a side are neighbours (distinct keys).
  const memberOrg = `CASE WHEN a.kind = '毗邻乡镇党建联建' THEN 1 + (${r.int(10, 0, T - 2, 'a.n')} + m / 2) ELSE ${T} + 1 + (${r.int(11, 0, V - 2, 'a.n')} + m / 2) END`;
  const side = `CASE WHEN m % 2 = 0 THEN 'sichuan' ELSE 'chongqing' END`;
  const alliances = `(SELECT n, ${r.pick(1, kinds, 'n')} AS kind, ${r.day(2, 'n')} AS founded_on FROM generate_series(1, ${A}) n) a`;
  return [
    {
      table: 'alliance',
      sql: `INSERT INTO alliance (id, kind, name, founded_on, closed_on, illustrative)
        SELECT ${gid('joint', 'Alliance', 'a.n')}, a.kind, '示例' || a.kind || a.n, a.founded_on, CASE WHEN ${r.u(3, 'a.n')} < 0.05 THEN DATE '2026-01-01' END, true
        FROM ${alliances}`,
    },
    {
      table: 'alliance_member',
      sql: `INSERT INTO alliance_member (alliance_id, organization_id, jurisdiction, joined_on)
        SELECT ${gid('joint', 'Alliance', 'a.n')}, ${side} || ':Organization:b' || (${memberOrg}), ${side}, a.founded_on
        FROM ${alliances} CROSS JOIN generate_series(0, 3) m`,
    },
    {
      table: 'agreement',
      sql: `INSERT INTO agreement (id, title, signed_on, alliance_id)
        SELECT ${gid('joint', 'Agreement', 'a.n')}, '示例框架协议' || a.n, a.founded_on + 30, ${gid('joint', 'Alliance', 'a.n')}
        FROM ${alliances} WHERE a.n % 10 < 7`,
    },
    {
      table: 'agreement_signatory',
      sql: `INSERT INTO agreement_signatory (agreement_id, organization_id, jurisdiction)
        SELECT ${gid('joint', 'Agreement', 'a.n')}, ${side} || ':Organization:b' || (${memberOrg}), ${side}
        FROM ${alliances} CROSS JOIN generate_series(0, 1) m WHERE a.n % 10 < 7`,
    },
    {
      table: 'cooperation_item',
      sql: `INSERT INTO cooperation_item (id, agreement_id, category, title, position)
        SELECT ${gid('joint', 'CooperationItem', "a.n || '-' || p")}, ${gid('joint', 'Agreement', 'a.n')},
          (ARRAY[${VOCABULARY.cooperationCategory.map((c) => `'${c}'`).join(', ')}])[1 + (a.n + p) % ${VOCABULARY.cooperationCategory.length}],
          '示例合作事项' || p, p
        FROM ${alliances} CROSS JOIN generate_series(1, 5) p WHERE a.n % 10 < 7 AND p <= 3 + a.n % 3`,
    },
  ];
}

/** Tables whose rows the loads replace, children first (the order to empty them in). */
export const STORE_TABLES: Record<'jurisdiction' | 'joint', string[]> = {
  jurisdiction: ['grid', 'pairing', 'civilization_record', 'transport_link', 'team_action', 'team', 'project', 'facility', 'service_case', 'activity', 'post', 'person', 'organization', 'region'],
  joint: ['cooperation_item', 'agreement_signatory', 'agreement', 'alliance_member', 'alliance'],
};
