import { operationName } from './operationName.ts';

// The documents a withdrawal of an import sends (withdrawImport.ts), apart from it so that the list of
// the ledger's documents (ledgerOperations.ts) is read without the workbook libraries, which
// `npm run schema:check` runs before ledger/'s own packages are installed.

/** The side's withdrawal as the ledger sends it, registered: `LedgerSichuanWithdrawRecord`. */
export function withdrawDocument(side: string): string {
  const write = `${side}WithdrawRecord`;
  return `mutation ${operationName(write)}($id: ID!, $reason: String!, $key: String) { ${write}(id: $id, reason: $reason, idempotencyKey: $key) { id reason withdrawnAt } }`;
}

/** When the side's store last changed (数据截至, its own clock), read before anything is withdrawn: `LedgerSichuanDataAsOf`. */
export function dataAsOfDocument(side: string): string {
  return `query ${operationName(side, 'dataAsOf')} { ${side} { dataAsOf } }`;
}
