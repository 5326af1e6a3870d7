import DataLoader from 'dataloader';
import type { OverviewKey } from '@linju/contract';
import type { RequestAudit } from '@linju/subgraph-runtime';
import type { Agreement, Alliance, AllianceMember, CooperationItem, AgreementSignatory, PrismaClient } from '../generated/prisma/client.ts';
import { agreementFigures, allianceFigures, type AgreementFigures, type AllianceFigures } from './overviewFigures.ts';

/** Groups rows by a key, keeping the order of the keys asked for (what a DataLoader must return). */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

const periodWhere = (key: OverviewKey) => ({
  ...(key.from && { gte: new Date(`${key.from}T00:00:00Z`) }),
  ...(key.to && { lte: new Date(`${key.to}T00:00:00Z`) }),
});

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

  constructor(prisma: PrismaClient, audit?: RequestAudit) {
    /** Notes the rows a batch read, and passes them on. */
    const read = <T>(type: string, rows: T[], idOf: (row: T) => string): T[] => {
      audit?.read(type, rows.map(idOf));
      return rows;
    };
    this.alliance = new DataLoader(async (ids) => {
      const rows = read('Alliance', await prisma.alliance.findMany({ where: { id: { in: [...ids] } } }), (a) => a.id);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    this.members = new DataLoader(async (ids) =>
      groupBy(
        ids,
        read('AllianceMember', await prisma.allianceMember.findMany({ where: { allianceId: { in: [...ids] } }, orderBy: [{ jurisdiction: 'desc' }, { organizationId: 'asc' }] }), (m) => heldBy(m, m.allianceId)),
        (m) => m.allianceId,
      ),
    );
    this.agreementsOfAlliance = new DataLoader(async (ids) =>
      groupBy(ids, read('Agreement', await prisma.agreement.findMany({ where: { allianceId: { in: [...ids] } }, orderBy: { signedOn: 'asc' } }), (a) => a.id), (a) => a.allianceId!),
    );
    this.agreement = new DataLoader(async (ids) => {
      const rows = read('Agreement', await prisma.agreement.findMany({ where: { id: { in: [...ids] } } }), (a) => a.id);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    this.signatories = new DataLoader(async (ids) =>
      groupBy(
        ids,
        read('AgreementSignatory', await prisma.agreementSignatory.findMany({ where: { agreementId: { in: [...ids] } }, orderBy: { organizationId: 'asc' } }), (s) => heldBy(s, s.agreementId)),
        (s) => s.agreementId,
      ),
    );
    this.items = new DataLoader(async (ids) =>
      groupBy(ids, read('CooperationItem', await prisma.cooperationItem.findMany({ where: { agreementId: { in: [...ids] } }, orderBy: { position: 'asc' } }), (i) => i.id), (i) => i.agreementId),
    );
    const cacheKeyFn = (key: OverviewKey) => JSON.stringify([key.from, key.to, key.allianceId]);
    // One read per distinct period in the batch; the per-alliance figures are counted from it.
    this.allianceFigures = new DataLoader(async (keys) => {
      audit?.read('JointOverview');
      const byPeriod = new Map<string, Promise<Pick<Alliance, 'id' | 'kind'>[]>>();
      return Promise.all(
        keys.map(async (key) => {
          const period = JSON.stringify([key.from, key.to]);
          if (!byPeriod.has(period)) byPeriod.set(period, prisma.alliance.findMany({ where: { foundedOn: periodWhere(key) }, select: { id: true, kind: true } }));
          return allianceFigures(await byPeriod.get(period)!, key.allianceId);
        }),
      );
    }, { cacheKeyFn });
    this.agreementFigures = new DataLoader(async (keys) => {
      audit?.read('JointOverview');
      const byPeriod = new Map<string, ReturnType<typeof loadAgreements>>();
      const loadAgreements = (key: OverviewKey) =>
        prisma.agreement.findMany({ where: { signedOn: periodWhere(key) }, include: { signatories: true, items: true } });
      return Promise.all(
        keys.map(async (key) => {
          const period = JSON.stringify([key.from, key.to]);
          if (!byPeriod.has(period)) byPeriod.set(period, loadAgreements(key));
          return agreementFigures(await byPeriod.get(period)!, key.allianceId);
        }),
      );
    }, { cacheKeyFn });
  }

  /** Forgets every record read so far: after a write, the same request must read what it wrote. */
  forgetRecords(): void {
    for (const loader of [this.alliance, this.members, this.agreementsOfAlliance, this.agreement, this.signatories, this.items]) loader.clearAll();
    this.allianceFigures.clearAll();
    this.agreementFigures.clearAll();
  }
}
