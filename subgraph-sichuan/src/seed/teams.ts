import { ANJU_LATER, TONGTAN_2017_2018, day, spreadDates } from '@linju/border-seed';
import { gid, serial } from '@linju/border-seed';
import { townOrgId } from '@linju/border-seed';
import { seededRandom } from '@linju/border-seed';
import type { TeamActionRow, TeamRow } from '@linju/border-seed';
import { splitVaried } from '@linju/border-seed';
import { governanceTeams, teamSeries, volunteerTeams } from '@linju/border-seed';
import { ANJU, SICHUAN } from './regions.ts';

// Seed 000, first half of 2021: Sichuan's share of 74 volunteer teams (309 talks, 367 patrols,
// 460 problems solved) and 64 governance teams (290 joint security actions).
const volunteer = volunteerTeams(SICHUAN, { count: 38, policyTalks: 160, patrols: 190, problemsSolved: 240 });
const governance = governanceTeams(SICHUAN, { count: 33, securityActions: 150 });

// Seed 001: Anju's share (6 of 10) of the border-governance teams founded 2021-07…2023-06.
const laterGovernance = teamSeries(ANJU, {
  key: 'governance-later',
  category: '社会治理工作队',
  kinds: [{ kind: '边界治理服务队', action: null }, { kind: '治安联防队', action: null }],
  count: 6,
  founded: ANJU_LATER,
});

// Seed 002: 通滩镇's volunteer teams (named in the source) and the 42 problems solved, 2017–2018.
const TONGTAN_TEAMS = [
  { key: 'tongtan-elderly-care', name: '助老敬老服务队', foundedOn: '2017-03-05' },
  { key: 'tongtan-health', name: '安康健康服务队', foundedOn: '2017-04-18' },
  { key: 'tongtan-convenience', name: '便民服务便捷站', foundedOn: '2017-06-09' },
];
const tongtanTeams: TeamRow[] = TONGTAN_TEAMS.map((t) => ({
  id: gid('sichuan', 'Team', t.key),
  category: '志愿服务队',
  kind: '帮帮团',
  name: t.name,
  organizationId: townOrgId('sichuan', 'tongtan'),
  foundedOn: day(t.foundedOn),
  allianceId: null,
}));
const PROBLEM_ROWS = 12;
const problems = splitVaried(42, PROBLEM_ROWS, seededRandom('sichuan:tongtan-problems'), { min: 1 });
const problemDates = spreadDates({ from: '2017-07-01', to: TONGTAN_2017_2018.to }, PROBLEM_ROWS, 0.5);
const tongtanActions: TeamActionRow[] = problemDates.map((on, i) => ({
  id: gid('sichuan', 'TeamAction', `tongtan-problems-${serial(i + 1, 2)}`),
  teamId: tongtanTeams[i % tongtanTeams.length]!.id,
  kind: '解决难题',
  actedOn: on,
  occurrences: problems[i]!,
}));

export const teams: TeamRow[] = [...volunteer.teams, ...governance.teams, ...laterGovernance.teams, ...tongtanTeams];
export const teamActions: TeamActionRow[] = [...volunteer.teamActions, ...governance.teamActions, ...tongtanActions];
