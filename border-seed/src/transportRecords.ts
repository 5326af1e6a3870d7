import { BORDER_TOWN_NAMES, allianceId, townPartners } from './border.ts';
import { chineseNumber } from './chinese.ts';
import { H1_2021, day } from './dates.ts';
import { gid, otherSide, serial } from './ids.ts';
import { townRegionId } from './places.ts';
import { seededRandom } from './random.ts';
import type { TransportLinkRow } from './rows.ts';
import { slots, type SideContext } from './slots.ts';
import { splitDecimal } from './splitTotal.ts';

/**
 * Dead-end roads (断头路) connected in the first half of 2021: each from a border town to a town of
 * the other side it has a township alliance with, lengths (two decimals) adding up to `km`.
 */
export function deadEndRoads(ctx: SideContext, spec: { count: number; km: number }): TransportLinkRow[] {
  const { side } = ctx;
  const other = otherSide(side);
  const lengths = splitDecimal(spec.km, spec.count, seededRandom(`${side}:dead-end-road`), { min: 0.3, spread: 0.7 });
  const perPair = new Map<string, number>();
  return slots(ctx, 'dead-end-road', spec.count, H1_2021).map((s) => {
    const partners = townPartners(side, s.town.key);
    if (partners.length === 0) throw new Error(`${side} town ${s.town.key} has no township alliance`);
    const { alliance, partner } = partners[s.visit % partners.length]!;
    const partnerName = BORDER_TOWN_NAMES[other][partner.town!]!;
    const nth = (perPair.get(alliance.key) ?? 0) + 1;
    perPair.set(alliance.key, nth);
    return {
      id: gid(side, 'TransportLink', `dead-end-road-2021-${serial(s.i + 1, 2)}`),
      kind: '断头路',
      name: `${s.town.name}至${partnerName}毗邻断头路（${chineseNumber(nth)}）`,
      fromRegionId: townRegionId(side, s.town.key),
      toRegionId: townRegionId(other, partner.town!),
      lengthKm: lengths[s.i]!,
      openedOn: s.on,
      allianceId: day(alliance.foundedOn).getTime() <= s.on.getTime() ? allianceId(alliance.key) : null,
    };
  });
}
