import { userInputError } from './errors.ts';
import type { PeriodInput } from './period.ts';

/** What a joint overview is of: a period and, optionally, one alliance. */
export interface OverviewKey {
  from: string | null;
  to: string | null;
  allianceId: string | null;
}

/**
 * The joint overview is an entity keyed by what it is of, so each side can resolve its part of
 * the same overview (`JointOverview.sichuan`, `.chongqing`) and the joint office derive the total.
 */
export function overviewId(period: PeriodInput | null | undefined, allianceId?: string | null): string {
  const key: [string | null, string | null, string | null] = [period?.from ?? null, period?.to ?? null, allianceId ?? null];
  return `overview:${Buffer.from(JSON.stringify(key)).toString('base64url')}`;
}

export function parseOverviewId(id: string): OverviewKey {
  try {
    const [from, to, allianceId] = JSON.parse(Buffer.from(id.replace(/^overview:/, ''), 'base64url').toString('utf8')) as [string | null, string | null, string | null];
    return { from, to, allianceId };
  } catch {
    throw userInputError(`${id} is not a joint overview ID`, 'id');
  }
}
