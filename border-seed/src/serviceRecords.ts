import { H1_2021 } from './dates.ts';
import { gid, serial } from './ids.ts';
import { townRegionId } from './places.ts';
import { seededRandom } from './random.ts';
import type { ServiceCaseRow } from './rows.ts';
import { slots, type SideContext } from './slots.ts';
import { splitDecimal, splitVaried } from './splitTotal.ts';

export interface ServiceSpec {
  /** 户口迁移 cases (one row each). */
  householdMoves: number;
  /** 养老保险转移: `rows` cases moving `people` people in all. */
  pensionTransfers: { rows: number; people: number };
  /** 公积金互认互贷: one household per case, amounts (万元) adding up to `amountWan`. */
  housingLoans: { households: number; amountWan: number };
}

/** The side's 川渝通办 service cases of the first half of 2021. */
export function serviceCases(ctx: SideContext, spec: ServiceSpec): ServiceCaseRow[] {
  const { side } = ctx;
  const rng = seededRandom(`${side}:service-cases`);
  const row = (key: string, kind: ServiceCaseRow['kind'], s: { i: number; on: Date; town: { key: string }; allianceId: string | null }) => ({
    id: gid(side, 'ServiceCase', `${key}-2021-${serial(s.i + 1)}`),
    kind,
    handledOn: s.on,
    regionId: townRegionId(side, s.town.key),
    allianceId: s.allianceId,
  });

  const moves = slots(ctx, 'household-move', spec.householdMoves, H1_2021).map((s) => ({
    ...row('household-move', '户口迁移', s),
    people: rng.int(1, 4),
    households: 1,
    amountWan: 0,
  }));

  const people = splitVaried(spec.pensionTransfers.people, spec.pensionTransfers.rows, rng, { min: 1, spread: 0.9 });
  const pensions = slots(ctx, 'pension-transfer', spec.pensionTransfers.rows, H1_2021).map((s) => ({
    ...row('pension-transfer', '养老保险转移', s),
    people: people[s.i]!,
    households: 0,
    amountWan: 0,
  }));

  const amounts = splitDecimal(spec.housingLoans.amountWan, spec.housingLoans.households, rng, { min: 8, spread: 0.7 });
  const loans = slots(ctx, 'housing-loan', spec.housingLoans.households, H1_2021).map((s) => ({
    ...row('housing-loan', '公积金互认互贷', s),
    people: 0,
    households: 1,
    amountWan: amounts[s.i]!,
  }));
  return [...moves, ...pensions, ...loans];
}
