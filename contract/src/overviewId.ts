import { userInputError } from './errors.ts';
import { fieldMessage } from './fieldLabels.ts';
import { quotedEn, quotedZh } from './text.ts';
import { ALLIANCE_ID, checkIdArgument } from './globalId.ts';
import { checkPeriod, type PeriodInput } from './period.ts';

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
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(id.replace(/^overview:/, ''), 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (!Array.isArray(key) || key.length !== 3) throw userInputError(fieldMessage('id', `${quotedZh(id)}不是联合概览 ID`, `${quotedEn(id)} is not a joint overview ID`), 'id', 'malformed');
  // What it is of reaches SQL: checked as the arguments it was made from were.
  const period = checkPeriod({ from: key[0] as string | null, to: key[1] as string | null });
  return { from: period.from ?? null, to: period.to ?? null, allianceId: checkIdArgument(key[2], 'allianceId', ALLIANCE_ID) };
}
