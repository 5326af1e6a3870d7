import DataLoader from 'dataloader';
import type { RequestAudit } from '@linju/subgraph-runtime';
import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import { rowsByColumn, rowsById } from '@linju/subgraph-runtime';
import type { OverviewKey } from '@linju/contract';
import { loadActivityMonths, loadServiceCaseKinds, type ActivityMonth, type ServiceCaseKindFigures } from './breakdowns.ts';
import { loadFigures, zeroFigures, type Figures } from './figures.ts';
import { cachedPeriodLoader } from './periodLoader.ts';
import { TABLES } from './tables.ts';

/**
 * The DataLoaders of one request to a jurisdiction's subgraph. Every `__resolveReference` and
 * every list relation goes through one of them, so a request's statement count does not grow
 * with the rows it returns. Each tells the request's audit what it read.
 */
export class JurisdictionLoaders {
  private readonly rows = new Map<string, DataLoader<string, Row | null>>();
  private readonly groups = new Map<string, DataLoader<string, Row[]>>();

  /** This side's figures for overview keys: one statement per distinct period in the batch. */
  readonly figures: DataLoader<OverviewKey, Figures, string>;
  /** This side's activities per month, by overview key: one statement per distinct period. */
  readonly activityMonths: DataLoader<OverviewKey, ActivityMonth[], string>;
  /** This side's service cases by kind, by overview key: one statement per distinct period. */
  readonly serviceCaseKinds: DataLoader<OverviewKey, ServiceCaseKindFigures[], string>;

  constructor(
    private readonly db: Db,
    private readonly audit?: RequestAudit,
  ) {
    const seen = (type: string) => () => audit?.read(type);
    // Aggregates are shared by requests until a write to this store commits (see AggregateCache),
    // by period and the alliances asked for (only their rollup rows are read).
    this.figures = cachedPeriodLoader(db, 'figures', (period, alliances) => loadFigures(db, period, { alliances }), () => zeroFigures(), seen('JurisdictionFigures'));
    this.activityMonths = cachedPeriodLoader(db, 'activityMonths', (period, alliances) => loadActivityMonths(db, period, alliances), () => [], seen('ActivityMonth'));
    this.serviceCaseKinds = cachedPeriodLoader(db, 'serviceCaseKinds', (period, alliances) => loadServiceCaseKinds(db, period, alliances), () => [], seen('ServiceCaseKindFigures'));
  }

  /** Records of a contract type by id. */
  byId(type: string): DataLoader<string, Row | null> {
    let loader = this.rows.get(type);
    if (!loader) this.rows.set(type, (loader = rowsById(this.db, TABLES[type]!.table, this.noteRead(type))));
    return loader;
  }

  /** Records of a contract type whose `column` equals the key (e.g. the posts of an organization). */
  byColumn(type: string, column: string): DataLoader<string, Row[]> {
    const name = `${type}.${column}`;
    let loader = this.groups.get(name);
    if (!loader) this.groups.set(name, (loader = rowsByColumn(this.db, TABLES[type]!.table, column, this.noteRead(type))));
    return loader;
  }

  private noteRead(type: string) {
    const audit = this.audit;
    return audit && ((rows: readonly Row[]) => audit.read(type, rows.map((row) => row.id)));
  }
}
