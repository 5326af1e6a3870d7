import type { Prisma } from '../generated/prisma/client.ts';

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * The joint office's targets for 2026, as the dashboard shows progress against them: figures of the
 * catalogue, for the joint total (jurisdiction null) or one side. Illustrative plans, not from a
 * report: targets count no record, so the seed's figures (docs/domain.md) are unchanged.
 */
export const figureTargets: Prisma.FigureTargetCreateManyInput[] = [
  { id: 'joint:FigureTarget:2026-joint-seminar-sessions', figure: 'jointSeminarSessions', jurisdiction: null, periodFrom: day('2026-01-01'), periodTo: day('2026-12-31'), value: 24, note: '每月至少开展两场联合座谈交流（示意）' },
  { id: 'joint:FigureTarget:2026-training-person-times', figure: 'trainingPersonTimes', jurisdiction: null, periodFrom: day('2026-01-01'), periodTo: day('2026-12-31'), value: 600, note: '全年联合培训基层干部（示意）' },
  { id: 'joint:FigureTarget:2026-sichuan-talent-events', figure: 'talentEvents', jurisdiction: 'sichuan', periodFrom: day('2026-01-01'), periodTo: day('2026-12-31'), value: 4, note: '四川方每季度一场引才活动（示意）' },
];
