import { allianceFor } from './border.ts';
import { spreadDates, type Period } from './dates.ts';
import type { Side } from './ids.ts';
import type { TownSpec, VillageSpec } from './places.ts';
import { hashString } from './random.ts';

/** What a side's record builders need to know: which side, and its border towns. */
export interface SideContext {
  side: Side;
  towns: readonly TownSpec[];
}

/** Where and when one record of a series falls, and the alliance it is tagged with. */
export interface Slot {
  /** Position in the series, 0-based. */
  i: number;
  town: TownSpec;
  /** How many earlier records of the series fell in the same town. */
  visit: number;
  on: Date;
  allianceId: string | null;
}

/**
 * Places a series of `n` records: over the side's border towns in turn (starting at a town chosen by
 * the series' label), on dates spread evenly over the period, each tagged with one of the town's
 * alliances already founded by then (or, now and then, none).
 */
export function slots(ctx: SideContext, label: string, n: number, period: Period): Slot[] {
  const towns = ctx.towns;
  if (towns.length === 0) throw new Error('a side needs border towns');
  const h = hashString(`${ctx.side}:${label}`);
  const offset = h % towns.length;
  const dates = spreadDates(period, n, ((h >>> 10) % 1000) / 1000);
  return dates.map((on, i) => {
    const town = towns[(i + offset) % towns.length]!;
    const visit = Math.floor(i / towns.length);
    return { i, town, visit, on, allianceId: allianceFor(ctx.side, town.key, on, visit + (h >>> 20)) };
  });
}

/** The town's villages (not communities), taken in turn by `n`. */
export function villageOf(town: TownSpec, n: number): VillageSpec {
  const villages = town.villages.filter((v) => !v.community);
  const list = villages.length > 0 ? villages : town.villages;
  if (list.length === 0) throw new Error(`town ${town.key} has no villages`);
  return list[n % list.length]!;
}
