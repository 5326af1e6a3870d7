import { CLAIM_NAME_VARIABLES, DEFAULT_CLAIM_NAMES, isClaimName, type ClaimNames } from '@linju/sign-in/tokenClaims';
import { ConfigError } from './ConfigError.ts';
import { setting } from './setting.ts';

/**
 * Where a token's role, region and display name are: `LINJU_CLAIM_ROLE`, `LINJU_CLAIM_REGION`,
 * `LINJU_CLAIM_NAME`, each a claim name or a dotted path (default `role`, `region`, `name`). Read
 * the same way by the gateway (which verifies tokens by them and tells the pages) and by the
 * documents server and the ledger's commands (which read an operator's token to fill its template).
 * @throws a {@link ConfigError} naming a variable that is no claim name
 */
export function claimNamesSetting(env: NodeJS.ProcessEnv): ClaimNames {
  const read = (claim: keyof ClaimNames): string => {
    const variable = CLAIM_NAME_VARIABLES[claim];
    const value = setting(env, variable);
    if (value === undefined) return DEFAULT_CLAIM_NAMES[claim];
    if (!isClaimName(value)) throw ConfigError.invalid(variable, value, 'a claim name, or a dotted path such as linju.role');
    return value;
  };
  return { role: read('role'), region: read('region'), name: read('name') };
}
