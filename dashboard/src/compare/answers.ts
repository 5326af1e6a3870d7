import type { WithFiguresByName } from '../graphql/figureValues.ts';
import type { DashboardComparisonQuery } from '../graphql/operations.generated.ts';

/** `DashboardComparison`'s answer, figures by name as `sendOperation` hands it over. */
export type ComparisonAnswer = WithFiguresByName<DashboardComparisonQuery>;
