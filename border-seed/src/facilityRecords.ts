import { allianceFor } from './border.ts';
import { H1_2021, spreadDates } from './dates.ts';
import { gid, serial } from './ids.ts';
import { townKey, townOrgId, townRegionId, villageKey, villageOrgId, villageRegionId } from './places.ts';
import { hashString, seededRandom } from './random.ts';
import type { FacilityRow } from './rows.ts';
import { slots, villageOf, type SideContext } from './slots.ts';
import { splitVaried } from './splitTotal.ts';

export interface FacilitySpec {
  /** 联合作战室: one each in as many towns. */
  warRooms: number;
  /** 党员活动室 in villages, their areas adding up to `areaSqm`. */
  activityRooms: { count: number; areaSqm: number };
  /** 实践基地, by name and town key. */
  practiceBases: { name: string; town: string }[];
  /** How many of the above were converted from an idle office building or primary school. */
  idleConverted: number;
  /** 异地就医定点医院 newly designated, by name and region key (a town or a district). */
  hospitals: { name: string; region: string }[];
}

/** The side's facilities of the first half of 2021. */
export function facilities(ctx: SideContext, spec: FacilitySpec): FacilityRow[] {
  const { side } = ctx;
  const rows: FacilityRow[] = [];
  const base = { areaSqm: 0, convertedFromIdle: false, idleAssetKind: null };

  for (const s of slots(ctx, 'war-room', spec.warRooms, H1_2021)) {
    if (s.visit > 0) throw new Error(`${side}: more war rooms than border towns`);
    rows.push({
      ...base,
      id: gid(side, 'Facility', `${s.town.key}-war-room`),
      kind: '联合作战室',
      name: `${s.town.name}毗邻镇村联合作战室`,
      regionId: townRegionId(side, s.town.key),
      organizationId: townOrgId(side, s.town.key),
      openedOn: s.on,
      allianceId: s.allianceId,
    });
  }

  const areas = splitVaried(spec.activityRooms.areaSqm, spec.activityRooms.count, seededRandom(`${side}:activity-room`), { min: 80, spread: 0.5 });
  for (const s of slots(ctx, 'activity-room', spec.activityRooms.count, H1_2021)) {
    const village = villageOf(s.town, s.visit + 1);
    rows.push({
      ...base,
      id: gid(side, 'Facility', `${villageKey(s.town.key, village.key)}-activity-room`),
      kind: '党员活动室',
      name: `${village.name}党员活动室`,
      regionId: villageRegionId(side, s.town.key, village.key),
      organizationId: villageOrgId(side, s.town.key, village.key),
      areaSqm: areas[s.i]!,
      openedOn: s.on,
      allianceId: s.allianceId,
    });
  }

  const baseDates = spreadDates(H1_2021, spec.practiceBases.length, 0.7);
  spec.practiceBases.forEach((b, i) => {
    const on = baseDates[i]!;
    rows.push({
      ...base,
      id: gid(side, 'Facility', `${b.town}-practice-base`),
      kind: '实践基地',
      name: b.name,
      regionId: townRegionId(side, b.town),
      organizationId: townOrgId(side, b.town),
      openedOn: on,
      allianceId: allianceFor(side, b.town, on, i),
    });
  });

  // Idle assets converted: a stable selection among the party facilities, two offices to one school.
  const converted = [...rows].sort((a, b) => hashString(a.id) - hashString(b.id)).slice(0, spec.idleConverted);
  if (converted.length < spec.idleConverted) throw new Error(`${side}: not enough facilities to convert ${spec.idleConverted}`);
  converted.forEach((row, i) => {
    row.convertedFromIdle = true;
    row.idleAssetKind = i % 3 === 2 ? '闲置小学' : '闲置办公用房';
  });

  const hospitalDates = spreadDates(H1_2021, spec.hospitals.length, 0.3);
  spec.hospitals.forEach((h, i) => {
    const on = hospitalDates[i]!;
    const town = ctx.towns.find((t) => townKey(t.key) === h.region);
    rows.push({
      ...base,
      id: gid(side, 'Facility', `hospital-2021-${serial(i + 1)}`),
      kind: '异地就医定点医院',
      name: h.name,
      regionId: town ? townRegionId(side, town.key) : gid(side, 'Region', h.region),
      organizationId: null,
      openedOn: on,
      allianceId: town ? allianceFor(side, town.key, on, i) : null,
    });
  });
  return rows;
}
