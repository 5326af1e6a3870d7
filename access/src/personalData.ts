import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { chineseLabel, type JurisdictionInfo } from '@linju/contract';
import type { ResolverMap } from '@linju/contract';
import { mayReadPersonalData, type NamedRegion, PERSONAL_FIELDS, type PersonalField, personalDataForbidden, personalDataOutsideRegion } from './accessRules.ts';
import type { Caller } from './caller.ts';

type Resolver = GraphQLFieldResolver<Record<string, unknown>, { caller: Caller }>;

/**
 * Whether the caller's region covers the person (the owner's rule: the region of the person's
 * organization): `true`, or else the caller's region, named as the store knows it, for the refusal.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CoversPerson = (context: any, person: Record<string, unknown>) => true | NamedRegion | Promise<true | NamedRegion>;

/**
 * The field as its refusal names it. Its Chinese name is the one its description in the schema
 * gives (the contract's, house style `中文 / English`, as the ledger's export headers read it):
 * `联系电话：手机号……（个人信息……）/ Phone …` → 联系电话; `公民身份号码（18 位；……）/ …` → 公民身份号码.
 */
function personalField(info: GraphQLResolveInfo): PersonalField {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const description = info.parentType.getFields()[info.fieldName]?.description ?? '';
  return { coordinate, label: chineseLabel(description) || coordinate };
}

/**
 * Guards a jurisdiction's personal fields (`PERSONAL_FIELDS`, e.g. `SichuanPerson.phone`): for
 * anyone but this side's operators each resolves to null with a FORBIDDEN error on its own path,
 * whether the value is set or not (a null must not tell an outsider that nothing is recorded), and
 * the rest of the answer stays. Applied last, over the side's own resolvers too, so no override
 * can bypass it; reached through `_entities` just the same. A region-scoped operator of the side reads
 * them only for people its region covers (`covers`); for the others the field is refused the same way.
 */
export function guardPersonalFields(resolvers: ResolverMap, side: JurisdictionInfo, covers: CoversPerson): ResolverMap {
  const guarded: ResolverMap = { ...resolvers };
  for (const [contractType, fields] of Object.entries(PERSONAL_FIELDS)) {
    const type = `${side.typePrefix}${contractType}`;
    const own = { ...(resolvers[type] as Record<string, unknown> | undefined) };
    for (const field of fields) {
      const inner = typeof own[field] === 'function' ? (own[field] as Resolver) : undefined;
      const guard: Resolver = async (source, args, context, info) => {
        if (!mayReadPersonalData(context.caller, side.key)) throw personalDataForbidden(context.caller, side.key, personalField(info));
        const covered = await covers(context, source);
        if (covered !== true) throw personalDataOutsideRegion(context.caller, personalField(info), covered);
        return inner ? inner(source, args, context, info) : source[field];
      };
      own[field] = guard;
    }
    guarded[type] = own;
  }
  return guarded;
}
