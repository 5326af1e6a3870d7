import { ROLES } from '@linju/access';
import { claimNamesSetting } from '@linju/observability';
import { tokenClaims, type TokenClaims } from '@linju/sign-in/tokenClaims';

/**
 * What an operator's token says of its holder (role, region, name), read as the gateway reads it:
 * at the claims `LINJU_CLAIM_ROLE`, `LINJU_CLAIM_REGION`, `LINJU_CLAIM_NAME` of this process's
 * environment (the gateway's variables: `npm start` gives every process the same), a role given as a
 * list holding one Linju role. Not checked: the gateway checks the token on every read and write.
 */
export function tokenHolder(token: string, env: NodeJS.ProcessEnv = process.env): TokenClaims | null {
  return tokenClaims(token, { names: claimNamesSetting(env), roles: ROLES });
}
