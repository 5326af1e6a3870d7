import { operatorJurisdiction, type Role } from '@linju/access';
import { tokenHolder } from './tokenHolder.ts';

/**
 * The side an operator's token writes to (`sichuan-operator` → `sichuan`): a jurisdiction of the
 * federation, whose ledgers it keeps. None for another role, the joint office's operator included
 * (it keeps alliances and agreements, no side's records).
 */
export const sideOfToken = (token: string): string | undefined => operatorJurisdiction((tokenHolder(token)?.role ?? '') as Role)?.key;
