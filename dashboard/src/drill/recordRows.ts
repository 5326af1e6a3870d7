import type { SOURCE_LISTS } from '@linju/contract/figures';
import { formatDate, formatExact } from '../format/formatNumber.ts';
import type { DashboardFigureRecordsQuery } from '../graphql/operations.generated.ts';

/** A list field of `Jurisdiction` that holds a figure's records (`activities`, `posts` …). */
export type RecordList = (typeof SOURCE_LISTS)[keyof typeof SOURCE_LISTS]['list'];

type Side = NonNullable<NonNullable<DashboardFigureRecordsQuery['jurisdictions']>[number]>;
/** One page of a list, as `DashboardFigureRecords` answers it. */
export type RecordPage = NonNullable<Side[RecordList]>;

/** A record as the drill-through shows it: a row (name and date) and, opened, every field. */
export interface RecordView {
  id: string;
  name: string;
  date: string;
  details: [string, string][];
  /** What the figure adds up of this record (its 场次, 面积 …), for a figure that sums a column; absent for a count. */
  measure?: number | null;
}

type Nodes = { [L in RecordList]: NonNullable<Side[L]>['edges'][number]['node'] };

const n = (value: number) => formatExact(value);
const named = (item: { name: string } | null | undefined) => item?.name ?? '—';
const yes = (value: boolean) => (value ? '是' : '否');

/**
 * How each list's record reads, in Chinese: its name (a service case or a team action has none: its
 * kind, or the team's name, stands in), its date and its fields. One entry per list of the
 * catalogue's sources; the type checker finds a list left out.
 */
const VIEWS: { [L in RecordList]: (node: Nodes[L]) => Omit<RecordView, 'id'> } = {
  posts: (p) => ({
    name: `${p.organization.name} · ${p.title}`,
    date: p.startedOn,
    details: [['职务', p.title], ['任职组织', p.organization.name], ['任职人', p.holder ? `${p.holder.name}（${p.holder.jurisdiction.name}）` : '—'], ['交叉任职', yes(p.crossBorder)], ['任职日期', formatDate(p.startedOn)], ['离任日期', formatDate(p.endedOn)], ['所属联盟', named(p.alliance)]],
  }),
  activities: (a) => ({
    name: a.title,
    date: a.heldOn,
    details: [['名称', a.title], ['类别', a.kind], ['举办日期', formatDate(a.heldOn)], ['主办组织', a.organizer.name], ['场次', n(a.sessions)], ['人次', n(a.personTimes)], ['引进人才', n(a.talentsRecruited)], ['所属联盟', named(a.alliance)]],
  }),
  facilities: (f) => ({
    name: f.name,
    date: f.openedOn,
    details: [['名称', f.name], ['类别', f.kind], ['启用日期', formatDate(f.openedOn)], ['所在区划', f.region.name], ['所属组织', named(f.organization)], ['面积（平方米）', n(f.areaSqm)], ['由闲置资产改建', yes(f.convertedFromIdleAsset)], ['闲置资产类别', f.idleAssetKind ?? '—'], ['所属联盟', named(f.alliance)]],
  }),
  projects: (p) => ({
    name: p.name,
    date: p.startedOn,
    details: [['名称', p.name], ['类别', p.kind], ['开始日期', formatDate(p.startedOn)], ['所在区划', p.region.name], ['所属组织', named(p.organization)], ['面积（亩）', n(p.landMu)], ['补助（万元）', n(p.subsidyWan)], ['预计收入（万元）', n(p.expectedIncomeWan)], ['受益户数', n(p.householdsBenefiting)], ['户均增收（元）', n(p.incomePerHouseholdYuan)], ['投资额（万元）', n(p.investmentWan)], ['品牌', p.brand ?? '—'], ['所属联盟', named(p.alliance)]],
  }),
  serviceCases: (c) => ({
    name: `${c.kind} · ${c.region.name}`,
    date: c.handledOn,
    details: [['类别', c.kind], ['办理日期', formatDate(c.handledOn)], ['区划', c.region.name], ['人数', n(c.people)], ['户数', n(c.households)], ['金额（万元）', n(c.amountWan)], ['所属联盟', named(c.alliance)]],
  }),
  teams: (t) => ({
    name: t.name,
    date: t.foundedOn,
    details: [['名称', t.name], ['类型', t.category], ['类别', t.kind], ['成立日期', formatDate(t.foundedOn)], ['所属组织', t.organization.name], ['所属联盟', named(t.alliance)]],
  }),
  teamActions: (a) => ({
    name: `${a.team.name} · ${a.kind}`,
    date: a.actedOn,
    details: [['队伍', a.team.name], ['行动', a.kind], ['日期', formatDate(a.actedOn)], ['次数', n(a.occurrences)]],
  }),
  transportLinks: (l) => ({
    name: l.name,
    date: l.openedOn,
    details: [['名称', l.name], ['类别', l.kind], ['通车日期', formatDate(l.openedOn)], ['起点', l.from.name], ['终点', named(l.to)], ['里程（公里）', n(l.lengthKm)], ['所属联盟', named(l.alliance)]],
  }),
  civilizationRecords: (r) => ({
    name: r.title,
    date: r.recordedOn,
    details: [['名称', r.title], ['类别', r.kind], ['日期', formatDate(r.recordedOn)], ['区划', r.region.name], ['次数', n(r.occurrences)], ['所属联盟', named(r.alliance)]],
  }),
};

/** The rows of a page of `list`, each with the value of `measured` (a record's field) when given. */
export function recordViews<L extends RecordList>(list: L, page: NonNullable<Side[L]>, measured?: string): RecordView[] {
  const view = VIEWS[list] as (node: Nodes[L]) => Omit<RecordView, 'id'>;
  return (page.edges as { node: Nodes[L] }[]).map(({ node }) => {
    const value = measured === undefined ? undefined : (node as Record<string, unknown>)[measured];
    return { id: node.id, ...view(node), ...(measured !== undefined && { measure: typeof value === 'number' ? value : null }) };
  });
}

/** Lists whose records have no name of their own (the API refuses search and NAME order on them). */
export const UNNAMED_LISTS: readonly RecordList[] = ['serviceCases', 'teamActions'];
