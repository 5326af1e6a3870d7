/**
 * The name of a document the ledger sends: `Ledger` and the parts, each capitalized
 * (`operationName('export', 'activities', 'sichuan')` → `LedgerExportActivitiesSichuan`,
 * `operationName('sichuanImportActivities')` → `LedgerSichuanImportActivities`). Each document has a
 * name of its own, because the manifest registers each name once (see ledgerOperations.ts).
 */
export function operationName(...parts: readonly string[]): string {
  return `Ledger${parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`;
}
