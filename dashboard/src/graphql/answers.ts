import type { WithFiguresByName } from './figureValues.ts';
import type { DashboardAllianceQuery, DashboardAlliancesQuery, DashboardFiguresQuery } from './operations.generated.ts';

// The answers as the page holds them: the types generated from the schema and the registered
// operations (operations.generated.ts, written by `npm run schema:compose`), with every figure list
// turned into figures by name as `sendOperation` does. Nothing here restates a field.

/** `DashboardFigures`'s answer. A jurisdiction whose subgraph is down is a null item. */
export type FiguresAnswer = WithFiguresByName<DashboardFiguresQuery>;

/** One jurisdiction's part of `DashboardFigures`. */
export type SideFigures = NonNullable<NonNullable<FiguresAnswer['jurisdictions']>[number]>;

/** `DashboardAlliances`'s answer. */
export type AlliancesAnswer = WithFiguresByName<DashboardAlliancesQuery>;

/** An alliance of `DashboardAlliances`. */
export type AllianceRow = NonNullable<AlliancesAnswer['alliances']>['edges'][number]['node'];

/** `DashboardAlliance`'s answer. A member whose side is down has a null organization. */
export type AllianceAnswer = WithFiguresByName<DashboardAllianceQuery>;

/** A post of a member organization; the holder may be of the other side (a cross-appointment). */
export type MemberPost = NonNullable<NonNullable<AllianceAnswer['alliance']>['members'][number]['organization']>['posts'][number];
