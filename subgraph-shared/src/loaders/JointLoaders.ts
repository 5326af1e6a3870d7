import DataLoader from 'dataloader';
import type { OverviewKey } from '@linju/contract';
import { rowsById, type Db, type RequestAudit } from '@linju/subgraph-runtime';
import type { Agreement, Alliance, AllianceMember, CooperationItem, AgreementSignatory } from '../generated/prisma/client.ts';
import { cachedPeriodLoader } from '@linju/jurisdiction-service';
import { membershipId, MEMBERSHIP } from '../resolvers/allianceRules.ts';
import { jointChildRows } from './jointChildren.ts';
import { allianceFigures, loadAgreementFigures, loadAllianceFigures, NO_AGREEMENTS, type AgreementFigures, type AllianceFigures } from './overviewFigures.ts';

/** A signature has no ID of its own: the audit names it by its agreement and the organization. */
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
    this.members = jointChildRows<AllianceMember>(db, 'members', read(MEMBERSHIP, (m) => membershipId(m.allianceId, m.organizationId, m.joinedOn)));
    this.agreementsOfAlliance = jointChildRows<Agreement>(db, 'agreementsOfAlliance', read('Agreement', (a) => a.id));
    this.agreement = rowsById<Agreement>(db, 'agreement', read('Agreement', (a) => a.id));
    this.signatories = jointChildRows<AgreementSignatory>(db, 'signatories', read('AgreementSignatory', (s) => heldBy(s, s.agreementId)));
    this.items = jointChildRows<CooperationItem>(db, 'items', read('CooperationItem', (i) => i.id));
    // Counted by the store (no record reaches this process for a figure), one statement per period,
    // shared by requests until a write to the store commits, as each side's figures are.
    const seen = () => audit?.read('JointOverview');
    this.allianceFigures = cachedPeriodLoader(db, 'allianceFigures', (period, alliances) => loadAllianceFigures(db, period, alliances), () => allianceFigures([]), seen);
    this.agreementFigures = cachedPeriodLoader(db, 'agreementFigures', (period, alliances) => loadAgreementFigures(db, period, alliances), () => NO_AGREEMENTS, seen);
  }

  /** Forgets every record read so far: after a write, the same request must read what it wrote. */
  forgetRecords(): void {
    for (const loader of [this.alliance, this.members, this.agreementsOfAlliance, this.agreement, this.signatories, this.items]) loader.clearAll();
    this.allianceFigures.clearAll();
    this.agreementFigures.clearAll();
  }
}
