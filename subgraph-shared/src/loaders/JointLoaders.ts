import DataLoader from 'dataloader';
import type { OverviewKey } from '@linju/contract';
import { rowsByColumn, rowsById, type Db, type RequestAudit } from '@linju/subgraph-runtime';
import type { Agreement, Alliance, AllianceMember, CooperationItem, AgreementSignatory } from '../generated/prisma/client.ts';
import { agreementFigureRows, allianceFigures, allianceKindCounts, NO_AGREEMENTS, type AgreementFigures, type AllianceFigures, type Period, type Scope } from './overviewFigures.ts';

/**
 * Figures of a batch of overview keys: per period, at most one statement for the whole period and
 * one for every alliance asked about in it, whatever the number of keys.
 */
function figuresByPeriod<Row extends { scope: string | null }, Figures>(
  keys: readonly OverviewKey[],
  rowsOf: (period: Period, alliances: Scope) => PromiseLike<Row[]>,
  figuresOf: (rows: Row[]) => Figures,
): Promise<Figures[]> {
  const periods = new Map<string, { period: Period; whole: boolean; alliances: Set<string> }>();
  const periodKey = (key: OverviewKey) => JSON.stringify([key.from, key.to]);
  for (const key of keys) {
    let asked = periods.get(periodKey(key));
    if (!asked) periods.set(periodKey(key), (asked = { period: { from: key.from, to: key.to }, whole: false, alliances: new Set() }));
    if (key.allianceId) asked.alliances.add(key.allianceId);
    else asked.whole = true;
  }
  const loaded = new Map<string, Promise<Row[]>>();
  for (const [at, { period, whole, alliances }] of periods) {
    const statements = [whole ? rowsOf(period, null) : [], alliances.size ? rowsOf(period, [...alliances]) : []];
    loaded.set(at, Promise.all(statements).then((sets) => sets.flat()));
  }
  return Promise.all(keys.map(async (key) => figuresOf((await loaded.get(periodKey(key))!).filter((row) => row.scope === key.allianceId))));
}

/** One scope's agreement figures (no row: no agreement). */
const agreementsOfScope = ([row]: ({ scope: string | null } & AgreementFigures)[]): AgreementFigures =>
  row ? { agreements: row.agreements, signatories: row.signatories, cooperationItems: row.cooperationItems, categories: row.categories } : NO_AGREEMENTS;

/** A membership or signature has no ID of its own: the audit names it by its holder and the organization. */
const heldBy = (row: { organizationId: string }, holderId: string) => `${holderId}/${row.organizationId}`;

/**
 * The DataLoaders of one request to the joint subgraph: one statement per batch, whatever its size.
 * Each tells the request's audit what it read.
 */
export class JointLoaders {
  readonly alliance: DataLoader<string, Alliance | null>;
  readonly members: DataLoader<string, AllianceMember[]>;
  readonly agreementsOfAlliance: DataLoader<string, Agreement[]>;
  readonly agreement: DataLoader<string, Agreement | null>;
  readonly signatories: DataLoader<string, AgreementSignatory[]>;
  readonly items: DataLoader<string, CooperationItem[]>;
  readonly allianceFigures: DataLoader<OverviewKey, AllianceFigures, string>;
  readonly agreementFigures: DataLoader<OverviewKey, AgreementFigures, string>;

  constructor(db: Db, audit?: RequestAudit) {
    /** Notes the rows a batch read (their IDs as the audit names them). */
    const read =
      <T>(type: string, idOf: (row: T) => string) =>
      (rows: readonly T[]) =>
        audit?.read(type, rows.map(idOf));
    this.alliance = rowsById<Alliance>(db, 'alliance', read('Alliance', (a) => a.id));
    this.members = rowsByColumn<AllianceMember>(db, 'alliance_member', 'alliance_id', read('AllianceMember', (m) => heldBy(m, m.allianceId)), 'jurisdiction DESC, organization_id');
    this.agreementsOfAlliance = rowsByColumn<Agreement>(db, 'agreement', 'alliance_id', read('Agreement', (a) => a.id), 'signed_on, id');
    this.agreement = rowsById<Agreement>(db, 'agreement', read('Agreement', (a) => a.id));
    this.signatories = rowsByColumn<AgreementSignatory>(db, 'agreement_signatory', 'agreement_id', read('AgreementSignatory', (s) => heldBy(s, s.agreementId)), 'organization_id');
    this.items = rowsByColumn<CooperationItem>(db, 'cooperation_item', 'agreement_id', read('CooperationItem', (i) => i.id), 'position, id');
    const cacheKeyFn = (key: OverviewKey) => JSON.stringify([key.from, key.to, key.allianceId]);
    // The store counts; no record reaches this process for a figure.
    this.allianceFigures = new DataLoader(async (keys) => {
      audit?.read('JointOverview');
      return figuresByPeriod(keys, (period: Period, alliances: Scope) => allianceKindCounts(db, period, alliances), allianceFigures);
    }, { cacheKeyFn });
    this.agreementFigures = new DataLoader(async (keys) => {
      audit?.read('JointOverview');
      return figuresByPeriod(keys, (period: Period, alliances: Scope) => agreementFigureRows(db, period, alliances), agreementsOfScope);
    }, { cacheKeyFn });
  }

  /** Forgets every record read so far: after a write, the same request must read what it wrote. */
  forgetRecords(): void {
    for (const loader of [this.alliance, this.members, this.agreementsOfAlliance, this.agreement, this.signatories, this.items]) loader.clearAll();
    this.allianceFigures.clearAll();
    this.agreementFigures.clearAll();
  }
}
