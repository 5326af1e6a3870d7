import type ExcelJS from 'exceljs';
import type { LedgerKind } from './kinds/index.ts';
import { ledgerTemplate } from './ledgerTemplate.ts';
import { operatorRecords, type OwnRecords } from './operatorRecords.ts';
import { sideOfToken } from './sideOfToken.ts';

/**
 * A kind's template as the caller gets it, from the command or the dashboard alike: signed in as an
 * operator (a token, its side named or the token's own), with drop-downs of the operator's own
 * records read through the gateway under that token; without a token, the plain template.
 */
export async function operatorTemplate(
  kind: LedgerKind,
  caller: { gatewayUrl: string; token?: string | null; side?: string | null },
): Promise<{ workbook: ExcelJS.Workbook; own?: OwnRecords }> {
  const { gatewayUrl, token } = caller;
  const side = caller.side ?? (token ? sideOfToken(token) : undefined);
  const own = token && side ? await operatorRecords({ gatewayUrl, token, side }, kind) : undefined;
  return { workbook: ledgerTemplate(kind, own, side), own };
}
