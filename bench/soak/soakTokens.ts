import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '@linju/gateway/devKeys';
import { SIDES } from './soakOperations.ts';

/** The soak's bearer tokens: a viewer's for the reads, and each side's operator's for its writes. */
export interface SoakTokens {
  viewer: string;
  /** By jurisdiction key. */
  operators: Record<string, string>;
}

/**
 * Tokens minted with the development key the soak's own gateway generated in its data folder;
 * `LINJU_TOKEN_VIEWER` and `LINJU_TOKEN_<KEY>_OPERATOR` (e.g. `LINJU_TOKEN_SICHUAN_OPERATOR`)
 * override them.
 */
export async function soakTokens(dataDir: string): Promise<SoakTokens> {
  const devKeysFile = join(dataDir, 'gateway', 'dev-keys.json');
  const keys = existsSync(devKeysFile) ? await loadOrCreateDevKeys(devKeysFile) : undefined;
  const token = async (variable: string, role: 'viewer' | `${string}-operator`) => {
    const configured = process.env[variable]?.trim();
    if (configured) return configured;
    if (!keys) throw new Error(`No development key in ${devKeysFile}: set ${variable}`);
    return mintDevToken(keys, role, `soak-${role}`, '2h');
  };
  const operators: Record<string, string> = {};
  for (const side of SIDES) operators[side] = await token(`LINJU_TOKEN_${side.toUpperCase()}_OPERATOR`, `${side}-operator`);
  return { viewer: await token('LINJU_TOKEN_VIEWER', 'viewer'), operators };
}
