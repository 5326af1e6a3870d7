import { ANJU_LATER } from '@linju/border-seed';
import type { TeamActionRow, TeamRow } from '@linju/border-seed';
import { governanceTeams, teamSeries, volunteerTeams } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

// Seed 000, first half of 2021: Chongqing's share of 74 volunteer teams (309 talks, 367 patrols,
// 460 problems solved) and 64 governance teams (290 joint security actions).
const volunteer = volunteerTeams(CHONGQING, { count: 36, policyTalks: 149, patrols: 177, problemsSolved: 220 });
const governance = governanceTeams(CHONGQING, { count: 31, securityActions: 140 });

// Seed 001: Chongqing's share (4 of 10) of the border-governance teams set up with 安居区, 2021-07…2023-06.
const laterGovernance = teamSeries(CHONGQING, {
  key: 'governance-later',
  category: '社会治理工作队',
  kinds: [{ kind: '边界治理服务队', action: null }, { kind: '治安联防队', action: null }],
  count: 4,
  founded: ANJU_LATER,
});

export const teams: TeamRow[] = [...volunteer.teams, ...governance.teams, ...laterGovernance.teams];
export const teamActions: TeamActionRow[] = [...volunteer.teamActions, ...governance.teamActions];
