import { jurisdictionByKey } from '@linju/contract';
import { tokenHolder } from './tokenHolder.ts';

/**
 * The side an operator's token writes to (`sichuan-operator` → `sichuan`): a jurisdiction of the
 * federation, whose ledgers it keeps. None for another role, the joint office's operator included
 * (it keeps alliances and agreements, no side's records).
 */
export const sideOfToken = (token: string): string | undefined => {
  const side = /^(.+)-operator$/.exec(tokenHolder(token)?.role ?? '')?.[1];
  return side !== undefined && jurisdictionByKey(side) ? side : undefined;
};
