import { isCardName, type CardName } from './cardFigures.ts';

/**
 * The joint office's key indicators, shown first (重点指标), in this order; every other figure is in
 * its category below. Names are the catalogue's (`contract/src/figures/figureCatalogue.ts`) or the
 * joint office's (`cardFigures.ts`: alliancesTotal, townshipAlliances, agreements, …).
 */
export const DEFAULT_HEADLINE: readonly CardName[] = [
  'alliancesTotal',
  'crossAppointments',
  'jointSeminarSessions',
  'trainingPersonTimes',
  'activityRoomAreaSqm',
  'collectiveSubsidyWan',
  'householdRegistrationMoves',
  'problemsSolved',
];

/**
 * The headline from a comma-separated list of figure names (a deployment's
 * `VITE_DASHBOARD_HEADLINE`, read when the page is built); names the page does not know are left
 * out, and an empty or unknown list gives the default.
 */
export function headlineFrom(list: string | undefined): readonly CardName[] {
  const names = (list ?? '').split(',').map((name) => name.trim()).filter(isCardName);
  return names.length > 0 ? [...new Set(names)] : DEFAULT_HEADLINE;
}

/** The headline this build shows. */
export const HEADLINE: readonly CardName[] = headlineFrom(import.meta.env.VITE_DASHBOARD_HEADLINE as string | undefined);
