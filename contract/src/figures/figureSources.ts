import type { VOCABULARY } from '../vocabulary.ts';

/** A numeric column a figure may sum: its GraphQL type and what one unit of it is. */
export interface SourceColumn {
  readonly type: 'Int' | 'Float';
  readonly label: string;
}

/**
 * A table of each jurisdiction's store that figures are computed from. Records count in a period
 * by their `date`; per alliance by their `alliance` column (`t` is the table, `tm` what it joins).
 */
export interface FigureSource {
  /** The record kind in Chinese, as 统计口径 names it (e.g. 活动记录). */
  readonly label: string;
  readonly labelEn: string;
  /** `FROM` clause; the table is aliased `t`. */
  readonly from: string;
  readonly date: string;
  readonly alliance: string;
  /** The column holding the record's kind, and the vocabulary list its values come from. */
  readonly kind?: { readonly column: string; readonly vocabulary: keyof typeof VOCABULARY };
  readonly columns: Readonly<Record<string, SourceColumn>>;
  /** Boolean columns a figure may count by. */
  readonly flags?: Readonly<Record<string, string>>;
  /**
   * Whether its records are things set up that stand once set up (a post, a facility, a team), dated
   * by when they were set up, rather than things that happen (an activity, a service case): `true`
   * for every kind, or the kinds that are (一约四会 and 公约 of the civilization records, not their
   * activities). A figure of them counts what was newly set up in the period, not what stands: one
   * of 0 after 27 is no fall, and the briefing never says one (`isStanding` in figureRules.ts).
   */
  readonly standing?: true | { readonly kinds: readonly string[] };
}

/** Every table figures are computed from. Columns and kinds here are what the figure catalogue may name. */
export const FIGURE_SOURCES = {
  post: {
    label: '职务记录', labelEn: 'posts',
    from: 'post t', date: 't.started_on', alliance: 't.alliance_id',
    standing: true,
    columns: {},
  },
  activity: {
    label: '活动记录', labelEn: 'activities',
    from: 'activity t', date: 't.held_on', alliance: 't.alliance_id',
    kind: { column: 't.kind', vocabulary: 'activityKind' },
    columns: {
      sessions: { type: 'Int', label: '场次' },
      person_times: { type: 'Int', label: '人次' },
      talents_recruited: { type: 'Int', label: '引进人数' },
    },
  },
  facility: {
    label: '阵地记录', labelEn: 'facilities',
    from: 'facility t', date: 't.opened_on', alliance: 't.alliance_id',
    standing: true,
    kind: { column: 't.kind', vocabulary: 'facilityKind' },
    columns: { area_sqm: { type: 'Float', label: '面积' } },
    flags: { converted_from_idle: '由闲置资产改建' },
  },
  project: {
    label: '项目记录', labelEn: 'projects',
    from: 'project t', date: 't.started_on', alliance: 't.alliance_id',
    standing: true,
    kind: { column: 't.kind', vocabulary: 'projectKind' },
    columns: {
      land_mu: { type: 'Float', label: '面积' },
      subsidy_wan: { type: 'Float', label: '补助金额' },
      expected_income_wan: { type: 'Float', label: '预计收入' },
      households_benefiting: { type: 'Int', label: '受益户数' },
      income_per_household_yuan: { type: 'Float', label: '户均增收' },
      investment_wan: { type: 'Float', label: '投资额' },
    },
  },
  serviceCase: {
    label: '川渝通办事项记录', labelEn: 'service cases',
    from: 'service_case t', date: 't.handled_on', alliance: 't.alliance_id',
    kind: { column: 't.kind', vocabulary: 'serviceCaseKind' },
    columns: {
      people: { type: 'Int', label: '人数' },
      households: { type: 'Int', label: '户数' },
      amount_wan: { type: 'Float', label: '金额' },
    },
  },
  team: {
    label: '队伍记录', labelEn: 'teams',
    from: 'team t', date: 't.founded_on', alliance: 't.alliance_id',
    standing: true,
    kind: { column: 't.category', vocabulary: 'teamCategory' },
    columns: {},
  },
  teamAction: {
    label: '队伍行动记录', labelEn: 'team actions',
    from: 'team_action t JOIN team tm ON tm.id = t.team_id', date: 't.acted_on', alliance: 'tm.alliance_id',
    kind: { column: 't.kind', vocabulary: 'teamActionKind' },
    columns: { occurrences: { type: 'Int', label: '次数' } },
  },
  transportLink: {
    label: '交通连接记录', labelEn: 'transport links',
    from: 'transport_link t', date: 't.opened_on', alliance: 't.alliance_id',
    standing: true,
    kind: { column: 't.kind', vocabulary: 'transportLinkKind' },
    columns: { length_km: { type: 'Float', label: '里程' } },
  },
  civilizationRecord: {
    label: '文明共创记录', labelEn: 'civilization records',
    from: 'civilization_record t', date: 't.recorded_on', alliance: 't.alliance_id',
    standing: { kinds: ['一约四会', '公约'] },
    kind: { column: 't.kind', vocabulary: 'civilizationKind' },
    columns: { occurrences: { type: 'Int', label: '次数' } },
  },
} as const satisfies Record<string, FigureSource>;

export type SourceName = keyof typeof FIGURE_SOURCES;
