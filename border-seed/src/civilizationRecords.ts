import { H1_2021 } from './dates.ts';
import { gid, serial } from './ids.ts';
import { townRegionId, villageRegionId } from './places.ts';
import { seededRandom } from './random.ts';
import type { CivilizationRecordRow } from './rows.ts';
import { slots, villageOf, type SideContext } from './slots.ts';
import { splitVaried } from './splitTotal.ts';

export interface CivilizationSpec {
  /** 一约四会 set up (one village each). */
  villageCompacts: number;
  /** 公约 drawn up (one village each). */
  conventions: number;
  /** 文明实践活动, 节庆文体活动, 打击非法宗教活动: `rows` records, occurrences adding up to `occurrences`. */
  practiceActivities: { rows: number; occurrences: number };
  festivalEvents: { rows: number; occurrences: number };
  illegalReligionActions: { rows: number; occurrences: number };
}

const CONVENTION_TOPICS = ['边界地行为习惯公约', '家教家风公约', '婚丧嫁娶公约'];
const PRACTICE_TITLES = ['“法律七进”活动', '送文化下乡活动', '移风易俗宣传活动', '社会主义核心价值观宣讲活动'];

/** Festival events by season: spring festival gala and lantern fair early in the year, games later. */
function festivalTitle(on: Date, n: number): string {
  const month = on.getUTCMonth() + 1;
  if (month <= 2) return n % 2 === 0 ? '毗邻镇村“乡村大春晚”' : '毗邻镇村“共庆元宵联谊会”';
  return n % 2 === 0 ? '毗邻镇村“乡村运动会”' : '毗邻镇村端午民俗文体活动';
}

/** The side's civilization records (文明联创) of the first half of 2021. */
export function civilizationRecords(ctx: SideContext, spec: CivilizationSpec): CivilizationRecordRow[] {
  const { side } = ctx;
  const rng = seededRandom(`${side}:civilization`);
  const rows: CivilizationRecordRow[] = [];

  for (const s of slots(ctx, 'village-compact', spec.villageCompacts, H1_2021)) {
    const village = villageOf(s.town, s.visit);
    rows.push({
      id: gid(side, 'CivilizationRecord', `village-compact-2021-${serial(s.i + 1, 2)}`),
      kind: '一约四会',
      title: `${village.name}“一约四会”（村规民约、红白理事会、村民议事会、道德评议会、禁毒禁赌会）`,
      regionId: villageRegionId(side, s.town.key, village.key),
      recordedOn: s.on,
      occurrences: 1,
      allianceId: s.allianceId,
    });
  }

  for (const s of slots(ctx, 'convention', spec.conventions, H1_2021)) {
    const village = villageOf(s.town, s.visit + 1);
    rows.push({
      id: gid(side, 'CivilizationRecord', `convention-2021-${serial(s.i + 1, 2)}`),
      kind: '公约',
      title: `${village.name}${CONVENTION_TOPICS[s.i % CONVENTION_TOPICS.length]}`,
      regionId: villageRegionId(side, s.town.key, village.key),
      recordedOn: s.on,
      occurrences: 1,
      allianceId: s.allianceId,
    });
  }

  const series = [
    { key: 'practice', kind: '文明实践活动' as const, spec: spec.practiceActivities, title: (s: { town: { name: string }; on: Date; i: number }) => `${s.town.name}${PRACTICE_TITLES[s.i % PRACTICE_TITLES.length]}` },
    { key: 'festival', kind: '节庆文体活动' as const, spec: spec.festivalEvents, title: (s: { town: { name: string }; on: Date; i: number }) => `${s.town.name}${festivalTitle(s.on, s.i)}` },
    { key: 'illegal-religion', kind: '打击非法宗教活动' as const, spec: spec.illegalReligionActions, title: (s: { town: { name: string } }) => `${s.town.name}联合打击非法宗教活动和境外渗透活动` },
  ];
  for (const { key, kind, spec: sp, title } of series) {
    const occurrences = splitVaried(sp.occurrences, sp.rows, rng, { min: 1 });
    for (const s of slots(ctx, key, sp.rows, H1_2021)) {
      rows.push({
        id: gid(side, 'CivilizationRecord', `${key}-2021-${serial(s.i + 1, 2)}`),
        kind,
        title: title(s),
        regionId: townRegionId(side, s.town.key),
        recordedOn: s.on,
        occurrences: occurrences[s.i]!,
        allianceId: s.allianceId,
      });
    }
  }
  return rows;
}
