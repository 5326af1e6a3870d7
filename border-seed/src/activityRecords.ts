import { H1_2021 } from './dates.ts';
import { gid, serial } from './ids.ts';
import { townOrgId } from './places.ts';
import { seededRandom } from './random.ts';
import type { ActivityRow } from './rows.ts';
import { slots, type SideContext } from './slots.ts';
import { splitVaried } from './splitTotal.ts';

/** Joint seminars (座谈交流) of the first half of 2021: `rows` records whose sessions add up to `sessions`. */
export function seminars(ctx: SideContext, spec: { rows: number; sessions: number }): ActivityRow[] {
  const rng = seededRandom(`${ctx.side}:seminar`);
  const sessions = splitVaried(spec.sessions, spec.rows, rng, { min: 1 });
  return slots(ctx, 'seminar', spec.rows, H1_2021).map((s) => ({
    id: gid(ctx.side, 'Activity', `seminar-2021-${serial(s.i + 1)}`),
    kind: '座谈交流',
    title: `${s.town.name}毗邻镇村党建座谈交流会`,
    heldOn: s.on,
    organizerId: townOrgId(ctx.side, s.town.key),
    sessions: sessions[s.i]!,
    personTimes: sessions[s.i]! * rng.int(12, 25),
    talentsRecruited: 0,
    allianceId: s.allianceId,
  }));
}

const PERSON_TIME_KINDS = {
  互派学习: { key: 'exchange', title: (town: string) => `${town}与毗邻镇村互派党员干部跟岗学习` },
  培训: { key: 'training', title: (town: string) => `毗邻镇村基层干部培训班（${town}）` },
} as const;

/** Study exchanges (互派学习) or cadre training (培训) of H1 2021, person-times adding up to `personTimes`. */
export function personTimeActivities(
  ctx: SideContext,
  kind: keyof typeof PERSON_TIME_KINDS,
  spec: { rows: number; personTimes: number },
): ActivityRow[] {
  const { key, title } = PERSON_TIME_KINDS[kind];
  const rng = seededRandom(`${ctx.side}:${key}`);
  const personTimes = splitVaried(spec.personTimes, spec.rows, rng, { min: 3 });
  return slots(ctx, key, spec.rows, H1_2021).map((s) => ({
    id: gid(ctx.side, 'Activity', `${key}-2021-${serial(s.i + 1)}`),
    kind,
    title: title(s.town.name),
    heldOn: s.on,
    organizerId: townOrgId(ctx.side, s.town.key),
    sessions: kind === '培训' ? rng.int(1, 3) : 1,
    personTimes: personTimes[s.i]!,
    talentsRecruited: 0,
    allianceId: s.allianceId,
  }));
}
