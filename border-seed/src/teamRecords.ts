import { chineseNumber } from './chinese.ts';
import { addDays, isoDay, spreadDates, type Period } from './dates.ts';
import { gid, keyOf, serial } from './ids.ts';
import { townOrgId } from './places.ts';
import { seededRandom } from './random.ts';
import type { TeamActionRow, TeamRow } from './rows.ts';
import { slots, type SideContext } from './slots.ts';
import { splitVaried } from './splitTotal.ts';

/** A kind of team and the kind of action it records (null: none seeded). */
export interface TeamKind {
  kind: TeamRow['kind'];
  action: TeamActionRow['kind'] | null;
}

export interface TeamSeries {
  /** Key prefix of the series' IDs, e.g. `volunteer-2021`. */
  key: string;
  category: TeamRow['category'];
  /** Kinds taken in turn. */
  kinds: TeamKind[];
  count: number;
  /** When the teams were founded (spread evenly). */
  founded: Period;
  /** Last day of their recorded actions (from a few days after founding). */
  actionsUntil?: string;
  actionsPerTeam?: number;
  /** Occurrences in all, by action kind, split over that kind's action rows. */
  occurrences?: Partial<Record<TeamActionRow['kind'], number>>;
}

export interface Teams {
  teams: TeamRow[];
  teamActions: TeamActionRow[];
}

/** A series of teams of the side's border towns, with the actions they recorded. */
export function teamSeries(ctx: SideContext, series: TeamSeries): Teams {
  const { side } = ctx;
  const rng = seededRandom(`${side}:${series.key}`);
  const perTownKind = new Map<string, number>();
  const teams: TeamRow[] = [];
  const pending: { teamId: string; action: TeamActionRow['kind']; on: Date }[] = [];
  for (const s of slots(ctx, series.key, series.count, series.founded)) {
    const kind = series.kinds[s.i % series.kinds.length]!;
    const nth = (perTownKind.get(`${s.town.key}:${kind.kind}`) ?? 0) + 1;
    perTownKind.set(`${s.town.key}:${kind.kind}`, nth);
    const id = gid(side, 'Team', `${series.key}-${serial(s.i + 1)}`);
    teams.push({
      id,
      category: series.category,
      kind: kind.kind,
      name: `${s.town.name}毗邻${kind.kind}（${chineseNumber(nth)}）`,
      organizationId: townOrgId(side, s.town.key),
      foundedOn: s.on,
      allianceId: s.allianceId,
    });
    if (kind.action && series.actionsUntil && series.actionsPerTeam) {
      const window = { from: isoDay(addDays(s.on, 5)), to: series.actionsUntil };
      for (const on of spreadDates(window, series.actionsPerTeam, rng.next())) pending.push({ teamId: id, action: kind.action, on });
    }
  }

  const teamActions: TeamActionRow[] = [];
  for (const [action, total] of Object.entries(series.occurrences ?? {}) as [TeamActionRow['kind'], number][]) {
    const rows = pending.filter((p) => p.action === action);
    const parts = splitVaried(total, rows.length, rng, { min: 1 });
    rows.forEach((p, j) => {
      teamActions.push({
        id: gid(side, 'TeamAction', `${keyOf(p.teamId)}-${serial(j + 1, 2)}`),
        teamId: p.teamId,
        kind: action,
        actedOn: p.on,
        occurrences: parts[j]!,
      });
    });
  }
  if (teamActions.length !== pending.length) throw new Error(`${side} ${series.key}: actions without an occurrence total`);
  return { teams, teamActions };
}

/** Volunteer teams of the first half of 2021: 宣讲组 give policy talks, 巡逻队 patrol, 帮帮团 solve problems. */
export function volunteerTeams(
  ctx: SideContext,
  spec: { count: number; policyTalks: number; patrols: number; problemsSolved: number },
): Teams {
  return teamSeries(ctx, {
    key: 'volunteer-2021',
    category: '志愿服务队',
    kinds: [
      { kind: '宣讲组', action: '政策宣讲' },
      { kind: '巡逻队', action: '日常巡逻' },
      { kind: '帮帮团', action: '解决难题' },
    ],
    count: spec.count,
    founded: { from: '2021-01-15', to: '2021-05-31' },
    actionsUntil: '2021-06-30',
    actionsPerTeam: 3,
    occurrences: { 政策宣讲: spec.policyTalks, 日常巡逻: spec.patrols, 解决难题: spec.problemsSolved },
  });
}

/** Governance teams of the first half of 2021 and their joint security actions (联合治安行动). */
export function governanceTeams(ctx: SideContext, spec: { count: number; securityActions: number }): Teams {
  return teamSeries(ctx, {
    key: 'governance-2021',
    category: '社会治理工作队',
    kinds: [
      { kind: '联合执法小组', action: '联合治安行动' },
      { kind: '治安联防队', action: '联合治安行动' },
      { kind: '矛盾纠纷协调组', action: '联合治安行动' },
    ],
    count: spec.count,
    founded: { from: '2021-01-15', to: '2021-05-31' },
    actionsUntil: '2021-06-30',
    actionsPerTeam: 2,
    occurrences: { 联合治安行动: spec.securityActions },
  });
}
