import { personTimeActivities, seminars } from '@linju/border-seed';
import { allianceId } from '@linju/border-seed';
import { TONGTAN_2017_2018, day, spreadDates } from '@linju/border-seed';
import { gid, serial } from '@linju/border-seed';
import { townOrgId, villageOrgId } from '@linju/border-seed';
import { seededRandom } from '@linju/border-seed';
import type { ActivityRow } from '@linju/border-seed';
import { splitVaried } from '@linju/border-seed';
import { SICHUAN } from './regions.ts';

/** Seed 001: 10 talent-recruitment events of the talent alliance, 170 people recruited in all. */
const TALENT_EVENTS = [
  '“遂·潼·铜”联合引才活动',
  '“安逸安居·职等你来”引才活动',
  '遂潼毗邻地区人才招聘会',
  '川渝高校毕业生安居专场招聘会',
  '锂电及新材料产业人才专场招聘',
  '汽车装备制造产业技能人才招聘',
  '天然气清洁能源产业人才对接会',
  '潼安职教联盟实训基地校企对接会',
  '遂潼乡村振兴人才引进洽谈会',
  '“遂·潼·铜”第二届联合引才活动',
];
const talentCounts = splitVaried(170, TALENT_EVENTS.length, seededRandom('sichuan:talent'), { min: 8, spread: 0.6 });
const talentDates = spreadDates({ from: '2021-09-01', to: '2023-06-30' }, TALENT_EVENTS.length, 0.4);
const talentEvents: ActivityRow[] = TALENT_EVENTS.map((title, i) => ({
  id: gid('sichuan', 'Activity', `talent-recruitment-${serial(i + 1, 2)}`),
  kind: '引才活动',
  title,
  heldOn: talentDates[i]!,
  organizerId: gid('sichuan', 'Organization', 'anju-talent-service'),
  sessions: 1,
  personTimes: 0,
  talentsRecruited: talentCounts[i]!,
  allianceId: allianceId('talent-alliance'),
}));

/** Seed 002: 通滩镇's 27 joint activities (共建活动) with units and communities, 2017 to May 2018. */
const TONGTAN_TITLES = [
  '与辖区单位、社区党组织共建“三下乡”活动',
  '场镇治理集中整治',
  '河道治理集中整治',
  '环境治理集中整治',
  '“在职党员进社区，志愿服务在基层”活动',
  '区域化党建公益日活动',
  '爱心中转站公益活动',
  '阳光驿站公益活动',
  '“大家谈”活动',
];
const jointOn = spreadDates(TONGTAN_2017_2018, 27, 0.5);
const tongtanJoint: ActivityRow[] = jointOn.map((on, i) => {
  // 中兴场党总支 exists from the 2017 merger on; before that the town committee and community organize.
  const organizers = on >= day('2017-07-01')
    ? [townOrgId('sichuan', 'tongtan'), villageOrgId('sichuan', 'tongtan', 'community'), gid('sichuan', 'Organization', 'tongtan-zhongxingchang')]
    : [townOrgId('sichuan', 'tongtan'), villageOrgId('sichuan', 'tongtan', 'community')];
  return {
    id: gid('sichuan', 'Activity', `tongtan-joint-${serial(i + 1, 2)}`),
    kind: '共建活动',
    title: `通滩镇${TONGTAN_TITLES[i % TONGTAN_TITLES.length]}`,
    heldOn: on,
    organizerId: organizers[i % organizers.length]!,
    sessions: 1,
    personTimes: 0,
    talentsRecruited: 0,
    allianceId: null,
  };
});

export const activities: ActivityRow[] = [
  // Seed 000, first half of 2021: Sichuan's share of 41 sessions / 155 / 372 person-times.
  ...seminars(SICHUAN, { rows: 12, sessions: 21 }),
  ...personTimeActivities(SICHUAN, '互派学习', { rows: 8, personTimes: 80 }),
  ...personTimeActivities(SICHUAN, '培训', { rows: 6, personTimes: 190 }),
  ...talentEvents,
  ...tongtanJoint,
];
