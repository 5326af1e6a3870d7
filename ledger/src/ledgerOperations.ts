import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { JURISDICTIONS } from '@linju/contract';
import { briefingActivityMonthsDocument, figuresDocument, sideFigureDocument, sideFigureLists, sideFiguresDocument } from './export/figureTables.ts';
import { recordLists } from './export/recordLists.ts';
import { recordListDocuments } from './export/recordTable.ts';
import { listReadDocument } from './gatewayClient.ts';
import { ALLIANCE_READ } from './checkAlliances.ts';
import { bulkImportDocument } from './importBatches.ts';
import { singleWriteDocument } from './importOneByOne.ts';
import { LEDGER_KINDS } from './kinds/index.ts';
import { idsRead, namesRead, placesRead, REGION_PATHS_READ, REGIONS_READ } from './listReads.ts';
import { dataAsOfDocument, withdrawDocument } from './withdrawDocuments.ts';
import { REGISTERED_PEOPLE_READ, updatePersonDocument } from './registeredPeople.ts';
import { sameRecordsRead } from './sameRecords.ts';

/** One document the ledger sends to the gateway, exactly as it sends it. */
export interface LedgerOperation {
  readonly name: string;
  readonly document: string;
}

function nameOf(document: string): string {
  const [operation] = parse(document, { noLocation: true }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operation!.name!.value;
}

/**
 * Every document the ledger can send to the gateway (the documents server and the CLIs alike),
 * made by the very functions that make them when they are sent: each record list's and figure
 * table's export (a side's list, figures and aggregate once per side, through the side's own root field),
 * each kind's bulk and single write on each side, the list reads of the import
 * (names looked up and where namesakes lie, IDs written before, the records a corrected row would double (`sameRecords.ts`), the alliances rows name) and of the template (the operator's regions and records), each
 * side's through its own root field (`sichuan { … }`),
 * and each side's withdrawal of an import (its store's 数据截至, read first, and `<side>WithdrawRecord`), and the people
 * ledger's registered persons read and corrected (`<side>UpdatePerson`, `registeredPeople.ts`).
 * `npm run schema:compose` writes them to `ledger/operations/` (src/operationsCli.ts), so the
 * manifest registers them and a gateway in registered-only mode answers the ledger. They follow the
 * committed supergraph and federation.json. The briefing's operations are the joint dashboard's
 * `DashboardFigures`, registered where it is written, and every side's activities by month
 * (`LedgerExportActivitiesByMonth`, made here by `briefingActivityMonthsDocument`).
 * @throws when two different documents would have one name (the manifest registers a name once)
 */
export function ledgerOperations(): LedgerOperation[] {
  const kinds = Object.values(LEDGER_KINDS);
  const documents = [
    ...[...recordLists().values()].flatMap(recordListDocuments),
    figuresDocument(),
    ...JURISDICTIONS.map(({ key }) => sideFiguresDocument(key)),
    ...JURISDICTIONS.flatMap(({ key }) => sideFigureLists().map((list) => sideFigureDocument(list, key))),
    briefingActivityMonthsDocument(),
    ...JURISDICTIONS.flatMap(({ key }) => kinds.flatMap((kind) => [bulkImportDocument(kind, key), singleWriteDocument(kind, key)])),
    ...JURISDICTIONS.flatMap(({ key }) => [dataAsOfDocument(key), withdrawDocument(key), updatePersonDocument(key)]),
    ALLIANCE_READ,
    ...JURISDICTIONS.flatMap(({ key }) =>
      [REGIONS_READ, REGION_PATHS_READ, REGISTERED_PEOPLE_READ, ...kinds.flatMap((kind) => kind.columns.flatMap((c) => (c.reference ? [namesRead(c.reference), placesRead(c.reference)] : []))), ...kinds.map((kind) => idsRead(kind.list)), ...kinds.flatMap((kind) => (kind.identity ? [sameRecordsRead(kind)] : []))].map((read) => listReadDocument(read, key)),
    ),
  ];
  const byName = new Map<string, string>();
  for (const document of documents) {
    const name = nameOf(document);
    const other = byName.get(name);
    if (other !== undefined && other !== document) throw new Error(`The ledger sends two documents named ${name}`);
    byName.set(name, document);
  }
  return [...byName].map(([name, document]) => ({ name, document }));
}
