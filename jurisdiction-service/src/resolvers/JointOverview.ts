import { parseOverviewId } from '@linju/contract';
import type { JurisdictionContext } from './context.ts';

/** This side's part of a joint overview; the field is named after the side (`sichuan`, `chongqing`). */
export function jointOverview(sideKey: string) {
  return {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    [sideKey]: (overview: { id: string }, _args: unknown, ctx: JurisdictionContext) =>
      ctx.loaders.figures.load(parseOverviewId(overview.id)),
  };
}
